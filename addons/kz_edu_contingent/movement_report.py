"""Contingent reports (ACC-14, SEC-06) as plain Python: the movement of students over a period, the counts by social
category on a date, the class list and the layout of an НОБД contingent export.

Nothing here imports Odoo. The ORM layer (wizards/kz_edu_contingent_report_wizard.py) fetches plain rows with a few
set-based, record-rule-filtered queries and hands them over; this module applies the date rules and counts.

Date rules (the class history ``kz.edu.enrollment``: ``date_from`` .. ``date_to`` inclusive, ``date_to`` None while
the student is still in the class):

* a student is *in* a class on day D when ``date_from <= D`` and (``date_to`` is None or ``date_to >= D``);
* the **start** of a period [S, E] counts the students present at the beginning of day S, i.e. in on day S - 1;
  the **end** counts those in on day E (at the end of day E);
* a movement counts in the period when its *effective date* - the first day of the new situation - lies in [S, E].
  Admission and transfer: the order date (the new stay starts that day). Departure and graduation: the order date
  (the stay ends the day before). Promotion: the first day of the academic year of the class promoted into (the stay
  in the old class ends on the eve of it), whatever the date of the order;
* admissions are *arrivals*, departures and graduations are *departures* (by the reason of the order line);
  transfers and promotions are *internal*: counted out of the group of the old class and into the group of the new
  one, and not at all when both classes fall in the same group - so they show at class level and cancel out at
  school level.

Identity checked for every group and the total: ``start + arrived - left + internal_in - internal_out == end``.
The start and end come from the class history, the movements from the confirmed orders: a difference means the two
disagree (a stay written without an order, an order confirmed with a wrong date) and is reported, never hidden.
"""
import datetime
from collections import OrderedDict

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date as _to_date
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date as _to_date

GROUP_FIELDS = ('company', 'grade', 'lang', 'class')

ARRIVAL_KINDS = frozenset(['admission'])
DEPARTURE_KINDS = frozenset(['departure', 'graduation'])
INTERNAL_KINDS = frozenset(['transfer', 'promotion'])

ONE_DAY = datetime.timedelta(days=1)


def to_date(value):
    """A ``datetime.date`` from a date, a datetime or an ISO string ('2026-01-31', '2026-01-31 10:00:00');
    None (or False, Odoo's empty value) stays None: kz_dates.to_date, not required."""
    return _to_date(value, required=False)


def is_active(date_from, date_to, day):
    """True when a stay from ``date_from`` to ``date_to`` (inclusive; None = open) covers ``day``."""
    day = to_date(day)
    date_to = to_date(date_to)
    return to_date(date_from) <= day and (date_to is None or date_to >= day)


def _fields(row, names, defaults=None):
    """The values of ``names`` from a dict or a tuple row (a tuple in the order of ``names``; trailing names
    missing from a shorter tuple take their default)."""
    defaults = defaults or {}
    if isinstance(row, dict):
        return tuple(row.get(n, defaults.get(n)) for n in names)
    row = tuple(row)
    return tuple(row[i] if i < len(row) else defaults.get(n) for i, n in enumerate(names))


ENROLLMENT_FIELDS = ('class_id', 'date_from', 'date_to', 'count')
MOVE_FIELDS = ('kind', 'date', 'from_class_id', 'to_class_id', 'reason_id', 'count')


def group_key(classes, class_id, group_by):
    """The group of a class: the tuple of its values for ``group_by`` (among GROUP_FIELDS).

    ``classes`` maps a class id to a dict with 'company', 'grade', 'lang' (and optionally 'year_start', 'order');
    the value of 'class' is the class id itself. An unknown class raises ValueError: the ORM layer fetched the
    classes of the schools it reports on, so a movement into an unknown class means inconsistent rows."""
    try:
        info = classes[class_id]
    except KeyError:
        raise ValueError('Unknown class id %r in the movement rows' % (class_id,))
    return tuple(class_id if f == 'class' else info.get(f) for f in group_by)


def effective_date(kind, date, to_class_info=None):
    """The first day of the new situation created by a movement (see the module docstring)."""
    if kind == 'promotion' and to_class_info and to_class_info.get('year_start'):
        return to_date(to_class_info['year_start'])
    return to_date(date)


