# -*- coding: utf-8 -*-
"""The rules of the director's and the district's dashboards, as plain Python (no odoo import).

The ORM layer (models/kz_edu_dashboard.py) fetches grouped rows with one SQL statement per figure family for all
the schools shown at once; this module turns them into figures: periods, percentages, changes, rankings, totals,
the state of the monthly reports due by the 5th, the menus missing for the next school day, and the geometry of the
small SVG charts. Tested without a database (tests/pure/test_dashboard_rules.py).

Rules:

* **Periods** (the district's period selector): ``month`` = the 1st of this month to today; ``last_month`` = the
  whole previous month; ``quarter`` = the school quarter containing today (the academic periods of kind quarter),
  or, between two quarters (holidays), the last quarter that ended, else the calendar quarter; ``year`` = the
  1st of January to today (the budget year). The budget figures are always read within one budget year: a period
  crossing the 1st of January is cut to its part in the year of its last day.
* **Percentages** are Decimal, rounded half-up to 0.1; a percentage of nothing (whole = 0) is None, shown as «—».
* **Ranking**: competition ranking (1, 2, 2, 4): equal figures share a rank; a school without the figure (None)
  comes last, unranked.
* **Reports due by the 5th** (the monthly attendance report HSC-13, the monthly canteen report HSC-09): the report
  of the previous month is ``sent``; else ``due`` from the 1st to the 5th, ``overdue`` from the 6th; ``no_recipient``
  when the school has no address to send it to (the automatic sending cannot happen).
* **Next school day**: the next Monday-to-Friday after today (no calendar of holidays is kept, as in the attendance
  report). The menus expected on it are the (meal, age group) pairs the school had a menu for during the last
  two weeks; a pair with no approved menu for that day is *not approved* (a draft exists) or *missing*.
* **Budget**: a specific is *overspent* when its payments exceed its plan of payments or its registered
  obligations exceed its plan of obligations for the period (the rows of kz_gov_account's budget execution).
"""
import datetime
from decimal import ROUND_HALF_UP, Decimal

try:  # the contingent's pure module: plain name in the pure tests, the addon package inside Odoo
    from movement_report import to_date
    from kz_dates import month_bounds, previous_month, quarter_bounds as calendar_quarter
    from kz_errors import KzError
except ImportError:  # pragma: no cover
    from odoo.addons.kz_edu_contingent.movement_report import to_date
    from odoo.addons.kz_edu_base.kz_dates import month_bounds, previous_month, quarter_bounds as calendar_quarter
    from odoo.addons.kz_edu_base.kz_errors import KzError

ONE_DAY = datetime.timedelta(days=1)
PERIODS = ('month', 'last_month', 'quarter', 'year')
REPORT_DUE_DAY = 5
MENU_LOOKBACK_DAYS = 14
PCT = Decimal('0.1')
ZERO = Decimal('0')


class DashboardError(KzError, ValueError):
    """A bad input to a dashboard rule: ``code`` is stable, the message is English (translated by the ORM)."""


# ------------------------------------------------------------------------------------------------ periods

# the months and the calendar quarter are the base's (kz_dates): month_bounds, previous_month, calendar_quarter


def school_quarter(day, quarters):
    """(start, end) of the school quarter of ``day``: ``quarters`` are (start, end) pairs (any order). Between two
    quarters, the last one that ended; before the first, None."""
    day = to_date(day)
    spans = sorted((to_date(s), to_date(e)) for s, e in quarters)
    current = [q for q in spans if q[0] <= day <= q[1]]
    if current:
        return current[0]
    past = [q for q in spans if q[1] < day]
    return past[-1] if past else None


def period_bounds(period, today, quarters=()):
    """(date_from, date_to) of a period of the selector (PERIODS) as seen on ``today``; the period never runs past
    today (figures of days to come are empty)."""
    today = to_date(today)
    if period == 'month':
        return today.replace(day=1), today
    if period == 'last_month':
        return month_bounds(previous_month(today))
    if period == 'quarter':
        start, end = school_quarter(today, quarters) or calendar_quarter(today)
        return start, min(end, today)
    if period == 'year':
        return today.replace(month=1, day=1), today
    raise DashboardError('unknown_period', 'Unknown period %r' % (period,), period=period)


def budget_span(date_from, date_to):
    """The part of [date_from, date_to] in the budget year of ``date_to`` (budget execution is read within one
    year)."""
    date_from, date_to = to_date(date_from), to_date(date_to)
    if date_to < date_from:
        raise DashboardError('bad_period', 'The period ends before it starts')
    return max(date_from, date_to.replace(month=1, day=1)), date_to


def next_school_day(day):
    """The next Monday-to-Friday after ``day``."""
    day = to_date(day) + ONE_DAY
    while day.weekday() >= 5:
        day += ONE_DAY
    return day


# ------------------------------------------------------------------------------------------------ numbers

def dec(value):
    """A Decimal from a number, a numeric text (Odoo's cursor gives floats for numeric columns: read via repr)
    or None (0)."""
    if value is None or value is False:
        return ZERO
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def percent(part, whole):
    """part / whole × 100 rounded half-up to 0.1, None when whole is 0."""
    whole = dec(whole)
    if not whole:
        return None
    return (dec(part) * 100 / whole).quantize(PCT, rounding=ROUND_HALF_UP)


def change(current, previous):
    """The change of ``current`` against ``previous`` in per cent (None when there is no previous figure)."""
    previous = dec(previous)
    if not previous:
        return None
    return ((dec(current) - previous) * 100 / previous).quantize(PCT, rounding=ROUND_HALF_UP)


