"""Dates and dated parameter rows shared by the rule modules (kz_tax, tariff, canteen_rules)."""
import datetime

import pytest

import dated_rows

D = datetime.date


def test_to_date_accepts_dates_datetimes_and_iso_text():
    assert dated_rows.to_date(D(2026, 1, 31), 'x') == D(2026, 1, 31)
    assert dated_rows.to_date(datetime.datetime(2026, 1, 31, 23, 59), 'x') == D(2026, 1, 31)
    assert dated_rows.to_date(' 2026-01-31 ', 'x') == D(2026, 1, 31)
    assert dated_rows.to_date('2026-01-31 08:15:00', 'x') == D(2026, 1, 31)


@pytest.mark.parametrize('value', ['31.01.2026', '2026-02-30', '2026-01-31x', '', None, 20260131])
def test_to_date_refuses_anything_else_with_the_callers_error(value):
    class MyError(ValueError):
        pass
    with pytest.raises(MyError) as err:
        dated_rows.to_date(value, 'period_end', MyError)
    assert 'period_end must be a date' in str(err.value)


def test_in_force_takes_the_latest_row_valid_on_the_date():
    rows = [{'code': 'MRP', 'date_from': D(2025, 1, 1), 'date_to': D(2025, 12, 31), 'value': 3932},
            {'code': 'MRP', 'date_from': D(2026, 1, 1), 'date_to': None, 'value': 4325},
            {'code': 'OPVR', 'date_from': D(2024, 1, 1), 'date_to': None, 'value': '0.025'},
            {'code': 'OPVR', 'date_from': D(2026, 1, 1), 'date_to': None, 'value': '0.035'}]
    assert {c: r['value'] for c, r in dated_rows.in_force(rows, D(2025, 12, 31)).items()} == \
        {'MRP': 3932, 'OPVR': '0.025'}
    assert {c: r['value'] for c, r in dated_rows.in_force(rows, D(2026, 1, 1)).items()} == \
        {'MRP': 4325, 'OPVR': '0.035'}
    assert dated_rows.in_force(rows, D(2023, 6, 1)) == {}
