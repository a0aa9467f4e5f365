"""Posting rules of the public-sector ledger (ACC-02), pure Python (standard library only, no odoo import).

An entry is a list of items ``{'account_id', 'debit', 'credit', 'kz_ebk_id'?, 'kz_funding_id'?, ...}``;
``accounts_info`` maps an account id to ``{'code', 'requires_ebk', 'requires_funding', 'off_balance'?}`` (the
flags come from the chart of accounts: annex 1 of order No. 170 and ``data/src/chart_170_properties.csv``).
:func:`validate_entry` returns the list of problems of an entry, an empty list when it may be posted:

* every amount is a non-negative number of whole tiyn (0.01 ₸); an item is either a debit or a credit;
* the entry balances to the tiyn, summed in :class:`decimal.Decimal` (never in floats);
* every item on an account that requires an ЕБК economic specific / a funding source carries one;
* an entry does not mix the off-balance accounts (section 9, 01–09) with the accounts of the balance sheet: what
  is kept off the balance never moves ФО-1.

The ORM layer (``models/account.py``) turns each problem into a translated message; :func:`describe` gives the
English text for logs and tests. :func:`period_name` names a month the way a bookkeeper says it ("October 2026",
«Қазан 2026», «Октябрь 2026») for the closed-period message.

Money: the suite's contract (kz_edu_base/kz_money.py). Odoo 11 hands monetary fields over as floats; a float is read
through ``repr`` (1234.56 stays 1234.56) and float noise below a millionth of a tiyn is dropped; anything else with a
fraction of a tiyn is refused, not rounded (``exact=True``).

>>> info = {1: {'code': '1010', 'requires_ebk': True, 'requires_funding': True},
...         2: {'code': '6010', 'requires_ebk': False, 'requires_funding': True}}
>>> validate_entry([{'account_id': 1, 'debit': '100.10', 'credit': 0, 'kz_ebk_id': 7, 'kz_funding_id': 1},
...                 {'account_id': 2, 'debit': 0, 'credit': 100.1, 'kz_funding_id': 1}], info)
[]
>>> [p['code'] for p in validate_entry([{'account_id': 1, 'debit': 5, 'credit': 0},
...                                     {'account_id': 2, 'debit': 0, 'credit': 4, 'kz_funding_id': 1}], info)]
['missing_ebk', 'missing_funding', 'unbalanced']
>>> period_name('2026-10-15', 'kk_KZ'), period_name('2026-10-15', 'ru_RU'), period_name('2026-10-15', 'en_US')
('Қазан 2026', 'Октябрь 2026', 'October 2026')
"""
import datetime  # noqa: F401 (the doctests)
from decimal import Decimal  # noqa: F401 (the doctests)

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import kz_money
    from kz_dates import format_date as _format_date, to_date
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import kz_money
    from odoo.addons.kz_edu_base.kz_dates import format_date as _format_date, to_date
    from odoo.addons.kz_edu_base.kz_errors import KzError

TIYN = kz_money.TIYN
ZERO = kz_money.ZERO

MONTHS = {
    'en': ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
           'November', 'December'),
    'ru': ('Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь',
           'Ноябрь', 'Декабрь'),
    'kk': ('Қаңтар', 'Ақпан', 'Наурыз', 'Сәуір', 'Мамыр', 'Маусым', 'Шілде', 'Тамыз', 'Қыркүйек', 'Қазан',
           'Қараша', 'Желтоқсан'),
}

# problem codes, in the order they are reported for one item
PROBLEM_CODES = ('unknown_account', 'bad_amount', 'negative', 'both_sides', 'missing_ebk', 'missing_funding',
                 'unbalanced', 'empty', 'off_balance_mixed')


class LedgerError(KzError, ValueError):
    """An amount that is not a number of tiyn."""


def money(value):
    """``value`` (Decimal, int, str or float; None/False = 0) as a Decimal of whole tiyn: the suite's money contract
    (kz_money.money) with ``exact=True`` — the ledger posts what it is given or nothing, so a fraction of a tiyn is
    refused, not rounded — raising LedgerError.

    >>> money(1234.56), money('10'), money(None), money(0.1 + 0.2)
    (Decimal('1234.56'), Decimal('10.00'), Decimal('0.00'), Decimal('0.30'))
    >>> money('0.005')
    Traceback (most recent call last):
    ...
    gov_ledger.LedgerError: 0.005 is not a whole number of tiyn
    """
    return kz_money.money(value, error=LedgerError, exact=True)


def _problem(code, index=None, account=None, **values):
    problem = {'code': code, 'line': index, 'account': account}
    problem.update(values)
    return problem


