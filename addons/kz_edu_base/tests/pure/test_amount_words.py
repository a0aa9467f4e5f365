from decimal import Decimal

import pytest

from amount_words import amount_in_words, n2w_lang, to_decimal


@pytest.mark.parametrize('amount, kk, ru', [
    (Decimal('1200.50'), 'Бір мың екі жүз теңге 50 тиын', 'Одна тысяча двести тенге 50 тиын'),
    (1200, 'Бір мың екі жүз теңге 00 тиын', 'Одна тысяча двести тенге 00 тиын'),   # int is tenge, not tiyn
    ('0.07', 'Нөл теңге 07 тиын', 'Ноль тенге 07 тиын'),
    (100, 'Жүз теңге 00 тиын', 'Сто тенге 00 тиын'),
    (Decimal('1234567.89'), 'Бір миллион екі жүз отыз төрт мың бес жүз алпыс жеті теңге 89 тиын',
     'Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь тенге 89 тиын'),
])
def test_kzt_in_kazakh_and_russian(amount, kk, ru):
    assert amount_in_words(amount, 'kk') == kk
    assert amount_in_words(amount, 'kk_KZ') == kk
    assert amount_in_words(amount, 'ru_RU') == ru


def test_float_noise_does_not_change_tiyn():
    assert to_decimal(0.1 + 0.2) == Decimal('0.30')
    assert amount_in_words(2.675, 'ru').endswith('68 тиын')      # half-up on the decimal value 2.675


def test_negative_amount():
    assert amount_in_words(-5, 'ru') == 'Минус пять тенге 00 тиын'


def test_kazakh_maps_to_num2words_kz_code():
    assert n2w_lang('kk_KZ') == 'kz'
    with pytest.raises(ValueError):
        n2w_lang('xx_XX')
