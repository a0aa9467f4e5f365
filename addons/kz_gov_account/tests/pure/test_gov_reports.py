"""Tests of the pure statement and ledger module (gov_reports.py): small hand-computed cases, and the forms of order
No. 230 as generated from the act (data/kz.gov.report.line.csv) on a small ledger kept the way the database keeps
it (the figures computed here as the wizard's SQL computes them)."""
import collections
import csv
import doctest
import os
from decimal import Decimal

import pytest

import gov_closing
import gov_reports
from gov_reports import (ExpressionError, account_card, checks_of, form_rows, format_amount, in_unit, journal_main,
                         mapping_gaps, parse_expression, parse_lines, reporting_period_kind, row_values,
                         turnover_sheet)

D = Decimal
ADDON = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def bal(o, m, k='0'):
    return {'O': D(o), 'M': D(m), 'D': max(D(m), D(0)), 'C': max(-D(m), D(0)), 'K': D(k)}


def L(form, code, expression, style='line', name=None, **kw):
    return dict({'form': form, 'code': code, 'name': name or 'Line %s' % code, 'expression': expression,
                 'style': style}, **kw)


# A tiny ledger: 1010 cash, 1042 КСН, 1230 receivables, 2320 buildings, 2391 depreciation, 3210 payables,
# 5220 result of previous years, 6010 income, 7010 expenses.
BALANCES = {
    ('1010', ''): bal('1000.00', '250.50'),
    ('1042', ''): bal('0', '40.00'),
    ('1230', ''): bal('300.00', '-100.00'),
    ('2320', ''): bal('5000.00', '0'),
    ('2391', ''): bal('-1000.00', '-200.00'),
    ('3210', ''): bal('-800.00', '150.00'),
    ('5220', ''): bal('-4500.00', '0'),
    ('6010', ''): bal('0', '-2000.00'),
    ('7010', '111'): bal('0', '1859.50'),
}
FO1 = [
    L('FO1', '', '', 'section', 'I. Short-term assets'),
    L('FO1', '010', '+B:10'),
    L('FO1', '020', '+B:12'),
    L('FO1', '100', '+L:010 +L:020', 'total'),
    L('FO1', '114', '+B:23'),
    L('FO1', '200', '+L:114', 'total'),
    L('FO1', '300', '-B:3', 'total'),
    L('FO1', '400', '-B:4', 'total'),
    L('FO1', '412', '-B:52 -B:6 -B:7'),
    L('FO1', '500', '+L:412', 'total'),
]


def test_module_doctests():
    assert doctest.testmod(gov_reports).failed == 0


# ------------------------------------------------------------------------------------------------ expressions

def test_parse_terms_with_signs_alternatives_and_selectors():
    terms = parse_expression('+B:10 -O:2390|2391 +M:7080@ebk=151 +L:020-1 -PC:5111')
    assert [(t.sign, t.kind, t.prefixes, t.ebks) for t in terms] == [
        (1, 'B', ('10',), ()), (-1, 'O', ('2390', '2391'), ()), (1, 'M', ('7080',), ('151',)),
        (1, 'L', ('020-1',), ()), (-1, 'PC', ('5111',), ())]
    terms = parse_expression('+IN:* -OUT:3210@ebk=41|42 -OUT:6090#1082|1092 +OUT:ebk=159 +CO -CC', 'FO3')
    assert [(t.sign, t.kind, t.prefixes, t.ebks, t.money) for t in terms] == [
        (1, 'IN', ('',), (), ()), (-1, 'OUT', ('3210',), ('41', '42'), ()),
        (-1, 'OUT', ('6090',), (), ('1082', '1092')),
        (1, 'OUT', ('',), ('159',), ()), (1, 'CO', (), (), ()), (-1, 'CC', (), (), ())]
    assert parse_expression('') == [] and parse_expression(None) == []


