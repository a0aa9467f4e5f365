"""Amounts and dates on the printed documents as the screens show them (kz_format.py; issue #13.8)."""
import datetime
from decimal import Decimal

import kz_format

NBSP = '\u00a0'


def test_amounts_have_a_decimal_comma_and_no_break_spaces_like_the_screens():
    assert kz_format.group_amount(Decimal('1234567.8')) == '1%s234%s567,80' % (NBSP, NBSP)
    assert kz_format.group_amount(Decimal('-5')) == '-5,00'
    assert kz_format.group_amount(0) == '0,00'
    assert kz_format.group_amount(0.1) == '0,10'                       # a float read through repr
    assert kz_format.group_amount('999.995') == '1%s000,00' % NBSP      # half up to the tiyn
    assert kz_format.group_amount(Decimal('2026'), digits=0) == '2%s026' % NBSP


def test_the_same_as_the_kazakh_language_of_odoo():
    # res.lang kk_KZ (kz_edu_base/data/res_lang_data.xml): decimal point ',', thousands separator a no-break space
    import xml.etree.ElementTree as ET
    import os
    path = os.path.join(os.path.dirname(kz_format.__file__), 'data', 'res_lang_data.xml')
    fields = {f.get('name'): (f.text, f.get('eval')) for f in ET.parse(path).iter('field')}
    assert fields['decimal_point'][0] == kz_format.DECIMAL_POINT
    assert 'u00a0' in fields['thousands_sep'][1]


def test_dates_are_day_month_year():
    assert kz_format.format_date('2026-12-07') == '07.12.2026'
    assert kz_format.format_date(datetime.date(2026, 3, 9)) == '09.03.2026'
    assert kz_format.format_date(False) == ''
