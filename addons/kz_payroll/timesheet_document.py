"""Time sheet of a month (табель учета рабочего времени / жұмыс уақытын есепке алу табелі): the mark of every
employee on every calendar day, from the working schedule, public holidays and approved leaves, and the totals per
employee, per department and for the organisation.

Pure Python (standard library only, no odoo import), like ``kz_tax`` and ``kz_worktime``: the ORM layer
(models/kz_timesheet.py) reads contracts, schedules and leaves in a few set-based queries and passes plain data;
hours are :class:`decimal.Decimal` (schedule hours are counted in whole minutes, never added up as floats).

Form, day marks and their sources
---------------------------------
* Labour Code of the RK of 23.11.2015 № 414-V: the employer keeps the record of the working time actually worked
  by each employee; a lawyer's answer on dogovor24.kz («Учет рабочего времени», question 517, citing art. 79) adds
  that the form and the procedure of this record are set by the employer's own act. No form is compulsory for every
  employer (the Code's text itself was not read: article number UNCONFIRMED).
* MoF order № 562 of 20.12.2012 «Об утверждении форм первичных учетных документов» (reg. № 8265) was found only
  through its amending order № 402 of 19.08.2013 (tsnik.kz), which lists forms КО-1…КО-5, Д-1… — whether order 562
  contains a time sheet at all is UNCONFIRMED. (In the Russian-derived numbering "Т-2" is the personal card, which
  this addon prints as "Personal card (T-2 style)", not a time sheet.)
* For state institutions — our schools — dogovor24.kz (question 156, 20.07.2015) quotes form № 421 «Табель учета
  использования рабочего времени», appendix 59 to the order of the acting Minister of Finance of the RK of
  02.08.2011 № 390 «Об утверждении Альбома форм бухгалтерской документации для государственных учреждений»
  (reg. № 7126): title «Табель учета использования рабочего времени за ___ г.», the line «Наименование
  государственного учреждения (централизованной бухгалтерии)», «Количество рабочих дней в месяце», and the legend
  starting «Выходные и праздничные дни — В», «Работа в ночное время — Н», «Выполнение обязанностей …» (the quote
  breaks off there). Whether order № 390 is still in force is UNCONFIRMED.
* The rest of the legend and the layout follow the form with the same header in the Russian budget album (форма
  0504421: Я — дни явок, О — очередные и дополнительные отпуска, Б — нетрудоспособность, К — командировки,
  П — прогулы, А — неявки с разрешения администрации; columns № п/п, ФИО, должность, числа месяца 1…31):
  UNCONFIRMED for the Kazakh form 421. Because form 421 uses Н for night work, an absence without a valid reason is
  marked П, not Н.
* Kazakh letters: no official Kazakh legend was found. The letters are the initials of the Kazakh terms (project
  choice, UNCONFIRMED): Ж жұмыс, Д демалыс күні, Е еңбек демалысы, А ауру (еңбекке уақытша жарамсыздық),
  І іссапар, Ә әкімшіліктің рұқсатымен келмеу (ақысыз демалыс), С себепсіз келмеу.

Rules of this module (project decisions, UNCONFIRMED against the form's instructions)
--------------------------------------------------------------------------------------
* A day without working hours in the schedule, or whose working hours are all covered by a public holiday, is a day
  off (В/Д), also inside a leave: leave, sick, trip and absence days are counted in the schedule's working days,
  like the payslip's worked-days lines (``hr_payroll`` ``get_worked_day_lines``), so the sheet and the payslip agree.
* A working day is marked with a leave when the leaves cover at least half of its scheduled hours (the kind that
  covers most; on a tie: sick, vacation, trip, unpaid, absence); otherwise it is a worked day with the scheduled
  hours less the hours on leave.
* A day outside the employee's contracts is left blank and counted nowhere.
"""
import calendar
import datetime
from collections import OrderedDict
from decimal import Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
    from kz_money import to_number
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date
    from odoo.addons.kz_edu_base.kz_money import to_number
    from odoo.addons.kz_edu_base.kz_errors import KzError

__all__ = ['KINDS', 'LEAVE_KINDS', 'MARKS', 'TOTAL_KEYS', 'TimesheetError', 'mark', 'legend', 'month_dates',
           'day_marks', 'employee_totals', 'build_timesheet', 'format_hours']

#: What a day can be. ``work``: worked under the schedule (with hours); ``dayoff``: weekend or public holiday.
KINDS = ('work', 'dayoff', 'vacation', 'sick', 'trip', 'unpaid', 'absence')
#: Kinds a leave can give a day, in the order that wins a tie.
LEAVE_KINDS = ('sick', 'vacation', 'trip', 'unpaid', 'absence')

