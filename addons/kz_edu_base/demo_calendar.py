# -*- coding: utf-8 -*-
"""The one calendar of the demo school: every demo builder and every test of demo data derives its dates from it.

The demo is alive: it is built relative to the day it is installed (today's canteen menu, this morning's entries,
last month's payroll), so the dates are not fixed in the data or in the tests. Instead, one rule says which
months each part of the demo covers, given the build day ("the demo's today") and the last year for which the
dated rates (МРП, contribution rates) are known — a month beyond them cannot be computed, so the money part of the
demo stops at the last month the rates cover:

* the payroll month: the month before today, or December of the last year with rates if that is earlier. School
  No. 1 has a confirmed payroll batch of that month (kz_payroll), posted to the ledger (kz_payroll_account);
* the ledger: the generated journal entries of each school (kz_gov_account) run from 1 January of the year before
  the payroll month's year (opening balances on the 31 December before) to the end of the payroll month; the
  generator's own payroll stops one month earlier, as the payroll batch is that month's payroll;
* the financing plan: the year of the payroll month, with data up to the payroll month.

The build day is ``KZ_DEMO_TODAY`` (YYYY-MM-DD) when that environment variable is set, else the real date. The ORM
side stores it at install (``kz.edu.demo.demo_today()``), so tests that run after midnight still find the same demo.

Pure Python (standard library only, no odoo import).
"""
import datetime
import os

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import add_months, month_end, to_date
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import add_months, month_end, to_date

ENV_VAR = 'KZ_DEMO_TODAY'


def demo_today(environ=None):
    """The demo's today: ``KZ_DEMO_TODAY`` if set (YYYY-MM-DD), else the real date."""
    value = (environ if environ is not None else os.environ).get(ENV_VAR, '').strip()
    if value:
        return to_date(value, ENV_VAR)
    return datetime.date.today()


def school_year_start(today):
    """The calendar year in which the school year of `today` began (it begins on 1 September)."""
    return today.year if today.month >= 9 else today.year - 1


def payroll_month(today, last_rate_year):
    """(year, month) of the demo's payroll batch: the month before `today`, at most December of `last_rate_year`."""
    previous = add_months(today.year, today.month, -1)
    return min(previous, (last_rate_year, 12))


def ledger_span(today, last_rate_year):
    """What the generated demo ledger covers, as a dict:

    ``start``/``end`` (year, month) of the generated entries, ``opening`` the date of the opening balances,
    ``payroll_end`` the last month of the generator's own payroll (one before the payroll batch's month),
    ``plan_year`` and ``plan_last_month`` of the financing plan."""
    end = payroll_month(today, last_rate_year)
    start = (end[0] - 1, 1)
    return {
        'start': start,
        'end': end,
        'opening': datetime.date(start[0] - 1, 12, 31),
        'payroll_end': add_months(end[0], end[1], -1),
        'plan_year': end[0],
        'plan_last_month': end[1],
    }
