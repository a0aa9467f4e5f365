"""Tests of the pure time sheet module (timesheet_document.py): day marks from a schedule, public holidays and
leaves, codes in Russian and Kazakh, totals per employee and per department. March 2026 starts on a Sunday and has
22 weekdays (Monday to Friday); the public holidays are set by each test."""
import datetime
import doctest
from decimal import Decimal

import pytest

import timesheet_document as ts

D = Decimal
MON_FRI = [{'dayofweek': d, 'hour_from': 9, 'hour_to': 13} for d in range(5)] + \
          [{'dayofweek': d, 'hour_from': 14, 'hour_to': 18} for d in range(5)]


def dt(day, hour=0, minute=0, second=0):
    return datetime.datetime(2026, 3, day, hour, minute, second)


def full_days(first, last, kind):
    return {'start': dt(first), 'end': dt(last, 23, 59, 59), 'kind': kind}


def contract(date_from=datetime.date(2025, 9, 1), date_to=None, attendances=MON_FRI, holidays=()):
    return {'date_from': date_from, 'date_to': date_to, 'attendances': attendances, 'holidays': list(holidays)}


def kinds(days):
    return ''.join(ts.mark(d and d[0], 'ru') or '.' for d in days)


def test_doctests():
    assert doctest.testmod(ts).failed == 0


def test_every_kind_has_a_distinct_mark_in_each_language():
    for index in (0, 1):
        letters = [pair[index] for pair in ts.MARKS.values()]
        assert len(set(letters)) == len(letters) == len(ts.KINDS)
    assert [m for _k, m in ts.legend('ru_RU')] == ['Я', 'В', 'О', 'Б', 'К', 'А', 'П']
    assert [m for _k, m in ts.legend('kk_KZ')] == ['Ж', 'Д', 'Е', 'А', 'І', 'Ә', 'С']


def test_unknown_language_kind_or_month_is_refused():
    with pytest.raises(ts.TimesheetError):
        ts.mark('work', 'en_US')
    with pytest.raises(ts.TimesheetError):
        ts.mark('holiday', 'ru')
    with pytest.raises(ts.TimesheetError):
        ts.month_dates(2026, 13)
    with pytest.raises(ts.TimesheetError):
        ts.day_marks(2026, 3, [contract()], [full_days(2, 3, 'maternity')])


def test_full_month_from_the_schedule_weekends_are_days_off():
    days = ts.day_marks(2026, 3, [contract()])
    assert len(days) == 31
    assert days[0] == ('dayoff', None)            # Sunday 1 March
    assert days[1] == ('work', D('8.00'))          # Monday 2 March, two 4-hour attendance lines
    totals = ts.employee_totals(days)
    assert (totals['work_days'], totals['work_hours']) == (22, D('176.00'))
    assert kinds(days) == 'ВЯЯЯЯЯВВЯЯЯЯЯВВЯЯЯЯЯВВЯЯЯЯЯВВЯЯ'


def test_public_holiday_on_a_working_day_is_a_day_off_and_shortened_day_keeps_the_rest():
    nauryz = {'start': dt(23), 'end': dt(23, 23, 59, 59)}
    short = {'start': dt(6, 17), 'end': dt(6, 18)}    # the eve of 8 March one hour shorter
    days = ts.day_marks(2026, 3, [contract(holidays=[nauryz, short])])
    assert days[22] == ('dayoff', None)
    assert days[5] == ('work', D('7.00'))
    assert ts.employee_totals(days)['work_days'] == 21


def test_leave_and_sick_leave_are_marked_on_working_days_only():
    leaves = [full_days(9, 15, 'vacation'),           # Mon 9 – Sun 15: five working days, the weekend stays В
              full_days(2, 4, 'sick')]
    days = ts.day_marks(2026, 3, [contract()], leaves)
    assert kinds(days) == 'ВБББЯЯВВООООО' + 'ВВЯЯЯЯЯВВЯЯЯЯЯВВЯЯ'
    totals = ts.employee_totals(days)
    assert dict(totals) == {'work_days': 14, 'work_hours': D('112.00'), 'vacation_days': 5, 'sick_days': 3,
                            'trip_days': 0, 'unpaid_days': 0, 'absence_days': 0}
    kk = ts.build_timesheet([{'name': 'A', 'days': days}], 2026, 3, 'kk_KZ')
    assert [c['code'] for c in kk['groups'][0]['rows'][0]['cells'][:10]] == \
        ['Д', 'А', 'А', 'А', 'Ж', 'Ж', 'Д', 'Д', 'Е', 'Е']