@pytest.mark.parametrize('text, message', [
    ('+X:10', "unknown term '+X:10'"),
    ('B:10', 'has no sign'),
    ('+B:10-B:20', "unknown term '+B:10-B:20'"),
    ('+B:', "unknown term '+B:'"),
    ('+IN:', "unknown term '+IN:'"),
    ('+M:7080@ebk=', "unknown term '+M:7080@ebk='"),
])
def test_unknown_terms_are_named(text, message):
    with pytest.raises(ExpressionError) as e:
        parse_expression(text)
    assert message in str(e.value)


def test_term_of_another_form_is_refused():
    with pytest.raises(ExpressionError) as e:
        parse_expression('+B:10', 'FO3')
    assert "'+B:10' is not allowed in ФО-3" in str(e.value)
    with pytest.raises(ExpressionError) as e:
        parse_expression('+IN:*', 'FO1')
    assert 'not allowed in ФО-1' in str(e.value)
    with pytest.raises(ExpressionError) as e:
        parse_expression('+PO:511', 'FO2')
    assert 'not allowed in ФО-2' in str(e.value)


def test_parse_lines_reports_every_problem_with_form_and_line():
    lines = [L('FO1', '010', '+B:10'), L('FO1', '020', '+L:999'), L('FO1', '030', '+Q:1'),
             L('FO1', '010', '+B:11'), L('FO2', '010', '+L:020'), L('FO2', '020', '+L:030'),
             L('FO2', '030', '-M:6 +L:010'),
             L('FO4', '010', '', column_expressions='3:-O:501\n4:-O:511', crossed='3')]
    with pytest.raises(ExpressionError) as e:
        parse_lines(lines)
    errors = e.value.errors
    assert 'ФО-1 line 020: refers to line 999, which the form does not have' in errors
    assert any(msg.startswith("ФО-1 line 030: unknown term '+Q:1'") for msg in errors)
    assert 'ФО-1: line code 010 is used twice' in errors
    assert 'ФО-2: lines refer to each other in a cycle: 010 → 020 → 030 → 010' in errors
    assert 'ФО-4 line 010: column 3 is crossed («х») in the form' in errors
    assert len(errors) == 5


def test_self_reference_is_a_cycle():
    with pytest.raises(ExpressionError) as e:
        parse_lines([L('FO2', '100', '+L:100')])
    assert e.value.errors == ['ФО-2: lines refer to each other in a cycle: 100 → 100']


# ------------------------------------------------------------------------------------------------ evaluation

def test_fo1_columns_are_the_start_and_the_end_of_the_period():
    rows = form_rows('FO1', FO1, {'balances': BALANCES})
    assert rows[0]['values'] == [None, None] and rows[0]['style'] == 'section'
    start, end = row_values(rows, 0), row_values(rows, 1)
    # start: cash 1 000, receivables 300, buildings 5 000 - 1 000; liabilities 800; net assets 4 500
    assert (start['100'], start['200'], start['300'], start['500']) == (
        D('1300.00'), D('4000.00'), D('800.00'), D('4500.00'))
    # end: cash 1 250.50 + 40, receivables 200, buildings 3 800; liabilities 650; net assets 4 500 + 140.50
    assert (end['010'], end['100'], end['200'], end['300'], end['500']) == (
        D('1290.50'), D('1490.50'), D('3800.00'), D('650.00'), D('4640.50'))
    rows_by_form = {'FO1': rows}
    checks = {c[0]: c[2] for c in checks_of('FO1', rows_by_form)}
    assert checks['fo1_balance_start'] == (True, D('5300.00'), D('5300.00'), D('0.00'))
    assert checks['fo1_balance_end'] == (True, D('5290.50'), D('5290.50'), D('0.00'))


