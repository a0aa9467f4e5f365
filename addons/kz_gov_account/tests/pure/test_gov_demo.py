"""Tests of the demo-year generator (gov_demo.py): every entry passes the posting rules of the real chart
(data/src/chart_281.csv), money accounts never go below zero, the year has every kind of operation (ACC-02)."""
import csv
import datetime
import os
from decimal import Decimal

import pytest

import gov_demo
import gov_ledger

D = Decimal
SRC = os.path.join(os.path.dirname(gov_demo.__file__), 'data', 'src')


def chart():
    with open(os.path.join(SRC, 'chart_281.csv'), encoding='utf-8') as f:
        rows = [r for r in csv.DictReader(f) if r['odoo_type'] != 'view']
    return {r['code']: r for r in rows}


def ebk_specifics():
    with open(os.path.join(SRC, 'ebk_403.csv'), encoding='utf-8') as f:
        return {r['code'] for r in csv.DictReader(f) if r['level'] == 'specific'}


def funding_codes():
    with open(os.path.join(SRC, 'funding_sources.csv'), encoding='utf-8') as f:
        return {r['code'] for r in csv.DictReader(f)}


@pytest.fixture(scope='module', params=['school1', 'school2'])
def entries(request):
    return gov_demo.school_entries(request.param)


def as_ledger(entry):
    return [{'account_id': l['account'], 'debit': l['debit'], 'credit': l['credit'], 'kz_ebk_id': l['ebk'],
             'kz_funding_id': l['funding']} for l in entry['lines']]


def test_every_entry_passes_the_posting_rules_of_the_chart(entries):
    rows = chart()
    info = {code: {'code': code, 'requires_ebk': r['requires_ebk'] == '1', 'requires_funding': r['requires_funding'] == '1'}
            for code, r in rows.items()}
    for entry in entries:
        assert gov_ledger.validate_entry(as_ledger(entry), info) == [], entry['ref']


def test_codes_exist_in_the_reference_tables(entries):
    accounts, specifics, fundings = chart(), ebk_specifics(), funding_codes()
    for entry in entries:
        for l in entry['lines']:
            assert l['account'] in accounts
            assert l['ebk'] is None or l['ebk'] in specifics, l['ebk']
            assert l['funding'] is None or l['funding'] in fundings
            assert l['partner'] is None or l['partner'] in gov_demo.PARTNERS


def test_period_and_journals(entries):
    assert entries[0]['date'] == datetime.date(2024, 12, 31)
    assert max(e['date'] for e in entries) <= datetime.date(2026, 10, 31)
    assert {e['date'].year for e in entries} == {2024, 2025, 2026}
    assert {e['journal'] for e in entries} <= {'memorial', 'payroll', 'cash_budget', 'cash_paid_services',
                                               'cash_sponsorship'}
    money_journal = {'1010': 'cash_budget', '1030': 'cash_paid_services', '1040': 'cash_sponsorship'}
    for e in entries[1:]:
        for l in e['lines']:
            if l['account'] in money_journal:
                assert e['journal'] == money_journal[l['account']], e['ref']


def test_money_accounts_never_negative_and_budget_ksn_ends_each_day_at_zero(entries):
    balance = {}
    for e in entries:
        for l in e['lines']:
            if l['account'].startswith('10'):
                balance[l['account']] = balance.get(l['account'], D(0)) + l['debit'] - l['credit']
        assert all(v >= 0 for v in balance.values()), e['ref']
    assert balance['1010'] == 0


def test_amounts_are_whole_tiyn(entries):
    for e in entries:
        for l in e['lines']:
            assert l['debit'] == l['debit'].quantize(D('0.01')) and l['credit'] == l['credit'].quantize(D('0.01'))


def test_school1_year_has_every_kind_of_operation():
    entries = gov_demo.school_entries('school1')
    debited = {l['account'] for e in entries for l in e['lines'] if l['debit']}
    credited = {l['account'] for e in entries for l in e['lines'] if l['credit']}
    for code in ('1010', '1030', '1040', '1310', '1320', '2350', '2370', '3310', '3320', '3120', '3150', '3210',
                 '3220', '3230', '3240', '7010', '7020', '7030', '7040', '7050', '7060', '7070'):
        assert code in debited, code
    for code in ('6010', '6020', '6040', '6110', '2390', '5420'):
        assert code in credited, code
    ebks = {l['ebk'] for e in entries for l in e['lines']}
    assert {'111', '116', '121', '122', '124', '131', '135', '141', '149', '151', '152', '159', '161',
            '414'} <= ebks


def test_payroll_month_2026_by_hand():
    # one teacher of 300 000 ₸ in 2026: ОПВ 30 000, ВОСМС 6 000, ИПН 10 % of (300 000 - 36 000 - 129 750)
    slip = gov_demo.payslip(D('300000.00'), 2026)
    assert (slip['opv'], slip['vosms'], slip['ipn']) == (D('30000.00'), D('6000.00'), D('13425.00'))
    assert slip['net'] == D('250575.00')
    assert (slip['opvr'], slip['so'], slip['oosms'], slip['sn']) == (
        D('10500.00'), D('13500.00'), D('9000.00'), D('15840.00'))
    # 2025: ИПН after 14 МРП, СН 11 % reduced by СО
    slip = gov_demo.payslip(D('300000.00'), 2025)
    assert slip['ipn'] == D('20895.20')
    assert slip['sn'] == D('29040.00') - D('13500.00')


def test_financing_plan_covers_the_year_and_the_actual_payments():
    entries = gov_demo.school_entries('school1')
    rows = gov_demo.financing_plan(entries)
    plan = {(ebk, kind): months for ebk, kind, months in rows}
    assert ('111', 'payments') in plan and ('111', 'obligations') in plan
    for (ebk, kind), months in plan.items():
        assert len(months) == 12 and all(m % 1000 == 0 and m >= 0 for m in months)
    paid = {}
    for e in entries:
        if e['date'].year == 2026:
            for l in e['lines']:
                if l['account'] == '1010' and l['credit']:
                    paid[(l['ebk'], e['date'].month)] = paid.get((l['ebk'], e['date'].month), D(0)) + l['credit']
    for (ebk, month), amount in paid.items():
        assert plan[(ebk, 'payments')][month - 1] >= amount


def test_generation_is_deterministic():
    assert gov_demo.school_entries('school2') == gov_demo.school_entries('school2')


@pytest.mark.parametrize('year', [2025, 2026])
def test_demo_payslips_equal_the_payroll_engine(year):
    kz_tax = pytest.importorskip('kz_tax')
    teachers, technical = gov_demo.salaries(gov_demo.PROFILES['school1'], year)
    for gross in teachers + technical:
        expected = kz_tax.compute_payroll(gross, datetime.date(year, 3, 31))
        slip = gov_demo.payslip(gross, year)
        for key in ('opv', 'vosms', 'ipn', 'net', 'opvr', 'so', 'oosms', 'sn'):
            assert slip[key] == expected[key], (gross, key)
