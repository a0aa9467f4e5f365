"""Canteen documents without a database (HSC-05, HSC-10): totals per funding source, the first day a month's report
can be made, the Social Wallet voucher list and the supplier's invoice detail read from a file (every malformed line
named), and the reconciliation with an invoice compared per dish over the month.

The served rows are those of test_meal_report.py (October 2026, computed by hand there): free/subsidised 7 meals,
4 students, 4 600 ₸, the funding sources pay 4 275 ₸ (LOC: children 1, 2 — 4 meals, 2 650 ₸; VSEOBUCH: children
3, 4 — 3 meals, 1 950 ₸ of which the budget pays 1 625 ₸).
"""
import datetime
from decimal import Decimal

import pytest

import canteen_rules as cr
import meal_report as mr

from test_meal_report import NOV_1, OCT, SERVED

D = datetime.date
DEC = Decimal


def error(fn, *args):
    with pytest.raises(cr.CanteenError) as info:
        fn(*args)
    assert info.value.code == 'bad_input'
    return info.value


def test_first_report_day_is_the_1st_of_the_next_month_HSC10():
    assert mr.first_report_day(OCT) == NOV_1
    assert mr.first_report_day('2026-12-31') == D(2027, 1, 1)
    assert mr.first_report_day(D(2028, 2, 3)) == D(2028, 3, 1)


def test_totals_by_funding_source_and_category_HSC10():
    by_funding = mr.totals_by(SERVED, OCT, 'funding')
    assert [(t['funding'], t['students'], t['meals'], t['amount'], t['funding_amount']) for t in by_funding] == [
        ('LOC', 2, 4, DEC('2650.00'), DEC('2650.00')), ('VSEOBUCH', 2, 3, DEC('1950.00'), DEC('1625.00'))]
    assert sum(t['meals'] for t in by_funding) == 7
    by_category = mr.totals_by(SERVED, OCT, 'category', kinds=('free', 'subsidised', 'paid'))
    assert [(t['category'], t['meals']) for t in by_category] == [
        ('', 1), ('LARGE_FAMILY', 1), ('ORPHAN', 2), ('PRIMARY', 4)]


def test_read_csv_with_semicolons_bom_and_cp1251():
    text = 'Дата;ИИН;Количество\r\n05.10.2026;150301500123;1\r\n'
    assert mr.read_csv(('\ufeff' + text).encode('utf-8')) == [['Дата', 'ИИН', 'Количество'],
                                                              ['05.10.2026', '150301500123', '1']]
    assert mr.read_csv(text.encode('cp1251'))[0] == ['Дата', 'ИИН', 'Количество']
    assert mr.read_csv('date,iin\n2026-10-05, 150301500123 \n') == [['date', 'iin'], ['2026-10-05', '150301500123']]


def test_voucher_list_with_header_in_any_order_and_blank_lines():
    rows = [[], ['ЖСН', 'Күні', 'Other'], ['050301500123', '05.10.2026', 'x'], ['', '', ''],
            [150301500124.0, datetime.datetime(2026, 10, 6, 0, 0), None]]
    assert mr.read_vouchers(rows) == [
        {'line': 3, 'date': D(2026, 10, 5), 'iin': '050301500123', 'qty': 1},
        {'line': 5, 'date': D(2026, 10, 6), 'iin': '150301500124', 'qty': 1}]
    # a spreadsheet number loses the IIN's leading zero; it comes back
    assert mr.read_vouchers([[D(2026, 10, 5), 50301500123, 2.0]])[0]['iin'] == '050301500123'
    assert mr.read_vouchers([['2026-10-05', '150301500123', '2']])[0]['qty'] == 2


@pytest.mark.parametrize('rows, problem, line', [
    ([['date', 'iin'], ['31.02.2026', '150301500123']], 'bad_date', 2),
    ([['date', 'iin'], ['05.10.2026', '150301500123'], ['06.10.2026', '1503015']], 'bad_iin', 3),
    ([['date', 'iin', 'qty'], ['05.10.2026', '150301500123', '-1']], 'bad_number', 2),
    ([['date', 'iin', 'qty'], ['05.10.2026', '150301500123', '1.5']], 'bad_number', 2),
    ([['date', 'qty'], ['05.10.2026', '1']], 'missing_column', 1),
    ([[''], []], 'empty', None),
])
def test_malformed_voucher_list_names_the_line(rows, problem, line):
    e = error(mr.read_vouchers, rows)
    assert (e.details['problem'], e.details['line']) == (problem, line)
    if line:
        assert 'line %d' % line in str(e)


