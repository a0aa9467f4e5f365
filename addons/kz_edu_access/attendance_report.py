"""The monthly attendance report (HSC-13): counts and the register of entries and exits for one month.

Pure Python (standard library only), tested without a database (tests/pure/test_attendance_report.py). The ORM
layer (wizards/kz_edu_access_report_wizard.py) fetches plain rows with a few set-based queries and converts the
times to the school's local time; this module only counts and lays out.

The rules, as printed under the report:

* **School days** of a school in a month are Monday to Friday, minus the days on which the school recorded no
  event at all (no tap of any card at any of its readers: students, staff, unknown cards alike). Such a weekday is
  taken for a holiday or a day the school was closed (1 January, 8 March, Nauryz, school holidays, ...), so no
  calendar of public holidays has to be kept. Saturdays and Sundays are never school days, even when somebody
  tapped a card; days after today (a preliminary report) have no events and so are no school days either.
* A student is **enrolled** in a class on a day when their class history (kz.edu.enrollment) has them in that
  class on that day; a student who arrives or moves mid-month counts in each class only on their days in it.
* A student is **present** on a school day when at least one recorded entry ('in') of their card falls on that
  day (local date of the school); an exit alone does not count. **Absent** = enrolled - present. The report knows
  only card entries: a student who came in without a card, or without the parents' consent to card entry (the
  tap is kept, not linked: HSC-01), is counted absent.
* **Staff** are the active employees of the school (each has a badge ID: hr_attendance gives one), and any other
  employee of the school whose badge was used during the month; a staff member is present on a day with at least
  one entry.
* The **register** shows per person and school day the first entry and the last exit of the day, local time
  HH:MM ("08:05-15:30"; "08:05-" with no exit recorded; "-13:00" with an exit only): the earliest entry and the
  latest exit of the day, the one rule of access_rules (``day_bounds``, in SQL ``day_bounds_sql``).
"""
import datetime

try:  # the contingent's pure module: plain name in the pure tests, the addon package inside Odoo
    from movement_report import to_date
except ImportError:  # pragma: no cover
    from odoo.addons.kz_edu_contingent.movement_report import to_date
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from access_rules import IN, OUT, day_bounds
    from kz_dates import month_bounds, previous_month  # noqa: F401 (named for the ORM and the tests)
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_access.access_rules import IN, OUT, day_bounds
    from odoo.addons.kz_edu_base.kz_dates import month_bounds, previous_month  # noqa: F401

WEEKDAYS = (0, 1, 2, 3, 4)      # Monday .. Friday

# The Kazakh Cyrillic alphabet (the Russian letters keep their relative order in it): names sort as a Kazakh
# class journal sorts them (code points would put Ә, Ғ, Қ ... after Я).
KK_ALPHABET = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя'
_KK_ORDER = {ch: i for i, ch in enumerate(KK_ALPHABET)}


def name_key(name):
    """Sort key of a person's name in Kazakh alphabetical order (Latin and other letters after Cyrillic)."""
    return tuple((0, _KK_ORDER[ch]) if ch in _KK_ORDER else (1, ord(ch)) for ch in (name or '').lower())


def is_month_finished(month_day, today):
    """True when the whole month of ``month_day`` lies before ``today``."""
    return month_bounds(month_day)[1] < to_date(today)


def format_month(day):
    """'10.2026': the month in the form used on Kazakh and Russian documents, the same in every language."""
    day = to_date(day)
    return '%02d.%d' % (day.month, day.year)


def format_day(day):
    return to_date(day).strftime('%d.%m')


def format_time(value):
    """'HH:MM' of a time or a datetime; '' for None."""
    if value is None or value is False:
        return ''
    return '%02d:%02d' % (value.hour, value.minute)


def format_cell(first_in, last_out):
    """The register cell: '08:05-15:30', '08:05-', '-13:00' or ''."""
    if not first_in and not last_out:
        return ''
    return '%s-%s' % (format_time(first_in), format_time(last_out))


def weekdays(month_day):
    """The Mondays to Fridays of the month of ``month_day``."""
    first, last = month_bounds(month_day)
    days, day = [], first
    while day <= last:
        if day.weekday() in WEEKDAYS:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def school_days(month_day, event_dates):
    """The school days of the month: Monday-Friday with at least one event of the school (see the module doc).
    ``event_dates``: the local dates on which the school recorded any event."""
    active = {to_date(d) for d in event_dates}
    return [d for d in weekdays(month_day) if d in active]


def _enrolled_on(stays, day):
    return any(start <= day and (end is None or day <= end) for start, end in stays)


def _day_rows(rows):
    """{(person, day): (first_in, last_out)} from rows (person, day, first_in, last_out) already grouped by the
    database (access_rules.day_bounds_sql): a person's rows of one day (several schools) merge by the same rule,
    access_rules.day_bounds."""
    taps = []
    for person, day, first_in, last_out in rows:
        day = to_date(day)
        taps += [(person, day, IN, first_in or None), (person, day, OUT, last_out or None)]
    return day_bounds(taps)


def _sums(lists):
    return [sum(values) for values in zip(*lists)] if lists else []


