# -*- coding: utf-8 -*-
"""Which payslip amounts go to which accounts of the chart of state institutions, under which ЕБК specific.

Pure Python (no odoo import). Issue #4: "the payslip batch posts to the public-sector chart by ЕБК specific
(111/131 pay, 116/135 ОПВР, 121 СН, 122 СО, 124 ООСМС) and funding source". The ЕБК specifics are those of the
economic classification of expenses (MoF order No. 403 of 18.09.2014; see kz_gov_account/data/src/ebk_403.csv):
111 «Оплата труда», 131 «Оплата труда технического персонала», 116 «Обязательные пенсионные взносы работодателей»,
135 «Взносы работодателей по техническому персоналу», 121 «Социальный налог», 122 «Социальные отчисления в ГФСС»,
124 «Отчисления на ОСМС». Specific 135 is named for *all* employer contributions of the technical staff, so their
СН, СО and ООСМС go to 135 as well as their ОПВР (as the demo ledger of kz_gov_account does). Withholdings (ОПВ,
ВОСМС, ИПН) move the employee's debt to the payables of each recipient under the same specific as the pay they are
withheld from.

The account codes are those of kz_gov_account/data/src/chart_281.csv (UNCONFIRMED against order No. 281, see its
SOURCES.md): 7010 pay expense, 7020 employer contributions expense, 3320 payables to staff, 3120 ИПН, 3150 social
tax, 3210 social contributions, 3220 pension contributions (ОПВ), 3230 employer pension contributions (ОПВР),
3240 medical insurance (ВОСМС/ООСМС).
"""
from collections import OrderedDict
from decimal import Decimal

TIYN = Decimal('0.01')

#: rule code -> (debit account, credit account, ЕБК for teachers/administration, ЕБК for technical staff)
POSTING = OrderedDict([
    ('GROSS', ('7010', '3320', '111', '131')),
    ('OPV', ('3320', '3220', '111', '131')),
    ('VOSMS', ('3320', '3240', '111', '131')),
    ('IPN', ('3320', '3120', '111', '131')),
    ('OPVR', ('7020', '3230', '116', '135')),
    ('SN', ('7020', '3150', '121', '135')),
    ('SO', ('7020', '3210', '122', '135')),
    ('OOSMS', ('7020', '3240', '124', '135')),
])


def account_codes():
    """Every account code the posting needs (to check the chart has them before posting)."""
    return sorted({code for debit, credit, _t, _s in POSTING.values() for code in (debit, credit)})


def ebk_codes():
    return sorted({ebk for _d, _c, teach, tech in POSTING.values() for ebk in (teach, tech)})


def entry_lines(totals, technical=False, reverse=False):
    """Summarised journal lines for one group of payslips.

    totals: {rule code: amount} (Decimal or number) summed over the payslips of one company, month, funding source
    and staff kind; returns [(account_code, ebk_code, debit, credit, rule_code)], merged per (account, ЕБК, side),
    amounts rounded to the tiyn. Lines for zero amounts are left out; negative amounts are refused.
    reverse=True gives the reversing entry of refund payslips (credit notes, whose lines carry the same positive
    amounts as the payslips they reverse): every debit becomes a credit and the other way round."""
    merged = OrderedDict()
    for code, (debit_acc, credit_acc, ebk_teach, ebk_tech) in POSTING.items():
        amount = Decimal(str(totals.get(code) or 0)).quantize(TIYN)
        if amount < 0:
            raise ValueError('negative payroll amount for %s: %s' % (code, amount))
        if not amount:
            continue
        ebk = ebk_tech if technical else ebk_teach
        for account, side in ((debit_acc, 'D'), (credit_acc, 'C')):
            key = (account, ebk, side)
            merged[key] = merged.get(key, (Decimal(0), code))[0] + amount, code
    lines = []
    for (account, ebk, side), (amount, code) in merged.items():
        if reverse:
            side = 'C' if side == 'D' else 'D'
        lines.append((account, ebk, amount if side == 'D' else Decimal(0), amount if side == 'C' else Decimal(0), code))
    return lines
