"""Tests of the pure financing-plan module (gov_budget.py): hand-computed cases (ACC-17)."""
import datetime
import doctest
from decimal import Decimal

import pytest

import gov_budget
from gov_budget import (BudgetError, NegativePlanError, PlanExceeded, check_obligation, check_payment, cumulative,
                        effective_plan, execution_rows, format_amount, money, month_bounds, period_months)

D = Decimal
# specific 149 «Приобретение прочих запасов»: 100 000 a month by obligations, payments a month later
BASE = [
    ('149', 'obligations', [100000] * 12),
    ('149', 'payments', [0] + [100000] * 11),
    ('151', 'obligations', {1: '50000.50', 7: 25000}),
]


def test_doctests():
    assert doctest.testmod(gov_budget).failed == 0


def test_effective_plan_has_twelve_months_per_specific_and_kind():
    plan = effective_plan(BASE)
    assert len(plan) == 36
    assert plan[('149', 'obligations', 1)] == D('100000.00')
    assert plan[('149', 'payments', 1)] == D('0.00')
    assert plan[('151', 'obligations', 1)] == D('50000.50')
    assert plan[('151', 'obligations', 2)] == D('0.00')
    assert plan[('151', 'obligations', 7)] == D('25000.00')
    assert all(isinstance(v, Decimal) for v in plan.values())


def test_amendments_are_signed_deltas_applied_on_top_of_the_base():
    plan = effective_plan(BASE, [('149', 'obligations', 3, '30000'), ('149', 'obligations', 12, '-100000'),
                                 ('149', 'obligations', 3, '-5000.25')])
    assert plan[('149', 'obligations', 3)] == D('124999.75')
    assert plan[('149', 'obligations', 12)] == D('0.00')
    assert cumulative(plan, '149', 'obligations', 12) == D('1124999.75')


def test_amendment_may_add_a_specific_missing_from_the_base():
    plan = effective_plan(BASE, [('159', 'payments', 5, 7000)])
    assert plan[('159', 'payments', 5)] == D('7000.00')
    assert plan[('159', 'payments', 4)] == D('0.00')
    assert ('159', 'obligations', 5) not in plan


def test_amendment_may_not_make_a_month_negative():
    with pytest.raises(NegativePlanError) as err:
        effective_plan(BASE, [('149', 'payments', 2, '-100000.01')])
    assert (err.value.ebk, err.value.kind, err.value.month, err.value.value) == ('149', 'payments', 2, D('-0.01'))
    # a later positive delta of the same month makes the end result valid again
    plan = effective_plan(BASE, [('149', 'payments', 2, '-150000'), ('149', 'payments', 2, '60000')])
    assert plan[('149', 'payments', 2)] == D('10000.00')


def test_negative_base_month_and_bad_kind_or_month_refused():
    with pytest.raises(NegativePlanError):
        effective_plan([('149', 'obligations', {4: -1})])
    with pytest.raises(BudgetError):
        effective_plan([('149', 'expenses', [0] * 12)])
    with pytest.raises(BudgetError):
        effective_plan(BASE, [('149', 'obligations', 13, 1)])


def test_cumulative_from_january_to_the_month():
    plan = effective_plan(BASE)
    assert cumulative(plan, '149', 'obligations', 1) == D('100000.00')
    assert cumulative(plan, '149', 'obligations', 3) == D('300000.00')
    assert cumulative(plan, '149', 'payments', 3) == D('200000.00')
    assert cumulative(plan, '999', 'payments', 12) == D('0.00')


def test_obligation_within_the_plan_to_date_passes():
    plan = effective_plan(BASE)
    registered = {('149', 1): D('150000'), ('149', 2): D('100000')}
    # plan to March 300 000, registered 250 000: 50 000 fits exactly, 50 000.01 does not
    assert check_obligation(plan, registered, '149', 3, D('50000')) is None
    result = check_obligation(plan, registered, '149', 3, D('50000.01'))
    assert isinstance(result, PlanExceeded)
    assert (result.month, result.plan_to_date, result.registered_to_date, result.amount, result.excess) == (
        3, D('300000.00'), D('250000.00'), D('50000.01'), D('0.01'))


def test_unused_plan_carries_forward_not_backwards():
    plan = effective_plan([('149', 'obligations', {3: 1200000})])
    assert check_obligation(plan, {}, '149', 5, D('1200000')) is None
    exceeded = check_obligation(plan, {}, '149', 2, D('1'))
    assert (exceeded.month, exceeded.plan_to_date, exceeded.excess) == (2, D('0.00'), D('1.00'))


