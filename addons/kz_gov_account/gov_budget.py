# -*- coding: utf-8 -*-
"""Financing plans and budget execution of a state institution (ACC-17), in plain Python (no Odoo import).

The individual plan of financing («индивидуальный план финансирования») is kept twice for a year and a funding
source: by obligations (limits the contracts that may be registered) and by payments (limits what the treasury
pays), each per ЕБК economic specific and month (kz_rules.md §3.4). After approval the plan changes only through
amendments (справки о внесении изменений): signed monthly deltas.

The obligations plan is cumulative: the part of a month's plan not used carries forward to the following months,
never backwards. A contract of month M may be registered when, for M and for every later month m of the year,
registered obligations up to m plus the contract stay within the plan up to m (a check at M alone would let a
March contract eat plan already taken by a December one).

Amounts are Decimal, rounded to the tiyn; floats are accepted as input (the ORM hands them out) through their
shortest repr, never computed with.

    >>> plan = effective_plan([('149', 'obligations', [100] * 12)], [('149', 'obligations', 3, '-50')])
    >>> cumulative(plan, '149', 'obligations', 3)
    Decimal('250.00')
    >>> check_obligation(plan, {('149', 2): Decimal('150')}, '149', 3, Decimal('120'))
    PlanExceeded('149', 3, plan_to_date=250.00, registered_to_date=150.00, amount=120.00, excess=20.00)
"""
from decimal import ROUND_HALF_UP, Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import month_bounds  # noqa: F401 (named for callers)
    from kz_money import CENT, ZERO, format_amount, money  # noqa: F401 (named for callers)
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import month_bounds  # noqa: F401
    from odoo.addons.kz_edu_base.kz_money import CENT, ZERO, format_amount, money  # noqa: F401
    from odoo.addons.kz_edu_base.kz_errors import KzError

KINDS = ('obligations', 'payments')
MONTHS = tuple(range(1, 13))


class BudgetError(KzError, ValueError):
    """A rule of the financing plan is broken; the attributes carry the figures for the message."""


class NegativePlanError(BudgetError):
    """A month of the plan would become negative (a base line or the plan after amendments)."""

    def __init__(self, ebk, kind, month, value):
        self.ebk, self.kind, self.month, self.value = ebk, kind, month, value
        super(NegativePlanError, self).__init__(
            'plan %s of %s, month %s would be %s' % (kind, ebk, month, value))


class PlanExceeded(BudgetError):
    """The plan (`kind` obligations or payments) of `ebk` up to `month` would be exceeded by `excess` (returned,
    not raised, by check_obligation() and check_payment(): the caller decides what to do)."""

    def __init__(self, ebk, month, plan_to_date, registered_to_date, amount, kind='obligations'):
        self.ebk = ebk
        self.month = month
        self.kind = kind
        self.plan_to_date = plan_to_date
        self.registered_to_date = registered_to_date
        self.amount = amount
        self.excess = registered_to_date + amount - plan_to_date
        super(PlanExceeded, self).__init__(
            '%s plan of %s to month %s exceeded by %s' % (kind, ebk, month, self.excess))

    def __repr__(self):
        return 'PlanExceeded(%r, %d, plan_to_date=%s, registered_to_date=%s, amount=%s, excess=%s)' % (
            self.ebk, self.month, self.plan_to_date, self.registered_to_date, self.amount, self.excess)


def _check_kind_month(kind, month):
    if kind not in KINDS:
        raise BudgetError('unknown plan kind %r (expected one of %s)' % (kind, ', '.join(KINDS)))
    if month not in MONTHS:
        raise BudgetError('month %r is not 1-12' % (month,))


def effective_plan(base_rows, amendment_rows=()):
    """The plan in force: {(ebk, kind, month): Decimal} for the 12 months of every (ebk, kind) met.

    base_rows: (ebk, kind, amounts) with amounts the 12 monthly figures (January first) or a {month: amount}
    mapping; two rows of the same (ebk, kind) add up. amendment_rows: (ebk, kind, month, delta) with a signed
    delta, applied in order. A negative base month or a month that the amendments make negative raises
    NegativePlanError (the first met, months in order)."""
    plan = {}

    def ensure(ebk, kind):
        if (ebk, kind, 1) not in plan:
            for m in MONTHS:
                plan[(ebk, kind, m)] = ZERO

    for ebk, kind, amounts in base_rows:
        items = amounts.items() if hasattr(amounts, 'items') else zip(MONTHS, amounts)
        ensure(ebk, kind)
        for month, amount in items:
            _check_kind_month(kind, month)
            amount = money(amount)
            if amount < 0:
                raise NegativePlanError(ebk, kind, month, amount)
            plan[(ebk, kind, month)] += amount
    for ebk, kind, month, delta in amendment_rows:
        _check_kind_month(kind, month)
        ensure(ebk, kind)
        plan[(ebk, kind, month)] += money(delta)
    negative = [key for key, value in plan.items() if value < 0]
    if negative:
        ebk, kind, month = min(negative, key=lambda k: (str(k[0]), k[1], k[2]))
        raise NegativePlanError(ebk, kind, month, plan[(ebk, kind, month)])
    return plan