def test_a_broken_mapping_fails_the_balance_and_lists_the_gap():
    broken = [dict(l, expression='-B:52') if l['code'] == '412' else l for l in FO1]
    rows = form_rows('FO1', broken, {'balances': BALANCES})
    check = {c[0]: c[2] for c in checks_of('FO1', {'FO1': rows})}['fo1_balance_end']
    assert not check.ok and check.difference == D('140.50')
    assert mapping_gaps(broken, BALANCES) == ['6010', '7010']
    assert mapping_gaps(FO1, BALANCES) == []
    assert mapping_gaps(FO1, dict(BALANCES, **{'9999': bal('10', '-10')})) == ['9999']     # opening only
    assert mapping_gaps(FO1, dict(BALANCES, **{'9999': bal('0', '0')})) == []


def test_ebk_filters_and_the_closing_movement():
    balances = {('7080', '151'): bal('0', '100.00', '-100.00'), ('7080', '152'): bal('0', '20.00', '-20.00'),
                ('7080', '159'): bal('0', '7.00', '-7.00'), ('6010', ''): bal('0', '-127.00', '127.00')}
    lines = [L('FO2', '116', '+M:7080@ebk=151'), L('FO2', '119', '+M:7080@ebk=152'),
             L('FO2', '122', '+M:7080 -M:7080@ebk=151|152'), L('FO2', '100', '-M:6')]
    values = row_values(form_rows('FO2', lines, {'balances': balances}))
    assert values == {'116': D('100.00'), '119': D('20.00'), '122': D('7.00'), '100': D('127.00')}
    # a closing entry (K) is out of the movement but in the balance
    fo1 = row_values(form_rows('FO1', [L('FO1', '412', '-B:6 -B:7')], {'balances': balances}), 1)
    assert fo1['412'] == D('0.00')


def test_floats_are_refused():
    with pytest.raises(TypeError):
        form_rows('FO1', FO1, {'balances': {('1010', ''): {'O': 0.1, 'M': 0.2}}})


def test_format_amount_by_language_and_unit():
    assert format_amount(D('-1234567.8'), 'kk_KZ') == '-1\u00a0234\u00a0567,80'
    assert format_amount(D('-1234567.8'), 'ru_RU') == '-1\u00a0234\u00a0567,80'
    assert format_amount(D('-1234567.8'), 'en_US') == '-1,234,567.80'
    assert format_amount(D('0.5'), 'kk_KZ') == '0,50'
    assert format_amount(None) == '' and format_amount(D('0'), blank_zero=True) == ''
    assert in_unit(D('1234567.89'), 'thousand') == D('1234.6') and in_unit(D('49.99'), 'thousand') == D('0.0')
    assert in_unit(D('1250.00'), 'thousand') == D('1.3')               # half up
    assert format_amount(in_unit(D('1234567.89'), 'thousand'), 'ru_RU', decimals=1) == '1\u00a0234,6'
    assert in_unit(None, 'thousand') is None and in_unit(D('5.555'), 'tenge') == D('5.56')


def test_reporting_periods_of_order_230():
    assert reporting_period_kind('2026-01-01', '2026-06-30') == 'half_year'
    assert reporting_period_kind('2026-01-01', '2026-12-31') == 'year'
    assert reporting_period_kind('2026-01-01', '2026-11-30') is None
    assert reporting_period_kind('2025-07-01', '2026-06-30') is None


# ------------------------------------------------------------------------------------------------ the forms of the act

def official_lines():
    with open(os.path.join(ADDON, 'data', 'kz.gov.report.line.csv'), encoding='utf-8') as f:
        return list(csv.DictReader(f))


