"""Tests of the pure assessment rules (assessment_rules.py), issue #19 (LMS-08, LMS-12).

Part 1 reproduces the published figures: the scale of appendix 1 of the Typical rules (order No. 125) at each bound
and the worked example of the quarter mark printed by the bilimcalc calculator; part 2 the special cases (grade 1,
missing kinds of work, absent pupils); part 3 the dated parameters (a policy change is a data row); part 4 year
marks and the class performance; part 5 the refusals. Sources and statuses: data/SOURCES.md.
"""
import datetime
from decimal import Decimal

import pytest

import assessment_rules as rules
from assessment_rules import AssessmentError

D = Decimal
DAY = datetime.date(2026, 11, 3)          # the first day of a second quarter


@pytest.fixture(scope='module')
def rows():
    return rules.load_parameters()


@pytest.fixture(scope='module')
def params(rows):
    return rules.parameters_on(rows, DAY)


def row(code, value, date_from, date_to=None, status='UNCONFIRMED'):
    return {'code': code, 'date_from': date_from, 'date_to': date_to, 'value': D(value), 'unit': '', 'source': 'test',
            'status': status}


# ------------------------------------------------------------------------------------------ 1. published figures

@pytest.mark.parametrize('percent, mark', [
    (0, 2), (39, 2),            # 0-39 % «2» (қанағаттанарлықсыз)
    (40, 3), (64, 3),           # 40-64 % «3»
    (65, 4), (84, 4),           # 65-84 % «4»
    (85, 5), (100, 5),          # 85-100 % «5»
])
def test_scale_of_appendix_1_at_every_bound(params, percent, mark):
    """Appendix 1 «Балдарды бағаға ауыстыру шәкілі», grades 2-11 (12): 0-39, 40-64, 65-84, 85-100 %."""
    assert rules.mark_for_percent(percent, params) == mark


def test_published_quarter_example_73_5_percent_is_a_4(params):
    """bilimcalc «Итоговая оценка за четверть»: formative mean 8 → 20 %; СОр 70 % (12/15 = 80 % and 60 %) → 17.5 %;
    СОч 18 of 25 = 72 % → 36 %; «20 + 17,5 + 36 = 73,5% → оценка «4»»."""
    res = rules.quarter_result(5, [7, 8, 9, 8], [(12, 15), (9, 15)], [(18, 25)], params)
    assert res['formative'] == D(80)
    assert res['sor'] == D(70)
    assert res['soch'] == D(72)
    assert res['total'] == D('73.5')
    assert res['percent'] == D(74)          # rounded half up before the scale
    assert res['mark'] == 4
    assert res['weights'] == {'formative': D(25), 'sor': D(25), 'soch': D(50)}


def test_published_sor_share_is_the_mean_of_each_works_percent(params):
    """«Для каждого СОР: набранные баллы ÷ максимум × 100 … (80% + 60%) ÷ 2 = 70%»."""
    assert rules.summative_percent([(12, 15), (6, 10)], params) == D(70)


def test_without_soch_the_quarter_is_formative_and_sor_doubled(params):
    """«Если СОЧ не проводилось — (СО + СОР) × 2»: 20 % + 17.5 % = 37.5 % → 75 %."""
    res = rules.quarter_result(7, [8, 8], [(14, 20)], [], params)
    assert res['total'] == D(75)
    assert res['weights'] == {'formative': D(50), 'sor': D(50)}
    assert res['mark'] == 4


@pytest.mark.parametrize('soch_points, total, percent, mark', [
    # formative 10 (100 %), СОр 100 %: 50 % so far; the СОч (of 40) decides the rest
    (D(0), D(50), D(50), 3),
    (D('31.9'), D('89.875'), D(90), 5),
])
def test_total_is_exact_until_rounded(params, soch_points, total, percent, mark):
    res = rules.quarter_result(9, [10], [(20, 20)], [(soch_points, 40)], params)
    assert res['total'] == total and res['percent'] == percent and res['mark'] == mark


@pytest.mark.parametrize('soch_points, percent, mark', [
    # formative 4 of 10 (40 %) and СОр 40 %: 20 %; СОч of 100 points adds half its percent
    (D(38), D(39), 2),      # 20 + 19 = 39.0 → 39 → «2»
    (D(39), D(40), 3),      # 20 + 19.5 = 39.5 → 40 (half up) → «3»
    (D(89), D(65), 4),      # 20 + 44.5 = 64.5 → 65 → «4»
    (D('128.98') / 2, D(52), 3),
])
def test_rounding_half_up_at_the_bounds(params, soch_points, percent, mark):
    res = rules.quarter_result(6, [4], [(40, 100)], [(soch_points, 100)], params)
    assert res['percent'] == percent and res['mark'] == mark


# ------------------------------------------------------------------------------------------ 2. special cases

def test_grade_1_gets_no_marks(params):
    res = rules.quarter_result(1, [9, 10], [(5, 5)], [(10, 10)], params)
    assert res['mark'] is None and res['reason'] == 'no_marks_in_grade' and res['percent'] is None
    with pytest.raises(AssessmentError) as err:
        rules.check_formative_mark(8, 1, params)
    assert err.value.code == 'no_marks_in_grade'
    with pytest.raises(AssessmentError) as err:
        rules.check_points(3, 5, 1, params)
    assert err.value.code == 'no_marks_in_grade'
    assert rules.check_formative_mark(8, 2, params) == 8


def test_nothing_to_attest_gives_no_mark(params):
    res = rules.quarter_result(8, [], [], [], params)
    assert res['mark'] is None and res['reason'] == 'no_data'


