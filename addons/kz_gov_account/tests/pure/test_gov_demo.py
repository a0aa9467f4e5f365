"""Tests of the demo ledger generator (gov_demo.py): every entry passes the posting rules of the chart of order
No. 170 (the generated account templates), every posting is a standard entry of annex 2 and names it, money accounts
never go below zero, the first year is closed, the year has every kind of operation (ACC-02)."""
import csv
import datetime
import os
from decimal import Decimal

import pytest

import demo_calendar
import gov_demo
import gov_entries
import gov_ledger

D = Decimal
SRC = os.path.join(os.path.dirname(gov_demo.__file__), 'data', 'src')


DATA = os.path.join(os.path.dirname(gov_demo.__file__), 'data')


def chart():
    """{code: row} of the accounts of the chart as loaded (data/account.account.template.csv + the transfer
    account of the chart template)."""
    with open(os.path.join(DATA, 'account.account.template.csv'), encoding='utf-8') as f:
        rows = {r['code']: r for r in csv.DictReader(f)}
    rows['1073'] = {'code': '1073', 'kz_requires_ebk': 'False', 'kz_requires_funding': 'True', 'kz_kind': 'transfer'}
    return rows


def ebk_specifics():
    with open(os.path.join(DATA, 'kz.gov.ebk.csv'), encoding='utf-8') as f:
        return {r['code'] for r in csv.DictReader(f) if r['level'] == 'specific'}


def funding_codes():
    with open(os.path.join(SRC, 'funding_sources.csv'), encoding='utf-8') as f:
        return {r['code'] for r in csv.DictReader(f)}


#: build days of the demo: the start, middle and end of a school year, a year change, the next school year and a
#: day after the last year with rates (the money part then stops at that year's December)
BUILD_DAYS = [datetime.date(2026, 9, 1), datetime.date(2026, 12, 7), datetime.date(2027, 1, 1),
              datetime.date(2027, 1, 15), datetime.date(2027, 5, 31), datetime.date(2027, 9, 15)]
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(scope='module', params=[(school, day) for school in ('school1', 'school2')
                                        for day in (BUILD_DAYS[0], BUILD_DAYS[2], BUILD_DAYS[-1])],
                ids=lambda p: '%s-%s' % p)
def entries(request):
    return gov_demo.school_entries(request.param[0], request.param[1])


def as_ledger(entry):
    return [{'account_id': l['account'], 'debit': l['debit'], 'credit': l['credit'], 'kz_ebk_id': l['ebk'],
             'kz_funding_id': l['funding']} for l in entry['lines']]


