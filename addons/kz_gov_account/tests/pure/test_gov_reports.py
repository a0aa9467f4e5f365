"""Tests of the pure statement and ledger module (gov_reports.py): small hand-computed cases."""
import doctest
from decimal import Decimal

import pytest

import gov_reports
from gov_reports import (ExpressionError, account_card, fo1_balance, fo3_cash, fo3_cash_by_funding, fo4_vs_fo1,
                         form_rows, journal_main, mapping_gaps, parse_expression, parse_lines, row_values,
                         turnover_sheet)

D = Decimal


def bal(o, m):
    return {'O': D(o), 'M': D(m), 'B': D(o) + D(m)}


def L(form, code, expression, style='line', name=None):
    return {'form': form, 'code': code, 'name': name or 'Line %s' % code, 'expression': expression, 'style': style}


# A tiny chart: 1010 cash (bank), 1030 cash desk, 1210 receivables, 2310 fixed assets, 2390 depreciation,
# 3010 payables, 5010 net assets, 6010 income, 7010 expenses.
BALANCES = {
    '1010': bal('1000.00', '250.50'),
    '1030': bal('0', '40.00'),
    '1210': bal('300.00', '-100.00'),
    '2310': bal('5000.00', '0'),
    '2390': bal('-1000.00', '-200.00'),
    '3010': bal('-800.00', '150.00'),
    '5010': bal('-4500.00', '0'),
    '6010': bal('0', '-2000.00'),
    '7010': bal('0', '1859.50'),
}
FO1 = [
    L('FO1', '', '', 'section', 'I. Short-term assets'),
    L('FO1', '010', '+B:1010|1030'),
    L('FO1', '020', '+B:12'),
    L('FO1', '100', '+L:010 +L:020', 'total'),
    L('FO1', '112', '+B:2310 +B:2390'),
    L('FO1', '190', '+L:112', 'total'),
    L('FO1', '200', '+L:100 +L:190', 'total'),
    L('FO1', '300', '-B:3', 'total'),
    L('FO1', '390', '-B:4', 'total'),
    L('FO1', '411', '-B:6 -B:7'),
    L('FO1', '412', '-B:5'),
    L('FO1', '490', '+L:411 +L:412', 'total'),
]


def test_module_doctests():
    assert doctest.testmod(gov_reports).failed == 0


# ------------------------------------------------------------------------------------------------ expressions

def test_parse_terms_with_signs_alternatives_and_cash_selectors():
    terms = parse_expression('+B:10 -O:2390|2391 +M:6 +L:010')
    assert [(t.sign, t.kind, t.prefixes) for t in terms] == [
        (1, 'B', ('10',)), (-1, 'O', ('2390', '2391')), (1, 'M', ('6',)), (1, 'L', ('010',))]
    terms = parse_expression('+IN:* -OUT:ebk=111|112 +OUT:33 +CO -CC', 'FO3')
    assert [(t.sign, t.kind, t.prefixes, t.ebks) for t in terms] == [
        (1, 'IN', ('',), ()), (-1, 'OUT', ('',), ('111', '112')), (1, 'OUT', ('33',), ()),
        (1, 'CO', (), ()), (-1, 'CC', (), ())]
    assert parse_expression('') == [] and parse_expression(None) == []