def test_later_registered_obligations_count_against_the_later_months():
    # plan: 100 in March, 100 in December; a December contract of 150 is registered; a March contract of 100 fits
    # March (100 <= 100) but would bring the year to 250 > 200: refused, reported at December
    plan = effective_plan([('149', 'obligations', {3: 100, 12: 100})])
    exceeded = check_obligation(plan, {('149', 12): D('150')}, '149', 3, D('100'))
    assert (exceeded.month, exceeded.plan_to_date, exceeded.registered_to_date, exceeded.excess) == (
        12, D('200.00'), D('150.00'), D('50.00'))
    assert check_obligation(plan, {('149', 12): D('150')}, '149', 3, D('50')) is None


def test_the_issue_example_figures():
    # plan to March 1 200 000, registered 1 150 000, this document 80 000 → excess 30 000
    plan = effective_plan([('149', 'obligations', {1: 400000, 2: 400000, 3: 400000})])
    exceeded = check_obligation(plan, {('149', 1): D('1150000')}, '149', 3, D('80000'))
    assert exceeded.excess == D('30000.00')
    assert format_amount(exceeded.plan_to_date, 'ru_RU') == '1\u00a0200\u00a0000,00'


def test_no_plan_for_the_specific_refuses_any_positive_amount_and_zero_always_fits():
    plan = effective_plan(BASE)
    assert check_obligation(plan, {}, '159', 6, D('0.01')).plan_to_date == D('0.00')
    assert check_obligation(plan, {}, '159', 6, D('0')) is None


def test_money_and_format():
    assert money(0.1 + 0.2) == D('0.30')
    assert money(None) == D('0.00')
    assert money('2.005') == D('2.01')
    assert format_amount(D('-1234567.8'), 'kk_KZ') == '-1\u00a0234\u00a0567,80'
    assert format_amount(0, 'ru_RU') == '0,00' and format_amount(0) == '0.00'


def test_a_payment_beyond_the_plan_of_payments_to_date_is_refused():
    plan = effective_plan([('159', 'payments', {1: 100, 2: 100, 3: 100})])
    assert check_payment(plan, {('159', 1): D('100')}, '159', 2, D('100')) is None
    exceeded = check_payment(plan, {('159', 1): D('100'), ('159', 2): D('100')}, '159', 2, D('100.68'))
    assert (exceeded.kind, exceeded.month, exceeded.plan_to_date, exceeded.excess) == (
        'payments', 2, D('200.00'), D('100.68'))
    # a later month's payment already made counts against the earlier months' plan too
    assert check_payment(plan, {('159', 3): D('250')}, '159', 1, D('60')).month == 3


def test_period_months_within_one_year():
    assert period_months(datetime.date(2026, 3, 15), datetime.date(2026, 5, 2)) == [3, 4, 5]
    with pytest.raises(BudgetError):
        period_months(datetime.date(2025, 12, 1), datetime.date(2026, 1, 31))
    with pytest.raises(BudgetError):
        period_months(datetime.date(2026, 2, 1), datetime.date(2026, 1, 31))
    assert month_bounds(2024, 2) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert month_bounds(2026, 12) == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))


def test_execution_rows_per_specific_with_totals():
    plan = effective_plan(BASE)
    rows, total = execution_rows(
        plan, registered={'149': D('250000'), '159': D('10000')}, payments={'149': D('150000')},
        expenses={'149': D('170000.10')}, months=[1, 2, 3])
    assert [r['ebk'] for r in rows] == ['149', '151', '159']
    r149 = rows[0]
    assert r149['plan_obligations'] == D('300000.00')
    assert r149['plan_payments'] == D('200000.00')
    assert r149['registered'] == D('250000.00')
    assert r149['payments'] == D('150000.00')
    assert r149['expenses'] == D('170000.10')
    assert r149['remaining_obligations'] == D('50000.00')
    assert r149['remaining_payments'] == D('50000.00')
    assert r149['percent'] == D('75.00')
    assert rows[1]['plan_obligations'] == D('50000.50') and rows[1]['percent'] is None
    assert rows[2]['remaining_obligations'] == D('-10000.00')   # registered without a plan (overridden)
    assert total['plan_obligations'] == D('350000.50')
    assert total['registered'] == D('260000.00')
    assert total['percent'] == D('75.00')
    assert total['ebk'] is None


def test_execution_rows_leave_out_empty_specifics_and_round_percent_half_up():
    plan = effective_plan([('149', 'payments', {1: 3}), ('151', 'payments', {9: 5})])
    rows, total = execution_rows(plan, {}, {'149': D('2')}, {}, months=[1])
    assert [r['ebk'] for r in rows] == ['149']
    assert rows[0]['percent'] == D('66.67')
