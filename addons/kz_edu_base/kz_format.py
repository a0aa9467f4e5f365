# -*- coding: utf-8 -*-
"""How amounts, years and dates are written on the printed documents of the suite, the same way the screens show
them (issue #13.8): the Kazakh and the Russian language of Odoo (``res.lang`` kk_KZ, ru_RU) write thousands with a
no-break space and the decimals after a comma — «1 234 567,80» — so the PDFs do too. A year is a number without a
thousands separator («2026», not «2 026»); a date is «07.12.2026», never ISO.

The functions live in the suite's money and date helpers (issue #15): ``group_amount`` in kz_money (beside
``format_amount``, the same by language), ``format_date`` in kz_dates; this module names them for the documents.
Pure Python (standard library only, no odoo import).
"""
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import format_date
    from kz_money import DECIMAL_POINT, NBSP, group_amount
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import format_date
    from odoo.addons.kz_edu_base.kz_money import DECIMAL_POINT, NBSP, group_amount

__all__ = ['NBSP', 'DECIMAL_POINT', 'group_amount', 'format_date']