@pytest.mark.parametrize('text, message', [
    ('+X:10', "unknown term '+X:10'"),
    ('B:10', 'has no sign'),
    ('+B:10-B:20', "unknown term '+B:10-B:20'"),
    ('+B:', "unknown term '+B:'"),
    ('+IN:ebk=', "unknown term '+IN:ebk='"),
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


def test_parse_lines_reports_every_problem_with_form_and_line():
    lines = [L('FO1', '010', '+B:10'), L('FO1', '020', '+L:999'), L('FO1', '030', '+Q:1'),
             L('FO1', '010', '+B:11'), L('FO2', '010', '+L:020'), L('FO2', '020', '+L:030'),
             L('FO2', '030', '+M:6 +L:010')]
    with pytest.raises(ExpressionError) as e:
        parse_lines(lines)
    errors = e.value.errors
    assert 'ФО-1 line 020: refers to line 999, which the form does not have' in errors
    assert any(msg.startswith("ФО-1 line 030: unknown term '+Q:1'") for msg in errors)
    assert 'ФО-1: line code 010 is used twice' in errors
    assert 'ФО-2: lines refer to each other in a cycle: 010 → 020 → 030 → 010' in errors
    assert len(errors) == 4


def test_self_reference_is_a_cycle():
    with pytest.raises(ExpressionError) as e:
        parse_lines([L('FO4', '100', '+L:100')])
    assert e.value.errors == ['ФО-4: lines refer to each other in a cycle: 100 → 100']


def test_lines_of_the_same_code_in_different_forms_are_separate():
    parsed = parse_lines([L('FO1', '010', '+B:10'), L('FO2', '010', '-M:6')])
    assert [l.code for l in parsed['FO1']] == ['010'] and [l.code for l in parsed['FO2']] == ['010']


# ------------------------------------------------------------------------------------------------ ФО-1, ФО-2, ФО-4

def test_fo1_rows_in_line_order_with_references_evaluated_first():
    lines = [L('FO1', '200', '+L:100 +L:112', 'total')] + FO1[1:5]
    rows = form_rows('FO1', lines, {'balances': BALANCES})
    assert [r['code'] for r in rows] == ['200', '010', '020', '100', '112']
    # cash 1 250.50 + 40.00; receivables 200.00; fixed assets 5 000 - 1 200
    assert row_values(rows) == {'200': D('5290.50'), '010': D('1290.50'), '020': D('200.00'),
                                '100': D('1490.50'), '112': D('3800.00')}


def test_fo1_balance_check_holds_and_comparative_column():
    comparative = {'balances': {code: {'O': D(0), 'M': f['O'], 'B': f['O']} for code, f in BALANCES.items()}}
    rows = form_rows('FO1', FO1, {'balances': BALANCES}, comparative)
    assert rows[0]['current'] is None and rows[0]['style'] == 'section'
    values = row_values(rows)
    # liabilities 650; net assets 4 500 + (2 000 - 1 859.50) = 4 640.50; assets 5 290.50
    assert values['200'] == D('5290.50') and values['300'] == D('650.00') and values['490'] == D('4640.50')
    assert fo1_balance(values) == (True, D('5290.50'), D('5290.50'), D('0.00'))
    cmp_values = row_values(rows, 'comparative')
    assert cmp_values['200'] == D('5300.00')        # 1 000 + 300 + 5 000 - 1 000
    assert fo1_balance(cmp_values) == (True, D('5300.00'), D('5300.00'), D('0.00'))


def test_fo1_broken_mapping_fails_the_check_and_lists_the_gap():
    broken = [l for l in FO1 if l['code'] != '411']
    broken = [dict(l, expression='+L:412') if l['code'] == '490' else l for l in broken]
    values = row_values(form_rows('FO1', broken, {'balances': BALANCES}))
    ok, left, right, diff = fo1_balance(values)
    assert not ok and (left, right, diff) == (D('5290.50'), D('5150.00'), D('140.50'))
    assert mapping_gaps(broken, BALANCES) == ['6010', '7010']
    assert mapping_gaps(FO1, BALANCES) == []


def test_mapping_gap_ignores_accounts_without_balance():
    balances = dict(BALANCES, **{'9999': bal('0', '0')})
    assert mapping_gaps(FO1, balances) == []
    assert mapping_gaps(FO1, dict(balances, **{'9999': bal('10', '-10')})) == ['9999']   # opening only


def test_fo2_result_is_income_minus_expenses():
    lines = [L('FO2', '010', '-M:6'), L('FO2', '020', '+M:7'), L('FO2', '030', '+L:010 -L:020', 'total')]
    values = row_values(form_rows('FO2', lines, {'balances': BALANCES}))
    assert values == {'010': D('2000.00'), '020': D('1859.50'), '030': D('140.50')}


def test_fo4_closing_equals_fo1_net_assets():
    lines = [L('FO4', '010', '-O:5 -O:6 -O:7'), L('FO4', '020', '-M:6 -M:7'), L('FO4', '030', '-M:5'),
             L('FO4', '200', '+L:010 +L:020 +L:030', 'total')]
    fo4 = row_values(form_rows('FO4', lines, {'balances': BALANCES}))
    fo1 = row_values(form_rows('FO1', FO1, {'balances': BALANCES}))
    assert fo4['010'] == D('4500.00') and fo4['020'] == D('140.50')
    assert fo4_vs_fo1(fo4, fo1) == (True, D('4640.50'), D('4640.50'), D('0.00'))
    assert fo4_vs_fo1({'200': D('1.00')}, fo1) == (False, D('1.00'), D('4640.50'), D('-4639.50'))


def test_floats_are_refused():
    with pytest.raises(TypeError):
        form_rows('FO1', FO1, {'balances': {'1010': {'O': 0.1, 'M': 0.2, 'B': 0.3}}})


# ------------------------------------------------------------------------------------------------ ФО-3

FO3 = [
    L('FO3', '010', '+CO'),
    L('FO3', '', '', 'section', 'Inflows'),
    L('FO3', '100', '+IN:6'),
    L('FO3', '110', '+IN:12'),
    L('FO3', '190', '+IN:* -L:100 -L:110'),
    L('FO3', '200', '+L:100 +L:110 +L:190', 'total'),
    L('FO3', '210', '+OUT:ebk=111|112'),
    L('FO3', '220', '+OUT:ebk=159'),
    L('FO3', '290', '+OUT:* -L:210 -L:220'),
    L('FO3', '300', '+L:210 +L:220 +L:290', 'total'),
    L('FO3', '400', '+L:010 +L:200 -L:300', 'total'),
    L('FO3', '410', '+CC'),
]
FLOWS = {
    ('IN', 'BUD', '6010', ''): D('1000.00'),        # budget financing
    ('IN', 'PAID', '6020', ''): D('300.00'),        # paid services
    ('IN', 'PAID', '1210', ''): D('50.00'),         # a debtor pays
    ('IN', 'BUD', '1030', ''): D('20.00'),          # cash desk back to the bank
    ('OUT', 'BUD', '3010', '111'): D('600.00'),     # salaries
    ('OUT', 'BUD', '3010', '112'): D('100.00'),
    ('OUT', 'BUD', '3020', '159'): D('80.25'),
    ('OUT', 'PAID', '3020', '159'): D('120.00'),
    ('OUT', 'PAID', '3990', ''): D('5.00'),         # bank fees, no specific
}
OPEN = {'BUD': D('10.00'), 'PAID': D('0.00')}
CLOSE = {'BUD': D('249.75'), 'PAID': D('225.00')}


def test_fo3_columns_per_funding_source_and_total():
    rows = form_rows('FO3', FO3, {'flows': FLOWS, 'money_open': OPEN, 'money_close': CLOSE})
    by_code = {r['code']: r for r in rows if r['code']}
    assert list(by_code['100']['columns']) == ['BUD', 'PAID']
    assert by_code['100']['columns'] == {'BUD': D('1000.00'), 'PAID': D('300.00')}
    assert by_code['190']['columns'] == {'BUD': D('20.00'), 'PAID': D('0.00')}
    assert by_code['210']['columns'] == {'BUD': D('700.00'), 'PAID': D('0.00')}
    assert by_code['290']['columns'] == {'BUD': D('0.00'), 'PAID': D('5.00')}
    # BUD: 10 + 1 020 - 780.25 = 249.75; PAID: 0 + 350 - 125 = 225
    assert by_code['400']['columns'] == {'BUD': D('249.75'), 'PAID': D('225.00')}
    assert by_code['400']['current'] == D('474.75')
    assert by_code['200']['current'] == D('1370.00') and by_code['300']['current'] == D('905.25')
    assert rows[1]['current'] is None and rows[1]['columns'] == {'BUD': None, 'PAID': None}
    closing = by_code['400']['columns']
    assert fo3_cash(closing, CLOSE) == (True, D('474.75'), D('474.75'), D('0.00'))


def test_fo3_cash_check_fails_per_funding_even_when_totals_agree():
    closing = {'BUD': D('249.75'), 'PAID': D('225.00')}
    money = {'BUD': D('250.75'), 'PAID': D('224.00')}
    ok, left, right, diff = fo3_cash(closing, money)
    assert not ok and diff == D('0.00')
    per = fo3_cash_by_funding(closing, money)
    assert per['BUD'] == (False, D('249.75'), D('250.75'), D('-1.00'))
    assert per['PAID'].difference == D('1.00')


def test_fo3_fixed_funding_columns_and_comparative():
    cmp_ = {'flows': {('IN', 'BUD', '6010', ''): D('5.00')}, 'money_open': {'BUD': D('5.00')},
            'money_close': {'BUD': D('10.00')}}
    rows = form_rows('FO3', FO3, {'flows': FLOWS, 'money_open': OPEN, 'money_close': CLOSE}, cmp_,
                     fundings=['BUD', 'PAID', 'SPON'])
    row = [r for r in rows if r['code'] == '400'][0]
    assert row['columns'] == {'BUD': D('249.75'), 'PAID': D('225.00'), 'SPON': D('0.00')}
    assert row['comparative'] == D('10.00') and row['comparative_columns']['BUD'] == D('10.00')


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
                             'credit': max(-f['M'], D(0))} for c, f in BALANCES.items()])
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