class Ledger(object):
    """Entries kept the way the database keeps them; figures computed as the report wizard's SQL does: balances per
    account and ЕБК (opening, movement without closing entries, debit and credit turnover, closing movement),
    money flows with the counterpart of each money item (the largest item on the other side)."""

    def __init__(self):
        self.entries = []

    def post(self, date, lines, closing=False):
        """lines: [(account, debit, credit, ebk, funding)]."""
        self.entries.append((date, closing, [(a, D(d), D(c), e or '', f or '') for a, d, c, e, f in lines]))

    def balances(self, date_from, date_to):
        out = collections.defaultdict(lambda: dict(O=D(0), M=D(0), D=D(0), C=D(0), K=D(0)))
        for date, closing, lines in self.entries:
            if date > date_to:
                continue
            for account, debit, credit, ebk, _funding in lines:
                fig = out[(account, ebk)]
                if date < date_from:
                    fig['O'] += debit - credit
                elif closing:
                    fig['K'] += debit - credit
                else:
                    fig['M'] += debit - credit
                    fig['D'] += debit
                    fig['C'] += credit
        return dict(out)

    def flows(self, date_from, date_to):
        flows, money = collections.defaultdict(lambda: D(0)), {'open': D(0), 'close': D(0)}
        for date, _closing, lines in self.entries:
            for account, debit, credit, ebk, funding in lines:
                if not account.startswith('10'):
                    continue
                if date < date_from:
                    money['open'] += debit - credit
                if date <= date_to:
                    money['close'] += debit - credit
                if date_from <= date <= date_to:
                    other = [l for l in lines if (l[1] if credit else l[2])]
                    counterpart = max(other, key=lambda l: l[1] + l[2])
                    key = ('IN' if debit else 'OUT', funding, counterpart[0], ebk or counterpart[3], account)
                    flows[key] += debit + credit
        return dict(flows), money

    def figures(self, date_from, date_to, cmp_from, cmp_to):
        flows, money = self.flows(date_from, date_to)
        prior_flows, prior_money = self.flows(cmp_from, cmp_to)
        return {'balances': self.balances(date_from, date_to), 'prior_balances': self.balances(cmp_from, cmp_to),
                'flows': flows, 'money': money, 'prior_flows': prior_flows, 'prior_money': prior_money}


def a_school_year(ledger, year, closing=True):
    """A year of a small school on the chart of order No. 170, the entries of annex 2."""
    day = lambda m, d: '%d-%02d-%02d' % (year, m, d)
    ledger.post(day(1, 10), [('1091', '3000.00', 0, '111', 'LOC'), ('6010', 0, '3000.00', None, 'LOC')])  # 1
    ledger.post(day(1, 20), [('7010', '2600.00', 0, '111', 'LOC'), ('3241', 0, '2600.00', '111', 'LOC')])  # 243
    ledger.post(day(1, 20), [('3241', '260.00', 0, '111', 'LOC'), ('3142', 0, '260.00', '111', 'LOC')])   # 249
    ledger.post(day(1, 25), [('3241', '2340.00', 0, '111', 'LOC'), ('1091', 0, '2340.00', '111', 'LOC')])  # 18
    ledger.post(day(2, 5), [('3142', '260.00', 0, '111', 'LOC'), ('1091', 0, '260.00', '111', 'LOC')])    # 47
    ledger.post(day(3, 1), [('1092', '800.00', 0, '414', 'LOC'), ('6020', 0, '800.00', None, 'LOC')])    # 3
    ledger.post(day(3, 2), [('2360', '800.00', 0, None, None), ('3210', 0, '800.00', '414', 'LOC')])     # 162
    ledger.post(day(3, 9), [('3210', '800.00', 0, '414', 'LOC'), ('1092', 0, '800.00', '414', 'LOC')])   # 163
    ledger.post(day(4, 30), [('7080', '150.00', 0, '151', 'LOC'), ('3210', 0, '150.00', '151', 'LOC')])  # 234
    ledger.post(day(5, 15), [('1231', '90.00', 0, None, None), ('6110', 0, '90.00', None, 'PAID')])      # 86
    ledger.post(day(5, 20), [('1042', '90.00', 0, None, 'PAID'), ('1231', 0, '90.00', None, None)])     # 89
    ledger.post(day(6, 30), [('7110', '40.00', 0, None, 'LOC'), ('2391', 0, '40.00', None, None)])       # 178
    if closing:
        balances, result = {}, {}
        for date, _c, lines in ledger.entries:
            if date[:4] != str(year):
                continue
            for account, debit, credit, ebk, funding in lines:
                if account[:1] in '67':
                    balances[(account, ebk, funding)] = balances.get((account, ebk, funding), D(0)) + debit - credit
        for e in gov_closing.closing_entries(balances, result, day(12, 31)):
            ledger.post(day(12, 31), [(l['account'], l['debit'], l['credit'], l['ebk'], l['funding'])
                                      for l in e['lines']], closing=True)