def monthly_attendance(month_day, schools, classes, enrollments, student_days, staff, staff_days, event_dates,
                       names=None, include_staff=True):
    """The attendance of ``schools`` in the month of ``month_day``.

    :param schools: company ids, in the order to print
    :param classes: {class_id: {'company': company_id, 'order': sortable, ...}}; other keys are kept for the caller
    :param enrollments: rows (student_id, class_id, date_from, date_to or None): the class history of the month
    :param student_days: rows (student_id, local date, first entry, last exit): times as local ``datetime.time``
        or datetimes, None when there was none that day
    :param staff: rows (employee_id, company_id): the staff of the schools (see the module doc)
    :param staff_days: rows (employee_id, local date, first entry, last exit)
    :param event_dates: {company_id: iterable of local dates with any event}
    :param names: {('student'|'staff', id): name} to sort the register by name
    :param include_staff: False when the reader may not see staff (their part is left out: ``staff`` is None)
    :returns: {'month': first day, 'weekdays': [...], 'schools': [per school, see below], 'total': {...}}

    Per school: 'company', 'days' (its school days), 'classes' (per class: 'class', 'enrolled', 'present',
    'absent' as lists aligned with 'days', and 'total' {'enrolled', 'present', 'absent'} in student-days),
    'day_totals' (the same lists for the school), 'total', 'staff' ({'count', 'present': list, 'total'} or None),
    'register' (per student and class: 'student', 'class', 'cells': [{'text', 'present', 'enrolled'}]) and
    'staff_register' (per employee: 'employee', 'cells'; present = at least one entry).
    """
    first, _last = month_bounds(month_day)
    names = names or {}
    students = _day_rows(student_days)
    staff_times = _day_rows(staff_days)
    stays = {}          # (student, class) -> [(from, to)]
    for student_id, class_id, date_from, date_to in enrollments:
        if class_id in classes:
            stays.setdefault((student_id, class_id), []).append((to_date(date_from), to_date(date_to)))

    result_schools = []
    total = {'enrolled': 0, 'present': 0, 'absent': 0, 'staff_present': 0, 'staff_count': 0}
    for company in schools:
        days = school_days(first, event_dates.get(company, ()))
        class_ids = sorted((c for c, info in classes.items() if info['company'] == company),
                           key=lambda c: (classes[c].get('order', ()), c))
        class_rows, register = [], []
        for class_id in class_ids:
            members = sorted((s for s, c in stays if c == class_id),
                             key=lambda s: (name_key(names.get(('student', s))), s))
            enrolled, present = [0] * len(days), [0] * len(days)
            for student_id in members:
                periods = stays[(student_id, class_id)]
                cells = []
                for i, day in enumerate(days):
                    is_in = _enrolled_on(periods, day)
                    first_in, last_out = students.get((student_id, day), (None, None))
                    here = is_in and first_in is not None
                    enrolled[i] += is_in
                    present[i] += here
                    cells.append({'text': format_cell(first_in, last_out) if is_in else '', 'present': here,
                                  'enrolled': is_in})
                register.append({'student': student_id, 'class': class_id, 'cells': cells,
                                 'days_present': sum(1 for c in cells if c['present'])})
            absent = [e - p for e, p in zip(enrolled, present)]
            class_rows.append({'class': class_id, 'enrolled': enrolled, 'present': present, 'absent': absent,
                               'total': {'enrolled': sum(enrolled), 'present': sum(present), 'absent': sum(absent)}})
        day_totals = {key: _sums([r[key] for r in class_rows]) or [0] * len(days)
                      for key in ('enrolled', 'present', 'absent')}
        school_total = {key: sum(day_totals[key]) for key in day_totals}
        staff_part, staff_register = None, []
        if include_staff:
            members = sorted({e for e, c in staff if c == company},
                             key=lambda e: (name_key(names.get(('staff', e))), e))
            staff_present = [0] * len(days)
            for employee_id in members:
                cells = []
                for i, day in enumerate(days):
                    first_in, last_out = staff_times.get((employee_id, day), (None, None))
                    here = first_in is not None
                    staff_present[i] += here
                    cells.append({'text': format_cell(first_in, last_out), 'present': here, 'enrolled': True})
                staff_register.append({'employee': employee_id, 'cells': cells,
                                       'days_present': sum(1 for c in cells if c['present'])})
            staff_part = {'count': len(members), 'present': staff_present, 'total': sum(staff_present)}
            total['staff_present'] += staff_part['total']
            total['staff_count'] += staff_part['count']
        for key in ('enrolled', 'present', 'absent'):
            total[key] += school_total[key]
        result_schools.append({
            'company': company, 'days': days, 'classes': class_rows, 'day_totals': day_totals,
            'total': school_total, 'staff': staff_part, 'register': register, 'staff_register': staff_register,
        })
    return {'month': first, 'weekdays': weekdays(first), 'schools': result_schools, 'total': total}


def attendance_rate(present, enrolled):
    """Present as a percentage of enrolled, one decimal; None when nobody was enrolled."""
    if not enrolled:
        return None
    return round(100.0 * present / enrolled, 1)
