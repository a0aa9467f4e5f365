"""Hand-computed cases of the movement report, social counts, class lists and the НОБД export layout (ACC-14)."""
import datetime

import pytest

import movement_report as mr

A, B = 101, 102                 # schools
R_FIRST, R_DISTRICT, R_HEALTH, R_ABROAD, R_GRAD = 1, 2, 11, 14, 30

CLASSES = {
    1: {'company': A, 'grade': 5, 'lang': 'kk', 'year_start': '2025-09-01', 'order': 1},   # 5 «А», Kazakh
    2: {'company': A, 'grade': 5, 'lang': 'ru', 'year_start': '2025-09-01', 'order': 2},   # 5 «Б», Russian
    3: {'company': A, 'grade': 6, 'lang': 'kk', 'year_start': '2026-09-01', 'order': 3},   # 6 «А» next year
    4: {'company': B, 'grade': 11, 'lang': 'kk', 'year_start': '2025-09-01', 'order': 4},
}

# The school year of school A, quarter 3 = [2026-01-01, 2026-03-31]; one line per student
ENROLLMENTS = [
    (1, '2025-09-01', None),             # s1: stays in 5А
    (1, '2025-09-01', '2026-01-31'),     # s2: transferred 5А -> 5Б on 1 February
    (2, '2026-02-01', None),             # s2
    (1, '2025-09-01', '2026-02-14'),     # s3: leaves on 15 February (health)
    (2, '2026-03-01', None),             # s4: admitted on 1 March
    (2, '2025-09-01', '2025-12-31'),     # s5: leaves on 1 January (first day of the period)
    (2, '2026-03-31', None),             # s6: admitted on 31 March (last day)
    (1, '2025-09-01', '2026-03-31'),     # s7: leaves on 1 April (after the period)
    (1, '2025-09-01', '2025-10-31'),     # s8: left before the period
]
MOVES = [
    ('admission', '2025-09-01', None, 1, R_FIRST, 6),   # s1 s2 s3 s7 s8 (5А) and s5 (5Б): aggregated row
    ('transfer', '2026-02-01', 1, 2, None),
    ('departure', '2026-02-15', 1, None, R_HEALTH),
    ('admission', '2026-03-01', None, 2, R_DISTRICT),
    ('departure', '2026-01-01', 2, None, R_ABROAD),
    ('admission', '2026-03-31', None, 2, R_DISTRICT),
    ('departure', '2026-04-01', 1, None, R_HEALTH),
    ('departure', '2025-11-01', 1, None, R_HEALTH),
]
S, E = '2026-01-01', '2026-03-31'


def by_key(report):
    return {g['key']: g for g in report['groups']}


def test_movement_per_class_hand_computed():
    rep = mr.movement(ENROLLMENTS, MOVES, CLASSES, S, E, group_by=('class',))
    g = by_key(rep)
    assert set(g) == {(1,), (2,)}
    c1, c2 = g[(1,)], g[(2,)]
    # 5А: s1 s2 s3 s7 at the start; s3 left (health), s2 moved out; s1 s7 at the end
    assert (c1['start'], c1['arrived'], c1['left'], c1['internal_in'], c1['internal_out'], c1['end']) == \
        (4, 0, 1, 0, 1, 2)
    assert c1['left_by_reason'] == {R_HEALTH: 1}
    # 5Б: s5 at the start and leaves on day one; s4 s6 admitted; s2 moved in; s2 s4 s6 at the end
    assert (c2['start'], c2['arrived'], c2['left'], c2['internal_in'], c2['internal_out'], c2['end']) == \
        (1, 2, 1, 1, 0, 3)
    assert c2['arrived_by_reason'] == {R_DISTRICT: 2}
    assert c2['left_by_reason'] == {R_ABROAD: 1}
    assert c1['balanced'] and c2['balanced'] and rep['balanced']
    assert rep['unbalanced'] == []


def test_movement_total_internal_transfers_cancel_at_school_level():
    rep = mr.movement(ENROLLMENTS, MOVES, CLASSES, S, E, group_by=('company',))
    (school,) = rep['groups']
    for g in (school, rep['total']):
        assert (g['start'], g['arrived'], g['left'], g['internal_in'], g['internal_out'], g['end']) == \
            (5, 2, 2, 0, 0, 5)
        assert g['expected_end'] == 5 and g['difference'] == 0
    assert rep['arrival_reasons'] == [R_DISTRICT]
    assert rep['departure_reasons'] == [R_HEALTH, R_ABROAD]
    assert rep['total']['left_by_reason'] == {R_HEALTH: 1, R_ABROAD: 1}


def test_movement_by_grade_cancels_and_by_language_shows_the_transfer():
    by_grade = by_key(mr.movement(ENROLLMENTS, MOVES, CLASSES, S, E, group_by=('grade',)))
    assert by_grade[(5,)]['internal_in'] == by_grade[(5,)]['internal_out'] == 0
    by_lang = by_key(mr.movement(ENROLLMENTS, MOVES, CLASSES, S, E, group_by=('company', 'lang')))
    assert by_lang[(A, 'kk')]['internal_out'] == 1 and by_lang[(A, 'ru')]['internal_in'] == 1
    assert all(g['balanced'] for g in by_lang.values())