@pytest.fixture(scope='module')
def two_years():
    ledger = Ledger()
    ledger.post('2024-12-31', [('2321', '10000.00', 0, None, None), ('1042', '500.00', 0, None, 'PAID'),
                               ('5220', 0, '10500.00', None, None)])
    a_school_year(ledger, 2025)
    a_school_year(ledger, 2026, closing=False)
    figures = ledger.figures('2026-01-01', '2026-06-30', '2025-01-01', '2025-06-30')
    lines = official_lines()
    rows = {form: form_rows(form, lines, figures) for form in gov_reports.FORMS}
    return ledger, figures, lines, rows


def test_official_lines_validate(two_years):
    parsed = parse_lines(two_years[2])
    assert [len(parsed[f]) for f in gov_reports.FORMS] == [72, 55, 60, 28]


def test_fo1_of_the_act_balances_at_both_dates_and_shows_every_account(two_years):
    _ledger, figures, lines, rows = two_years
    checks = {c[0]: c[2] for c in checks_of('FO1', rows)}
    assert checks['fo1_balance_start'].ok and checks['fo1_balance_end'].ok
    start, end = row_values(rows['FO1'], 0), row_values(rows['FO1'], 1)
    # 1 January 2026: money 500 + 400 left on the planned assignments + 90 (paid services); buildings 10 000 +
    # equipment 800 - 40; the bill of utilities 150 unpaid; net assets 10 500 + the result of 2025 (1 100)
    assert (start['010'], start['114'], start['300'], start['412']) == (
        D('990.00'), D('10760.00'), D('150.00'), D('11600.00'))
    # 30 June 2026 (not closed): money 990 + 400 + 90; fixed assets 10 760 + 800 - 40; payables 150 + 150
    assert (end['010'], end['114'], end['215'], end['300']) == (D('1480.00'), D('11520.00'), D('300.00'),
                                                               D('300.00'))
    assert end['412'] == D('12700.00')                      # 11 600 + the result of the half-year 1 100
    assert mapping_gaps(lines, figures['balances']) == []


def test_fo2_of_the_act_shows_the_period_without_the_closing_entries(two_years):
    _ledger, figures, lines, rows = two_years
    current, prior = row_values(rows['FO2'], 0), row_values(rows['FO2'], 1)
    assert (current['011'], current['012'], current['021'], current['100']) == (
        D('3000.00'), D('800.00'), D('90.00'), D('3890.00'))
    assert (current['111'], current['116'], current['120'], current['200'], current['300']) == (
        D('2600.00'), D('150.00'), D('40.00'), D('2790.00'), D('1100.00'))
    assert prior['300'] == D('1100.00')                    # the same half-year of 2025 (before its closing)
    assert mapping_gaps(lines, figures['balances'], 'FO2') == []


def test_fo3_of_the_act_classifies_the_money_and_agrees_with_fo1(two_years):
    _ledger, _figures, _lines, rows = two_years
    values = row_values(rows['FO3'], 0)
    assert (values['011'], values['012'], values['030'], values['100']) == (
        D('3000.00'), D('800.00'), D('90.00'), D('3890.00'))
    assert (values['110'], values['190'], values['200'], values['300']) == (
        D('2340.00'), D('260.00'), D('2600.00'), D('1290.00'))
    assert (values['140'], values['410'], values['500'], values['600'], values['910']) == (
        D('0.00'), D('800.00'), D('800.00'), D('-800.00'), D('490.00'))
    assert (values['920'], values['930']) == (D('990.00'), D('1480.00'))
    checks = {c[0]: c[2] for c in checks_of('FO3', rows)}
    assert all(c.ok for c in checks.values()), checks


