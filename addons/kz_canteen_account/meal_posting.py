"""How a month of free and subsidised canteen meals posts to the chart of state institutions (pure Python, no odoo
import; see DESIGN.md).

One entry per funding source of the meals (canteen_rules: ``LOC`` for grades 1-4, ``VSEOBUCH`` for the social
categories of grades 5-11), dated the last day of the month:

    Dr 7030 Inventory consumption expenses   ЕБК 141 «Purchase of food», funding source
    Cr 3310 Payables to suppliers             ЕБК 141, funding source, the canteen's supplier

for the sum of ``funding_amount`` of the month's free and subsidised meals of that source — what the budget owes
the supplier for the meals served (the table of meals the supplier is paid on). Amounts are Decimal, exact to the
tiyn; nothing is rounded here (every meal's amount is already whole tiyn).
"""
from decimal import Decimal, InvalidOperation

__all__ = ['EBK_FOOD', 'EXPENSE_ACCOUNT', 'PAYABLE_ACCOUNT', 'FUNDING_MAP', 'POSTED_KINDS', 'PostingError',
           'ledger_funding', 'amounts_by_funding', 'entry_lines', 'account_codes']

#: ЕБК economic specific 141 «Приобретение продуктов питания» (kz_gov_account data/src/ebk_403.csv, UNCONFIRMED
#: there like the whole classification: the text of order No. 403 was not available)
EBK_FOOD = '141'

#: Dr: 7030 «Расходы по запасам» / «Қорлар бойынша шығыстар» (kz_gov_account data/src/chart_281.csv, kind
#: expense_inventory, requires ЕБК and funding source). The chart has no account named for food or meals: food is an
#: inventory (1320 «Продукты питания»), and food consumed is an inventory expense; meals served by the supplier and
#: eaten the same day never sit in 1320, so the expense is recognised directly. UNCONFIRMED: the body of order No. 281
#: was not read (kz_gov_account data/src/SOURCES.md); 7040 «Расходы по оплате услуг и работ» would be the account if
#: the catering were booked as a service (then under another specific than 141).
EXPENSE_ACCOUNT = '7030'

#: Cr: 3310 «Краткосрочная кредиторская задолженность поставщикам и подрядчикам» (chart_281.csv, kind
#: payable_suppliers, requires ЕБК and funding source; UNCONFIRMED as the whole chart)
PAYABLE_ACCOUNT = '3310'

#: canteen funding codes (canteen_rules parameters) → funding source codes of kz_gov_account (funding_sources.csv).
#: kz_gov_account has no code for the fund of universal compulsory education (фонд всеобуча, VSEOBUCH): it is spent
#: from the local budget (Gov. decree No. 64 of 25.01.2008: the fund is formed from local budgets), so it posts as LOC;
#: its entry stays separate (own reference) so the fund remains visible. Codes not listed map to themselves.
FUNDING_MAP = {'VSEOBUCH': 'LOC'}

#: meals the budget pays for; paid meals come from the parents' prepaid balances, not from the budget
POSTED_KINDS = ('free', 'subsidised')

TIYN = Decimal('0.01')
ZERO = Decimal('0.00')


class PostingError(ValueError):
    """A stable ``code`` (``bad_amount``, ``no_funding``) and an English message; the ORM layer translates."""

    def __init__(self, code, message, **details):
        super(PostingError, self).__init__(message)
        self.code = code
        self.details = details


def ledger_funding(code):
    """The kz_gov_account funding source code a canteen funding code posts to."""
    code = (code or '').strip().upper()
    return FUNDING_MAP.get(code, code)


def _amount(value, funding):
    if isinstance(value, bool) or value is None:
        raise PostingError('bad_amount', 'funding %s: %r is not an amount' % (funding, value), funding=funding)
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float)
                                                                    else str(value))
    except (InvalidOperation, ValueError):
        raise PostingError('bad_amount', 'funding %s: %r is not an amount' % (funding, value), funding=funding)
    if not number.is_finite() or number != number.quantize(TIYN):
        raise PostingError('bad_amount', 'funding %s: %s is not a whole number of tiyn' % (funding, value),
                           funding=funding)
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
            raise PostingError('no_funding', 'meals worth %s have no funding source' % amount, amount=amount)
        item = out.setdefault(code, {'amount': ZERO, 'meals': 0, 'students': 0})
        item['amount'] += _amount(amount, code)
        item['meals'] += int(meals or 0)
        item['students'] += int(students or 0)
    return {code: item for code, item in out.items() if item['amount']}


def entry_lines(amount):
    """The two items of one funding source's entry: ``[(account code, debit, credit)]``."""
    amount = _amount(amount, '?')
    if amount <= 0:
        raise PostingError('bad_amount', 'an entry for meals must be a positive amount, got %s' % amount)
    return [(EXPENSE_ACCOUNT, amount, ZERO), (PAYABLE_ACCOUNT, ZERO, amount)]


def account_codes():
    return [EXPENSE_ACCOUNT, PAYABLE_ACCOUNT]
