"""IIN/BIN rules (kz_rules.md §5). Expected check digits below were computed by hand with the published
algorithm (weights 1..11, then 3..11,1,2 when the first sum mod 11 is 10), not with the code under test."""
import datetime

import pytest

import iin


def test_valid_iin_gives_birth_date_and_sex():
    # 850314401236: 8*1+5*2+0*3+3*4+1*5+4*6+4*7+0*8+1*9+2*10+3*11 = 149; 149 mod 11 = 6 -> check digit 6
    assert iin.parse_iin('850314401236') == {'birth_date': datetime.date(1985, 3, 14), 'sex': 'F',
                                             'century_digit': 4}


def test_second_pass_of_check_digit():
    # 85031440000: first pass 87 mod 11 = 10 -> second pass weights 3..11,1,2: 137 mod 11 = 5
    assert iin.check_digit('85031440000') == 5
    assert iin.is_valid_iin('850314400005')
    assert not iin.is_valid_iin('850314400006')


def test_number_that_cannot_be_issued():
    # 85031440008: both passes give 10 -> no check digit exists, every 12th digit is invalid
    assert iin.check_digit('85031440008') is None
    assert not any(iin.is_valid_iin('85031440008%d' % d) for d in range(10))


@pytest.mark.parametrize('digit7, year, sex', [('1', 1885, 'M'), ('2', 1885, 'F'), ('3', 1985, 'M'),
                                               ('4', 1985, 'F'), ('5', 2085, 'M'), ('6', 2085, 'F')])
def test_century_and_sex_digit(digit7, year, sex):
    first11 = '850314' + digit7 + '0123'
    c = iin.check_digit(first11)
    value = first11 + str(c)
    if year > datetime.date.today().year:
        with pytest.raises(ValueError, match='future'):
            iin.parse_iin(value)
        parsed = iin.parse_iin(value, today=datetime.date(2090, 1, 1))
    else:
        parsed = iin.parse_iin(value)
    assert parsed['birth_date'].year == year and parsed['sex'] == sex


@pytest.mark.parametrize('value, reason', [
    (None, 'empty'), ('', '12 digits'), ('85031440123', '12 digits'), ('8503144012366', '12 digits'),
    ('85031440123a', '12 digits'), ('850314001232', 'digit 7'), ('850314701232', 'digit 7'),
    ('851314401236', 'birth date'), ('850230401236', 'birth date'), ('850314401237', 'check digit'),
])
def test_invalid_iin_raises_value_error(value, reason):
    with pytest.raises(ValueError, match=reason):
        iin.parse_iin(value)


def test_whitespace_around_is_tolerated_but_not_inside():
    assert iin.is_valid_iin(' 850314401236 ')
    assert not iin.is_valid_iin('850314 401236')


def test_leap_day_birth():
    first11 = '0002295' + '0001'   # 29 Feb 2000, boy
    assert iin.parse_iin(first11 + str(iin.check_digit(first11)))['birth_date'] == datetime.date(2000, 2, 29)
    first11 = '0102295' + '0001'   # 29 Feb 2001 does not exist
    c = iin.check_digit(first11)
    with pytest.raises(ValueError, match='birth date'):
        iin.parse_iin(first11 + str(c if c is not None else 0))


def test_make_iin_round_trip():
    for n in range(1, 300):
        v = iin.make_iin(datetime.date(2012, 9, 1), 'M' if n % 2 else 'F', n)
        if v is not None:
            assert iin.parse_iin(v)['sex'] == ('M' if n % 2 else 'F')


def test_bin():
    # 050440012343: 0*1+5*2+0*3+4*4+4*5+0*6+0*7+1*8+2*9+3*10+4*11 = 146; 146 mod 11 = 3
    assert iin.is_valid_bin('050440012343')
    assert iin.parse_bin('050440012343') == {'reg_year_month': (2005, 4), 'entity_type': 4, 'attribute': 0}
    assert not iin.is_valid_bin('050440012344')      # check digit
    assert not iin.is_valid_bin('051340012343')      # month 13
    assert not iin.is_valid_bin('050470012343')      # type 7
    assert not iin.is_valid_bin('0504400123')        # length
    assert not iin.is_valid_bin(None)
