# -*- coding: utf-8 -*-
"""Dates and dated parameter rows, shared by the rule modules of the suite (payroll rates, tariffication
parameters, canteen parameters): one row per parameter per period, valid from ``date_from`` to ``date_to``
(inclusive; empty = open). Pure Python (standard library only, no odoo import).

``to_date`` is kz_dates.to_date (the suite's one date reader), named here too for the modules that read their
rows with it. The rule modules of other addons import this module by plain name in the pure tests (conftest.py
puts every addon folder on sys.path) and as ``odoo.addons.kz_edu_base.dated_rows`` inside Odoo.
"""
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date

__all__ = ['to_date', 'valid_on', 'in_force']


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