def cumulative(plan, ebk, kind, upto_month):
    """Plan of (ebk, kind) from January to `upto_month` inclusive."""
    _check_kind_month(kind, upto_month)
    return sum((plan.get((ebk, kind, m), ZERO) for m in MONTHS if m <= upto_month), ZERO)


def check_obligation(plan, registered_by_ebk_month, ebk, month, amount, kind='obligations'):
    """None if an obligation of `amount` for `ebk` in `month` fits the obligations plan, else PlanExceeded.

    registered_by_ebk_month: {(ebk, month): Decimal} of the obligations already registered in the year (the
    document itself not included). Checked for `month` and each later month (see the module doc); the first month
    where registered to date + amount > plan to date is reported. A zero or negative amount always fits."""
    _check_kind_month(kind, month)
    amount = money(amount)
    if amount <= 0:
        return None
    registered = ZERO
    for m in MONTHS:
        registered += money(registered_by_ebk_month.get((ebk, m)))
        if m < month:
            continue
        plan_to_date = cumulative(plan, ebk, kind, m)
        if registered + amount > plan_to_date:
            return PlanExceeded(ebk, m, plan_to_date, registered, amount, kind)
    return None


def check_payment(plan, paid_by_ebk_month, ebk, month, amount):
    """None if a payment of `amount` under `ebk` in `month` fits the plan of payments, else PlanExceeded (kind
    payments): the treasury pays no more of a specific than the plan of payments allows up to the month (the plan
    is cumulative, like the obligations plan). paid_by_ebk_month: {(ebk, month): Decimal} already paid in the year.

    >>> plan = effective_plan([('159', 'payments', [100] * 12)])
    >>> check_payment(plan, {('159', 1): Decimal('150')}, '159', 2, Decimal('50')) is None
    True
    >>> check_payment(plan, {('159', 1): Decimal('150')}, '159', 2, Decimal('51'))
    PlanExceeded('159', 2, plan_to_date=200.00, registered_to_date=150.00, amount=51.00, excess=1.00)
    """
    return check_obligation(plan, paid_by_ebk_month, ebk, month, amount, kind='payments')


def period_months(date_from, date_to):
    """The months (1-12) a period touches; the period must lie within one budget (calendar) year."""
    if date_from > date_to:
        raise BudgetError('the period starts after it ends')
    if date_from.year != date_to.year:
        raise BudgetError('the period must lie within one budget year')
    return list(range(date_from.month, date_to.month + 1))


def _percent(part, whole):
    if not whole:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def execution_rows(plan, registered, payments, expenses, months):
    """Budget execution per specific for the plan months `months`: (rows, total).

    plan: {(ebk, kind, month): Decimal} (effective_plan); registered, payments (cash expenses: credit turnover of
    money accounts) and expenses (accrued: debit turnover of expense accounts): {ebk: Decimal} for the period.
    Each row: ebk, plan_obligations, plan_payments, registered, payments, expenses, remaining_obligations
    (plan − registered), remaining_payments (plan − payments), percent (payments / plan of payments × 100, None
    without a plan). Rows are sorted by ebk; specifics with nothing at all are left out. total: the same sums
    (ebk None) with the percent of the sums."""
    months = set(months)
    planned = {}            # {(ebk, kind): plan of the months}, in one pass over the plan
    for (ebk, kind, month), value in plan.items():
        if month in months:
            planned[(ebk, kind)] = planned.get((ebk, kind), ZERO) + value
    ebks = {k[0] for k in plan} | set(registered) | set(payments) | set(expenses)
    keys = ('plan_obligations', 'plan_payments', 'registered', 'payments', 'expenses', 'remaining_obligations',
            'remaining_payments')
    total = dict.fromkeys(keys, ZERO)
    rows = []
    for ebk in sorted(ebks, key=str):
        row = {
            'ebk': ebk,
            'plan_obligations': planned.get((ebk, 'obligations'), ZERO),
            'plan_payments': planned.get((ebk, 'payments'), ZERO),
            'registered': money(registered.get(ebk)),
            'payments': money(payments.get(ebk)),
            'expenses': money(expenses.get(ebk)),
        }
        if not any(row[k] for k in keys[:5]):
            continue
        row['remaining_obligations'] = row['plan_obligations'] - row['registered']
        row['remaining_payments'] = row['plan_payments'] - row['payments']
        row['percent'] = _percent(row['payments'], row['plan_payments'])
        for k in keys:
            total[k] += row[k]
        rows.append(row)
    total['ebk'] = None
    total['percent'] = _percent(total['payments'], total['plan_payments'])
    return rows, total