def test_format_amount():
    assert gov_reports.format_amount(D('-1234567.8')) == '-1\u00a0234\u00a0567,80'
    assert gov_reports.format_amount(None) == '' and gov_reports.format_amount(D('0'), blank_zero=True) == ''


# ------------------------------------------------------------------------------------------------ the official lines

def official_lines():
    import csv
    import os
    path = os.path.join(os.path.dirname(__file__), '..', '..', 'data', 'src', 'fo_lines_230.csv')
    with open(path, encoding='utf-8') as f:
        return [dict(r, code=r['line_code'], name=r['name_en']) for r in csv.DictReader(f)]


def test_official_lines_validate_and_name_the_checked_lines():
    parsed = parse_lines(official_lines())
    assert sorted(parsed) == ['FO1', 'FO2', 'FO3', 'FO4']
    for form, roles in gov_reports.CHECK_LINES.items():
        codes = {l.code for l in parsed[form]}
        for role, line_codes in roles.items():
            assert set(line_codes) <= codes, (form, role, line_codes)


def test_official_forms_on_a_small_balanced_ledger():
    """Prior years: a building 10 000 and money 500 against the result of prior years. The period: financing
    3 000 received, salaries 2 000 accrued and 1 800 paid (ЕБК 111), depreciation 100, paid services 200 in cash."""
    entries_before = [('2320', '5420', '10000.00', 'LOC', ''), ('1010', '5420', '500.00', 'LOC', '')]
    entries = [('1010', '6010', '3000.00', 'LOC', ''), ('7010', '3320', '2000.00', 'LOC', '111'),
               ('3320', '1010', '1800.00', 'LOC', '111'), ('7070', '2390', '100.00', '', ''),
               ('1030', '6110', '200.00', 'PAID', '')]
    balances = {}
    for period, rows in (('O', entries_before), ('M', entries)):
        for dt, ct, amount, _f, _e in rows:
            for code, value in ((dt, D(amount)), (ct, -D(amount))):
                figures = balances.setdefault(code, {'O': D(0), 'M': D(0), 'B': D(0)})
                figures[period] += value
                figures['B'] += value
    lines = official_lines()
    fo1 = row_values(form_rows('FO1', lines, {'balances': balances}))
    fo2 = row_values(form_rows('FO2', lines, {'balances': balances}))
    fo4 = row_values(form_rows('FO4', lines, {'balances': balances}))
    # assets: money 500 + 3 000 - 1 800 + 200 = 1 900, building 10 000 - 100; liabilities: salaries 200
    assert (fo1['200'], fo1['300'], fo1['490']) == (D('11800.00'), D('200.00'), D('11600.00'))
    assert fo1_balance(fo1).ok and fo4_vs_fo1(fo4, fo1).ok
    assert mapping_gaps(lines, balances) == []
    assert (fo2['100'], fo2['200'], fo2['300']) == (D('3200.00'), D('2100.00'), D('1100.00'))
    assert fo2['300'] == fo1['411']
    flows = {('IN', 'LOC', '6010', ''): D('3000.00'), ('OUT', 'LOC', '3320', '111'): D('1800.00'),
             ('IN', 'PAID', '6110', ''): D('200.00')}
    fo3 = form_rows('FO3', lines, {'flows': flows, 'money_open': {'LOC': D('500.00')},
                                   'money_close': {'LOC': D('1700.00'), 'PAID': D('200.00')}})
    by_code = {r['code']: r for r in fo3 if r['code']}
    assert by_code['110']['columns'] == {'LOC': D('3000.00'), 'PAID': D('0.00')}
    assert by_code['130']['columns'] == {'LOC': D('0.00'), 'PAID': D('200.00')}
    assert by_code['210']['current'] == D('1800.00') and by_code['280']['current'] == D('0.00')
    assert fo3_cash(by_code['400']['columns'], {'LOC': D('1700.00'), 'PAID': D('200.00')}).ok
    assert by_code['410']['columns'] == by_code['400']['columns']
