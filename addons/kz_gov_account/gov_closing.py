"""Closing the accounts at the end of a reporting period (pure Python, no odoo import).

Order No. 230, rules item 21 («Порядок закрытия счетов текущего бухгалтерского учета»), and the entries 322–325 of
annex 2 of order No. 170:

* at the end of the reporting period (half-year or year) every income account is closed into 5210 «Финансовый
  результат отчетного года» (entry 322, debit the income account) and every expense account too (entry 323,
  credit the expense account); the return of budget balances 6090 is closed by entry 324;
* at the end of the year the planned assignments not used are closed first (entries 20 and 21 of annex 2, 1.1.8
  «Возврат неиспользованного остатка бюджетных средств в конце года»: Dt 6090 / Kt 1081, 1082, 1091, 1092, per
  specific and funding source) — an operation of the period, not a closing entry: ФО-2 nets it from the financing
  (line 011), ФО-3 shows it on line 180 and the payments check leaves it out; 6090 is then closed with the rest;
* at the end of the year the result of the year on 5210 goes to 5220 «Финансовый результат предыдущих лет» —
  entry 325, row 1 for a positive result (debit 5210), row 2 for a negative one (debit 5220).

The accounts come from the standard entries (gov_entries: close_income, close_expense, close_return,
close_year_profit, close_year_loss); the entries returned are marked ``closing`` so that the statements leave them
out of the movement of the period (ФО-2 shows the income and expenses of the period, not their closing), while
the balances include them: the turnover sheet of the next year opens with no balance on 6xxx/7xxx.

>>> from decimal import Decimal as D
>>> entries = closing_entries({('6010', '', 'LOC'): D('-100.00'), ('7010', '111', 'LOC'): D('70.00')},
...                           {('5210', 'LOC'): D('0.00')}, '2025-12-31')
>>> [(e['std'], [(l['account'], l['debit'], l['credit']) for l in e['lines']]) for e in entries]
... # doctest: +NORMALIZE_WHITESPACE
[('322', [('6010', Decimal('100.00'), Decimal('0.00')), ('5210', Decimal('0.00'), Decimal('100.00'))]),
 ('323', [('5210', Decimal('70.00'), Decimal('0.00')), ('7010', Decimal('0.00'), Decimal('70.00'))]),
 ('325', [('5210', Decimal('30.00'), Decimal('0.00')), ('5220', Decimal('0.00'), Decimal('30.00'))])]
"""
import collections
from decimal import Decimal

try:  # inside Odoo: the addon package; in the pure tests: the top-level module beside this one
    from . import gov_entries
except ImportError:  # pragma: no cover
    import gov_entries
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

ZERO = Decimal('0.00')


class ClosingError(KzError, ValueError):
    """A date that is not the end of a reporting period (order 230, rules item 8: 30 June, 31 December)."""


def period_end_kind(day):
    """'year' for 31 December, 'half_year' for 30 June, else ClosingError."""
    day = to_date(day)
    if (day.month, day.day) == (12, 31):
        return 'year'
    if (day.month, day.day) == (6, 30):
        return 'half_year'
    raise ClosingError('not_period_end', _('%(date)s is not the end of a reporting period: close on 30 June '
                                           '(half-year) or on 31 December (year).'), date=day)


def _line(account, debit=ZERO, credit=ZERO, ebk=None, funding=None, std=''):
    return {'account': account, 'debit': debit, 'credit': credit, 'ebk': ebk, 'funding': funding, 'std': std}


def plan_return_entries(plan_balances, day):
    """At the end of the year (only): the entries 20/21 closing the planned assignments not used.
    plan_balances: {(account code, ebk code or '', funding code or ''): Decimal balance (debit − credit)} of the
    planned-assignment accounts at `day`. [{'date', 'ref_key', 'std', 'closing': False, 'lines'}], one per
    standard entry; [] at the end of a half-year.

    >>> e = plan_return_entries({('1091', '111', 'LOC'): Decimal('5.00')}, '2025-12-31')
    >>> [(l['account'], l['debit'], l['credit'], l['ebk'], l['std']) for l in e[0]['lines']]
    [('6090', Decimal('5.00'), Decimal('0.00'), '111', '20'), ('1091', Decimal('0.00'), Decimal('5.00'), '111', '20')]
    """
    day = to_date(day)
    if period_end_kind(day) != 'year':
        return []
    by_account = gov_entries.plan_closing()
    grouped = collections.OrderedDict()
    for (account, ebk, funding), balance in sorted(plan_balances.items()):
        p = by_account.get(account)
        if p is None or not balance:
            continue
        # a credit balance of a planned assignment cannot be returned: it is left for the bookkeeper to see
        if balance < 0:
            continue
        lines = grouped.setdefault((p.entry, p.key), [])
        lines += [_line(p.debit, debit=balance, ebk=ebk or None, funding=funding or None, std=p.entry),
                  _line(account, credit=balance, ebk=ebk or None, funding=funding or None, std=p.entry)]
    return [{'date': day, 'ref_key': key, 'std': entry, 'closing': False, 'lines': lines}
            for (entry, key), lines in grouped.items()]


