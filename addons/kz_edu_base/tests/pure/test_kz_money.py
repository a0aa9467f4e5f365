"""The suite's one money contract (kz_money.py, issue #15): what money() reads, how it rounds, what it refuses,
and how format_amount writes an amount on the kk/ru forms."""
import doctest
import math
from decimal import Decimal as D

import pytest

import kz_money
from kz_money import MoneyError, format_amount, group_amount, money, round_money, to_decimal

NBSP = '\u00a0'


def test_doctests():
    assert doctest.testmod(kz_money).failed == 0


@pytest.mark.parametrize('value, expected', [
    (D('1234.56'), D('1234.56')), (7, D('7.00')), ('10', D('10.00')), (' 1 200.5 ', D('1200.50')),
    ('1\u00a0200.5', D('1200.50')), (D('-3'), D('-3.00')),
])
def test_decimals_ints_and_text_are_read_exactly(value, expected):
    assert money(value) == expected


@pytest.mark.parametrize('value, expected', [
    (0.1, D('0.10')), (1234.56, D('1234.56')), (0.1 + 0.2, D('0.30')), (2.675, D('2.68')), (-0.5, D('-0.50')),
    (1e6, D('1000000.00')), (150000.0 * 0.1, D('15000.00')),
])
def test_floats_are_accepted_through_their_repr(value, expected):
    # 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary: read through repr it is 2.675,
    # which half up is 2.68, as a person computing on paper gets
    assert money(value) == expected
    assert to_decimal(0.1) == D('0.1')


@pytest.mark.parametrize('value, expected', [
    ('2.005', D('2.01')), ('2.004', D('2.00')), ('-2.005', D('-2.01')), ('-2.004', D('-2.00')),
    (D('0.125'), D('0.13')), (D('999.995'), D('1000.00')), ('0.0049', D('0.00')),
])
def test_rounding_is_half_up_to_the_tiyn_away_from_zero(value, expected):
    assert money(value) == expected
    assert round_money(D(value) if not isinstance(value, D) else value) == expected


def test_empty_is_zero_unless_required():
    assert money(None) == D('0.00') and money(False) == D('0.00')
    assert str(money(None)) == '0.00'
    for value in (None, False):
        with pytest.raises(MoneyError):
            money(value, required=True)


@pytest.mark.parametrize('value', [True, float('nan'), float('inf'), -math.inf, 'abc', '1,5', '', D('NaN'),
                                   D('Infinity'), [1], object()])
def test_refused_values_raise_money_error(value):
    with pytest.raises(MoneyError) as err:
        money(value, 'wage')
    assert 'wage' in str(err.value)
    assert isinstance(err.value, ValueError)


def test_the_callers_error_is_raised_with_the_message():
    class CodedError(Exception):
        def __init__(self, code, message):
            super(CodedError, self).__init__(message)
            self.code = code

    with pytest.raises(CodedError) as err:
        money('abc', 'price', error=lambda message: CodedError('bad_input', message), required=True)
    assert err.value.code == 'bad_input' and str(err.value) == "price must be an amount in tenge, got 'abc'"


def test_exact_refuses_a_fraction_of_a_tiyn_but_not_float_noise():
    assert money(0.1 + 0.2, exact=True) == D('0.30')
    assert money('100.10', exact=True) == D('100.10')
    for value in ('0.005', 0.125, D('1.001')):
        with pytest.raises(MoneyError) as err:
            money(value, exact=True)
        assert 'not a whole number of tiyn' in str(err.value)


def test_to_decimal_does_not_round_and_refuses_empty():
    assert to_decimal('1.23456') == D('1.23456')
    with pytest.raises(MoneyError):
        to_decimal(None)


def test_format_amount_as_the_kk_and_ru_forms_print_it():
    for lang in ('kk_KZ', 'kk', 'ru_RU', 'ru'):
        assert format_amount(D('1234567.8'), lang) == '1{0}234{0}567,80'.format(NBSP)
        assert format_amount(D('-1234567.8'), lang) == '-1{0}234{0}567,80'.format(NBSP)
        assert format_amount(0, lang) == '0,00'
        assert format_amount(D('0.5'), lang) == '0,50'
        assert format_amount(999, lang) == '999,00'
        assert format_amount(1000, lang) == '1{0}000,00'.format(NBSP)


def test_format_amount_in_english_and_without_a_language():
    assert format_amount(D('-1234567.8'), 'en_US') == '-1,234,567.80'
    assert format_amount(D('-1234567.8')) == '-1,234,567.80'
    assert format_amount(0) == '0.00'


def test_format_amount_options():
    assert format_amount(None, 'kk_KZ') == '' and format_amount(False, 'kk_KZ') == ''
    assert format_amount(D('0'), 'kk_KZ', blank_zero=True) == ''
    assert format_amount(D('0.004'), 'kk_KZ', blank_zero=True) == ''        # zero once rounded
    assert format_amount(D('0.005'), 'kk_KZ', blank_zero=True) == '0,01'
    assert format_amount(D('1234.56'), 'ru_RU', decimals=1) == '1{0}234,6'.format(NBSP)   # thousands of tenge
    assert format_amount(D('1234.5'), 'ru_RU', decimals=0) == '1{0}235'.format(NBSP)
    assert format_amount(0.1 + 0.2, 'kk_KZ') == '0,30'                       # floats through repr
    assert format_amount('999.995', 'kk_KZ') == '1{0}000,00'.format(NBSP)    # half up
    with pytest.raises(MoneyError):
        format_amount('abc', 'kk_KZ')


def test_group_amount_takes_the_separators_given():
    assert group_amount(D('1234567.891'), '.', ',') == '1,234,567.89'
    assert group_amount(D('2026'), digits=0) == '2{0}026'.format(NBSP)
    assert group_amount(D('-0.001')) == '0,00'                               # no minus before a zero
