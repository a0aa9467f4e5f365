# -*- coding: utf-8 -*-
"""Public holidays of Kazakhstan and the days off they move, for a year and a working week (issue #13.4).

Pure Python (standard library only, no odoo import). The dated rows live in ``data/kz_public_holidays.csv``, each
with its legal source and a status (CONFIRMED / UNCONFIRMED with what it rests on); a new year's Kurban Ait date or a
new transfer order is a data row, not a release.

Rules
-----
* ``holiday`` rows: the national and state holidays of the Law «О праздниках в Республике Казахстан» No. 267-II of
  13.12.2001 (``month``/``day``, ``days`` consecutive days), each valid between ``date_from`` and ``date_to`` (the
  law changes: Constitution Day moved from 30 August to 15 March from 01.07.2026). They are non-working days, and
  when one falls on a weekly day off of the schedule, the day off moves to the next working day after the
  holiday (Labour Code No. 414-V of 23.11.2015, art. 85; the published 2026 calendar follows this rule: 8 March,
  a Sunday → 9 March; Nauryz 21 and 22 March, a weekend → 24 and 25 March).
* ``religious`` rows: Orthodox Christmas (7 January) and the first day of Kurban Ait (a date each year) are days off
  under art. 84 of the Labour Code, **without** that transfer.
* ``day_off`` / ``working_day`` rows: the transfers of days off ordered for a year (Labour Code art. 85 p. 3: by
  the Government, lately by the Minister of Labour), for the five-day week.

``non_working_days(year, rest_weekdays)`` gives every holiday and moved day off of the year as ``{date: (code,
kind)}``: kind ``holiday`` (a holiday on a working day of the schedule), ``holiday_rest`` (a holiday that falls on
the weekly day off; not a working day anyway), ``religious``, ``transfer`` (a moved day off) or ``day_off`` (an
ordered transfer); ``extra_working_days(year, rest_weekdays)`` the weekly days off that the transfer orders make
working days.
"""
import csv
import datetime
import os

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import dated_rows
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import dated_rows
    from odoo.addons.kz_edu_base.kz_errors import KzError

__all__ = ['HolidayError', 'HOLIDAYS_CSV', 'load_rows', 'holidays_of_year', 'non_working_days',
           'extra_working_days', 'FIVE_DAY_WEEK', 'SIX_DAY_WEEK']

HOLIDAYS_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'kz_public_holidays.csv')

#: weekday numbers (Monday = 0) of the weekly days off
FIVE_DAY_WEEK = frozenset((5, 6))
SIX_DAY_WEEK = frozenset((6,))

KINDS = ('holiday', 'religious', 'day_off', 'working_day')


class HolidayError(KzError, ValueError):
    """A bad row, or a year the data does not cover; ``code`` is stable (``bad_row``, ``year_not_covered``). Only
    written to the log (the calendar of a year without data is left empty), so its texts are not translated."""


def _error(message):
    return HolidayError('bad_row', message)


def _int(value, what, low, high):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise HolidayError('bad_row', '%s must be a whole number, got %r' % (what, value))
    if not low <= number <= high:
        raise HolidayError('bad_row', '%s must be between %d and %d, got %d' % (what, low, high, number))
    return number


def _row(data, where):
    code = (data.get('code') or '').strip()
    kind = (data.get('kind') or '').strip()
    if not code or kind not in KINDS:
        raise HolidayError('bad_row', '%s: a row needs a code and a kind among %s' % (where, ', '.join(KINDS)))
    row = {'code': code, 'kind': kind, 'days': _int(data.get('days') or 1, '%s days' % where, 1, 10),
           'date_from': dated_rows.to_date(data.get('date_from'), '%s date_from' % where, _error),
           'date_to': (dated_rows.to_date(data.get('date_to'), '%s date_to' % where, _error)
                       if (data.get('date_to') or '').strip() else None),
           'names': {lang: (data.get('name_%s' % lang) or '').strip() for lang in ('en', 'ru', 'kk')},
           'source': (data.get('source') or '').strip(), 'status': (data.get('status') or '').strip().upper()}
    if (data.get('date') or '').strip():
        row['date'] = dated_rows.to_date(data.get('date'), '%s date' % where, _error)
        row['month'] = row['day'] = None
    else:
        row['date'] = None
        row['month'] = _int(data.get('month'), '%s month' % where, 1, 12)
        row['day'] = _int(data.get('day'), '%s day' % where, 1, 31)
    if row['date'] is None and kind in ('day_off', 'working_day'):
        raise HolidayError('bad_row', '%s: a transfer row needs its date' % where)
    return row


