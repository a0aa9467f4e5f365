"""The dashboards' rules (issue #18): periods, percentages, rankings, reports due by the 5th, menus of the next
school day, overspending, chart geometry."""
import datetime
from decimal import Decimal

import pytest

import dashboard_rules as dr

D = datetime.date
QUARTERS = [(D(2026, 9, 1), D(2026, 10, 25)), (D(2026, 11, 3), D(2026, 12, 28)),
            (D(2027, 1, 8), D(2027, 3, 18)), (D(2027, 3, 30), D(2027, 5, 25))]


@pytest.mark.parametrize('period, today, expected', [
    ('month', D(2026, 12, 7), (D(2026, 12, 1), D(2026, 12, 7))),
    ('last_month', D(2026, 12, 7), (D(2026, 11, 1), D(2026, 11, 30))),
    ('last_month', D(2027, 1, 3), (D(2026, 12, 1), D(2026, 12, 31))),
    ('last_month', D(2028, 3, 1), (D(2028, 2, 1), D(2028, 2, 29))),        # leap year
    ('quarter', D(2026, 12, 7), (D(2026, 11, 3), D(2026, 12, 7))),          # the school's 2nd quarter, up to today
    ('quarter', D(2026, 10, 30), (D(2026, 9, 1), D(2026, 10, 25))),         # autumn holidays: the quarter that ended
    ('year', D(2026, 12, 7), (D(2026, 1, 1), D(2026, 12, 7))),
])
def test_period_bounds(period, today, expected):
    assert dr.period_bounds(period, today, QUARTERS) == expected


def test_quarter_without_school_quarters_is_the_calendar_quarter():
    assert dr.period_bounds('quarter', D(2026, 8, 20)) == (D(2026, 7, 1), D(2026, 8, 20))
    assert dr.period_bounds('quarter', D(2026, 8, 20), QUARTERS) == (D(2026, 7, 1), D(2026, 8, 20))


def test_unknown_period_is_refused_with_a_code():
    with pytest.raises(dr.DashboardError) as err:
        dr.period_bounds('week', D(2026, 12, 7))
    assert err.value.code == 'unknown_period'


def test_budget_span_stays_in_the_budget_year_of_the_last_day():
    assert dr.budget_span(D(2026, 11, 3), D(2027, 1, 20)) == (D(2027, 1, 1), D(2027, 1, 20))
    assert dr.budget_span(D(2026, 11, 3), D(2026, 12, 7)) == (D(2026, 11, 3), D(2026, 12, 7))
    with pytest.raises(dr.DashboardError):
        dr.budget_span(D(2026, 12, 7), D(2026, 11, 3))


@pytest.mark.parametrize('today, expected', [
    (D(2026, 12, 7), D(2026, 12, 8)),      # Monday -> Tuesday
    (D(2026, 12, 11), D(2026, 12, 14)),    # Friday -> Monday
    (D(2026, 12, 12), D(2026, 12, 14)),    # Saturday -> Monday
])
def test_next_school_day_skips_the_weekend(today, expected):
    assert dr.next_school_day(today) == expected


def test_percent_is_decimal_rounded_half_up_and_none_of_nothing():
    assert dr.percent(1, 8) == Decimal('12.5')
    assert dr.percent(2, 3) == Decimal('66.7')
    assert dr.percent(0.05, 0.1) == Decimal('50.0')       # floats read through repr, not binary noise
    assert dr.percent(5, 0) is None
    assert dr.percent(Decimal('110'), Decimal('100')) == Decimal('110.0')


def test_change_against_the_previous_figure():
    assert dr.change(Decimal('1100'), Decimal('1000')) == Decimal('10.0')
    assert dr.change(900, 1000) == Decimal('-10.0')
    assert dr.change(900, 0) is None


def test_competition_ranking_shares_ranks_and_leaves_missing_figures_unranked():
    ranks = dr.competition_ranks({'a': Decimal('95.0'), 'b': Decimal('97.5'), 'c': Decimal('95.0'), 'd': None,
                                  'e': Decimal('90')})
    assert ranks == {'b': 1, 'a': 2, 'c': 2, 'e': 4, 'd': None}