def test_every_entry_passes_the_posting_rules_of_the_chart(entries):
    rows = chart()
    info = {code: {'code': code, 'requires_ebk': r['kz_requires_ebk'] == 'True',
                   'requires_funding': r['kz_requires_funding'] == 'True', 'off_balance': r['kz_kind'] == 'off_balance'}
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


def test_every_posting_is_a_standard_entry_and_names_it(entries):
    """Each pair of lines of an entry (but the opening balances) is a posting of data/src/standard_entries.csv:
    its number on both lines, its accounts the entry's (the closing entries: section 6 or 7 against 5210/5220)."""
    by_number = {}
    for row in gov_entries.rows():
        if row['entry']:
            label = row['entry'] if row['row'] == '1' else '%s/%s' % (row['entry'], row['row'])
            by_number.setdefault(label, set()).update({row['debit'], row['credit']})
    unnumbered = {(row['debit'], row['credit']) for row in gov_entries.rows() if not row['entry']}
    for e in entries[1:]:
        for l in e['lines']:
            if not l['std']:        # an operation no numbered entry states (the social contributions of 2026)
                assert any(l['account'] in pair for pair in unnumbered), (e['ref'], l['account'])
                continue
            accounts = by_number[l['std']]
            assert l['account'] in accounts or l['account'][:1] in accounts, (e['ref'], l['std'], l['account'])
    assert entries[0]['lines'][0]['std'] == ''          # the opening balances are not an operation


def test_period_and_journals(entries):
    opening = entries[0]['date']
    assert (opening.month, opening.day) == (12, 31)
    first = opening.year + 1
    assert max(e['date'] for e in entries).year == first + 1
    assert {e['date'].year for e in entries} == {first - 1, first, first + 1}
    assert {e['journal'] for e in entries} <= {'memorial', 'payroll'} | set(gov_demo.MONEY_JOURNALS)
    for e in entries[1:]:
        money = {l['account'] for l in e['lines'] if l['account'].startswith('10')}
        if money:       # a move between two money accounts is in the journal of one of them
            assert e['journal'] in {gov_demo.journal_of(a) for a in money}, e['ref']


def test_money_accounts_never_negative_and_the_planned_assignments_end_each_day_at_zero(entries):
    balance = {}
    for e in entries:
        for l in e['lines']:
            if l['account'].startswith('10'):
                balance[l['account']] = balance.get(l['account'], D(0)) + l['debit'] - l['credit']
        assert all(v >= 0 for v in balance.values()), e['ref']
    assert balance['1091'] == 0 and balance.get('1092', 0) == 0 and balance.get('1020', 0) == 0


def test_the_first_year_is_closed_and_the_second_opens_without_income_or_expense(entries):
    first = entries[0]['date'].year + 1
    closing = [e for e in entries if e.get('closing')]
    assert {e['date'] for e in closing} == {datetime.date(first, 12, 31)}
    numbers = {l['std'] for e in closing for l in e['lines']}
    assert {'322', '323'} <= numbers and numbers & {'325', '325/2'} and numbers <= {'322', '323', '324', '325', '325/2'}
    balance = {}
    for e in entries:
        if e['date'] <= datetime.date(first, 12, 31):
            for l in e['lines']:
                balance[l['account']] = balance.get(l['account'], D(0)) + l['debit'] - l['credit']
    assert all(not v for code, v in balance.items() if code[:1] in '67' or code == '5210'), balance


def test_amounts_are_whole_tiyn(entries):
    for e in entries:
        for l in e['lines']:
            assert l['debit'] == l['debit'].quantize(D('0.01')) and l['credit'] == l['credit'].quantize(D('0.01'))


@pytest.mark.parametrize('today', BUILD_DAYS)
def test_demo_months_follow_the_one_calendar_on_any_build_day(today):
    """The demo's promises whatever the day it is built (issue #20): the ledger runs from January of the year before
    the payroll month to its end, never past the month before today; the generator's own payroll stops one month
    before the payroll batch's month in school No. 1 (the batch is that month's payroll) and runs to the end in
    school No. 2; the financing plan's year has entries in every month up to the payroll month."""
    span = gov_demo.span(today)
    end = span['end']
    assert end == demo_calendar.payroll_month(today, max(gov_demo.RATES))
    assert end <= demo_calendar.add_months(today.year, today.month, -1)
    assert span['start'] == (end[0] - 1, 1) and span['plan_year'] == end[0]
    for school, payroll_end in (('school1', demo_calendar.add_months(end[0], end[1], -1)), ('school2', end)):
        entries = gov_demo.school_entries(school, today)
        assert entries[0]['date'] == span['opening']
        assert max(e['date'] for e in entries) == demo_calendar.month_end(*end)
        payroll = sorted((e['date'].year, e['date'].month) for e in entries if e['journal'] == 'payroll')
        assert payroll == list(gov_demo.months(span['start'], payroll_end))
        months_of_plan_year = {e['date'].month for e in entries if e['date'].year == span['plan_year']}
        assert months_of_plan_year == set(range(1, end[1] + 1))


def test_build_day_after_the_last_rates_stops_at_their_december():
    assert gov_demo.span(datetime.date(2027, 9, 15))['end'] == (max(gov_demo.RATES), 12)
    assert gov_demo.span(datetime.date(2026, 12, 7))['end'] == (2026, 11)


def test_school1_year_has_every_kind_of_operation():
    entries = gov_demo.school_entries('school1', TODAY)
    debited = {l['account'] for e in entries for l in e['lines'] if l['debit']}
    credited = {l['account'] for e in entries for l in e['lines'] if l['credit']}
    for code in ('1091', '1092', '1042', '1041', '1020', '1261', '1231', '1316', '2360', '2370', '3210', '3241',
                 '3121', '3122', '3141', '3142', '3144', '3151', '3152', '7010', '7032', '7040', '7060', '7070',
                 '7080', '7110', '7150', '5210', '6010', '6020', '6050', '6110'):
        assert code in debited, code
    for code in ('6010', '6020', '6050', '6110', '2391', '5220', '5210', '3241', '3210'):
        assert code in credited, code
    ebks = {l['ebk'] for e in entries for l in e['lines']}
    assert {'111', '116', '121', '122', '124', '131', '135', '149', '151', '152', '159', '161', '414'} <= ebks
    assert '141' not in ebks                       # school No. 1 has a caterer: its meals are a service (159)
    school2 = gov_demo.school_entries('school2', TODAY)
    assert '1314' in {l['account'] for e in school2 for l in e['lines']}        # school No. 2 cooks: food, 141
    assert '141' in {l['ebk'] for e in school2 for l in e['lines']}


def test_the_social_contributions_follow_the_law_of_each_year():
    entries = gov_demo.school_entries('school2', TODAY)
    by_year = {}
    for e in entries:
        if e['journal'] == 'payroll':
            by_year.setdefault(e['date'].year, set()).update(l['std'] for e2 in [e] for l in e2['lines'])
    assert '245' in by_year[2025] and '245' not in by_year[2026]
    payroll_2026 = [e for e in entries if e['journal'] == 'payroll' and e['date'].year == 2026][0]
    so = [l for l in payroll_2026['lines'] if l['ebk'] in ('122',) and l['account'] == '3141']
    assert so and all(l['std'] == '' for l in so)


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


@pytest.mark.parametrize('today', [BUILD_DAYS[1], BUILD_DAYS[2], BUILD_DAYS[4]])
def test_financing_plan_covers_the_year_and_the_actual_payments(today):
    span = gov_demo.span(today)
    entries = gov_demo.school_entries('school1', today)
    rows = gov_demo.financing_plan(entries, span['plan_year'], span['plan_last_month'])
    plan = {(ebk, kind): months for ebk, kind, months in rows}
    assert ('111', 'payments') in plan and ('111', 'obligations') in plan
    for (ebk, kind), months in plan.items():
        assert len(months) == 12 and all(m % 1000 == 0 and m >= 0 for m in months)
    paid = {}
    for e in entries:
        if e['date'].year == span['plan_year']:
            for l in e['lines']:
                if l['account'] in ('1091', '1092') and l['credit']:
                    paid[(l['ebk'], e['date'].month)] = paid.get((l['ebk'], e['date'].month), D(0)) + l['credit']
    for (ebk, month), amount in paid.items():
        assert plan[(ebk, 'payments')][month - 1] >= amount


def test_generation_is_deterministic():
    assert gov_demo.school_entries('school2', TODAY) == gov_demo.school_entries('school2', TODAY)


@pytest.mark.parametrize('year', [2025, 2026])
def test_demo_payslips_equal_the_payroll_engine(year):
    kz_tax = pytest.importorskip('kz_tax')
    teachers, technical = gov_demo.salaries(gov_demo.PROFILES['school1'], year)
    for gross in teachers + technical:
        expected = kz_tax.compute_payroll(gross, datetime.date(year, 3, 31))
        slip = gov_demo.payslip(gross, year)
        for key in ('opv', 'vosms', 'ipn', 'net', 'opvr', 'so', 'oosms', 'sn'):
            assert slip[key] == expected[key], (gross, key)