def count_active(enrollments, day, classes=None, group_by=()):
    """{group key: number of stays covering ``day``} from enrollment rows (class_id, date_from, date_to[, count])."""
    day = to_date(day)
    out = {}
    for class_id, date_from, date_to, count in (_fields(r, ENROLLMENT_FIELDS, {'count': 1})
                                                 for r in enrollments):
        if is_active(date_from, date_to, day):
            key = group_key(classes, class_id, group_by) if group_by else ()
            out[key] = out.get(key, 0) + (count or 0)
    return out


def _new_group(key):
    return OrderedDict([('key', key), ('start', 0), ('arrived', 0), ('arrived_by_reason', {}), ('left', 0),
                        ('left_by_reason', {}), ('internal_in', 0), ('internal_out', 0), ('end', 0),
                        ('expected_end', 0), ('difference', 0), ('balanced', True)])


def _sort_value(classes, field, value):
    if field == 'class' and value in classes:
        value = classes[value].get('order', value)
    return (value is None, value if value is not None else 0)


def movement(enrollments, moves, classes, date_from, date_to, group_by=('company',)):
    """The movement of students over [date_from, date_to] per group.

    :param enrollments: rows (class_id, date_from, date_to[, count]) - the class history; rows that cover neither
        day S - 1 nor day E are ignored, so the caller may pass a superset;
    :param moves: rows (kind, date, from_class_id, to_class_id, reason_id[, count]) of confirmed movement lines;
        ``date`` is the order date, kind one of admission/transfer/departure/promotion/graduation; lines whose
        effective date is outside the period are ignored;
    :param classes: {class_id: {'company', 'grade', 'lang', 'year_start', 'order'}} for every class in the rows;
    :param group_by: a tuple of GROUP_FIELDS, () for one total line.
    :return: {'groups': [group, ...] sorted by key, 'total': group, 'balanced': bool,
              'unbalanced': [keys], 'arrival_reasons': [reason ids seen], 'departure_reasons': [...]}
        where a group is an OrderedDict: key, start, arrived, arrived_by_reason {reason_id: n}, left,
        left_by_reason, internal_in, internal_out, end, expected_end, difference (end - expected_end), balanced.
        The total is computed with no grouping, so internal movements cancel in it.
    """
    unknown = [f for f in group_by if f not in GROUP_FIELDS]
    if unknown:
        raise ValueError('Unknown grouping %s; use %s' % (', '.join(unknown), ', '.join(GROUP_FIELDS)))
    start_day, end_day = to_date(date_from), to_date(date_to)
    if end_day < start_day:
        raise ValueError('The period ends (%s) before it starts (%s)' % (end_day, start_day))
    eve = start_day - ONE_DAY
    enrollments = [_fields(r, ENROLLMENT_FIELDS, {'count': 1}) for r in enrollments]
    moves = [_fields(r, MOVE_FIELDS, {'count': 1}) for r in moves]

    def compute(keys_of):
        groups = {}

        def grp(class_id):
            key = keys_of(class_id)
            if key not in groups:
                groups[key] = _new_group(key)
            return groups[key]

        for class_id, d_from, d_to, count in enrollments:
            if is_active(d_from, d_to, eve):
                grp(class_id)['start'] += count
            if is_active(d_from, d_to, end_day):
                grp(class_id)['end'] += count
        for kind, date, from_id, to_id, reason_id, count in moves:
            eff = effective_date(kind, date, classes.get(to_id))
            if eff is None or not (start_day <= eff <= end_day):
                continue
            if kind in ARRIVAL_KINDS:
                g = grp(to_id)
                g['arrived'] += count
                g['arrived_by_reason'][reason_id] = g['arrived_by_reason'].get(reason_id, 0) + count
            elif kind in DEPARTURE_KINDS:
                g = grp(from_id)
                g['left'] += count
                g['left_by_reason'][reason_id] = g['left_by_reason'].get(reason_id, 0) + count
            elif kind in INTERNAL_KINDS:
                if keys_of(from_id) == keys_of(to_id):
                    continue
                grp(from_id)['internal_out'] += count
                grp(to_id)['internal_in'] += count
            else:
                raise ValueError('Unknown movement kind %r' % (kind,))
        for g in groups.values():
            g['expected_end'] = g['start'] + g['arrived'] - g['left'] + g['internal_in'] - g['internal_out']
            g['difference'] = g['end'] - g['expected_end']
            g['balanced'] = g['difference'] == 0
        return groups

    groups = compute(lambda cid: group_key(classes, cid, group_by))
    total = compute(lambda cid: ()).get(()) or _new_group(())
    # a subtotal per school when the rows split a school further (its internal movements cancel in it)
    subtotals = {}
    if len(group_by) > 1 and group_by[0] == 'company':
        subtotals = compute(lambda cid: group_key(classes, cid, ('company',)))
    ordered = sorted(groups.values(),
                     key=lambda g: tuple(_sort_value(classes, f, v) for f, v in zip(group_by, g['key'])))
    unbalanced = [g['key'] for g in ordered if not g['balanced']]
    return {
        'groups': ordered,
        'subtotals': [subtotals[k] for k in sorted(subtotals, key=lambda k: _sort_value(classes, 'company', k[0]))],
        'total': total,
        'balanced': total['balanced'] and not unbalanced,
        'unbalanced': unbalanced,
        'arrival_reasons': _sorted_reasons(total['arrived_by_reason']),
        'departure_reasons': _sorted_reasons(total['left_by_reason']),
    }