def validate_entry(lines, accounts_info):
    """Problems of one entry (list of dicts, see :func:`describe`), in item order; [] when it may be posted.

    ``line`` is the 0-based index of the item, ``account`` the account code."""
    problems = []
    total_debit = total_credit = ZERO
    if not lines:
        return [_problem('empty')]
    for index, line in enumerate(lines):
        info = accounts_info.get(line.get('account_id'))
        code = info and info.get('code')
        if info is None:
            problems.append(_problem('unknown_account', index, account_id=line.get('account_id')))
        try:
            debit, credit = money(line.get('debit')), money(line.get('credit'))
        except LedgerError as exc:
            problems.append(_problem('bad_amount', index, code, detail=str(exc)))
            continue
        if debit < 0 or credit < 0:
            problems.append(_problem('negative', index, code, debit=debit, credit=credit))
        if debit and credit:
            problems.append(_problem('both_sides', index, code, debit=debit, credit=credit))
        if info is not None:
            if info.get('requires_ebk') and not line.get('kz_ebk_id'):
                problems.append(_problem('missing_ebk', index, code))
            if info.get('requires_funding') and not line.get('kz_funding_id'):
                problems.append(_problem('missing_funding', index, code))
        total_debit += debit
        total_credit += credit
    if total_debit != total_credit:
        problems.append(_problem('unbalanced', debit=total_debit, credit=total_credit,
                                 difference=total_debit - total_credit))
    sides = {bool(accounts_info[l.get('account_id')].get('off_balance')) for l in lines
             if l.get('account_id') in accounts_info}
    if len(sides) > 1:
        problems.append(_problem('off_balance_mixed'))
    return problems


def validate_entries(entries, accounts_info):
    """[(entry index, problem), ...] over a list of entries ``{'lines': [...], ...}``."""
    return [(i, p) for i, entry in enumerate(entries) for p in validate_entry(entry.get('lines') or [], accounts_info)]


def describe(problem):
    """English text of one problem.

    >>> describe({'code': 'missing_ebk', 'line': 0, 'account': '7010'})
    'item 1, account 7010: no ЕБК economic specific'
    >>> describe({'code': 'unbalanced', 'line': None, 'account': None, 'debit': Decimal('5.00'),
    ...           'credit': Decimal('4.00'), 'difference': Decimal('1.00')})
    'not balanced: debit 5.00, credit 4.00, difference 1.00'
    """
    code = problem['code']
    where = ''
    if problem.get('line') is not None:
        where = 'item %d, account %s: ' % (problem['line'] + 1, problem.get('account') or '?')
    text = {
        'empty': 'the entry has no items',
        'unknown_account': 'unknown account %s' % problem.get('account_id'),
        'bad_amount': problem.get('detail', 'bad amount'),
        'negative': 'negative amount',
        'both_sides': 'an item is either a debit or a credit',
        'missing_ebk': 'no ЕБК economic specific',
        'missing_funding': 'no funding source',
        'unbalanced': 'not balanced: debit %s, credit %s, difference %s' % (
            problem.get('debit'), problem.get('credit'), problem.get('difference')),
        'off_balance_mixed': 'off-balance accounts and balance-sheet accounts in one entry',
    }.get(code, code)
    return where + text


def lang_key(lang):
    """'kk', 'ru' or 'en' for an Odoo language code ('kk_KZ', 'ru_RU', 'en_US', None ...)."""
    short = (lang or 'en')[:2].lower()
    return short if short in MONTHS else 'en'


def period_name(date, lang=None):
    """The month of ``date`` as a bookkeeper names the period, in kk, ru or en (the default)."""
    day = to_date(date)
    return '%s %d' % (MONTHS[lang_key(lang)][day.month - 1], day.year)


def format_date(date, lang=None):
    """A date as printed on documents: 31.10.2026 in kk/ru, 2026-10-31 in English.

    >>> format_date('2026-10-31', 'kk_KZ'), format_date(datetime.date(2026, 10, 31), 'en_US')
    ('31.10.2026', '2026-10-31')
    """
    day = to_date(date)
    return _format_date(day) if lang_key(lang) in ('kk', 'ru') else day.isoformat()


def is_locked(date, lock_date):
    """True when ``date`` is on or before ``lock_date`` (None/False/'' = nothing locked).

    >>> is_locked('2026-09-30', '2026-09-30'), is_locked('2026-10-01', '2026-09-30'), is_locked('2026-01-01', None)
    (True, False, False)
    """
    if not lock_date:
        return False
    return to_date(date) <= to_date(lock_date)
