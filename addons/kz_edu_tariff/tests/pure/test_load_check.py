"""Tests of the pure teaching-load check (load_check.py), issue #8: hand-built school of three classes."""
import datetime
from decimal import Decimal

import pytest

from load_check import (
    ABOVE_MAXIMUM, DOUBLE, NOT_IN_CURRICULUM, OVER, PARTLY, UNCOVERED, UNKNOWN_CLASS, UNKNOWN_GROUP, LoadError,
    check_load, coverage, summarize_load, teacher_hours,
)

D = Decimal

# grade 5: maths 5 h; English 3 h in 2 groups; Kazakh language 3 h in Kazakh-medium classes only,
# Kazakh language and literature 3 h in 2 groups in Russian-medium classes only; grade 10: algebra 3 h
LINES = [
    {'grade': 5, 'subject': 'math', 'hours': 5, 'subject_name': 'Mathematics'},
    {'grade': 5, 'subject': 'eng', 'hours': 3, 'groups': 2, 'subject_name': 'English'},
    {'grade': 5, 'subject': 'kaz', 'hours': 3, 'lang': 'kk', 'subject_name': 'Kazakh language'},
    {'grade': 5, 'subject': 'kazlit_ru', 'hours': 3, 'groups': 2, 'lang': 'ru',
     'subject_name': 'Kazakh language and literature'},
    {'grade': 10, 'subject': 'alg', 'hours': '3', 'subject_name': 'Algebra'},
    {'grade': 2, 'subject': 'math', 'hours': 4, 'subject_name': 'Mathematics'},
]
CLASSES = [
    {'id': 1, 'grade': 5, 'lang': 'kk', 'name': '5 «А»'},
    {'id': 2, 'grade': 5, 'lang': 'ru', 'name': '5 «Б»'},
    {'id': 3, 'grade': 10, 'lang': 'kk', 'name': '10 «А»'},
    {'id': 4, 'grade': 2, 'lang': 'kk', 'name': '2 «А»'},
]


def full_load():
    """Every class-subject-group covered once."""
    rows = [
        ('Aigul', 1, 'math', 1, 5), ('Aigul', 2, 'math', 1, 5), ('Aigul', 3, 'alg', 1, 3),
        ('Bolat', 1, 'eng', 1, 3), ('Bolat', 1, 'eng', 2, 3), ('Bolat', 2, 'eng', 1, 3), ('Bolat', 2, 'eng', 2, 3),
        ('Dana', 1, 'kaz', 1, 3), ('Dana', 2, 'kazlit_ru', 1, 3), ('Erlan', 2, 'kazlit_ru', 2, 3),
        ('Erlan', 4, 'math', 1, 4),
    ]
    return [{'id': n, 'teacher': t, 'class_id': c, 'subject': s, 'group_no': g, 'hours': h}
            for n, (t, c, s, g, h) in enumerate(rows, start=1)]


def kinds(problems):
    return [(p['kind'], p['class_id'], p['subject'], p['group_no']) for p in problems]


# ------------------------------------------------------------------------------------------ coverage

def test_complete_load_has_no_problems():
    assert check_load(LINES, CLASSES, full_load(), max_hours=24) == []


def test_missing_row_reports_the_uncovered_class_subject_group():
    rows = [r for r in full_load() if r['id'] != 5]     # English group 2 of 5 «А»
    problems = check_load(LINES, CLASSES, rows)
    assert kinds(problems) == [(UNCOVERED, 1, 'eng', 2)]
    assert problems[0]['hours_required'] == D(3) and problems[0]['hours_covered'] == D(0)
    assert problems[0]['message'] == '5 «А», English, group 2: nobody teaches its 3 h a week'


def test_partly_covered_reports_the_missing_hours():
    rows = full_load()
    rows[0]['hours'] = D('4.5')
    problems = check_load(LINES, CLASSES, rows)
    assert kinds(problems) == [(PARTLY, 1, 'math', 1)]
    assert problems[0]['hours_required'] - problems[0]['hours_covered'] == D('0.5')
    assert problems[0]['message'] == '5 «А», Mathematics: 4.5 h of 5 taught, 0.5 h uncovered'


def test_over_covered_and_double_covered():
    rows = full_load() + [{'id': 99, 'teacher': 'Dana', 'class_id': 1, 'subject': 'math', 'hours': 2}]
    problems = check_load(LINES, CLASSES, rows)
    assert kinds(problems) == [(OVER, 1, 'math', 1), (DOUBLE, 1, 'math', 1)]
    over, double = problems
    assert over['hours_covered'] == D(7) and over['hours_required'] == D(5)
    assert 'too many' in over['message'] and '2 h' in over['message']
    assert double['teachers'] == ['Aigul', 'Dana'] and sorted(double['row_ids']) == [1, 99]


