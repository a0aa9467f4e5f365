"""Kazakh individual (ИИН/ЖСН) and business (БИН/БСН) identification numbers.

Pure Python (standard library only) so it is tested in milliseconds and survives a port to a newer Odoo.

Legal basis: Law of the RK «О национальных реестрах идентификационных номеров» of 12.01.2007 No. 223;
check-digit algorithm per Government decree of 11.06.2003 No. 565 (see ../shared/domain/kz_rules.md §5).

Structure of an IIN (12 digits):
  1-6   birth date YYMMDD
  7     century and sex: 1/2 born 1800-1899, 3/4 born 1900-1999, 5/6 born 2000-2099; odd = male
  8-11  serial number
  12    check digit
Structure of a BIN (12 digits):
  1-4   YYMM of registration
  5     type: 4 resident legal entity, 5 non-resident legal entity, 6 individual entrepreneur (joint)
  6     extra attribute: 0 head organisation, 1 branch, 2 representative office, 3 peasant farm
  7-11  serial number
  12    check digit (same algorithm as the IIN)
"""
import datetime

W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

_CENTURY = {'1': (1800, 'M'), '2': (1800, 'F'), '3': (1900, 'M'), '4': (1900, 'F'),
            '5': (2000, 'M'), '6': (2000, 'F')}


def check_digit(first11):
    """The 12th digit for 11 digits, or None when the number cannot be issued (both passes give 10)."""
    digits = [int(c) for c in first11]
    c = sum(d * w for d, w in zip(digits, W1)) % 11
    if c == 10:
        c = sum(d * w for d, w in zip(digits, W2)) % 11
        if c == 10:
            return None
    return c


def _digits12(value, what):
    if value is None:
        raise ValueError('%s is empty' % what)
    s = str(value).strip()
    if len(s) != 12 or not s.isdigit():
        raise ValueError('%s must be exactly 12 digits' % what)
    return s


def _checksum_ok(s):
    c = check_digit(s[:11])
    return c is not None and c == int(s[11])


def parse_iin(value, today=None):
    """Validate an IIN and return {'birth_date': date, 'sex': 'M'|'F', 'century_digit': int}.

    Raises ValueError with an English reason (callers translate) for any invalid value:
    wrong length, non-digits, impossible birth date, a birth date in the future, an unknown century digit
    (0 and 7-9 are not issued to citizens and residents born 1800-2099), or a wrong check digit.
    """
    s = _digits12(value, 'IIN')
    century = _CENTURY.get(s[6])
    if century is None:
        raise ValueError('IIN digit 7 (century and sex) must be 1-6')
    base_year, sex = century
    try:
        birth = datetime.date(base_year + int(s[0:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        raise ValueError('IIN digits 1-6 are not a real birth date')
    if birth > (today or datetime.date.today()):
        raise ValueError('IIN birth date is in the future')
    if not _checksum_ok(s):
        raise ValueError('IIN check digit is wrong')
    return {'birth_date': birth, 'sex': sex, 'century_digit': int(s[6])}


def is_valid_iin(value, today=None):
    try:
        parse_iin(value, today=today)
    except ValueError:
        return False
    return True


def parse_bin(value):
    """Validate a BIN; return {'reg_year_month': (year, month), 'entity_type': int, 'attribute': int}."""
    s = _digits12(value, 'BIN')
    month = int(s[2:4])
    if not 1 <= month <= 12:
        raise ValueError('BIN digits 3-4 must be a registration month 01-12')
    if s[4] not in '456':
        raise ValueError('BIN digit 5 (entity type) must be 4, 5 or 6')
    if s[5] not in '0123':
        raise ValueError('BIN digit 6 must be 0-3')
    if not _checksum_ok(s):
        raise ValueError('BIN check digit is wrong')
    yy = int(s[0:2])
    return {'reg_year_month': (2000 + yy if yy < 90 else 1900 + yy, month),
            'entity_type': int(s[4]), 'attribute': int(s[5])}


def is_valid_bin(value):
    try:
        parse_bin(value)
    except ValueError:
        return False
    return True


def make_iin(birth_date, sex, serial):
    """Build a valid IIN (used by the demo generator and tests). Skips serials that cannot be issued:
    returns None when `serial` gives a number whose check digit does not exist."""
    if birth_date.year < 1800 or birth_date.year > 2099:
        raise ValueError('birth year out of range')
    century = (birth_date.year - 1800) // 100  # 0, 1, 2
    digit7 = 1 + 2 * century + (0 if sex == 'M' else 1)
    first11 = '%s%d%04d' % (birth_date.strftime('%y%m%d'), digit7, serial % 10000)
    c = check_digit(first11)
    return None if c is None else first11 + str(c)


def make_bin(year, month, serial, entity_type=4, attribute=0):
    first11 = '%02d%02d%d%d%05d' % (year % 100, month, entity_type, attribute, serial % 100000)
    c = check_digit(first11)
    return None if c is None else first11 + str(c)
