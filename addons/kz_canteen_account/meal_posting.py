"""How a month of free and subsidised canteen meals posts to the chart of state institutions (pure Python, no odoo
import; see DESIGN.md).

One entry per funding source of the meals (canteen_rules: ``LOC`` for grades 1-4, ``VSEOBUCH`` for the social
categories of grades 5-11), dated the last day of the month, for the sum of ``funding_amount`` of the month's free
and subsidised meals of that source — what the budget pays for the meals served. The accounts are those of the
standard entries of the chart (kz_gov_account/data/src/standard_entries.csv), chosen by how the school feeds the
children; the ЕБК specific by order No. 151 (annex 2):

* **catering** — the staff of the school has no cooks and a caterer serves the meals under a contract: a service,
  entry 234 «Предъявление счетов поставщиков … за оказанные услуги»: Dr 7080 «Расходы по коммунальным платежам и
  прочим услугам» / Cr 3210 «… поставщикам и подрядчикам»; specific 159 «Оплата прочих услуг и работ» (specific
  141: «Если по штатной численности не предусмотрены повара, то услуги по организации питания для учащихся
  осуществляются по договору со сторонним юридическим лицом и данные затраты отражаются по специфике 159»);
* **cooks** — the staff includes cooks and the school buys the food: entry 121 Dr 1314 «Продукты питания» / Cr
  3210, then entry 135 Dr 7060 «Расходы по запасам» / Cr 1314 for the food of the meals served; specific 141
  «Приобретение продуктов питания» («… приобретение продуктов питания в школьных столовых в случае, если в
  штатной численности государственного учреждения предусмотрены повара»);
* the meals of the fund of universal compulsory education (``VSEOBUCH``) are under specific 163 «Затраты Фонда
  всеобщего обязательного среднего образования» («… обеспечение питания в школах»), on the same accounts.

Amounts are Decimal, exact to the tiyn; nothing is rounded here (every meal's amount is already whole tiyn).
"""
from decimal import Decimal, InvalidOperation

try:  # the pure tests and tools: every addon folder is on sys.path (conftest.py)
    import gov_entries
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_gov_account import gov_entries
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

__all__ = ['MODES', 'FUNDING_MAP', 'POSTED_KINDS', 'PostingError', 'ledger_funding', 'amounts_by_funding',
           'entry_lines', 'ebk_code', 'account_codes', 'payable_account']

#: how the school feeds the children -> the operations of the standard entries, in the order they are posted
MODES = {
    'catering': ('canteen_catering',),
    'cooks': ('canteen_food_receipt', 'canteen_food_use'),
}

#: canteen funding codes (canteen_rules parameters) → funding source codes of kz_gov_account (funding_sources.csv).
#: The fund of universal compulsory education (фонд всеобуча, VSEOBUCH) is formed from local budgets (Government
#: decree No. 64 of 25.01.2008), so it posts as LOC; its entry stays separate (own reference) and its own ЕБК
#: specific, 163, keeps the fund visible. Codes not listed map to themselves.
FUNDING_MAP = {'VSEOBUCH': 'LOC'}
#: the canteen funding codes whose meals are the fund's (ЕБК 163, the second alternative of the standard entries)
FUND_CODES = ('VSEOBUCH',)

#: meals the budget pays for; paid meals come from the parents' prepaid balances, not from the budget
POSTED_KINDS = ('free', 'subsidised')

TIYN = Decimal('0.01')
ZERO = Decimal('0.00')


class PostingError(KzError, ValueError):
    """A stable ``code`` (``bad_amount``, ``no_funding``, ``bad_mode``) and an English message; the ORM layer
    translates."""


def ledger_funding(code):
    """The kz_gov_account funding source code a canteen funding code posts to."""
    code = (code or '').strip().upper()
    return FUNDING_MAP.get(code, code)


def _amount(value, funding):
    if isinstance(value, bool) or value is None:
        raise PostingError('bad_amount', _('funding %(funding)s: %(value)s is not an amount'), funding=funding,
                           value=repr(value))
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float)
                                                                    else str(value))
    except (InvalidOperation, ValueError):
        raise PostingError('bad_amount', _('funding %(funding)s: %(value)s is not an amount'), funding=funding,
                           value=repr(value))
    if not number.is_finite() or number != number.quantize(TIYN):
        raise PostingError('bad_amount', _('funding %(funding)s: %(value)s is not a whole number of tiyn'),
                           funding=funding, value=str(value))
    return number.quantize(TIYN)


def amounts_by_funding(rows):
    """``{funding code: {'amount': Decimal, 'meals': int, 'students': int}}`` from rows ``(funding, amount[,
    meals, students])`` (e.g. one grouped SQL row per funding source, amount as exact numeric text). Rows of the
    same funding add up; a funding with a zero total is dropped (nothing to post); a row without a funding code is
    refused (``no_funding``): it could not be charged to any source."""
    out = {}
    for row in rows or ():
        row = tuple(row) + (0, 0)
        funding, amount, meals, students = row[0], row[1], row[2], row[3]
        code = (funding or '').strip().upper()
        if not code:
            raise PostingError('no_funding', _('meals worth %(amount)s ₸ have no funding source'), amount=amount)
        item = out.setdefault(code, {'amount': ZERO, 'meals': 0, 'students': 0})
        item['amount'] += _amount(amount, code)
        item['meals'] += int(meals or 0)
        item['students'] += int(students or 0)
    return {code: item for code, item in out.items() if item['amount']}


def _postings(mode, on_date=None):
    if mode not in MODES:
        raise PostingError('bad_mode', _('unknown way of feeding the children %(mode)s (catering or cooks)'),
                           mode=repr(mode))
    return [p for key in MODES[mode] for p in gov_entries.postings(key, on_date)]


def ebk_code(mode, canteen_code):
    """The ЕБК specific of the meals of a canteen funding code in a mode (159/141, 163 for the fund)."""
    return gov_entries.ebk_of(_postings(mode)[0], 1 if (canteen_code or '').upper() in FUND_CODES else 0)


def entry_lines(amount, mode='catering', canteen_code='LOC', on_date=None):
    """The items of one funding source's entry: ``[(account code, debit, credit, ebk code, standard entry)]``,
    each posting's debit then credit."""
    amount = _amount(amount, '?')
    if amount <= 0:
        raise PostingError('bad_amount', _('an entry for meals must be a positive amount, got %(amount)s'),
                           amount=amount)
    variant = 1 if (canteen_code or '').upper() in FUND_CODES else 0
    lines = []
    for p in _postings(mode, on_date):
        ebk = gov_entries.ebk_of(p, variant)
        lines.append((p.debit, amount, ZERO, ebk, gov_entries.label(p)))
        lines.append((p.credit, ZERO, amount, ebk, gov_entries.label(p)))
    return lines


def payable_account(mode='catering'):
    """The account of the supplier's claim (the credit of the first posting): 3210."""
    return _postings(mode)[0].credit


def account_codes(mode=None):
    """The account codes a mode (every mode by default) posts to."""
    modes = [mode] if mode else sorted(MODES)
    return sorted({code for m in modes for p in _postings(m) for code in (p.debit, p.credit)})