def test_one_teacher_with_too_many_hours_is_over_covered_not_double():
    rows = full_load()
    rows[2]['hours'] = 4          # algebra in 10 «А»: 4 h for 3
    assert kinds(check_load(LINES, CLASSES, rows)) == [(OVER, 3, 'alg', 1)]


def test_subject_missing_from_the_grade_or_the_language_of_the_class():
    rows = full_load() + [
        {'id': 50, 'teacher': 'Dana', 'class_id': 2, 'subject': 'kaz', 'hours': 3},      # kk-only line, ru class
        {'id': 51, 'teacher': 'Dana', 'class_id': 3, 'subject': 'eng', 'hours': 3},      # no English in grade 10
    ]
    problems = check_load(LINES, CLASSES, rows)
    assert kinds(problems) == [(NOT_IN_CURRICULUM, 2, 'kaz', 1), (NOT_IN_CURRICULUM, 3, 'eng', 1)]
    assert problems[0]['message'] == '5 «Б»: the curriculum of grade 5 has no Kazakh language (3 h taught by Dana)'


def test_group_above_the_split_and_unknown_class():
    rows = full_load() + [
        {'id': 60, 'teacher': 'Bolat', 'class_id': 1, 'subject': 'eng', 'group_no': 3, 'hours': 3},
        {'id': 61, 'teacher': 'Bolat', 'class_id': 77, 'subject': 'eng', 'hours': 3},
    ]
    assert kinds(check_load(LINES, CLASSES, rows)) == [(UNKNOWN_GROUP, 1, 'eng', 3), (UNKNOWN_CLASS, 77, 'eng', 1)]


def test_check_coverage_false_only_reports_what_a_few_rows_break():
    rows = [{'id': 1, 'teacher': 'Aigul', 'class_id': 1, 'subject': 'math', 'hours': 6}]
    assert kinds(check_load(LINES, CLASSES, rows, check_coverage=False)) == [(OVER, 1, 'math', 1)]


# ------------------------------------------------------------------------------------------ maximum

def test_teacher_above_maximum():
    rows = full_load()
    problems = check_load(LINES, CLASSES, rows, max_hours=12)      # Aigul 13 h, Bolat 12 h
    assert [(p['kind'], p['teacher'], p['hours_covered']) for p in problems] == [(ABOVE_MAXIMUM, 'Aigul', D(13))]
    assert problems[0]['message'] == 'Aigul: 13 h a week, above the maximum of 12 h'
    assert check_load(LINES, CLASSES, rows, max_hours=D(13)) == []


def test_teacher_hours_counts_decimal_hours():
    rows = [{'teacher': 'A', 'class_id': 1, 'subject': 'math', 'hours': 0.1},
            {'teacher': 'A', 'class_id': 1, 'subject': 'eng', 'hours': 0.2}]
    from load_check import _read_rows
    assert teacher_hours(_read_rows(rows)) == {'A': D('0.3')}


# ------------------------------------------------------------------------------------------ dates

def test_replacement_with_consecutive_dates_is_not_a_double_cover():
    rows = full_load()
    rows[0].update(date_to='2026-12-31')
    rows.append({'id': 70, 'teacher': 'Dana', 'class_id': 1, 'subject': 'math', 'hours': 5,
                 'date_from': datetime.date(2027, 1, 1)})
    assert check_load(LINES, CLASSES, rows, period=('2026-09-01', '2027-05-25')) == []
    # ignoring dates, both rows count
    assert kinds(check_load(LINES, CLASSES, rows)) == [(OVER, 1, 'math', 1), (DOUBLE, 1, 'math', 1)]


def test_gap_between_teachers_is_uncovered_from_its_first_day():
    rows = full_load()
    rows[0].update(date_to='2026-12-15')
    rows.append({'id': 70, 'teacher': 'Dana', 'class_id': 1, 'subject': 'math', 'hours': 5,
                 'date_from': '2027-01-01'})
    problems = check_load(LINES, CLASSES, rows, period=('2026-09-01', '2027-05-25'))
    assert kinds(problems) == [(UNCOVERED, 1, 'math', 1)]
    assert problems[0]['date'] == datetime.date(2026, 12, 16)


