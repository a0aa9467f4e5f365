"""The closing of a reporting period (gov_closing.py; order No. 230, rules item 21; entries 322–325 of order No.
170): income and expenses to 5210 per account, specific and funding source; at the end of the year the result to
5220 (profit: entry 325 row 1, loss: row 2); a half-year stays on 5210; other dates are refused (ACC-02)."""
import doctest
from decimal import Decimal

import pytest

import gov_closing

D = Decimal
BALANCES = {('6010', '', 'LOC'): D('-1000.00'), ('6110', '', 'PAID'): D('-90.00'), ('7010', '111', 'LOC'): D('700.00'),
            ('7080', '151', 'LOC'): D('400.00'), ('6090', '', 'LOC'): D('20.00'), ('7110', '', 'LOC'): D('0.00')}


def test_doctests():
    assert doctest.testmod(gov_closing).failed == 0


def lines_of(entries):
    return {(l['std'], l['account'], l['ebk'], l['funding']): (l['debit'], l['credit']) for e in entries
            for l in e['lines']}


def test_year_end_closes_income_expenses_and_the_return_then_moves_the_result():
    entries = gov_closing.closing_entries(BALANCES, {}, '2025-12-31')
    assert [e['std'] for e in entries] == ['322', '323', '324', '325']
    assert all(e['closing'] for e in entries)
    lines = lines_of(entries)
    assert lines[('322', '6010', None, 'LOC')] == (D('1000.00'), D('0.00'))
    assert lines[('322', '5210', None, 'LOC')] == (D('0.00'), D('1000.00'))
    assert lines[('323', '7010', '111', 'LOC')] == (D('0.00'), D('700.00'))
    assert lines[('323', '5210', None, 'LOC')] == (D('1100.00'), D('0.00'))
    assert lines[('324', '6090', None, 'LOC')] == (D('0.00'), D('20.00'))
    # LOC: 1 000 - 1 100 - 20 = a loss of 120 (row 2); PAID: a profit of 90 (row 1)
    assert lines[('325/2', '5220', None, 'LOC')] == (D('120.00'), D('0.00'))
    assert lines[('325', '5220', None, 'PAID')] == (D('0.00'), D('90.00'))
    for e in entries:
        assert sum(l['debit'] for l in e['lines']) == sum(l['credit'] for l in e['lines'])
    assert not any(l['account'] == '7110' for e in entries for l in e['lines'])


def test_a_half_year_stays_on_5210_and_the_year_end_takes_it_along():
    half = gov_closing.closing_entries(BALANCES, {}, '2025-06-30')
    assert [e['std'] for e in half] == ['322', '323', '324']
    # the second half: new income 500 on LOC; 5210 holds the first half (a debit balance of 120 for LOC)
    year = gov_closing.closing_entries({('6010', '', 'LOC'): D('-500.00')}, {('5210', 'LOC'): D('120.00')},
                                       '2025-12-31')
    assert lines_of(year)[('325', '5220', None, 'LOC')] == (D('0.00'), D('380.00'))


@pytest.mark.parametrize('day', ['2025-11-30', '2025-12-30', '2026-06-29'])
def test_only_the_end_of_a_reporting_period_is_closed(day):
    with pytest.raises(gov_closing.ClosingError):
        gov_closing.closing_entries(BALANCES, {}, day)


def test_nothing_to_close():
    assert gov_closing.closing_entries({}, {}, '2025-12-31') == []


def test_year_end_returns_the_planned_assignments_not_used_first():
    """Entries 20/21 (annex 2, 1.1.8): Dt 6090 / Kt 1091, 1092 per specific and source, before 322–325; they are
    operations of the period (not marked closing), and 6090 — the return included — is closed by 324."""
    plan = {('1091', '151', 'LOC'): D('30.00'), ('1092', '414', 'LOC'): D('5.00'), ('1091', '111', 'LOC'): D('0.00')}
    entries = gov_closing.closing_entries(BALANCES, {}, '2025-12-31', plan)
    assert [(e['std'], e['closing']) for e in entries] == [
        ('20', False), ('21', False), ('322', True), ('323', True), ('324', True), ('325', True)]
    lines = lines_of(entries)
    assert lines[('20', '6090', '151', 'LOC')] == (D('30.00'), D('0.00'))
    assert lines[('20', '1091', '151', 'LOC')] == (D('0.00'), D('30.00'))
    assert lines[('21', '1092', '414', 'LOC')] == (D('0.00'), D('5.00'))
    # 6090: 20 before + 35 returned, closed to 5210 by 324; the result falls by the return
    closed = sum(l['credit'] for e in entries if e['std'] == '324' for l in e['lines'] if l['account'] == '6090')
    assert closed == D('55.00')
    # the result of the year per source: LOC 1000 − 700 − 400 − 55 = −155 (a loss: 325 row 2), PAID +90 (row 1)
    assert lines[('325/2', '5220', None, 'LOC')] == (D('155.00'), D('0.00'))
    assert lines[('325', '5220', None, 'PAID')] == (D('0.00'), D('90.00'))
    for e in entries:
        assert sum(l['debit'] for l in e['lines']) == sum(l['credit'] for l in e['lines'])


def test_a_half_year_returns_nothing():
    assert gov_closing.plan_return_entries({('1091', '151', 'LOC'): D('30.00')}, '2025-06-30') == []
