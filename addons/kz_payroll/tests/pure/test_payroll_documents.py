"""Tests of the pure payroll-document sums (payroll_documents.py): hand-computed figures, Decimal exact."""
import doctest
from decimal import Decimal as D

import payroll_documents as pd


def row(emp, month='2026-01', **amounts):
    return {'slip_id': None, 'employee_id': emp, 'employee': 'E%s' % emp, 'iin': '', 'month': month,
            'account': 'KZ%s' % emp if emp != 3 else '', 'amounts': {k: D(v) for k, v in amounts.items()}}


def test_doctests():
    assert doctest.testmod(pd).failed == 0


def test_money_is_decimal_and_half_up():
    assert pd.money(0.1) + pd.money(0.2) == D('0.30')
    assert pd.money('2.345') == D('2.35')
    assert pd.money(None) == D('0.00')


def test_payslip_figures_other_accruals_fill_gross_and_missing_code_is_zero():
    lines = [{'code': 'BASIC', 'name': 'Wage', 'total': 200000.0, 'category': 'BASIC'},
             {'code': 'GROSS', 'name': 'Gross', 'total': 250000.0, 'category': 'GROSS'},
             {'code': 'OPV', 'name': 'ОПВ', 'total': 25000.0, 'category': 'DED'},
             {'code': 'NET', 'name': 'Net', 'total': 225000.0, 'category': 'NET'}]
    f = pd.payslip_figures(lines)
    assert f['accruals'] == [('Wage', D('200000.00')), (None, D('50000.00'))]
    assert f['gross'] == D('250000.00')
    assert f['deductions'][1] == ('VOSMS', 'VOSMS', D('0.00'))
    assert f['total_deductions'] == D('25000.00')
    assert f['net'] == D('225000.00')


def test_summary_merges_slips_of_one_employee_and_classifies_by_ebk():
    rows = [row(1, GROSS='100.10', NET='80.05', SN='5.01'), row(1, GROSS='0.20', NET='0.10'),
            row(2, GROSS='50', OPVR='1.75', SO='2.5', OOSMS='1.5')]
    s = pd.summary(rows)
    assert s['count'] == 2
    assert s['employees'][0]['amounts']['GROSS'] == D('100.30')
    assert s['totals']['GROSS'] == D('150.30')
    assert s['ebk'] == [('111', 'GROSS', D('150.30')), ('116/135', 'OPVR', D('1.75')), ('121', 'SN', D('5.01')),
                        ('122', 'SO', D('2.50')), ('124', 'OOSMS', D('1.50'))]


def test_bank_register_skips_zero_and_names_missing_accounts():
    reg = pd.bank_register([row(1, NET='10.10'), row(2, NET='0'), row(3, NET='5.05')])
    assert (reg['count'], reg['total'], reg['missing_account']) == (2, D('15.15'), ['E3'])


def test_contribution_lists_social_base_is_gross_minus_opv():
    rows = [row(1, GROSS='200000', OPV='20000', SO='9000', OPVR='7000'), row(2, GROSS='100000', OPV='10000')]
    so = pd.contribution_list(rows, 'social')
    assert (so['count'], so['income'], so['totals']) == (1, D('180000.00'), [D('9000.00')])
    pension = pd.contribution_list(rows, 'pension')
    assert pension['totals'] == [D('30000.00'), D('7000.00')] and pension['total'] == D('37000.00')


def test_form200_per_month_and_quarter():
    rows = [row(1, '2026-01', IPN='10', SN='1'), row(1, '2026-02', IPN='11'), row(2, '2026-02', IPN='0.5'),
            row(3, '2026-04', IPN='99')]
    f = pd.form200(rows, 2026, 1)
    assert [m['month'] for m in f['months']] == ['2026-01', '2026-02', '2026-03']
    assert [m['employees'] for m in f['months']] == [1, 2, 0]
    assert f['months'][1]['amounts']['IPN'] == D('11.50')
    assert f['totals']['IPN'] == D('21.50') and f['employees'] == 2


def test_format_amount():
    assert pd.format_amount(D('1234567.8')) == '1\u00a0234\u00a0567,80'
    assert pd.format_amount(-5) == '-5,00'


def test_zero_allowance_lines_are_not_printed():
    lines = [{'code': 'BASIC', 'name': 'Basic', 'total': 0, 'category': 'BASIC'},
             {'code': 'VACATION', 'name': 'Vacation pay', 'total': 0, 'category': 'ALW'},
             {'code': 'BONUS', 'name': 'Bonus', 'total': 5000, 'category': 'ALW'},
             {'code': 'GROSS', 'name': 'Gross', 'total': 5000, 'category': 'GROSS'}]
    names = [name for name, _amount in pd.payslip_figures(lines)['accruals']]
    assert names == ['Basic', 'Bonus']