def test_movement_boundaries_of_the_period():
    # admission on S: arrived, not at the start; departure on S: at the start and left;
    # admission on E: arrived and at the end; departure on E + 1: at the end, not left
    enr = [(1, S, None), (1, '2025-09-01', '2025-12-31'), (1, E, None), (1, '2025-09-01', E)]
    moves = [('admission', S, None, 1, R_DISTRICT), ('departure', S, 1, None, R_HEALTH),
             ('admission', E, None, 1, R_DISTRICT), ('departure', '2026-04-01', 1, None, R_HEALTH)]
    t = mr.movement(enr, moves, CLASSES, S, E, group_by=())['total']
    assert (t['start'], t['arrived'], t['left'], t['end']) == (2, 2, 1, 3)
    assert t['balanced']


def test_one_day_period():
    enr = [(1, '2026-02-01', None), (1, '2025-09-01', '2026-01-31')]
    moves = [('admission', '2026-02-01', None, 1, R_DISTRICT), ('departure', '2026-02-01', 1, None, R_HEALTH)]
    t = mr.movement(enr, moves, CLASSES, '2026-02-01', '2026-02-01', group_by=())['total']
    assert (t['start'], t['arrived'], t['left'], t['end'], t['balanced']) == (1, 1, 1, 1, True)


def test_promotion_counts_on_the_first_day_of_the_new_year_not_on_the_order_date():
    enr = [(1, '2025-09-01', '2026-08-31'), (3, '2026-09-01', None)]
    moves = [('admission', '2025-09-01', None, 1, R_FIRST), ('promotion', '2026-05-25', 1, 3, None)]
    rep = mr.movement(enr, moves, CLASSES, '2026-08-01', '2026-09-30', group_by=('class',))
    g = by_key(rep)
    assert (g[(1,)]['start'], g[(1,)]['internal_out'], g[(1,)]['end']) == (1, 1, 0)
    assert (g[(3,)]['start'], g[(3,)]['internal_in'], g[(3,)]['end']) == (0, 1, 1)
    assert rep['balanced']
    assert (rep['total']['start'], rep['total']['end'], rep['total']['internal_in']) == (1, 1, 0)
    # May, the month of the order: nothing moves yet
    may = by_key(mr.movement(enr, moves, CLASSES, '2026-05-01', '2026-05-31', group_by=('class',)))
    assert list(may) == [(1,)] and may[(1,)]['internal_out'] == 0 and may[(1,)]['balanced']


def test_graduation_is_a_departure_by_its_reason():
    enr = [(4, '2025-09-01', '2026-05-24')] * 3
    moves = [('admission', '2025-09-01', None, 4, R_FIRST, 3), ('graduation', '2026-05-25', 4, None, R_GRAD, 3)]
    t = mr.movement(enr, moves, CLASSES, '2026-05-01', '2026-05-31', group_by=())['total']
    assert (t['start'], t['left'], t['end'], t['left_by_reason']) == (3, 3, 0, {R_GRAD: 3})


def test_stay_without_order_is_reported_as_unbalanced():
    enr = ENROLLMENTS + [(2, '2026-02-10', None)]          # nobody ordered this admission
    rep = mr.movement(enr, MOVES, CLASSES, S, E, group_by=('class',))
    g = by_key(rep)
    assert g[(2,)]['end'] == 4 and g[(2,)]['expected_end'] == 3 and g[(2,)]['difference'] == 1
    assert not g[(2,)]['balanced'] and g[(1,)]['balanced']
    assert rep['unbalanced'] == [(2,)] and not rep['balanced']
    assert not rep['total']['balanced']


def test_two_schools_dicts_and_aggregated_counts():
    enr = [{'class_id': 1, 'date_from': datetime.date(2025, 9, 1), 'date_to': None, 'count': 20},
           {'class_id': 4, 'date_from': '2025-09-01', 'date_to': None, 'count': 7}]
    rep = mr.movement(enr, [], CLASSES, S, E, group_by=('company',))
    assert [(g['key'], g['start'], g['end']) for g in rep['groups']] == [((A,), 20, 20), ((B,), 7, 7)]
    assert rep['total']['start'] == 27


def test_movement_refuses_reversed_period_unknown_grouping_and_unknown_class():
    with pytest.raises(ValueError):
        mr.movement([], [], CLASSES, E, S)
    with pytest.raises(ValueError):
        mr.movement([], [], CLASSES, S, E, group_by=('teacher',))
    with pytest.raises(ValueError):
        mr.movement([(99, S, None)], [], CLASSES, S, E, group_by=('class',))


def test_empty_period_gives_zero_balanced_total():
    rep = mr.movement([], [], CLASSES, S, E)
    assert rep['groups'] == [] and rep['total']['end'] == 0 and rep['balanced']


