"""The monthly attendance report rules (HSC-13), without a database.

October 2026: 1 October is a Thursday; 22 weekdays. The school recorded events on 5, 6, 7 and (a Saturday) 10
October only, so its school days are 5, 6 and 7 October.
"""
import datetime

import attendance_report as ar

D = datetime.date
T = datetime.time
OCT = D(2026, 10, 1)


def test_school_days_are_weekdays_with_an_event_HSC13():
    assert len(ar.weekdays(OCT)) == 22
    assert ar.weekdays(OCT)[:3] == [D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5)]
    events = [D(2026, 10, 5), '2026-10-06', D(2026, 10, 7), D(2026, 10, 10), D(2026, 10, 11)]
    assert ar.school_days(OCT, events) == [D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)]
    assert ar.school_days(OCT, []) == []


def test_month_helpers():
    assert ar.month_bounds('2026-02-14') == (D(2026, 2, 1), D(2026, 2, 28))
    assert ar.month_bounds(datetime.datetime(2024, 2, 3, 10, 0)) == (D(2024, 2, 1), D(2024, 2, 29))
    assert ar.previous_month(D(2026, 1, 3)) == D(2025, 12, 1)
    assert ar.is_month_finished(D(2026, 10, 15), D(2026, 11, 1))
    assert not ar.is_month_finished(D(2026, 10, 15), D(2026, 10, 31))
    assert ar.format_month(D(2026, 10, 9)) == '10.2026'
    assert ar.format_day(D(2026, 10, 9)) == '09.10'


def test_register_cell_text():
    assert ar.format_cell(T(8, 5), T(15, 30)) == '08:05-15:30'
    assert ar.format_cell(datetime.datetime(2026, 10, 5, 7, 55, 59), None) == '07:55-'
    assert ar.format_cell(None, T(13, 0)) == '-13:00'
    assert ar.format_cell(None, None) == ''


def school():
    classes = {10: {'company': 1, 'order': (5, 'А')}, 11: {'company': 1, 'order': (5, 'Б')},
               20: {'company': 2, 'order': (5, 'А')}}
    enrollments = [
        (100, 10, D(2026, 9, 1), None), (101, 10, D(2026, 9, 1), None), (102, 10, D(2026, 9, 1), None),
        (103, 11, D(2026, 9, 1), None), (104, 11, D(2026, 9, 1), None),
        (105, 11, D(2026, 10, 6), None),                    # arrives on Tuesday
        (200, 20, D(2026, 9, 1), None),
        (300, 99, D(2026, 9, 1), None),                     # a class the reader may not see: ignored
    ]
    student_days = [
        (100, D(2026, 10, 5), T(7, 55), T(13, 10)),
        (100, D(2026, 10, 5), T(14, 0), T(15, 20)),         # two rows of one day: merged
        (101, D(2026, 10, 5), T(8, 1), None),
        (103, D(2026, 10, 5), T(8, 10), T(14, 0)),
        (100, D(2026, 10, 6), T(7, 50), None),
        (101, D(2026, 10, 6), None, T(13, 0)),              # an exit alone: not present
        (105, D(2026, 10, 6), T(8, 5), None),
        (103, D(2026, 10, 7), T(8, 0), None),
        (100, D(2026, 10, 10), T(9, 0), None),              # Saturday: no school day
        (200, D(2026, 10, 5), T(8, 20), None),
    ]
    staff = [(900, 1), (901, 1), (902, 2)]
    staff_days = [(900, D(2026, 10, 5), T(7, 30), T(17, 45)), (900, D(2026, 10, 6), T(7, 40), None),
                  (901, D(2026, 10, 6), T(7, 35), T(16, 0))]
    event_dates = {1: [D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7), D(2026, 10, 10)], 2: [D(2026, 10, 5)]}
    names = {('student', 100): 'Ә', ('student', 101): 'А', ('student', 102): 'Б',
             ('staff', 901): 'Б', ('staff', 900): 'В'}
    return classes, enrollments, student_days, staff, staff_days, event_dates, names


def run(**kw):
    classes, enrollments, student_days, staff, staff_days, event_dates, names = school()
    return ar.monthly_attendance(OCT, [1, 2], classes, enrollments, student_days, staff, staff_days, event_dates,
                                 names=names, **kw)