def test_invoice_detail_read_with_russian_header_and_decimal_comma():
    rows = mr.read_csv('Дата;Блюдо;Кол-во;Сумма\n05.10.2026;Палау;3;1 950,00\n06.10.2026;Шай;0;0\n'.encode('cp1251'))
    assert mr.read_invoice_lines(rows) == [
        {'line': 2, 'date': D(2026, 10, 5), 'dish': 'Палау', 'qty': 3, 'amount': DEC('1950.00')},
        {'line': 3, 'date': D(2026, 10, 6), 'dish': 'Шай', 'qty': 0, 'amount': DEC('0.00')}]
    e = error(mr.read_invoice_lines, [['date', 'dish', 'qty', 'amount'], ['05.10.2026', 'Палау', '3', 'много']])
    assert (e.details['problem'], e.details['line'], e.details['column']) == ('bad_amount', 2, 'amount')
    e = error(mr.read_invoice_lines, [['05.10.2026', '', '3', '100']])
    assert (e.details['problem'], e.details['line']) == ('bad_dish', 1)
    e = error(mr.read_invoice_lines, [['date', 'dish', 'qty'], ['05.10.2026', 'Палау', '3']])
    assert (e.details['problem'], e.details['column']) == ('missing_column', 'amount')


def test_reconcile_month_per_day_is_reconcile():
    vouchers = [(D(2026, 10, 5), 1), (D(2026, 10, 5), 2)]
    invoice = [(D(2026, 10, 5), 'Set lunch', 3, 1950)]
    r = mr.reconcile_month(SERVED, vouchers, invoice, OCT, NOV_1)
    plain = mr.reconcile(SERVED, vouchers, invoice, month=OCT, today=NOV_1)
    for key in ('served_without_voucher', 'voucher_without_meal', 'invoice_differences', 'ok'):
        assert r[key] == plain[key], key
    assert r['totals'] == dict(plain['totals'], served_portions=plain['totals']['served_meals'])
    with pytest.raises(cr.CanteenError) as info:
        mr.reconcile_month(SERVED, vouchers, invoice, OCT, D(2026, 10, 31))
    assert info.value.code == 'month_not_finished'


def test_vouchers_are_matched_against_meals_not_dish_portions():
    """A set meal of soup and plov is two portions for the supplier but one meal and one voucher."""
    served = [(D(2026, 10, day), 1, 2, 'PRIMARY', 'LOC', dish, price)
              for day, dish, price in ((5, 'Soup', 350), (5, 'Plov', 650), (6, 'Soup', 350), (6, 'Soup', 350))]
    meals = [(D(2026, 10, 5), 1, 1), (D(2026, 10, 6), 1, 2)]      # the 6th: a second meal synced from offline
    vouchers = [(D(2026, 10, 5), 1), (D(2026, 10, 6), 1)]
    invoice = [(D(2026, 10, 5), 'Soup', 1, 350), (D(2026, 10, 5), 'Plov', 1, 650), (D(2026, 10, 6), 'Soup', 2, 700)]
    r = mr.reconcile_month(served, vouchers, invoice, OCT, meals=meals)
    assert [(x['date'].day, x['served'], x['vouchers']) for x in r['served_without_voucher']] == [(6, 2, 1)]
    assert r['voucher_without_meal'] == [] and r['invoice_differences'] == []
    assert r['totals'] == {'served_meals': 3, 'voucher_meals': 2, 'served_portions': 4, 'invoiced_meals': 4,
                           'served_amount': DEC('1700.00'), 'invoiced_amount': DEC('1700.00')}
    assert not r['ok']
    # without the meals, every portion would want a voucher
    assert len(mr.reconcile_month(served, vouchers, invoice, OCT)['served_without_voucher']) == 2


def test_reconcile_month_compares_a_monthly_invoice_per_dish():
    """One invoice line per dish for the month (no day): 6 × 650 and 1 × 700 served; invoiced 6 at 650 right,
    2 at 700 — one portion too many."""
    vouchers = [(r[0], r[1]) for r in mr._rows(SERVED, D(2026, 10, 1), D(2026, 10, 31), mr.REPORT_KINDS)[0]]
    invoice = [(D(2026, 10, 31), 'Set lunch', 8, DEC('5300'))]
    r = mr.reconcile_month(SERVED, vouchers, invoice, OCT, invoice_by_day=False)
    assert not r['served_without_voucher'] and not r['voucher_without_meal']
    assert [(d['date'], d['dish'], d['served_qty'], d['invoiced_qty'], d['qty_difference'], d['amount_difference'])
            for d in r['invoice_differences']] == [(None, 'Set lunch', 7, 8, 1, DEC('700.00'))]
    assert (r['totals']['invoiced_meals'], r['totals']['invoiced_amount']) == (8, DEC('5300.00'))
    assert not r['ok']
    exact = mr.reconcile_month(SERVED, vouchers, [(D(2026, 10, 2), 'Set lunch', 7, 4600)], OCT, invoice_by_day=False)
    assert exact['ok'] and exact['invoice_differences'] == []
    # the same invoice compared per day: every served day differs
    assert len(mr.reconcile_month(SERVED, vouchers, invoice, OCT)['invoice_differences']) == 4