#: kind -> (Russian mark, Kazakh mark); sources and status in the module notes.
MARKS = OrderedDict([
    ('work', ('Я', 'Ж')),       # дни явок (form 421 / 0504421) — жұмыс (UNCONFIRMED)
    ('dayoff', ('В', 'Д')),     # выходные и праздничные дни (form 421, quoted) — демалыс күні (UNCONFIRMED)
    ('vacation', ('О', 'Е')),   # очередные и дополнительные отпуска — еңбек демалысы (UNCONFIRMED)
    ('sick', ('Б', 'А')),       # нетрудоспособность — ауру (UNCONFIRMED)
    ('trip', ('К', 'І')),       # командировки — іссапар (UNCONFIRMED)
    ('unpaid', ('А', 'Ә')),     # неявки с разрешения администрации — әкімшіліктің рұқсатымен (UNCONFIRMED)
    ('absence', ('П', 'С')),    # прогулы — себепсіз келмеу (UNCONFIRMED)
])

#: Totals per employee and per department, in the order of the sheet's total columns.
TOTAL_KEYS = ('work_days', 'work_hours', 'vacation_days', 'sick_days', 'trip_days', 'unpaid_days', 'absence_days')
_DAY_TOTALS = {'work': 'work_days', 'vacation': 'vacation_days', 'sick': 'sick_days', 'trip': 'trip_days',
               'unpaid': 'unpaid_days', 'absence': 'absence_days'}

HUNDREDTH = Decimal('0.01')
ZERO_HOURS = Decimal('0.00')


class TimesheetError(KzError, ValueError):
    """Invalid input (unknown kind or language, a month out of range, an interval ending before it starts…)."""


def _lang(lang):
    code = (lang or '').split('_')[0].lower()
    if code not in ('ru', 'kk'):
        raise TimesheetError('the time sheet is printed in Russian (ru) or Kazakh (kk), not %r' % (lang,))
    return code


def mark(kind, lang):
    """The letter printed for ``kind`` in ``lang`` ('ru', 'kk', 'ru_RU', 'kk_KZ'); '' for a blank day (None).

    >>> mark('work', 'ru_RU'), mark('sick', 'kk'), mark('absence', 'ru'), mark(None, 'kk')
    ('Я', 'А', 'П', '')
    """
    if kind is None:
        return ''
    if kind not in MARKS:
        raise TimesheetError('unknown day kind %r' % (kind,))
    return MARKS[kind][0 if _lang(lang) == 'ru' else 1]


def legend(lang):
    """[(kind, mark)] in the order of the legend printed under the sheet."""
    return [(kind, mark(kind, lang)) for kind in MARKS]


def month_dates(year, month):
    """Every date of the month: ``month_dates(2026, 2)`` has 28 items."""
    try:
        days = calendar.monthrange(int(year), int(month))[1]
    except (ValueError, calendar.IllegalMonthError):
        raise TimesheetError('no month %r of %r' % (month, year))
    return [datetime.date(int(year), int(month), d) for d in range(1, days + 1)]


# ----------------------------------------------------------------------------------------------------- intervals

def _minutes(hour):
    """Whole minutes of an hour given as float/str/Decimal (8.5 -> 510); the schedule's precision is the minute."""
    return int((to_number(hour, 'hour') * 60).to_integral_value())


def _work_intervals(attendances, day):
    """[(start, end)] naive datetimes of the schedule on ``day``; attendances are dicts with dayofweek (0 = Monday),
    hour_from, hour_to and optional date_from / date_to (as in ``resource.calendar.attendance``)."""
    start_of_day = datetime.datetime.combine(day, datetime.time.min)
    result = []
    for att in attendances:
        if int(att['dayofweek']) != day.weekday():
            continue
        d_from, d_to = to_date(att.get('date_from'), required=False), to_date(att.get('date_to'), required=False)
        if (d_from and d_from > day) or (d_to and d_to < day):
            continue
        begin, end = _minutes(att['hour_from']), _minutes(att['hour_to'])
        if end < begin:
            raise TimesheetError('a schedule line ends (%s) before it starts (%s)' % (att['hour_to'], att['hour_from']))
        if end > begin:
            result.append((start_of_day + datetime.timedelta(minutes=begin),
                           start_of_day + datetime.timedelta(minutes=end)))
    return _merge(result)


