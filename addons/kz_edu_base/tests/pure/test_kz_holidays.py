"""Public holidays and moved days off of Kazakhstan (kz_holidays.py; issue #13.4), checked against the published
calendars of 2025 and 2026."""
import datetime

import pytest

import kz_holidays
from kz_holidays import FIVE_DAY_WEEK, SIX_DAY_WEEK

D = datetime.date


def weekdays_off(year, rest=FIVE_DAY_WEEK):
    """The non-working days of the year that are not weekly days off."""
    return sorted(d for d in kz_holidays.non_working_days(year, rest) if d.weekday() not in rest)


def test_2026_five_day_week_matches_the_published_calendar():
    # egov's 2026 calendar: 1, 2, 7 Jan; 9 Mar (8 Mar a Sunday); 23 Mar and 24, 25 Mar for Nauryz 21-22 on the
    # weekend; 1, 7 May, 11 May (9 May a Saturday), 27 May Kurban Ait; 6 Jul; 26 Oct (25 Oct a Sunday); 16 Dec
    assert weekdays_off(2026) == [
        D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 7), D(2026, 3, 9), D(2026, 3, 23), D(2026, 3, 24),
        D(2026, 3, 25), D(2026, 5, 1), D(2026, 5, 7), D(2026, 5, 11), D(2026, 5, 27), D(2026, 7, 6),
        D(2026, 10, 26), D(2026, 12, 16)]


def test_the_findings_days_are_not_working_days():
    days = kz_holidays.non_working_days(2026)
    assert days[D(2026, 12, 16)]['kind'] == 'holiday'
    assert days[D(2026, 3, 9)]['kind'] == 'transfer' and days[D(2026, 3, 9)]['code'] == 'WOMENS_DAY'
    assert days[D(2026, 3, 23)]['code'] == 'NAURYZ'
    assert days[D(2026, 12, 16)]['names']['kk'] == 'Тәуелсіздік күні'
    assert 'Law' in days[D(2026, 12, 16)]['source']


def test_2025_with_the_ordered_january_transfer():
    assert weekdays_off(2025) == [
        D(2025, 1, 1), D(2025, 1, 2), D(2025, 1, 3), D(2025, 1, 7), D(2025, 3, 10), D(2025, 3, 21),
        D(2025, 3, 24), D(2025, 3, 25), D(2025, 5, 1), D(2025, 5, 7), D(2025, 5, 9), D(2025, 6, 6),
        D(2025, 7, 7), D(2025, 9, 1), D(2025, 10, 27), D(2025, 12, 16)]
    assert kz_holidays.non_working_days(2025)[D(2025, 1, 3)]['kind'] == 'day_off'
    assert list(kz_holidays.extra_working_days(2025)) == [D(2025, 1, 5)]


def test_constitution_day_moves_to_15_march_from_july_2026():
    assert D(2025, 8, 30) in kz_holidays.non_working_days(2025)
    assert D(2026, 8, 30) not in kz_holidays.non_working_days(2026)
    assert D(2026, 8, 31) not in kz_holidays.non_working_days(2026)
    assert kz_holidays.non_working_days(2027)[D(2027, 3, 15)]['code'] == 'CONSTITUTION_DAY'
    assert D(2026, 3, 15) not in kz_holidays.non_working_days(2026)


def test_religious_days_off_do_not_move():
    # 7 January 2023 was a Saturday: no day off moved for it
    days = kz_holidays.non_working_days(2023)
    assert days[D(2023, 1, 7)]['kind'] == 'religious'
    assert D(2023, 1, 9) not in days


def test_a_six_day_week_moves_only_sunday_holidays_and_ignores_five_day_orders():
    # 9 May 2026 is a Saturday: a working day of a six-day week, so no day off moves
    days = kz_holidays.non_working_days(2026, SIX_DAY_WEEK)
    assert days[D(2026, 5, 9)]['kind'] == 'holiday'
    assert D(2026, 5, 11) not in days
    # 8 March 2026 is a Sunday for both
    assert days[D(2026, 3, 9)]['kind'] == 'transfer'
    # the 2025 January order is for the five-day week
    assert D(2025, 1, 3) not in kz_holidays.non_working_days(2025, SIX_DAY_WEEK)
    assert kz_holidays.extra_working_days(2025, SIX_DAY_WEEK) == {}


def test_every_row_names_its_source_and_status():
    for row in kz_holidays.load_rows():
        assert row['source'], row['code']
        assert row['status'] in ('CONFIRMED', 'UNCONFIRMED'), row['code']
        assert all(row['names'].values()), row['code']


def test_a_year_before_the_data_is_refused():
    with pytest.raises(kz_holidays.HolidayError) as err:
        kz_holidays.non_working_days(2019)
    assert err.value.code == 'year_not_covered'


def test_a_bad_row_is_refused_with_its_place():
    with pytest.raises(kz_holidays.HolidayError) as err:
        kz_holidays.non_working_days(2026, rows=[{'code': 'X', 'kind': 'holiday', 'month': '13', 'day': '1',
                                                  'date_from': '2023-01-01'}])
    assert 'row 1 month' in str(err.value)
