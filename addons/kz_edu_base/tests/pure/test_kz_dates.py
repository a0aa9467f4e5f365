"""The suite's one date helper (kz_dates.py, issue #15): dates as Odoo 11 and the files give them, months,
quarters, the printed date."""
import datetime
import doctest

import pytest

import kz_dates
from kz_dates import (DateError, add_months, format_date, month_bounds, month_end, previous_month, quarter_bounds,
                      read_date, to_date)

D = datetime.date


def test_doctests():
    assert doctest.testmod(kz_dates).failed == 0


@pytest.mark.parametrize('value', [D(2026, 1, 31), datetime.datetime(2026, 1, 31, 23, 59), '2026-01-31',
                                   ' 2026-01-31 ', '2026-01-31 08:15:00', '2026-01-31T08:15:00'])
def test_to_date_reads_what_odoo_11_gives(value):
    assert to_date(value) == D(2026, 1, 31)


@pytest.mark.parametrize('value', ['31.01.2026', '2026-02-30', '2026-01-31x', '', None, False, 20260131, 0.5])
def test_to_date_refuses_anything_else(value):
    with pytest.raises(DateError) as err:
        to_date(value, 'date_from')
    assert 'date_from must be a date' in str(err.value) and isinstance(err.value, ValueError)


def test_to_date_empty_is_none_when_not_required_and_the_callers_error_otherwise():
    assert [to_date(v, required=False) for v in (None, False, '')] == [None, None, None]
    with pytest.raises(DateError):
        to_date('31.01.2026', required=False)

    class MyError(Exception):
        pass
    with pytest.raises(MyError):
        to_date(None, 'period_end', MyError)


@pytest.mark.parametrize('text', ['2026-01-31', '31.01.2026', '31/01/2026', '31-01-2026', '31.01.26',
                                  '2026-01-31 00:00:00', ' 31.01.2026 '])
def test_read_date_reads_what_people_type_in_files(text):
    assert read_date(text) == D(2026, 1, 31)


def test_read_date_is_none_for_what_is_not_a_date():
    assert [read_date(v) for v in (None, False, '', 'abc', '31.02.2026', '2026/01/31')] == [None] * 6
    assert read_date(datetime.datetime(2026, 1, 31, 10)) == D(2026, 1, 31)


def test_month_bounds_of_a_month_or_of_a_day():
    assert month_bounds(2026, 2) == (D(2026, 2, 1), D(2026, 2, 28))
    assert month_bounds(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert month_bounds(2026, 12) == (D(2026, 12, 1), D(2026, 12, 31))
    assert month_bounds(D(2026, 4, 15)) == month_bounds('2026-04-30') == (D(2026, 4, 1), D(2026, 4, 30))
    assert month_end(2026, 11) == D(2026, 11, 30)


def test_previous_month_add_months_and_quarters():
    assert previous_month(D(2026, 1, 15)) == D(2025, 12, 1)
    assert previous_month('2026-03-31') == D(2026, 2, 1)
    assert add_months(2026, 1, -1) == (2025, 12) and add_months(2026, 11, 14) == (2028, 1)
    assert quarter_bounds(D(2026, 5, 20)) == (D(2026, 4, 1), D(2026, 6, 30))
    assert quarter_bounds('2026-12-31') == (D(2026, 10, 1), D(2026, 12, 31))


def test_format_date_as_the_documents_print_it():
    assert format_date('2026-12-07') == '07.12.2026'
    assert format_date(datetime.datetime(2026, 3, 9, 18, 0)) == '09.03.2026'
    assert format_date(None) == format_date(False) == format_date('') == ''