def _merge(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(intervals, holes):
    result = []
    for start, end in intervals:
        pieces = [(start, end)]
        for h_start, h_end in holes:
            pieces = [p for piece in pieces for p in ((piece[0], min(piece[1], h_start)),
                                                      (max(piece[0], h_end), piece[1])) if p[0] < p[1]]
        result.extend(pieces)
    return result


def _overlap_minutes(intervals, others):
    total = 0
    for start, end in intervals:
        for o_start, o_end in _merge(others):
            lo, hi = max(start, o_start), min(end, o_end)
            if lo < hi:
                total += int((hi - lo).total_seconds()) // 60
    return total


def _length_minutes(intervals):
    return sum(int((end - start).total_seconds()) // 60 for start, end in intervals)


def _hours(minutes):
    return (Decimal(minutes) / 60).quantize(HUNDREDTH)


def _interval(item, what):
    start, end = item['start'], item['end']
    if end < start:
        raise TimesheetError('%s ends (%s) before it starts (%s)' % (what, end, start))
    return start, end


# ----------------------------------------------------------------------------------------------------- day marks

def day_marks(year, month, periods, leaves=()):
    """The days of one employee in the month: a list with one item per calendar day, ``None`` outside the
    employee's periods, else ``(kind, hours)`` with hours a Decimal for a worked day and None otherwise.

    ``periods``: the employee's contracts as dicts ``{'date_from': date, 'date_to': date or None, 'attendances':
    [...], 'holidays': [{'start': datetime, 'end': datetime}]}`` — the schedule of the contract (see
    ``_work_intervals``) and its public holidays (global leaves of the schedule) in local naive datetimes.
    ``leaves``: the employee's approved leaves ``{'start', 'end', 'kind'}`` (kind in ``LEAVE_KINDS``), local naive.
    Rules in the module notes."""
    by_kind = {}
    for leave in leaves:
        if leave['kind'] not in LEAVE_KINDS:
            raise TimesheetError('unknown leave kind %r' % (leave['kind'],))
        by_kind.setdefault(leave['kind'], []).append(_interval(leave, 'a leave'))
    all_leaves = [i for items in by_kind.values() for i in items]
    result = []
    for day in month_dates(year, month):
        period = next((p for p in periods if (not p.get('date_from') or to_date(p['date_from']) <= day)
                       and (not p.get('date_to') or to_date(p['date_to']) >= day)), None)
        if period is None:
            result.append(None)
            continue
        holidays = [_interval(h, 'a public holiday') for h in period.get('holidays') or ()]
        work = _subtract(_work_intervals(period['attendances'], day), holidays)
        scheduled = _length_minutes(work)
        if not scheduled:
            result.append(('dayoff', None))
            continue
        on_leave = _overlap_minutes(work, all_leaves)
        if on_leave * 2 >= scheduled:
            covered = {kind: _overlap_minutes(work, items) for kind, items in by_kind.items()}
            kind = max(LEAVE_KINDS, key=lambda k: (covered.get(k, 0), -LEAVE_KINDS.index(k)))
            result.append((kind, None))
        else:
            result.append(('work', _hours(scheduled - on_leave)))
    return result


def employee_totals(days):
    """{total key: value} of one employee's days: days as int, hours as Decimal."""
    totals = OrderedDict((key, ZERO_HOURS if key == 'work_hours' else 0) for key in TOTAL_KEYS)
    for day in days:
        if day is None:
            continue
        kind, hours = day
        if kind not in MARKS:
            raise TimesheetError('unknown day kind %r' % (kind,))
        if kind in _DAY_TOTALS:
            totals[_DAY_TOTALS[kind]] += 1
        if kind == 'work':
            totals['work_hours'] += hours or ZERO_HOURS
    return totals


def _add(target, totals):
    for key in TOTAL_KEYS:
        target[key] += totals[key]
    return target


def _empty_totals():
    return employee_totals([])


def build_timesheet(employees, year, month, lang):
    """The sheet of a month.

    ``employees``: dicts with name, iin, position, department (name or ''), and days (``day_marks``' result); any
    other key is kept. Returns ``{'dates', 'groups': [{'department', 'rows', 'totals', 'count'}], 'totals', 'count',
    'legend', 'working_days'}``; each row is the employee dict with ``no`` (running number), ``cells``
    (``[{'kind', 'code', 'hours'}]`` per day) and ``totals``. Rows are grouped by department (in the order given,
    which the caller sorts); ``working_days`` is the largest number of scheduled working days of one employee (the
    form's «Количество рабочих дней в месяце»)."""
    dates = month_dates(year, month)
    groups = OrderedDict()
    working_days = 0
    for no, employee in enumerate(employees, 1):
        days = employee['days']
        if len(days) != len(dates):
            raise TimesheetError('%s: %d days given for a month of %d' % (employee.get('name'), len(days), len(dates)))
        row = dict(employee, no=no, totals=employee_totals(days),
                   cells=[{'kind': d and d[0], 'code': mark(d and d[0], lang), 'hours': d and d[1]} for d in days])
        working_days = max(working_days, sum(1 for d in days if d and d[0] != 'dayoff'))
        group = groups.setdefault(employee.get('department') or '', {
            'department': employee.get('department') or '', 'rows': [], 'totals': _empty_totals()})
        group['rows'].append(row)
        _add(group['totals'], row['totals'])
    totals = _empty_totals()
    for group in groups.values():
        group['count'] = len(group['rows'])
        _add(totals, group['totals'])
    return {
        'dates': dates,
        'groups': list(groups.values()),
        'totals': totals,
        'count': len(employees),
        'legend': legend(lang),
        'working_days': working_days,
    }


def format_hours(hours):
    """'8' for 8.00, '7.5' for 7.50, '' for None.

    >>> format_hours(Decimal('8.00')), format_hours(Decimal('7.50')), format_hours(Decimal('6.25')), format_hours(None)
    ('8', '7.5', '6.25', '')
    """
    if hours is None:
        return ''
    text = format(Decimal(hours).quantize(HUNDREDTH), 'f')
    return text.rstrip('0').rstrip('.') if '.' in text else text