def load_rows(path=None):
    """The rows of the CSV, typed: ``{code, kind, month, day, days, date, date_from, date_to, names: {en, ru, kk},
    source, status}``."""
    path = path or HOLIDAYS_CSV
    with open(path, encoding='utf-8', newline='') as handle:
        return [_row(r, '%s line %d' % (os.path.basename(path), n))
                for n, r in enumerate(csv.DictReader(handle), start=2)]


_ROWS = None


def _rows(rows):
    global _ROWS
    if rows is not None:
        return [r if isinstance(r, dict) and 'names' in r else _row(r, 'row %d' % i)
                for i, r in enumerate(rows, start=1)]
    if _ROWS is None:
        _ROWS = load_rows()
    return _ROWS


def _check_year(year, rows):
    year = int(year)
    first = min(r['date_from'] for r in rows if r['kind'] == 'holiday')
    if datetime.date(year, 12, 31) < first:
        raise HolidayError('year_not_covered', 'the holiday calendar starts on %s; %d is not covered'
                           % (first.isoformat(), year))
    return year


def holidays_of_year(year, rows=None):
    """``[(date, row)]`` of the holidays (``holiday`` and ``religious`` rows) of the year, by date."""
    rows = _rows(rows)
    year = _check_year(year, rows)
    out = []
    for row in rows:
        if row['kind'] not in ('holiday', 'religious'):
            continue
        if row['date'] is not None:
            starts = [row['date']] if row['date'].year == year else []
        else:
            try:
                starts = [datetime.date(year, row['month'], row['day'])]
            except ValueError:
                raise HolidayError('bad_row', 'holiday %s: %s.%s is not a date in %d'
                                   % (row['code'], row['day'], row['month'], year))
        for start in starts:
            for i in range(row['days']):
                day = start + datetime.timedelta(days=i)
                if dated_rows.valid_on(row, day):
                    out.append((day, row))
    out.sort(key=lambda item: (item[0], item[1]['code']))
    return out


def _transfers(year, rows, kind):
    return [(r['date'], r) for r in rows if r['kind'] == kind and r['date'] is not None and r['date'].year == year
            and dated_rows.valid_on(r, r['date'])]


def non_working_days(year, rest_weekdays=FIVE_DAY_WEEK, rows=None):
    """``{date: {'code', 'kind', 'names', 'source', 'status'}}`` of the year's non-working days besides the weekly
    days off (``rest_weekdays``: weekday numbers, Monday = 0): holidays, moved days off and ordered transfers.
    The ordered transfers (``day_off`` rows) are for the five-day week and apply only to it."""
    rows = _rows(rows)
    rest = frozenset(rest_weekdays)
    holidays = holidays_of_year(year, rows)
    out = {}

    def put(day, row, kind):
        out.setdefault(day, {'code': row['code'], 'kind': kind, 'names': row['names'], 'source': row['source'],
                             'status': row['status']})

    for day, row in holidays:
        if row['kind'] == 'religious':
            put(day, row, 'religious')
        else:
            put(day, row, 'holiday_rest' if day.weekday() in rest else 'holiday')
    holiday_days = {day for day, _row in holidays}
    working = {day for day, _row in _transfers(year, rows, 'working_day')} if rest == FIVE_DAY_WEEK else set()
    # Labour Code art. 85: a national or state holiday on a weekly day off moves the day off to the next working
    # day after the holiday (religious days off do not move)
    for day, row in holidays:
        if row['kind'] != 'holiday' or day.weekday() not in rest:
            continue
        moved = day + datetime.timedelta(days=1)
        while (moved.weekday() in rest and moved not in working) or moved in holiday_days or moved in out:
            moved += datetime.timedelta(days=1)
        put(moved, row, 'transfer')
    if rest == FIVE_DAY_WEEK:
        for day, row in _transfers(year, rows, 'day_off'):
            put(day, row, 'day_off')
    return {day: info for day, info in out.items() if day.year == year}


def extra_working_days(year, rest_weekdays=FIVE_DAY_WEEK, rows=None):
    """``{date: row}`` of weekly days off made working days by a transfer order (five-day week only)."""
    rows = _rows(rows)
    _check_year(year, rows)
    if frozenset(rest_weekdays) != FIVE_DAY_WEEK:
        return {}
    return {day: row for day, row in _transfers(year, rows, 'working_day')}