def test_half_day_rule_and_ties():
    # a 3-hour absence on an 8-hour day: worked, 5 hours; a 4-hour trip: half the day → trip
    leaves = [{'start': dt(2, 9), 'end': dt(2, 12), 'kind': 'absence'},
              {'start': dt(3, 9), 'end': dt(3, 13), 'kind': 'trip'},
              # sick and vacation cover 4 hours each on the 4th: sick wins the tie
              {'start': dt(4, 9), 'end': dt(4, 13), 'kind': 'vacation'},
              {'start': dt(4, 14), 'end': dt(4, 18), 'kind': 'sick'},
              # unpaid 5 hours and absence 3 hours on the 5th: unpaid covers more
              {'start': dt(5, 9), 'end': dt(5, 15), 'kind': 'unpaid'},
              {'start': dt(5, 15), 'end': dt(5, 18), 'kind': 'absence'}]
    days = ts.day_marks(2026, 3, [contract()], leaves)
    assert days[1:5] == [('work', D('5.00')), ('trip', None), ('sick', None), ('unpaid', None)]


def test_days_outside_the_contracts_are_blank_and_a_second_contract_brings_its_schedule():
    six_hours = [{'dayofweek': d, 'hour_from': 8.5, 'hour_to': 14.5} for d in range(6)]   # Monday to Saturday
    periods = [contract(date_to=datetime.date(2026, 3, 10)),
               contract(date_from=datetime.date(2026, 3, 16), attendances=six_hours)]
    days = ts.day_marks(2026, 3, periods)
    assert days[10:15] == [None] * 5
    assert days[20] == ('work', D('6.00'))        # Saturday 21 March under the second contract
    assert kinds(days) == 'ВЯЯЯЯЯВВЯЯ.....ЯЯЯЯЯЯВЯЯЯЯЯЯВЯЯ'
    totals = ts.employee_totals(days)
    assert (totals['work_days'], totals['work_hours']) == (7 + 14, D('56.00') + D('84.00'))


def test_schedule_line_validity_dates_are_respected():
    lines = [dict(a, date_to='2026-03-15') for a in MON_FRI] + \
            [{'dayofweek': d, 'hour_from': 9, 'hour_to': 15.25, 'date_from': '2026-03-16'} for d in range(5)]
    days = ts.day_marks(2026, 3, [contract(attendances=lines)])
    assert days[12] == ('work', D('8.00')) and days[16] == ('work', D('6.25'))
    assert ts.employee_totals(days)['work_hours'] == 10 * D(8) + 12 * D('6.25')


def test_totals_per_department_and_organisation_and_working_days():
    full = ts.day_marks(2026, 3, [contract()])
    sick = ts.day_marks(2026, 3, [contract()], [full_days(2, 6, 'sick')])
    late = ts.day_marks(2026, 3, [contract(date_from=datetime.date(2026, 3, 23))])
    sheet = ts.build_timesheet([
        {'name': 'Ахметова', 'department': 'Teachers', 'days': full},
        {'name': 'Бекенов', 'department': 'Teachers', 'days': sick},
        {'name': 'Серіков', 'department': '', 'days': late},
    ], 2026, 3, 'ru')
    assert [g['department'] for g in sheet['groups']] == ['Teachers', '']
    teachers = sheet['groups'][0]
    assert [r['no'] for r in teachers['rows']] == [1, 2]
    assert (teachers['count'], teachers['totals']['work_days'], teachers['totals']['sick_days']) == (2, 39, 5)
    assert teachers['totals']['work_hours'] == D('312.00')
    assert sheet['totals']['work_days'] == 39 + 7 and sheet['count'] == 3
    assert sheet['working_days'] == 22
    assert sheet['groups'][1]['rows'][0]['cells'][0] == {'kind': None, 'code': '', 'hours': None}
    with pytest.raises(ts.TimesheetError):
        ts.build_timesheet([{'name': 'short', 'days': full[:30]}], 2026, 3, 'ru')


def test_hours_are_decimal_and_never_float():
    days = ts.day_marks(2026, 3, [contract(attendances=[{'dayofweek': 0, 'hour_from': 8.1, 'hour_to': 16.2}])])
    assert days[1] == ('work', D('8.10'))          # 486 minutes; 16.2 - 8.1 in floats is 8.099999…
    assert isinstance(ts.employee_totals(days)['work_hours'], Decimal)
    assert ts.format_hours(D('8.10')) == '8.1'