def test_fo4_of_the_act_and_the_scheme_of_annex_10(two_years):
    _ledger, _figures, _lines, rows = two_years
    fo4 = {r['code']: r['values'] for r in rows['FO4']}
    assert fo4['010'] == [None, D('0.00'), D('11600.00'), D('11600.00')]
    assert fo4['050'] == [None, None, D('1100.00'), D('1100.00')]
    assert fo4['060'] == [D('0.00'), D('0.00'), D('12700.00'), D('12700.00')]
    assert fo4['070'][2] == D('10500.00') and fo4['110'][2] == D('1100.00') and fo4['120'][2] == D('11600.00')
    checks = {c[0]: c[2] for c in checks_of('FO4', rows)}
    assert set(checks) == {'scheme_fo1_fo4_start_411', 'scheme_fo1_fo4_start_412', 'scheme_fo1_fo4_end_410',
                           'scheme_fo1_fo4_end_411', 'scheme_fo1_fo4_end_412', 'scheme_fo2_fo4',
                           'scheme_fo2_fo4_prior'}
    failed = {k: v for k, v in checks.items() if not v.ok}
    assert failed == {}, failed


def test_a_closed_year_opens_the_next_with_no_income_or_expense_balance(two_years):
    ledger = two_years[0]
    balances = ledger.balances('2026-01-01', '2026-01-01')
    assert all(not fig['O'] for (account, _e), fig in balances.items() if account[:1] in '67')
    assert sum(fig['O'] for (account, _e), fig in balances.items() if account == '5210') == 0
    assert sum(fig['O'] for (account, _e), fig in balances.items() if account == '5220') == D('-11600.00')


# ------------------------------------------------------------------------------------------------ ledgers

def test_turnover_sheet_splits_balances_by_sign_and_balances():
    sheet = turnover_sheet([
        {'code': '3010', 'name': 'Payables', 'opening': D('-800.00'), 'debit': D('700.00'), 'credit': D('550.00')},
        {'code': '1010', 'name': 'Bank', 'opening': D('1000.00'), 'debit': D('550.00'), 'credit': D('700.00')},
        {'code': '1210', 'name': 'Receivables', 'opening': D('200.00'), 'debit': D('0'), 'credit': D('0')},
        {'code': '5010', 'name': 'Net assets', 'opening': D('0'), 'debit': D('0'), 'credit': D('0')},
    ])
    # 1210 has a debit opening without its credit side: the opening columns do not balance (1 200 vs 800)
    assert [r['code'] for r in sheet['rows']] == ['1010', '1210', '3010']
    bank = sheet['rows'][0]
    assert (bank['open_dt'], bank['open_ct'], bank['close_dt'], bank['close_ct']) == (
        D('1000.00'), D('0.00'), D('850.00'), D('0.00'))
    payables = sheet['rows'][2]
    assert (payables['open_ct'], payables['close_ct'], payables['closing']) == (D('800.00'), D('650.00'),
                                                                               D('-650.00'))
    assert sheet['totals']['debit'] == sheet['totals']['credit'] == D('1250.00')
    assert sheet['checks']['turnover'].ok
    assert sheet['checks']['opening'] == (False, D('1200.00'), D('800.00'), D('400.00'))
    assert not sheet['balanced']


def test_turnover_sheet_of_a_balanced_ledger_balances():
    sheet = turnover_sheet([{'code': c, 'name': c, 'opening': f['O'], 'debit': max(f['M'], D(0)),
                             'credit': max(-f['M'], D(0))} for (c, _e), f in BALANCES.items()])
    assert sheet['balanced']
    assert sheet['totals']['close_dt'] == sheet['totals']['close_ct'] == D('8350.00')