def _sorted_reasons(by_reason):
    return sorted(by_reason, key=lambda r: (r is None, r if r is not None else 0))


def social_counts(rows, enrollments, classes, day, group_by=('company',)):
    """Students by social category in force on ``day``, per group.

    :param rows: (student_id, class_id, category_id, date_from, date_to) - a social category of a student and the
        class the student is in on ``day`` (the caller joins the class history); rows not in force are ignored;
    :param enrollments: class history rows as for :func:`movement`, for the number of students present on ``day``;
    :return: {'groups': [{'key', 'students', 'by_category': {category_id: n}, 'any': n}], 'total': {...},
              'categories': [category ids seen]}; ``any`` counts a student with several categories once.
    """
    day = to_date(day)
    present = count_active(enrollments, day, classes, group_by)
    total_present = sum(present.values())
    groups = {}
    total = {'key': (), 'students': total_present, 'by_category': {}, 'any': 0}
    seen = set()
    any_seen = set()
    for student_id, class_id, category_id, d_from, d_to in (
            _fields(r, ('student_id', 'class_id', 'category_id', 'date_from', 'date_to')) for r in rows):
        if not is_active(d_from, d_to, day) or (student_id, category_id) in seen:
            continue
        seen.add((student_id, category_id))
        key = group_key(classes, class_id, group_by) if group_by else ()
        g = groups.setdefault(key, {'key': key, 'students': present.get(key, 0), 'by_category': {}, 'any': 0})
        g['by_category'][category_id] = g['by_category'].get(category_id, 0) + 1
        total['by_category'][category_id] = total['by_category'].get(category_id, 0) + 1
        if student_id not in any_seen:
            any_seen.add(student_id)
            g['any'] += 1
            total['any'] += 1
    for key, n in present.items():
        groups.setdefault(key, {'key': key, 'students': n, 'by_category': {}, 'any': 0})
    ordered = sorted(groups.values(),
                     key=lambda g: tuple(_sort_value(classes, f, v) for f, v in zip(group_by, g['key'])))
    subtotals = []
    if len(group_by) > 1 and group_by[0] == 'company':
        subtotals = social_counts(rows, enrollments, classes, day, group_by=('company',))['groups']
    return {'groups': ordered, 'subtotals': subtotals, 'total': total,
            'categories': _sorted_reasons(total['by_category'])}


def with_subtotals(groups, subtotals):
    """The groups in order with each school's subtotal after its last group: ``[(group, is_subtotal)]``. The
    groups are sorted by school first; a subtotal's key is ``(school,)``."""
    by_school = {g['key'][0]: g for g in subtotals or ()}
    out = []
    for i, g in enumerate(groups):
        out.append((g, False))
        school = g['key'][0] if g['key'] else None
        last = i + 1 == len(groups) or (groups[i + 1]['key'][:1] != g['key'][:1])
        if last and school in by_school:
            out.append((by_school[school], True))
    return out


def split_name(full_name, patronymic=None):
    """(surname, given name, patronymic) from a partner name written 'Surname Name [Patronymic]'.

    The patronymic stored apart (res.partner.kz_patronymic) wins; it is removed from the end of the full name.
    Kazakh patronymics of two words ('Асқарұлы' but also 'Асқар ұлы') are handled by that removal."""
    full_name = ' '.join((full_name or '').split())
    patronymic = ' '.join((patronymic or '').split())
    rest = full_name
    if patronymic and rest.endswith(' ' + patronymic):
        rest = rest[:-len(patronymic) - 1]
    parts = rest.split(' ', 1)
    surname = parts[0] if parts and parts[0] else ''
    given = parts[1] if len(parts) > 1 else ''
    if not patronymic and ' ' in given:
        given, patronymic = given.split(' ', 1)
    return surname, given, patronymic


