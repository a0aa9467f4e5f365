"""Tests of the pure tariffication rules (tariff.py), issue #8.

Part 1 reproduces published calculations (each test cites its page, read from stored copies in 2026); part 2 checks
the dated parameters and the grid; part 3 each supplement; part 4 service length and grades; part 5 the errors.
Sources and the CONFIRMED / UNCONFIRMED status of every figure: addons/kz_edu_tariff/data/SOURCES.md.
"""
import datetime
from decimal import Decimal, ROUND_HALF_UP

import pytest

import tariff
from tariff import (
    ServiceLength, TariffError, check_weekly_hours, coefficient_for, experience_years, grade_band, load_coefficients,
    load_parameters, parameter, parameter_row, teacher_pay,
)

D = Decimal
APR_2023 = datetime.date(2023, 4, 20)
SEP_2024 = datetime.date(2024, 9, 1)


def tenge(amount):
    return amount.quantize(D('1'), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------------------ 1. published examples

def test_gos24_2023_official_clarification_reproduced_to_the_tiyn():
    """gos24.kz, «Как осуществляется доплата за квалификационную категорию» (Официальные разъяснения, 20.04.2023,
    ОО «Локальный профессиональный союз работников организаций образования и науки Костанайской области»;
    https://gos24.kz/official-clarification/kak-osushchestvliaetsia-doplata-za-kvalifikatsionnuiu-kategoriiu):

        Учитель, в/о, В2-3, стаж 10л.8м.12дн. Нормативная нагрузка 16ч. Фактическая нагрузка 22ч.
        17 697 (БДО) * 4,81 (коэф-т по стажу) * 2 (повышающий коэф-т с 01.01.23г.) = 170 245,14 / 16 * 22
        = 234 087,07 тг.
        Доплата за квал.категорию “педагог-модератор” = 234 087,07 * 30% = 70 226,12 тг.

    Every input is read from the shipped data for the date of the page; the page keeps tiyn, so do we."""
    service = experience_years([(datetime.date(2012, 8, 9), None)], APR_2023)
    assert service == ServiceLength(10, 8, 12)
    bdo = parameter('BDO', APR_2023)
    coefficient = coefficient_for('В2-3', service, APR_2023)
    raise_factor = parameter('RAISE_FACTOR', APR_2023)
    norm = parameter('NORM_WEEKLY_HOURS', APR_2023)
    assert (bdo, coefficient, raise_factor, norm) == (D('17697'), D('4.81'), D('2'), D('16'))

    pay = teacher_pay(bdo, coefficient, raise_factor, norm, 22, 'педагог-модератор', on_date=APR_2023)
    assert pay['official_salary'] == D('170245.14')
    assert pay['load_pay'] == D('234087.07')
    assert pay['category_supplement'] == D('70226.12')
    assert pay['total'] == D('304313.19')
    assert pay['category'] == 'moderator'
    assert pay['unconfirmed'] == []  # every figure of this example is CONFIRMED in the data


def test_trade_union_18_hour_era_example_reproduced_to_the_tenge():
    """edu-tradeunion.kz, «Оплата труда» (http://edu-tradeunion.kz/ru/article/index/40/42, ЦК профсоюза работников
    образования; undated, 18-hour norm, before the 2019–2020 reforms): учитель математики, В2-3, стаж 5 лет:

        тарифная ставка (из расчета 18 часов преподавания) 17697 тенге * 3.73 = 66009.81 тенге;
        доплата за особые условия труда гражданских служащих 66009.81 * 10 % = 6601 тенге;
        доплата за проверку письменных работ 17697 тенге * 20 % = 3539 тенге.

    The page keeps tiyn for the ДО and rounds the supplements to whole tenge (6 600.98 → 6 601, 3 539.40 → 3 539):
    ours are kept in tiyn and match once rounded to the tenge. The date 2018-09-01 is one inside the inferred
    validity of that edition (UNCONFIRMED)."""
    on = datetime.date(2018, 9, 1)
    coefficient = coefficient_for('В2-3', 5, on)
    assert coefficient == D('3.73')
    pay = teacher_pay(parameter('BDO', on), coefficient, parameter('RAISE_FACTOR', on),
                      parameter('NORM_WEEKLY_HOURS', on), 18, None, on_date=on,
                      special_conditions=True, notebooks=True)
    assert pay['official_salary'] == D('66009.81')
    assert pay['load_pay'] == D('66009.81')  # actual load = the 18-hour norm
    assert pay['special_conditions_supplement'] == D('6600.98')
    assert tenge(pay['special_conditions_supplement']) == D('6601')
    assert pay['notebook_supplement'] == D('3539.40')
    assert tenge(pay['notebook_supplement']) == D('3539')
    assert pay['category_supplement'] == D('0.00')
    assert pay['unconfirmed'] == ['NOTEBOOK_BDO_RATE', 'SPECIAL_CONDITIONS_RATE']


def test_class_management_press_figure_10618_and_half_for_small_class():
    """nur-news.net 17.10.2024 (El.kz), kz_rules.md §2.3: class management 10 618 ₸ a month, 5 309 ₸ for a small
    class — 60 % and 30 % of 17 697 (10 618.20 / 5 309.10 in tiyn)."""
    full = teacher_pay(17697, '4.81', 2, 16, 16, None, on_date=SEP_2024, class_grade=7, class_size=25)
    small = teacher_pay(17697, '4.81', 2, 16, 16, None, on_date=SEP_2024, class_grade=7, class_size=12)
    assert full['class_management_supplement'] == D('10618.20')
    assert tenge(full['class_management_supplement']) == D('10618')
    assert small['class_management_supplement'] == D('5309.10')
    assert tenge(small['class_management_supplement']) == D('5309')


def test_sports_section_is_one_bdo_17697():
    """vecher.kz citing minister Aimagambetov: PE teachers running sports sections get «надбавку в размере 17 697
    тенге» a month from 01.01.2021."""
    pay = teacher_pay(17697, '4.81', 2, 16, 16, None, on_date=SEP_2024, sports_section=True)
    assert pay['sports_section_supplement'] == D('17697.00')


# ------------------------------------------------------------------------------------------ 2. dated parameters, grid

def test_norm_hours_change_mid_year_on_1_september_2021():
    assert parameter('NORM_WEEKLY_HOURS', datetime.date(2021, 8, 31)) == D('18')
    assert parameter('NORM_WEEKLY_HOURS', datetime.date(2021, 9, 1)) == D('16')


def test_norm_change_mid_year_changes_load_pay_for_same_hours():
    august = teacher_pay(17697, '4.81', '1.5', parameter('NORM_WEEKLY_HOURS', '2021-08-31'), 18, None)
    september = teacher_pay(17697, '4.81', '1.5', parameter('NORM_WEEKLY_HOURS', '2021-09-01'), 18, None)
    assert august['load_pay'] == august['official_salary'] == D('127683.86')
    assert september['load_pay'] == D('143644.34')  # 127 683.86 / 16 × 18 = 143 644.3425


def test_raise_factor_steps_by_year():
    assert parameter('RAISE_FACTOR', '2019-12-31') == D('1')
    assert parameter('RAISE_FACTOR', '2020-01-01') == D('1.25')
    assert parameter('RAISE_FACTOR', '2021-06-30') == D('1.5')
    assert parameter('RAISE_FACTOR', '2022-12-31') == D('1.75')
    assert parameter('RAISE_FACTOR', '2023-01-01') == D('2')
    assert parameter('RAISE_FACTOR', '2026-05-01') == D('2')


def test_parameter_row_exposes_source_and_status():
    row = parameter_row('CATEGORY_MODERATOR_RATE', APR_2023)
    assert row['value'] == D('0.30') and row['status'] == 'CONFIRMED' and 'mgorod.kz' in row['source']
    older = parameter_row('CATEGORY_MODERATOR_RATE', '2022-06-01')
    assert older['status'] == 'UNCONFIRMED'
    assert parameter_row('MAX_WEEKLY_HOURS', APR_2023)['status'] == 'UNCONFIRMED'


def test_passed_rows_change_mid_year_and_are_used_instead_of_the_csv():
    rows = [
        ('RURAL_RAISE_RATE', '2024-01-01', '2024-06-30', '0.25', 'rate', 'maslikhat decision A', 'CONFIRMED'),
        ('RURAL_RAISE_RATE', '2024-07-01', '', '0.30', 'rate', 'maslikhat decision B', 'UNCONFIRMED'),
        ('PERCENT_BASE_INCLUDES_RURAL', '2024-01-01', '', '0', 'flag', 'test', 'UNCONFIRMED'),
    ]
    june = teacher_pay(17697, 4, 1, 16, 16, None, on_date='2024-06-30', parameters=rows, rural=True)
    july = teacher_pay(17697, 4, 1, 16, 16, None, on_date='2024-07-01', parameters=rows, rural=True)
    assert june['rural_supplement'] == D('17697.00')  # 70 788 × 25 %
    assert july['rural_supplement'] == D('21236.40')  # 70 788 × 30 %
    # a flag read counts as used even when it is 0
    assert june['unconfirmed'] == ['PERCENT_BASE_INCLUDES_RURAL']
    assert july['unconfirmed'] == ['PERCENT_BASE_INCLUDES_RURAL', 'RURAL_RAISE_RATE']


def test_mrp_rows_close_at_year_end():
    assert parameter('MRP', '2025-12-31') == D('3932')
    assert parameter('MRP', '2026-01-01') == D('4325')
    with pytest.raises(TariffError, match='no parameter MRP for 2027-01-01'):
        parameter('MRP', '2027-01-01')


def test_coefficient_steps_are_from_inclusive_to_exclusive():
    assert coefficient_for('В2-3', 0, APR_2023) == D('4.36')
    assert coefficient_for('В2-3', D('9.99'), APR_2023) == D('4.74')
    assert coefficient_for('В2-3', 10, APR_2023) == D('4.81')
    assert coefficient_for('В2-3', ServiceLength(12, 11, 29), APR_2023) == D('4.81')
    assert coefficient_for('В2-3', 13, APR_2023) == D('4.90')
    assert coefficient_for('В2-3', 40, APR_2023) == D('5.16')  # open last step, 25 years and more


def test_block_codes_accept_latin_letters_and_dashes():
    assert coefficient_for('b2-1', 0, APR_2023) == D('4.67')
    assert coefficient_for('В4\u20134', 30, APR_2023) == D('3.73')


def test_grid_edition_changes_between_2018_and_2019():
    assert coefficient_for('В2-3', 5, '2018-12-31') == D('3.73')
    assert coefficient_for('В2-3', 5, '2019-01-01') == D('4.66')


def test_shipped_grid_is_complete_for_every_block_from_2019():
    rows = [r for r in load_coefficients() if r['date_from'] == datetime.date(2019, 1, 1)]
    blocks = sorted(set(r['block'] for r in rows))
    assert blocks == ['В2-1', 'В2-2', 'В2-3', 'В2-4', 'В4-1', 'В4-2', 'В4-3', 'В4-4']
    for block in blocks:
        steps = sorted((r['exp_from_years'], r['exp_to_years']) for r in rows if r['block'] == block)
        assert [s[0] for s in steps] == [0, 1, 2, 3, 5, 7, 10, 13, 16, 20, 25]
        assert all(a[1] == b[0] for a, b in zip(steps, steps[1:])) and steps[-1][1] is None


def test_every_shipped_row_has_a_source_and_a_status():
    for row in load_parameters() + load_coefficients():
        assert row['source'] and row['status'] in ('CONFIRMED', 'UNCONFIRMED')


def test_loader_reads_a_path(tmp_path):
    path = tmp_path / 'p.csv'
    path.write_text('code,date_from,date_to,value,unit,source,status\n'
                    'BDO,2030-01-01,,20000,KZT,future act,UNCONFIRMED\n', encoding='utf-8')
    rows = load_parameters(str(path))
    assert parameter('BDO', '2030-02-01', rows) == D('20000')


def test_loader_refuses_overlapping_rows_and_bad_status(tmp_path):
    path = tmp_path / 'p.csv'
    path.write_text('code,date_from,date_to,value,unit,source,status\n'
                    'BDO,2030-01-01,,20000,KZT,a,CONFIRMED\nBDO,2030-06-01,,21000,KZT,b,CONFIRMED\n',
                    encoding='utf-8')
    with pytest.raises(TariffError, match='parameter BDO: rows from 2030-01-01 and from 2030-06-01 overlap'):
        load_parameters(str(path))
    path.write_text('code,date_from,date_to,value,unit,source,status\nBDO,2030-01-01,,1,KZT,a,MAYBE\n',
                    encoding='utf-8')
    with pytest.raises(TariffError, match='status must be CONFIRMED or UNCONFIRMED'):
        load_parameters(str(path))


# ------------------------------------------------------------------------------------------ 3. supplements

def base_pay(**options):
    options.setdefault('on_date', SEP_2024)
    return teacher_pay(17697, '4.81', 2, 16, 16, options.pop('category', None), **options)


def test_category_rates_for_every_level_of_the_load_pay():
    pay = {c: base_pay(category=c) for c in ('moderator', 'expert', 'researcher', 'master')}
    load = D('170245.14')  # 16 of 16 hours
    assert pay['moderator']['category_supplement'] == D('51073.54')  # 30 %
    assert pay['expert']['category_supplement'] == D('59585.80')  # 35 %
    assert pay['researcher']['category_supplement'] == D('68098.06')  # 40 %
    assert pay['master']['category_supplement'] == D('85122.57')  # 50 %
    assert all(p['load_pay'] == load for p in pay.values())


def test_category_names_in_russian_and_kazakh():
    assert base_pay(category='Педагог-эксперт')['category'] == 'expert'
    assert base_pay(category='педагог-зерттеуші')['category'] == 'researcher'
    assert base_pay(category='педагог-шебер')['category'] == 'master'
    assert base_pay(category='без категории')['category_supplement'] == D('0.00')


def test_rural_raise_and_its_effect_on_the_category_base():
    pay = base_pay(category='moderator', rural=True)
    assert pay['rural_supplement'] == D('42561.29')  # 170 245.14 × 25 % = 42 561.285
    assert pay['category_supplement'] == D('63841.93')  # (170 245.14 + 42 561.29) × 30 %
    assert 'PERCENT_BASE_INCLUDES_RURAL' in pay['unconfirmed']
    assert pay['total'] == D('170245.14') + D('42561.29') + D('63841.93')


def test_special_conditions_ten_percent_of_the_load_pay():
    assert base_pay(special_conditions=True)['special_conditions_supplement'] == D('17024.51')


def test_class_management_primary_grades():
    assert base_pay(class_grade=3, class_size=20)['class_management_supplement'] == D('8848.50')  # 50 %
    assert base_pay(class_grade=3, class_size=14)['class_management_supplement'] == D('4424.25')
    assert base_pay(class_grade=11, class_size=15)['class_management_supplement'] == D('10618.20')


def test_notebooks_flat_rate_doubled_from_2020():
    assert base_pay(notebooks=True)['notebook_supplement'] == D('7078.80')  # 40 % × 17 697
    assert base_pay(notebooks=True, on_date='2019-12-31')['notebook_supplement'] == D('3539.40')


def test_notebooks_per_hour_with_small_classes_at_half():
    pay = base_pay(notebook_hours=10, notebook_hours_small=4)
    # 17 697 / 16 × 50 % × (10 + 4 / 2) = 6 636.375
    assert pay['notebook_supplement'] == D('6636.38')
    assert 'NOTEBOOK_HOURLY_BDO_RATE' in pay['unconfirmed']


def test_cabinet_workshop_mentoring_master_degree():
    assert base_pay(cabinet='full')['cabinet_supplement'] == D('3539.40')
    assert base_pay(cabinet='half')['cabinet_supplement'] == D('1769.70')
    assert base_pay(workshop=True)['workshop_supplement'] == D('3539.40')
    assert base_pay(mentoring=True)['mentoring_supplement'] == D('17697.00')
    assert base_pay(master_degree=True)['master_degree_supplement'] == D('36920.00')  # 10 × 3 692 (2024)
    assert base_pay(master_degree=True, on_date='2026-02-01')['master_degree_supplement'] == D('43250.00')


def test_all_supplements_itemised_and_summed():
    pay = base_pay(category='expert', rural=True, special_conditions=True, class_grade=6, class_size=28,
                   notebooks=True, cabinet='full', workshop=True, master_degree=True, mentoring=True,
                   sports_section=True)
    assert pay['total'] == pay['load_pay'] + sum(pay[k] for k in tariff.SUPPLEMENT_KEYS)
    codes = [line['code'] for line in pay['lines']]
    assert codes == ['official_salary', 'load_pay'] + list(tariff.SUPPLEMENT_KEYS[1:2]) + [
        'category_supplement'] + list(tariff.SUPPLEMENT_KEYS[2:])
    by_code = {line['code']: line for line in pay['lines']}
    assert by_code['master_degree_supplement']['parameters'][1]['code'] == 'MASTER_DEGREE_MRP'
    assert all(p['source'] for line in pay['lines'] for p in line['parameters'])
    assert all(isinstance(pay[k], Decimal) for k in tariff.SUPPLEMENT_KEYS + ('official_salary', 'load_pay', 'total'))


def test_supplements_absent_are_zero():
    pay = teacher_pay(17697, '4.81', 2, 16, 10, None)
    assert pay['load_pay'] == D('106403.21')  # 170 245.14 / 16 × 10 = 106 403.2125
    assert all(pay[k] == D('0.00') for k in tariff.SUPPLEMENT_KEYS)
    assert pay['total'] == pay['load_pay']


def test_float_inputs_are_read_through_repr():
    pay = teacher_pay(17697.0, 4.81, 2.0, 16.0, 22.0, 'moderator', on_date=APR_2023)
    assert pay['category_supplement'] == D('70226.12')


# ------------------------------------------------------------------------------------------ 4. service, grades, hours

def test_service_periods_are_added_and_overlaps_count_once():
    periods = [
        (datetime.date(2010, 9, 1), datetime.date(2015, 5, 31)),  # 4 y 9 m
        (datetime.date(2014, 9, 1), datetime.date(2016, 8, 31)),  # overlaps: merged to 2010-09-01..2016-08-31
        (datetime.date(2018, 9, 1), None),  # ongoing
        (datetime.date(2030, 1, 1), None),  # after on_date: ignored
    ]
    assert experience_years(periods, datetime.date(2024, 8, 31)) == ServiceLength(12, 0, 0)


def test_service_days_and_months_are_normalised():
    periods = [('2020-01-01', '2020-01-20'), ('2021-03-01', '2021-03-15')]  # 20 days + 15 days
    assert experience_years(periods, '2024-01-01') == ServiceLength(0, 1, 5)
    assert experience_years([], '2024-01-01') == ServiceLength(0, 0, 0)


def test_service_counts_up_to_and_including_on_date():
    assert experience_years([('2023-09-01', None)], '2024-08-31') == ServiceLength(1, 0, 0)
    # 11 months 30 days: by the 30-days-a-month convention that is already one year (documented, UNCONFIRMED)
    assert experience_years([('2023-09-01', None)], '2024-08-30') == ServiceLength(1, 0, 0)
    assert experience_years([('2023-09-01', None)], '2024-08-29') == ServiceLength(0, 11, 29)
    assert experience_years([('2023-09-01', None)], '2023-09-01') == ServiceLength(0, 0, 1)


def test_grade_bands():
    assert [grade_band(g) for g in (1, 4, 5, 9, 10, 11)] == ['1-4', '1-4', '5-9', '5-9', '10-11', '10-11']
    assert grade_band('7') == '5-9'


def test_weekly_hours_check():
    assert check_weekly_hours(22, 24) == D('22')
    assert check_weekly_hours(24, on_date=SEP_2024) == D('24')  # the UNCONFIRMED placeholder maximum


# ------------------------------------------------------------------------------------------ 5. errors

def test_error_no_parameter_for_date():
    with pytest.raises(TariffError, match='no parameter BDO for 2015-12-31'):
        parameter('BDO', '2015-12-31')
    with pytest.raises(TariffError, match='no parameter CLASS_MGMT_1_4_BDO_RATE for 2019-09-01'):
        base_pay(class_grade=2, class_size=20, on_date='2019-09-01')


def test_error_on_date_needed_for_a_rate():
    with pytest.raises(TariffError, match='on_date is required to read parameter CATEGORY_MASTER_RATE'):
        teacher_pay(17697, '4.81', 2, 16, 16, 'master')


def test_error_unknown_block_and_missing_grid():
    with pytest.raises(TariffError, match='unknown block В9-9'):
        coefficient_for('В9-9', 5, APR_2023)
    with pytest.raises(TariffError, match='no coefficient grid for block В2-1 on 2018-01-01'):
        coefficient_for('В2-1', 5, '2018-01-01')
    with pytest.raises(TariffError, match='no coefficient step of block В2-3 on 2018-01-01 covers 2 years'):
        coefficient_for('В2-3', 2, '2018-01-01')
    with pytest.raises(TariffError, match='experience must not be negative'):
        coefficient_for('В2-3', -1, APR_2023)


def test_error_negative_hours():
    with pytest.raises(TariffError, match='actual hours must not be negative, got -1'):
        teacher_pay(17697, '4.81', 2, 16, -1, None)
    with pytest.raises(TariffError, match='weekly hours must not be negative'):
        check_weekly_hours(-2, 24)
    with pytest.raises(TariffError, match='norm_hours must be positive'):
        teacher_pay(17697, '4.81', 2, 0, 16, None)


def test_error_hours_above_maximum():
    with pytest.raises(TariffError, match='weekly hours 26 are above the maximum of 24 hours'):
        check_weekly_hours(26, on_date=SEP_2024)
    with pytest.raises(TariffError, match='above the maximum of 20 hours'):
        check_weekly_hours('20.5', 20)
    with pytest.raises(TariffError, match='needs a maximum or an on_date'):
        check_weekly_hours(10)


def test_error_unknown_category_and_supplement():
    with pytest.raises(TariffError, match="unknown category 'высшая'"):
        base_pay(category='высшая')
    with pytest.raises(TariffError, match='unknown supplement\\(s\\): bonus'):
        base_pay(bonus=True)
    with pytest.raises(TariffError, match="cabinet must be 'full' or 'half'"):
        base_pay(cabinet='quarter')


def test_error_inconsistent_supplement_inputs():
    with pytest.raises(TariffError, match='class management needs class_size'):
        base_pay(class_grade=5)
    with pytest.raises(TariffError, match='class_size given without class_grade'):
        base_pay(class_size=20)
    with pytest.raises(TariffError, match='not both'):
        base_pay(notebooks=True, notebook_hours=4)
    with pytest.raises(TariffError, match='notebook hours 20 exceed the actual load of 16 hours'):
        base_pay(notebook_hours=20)
    with pytest.raises(TariffError, match='rural must be True or False'):
        base_pay(rural='yes')


def test_error_bad_grades_and_periods():
    for bad in (0, 12, 'x', True):
        with pytest.raises(TariffError):
            grade_band(bad)
    with pytest.raises(TariffError, match='service period 1 ends \\(2020-01-01\\) before it starts'):
        experience_years([('2021-01-01', '2020-01-01')], '2024-01-01')
    with pytest.raises(TariffError, match='service period 1 must be a pair'):
        experience_years([('2021-01-01',)], '2024-01-01')


def test_error_bad_numbers():
    with pytest.raises(TariffError, match='bdo must be a number'):
        teacher_pay(None, '4.81', 2, 16, 16, None)
    with pytest.raises(TariffError, match='coefficient must be a finite number'):
        teacher_pay(17697, 'NaN', 2, 16, 16, None)


# ------------------------------------------------------------------------------------------ 6. a line of the list

GOS24_TEACHER = dict(periods=[(datetime.date(2012, 8, 9), None)], block='В2-3',
                     qualification={'category': 'moderator', 'attestation_date': '2021-05-10',
                                    'expiry_date': '2026-05-10'})


def test_tariff_line_of_the_gos24_teacher_with_the_pay_of_each_grade_band():
    """The gos24.kz teacher of part 1 (В2-3, 10 y 8 m 12 d, moderator, 22 hours) as a line of the list: 16 hours in
    grades 5–9 and 6 in 10–11. The pay for the hours of each band is the load pay shared by the hours (234 087,07 ×
    16 / 22 = 170 245,1418… → 170 245,14), the last band takes the rest (63 841,93), so they add up to the load pay."""
    line = tariff.tariff_line(APR_2023, hours={'5-9': 16, '10-11': D('6')}, year_end=datetime.date(2023, 5, 31),
                              **GOS24_TEACHER)
    assert line['service'] == ServiceLength(10, 8, 12)
    assert (line['coefficient_row']['coefficient'], line['coefficient_row']['exp_to_years']) == (D('4.81'), D('13'))
    assert (line['category'], line['category_key'], line['expired']) == ('moderator', 'moderator', False)
    pay = line['pay']
    assert (pay['official_salary'], pay['load_pay'], pay['category_supplement'], pay['total']) == (
        D('170245.14'), D('234087.07'), D('70226.12'), D('304313.19'))
    assert line['total_hours'] == D('22')
    assert line['band_pay'] == {'1-4': D('0.00'), '5-9': D('170245.14'), '10-11': D('63841.93')}
    assert sum(line['band_pay'].values()) == pay['load_pay']
    assert line['used_codes'] == {'BDO', 'RAISE_FACTOR', 'NORM_WEEKLY_HOURS', 'CATEGORY_MODERATOR_RATE'}
    assert line['unconfirmed'] == set() and line['notes'] == [] and line['next_step_date'] is None


def test_tariff_line_of_a_rural_class_teacher_whose_category_expired():
    """20.04.2023, В2-3, service from 01.06.2010 (12 y 10 m 20 d: step 10–13, 4,81), 26 hours (20 in 5–9, 6 in
    10–11), a rural school, class teacher of 5 «А» (24 pupils) and 7 «Б», a master's degree, flat notebook
    checking; the expert category expired on 10.01.2023:

    ДО 170 245,14; load pay 170 245,14 / 16 × 26 = 276 648,35; rural 25 % = 69 162,09; no category supplement;
    class management 17 697 × 60 % = 10 618,20 (one class only); notebooks 17 697 × 40 % = 7 078,80; master's
    degree 10 МРП × 3 450 = 34 500,00; total 398 007,44. The service reaches 13 years on 30.05.2023 (30 days count
    a month): a change order before the end of the year."""
    line = tariff.tariff_line(
        APR_2023, [(datetime.date(2010, 6, 1), None)], 'В2-3', {'5-9': D('20'), '10-11': D('6')},
        qualification={'category': 'expert', 'attestation_date': '2018-01-10', 'expiry_date': '2023-01-10'},
        classes=[{'id': 7, 'grade_sequence': 5, 'size': 24, 'name': '5 А'},
                 {'id': 8, 'grade_sequence': 7, 'size': 20, 'name': '7 Б'}],
        rural=True, educations=[{'level': 'master', 'year': 2015}], notebooks='flat',
        year_end=datetime.date(2023, 8, 31))
    pay = line['pay']
    assert (line['category'], line['category_key'], line['expired']) == ('expert', None, True)
    assert [pay[k] for k in ('official_salary', 'load_pay', 'rural_supplement', 'category_supplement',
                             'class_management_supplement', 'notebook_supplement', 'master_degree_supplement',
                             'total')] == [D('170245.14'), D('276648.35'), D('69162.09'), D('0.00'), D('10618.20'),
                                           D('7078.80'), D('34500.00'), D('398007.44')]
    assert line['managed_class']['id'] == 7
    assert line['band_pay'] == {'1-4': D('0.00'), '5-9': D('212806.42'), '10-11': D('63841.93')}
    assert line['next_step_date'] == datetime.date(2023, 5, 30)
    assert [code for code, _params in line['notes']] == ['several_classes', 'category_expired',
                                                         'above_maximum_hours', 'next_step']
    notes = dict(line['notes'])
    assert notes['several_classes'] == {'count': 2, 'class': '5 А'}
    assert notes['category_expired'] == {'date': datetime.date(2023, 1, 10)}
    assert notes['above_maximum_hours']['error'].code == 'above_maximum_hours'
    assert notes['next_step'] == {'years': D('13'), 'date': datetime.date(2023, 5, 30)}
    assert 'GRID В2-3' not in line['unconfirmed'] and 'MRP' in line['unconfirmed']


def test_tariff_line_without_pupils_in_the_class_pays_no_class_management():
    line = tariff.tariff_line(APR_2023, hours={'1-4': D('16')}, year_end=datetime.date(2023, 5, 31),
                              classes=[{'id': 3, 'grade_sequence': 2, 'size': 0, 'name': '2 В'}], **GOS24_TEACHER)
    assert line['managed_class'] is None
    assert line['pay']['class_management_supplement'] == D('0.00')
    assert line['notes'] == [('class_without_pupils', {'class': '2 В'})]
    assert line['band_pay'] == {'1-4': D('170245.14'), '5-9': D('0.00'), '10-11': D('0.00')}   # 16 h = the norm


def test_tariff_line_warns_of_a_category_expiring_before_the_end_of_the_year():
    teacher = dict(GOS24_TEACHER, qualification={'category': 'moderator', 'attestation_date': '2018-05-10',
                                                 'expiry_date': '2023-05-10'})
    line = tariff.tariff_line(APR_2023, hours={'5-9': D('22')}, year_end=datetime.date(2023, 5, 31), **teacher)
    assert line['pay']['category_supplement'] == D('70226.12')         # still in force on the list's date
    assert line['notes'] == [('category_expires', {'date': datetime.date(2023, 5, 10)})]


def test_band_pay_counts_the_loads_own_total():
    # 1 of the 19 hours is in no band (a class without a grade): the shares are of 19 hours, the last band the rest
    assert tariff.band_pay(D('190000.00'), {'1-4': D('9'), '5-9': D('9')}, total_hours=D('19')) == {
        '1-4': D('90000.00'), '5-9': D('100000.00'), '10-11': D('0.00')}
    assert tariff.band_pay(D('100.00'), {'5-9': D('1'), '10-11': D('2')}) == {
        '1-4': D('0.00'), '5-9': D('33.33'), '10-11': D('66.67')}


def test_qualification_category_education_and_default_block():
    quals = [{'id': 1, 'category': 'moderator', 'attestation_date': '2019-05-01', 'expiry_date': '2024-05-01'},
             {'id': 2, 'category': 'expert', 'attestation_date': '2023-05-01', 'expiry_date': '2028-05-01'},
             {'id': 3, 'category': 'master', 'attestation_date': '2023-05-01', 'expiry_date': '2028-05-01'}]
    assert tariff.qualification_on(quals, '2023-04-30')['id'] == 1
    assert tariff.qualification_on(quals, '2023-05-01')['id'] == 3          # the same day: the later record
    assert tariff.qualification_on(quals, '2019-04-30') is None
    assert tariff.category_on(None, APR_2023) == ('none', None, False)
    assert tariff.category_on({'category': 'teacher', 'expiry_date': '2020-01-01'}, APR_2023) == (
        'teacher', None, False)                                            # no supplement: nothing to expire
    assert tariff.category_on({'category': 'master', 'expiry_date': '2023-04-20'}, APR_2023) == (
        'master', 'master', False)                                         # in force on its last day
    assert tariff.highest_education([{'level': 'bachelor', 'year': 2020}, {'level': 'master', 'year': 2010},
                                     {'level': 'master', 'year': 2012}]) == {'level': 'master', 'year': 2012}
    assert tariff.highest_education([]) is None
    assert tariff.default_block('master', 'moderator') == 'В2-3'
    assert tariff.default_block('tvet', None) == 'В4-4'
    assert tariff.default_block(None, 'master') is False


def test_list_totals_add_the_lines_exactly():
    first = tariff.tariff_line(APR_2023, hours={'5-9': 16, '10-11': D('6')}, year_end=datetime.date(2023, 5, 31),
                               **GOS24_TEACHER)
    second = tariff.tariff_line(APR_2023, hours={'1-4': D('16')}, year_end=datetime.date(2023, 5, 31),
                                **GOS24_TEACHER)
    totals = tariff.list_totals([first, second])
    assert totals['teacher_count'] == 2
    assert totals['bands'] == {
        '1-4': {'hours': D('16'), 'teachers': 1, 'amount': D('170245.14')},
        '5-9': {'hours': D('16'), 'teachers': 1, 'amount': D('170245.14')},
        '10-11': {'hours': D('6'), 'teachers': 1, 'amount': D('63841.93')}}
    assert totals['hours_total'] == D('38')
    assert totals['load_pay_total'] == D('404332.21')                      # 234 087,07 + 170 245,14
    assert totals['amount_total'] == D('304313.19') + D('170245.14') + D('51073.54')
    assert totals['supplement_total'] == D('70226.12') + D('51073.54')     # the two category supplements
