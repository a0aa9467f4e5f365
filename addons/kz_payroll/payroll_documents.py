"""Payroll documents of a Kazakh state school: the figures, from plain data (no Odoo import).

The ORM layer (wizards/kz_payroll_document_wizard.py) turns confirmed payslips into plain rows::

    {'slip_id': 7, 'employee_id': 3, 'employee': 'Ахметова Айгүл', 'iin': '880203400123',
     'birth_date': '1988-02-03', 'month': '2026-01', 'specific': '111',
     'account': 'KZ...', 'bank': 'Halyk Bank (HSBKKZKX)',
     'amounts': {'GROSS': Decimal('250000.00'), 'OPV': Decimal('25000.00'), ...}}

and this module sums them per document. The line codes are the contract with the payroll core (kz_tax.py and the
salary rules): BASIC, GROSS, OPV, VOSMS, IPN, NET for the employee, OPVR, SO, OOSMS, SN for the employer; a code
missing on a payslip counts as 0. Money is Decimal with 2 places, never float.

The ЕБК specifics printed as the classification of the totals come from ../shared/domain/kz_rules.md §3.3
(order of the Ministry of Finance № 403 of 18.09.2014): 111 pay, 116 ОПВР (135 for technical staff), 121 СН,
122 СО, 124 ООСМС.
"""
from collections import OrderedDict
from decimal import Decimal  # noqa: F401 (the doctests)

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import kz_money
    from kz_money import CENT, ZERO, money  # noqa: F401 (named for the document builders)
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import kz_money
    from odoo.addons.kz_edu_base.kz_money import CENT, ZERO, money  # noqa: F401

EMPLOYEE_CODES = ('BASIC', 'GROSS', 'OPV', 'VOSMS', 'IPN', 'NET')
EMPLOYER_CODES = ('OPVR', 'SO', 'OOSMS', 'SN')
CONTRACT_CODES = EMPLOYEE_CODES + EMPLOYER_CODES
DEDUCTION_CODES = ('OPV', 'VOSMS', 'IPN')
# salary rule categories whose lines are accruals (hr_payroll's own BASIC and ALW categories)
ACCRUAL_CATEGORIES = ('BASIC', 'ALW')
# tax / contribution codes of the declaration form 200.00, in the order of the form's sections
FORM200_CODES = ('IPN', 'OPV', 'OPVR', 'VOSMS', 'OOSMS', 'SO', 'SN')
# ЕБК economic specific -> line code whose total it classifies (kz_rules.md §3.3)
EBK_SPECIFICS = (('111', 'GROSS'), ('116/135', 'OPVR'), ('121', 'SN'), ('122', 'SO'), ('124', 'OOSMS'))


def amounts_by_code(lines):
    """{code: Decimal total} from (code, total) pairs; repeated codes are added up.

    >>> amounts_by_code([('NET', 1.1), ('NET', 2.2), ('OPV', '10')])['NET']
    Decimal('3.30')
    """
    result = {}
    for code, total in lines:
        result[code] = result.get(code, ZERO) + money(total)
    return result


def amount(amounts, code):
    return amounts.get(code, ZERO)


def add_amounts(target, amounts, codes=None):
    for code in (codes if codes is not None else amounts):
        target[code] = target.get(code, ZERO) + amount(amounts, code)
    return target


def payslip_figures(lines):
    """The figures of one payslip (расчетный лист).

    ``lines``: dicts with code, name, total, category (category code). Returns accruals [(name, amount)], total
    accrued (GROSS, or the sum of the accruals when the slip has no GROSS line), deductions [(code, name, amount)],
    total deductions, to pay (NET) and the employer's contributions [(code, name, amount)].
    """
    amounts = amounts_by_code((l['code'], l['total']) for l in lines)
    # a zero allowance line (no vacation, no bonus this month) is not printed; BASIC always is
    accruals = [(l['name'], money(l['total'])) for l in lines
                if l['code'] not in CONTRACT_CODES[1:] and (l['code'] == 'BASIC' or l.get('category') in ACCRUAL_CATEGORIES)
                and (l['code'] == 'BASIC' or money(l['total']) != ZERO)]
    accrued = sum((a for _n, a in accruals), ZERO)
    gross = amounts['GROSS'] if 'GROSS' in amounts else accrued
    if gross != accrued:
        accruals.append((None, gross - accrued))   # "other accruals": the rest of GROSS, so the column adds up
    names = OrderedDict((l['code'], l['name']) for l in lines)
    deductions = [(c, names.get(c, c), amount(amounts, c)) for c in DEDUCTION_CODES]
    employer = [(c, names.get(c, c), amount(amounts, c)) for c in EMPLOYER_CODES]
    return {
        'accruals': accruals,
        'gross': gross,
        'deductions': deductions,
        'total_deductions': sum((a for _c, _n, a in deductions), ZERO),
        'net': amount(amounts, 'NET'),
        'employer': employer,
        'total_employer': sum((a for _c, _n, a in employer), ZERO),
    }


