# -*- coding: utf-8 -*-
"""Dates and dated parameter rows, shared by the rule modules of the suite (payroll rates, tariffication
parameters, canteen parameters): one row per parameter per period, valid from ``date_from`` to ``date_to``
(inclusive; empty = open). Pure Python (standard library only, no odoo import).

The rule modules of other addons import it by plain name in the pure tests (conftest.py puts every addon folder
on sys.path) and as ``odoo.addons.kz_edu_base.dated_rows`` inside Odoo.
"""
import datetime


def to_date(value, what, error=ValueError):
    """A ``datetime.date`` from a date, a datetime or 'YYYY-MM-DD' text (a time after it is ignored); otherwise
    ``error(message)`` is raised, the message naming ``what``."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 or (len(text) > 10 and text[10] in ' T'):
            try:
                return datetime.datetime.strptime(text[:10], '%Y-%m-%d').date()
            except ValueError:
                pass
    raise error('%s must be a date (YYYY-MM-DD), got %r' % (what, value))


def valid_on(row, on_date):
    """True if the row (a dict with ``date_from`` and ``date_to`` dates, ``date_to`` None when open) is in force."""
    return row['date_from'] <= on_date and (row['date_to'] is None or row['date_to'] >= on_date)


def in_force(rows, on_date, key='code'):
    """``{row[key]: row}`` of the rows in force on ``on_date``; when several rows of one key are, the one with the
    latest ``date_from`` wins."""
    found = {}
    for row in rows:
        if not valid_on(row, on_date):
            continue
        best = found.get(row[key])
        if best is None or row['date_from'] > best['date_from']:
            found[row[key]] = row
    return found
