# -*- coding: utf-8 -*-
"""The one money contract of the suite (issue #15): how a value becomes an amount in tenge, and how an amount is
written. Pure Python (standard library only, no odoo import).

The contract, for every addon:

* An amount is a ``Decimal`` of whole tiyn (two places), rounded **half up** (2.005 → 2.01, -2.005 → -2.01): the
  rounding of the Tax Code and of the official forms. Sums are made in Decimal, never in floats.
* **Floats are accepted**, read through ``repr`` — the shortest text that reads back as the same float, so 0.1 is
  0.1 and 1234.56 is 1234.56, not 1234.5599999999999454… Odoo 11 hands every monetary and float field over as a
  float; refusing them would make each caller convert them itself, which is the copy this module replaces. What
  no contract can repair is a sum made in floats before it reaches ``money()``: add Decimals.
* ``None`` and ``False`` (an empty Odoo field) are zero; with ``required=True`` they are refused, for inputs that
  must be given (a wage, a price).
* Refused, whatever the options: ``True``, NaN, infinities, text that is not a number, anything else. Text may
  carry spaces (also no-break spaces) between the digit groups: '1 200.50'; a decimal comma is not read (is
  '1,200' one thousand two hundred or one point two?).
* ``exact=True`` refuses a fraction of a tiyn instead of rounding it away (the ledger posts what it is given or
  nothing); float noise below a millionth of a tiyn (0.1 + 0.2) is not a fraction.
* A refusal raises ``error(message)``: ``MoneyError`` (a ``ValueError``) unless the caller names its own error, so
  a rule module keeps raising its own coded error::

      money(value, 'price', error=lambda message: CanteenError('bad_input', message), required=True)

Written amounts: :func:`format_amount` writes an amount in the separators of a language, as the official forms
and Odoo's kk_KZ and ru_RU languages print them: «1 234 567,80» (no-break spaces between the thousands, a decimal
comma); English (and no language, like Odoo without a language in the context) «1,234,567.80».
:func:`group_amount` is the same with the separators given.

>>> money(1234.56), money('2.005'), money(-2.005), money(None), money(0.1 + 0.2), money('1 200')
(Decimal('1234.56'), Decimal('2.01'), Decimal('-2.01'), Decimal('0.00'), Decimal('0.30'), Decimal('1200.00'))
>>> format_amount(Decimal('-1234567.8'), 'kk_KZ') == '-1\\u00a0234\\u00a0567,80'
True
>>> format_amount(1234567.8, 'en_US'), format_amount(None), format_amount(0, blank_zero=True)
('1,234,567.80', '', '')
"""
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_errors import KzError, _, make_error
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_errors import KzError, _, make_error

__all__ = ['TIYN', 'CENT', 'ZERO', 'NBSP', 'DECIMAL_POINT', 'SEPARATORS', 'MoneyError', 'to_decimal', 'to_number',
           'money', 'round_money', 'group_amount', 'format_amount', 'lang_key']

TIYN = CENT = Decimal('0.01')
ZERO = Decimal('0.00')
#: float noise tolerated by ``exact=True`` (0.1 + 0.2 = 0.30000000000000004)
_FLOAT_NOISE = Decimal('0.00000001')

NBSP = '\u00a0'
DECIMAL_POINT = ','
#: (thousands separator, decimal point) by language: Kazakh and Russian as the res.lang records of the database
#: (kz_edu_base/data/res_lang_data.xml, Odoo's ru_RU) and the official forms print them; English as en_US.
SEPARATORS = {'kk': (NBSP, DECIMAL_POINT), 'ru': (NBSP, DECIMAL_POINT), 'en': (',', '.')}

_SPACES = {ord(' '): None, ord(NBSP): None, ord('\u202f'): None}


class MoneyError(KzError, ValueError):
    """A value that is not an amount in tenge (the default error of :func:`money` and :func:`to_decimal`)."""


#: the refusals of _read, by (kind, finite): an amount or a number, the value not a number or not finite
_NOT_A_NUMBER = {
    ('amount', False): _('%(what)s must be an amount in tenge, got %(value)s'),
    ('amount', True): _('%(what)s must be a finite amount in tenge, got %(value)s'),
    ('number', False): _('%(what)s must be a number, got %(value)s'),
    ('number', True): _('%(what)s must be a finite number, got %(value)s'),
}


