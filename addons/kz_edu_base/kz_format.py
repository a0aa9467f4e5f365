# -*- coding: utf-8 -*-
"""How amounts, years and dates are written on the printed documents of the suite, the same way the screens show
them (issue #13.8): the Kazakh and the Russian language of Odoo (``res.lang`` kk_KZ, ru_RU) write thousands with a
no-break space and the decimals after a comma — «1 234 567,80» — so the PDFs do too. A year is a number without a
thousands separator («2026», not «2 026»); a date is «07.12.2026», never ISO.

Pure Python (standard library only, no odoo import); the rule modules of the other addons (gov_reports,
payroll_documents, the canteen documents) call it for their text amounts.
"""
import datetime
from decimal import Decimal

__all__ = ['NBSP', 'DECIMAL_POINT', 'group_amount', 'format_date']

NBSP = '\u00a0'
DECIMAL_POINT = ','


def group_amount(value, decimal_point=DECIMAL_POINT, thousands_sep=NBSP, digits=2):
    """'1 234 567,80' of a Decimal, an int or a decimal text (a float is read through ``repr``); the caller rounds.
    ``digits`` decimals are kept (``value`` is quantized to them half-up)."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    value = Decimal(value)
    if digits:
        value = value.quantize(Decimal(1).scaleb(-digits))
    sign = '-' if value < 0 else ''
    text = format(abs(value), 'f')
    integer, _sep, decimals = text.partition('.')
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    out = sign + thousands_sep.join(groups or ['0'])
    return out + decimal_point + decimals if decimals else out


def format_date(value):
    """'07.12.2026' of a date or an ISO date text; '' for None/False."""
    if not value:
        return ''
    if isinstance(value, str):
        value = datetime.datetime.strptime(value[:10], '%Y-%m-%d').date()
    return value.strftime('%d.%m.%Y')