def competition_ranks(values):
    """{key: rank} for ``values`` {key: number or None}: the largest first, equal numbers share a rank (1, 2, 2,
    4); None has no rank (None)."""
    ranked = sorted((v, k) for k, v in values.items() if v is not None)
    ranked.sort(key=lambda vk: vk[0], reverse=True)
    ranks, previous, rank = {}, object(), 0
    for position, (value, key) in enumerate(ranked, 1):
        if value != previous:
            rank, previous = position, value
        ranks[key] = rank
    for key, value in values.items():
        if value is None:
            ranks[key] = None
    return ranks


def sum_rows(rows, keys):
    """{key: sum over rows} of the numeric ``keys`` (None counts as 0; Decimals stay Decimal)."""
    total = {}
    for key in keys:
        values = [r.get(key) for r in rows]
        if any(isinstance(v, Decimal) for v in values):
            total[key] = sum((dec(v) for v in values), ZERO)
        else:
            total[key] = sum(v or 0 for v in values)
    return total


# ------------------------------------------------------------------------------------------------ reports, menus

def report_state(today, sent, has_recipient=True, due_day=REPORT_DUE_DAY):
    """The state of last month's report on ``today``: 'sent', 'no_recipient', 'due' (until the ``due_day``-th) or
    'overdue'."""
    if sent:
        return 'sent'
    if not has_recipient:
        return 'no_recipient'
    return 'due' if to_date(today).day <= due_day else 'overdue'


def menus_expected(recent_pairs):
    """The (meal, age group) pairs expected on the next school day: those of the recent menus, sorted."""
    return sorted(set(recent_pairs))


def menu_states(expected, menus):
    """[(meal, age group, state)] for the next school day: ``menus`` are (meal, age group, menu state) of that day;
    state 'approved' (some menu of the pair is approved), 'draft' (only drafts: not approved yet) or 'missing' (none,
    or cancelled only). Pairs with a draft or approved menu that were not expected are listed too."""
    states = {}
    for meal, group, state in menus:
        states.setdefault((meal, group), set()).add(state)
    pairs = set(expected) | {pair for pair, found in states.items() if found & {'approved', 'draft'}}
    out = []
    for pair in sorted(pairs):
        found = states.get(pair, set())
        out.append((pair[0], pair[1], 'approved' if 'approved' in found else 'draft' if 'draft' in found
                    else 'missing'))
    return out


# ------------------------------------------------------------------------------------------------ budget

def overspent(row):
    """True when a budget execution row spends beyond its plan (payments over the plan of payments, or registered
    obligations over the plan of obligations)."""
    return dec(row.get('payments')) > dec(row.get('plan_payments')) or \
        dec(row.get('registered')) > dec(row.get('plan_obligations'))


def budget_summary(rows, total):
    """The figures of one school's budget execution: plan of payments, payments, registered obligations, the
    percentage executed and the overspent specifics (codes)."""
    return {
        'plan': dec(total.get('plan_payments')),
        'plan_obligations': dec(total.get('plan_obligations')),
        'registered': dec(total.get('registered')),
        'paid': dec(total.get('payments')),
        'expenses': dec(total.get('expenses')),
        'percent': percent(total.get('payments'), total.get('plan_payments')),
        'overspent': [r['ebk'] for r in rows if overspent(r)],
    }


# ------------------------------------------------------------------------------------------------ charts

def bar_chart(values, width=300, height=120, gap=4, label_height=0):
    """Geometry of a vertical bar chart (SVG units) of ``values`` [(label, number)]: one dict per bar with x, y, w,
    h, the value and the label; the tallest bar fills the height. No bars for no values."""
    if not values:
        return []
    top = max(dec(v) for _l, v in values) or Decimal(1)
    n = len(values)
    w = max((Decimal(width) - gap * (n - 1)) / n, Decimal(1))
    out = []
    plot = Decimal(height - label_height)
    for i, (label, value) in enumerate(values):
        h = (dec(value) / top * plot).quantize(PCT) if dec(value) > 0 else ZERO
        x = (i * (w + gap)).quantize(PCT)
        out.append({'x': x, 'y': (plot - h).quantize(PCT), 'w': w.quantize(PCT), 'h': h, 'label': label,
                    'value': value})
    return out


def stacked_bars(series, keys, width=300, height=120, gap=2):
    """Geometry of stacked vertical bars: ``series`` [(label, {key: number})], stacked in the order of ``keys``
    from the bottom; the tallest stack fills the height. One dict per bar: x, w, label, total and 'parts'
    [{key, y, h, value}]."""
    if not series:
        return []
    totals = [sum(dec(v.get(k)) for k in keys) for _l, v in series]
    top = max(totals) or Decimal(1)
    n = len(series)
    w = max((Decimal(width) - gap * (n - 1)) / n, Decimal(1))
    out = []
    for i, ((label, values), total) in enumerate(zip(series, totals)):
        y = Decimal(height)
        parts = []
        for key in keys:
            value = dec(values.get(key))
            h = (value / top * height).quantize(PCT)
            y -= h
            parts.append({'key': key, 'y': y.quantize(PCT), 'h': h, 'value': values.get(key) or 0})
        out.append({'x': (i * (w + gap)).quantize(PCT), 'w': w.quantize(PCT), 'label': label, 'total': total,
                    'parts': parts})
    return out


def share_width(value, whole, width=100):
    """The length of a horizontal bar showing ``value`` of ``whole`` (0..width, capped), for inline bars."""
    whole = dec(whole)
    if not whole or dec(value) <= 0:
        return ZERO
    return min(dec(value) / whole * width, Decimal(width)).quantize(PCT)
