# -*- coding: utf-8 -*-
"""The one dated-parameter store's pure side: reading the parameter CSV files of the addons, checking them, and
choosing the value of a code on a date (issue #15). The ORM model ``kz.edu.parameter`` (models/kz_edu_parameter.py)
stores the rows; this module does what needs no database, so the rule modules (kz_tax, tariff, canteen_rules) and
their pure tests read the same files the same way. Pure Python (standard library only, no odoo import).

A row: ``{code, date_from, date_to, value, unit, source, status, company_id}``; ``date_to`` None = open;
``value`` the exact text of the file ('4325', '0.035', 'LOC', 'ORPHAN,ASP'); ``status`` CONFIRMED or UNCONFIRMED
says how sure its *source* is (an act read, or a calculator, a press report, an inference); ``company_id`` None =
the whole country. :func:`number` reads a value as an exact Decimal (never a float).

The country-wide indicators every capability shares (МРП, МЗП, set each year by the budget law) are in
``data/kz_edu_parameters.csv`` of this addon (:data:`SHARED_CSV`) and nowhere else.
"""
import collections
import csv
import datetime
import os
from decimal import Decimal, InvalidOperation

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import dated_rows
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import dated_rows

__all__ = ['ParameterError', 'COLUMNS', 'SHARED_CSV', 'SHARED_CODES', 'TEXT_UNITS', 'read_csv', 'shared_rows', 'overlap',
           'number', 'check_overlaps', 'company_view', 'value_on']

SHARED_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'kz_edu_parameters.csv')
#: the codes of SHARED_CSV: no other addon's file may define them
SHARED_CODES = ('MRP', 'MZP')
COLUMNS = ('code', 'date_from', 'date_to', 'value', 'unit', 'source', 'status')
#: units whose value is a code or a comma-separated list of codes, not a number
TEXT_UNITS = ('code', 'codes')
STATUSES = ('CONFIRMED', 'UNCONFIRMED')


class ParameterError(ValueError):
    """A parameter file or row is wrong; the English message names the file, line and code."""


def number(value, what='value', error=ParameterError):
    """The exact Decimal of a value ('4325', '0.035', Decimal); refuses floats (the store never holds one), empty
    text and what is not a finite number."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise error('%s is not a number: %r' % (what, value))
    else:
        raise error('%s is not a number: %r' % (what, value))
    if not result.is_finite():
        raise error('%s is not a number: %r' % (what, value))
    return result


def _row(data, where, error):
    code = (data.get('code') or '').strip()
    if not code:
        raise error('%s: no code' % where)
    date_from = dated_rows.to_date(data.get('date_from'), '%s date_from of %s' % (where, code), error)
    date_to = dated_rows.to_date(data.get('date_to'), '%s date_to of %s' % (where, code), error, required=False)
    if date_to is not None and date_to < date_from:
        raise error('%s: %s ends (%s) before it starts (%s)' % (where, code, date_to, date_from))
    unit = (data.get('unit') or '').strip()
    value = (data.get('value') or '').strip()
    if unit not in TEXT_UNITS:
        number(value, '%s: value of %s' % (where, code), error)
    status = (data.get('status') or 'CONFIRMED').strip().upper()
    if status not in STATUSES:
        raise error('%s: status of %s must be CONFIRMED or UNCONFIRMED, got %r' % (where, code, data.get('status')))
    source = (data.get('source') or '').strip()
    if not source:
        raise error('%s: %s names no legal source' % (where, code))
    row = {'code': code, 'date_from': date_from, 'date_to': date_to, 'value': value, 'unit': unit,
           'source': source, 'status': status, 'company_id': None}
    for key in ('name', 'name_kk', 'name_ru'):   # optional columns: the code's name in en, kk and ru
        if (data.get(key) or '').strip():
            row[key] = data[key].strip()
    return row


def read_csv(path, codes=None, error=ParameterError):
    """The rows of a parameter CSV (columns COLUMNS, ``status`` optional = CONFIRMED, optional ``name``,
    ``name_kk``, ``name_ru``), only those of ``codes`` when given; overlapping rows of one code are refused."""
    with open(path, encoding='utf-8', newline='') as handle:
        rows = [_row(data, '%s line %d' % (os.path.basename(path), line), error)
                for line, data in enumerate(csv.DictReader(handle), start=2)]
    check_overlaps(rows, error)
    if codes is not None:
        rows = [row for row in rows if row['code'] in codes]
    return rows


def shared_rows(codes=SHARED_CODES):
    """The country-wide rows of SHARED_CSV (МРП, МЗП), for the rule modules' own default rows."""
    return read_csv(SHARED_CSV, codes)


def overlap(row, other):
    """True if the two rows are valid on a common day."""
    return ((row['date_to'] is None or row['date_to'] >= other['date_from'])
            and (other['date_to'] is None or other['date_to'] >= row['date_from']))


def check_overlaps(rows, error=ParameterError):
    """Refuse two rows of one code and company valid on the same day (``error`` names the code and both starts)."""
    groups = collections.defaultdict(list)
    for row in rows:
        groups[(row['code'], row.get('company_id'))].append(row)
    for (code, _company), group in groups.items():
        group.sort(key=lambda r: r['date_from'])
        for before, after in zip(group, group[1:]):
            if overlap(before, after):
                raise error('parameter %s: the rows from %s and from %s overlap'
                            % (code, before['date_from'], after['date_from']))


def _minus(row, cut_from, cut_to):
    """The parts of ``row``'s period outside [cut_from, cut_to] (cut_to None = open), as copies of the row."""
    one_day = datetime.timedelta(days=1)
    parts = []
    if row['date_from'] < cut_from:
        end = cut_from - one_day
        parts.append(dict(row, date_to=end if row['date_to'] is None or row['date_to'] > end else row['date_to']))
    if cut_to is not None and (row['date_to'] is None or row['date_to'] > cut_to):
        start = cut_to + one_day
        parts.append(dict(row, date_from=max(start, row['date_from'])))
    return parts


def company_view(rows, company_id):
    """The rows one school uses: its own rows where it has them, the country's (``company_id`` None) on the other
    days; other schools' rows dropped. A country row is cut around the school's periods, so the result has no two
    rows of a code valid the same day and any reader of dated rows (``dated_rows.in_force``) picks right."""
    own = collections.defaultdict(list)
    for row in rows:
        if company_id and row.get('company_id') == company_id:
            own[row['code']].append(row)
    result = []
    for row in rows:
        if row.get('company_id'):
            continue
        parts = [row]
        for cut in own.get(row['code'], ()):
            parts = [piece for part in parts for piece in _minus(part, cut['date_from'], cut['date_to'])]
        result.extend(parts)
    for group in own.values():
        result.extend(group)
    return result


def value_on(rows, code, on_date, company_id=None):
    """The row of ``code`` in force on ``on_date`` for the school (its own row first, else the country's); None."""
    candidates = [row for row in rows if row['code'] == code]
    return dated_rows.in_force(company_view(candidates, company_id), on_date).get(code)

