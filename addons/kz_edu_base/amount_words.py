"""Amounts in words for Kazakh documents (cash orders, payment orders, payslips, statements).

Pure Python: only the standard library and num2words. One helper every document of the suite uses.

Two traps of num2words 0.5.14 avoided here (../shared/domain/kz_rules.md §6):
  * it knows Kazakh as ``kz``, not ``kk`` (Odoo's iso_code), so ``lang='kk'`` silently gives English;
  * ``to='currency'`` reads an *int* as minor units (1200 -> "twelve tenge, zero tiyn").
So only the integer part goes to num2words (cardinal), and the tiyn are written as two digits.

Layout: "<Integer part in words> <currency> <NN> <minor unit>", first letter capitalised, e.g.
  kk: "Бір мың екі жүз теңге 50 тиын"      ru: "Одна тысяча двести тенге 50 тиын"
This follows the practice of Kazakh accounting software (1C:Бухгалтерия для Казахстана prints
"... тенге 00 тиын"); no act prescribes how tiyn are written (kz_rules.md §7 item 10: UNCONFIRMED), so
digits are used, which cannot be misread.
"""
from num2words import num2words

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_money import money
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_money import money

# Odoo/ISO language code -> num2words module code
_N2W_LANG = {'kk': 'kz', 'kz': 'kz', 'ru': 'ru', 'en': 'en'}

# currency word (invariable in these phrases) and minor unit per language
_CURRENCY = {
    'KZT': {'kz': ('теңге', 'тиын'), 'ru': ('тенге', 'тиын'), 'en': ('tenge', 'tiyn')},
    'RUB': {'kz': ('рубль', 'тиын'), 'ru': ('руб.', 'коп.'), 'en': ('roubles', 'kopecks')},
    'USD': {'kz': ('АҚШ доллары', 'цент'), 'ru': ('долл. США', 'цент.'), 'en': ('US dollars', 'cents')},
}


def n2w_lang(lang):
    """Map 'kk_KZ', 'kk', 'ru_RU', 'en_US' ... to the code num2words knows."""
    code = (lang or 'en').replace('-', '_').split('_')[0].lower()
    try:
        return _N2W_LANG[code]
    except KeyError:
        raise ValueError('no amount-in-words for language %r' % lang)


#: the amount in words is of the amount as the money contract reads it (kz_money: floats through repr, half up)
to_decimal = money


def integer_in_words(number, lang):
    return num2words(int(number), lang=n2w_lang(lang))


def amount_in_words(amount, lang='kk', currency='KZT'):
    """'Бір мың екі жүз теңге 50 тиын' for amount=1200.50, lang='kk'. Negative amounts get a minus word."""
    value = money(amount, required=True)
    code = n2w_lang(lang)
    major_word, minor_word = _CURRENCY.get(currency, {}).get(code) or (currency, '')
    sign = ''
    if value < 0:
        sign = {'kz': 'минус ', 'ru': 'минус ', 'en': 'minus '}[code]
        value = -value
    integer = int(value)
    tiyn = int((value - integer) * 100)
    words = '%s%s %s %02d %s' % (sign, num2words(integer, lang=code), major_word, tiyn, minor_word)
    words = words.strip()
    return words[:1].upper() + words[1:]