def class_list_rows(students, classes):
    """Rows of class lists: students (dicts with 'class_id', 'name' and any other columns) sorted by the class
    order, then by name (case-insensitive), numbered from 1 within each class.

    :return: [(class_id, [student dict + 'no'])] in class order."""
    by_class = OrderedDict()
    for st in sorted(students, key=lambda s: (_sort_value(classes, 'class', s['class_id']),
                                              (s.get('name') or '').lower(), s.get('id') or 0)):
        by_class.setdefault(st['class_id'], []).append(st)
    out = []
    for class_id, rows in by_class.items():
        out.append((class_id, [dict(row, no=i) for i, row in enumerate(rows, 1)]))
    return out


# НОБД contingent export -------------------------------------------------------------------------------------------

NOBD_COLUMNS = (
    # key, width (characters), kind
    ('iin', 14, 'text'),
    ('surname', 20, 'text'),
    ('given_name', 16, 'text'),
    ('patronymic', 20, 'text'),
    ('birth_date', 12, 'date'),
    ('sex', 5, 'text'),
    ('grade', 7, 'int'),
    ('letter', 7, 'text'),
    ('instruction_lang', 8, 'text'),
    ('shift', 6, 'int'),
    ('admission_date', 12, 'date'),
    ('social_categories', 28, 'text'),
    ('school_bin', 14, 'text'),
)
"""Columns of the НОБД contingent export, OUR DESIGN.

There is no official layout of the contingent upload to the national education database (НОБД) in
../shared/domain: kz_rules.md §5 names only the order of the MES No. 570 of 27.12.2012 (administrative data forms)
and marks what a school submits, and in which layout, as UNCONFIRMED. The columns are therefore designed from the
data items НОБД holds about a student: IIN, surname, given name, patronymic, birth date, sex, grade, class letter,
language of instruction, shift, admission date, social categories and the BIN of the school. Codes chosen here:
dates DD.MM.YYYY; sex 'M'/'F' (as the 7th IIN digit encodes it: odd = male); language 'kk', 'ru', 'en' or 'mixed';
social categories as the codes of kz.edu.social.category joined by ';' (ASP;LARGE_FAMILY). One row per student
present on the export date, sorted by school, grade, letter, surname. Adapt NOBD_COLUMNS and nobd_row when the
official template is obtained; the header labels are translated by the ORM layer.
"""


def format_date(value):
    value = to_date(value)
    return value.strftime('%d.%m.%Y') if value else ''


def nobd_row(student):
    """One export row (tuple in NOBD_COLUMNS order) from a student dict with keys: iin, name, patronymic,
    birth_date, sex ('M'/'F' or 'male'/'female'), grade, letter, instruction_lang, shift, admission_date,
    social_codes (iterable), school_bin."""
    surname, given, patronymic = split_name(student.get('name'), student.get('patronymic'))
    sex = (student.get('sex') or '')
    sex = {'male': 'M', 'female': 'F', 'm': 'M', 'f': 'F'}.get(sex.lower(), sex.upper()) if sex else ''
    shift = student.get('shift')
    values = {
        'iin': student.get('iin') or '',
        'surname': surname,
        'given_name': given,
        'patronymic': patronymic,
        'birth_date': format_date(student.get('birth_date')),
        'sex': sex,
        'grade': student.get('grade') if student.get('grade') is not None else '',
        'letter': student.get('letter') or '',
        'instruction_lang': student.get('instruction_lang') or '',
        'shift': int(shift) if shift not in (None, False, '') else '',
        'admission_date': format_date(student.get('admission_date')),
        'social_categories': ';'.join(sorted(c for c in (student.get('social_codes') or ()) if c)),
        'school_bin': student.get('school_bin') or '',
    }
    return tuple(values[key] for key, _width, _kind in NOBD_COLUMNS)


def nobd_rows(students):
    """Export rows sorted by school BIN, grade, letter, surname, given name."""
    rows = [nobd_row(s) for s in students]
    idx = dict((key, i) for i, (key, _w, _k) in enumerate(NOBD_COLUMNS))
    return sorted(rows, key=lambda r: (r[idx['school_bin']], r[idx['grade']] if r[idx['grade']] != '' else -1,
                                       r[idx['letter']], r[idx['surname']].lower(), r[idx['given_name']].lower(),
                                       r[idx['iin']]))