def test_account_card_running_balance():
    card = account_card(D('100.00'), [
        {'date': '2026-01-05', 'entry': 'BNK/1', 'debit': D('50.00'), 'credit': D('0')},
        {'date': '2026-01-09', 'entry': 'BNK/2', 'debit': D('0'), 'credit': D('170.10')},
        {'date': '2026-02-01', 'entry': 'BNK/3', 'debit': D('20.10'), 'credit': D('0')},
    ])
    assert [r['balance'] for r in card['rows']] == [D('150.00'), D('-20.10'), D('0.00')]
    assert card['rows'][1]['entry'] == 'BNK/2'
    assert (card['opening'], card['debit'], card['credit'], card['closing']) == (
        D('100.00'), D('70.10'), D('170.10'), D('0.00'))
    assert account_card(D('5'), [])['closing'] == D('5.00')


def test_journal_main_rows_month_totals_and_closing():
    opening = {'1010': D('1000.00'), '3010': D('-1000.00'), '7010': D('0')}
    turnovers = [
        ('2026-01', 'BANK', '1010', D('0'), D('300.00')),
        ('2026-01', 'BANK', '3010', D('300.00'), D('0')),
        ('2026-01', 'MISC', '7010', D('400.00'), D('0')),
        ('2026-01', 'MISC', '3010', D('0'), D('400.00')),
        ('2026-02', 'BANK', '1010', D('0'), D('100.00')),
        ('2026-02', 'BANK', '3010', D('100.00'), D('0')),
    ]
    book = journal_main(opening, turnovers, months=['2026-01', '2026-02', '2026-03'], journals=['MISC', 'BANK'])
    assert book['accounts'] == ['1010', '3010', '7010']
    kinds = [(r['kind'], r['month'], r['journal']) for r in book['rows']]
    assert kinds == [
        ('opening', None, None),
        ('journal', '2026-01', 'MISC'), ('journal', '2026-01', 'BANK'),
        ('month_total', '2026-01', None), ('month_closing', '2026-01', None),
        ('journal', '2026-02', 'BANK'), ('month_total', '2026-02', None), ('month_closing', '2026-02', None),
        ('month_total', '2026-03', None), ('month_closing', '2026-03', None),
        ('total', None, None), ('closing', None, None)]
    rows = book['rows']
    assert rows[0]['cells'] == {'1010': (D('1000.00'), D('0.00')), '3010': (D('0.00'), D('1000.00')),
                                '7010': (D('0.00'), D('0.00'))}
    assert rows[1]['amount'] == D('400.00') and rows[2]['amount'] == D('300.00')
    jan = rows[3]
    assert jan['amount'] == D('700.00')
    assert jan['cells'] == {'1010': (D('0.00'), D('300.00')), '3010': (D('300.00'), D('400.00')),
                            '7010': (D('400.00'), D('0.00'))}
    assert rows[4]['cells']['3010'] == (D('0.00'), D('1100.00'))
    assert rows[8]['amount'] == D('0.00')
    assert rows[10]['amount'] == D('800.00')
    assert rows[10]['cells']['3010'] == (D('400.00'), D('400.00'))
    assert rows[11]['cells'] == {'1010': (D('600.00'), D('0.00')), '3010': (D('0.00'), D('1000.00')),
                                 '7010': (D('400.00'), D('0.00'))}
    assert book['balanced'] and list(book['checks']) == ['2026-01', '2026-02', '2026-03']


def test_journal_main_unbalanced_month_is_flagged():
    book = journal_main({}, [('2026-01', 'X', '1010', D('10.00'), D('0'))])
    assert not book['balanced'] and book['checks']['2026-01'] == (False, D('10.00'), D('0.00'), D('10.00'))



def test_format_amount_of_the_ledgers():
    assert gov_reports.format_amount(D('-1234567.8')) == '-1,234,567.80'