def test_only_formative_marks_make_the_whole_mark(params):
    res = rules.quarter_result(4, [9, 8, 9], [], [], params)
    assert res['weights'] == {'formative': D(100)}
    assert res['total'].quantize(D('0.0001')) == D('86.6667')
    assert res['percent'] == D(87) and res['mark'] == 5


def test_sum_of_points_variant(rows):
    params = rules.parameters_on(rows + [row('SUMMATIVE_MEAN_OF_PERCENTS', 0, datetime.date(2026, 9, 1))], DAY)
    assert rules.summative_percent([(12, 15), (6, 10)], params) == D(72)     # 18 of 25


# ------------------------------------------------------------------------------------------ 3. dated parameters

def test_shipped_rows_are_in_force_today_and_flagged_unconfirmed(params):
    assert params['FORMATIVE_WEIGHT'] + params['SOR_WEIGHT'] + params['SOCH_WEIGHT'] == 100
    assert 'SOR_WEIGHT' in params['unconfirmed']


def test_dropping_sor_and_soch_is_a_data_change(rows):
    """The 2026 debate: if СОр and СОч were dropped from 01.09.2027, three rows make the quarter formative only;
    the quarters before keep the old weights."""
    reform = datetime.date(2027, 9, 1)
    new = [r for r in rows]
    for code, value in (('FORMATIVE_WEIGHT', 100), ('SOR_WEIGHT', 0), ('SOCH_WEIGHT', 0)):
        new.append(row(code, value, reform))
    before = rules.parameters_on(new, datetime.date(2027, 5, 25))
    after = rules.parameters_on(new, reform)
    marks, sor, soch = [9, 9], [(2, 10)], [(3, 10)]
    assert rules.quarter_result(7, marks, sor, soch, before)['mark'] == 3       # 22.5 + 5 + 15 = 42.5 → 43
    res = rules.quarter_result(7, marks, sor, soch, after)
    assert res['weights'] == {'formative': D(100)} and res['mark'] == 5


def test_a_new_scale_from_a_date(rows):
    new = rows + [row('SCALE_5_FROM', 90, datetime.date(2027, 1, 1))]
    assert rules.mark_for_percent(87, rules.parameters_on(new, datetime.date(2026, 12, 31))) == 5
    assert rules.mark_for_percent(87, rules.parameters_on(new, datetime.date(2027, 1, 8))) == 4


def test_missing_parameter_is_named(rows):
    with pytest.raises(AssessmentError) as err:
        rules.parameters_on(rows, datetime.date(2010, 1, 1))
    assert err.value.code == 'missing_parameter' and 'SOR_WEIGHT' in str(err.value)


def test_weights_not_adding_up_are_refused(rows):
    with pytest.raises(AssessmentError) as err:
        rules.parameters_on(rows + [row('SOCH_WEIGHT', 40, datetime.date(2026, 9, 1))], DAY)
    assert err.value.code == 'bad_weights'


# ------------------------------------------------------------------------------------------ 4. year, performance

@pytest.mark.parametrize('quarters, year', [
    ([5, 5, 4, 4], 5),          # 4.5 → 5 (half up)
    ([4, 4, 4, 5], 4),          # 4.25 → 4
    ([3, None, 4, 4], 4),       # 3.67 → 4, a quarter without a mark skipped
    ([2, 3, 3, 2], 3),          # 2.5 → 3
    ([None, None], None),
])
def test_year_mark_is_the_rounded_mean_of_the_quarters(params, quarters, year):
    assert rules.year_mark(quarters, params) == year


def test_class_performance_and_quality():
    res = rules.performance({
        'a': [5, 5, 5], 'b': [5, 4, 4], 'c': [4, 3, 5], 'd': [2, 5, 5], 'e': [], 'f': [3, 3],
    })
    assert res['attested'] == 5 and res['failing'] == 1 and res['good'] == 2 and res['excellent'] == 1
    assert res['success_pct'] == D('80.0')        # 4 of 5 without a «2»
    assert res['quality_pct'] == D('40.0')        # 2 of 5 with only «4» and «5»
    assert rules.performance({'x': []})['success_pct'] is None


# ------------------------------------------------------------------------------------------ 5. refusals

@pytest.mark.parametrize('mark', [0, 11, '7.5', 'abc', None])
def test_formative_mark_outside_1_10_is_refused(params, mark):
    with pytest.raises(AssessmentError) as err:
        rules.check_formative_mark(mark, 5, params)
    assert err.value.code == 'bad_mark'


@pytest.mark.parametrize('points, maximum, code', [(-1, 10, 'bad_points'), (11, 10, 'bad_points'),
                                                    (1, 0, 'bad_maximum'), ('x', 10, 'bad_number')])
def test_points_outside_the_maximum_are_refused(params, points, maximum, code):
    with pytest.raises(AssessmentError) as err:
        rules.check_points(points, maximum, 5, params)
    assert err.value.code == code


def test_percent_outside_0_100_is_refused(params):
    with pytest.raises(AssessmentError):
        rules.mark_for_percent(101, params)


def test_quarter_of_finds_the_period():
    periods = [{'name': '1', 'date_start': datetime.date(2026, 9, 1), 'date_end': datetime.date(2026, 10, 26)},
               {'name': '2', 'date_start': datetime.date(2026, 11, 3), 'date_end': datetime.date(2026, 12, 28)}]
    assert rules.quarter_of(periods, '2026-11-10')['name'] == '2'
    assert rules.quarter_of(periods, datetime.date(2026, 10, 30)) is None
