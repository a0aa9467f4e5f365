# -*- coding: utf-8 -*-
"""Which payslip amounts go to which accounts of the chart of state institutions, under which ЕБК specific.

Pure Python (no odoo import). The accounts are not ours: each salary rule of kz_payroll is an operation of the
standard entries of the chart (kz_gov_account/data/src/standard_entries.csv, read by kz_gov_account/gov_entries.py),
which names the entry of annex 2 of MinFin order No. 170 it follows:

======  ===============================================  =========================  ==========================
rule    operation                                        entry (annex 2)            debit / credit
======  ===============================================  =========================  ==========================
GROSS   pay accrued                                      243                        7010 / 3241
OPV     employee's pension contribution withheld          249                        3241 / 3142
VOSMS   employee's medical insurance withheld             270                        3241 / 3152
IPN     individual income tax withheld                    251                        3241 / 3121
OPVR    employer's pension contribution                   230                        7032 / 3144
SN      social tax                                        244                        7040 / 3122
SO      social contributions, up to 2025                  244 + 245                  7040 / 3122, 3122 / 3141
SO      social contributions, from 2026                   — (Plan, annex 0, 7040)    7040 / 3141
OOSMS   employer's medical insurance contribution         268                        7150 / 3151
======  ===============================================  =========================  ==========================

Up to 2025 the social tax was reduced by the social contributions (Tax Code of 2017): entry 244 accrues the tax
before the reduction and entry 245 moves the contributions to the Social Insurance Fund. The Tax Code of 2026 (art.
558) no longer reduces the tax by them, so there is nothing for entry 245 to move: the contributions are an expense
of their own on 7040, the account the Plan describes as that of «расходов … по социальному налогу и социальным
отчислениям» (the reasons are in standard_entries.csv).

The ЕБК specifics (order No. 151, annex 2): 111 «Оплата труда» for the teaching and administrative staff and 131
for the technical staff, the withholdings under the specific of the pay they are withheld from (specific 111:
«… обязательные пенсионные взносы и другие удержания из заработной платы следует перечислять с данной специфики»);
116 ОПВР, 121 СН, 122 СО, 124 ООСМС, and 135 for every employer contribution of the technical staff.
"""
from collections import OrderedDict

try:  # the pure tests and tools: every addon folder is on sys.path (conftest.py)
    import gov_entries
except ImportError:  # inside Odoo
    from odoo.addons.kz_gov_account import gov_entries

#: rule code -> operation of the standard entries
POSTING = gov_entries.PAYROLL_RULES


def account_codes(on_date=None):
    """Every account code the posting needs on `on_date` (None: any date), to check the chart has them."""
    codes = set()
    for key in POSTING.values():
        for p in (gov_entries.postings(key, on_date) if on_date else
                  [x for d in ('2025-06-30', '2026-06-30') for x in gov_entries.postings(key, d)]):
            codes.update((p.debit, p.credit))
    return sorted(codes)


def ebk_codes():
    out = set()
    for key in POSTING.values():
        for row in gov_entries.rows():
            if row['key'] == key:
                out.update(c for c in row['ebk'].split('|') if c)
    return sorted(out)


def entry_lines(totals, technical=False, on_date=None, reverse=False):
    """Journal lines for one group of payslips of the month ending `on_date`.

    totals: {rule code: amount} (Decimal or number) summed over the payslips of one company, month, funding source
    and staff kind; returns [(account_code, ebk_code, debit, credit, rule_code, standard entry)] — for each rule,
    each posting of its operation, debit line then credit line. Lines for zero amounts are left out; negative
    amounts are refused (ValueError). reverse=True gives the reversing entry of refund payslips (credit notes,
    whose lines carry the same positive amounts as the payslips they reverse): every debit becomes a credit and the
    other way round."""
    if on_date is None:
        raise ValueError('the date of the payroll decides its standard entries (the social contributions changed '
                         'in 2026): give on_date')
    lines = gov_entries.payroll_lines(OrderedDict((code, totals.get(code)) for code in POSTING), on_date, technical)
    if reverse:
        lines = [(account, ebk, credit, debit, code, std) for account, ebk, debit, credit, code, std in lines]
    return lines