def test_social_counts_on_a_date():
    day = '2026-03-01'
    enr = [(1, '2025-09-01', None), (1, '2025-09-01', None), (2, '2025-09-01', None), (2, '2025-09-01', '2026-02-28')]
    rows = [
        (1, 1, 'ASP', '2026-01-01', None),            # s1 ASP: in force
        (1, 1, 'LARGE', '2025-09-01', '2026-02-28'),  # expired the day before
        (2, 1, 'LARGE', '2026-03-01', '2026-03-01'),  # s2 one-day, in force
        (2, 1, 'ASP', '2026-02-01', None),            # s2 ASP too
        (2, 1, 'ASP', '2026-02-15', None),            # the same category twice: counted once
        (3, 2, 'ORPHAN', '2026-03-02', None),         # s3 from tomorrow only
    ]
    rep = mr.social_counts(rows, enr, CLASSES, day, group_by=('class',))
    g = {x['key']: x for x in rep['groups']}
    assert g[(1,)]['by_category'] == {'ASP': 2, 'LARGE': 1}
    assert g[(1,)]['any'] == 2 and g[(1,)]['students'] == 2
    assert g[(2,)]['by_category'] == {} and g[(2,)]['students'] == 1 and g[(2,)]['any'] == 0
    assert rep['total']['by_category'] == {'ASP': 2, 'LARGE': 1}
    assert rep['total']['any'] == 2 and rep['total']['students'] == 3
    assert rep['categories'] == ['ASP', 'LARGE']


def test_is_active_inclusive_bounds():
    assert mr.is_active('2026-01-01', '2026-01-31', '2026-01-31')
    assert not mr.is_active('2026-01-01', '2026-01-31', '2026-02-01')
    assert mr.is_active('2026-01-01', None, '2030-01-01')
    assert not mr.is_active('2026-01-01', False, '2025-12-31')


@pytest.mark.parametrize('full, patronymic, expected', [
    ('Әбенова Аружан Серікқызы', 'Серікқызы', ('Әбенова', 'Аружан', 'Серікқызы')),
    ('Иванов Пётр Сергеевич', None, ('Иванов', 'Пётр', 'Сергеевич')),
    ('Ли Анна', None, ('Ли', 'Анна', '')),
    ('Нұрланов Ерасыл Асқар ұлы', 'Асқар ұлы', ('Нұрланов', 'Ерасыл', 'Асқар ұлы')),
    ('  Smith   John ', '', ('Smith', 'John', '')),
    ('', None, ('', '', '')),
])
def test_split_name(full, patronymic, expected):
    assert mr.split_name(full, patronymic) == expected


def test_class_list_rows_sorted_and_numbered_per_class():
    students = [{'id': 5, 'class_id': 2, 'name': 'Бекова'}, {'id': 3, 'class_id': 1, 'name': 'әлиев'},
                {'id': 4, 'class_id': 1, 'name': 'Абаев'}, {'id': 6, 'class_id': 2, 'name': 'Ахметов'}]
    out = mr.class_list_rows(students, CLASSES)
    assert [c for c, _rows in out] == [1, 2]
    assert [(r['no'], r['name']) for r in out[0][1]] == [(1, 'Абаев'), (2, 'әлиев')]
    assert [(r['no'], r['name']) for r in out[1][1]] == [(1, 'Ахметов'), (2, 'Бекова')]


def test_nobd_row_layout_and_formats():
    keys = [k for k, _w, _kind in mr.NOBD_COLUMNS]
    assert keys == ['iin', 'surname', 'given_name', 'patronymic', 'birth_date', 'sex', 'grade', 'letter',
                    'instruction_lang', 'shift', 'admission_date', 'social_categories', 'school_bin']
    row = mr.nobd_row({'iin': '140517600123', 'name': 'Әбенова Аружан Серікқызы', 'patronymic': 'Серікқызы',
                       'birth_date': '2014-05-17', 'sex': 'female', 'grade': 5, 'letter': 'Ә',
                       'instruction_lang': 'kk', 'shift': '2', 'admission_date': datetime.date(2020, 9, 1),
                       'social_codes': ['LARGE_FAMILY', 'ASP'], 'school_bin': '123456789012'})
    assert row == ('140517600123', 'Әбенова', 'Аружан', 'Серікқызы', '17.05.2014', 'F', 5, 'Ә', 'kk', 2,
                   '01.09.2020', 'ASP;LARGE_FAMILY', '123456789012')
    empty = mr.nobd_row({'name': 'Ли Анна'})
    assert empty[:3] == ('', 'Ли', 'Анна') and empty[4] == '' and empty[6] == '' and empty[9] == ''


def test_nobd_rows_sorted_by_school_grade_letter_surname():
    rows = mr.nobd_rows([
        {'name': 'Ж Ж', 'grade': 10, 'letter': 'А', 'school_bin': '2'},
        {'name': 'Б Б', 'grade': 5, 'letter': 'Б', 'school_bin': '1'},
        {'name': 'А А', 'grade': 5, 'letter': 'Б', 'school_bin': '1'},
        {'name': 'В В', 'grade': 5, 'letter': 'А', 'school_bin': '1'},
    ])
    assert [r[1] for r in rows] == ['В', 'А', 'Б', 'Ж']
