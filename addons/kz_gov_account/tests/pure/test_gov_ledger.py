"""Tests of the pure posting rules (gov_ledger.py): balance to the tiyn, required dimensions, periods (ACC-02)."""
import datetime
import doctest
from decimal import Decimal

import pytest

import gov_ledger
from gov_ledger import (LedgerError, describe, format_date, is_locked, money, period_name, validate_entries,
                        validate_entry)

D = Decimal
INFO = {
    1: {'code': '1010', 'requires_ebk': True, 'requires_funding': True},    # КСН
    2: {'code': '6010', 'requires_ebk': False, 'requires_funding': True},   # financing income
    3: {'code': '7010', 'requires_ebk': True, 'requires_funding': True},    # payroll expense
    4: {'code': '2390', 'requires_ebk': False, 'requires_funding': False},  # depreciation (contra)
}


def item(account, debit=0, credit=0, ebk=None, funding=None):
    return {'account_id': account, 'debit': debit, 'credit': credit, 'kz_ebk_id': ebk, 'kz_funding_id': funding}


def codes(problems):
    return [p['code'] for p in problems]


def test_doctests():
    assert doctest.testmod(gov_ledger).failed == 0


def test_balanced_entry_with_dimensions_passes():
    assert validate_entry([item(1, '1000000.01', ebk=5, funding=1), item(2, credit=D('1000000.01'), funding=1)],
                          INFO) == []


def test_entry_without_dimension_requirements_passes():
    assert validate_entry([item(4, 10), item(4, credit=10)], INFO) == []


def test_one_tiyn_difference_is_unbalanced():
    problems = validate_entry([item(1, '100.00', ebk=5, funding=1), item(2, credit='99.99', funding=1)], INFO)
    assert codes(problems) == ['unbalanced']
    assert problems[0]['difference'] == D('0.01')
    assert problems[0]['debit'] == D('100.00') and problems[0]['credit'] == D('99.99')


def test_float_sums_that_drift_still_balance_in_decimal():
    # 0.1 + 0.2 != 0.3 in floats; ten items of 0.1 against one of 1.0
    lines = [item(4, 0.1) for _ in range(10)] + [item(4, credit=1.0)]
    assert validate_entry(lines, INFO) == []
    assert sum(0.1 for _ in range(10)) != 1.0


def test_fraction_of_a_tiyn_is_refused_not_rounded():
    problems = validate_entry([item(4, '10.005'), item(4, credit='10.005')], INFO)
    assert codes(problems) == ['bad_amount', 'bad_amount']
    assert 'tiyn' in describe(problems[0])


def test_missing_ebk_and_funding_are_named_by_item_and_account():
    problems = validate_entry([item(3, 500, funding=1), item(1, credit=500, ebk=5)], INFO)
    assert codes(problems) == ['missing_ebk', 'missing_funding']
    assert (problems[0]['line'], problems[0]['account']) == (0, '7010')
    assert (problems[1]['line'], problems[1]['account']) == (1, '1010')
    assert describe(problems[0]) == 'item 1, account 7010: no ЕБК economic specific'
    assert describe(problems[1]) == 'item 2, account 1010: no funding source'


def test_item_on_both_sides_negative_and_empty_entries():
    assert codes(validate_entry([item(4, 5, 5)], INFO)) == ['both_sides']
    assert codes(validate_entry([item(4, -5), item(4, credit=-5)], INFO)) == ['negative', 'negative']
    assert codes(validate_entry([], INFO)) == ['empty']


def test_unknown_account_is_reported():
    assert codes(validate_entry([item(99, 5), item(4, credit=5)], INFO)) == ['unknown_account']


def test_validate_entries_keeps_entry_index():
    entries = [{'lines': [item(4, 1), item(4, credit=1)]}, {'lines': [item(4, 1)]}]
    assert [(i, p['code']) for i, p in validate_entries(entries, INFO)] == [(1, 'unbalanced')]


@pytest.mark.parametrize('value, expected', [
    (1234.56, D('1234.56')), ('1 234.56'.replace(' ', ''), D('1234.56')), (D('7'), D('7.00')), (3, D('3.00')),
    (None, D('0.00')), (False, D('0.00')),
])
def test_money(value, expected):
    assert money(value) == expected


@pytest.mark.parametrize('value', [True, float('nan'), float('inf'), 'abc', '1.001', 0.125])
def test_money_refuses(value):
    with pytest.raises(LedgerError):
        money(value)


@pytest.mark.parametrize('lang, expected', [
    ('en_US', ['January 2026', 'October 2026', 'December 2025']),
    ('ru_RU', ['Январь 2026', 'Октябрь 2026', 'Декабрь 2025']),
    ('kk_KZ', ['Қаңтар 2026', 'Қазан 2026', 'Желтоқсан 2025']),
    (None, ['January 2026', 'October 2026', 'December 2025']),
    ('fr_FR', ['January 2026', 'October 2026', 'December 2025']),
])
def test_period_name_in_three_languages(lang, expected):
    dates = [datetime.date(2026, 1, 1), '2026-10-31', datetime.datetime(2025, 12, 31, 23, 59)]
    assert [period_name(d, lang) for d in dates] == expected


def test_all_months_named_in_each_language():
    for lang in ('kk', 'ru', 'en'):
        names = [period_name(datetime.date(2026, m, 1), lang) for m in range(1, 13)]
        assert len(set(names)) == 12


def test_lock_and_date_format():
    assert is_locked(datetime.date(2026, 9, 30), '2026-09-30')
    assert not is_locked('2026-10-01', datetime.date(2026, 9, 30))
    assert not is_locked('1990-01-01', False)
    assert format_date('2026-09-30', 'ru_RU') == '30.09.2026'
    assert format_date('2026-09-30', 'en_US') == '2026-09-30'


def test_off_balance_accounts_are_not_mixed_with_the_balance_sheet():
    info = {1: {'code': '01', 'requires_ebk': False, 'requires_funding': False, 'off_balance': True},
            2: {'code': '02', 'requires_ebk': False, 'requires_funding': False, 'off_balance': True},
            3: {'code': '1316', 'requires_ebk': False, 'requires_funding': False}}
    mixed = [{'account_id': 1, 'debit': '10', 'credit': 0}, {'account_id': 3, 'debit': 0, 'credit': '10'}]
    assert [p['code'] for p in gov_ledger.validate_entry(mixed, info)] == ['off_balance_mixed']
    off_only = [{'account_id': 1, 'debit': '10', 'credit': 0}, {'account_id': 2, 'debit': 0, 'credit': '10'}]
    assert gov_ledger.validate_entry(off_only, info) == []