def _refuse(error, what, value, kind, finite=False):
    return make_error(error, 'not_an_' + kind if kind == 'amount' else 'not_a_number',
                      _NOT_A_NUMBER[kind, finite], what=what, value=repr(value))


def _read(value, what, error, kind, comma=False):
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool) or value is None:
        raise _refuse(error, what, value, kind)
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().translate(_SPACES)
        try:
            number = Decimal(text.replace(',', '.') if comma else text)
        except (InvalidOperation, ValueError):
            raise _refuse(error, what, value, kind)
    else:
        raise _refuse(error, what, value, kind)
    if not number.is_finite():
        raise _refuse(error, what, value, kind, finite=True)
    return number


def to_decimal(value, what=_('amount'), error=MoneyError):
    """The exact, finite ``Decimal`` of an amount (not rounded): a Decimal or int as it is, a float through
    ``repr``, a text stripped of its spaces. ``error(message)`` is raised for None, a bool, NaN, an infinity, a
    text that is not a number and any other type.

    >>> to_decimal(0.1), to_decimal('1 200.505'), to_decimal(7)
    (Decimal('0.1'), Decimal('1200.505'), Decimal('7'))
    """
    return _read(value, what, error, 'amount')


def to_number(value, what=_('value'), error=ValueError, comma=False):
    """The same reading for a number that is not an amount (a coefficient, hours, days, points): an exact finite
    Decimal, ``error(message)`` otherwise; ``comma=True`` also reads a decimal comma ('4,81'), for numbers that
    have no thousands (a coefficient typed the Russian way).

    >>> to_number('4,81', 'coefficient', comma=True), to_number(8.5, 'hours')
    (Decimal('4.81'), Decimal('8.5'))
    """
    return _read(value, what, error, 'number', comma)


def round_money(number):
    """A Decimal rounded half up to the tiyn (for amounts already Decimal, e.g. a product of two of them)."""
    return number.quantize(TIYN, rounding=ROUND_HALF_UP)


def money(value, what=_('amount'), error=MoneyError, exact=False, required=False):
    """``value`` as a Decimal of whole tiyn, rounded half up (the contract above).

    ``what`` names the value in the message of a refusal; ``error`` makes the exception from the message;
    ``exact``: a fraction of a tiyn is refused, not rounded; ``required``: None and False are refused, not zero.

    >>> money('0.005', exact=True)
    Traceback (most recent call last):
    ...
    kz_money.MoneyError: 0.005 is not a whole number of tiyn
    """
    if (value is None or value is False) and not required:
        return ZERO
    number = to_decimal(value, what, error)
    rounded = number.quantize(TIYN, rounding=ROUND_HALF_UP)
    if exact and rounded != number and not (isinstance(value, float) and abs(number - rounded) < _FLOAT_NOISE):
        raise make_error(error, 'fraction_of_tiyn', _('%(value)s is not a whole number of tiyn'),
                         value=str(value))
    return rounded


def lang_key(lang):
    """'kk', 'ru' or 'en' for an Odoo language code ('kk_KZ', 'ru_RU', 'en_US', None → 'en')."""
    short = (lang or 'en')[:2].lower()
    return short if short in SEPARATORS else 'en'


def group_amount(value, decimal_point=DECIMAL_POINT, thousands_sep=NBSP, digits=2):
    """'1 234 567,80' of an amount (any value :func:`to_decimal` reads; a float through ``repr``), quantized half
    up to ``digits`` places, with the separators given (by default those of the kk/ru forms)."""
    value = to_decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    sign = '-' if value < 0 else ''
    text = format(abs(value), 'f')
    integer, _sep, decimals = text.partition('.')
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    out = sign + thousands_sep.join(groups or ['0'])
    return out + decimal_point + decimals if decimals else out


def format_amount(value, lang=None, blank_zero=False, decimals=2):
    """An amount as the official forms print it in ``lang`` ('kk_KZ', 'ru_RU': «1 234 567,80»; 'en_US' or None:
    «1,234,567.80»), quantized half up to ``decimals`` places (2 for tenge, 1 for thousands of tenge, 0 for whole
    tenge); '' for None or False, and for zero when ``blank_zero`` (an empty cell of a form)."""
    if value is None or value is False:
        return ''
    if blank_zero and not to_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):
        return ''
    thousands, point = SEPARATORS[lang_key(lang)]
    return group_amount(value, point, thousands, decimals)
