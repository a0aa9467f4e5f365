# -*- coding: utf-8 -*-
"""The one date helper of the suite (issue #15): reading dates as Odoo 11 and the files hand them over, months,
quarters, and a date as the documents print it. Pure Python (standard library only, no odoo import).

* :func:`to_date` — a ``datetime.date`` from a date, a datetime (its day) or Odoo 11's text: 'YYYY-MM-DD', also
  followed by a time ('YYYY-MM-DD HH:MM:SS', a Datetime field). Anything else raises ``error(message)`` (the
  caller's own error, so a rule module keeps raising its coded error); with ``required=False`` an empty value (None,
  False: Odoo's empty field, '') is None instead.
* :func:`read_date` — a date typed by a person in a file cell (XLSX, CSV): also «31.01.2026», «31/01/2026»,
  «31-01-2026», «31.01.26»; None when it is not a date (the import reports the row).
* :func:`month_bounds` — (first day, last day) of a month given as (year, month) or by one of its days;
  :func:`month_end`, :func:`previous_month`, :func:`add_months`, :func:`quarter_bounds`.
* :func:`format_date` — «07.12.2026», as the kk and ru documents and screens write a date; '' for an empty value.

>>> to_date('2026-12-07'), to_date('2026-12-07 08:15:00'), to_date(None, required=False)
(datetime.date(2026, 12, 7), datetime.date(2026, 12, 7), None)
>>> month_bounds(2026, 2), month_bounds('2024-02-10')[1]
((datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)), datetime.date(2024, 2, 29))
>>> read_date('07.12.2026'), format_date('2026-12-07')
(datetime.date(2026, 12, 7), '07.12.2026')
"""
import calendar
import datetime

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_errors import KzError, _, make_error
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_errors import KzError, _, make_error

__all__ = ['DateError', 'ONE_DAY', 'FILE_DATE_FORMATS', 'to_date', 'read_date', 'format_date', 'month_bounds',
           'month_end', 'previous_month', 'add_months', 'quarter_bounds']

ONE_DAY = datetime.timedelta(days=1)
#: the ways a date is typed in the files the suite imports (first the ISO form Odoo and spreadsheets write)
FILE_DATE_FORMATS = ('%Y-%m-%d', '%d.%m.%Y', '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%y')


class DateError(KzError, ValueError):
    """A value that is not a date (the default error of :func:`to_date`)."""


def to_date(value, what=_('date'), error=DateError, required=True):
    """A ``datetime.date`` from a date, a datetime or 'YYYY-MM-DD' text (a time after it is ignored). Otherwise
    ``error(message)``, the message naming ``what``; an empty value (None, False, '') is None when not
    ``required``."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not required and (value is None or value is False or value == ''):
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 or (len(text) > 10 and text[10] in ' T'):
            try:
                return datetime.datetime.strptime(text[:10], '%Y-%m-%d').date()
            except ValueError:
                pass
    raise make_error(error, 'not_a_date', _('%(what)s must be a date (YYYY-MM-DD), got %(value)s'), what=what,
                     value=repr(value))


def read_date(value, formats=FILE_DATE_FORMATS):
    """A date from a file cell: a date, a datetime or a text in one of ``formats`` (the first ten characters are
    tried too, for a text with a time after the date); None when it is none of them."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value is None or value is False:
        return None
    text = str(value).strip()
    for candidate in (text, text[:10]) if len(text) > 10 else (text,):
        for pattern in formats:
            try:
                return datetime.datetime.strptime(candidate, pattern).date()
            except ValueError:
                continue
    return None


def format_date(value):
    """'07.12.2026' of a date, a datetime or 'YYYY-MM-DD' text; '' for None, False or ''."""
    day = to_date(value, required=False)
    return day.strftime('%d.%m.%Y') if day else ''


def month_end(year, month):
    """The last day of a month."""
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year_or_day, month=None):
    """(first day, last day) of the month ``(year, month)``, or of the month of a day (a date, a datetime or
    'YYYY-MM-DD' text) when ``month`` is not given."""
    if month is None:
        day = to_date(year_or_day, 'month')
        year, month = day.year, day.month
    else:
        year = year_or_day
    return datetime.date(year, month, 1), month_end(year, month)


def previous_month(day):
    """The first day of the month before the month of ``day``."""
    return (to_date(day).replace(day=1) - ONE_DAY).replace(day=1)


def add_months(year, month, count):
    """(year, month) moved by ``count`` months (negative: back)."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def quarter_bounds(day):
    """(first day, last day) of the calendar quarter of ``day``."""
    day = to_date(day)
    first_month = 3 * ((day.month - 1) // 3) + 1
    return datetime.date(day.year, first_month, 1), month_end(day.year, first_month + 2)