def closing_entries(balances, result_balances, day, plan_balances=None):
    """The closing entries at `day` (the end of a half-year or a year), in the order of the rules: at the end of
    the year the plan-return entries 20/21 first (:func:`plan_return_entries`, from `plan_balances`, not marked
    closing), then 322, 323, 324 and 325.

    balances: {(account code, ebk code or '', funding code or ''): Decimal balance (debit − credit)} of the income
    and expense accounts (sections 6 and 7) at `day` before closing; result_balances: {(account, funding): balance}
    of 5210 at `day` before closing (a half-year already closed into it). Returns [{'date', 'ref_key', 'std',
    'closing': True, 'lines': [...]}] — one entry per standard entry, each line with the account, debit, credit,
    ЕБК, funding source and the number of the standard entry. Zero balances are left out."""
    day = to_date(day)
    kind = period_end_kind(day)
    income = gov_entries.posting('close_income')
    expense = gov_entries.posting('close_expense')
    ret = gov_entries.posting('close_return')
    result_account = income.credit
    out = []
    moved = collections.defaultdict(lambda: ZERO)          # funding -> what the closing adds to 5210 (credit +)
    returns = plan_return_entries(plan_balances or {}, day)
    if returns:
        out += returns
        balances = dict(balances)
        for e in returns:
            for l in e['lines']:
                if l['account'] == ret.credit:
                    key = (l['account'], l['ebk'] or '', l['funding'] or '')
                    balances[key] = balances.get(key, ZERO) + l['debit'] - l['credit']

    def entry(p, lines):
        lines = [l for l in lines if l['debit'] or l['credit']]
        if lines:
            out.append({'date': day, 'ref_key': p.key, 'std': p.entry, 'closing': True, 'lines': lines})

    def close(p, accounts_filter):
        lines, to_result = [], collections.defaultdict(lambda: ZERO)
        for (account, ebk, funding), balance in sorted(balances.items()):
            if not accounts_filter(account) or not balance:
                continue
            # the account is brought to zero: a credit balance is debited, a debit balance credited
            lines.append(_line(account, debit=-balance if balance < 0 else ZERO,
                               credit=balance if balance > 0 else ZERO, ebk=ebk or None, funding=funding or None,
                               std=p.entry))
            to_result[funding] += balance
        for funding, amount in sorted(to_result.items()):
            # the result account takes the other side: income (credit balances, amount < 0) credits it
            lines.append(_line(result_account, debit=amount if amount > 0 else ZERO,
                               credit=-amount if amount < 0 else ZERO, funding=funding or None, std=p.entry))
            moved[funding] -= amount
        # entry 322 is written «Dt income / Kt 5210», 323 «Dt 5210 / Kt expense»: the result line of 323 first
        if p.key == 'close_expense':
            lines = [l for l in lines if l['account'] == result_account] + \
                [l for l in lines if l['account'] != result_account]
        entry(p, lines)

    close(income, lambda a: a.startswith(income.debit) and a != ret.credit)
    close(expense, lambda a: a.startswith(expense.credit))
    close(ret, lambda a: a == ret.credit)
    if kind == 'year':
        profit, loss = gov_entries.posting('close_year_profit'), gov_entries.posting('close_year_loss')
        fundings = set(moved) | {f for (_a, f) in result_balances}
        lines = []
        for funding in sorted(fundings, key=lambda f: f or ''):
            before = sum((v for (a, f), v in result_balances.items() if f == funding and a == result_account), ZERO)
            result = moved[funding] - before            # the credit balance of 5210 after the closing
            if result > 0:
                lines += [_line(profit.debit, debit=result, funding=funding or None, std=profit.entry),
                          _line(profit.credit, credit=result, funding=funding or None, std=profit.entry)]
            elif result < 0:
                lines += [_line(loss.debit, debit=-result, funding=funding or None, std=loss.entry + '/2'),
                          _line(loss.credit, credit=-result, funding=funding or None, std=loss.entry + '/2')]
        entry(profit, lines)
    return out