def test_sum_rows_keeps_decimals_and_counts_none_as_zero():
    rows = [{'n': 3, 'amount': Decimal('1.10')}, {'n': None, 'amount': None}, {'n': 4, 'amount': Decimal('2.25')}]
    assert dr.sum_rows(rows, ['n', 'amount']) == {'n': 7, 'amount': Decimal('3.35')}


@pytest.mark.parametrize('today, sent, recipient, state', [
    (D(2026, 12, 3), False, True, 'due'),
    (D(2026, 12, 5), False, True, 'due'),
    (D(2026, 12, 6), False, True, 'overdue'),
    (D(2026, 12, 20), True, True, 'sent'),
    (D(2026, 12, 2), False, False, 'no_recipient'),
])
def test_report_of_last_month_is_due_by_the_5th(today, sent, recipient, state):
    assert dr.report_state(today, sent, recipient) == state


def test_menus_of_the_next_school_day_approved_draft_or_missing():
    expected = dr.menus_expected([('lunch', '7-10'), ('breakfast', '7-10'), ('lunch', '11-18'), ('lunch', '7-10')])
    assert expected == [('breakfast', '7-10'), ('lunch', '11-18'), ('lunch', '7-10')]
    menus = [('lunch', '7-10', 'approved'), ('lunch', '11-18', 'draft'), ('breakfast', '7-10', 'cancelled'),
             ('snack', '7-10', 'draft')]
    assert dr.menu_states(expected, menus) == [
        ('breakfast', '7-10', 'missing'), ('lunch', '11-18', 'draft'), ('lunch', '7-10', 'approved'),
        ('snack', '7-10', 'draft')]


def test_a_draft_beside_an_approved_menu_is_approved():
    assert dr.menu_states([], [('lunch', '7-10', 'draft'), ('lunch', '7-10', 'approved')]) == [
        ('lunch', '7-10', 'approved')]


def test_overspent_specific_and_budget_summary():
    rows = [
        {'ebk': '111', 'plan_payments': Decimal('100'), 'payments': Decimal('90'), 'plan_obligations': Decimal('100'),
         'registered': Decimal('100')},
        {'ebk': '141', 'plan_payments': Decimal('10'), 'payments': Decimal('12'), 'plan_obligations': Decimal('12'),
         'registered': Decimal('12')},
        {'ebk': '159', 'plan_payments': Decimal('5'), 'payments': Decimal('0'), 'plan_obligations': Decimal('5'),
         'registered': Decimal('6')},
    ]
    assert [dr.overspent(r) for r in rows] == [False, True, True]
    total = {'plan_payments': Decimal('115'), 'payments': Decimal('102'), 'plan_obligations': Decimal('117'),
             'registered': Decimal('118'), 'expenses': Decimal('80')}
    summary = dr.budget_summary(rows, total)
    assert summary['percent'] == Decimal('88.7')
    assert summary['overspent'] == ['141', '159']
    assert summary['paid'] == Decimal('102')


def test_bar_chart_geometry_the_tallest_bar_fills_the_height():
    bars = dr.bar_chart([('1', 50), ('2', 100), ('3', 0)], width=100, height=50, gap=5)
    assert [b['h'] for b in bars] == [Decimal('25.0'), Decimal('50.0'), Decimal('0')]
    assert [b['y'] for b in bars] == [Decimal('25.0'), Decimal('0.0'), Decimal('50.0')]
    assert bars[1]['x'] == Decimal('35.0') and bars[0]['w'] == Decimal('30.0')
    assert dr.bar_chart([]) == []


def test_stacked_bars_stack_in_key_order_from_the_bottom():
    bars = dr.stacked_bars([('01', {'free': 30, 'paid': 10}), ('02', {'free': 20})], ['free', 'paid'],
                           width=50, height=40, gap=0)
    first = bars[0]
    assert first['total'] == 40
    assert [(p['key'], p['y'], p['h']) for p in first['parts']] == [
        ('free', Decimal('10.0'), Decimal('30.0')), ('paid', Decimal('0.0'), Decimal('10.0'))]
    assert bars[1]['parts'][0]['h'] == Decimal('20.0') and bars[1]['x'] == Decimal('25.0')


def test_share_width_is_capped():
    assert dr.share_width(50, 200) == Decimal('25.0')
    assert dr.share_width(300, 200) == Decimal('100')
    assert dr.share_width(5, 0) == 0
