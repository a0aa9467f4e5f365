"""Tests of the pure worked-time module (kz_worktime.py): hand-computed cases."""
from decimal import Decimal

import pytest

from kz_worktime import (AVG_WORKING_DAYS_PER_MONTH, SICK_CAP_MRP, WorktimeError, average_daily_earnings,
                         pay_for_worked_time, sick_pay, vacation_pay)

D = Decimal


def test_full_month_pays_the_wage():
    assert pay_for_worked_time(300000, 22, 22) == D('300000.00')
    assert pay_for_worked_time(312345.67, 21, 21) == D('312345.67')


def test_prorated_by_days_half_up_to_the_tiyn():
    # 300 000 × 17 / 22 = 231 818.1818… → 231 818.18
    assert pay_for_worked_time(300000, 22, 17) == D('231818.18')
    # 100 000 × 1 / 8 = 12 500.00 exactly; 100 001 × 1 / 8 = 12 500.125 → 12 500.13 (half up)
    assert pay_for_worked_time(100000, 8, 1) == D('12500.00')
    assert pay_for_worked_time(100001, 8, 1) == D('12500.13')
    # half days from the schedule: 250 000 × 10.5 / 21 = 125 000
    assert pay_for_worked_time('250000', '21', '10.5') == D('125000.00')


def test_zero_norm_and_zero_worked():
    assert pay_for_worked_time(300000, 0, 0) == D('0.00')
    assert pay_for_worked_time(300000, 20, 0) == D('0.00')


def test_refuses_nonsense():
    with pytest.raises(WorktimeError):
        pay_for_worked_time(300000, 20, 21)
    with pytest.raises(WorktimeError):
        pay_for_worked_time(-1, 20, 20)
    with pytest.raises(WorktimeError):
        pay_for_worked_time(True, 20, 20)
    with pytest.raises(WorktimeError):
        pay_for_worked_time(float('nan'), 20, 20)


def test_average_daily_earnings_12_months():
    # 12 months of 300 000 with 21 working days each: 3 600 000 / 252 = 14 285.714285…
    avg = average_daily_earnings([300000] * 12, [21] * 12)
    assert avg.quantize(D('0.000001')) == D('14285.714286')
    # vacation of 5 days: 14 285.714285… × 5 = 71 428.571… → 71 428.57 (the average is not rounded first)
    assert vacation_pay(avg, 5) == D('71428.57')


def test_average_daily_earnings_mixed_months_and_dict():
    # 250 000 / 20 + 330 000 / 22 months: (250 000 + 330 000) / 42 = 13 809.5238…
    by_list = average_daily_earnings([250000, 330000], [20, 22])
    by_dict = average_daily_earnings({'2026-01': 250000, '2026-02': 330000}, {'2026-02': 22, '2026-01': 20})
    assert by_list == by_dict
    assert vacation_pay(by_list, 10) == D('138095.24')   # 5 800 000 / 42 = 138 095.238…


def test_average_without_days_is_zero_and_mismatch_refused():
    assert average_daily_earnings([], []) == 0
    with pytest.raises(WorktimeError):
        average_daily_earnings([1, 2], [3])
    with pytest.raises(WorktimeError):
        average_daily_earnings({'a': 1}, {'b': 1})
    with pytest.raises(WorktimeError):
        average_daily_earnings([-1], [1])


def test_sick_pay_with_and_without_cap():
    avg = D('300000') / D('21')                         # 14 285.714…
    assert sick_pay(avg, 3) == D('42857.14')            # 42 857.142… → 42 857.14
    cap = SICK_CAP_MRP * D('4325')                     # 25 МРП of 2026 = 108 125
    assert cap == D('108125')
    assert sick_pay(avg, 3, cap_monthly=cap) == D('42857.14')
    assert sick_pay(avg, 10, cap_monthly=cap) == D('108125.00')   # 142 857.14 capped
    assert sick_pay(avg, 0, cap_monthly=cap) == D('0.00')
    with pytest.raises(WorktimeError):
        sick_pay(avg, 1, cap_monthly=-1)


def test_vacation_pay_refuses_negative():
    with pytest.raises(WorktimeError):
        vacation_pay(-1, 5)
    with pytest.raises(WorktimeError):
        vacation_pay(100, -5)
    assert AVG_WORKING_DAYS_PER_MONTH == D('21')