def test_on_date_counts_only_rows_in_force():
    rows = full_load()
    rows[0].update(date_from='2027-01-01')
    assert kinds(check_load(LINES, CLASSES, rows, on_date='2026-09-01')) == [(UNCOVERED, 1, 'math', 1)]
    assert check_load(LINES, CLASSES, rows, on_date='2027-01-01') == []


def test_maximum_checked_on_each_day_of_the_period():
    rows = full_load() + [{'id': 80, 'teacher': 'Aigul', 'class_id': 4, 'subject': 'math', 'hours': 4,
                           'date_from': '2027-02-01', 'date_to': '2027-02-28'}]
    problems = check_load(LINES, CLASSES, rows, max_hours=16, period=('2026-09-01', '2027-05-25'), )
    assert [(p['kind'], p['teacher'], p['date']) for p in problems if p['kind'] == ABOVE_MAXIMUM] == [
        (ABOVE_MAXIMUM, 'Aigul', datetime.date(2027, 2, 1))]


# ------------------------------------------------------------------------------------------ summary

def test_summary_by_grade_band():
    summary = summarize_load(full_load() + [
        {'teacher': 'Aigul', 'class_id': 4, 'subject': 'math', 'hours': '1.5', 'subject_name': 'Mathematics'}],
        CLASSES)
    aigul = summary['Aigul']
    assert aigul['hours'] == D('14.5')
    assert aigul['bands'] == {'1-4': D('1.5'), '5-9': D(10), '10-11': D(3)}
    assert aigul['subjects'] == ['Mathematics', 'alg', 'math']
    assert aigul['classes'] == ['2 «А»', '5 «А»', '5 «Б»', '10 «А»']
    assert summary['Bolat']['bands'] == {'1-4': D(0), '5-9': D(12), '10-11': D(0)}
    assert sum(s['hours'] for s in summary.values()) == D('39.5')


def test_summary_on_date_and_other_grades():
    classes = CLASSES + [{'id': 9, 'grade': 0, 'name': '0 «А»'}]
    rows = [{'teacher': 'T', 'class_id': 9, 'subject': 'x', 'hours': 2},
            {'teacher': 'T', 'class_id': 1, 'subject': 'math', 'hours': 5, 'date_to': '2026-12-31'}]
    assert summarize_load(rows, classes)['T']['bands'] == {'1-4': 0, '5-9': 5, '10-11': 0, 'other': 2}
    assert summarize_load(rows, classes, on_date='2027-01-10')['T']['hours'] == D(2)
    with pytest.raises(LoadError):
        summarize_load([{'teacher': 'T', 'class_id': 404, 'subject': 'x', 'hours': 1}], classes)


# ------------------------------------------------------------------------------------------ bad input

@pytest.mark.parametrize('row, message', [
    ({'hours': -1}, 'must be positive'),
    ({'hours': 0}, 'must be positive'),
    ({'hours': 'abc'}, 'number of hours'),
    ({'hours': None}, 'number of hours'),
    ({'group_no': 0}, 'at least 1'),
    ({'group_no': 1.5}, 'whole number'),
    ({'date_from': '2027-01-10', 'date_to': '2027-01-01'}, 'before it starts'),
    ({'date_from': '10.01.2027'}, 'YYYY-MM-DD'),
    ({'teacher': None}, 'no teacher'),
])
def test_bad_rows_refused_with_a_message(row, message):
    base = {'id': 7, 'teacher': 'A', 'class_id': 1, 'subject': 'math', 'hours': 5}
    base.update(row)
    with pytest.raises(LoadError, match=message):
        check_load(LINES, CLASSES, [base])


def test_bad_curriculum_refused():
    with pytest.raises(LoadError, match='repeats grade 5, subject Mathematics'):
        check_load(LINES + [LINES[0]], CLASSES, [])
    with pytest.raises(LoadError, match='for all classes and one for language kk'):
        check_load(LINES + [{'grade': 5, 'subject': 'math', 'hours': 4, 'lang': 'kk'}], CLASSES, [])
    with pytest.raises(LoadError, match='must be positive'):
        check_load([{'grade': 5, 'subject': 'math', 'hours': 0}], CLASSES, [])
    with pytest.raises(LoadError, match='period'):
        check_load(LINES, CLASSES, [], period=('2027-01-01', '2026-01-01'))


def test_coverage_groups_rows_by_class_subject_group():
    from load_check import _read_rows
    cover = coverage(_read_rows(full_load()))
    assert cover[(1, 'eng', 2)] == {'hours': D(3), 'teachers': ['Bolat'], 'row_ids': [5]}
    assert len(cover) == 11
