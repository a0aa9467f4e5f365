"""Tests of the pure timetable rules (timetable_rules.py), issue #19 (LMS-08): dated lessons from weekly slots, and a
first timetable built from the teaching load without clashes."""
import collections
import datetime

import pytest

import timetable_rules as tt
from timetable_rules import TimetableError

D = datetime.date


def test_lesson_dates_follow_the_weekdays_and_skip_holidays():
    slots = [{'key': 'math', 'weekday': 0}, {'key': 'math2', 'weekday': 2},
             {'key': 'pe', 'weekday': 4, 'date_from': D(2026, 11, 10)}]
    lessons = tt.lesson_dates(slots, D(2026, 11, 2), D(2026, 11, 15), holidays=[D(2026, 11, 4)])
    assert lessons == [('math', D(2026, 11, 2)), ('math', D(2026, 11, 9)), ('math2', D(2026, 11, 11)),
                       ('pe', D(2026, 11, 13))]


def test_lesson_dates_refuse_a_reversed_range_and_a_bad_weekday():
    with pytest.raises(TimetableError) as err:
        tt.lesson_dates([], D(2026, 11, 10), D(2026, 11, 1))
    assert err.value.code == 'bad_range'
    with pytest.raises(TimetableError) as err:
        tt.lesson_dates([{'key': 1, 'weekday': 7}], D(2026, 11, 1), D(2026, 11, 10))
    assert err.value.code == 'bad_weekday'


def test_time_index_second_shift_starts_at_the_first_shifts_seventh_period():
    assert tt.time_index(1, 7) == tt.time_index(2, 1)
    assert tt.time_index(2, 3, shift_offset=5) == 8


def _load():
    """Two classes of one shift and one of the second, a split English (two teachers) and a split informatics with
    one teacher for both groups, teachers shared between the classes and the shifts."""
    rows, key = [], 0
    plan = [  # class, subject, teacher, group, hours, split
        ('5A', 'math', 'T1', 1, 5, False), ('5A', 'kaz', 'T2', 1, 4, False), ('5A', 'eng', 'T3', 1, 3, True),
        ('5A', 'eng', 'T4', 2, 3, True), ('5A', 'inf', 'T5', 1, 1, True), ('5A', 'inf', 'T5', 2, 1, True),
        ('5A', 'pe', 'T6', 1, 3, False),
        ('5B', 'math', 'T1', 1, 5, False), ('5B', 'kaz', 'T2', 1, 4, False), ('5B', 'eng', 'T3', 1, 3, True),
        ('5B', 'eng', 'T4', 2, 3, True), ('5B', 'pe', 'T6', 1, 3, False),
        ('9A', 'math', 'T1', 1, 4, False), ('9A', 'phys', 'T7', 1, 2, False), ('9A', 'pe', 'T6', 1, 3, False),
    ]
    for cls, subject, teacher, group, hours, split in plan:
        key += 1
        rows.append({'key': key, 'class_id': cls, 'subject': subject, 'teacher': teacher, 'group_no': group,
                     'hours': hours, 'split': split})
    return rows, {'5A': 2, '5B': 2, '9A': 1}


def test_built_timetable_places_every_hour_without_a_clash():
    chunks, classes = _load()
    res = tt.build_timetable(chunks, classes)
    assert res['unplaced'] == []
    by_key = {c['key']: c for c in chunks}
    hours = collections.Counter(s['key'] for s in res['slots'])
    assert hours == {c['key']: c['hours'] for c in chunks}
    teacher_times = collections.Counter()
    class_times = collections.defaultdict(list)
    for s in res['slots']:
        c = by_key[s['key']]
        teacher_times[c['teacher'], s['weekday'], tt.time_index(s['shift'], s['period'])] += 1
        class_times[c['class_id'], s['weekday'], s['period']].append(c)
        assert s['shift'] == classes[c['class_id']] and 1 <= s['period'] <= 7 and s['weekday'] in range(5)
    assert max(teacher_times.values()) == 1                  # no teacher in two places
    for lessons in class_times.values():
        if len(lessons) > 1:                                 # only groups of split subjects side by side
            assert all(c['split'] for c in lessons)
            assert len({c['group_no'] for c in lessons}) == len(lessons)
    # the two English groups of a class run in parallel (two teachers)
    eng = [s for s in res['slots'] if by_key[s['key']]['subject'] == 'eng' and by_key[s['key']]['class_id'] == '5A']
    times = collections.Counter((s['weekday'], s['period']) for s in eng)
    assert set(times.values()) == {2}


def test_a_load_too_big_for_the_week_is_listed_not_raised():
    chunks = [{'key': 'x', 'class_id': 'A', 'subject': 's', 'teacher': 'T', 'group_no': 1, 'hours': 8,
               'split': False}]
    res = tt.build_timetable(chunks, {'A': 1}, days=(0,), periods=6)
    assert res['unplaced'] == [('x', 2)] and len(res['slots']) == 6


def test_hours_left_over_go_to_the_extra_day():
    chunks = [{'key': 'x', 'class_id': 'A', 'subject': 's', 'teacher': 'T', 'group_no': 1, 'hours': 8,
               'split': False}]
    res = tt.build_timetable(chunks, {'A': 1}, days=(0,), periods=6, extra_days=(5,))
    assert res['unplaced'] == []
    assert sorted(s['weekday'] for s in res['slots']) == [0] * 6 + [5] * 2


def test_fractional_hours_are_refused():
    with pytest.raises(TimetableError) as err:
        tt.build_timetable([{'key': 1, 'class_id': 'A', 'subject': 's', 'teacher': 'T', 'group_no': 1,
                             'hours': 1.5, 'split': False}], {'A': 1})
    assert err.value.code == 'bad_hours'