def test_counts_per_class_day_and_school_HSC13():
    res = run()
    a, b = res['schools']
    assert a['days'] == [D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)]
    c5a, c5b = a['classes']
    assert (c5a['class'], c5a['enrolled'], c5a['present'], c5a['absent']) == (10, [3, 3, 3], [2, 1, 0], [1, 2, 3])
    assert c5a['total'] == {'enrolled': 9, 'present': 3, 'absent': 6}
    assert (c5b['class'], c5b['enrolled'], c5b['present'], c5b['absent']) == (11, [2, 3, 3], [1, 1, 1], [1, 2, 2])
    assert a['day_totals'] == {'enrolled': [5, 6, 6], 'present': [3, 2, 1], 'absent': [2, 4, 5]}
    assert a['total'] == {'enrolled': 17, 'present': 6, 'absent': 11}
    assert a['staff'] == {'count': 2, 'present': [1, 2, 0], 'total': 3}
    assert b['days'] == [D(2026, 10, 5)]
    assert b['total'] == {'enrolled': 1, 'present': 1, 'absent': 0}
    assert b['staff'] == {'count': 1, 'present': [0], 'total': 0}
    assert res['total'] == {'enrolled': 18, 'present': 7, 'absent': 11, 'staff_present': 3, 'staff_count': 3}


def test_register_times_and_order_HSC13():
    a = run()['schools'][0]
    rows = {(r['student'], r['class']): r for r in a['register']}
    assert [r['student'] for r in a['register']] == [101, 100, 102, 103, 104, 105]      # by class, then name
    assert [c['text'] for c in rows[(100, 10)]['cells']] == ['07:55-15:20', '07:50-', '']
    assert [c['text'] for c in rows[(101, 10)]['cells']] == ['08:01-', '-13:00', '']
    assert [c['present'] for c in rows[(101, 10)]['cells']] == [True, False, False]
    assert rows[(100, 10)]['days_present'] == 2
    # before arriving, a student's day is not a day of the class
    assert [c['enrolled'] for c in rows[(105, 11)]['cells']] == [False, True, True]
    assert [r['employee'] for r in a['staff_register']] == [901, 900]
    assert [c['text'] for c in a['staff_register'][1]['cells']] == ['07:30-17:45', '07:40-', '']


def test_staff_left_out_for_a_reader_without_staff_rights():
    res = run(include_staff=False)
    assert all(s['staff'] is None and s['staff_register'] == [] for s in res['schools'])
    assert res['total']['staff_count'] == 0


def test_month_without_events_has_no_school_days():
    classes, enrollments, _sd, staff, _st, _ev, _n = school()
    res = ar.monthly_attendance(D(2026, 11, 1), [1], classes, enrollments, [], staff, [], {})
    a = res['schools'][0]
    assert a['days'] == [] and a['total'] == {'enrolled': 0, 'present': 0, 'absent': 0}
    assert len(a['register']) == 6 and a['register'][0]['cells'] == []


def test_student_moved_mid_month_counts_in_each_class_on_its_days():
    classes = {10: {'company': 1, 'order': 1}, 11: {'company': 1, 'order': 2}}
    enrollments = [(1, 10, D(2026, 9, 1), D(2026, 10, 5)), (1, 11, D(2026, 10, 6), None)]
    days = [(1, D(2026, 10, 5), T(8, 0), None), (1, D(2026, 10, 6), T(8, 0), None)]
    res = ar.monthly_attendance(OCT, [1], classes, enrollments, days, [], [],
                                {1: [D(2026, 10, 5), D(2026, 10, 6)]})
    c10, c11 = res['schools'][0]['classes']
    assert (c10['enrolled'], c10['present']) == ([1, 0], [1, 0])
    assert (c11['enrolled'], c11['present']) == ([0, 1], [0, 1])


def test_attendance_rate():
    assert ar.attendance_rate(6, 17) == 35.3
    assert ar.attendance_rate(0, 0) is None


def test_names_sort_in_kazakh_alphabetical_order():
    names = ['Яков', 'Әлия', 'Ғалым', 'Айгүл', 'Бота', 'Ілияс', 'Ұлан', 'Ыдырыс']
    assert sorted(names, key=ar.name_key) == ['Айгүл', 'Әлия', 'Бота', 'Ғалым', 'Ұлан', 'Ыдырыс', 'Ілияс', 'Яков']