def by_employee(rows):
    """Rows of several payslips of one employee merged into one (amounts added), in the order first seen."""
    merged = OrderedDict()
    for row in rows:
        key = row['employee_id']
        if key not in merged:
            merged[key] = dict(row, amounts={}, slip_ids=[])
        add_amounts(merged[key]['amounts'], row['amounts'])
        merged[key]['slip_ids'].append(row.get('slip_id'))
    return list(merged.values())


def summary(rows, codes=CONTRACT_CODES):
    """Payroll summary (свод): per employee the amounts of ``codes``, the totals per code (every code seen on
    the payslips, contract codes first) and the totals classified by ЕБК specific."""
    employees = by_employee(rows)
    totals = OrderedDict((c, ZERO) for c in codes)
    for row in employees:
        add_amounts(totals, row['amounts'])
    ebk = [(specific, code, totals.get(code, ZERO)) for specific, code in EBK_SPECIFICS]
    return {'employees': employees, 'totals': totals, 'ebk': ebk, 'count': len(employees)}


def bank_register(rows):
    """Register for the bank (salary cards): one line per employee with the NET to transfer; total and count.
    Employees with nothing to pay are left out; those without an account are listed in ``missing_account``."""
    lines = [r for r in by_employee(rows) if amount(r['amounts'], 'NET') != ZERO]
    return {
        'lines': lines,
        'total': sum((amount(r['amounts'], 'NET') for r in lines), ZERO),
        'count': len(lines),
        'missing_account': [r['employee'] for r in lines if not r.get('account')],
    }


# list kind -> (income as the base column, contribution codes)
CONTRIBUTION_LISTS = {
    'pension': ('GROSS', ('OPV', 'OPVR')),
    'social': ('SO_BASE', ('SO',)),
    'medical': ('GROSS', ('VOSMS', 'OOSMS')),
}


def income_base(amounts, base):
    """Income column of a contribution list: GROSS, or for СО the object GROSS − ОПВ (kz_rules.md §1.2)."""
    if base == 'SO_BASE':
        return amount(amounts, 'GROSS') - amount(amounts, 'OPV')
    return amount(amounts, base)


def contribution_list(rows, kind):
    """List of employees for a contribution payment (ОПВ/ОПВР, СО, ОСМС): income and each contribution per
    employee, employees with no contribution left out, totals per column."""
    base, codes = CONTRIBUTION_LISTS[kind]
    lines = []
    for row in by_employee(rows):
        values = [amount(row['amounts'], c) for c in codes]
        if any(values):
            lines.append({'row': row, 'income': income_base(row['amounts'], base), 'values': values})
    return {
        'codes': codes,
        'lines': lines,
        'income': sum((l['income'] for l in lines), ZERO),
        'totals': [sum((l['values'][i] for l in lines), ZERO) for i in range(len(codes))],
        'total': sum((v for l in lines for v in l['values']), ZERO),
        'count': len(lines),
    }


def quarter_months(year, quarter):
    """['2026-01', '2026-02', '2026-03'] for (2026, 1)."""
    first = (int(quarter) - 1) * 3 + 1
    return ['%04d-%02d' % (int(year), m) for m in range(first, first + 3)]


def form200(rows, year, quarter):
    """Data for the declaration form 200.00 of a quarter: per month the totals of ИПН, ОПВ, ОПВР, ВОСМС, ООСМС,
    СО, СН and the number of employees paid; the quarter's totals."""
    months = quarter_months(year, quarter)
    per_month = OrderedDict((m, {'amounts': OrderedDict((c, ZERO) for c in FORM200_CODES), 'employees': set()})
                            for m in months)
    for row in rows:
        month = per_month.get(row['month'])
        if month is None:
            continue
        add_amounts(month['amounts'], row['amounts'], FORM200_CODES)
        month['employees'].add(row['employee_id'])
    result = []
    for m, data in per_month.items():
        result.append({'month': m, 'amounts': data['amounts'], 'employees': len(data['employees'])})
    totals = OrderedDict((c, sum((r['amounts'][c] for r in result), ZERO)) for c in FORM200_CODES)
    return {'months': result, 'totals': totals,
            'employees': len(set().union(*(d['employees'] for d in per_month.values())))}


def format_amount(value):
    """An amount as the payroll documents print it, in kk and ru alike: '1 234 567,80' (kz_money.format_amount)."""
    return kz_money.format_amount(value, 'kk')
