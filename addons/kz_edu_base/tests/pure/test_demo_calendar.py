"""The one demo calendar (issue #20): which months the demo covers, from the day it is built."""
import datetime

import pytest

import demo_calendar

D = datetime.date


@pytest.mark.parametrize('today, start', [(D(2026, 9, 1), 2026), (D(2026, 8, 31), 2025), (D(2027, 1, 1), 2026),
                                          (D(2027, 5, 31), 2026), (D(2027, 9, 15), 2027)])
def test_school_year_starts_in_september(today, start):
    assert demo_calendar.school_year_start(today) == start


@pytest.mark.parametrize('today, last_rate_year, month', [
    (D(2026, 12, 7), 2026, (2026, 11)),     # the month before today
    (D(2027, 1, 1), 2026, (2026, 12)),      # a year change
    (D(2027, 1, 15), 2027, (2026, 12)),
    (D(2027, 3, 10), 2026, (2026, 12)),     # no rates for 2027 yet: the last month they cover
    (D(2027, 9, 15), 2027, (2027, 8)),
])
def test_payroll_month(today, last_rate_year, month):
    assert demo_calendar.payroll_month(today, last_rate_year) == month


def test_ledger_span_at_a_year_change():
    span = demo_calendar.ledger_span(D(2027, 1, 5), 2027)
    assert span == {'start': (2025, 1), 'end': (2026, 12), 'opening': D(2024, 12, 31), 'payroll_end': (2026, 11),
                    'plan_year': 2026, 'plan_last_month': 12}


def test_ledger_span_in_january_payroll():
    span = demo_calendar.ledger_span(D(2027, 2, 3), 2027)
    assert span['end'] == (2027, 1) and span['payroll_end'] == (2026, 12) and span['start'] == (2026, 1)


def test_add_months_and_month_end():
    assert demo_calendar.add_months(2026, 12, 1) == (2027, 1)
    assert demo_calendar.add_months(2026, 1, -1) == (2025, 12)
    assert demo_calendar.add_months(2026, 3, -14) == (2025, 1)
    assert demo_calendar.month_end(2028, 2) == D(2028, 2, 29)


def test_demo_today_from_the_environment():
    assert demo_calendar.demo_today({'KZ_DEMO_TODAY': '2027-09-15'}) == D(2027, 9, 15)
    assert demo_calendar.demo_today({}) == D.today()
    with pytest.raises(ValueError):
        demo_calendar.demo_today({'KZ_DEMO_TODAY': '15.09.2027'})
