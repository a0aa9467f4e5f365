"""Canteen reports (HSC-05, HSC-10) without a database, on a small October 2026 computed by hand.

Served (set lunch 650 ₸ unless said otherwise):
  5 Oct: child 1 (grade 2, PRIMARY/LOC), child 2 (grade 3, PRIMARY/LOC), child 3 (grade 7, ORPHAN/VSEOBUCH)
  6 Oct: child 1, child 3, child 4 (grade 8, LARGE_FAMILY/VSEOBUCH, subsidised: the budget pays 325)
         child 5 (grade 9) paid — not in the free/subsidised report
  7 Oct: child 2, set lunch at 700 ₸ (the next approved menu)
  30 Sep: child 1 — another month
Free/subsidised: 7 meals, 4 distinct students, 6 × 650 + 700 = 4 600 ₸; the funding sources pay 4 600 − 325 = 4 275 ₸.
"""
import datetime
import time
from decimal import Decimal

import pytest

import canteen_rules as cr
import meal_report as mr

D = datetime.date
DEC = Decimal
OCT = D(2026, 10, 1)
NOV_1 = D(2026, 11, 1)

SERVED = [
    (D(2026, 10, 5), 1, 2, 'PRIMARY', 'LOC', 'Set lunch', DEC('650')),
    ('2026-10-05', 2, 3, 'PRIMARY', 'LOC', 'Set lunch', '650.00'),
    {'date': D(2026, 10, 5), 'child_id': 3, 'grade': 7, 'category': 'ORPHAN', 'funding': 'VSEOBUCH',
     'dish': 'Set lunch', 'price': 650},
    (D(2026, 10, 6), 1, 2, 'PRIMARY', 'LOC', 'Set lunch', DEC('650')),
    (D(2026, 10, 6), 3, 7, 'ORPHAN', 'VSEOBUCH', 'Set lunch', DEC('650')),
    (D(2026, 10, 6), 4, 8, 'LARGE_FAMILY', 'VSEOBUCH', 'Set lunch', DEC('650'), 1, 'subsidised', DEC('325')),
    (D(2026, 10, 6), 5, 9, None, 'PAID', 'Set lunch', DEC('650'), 1, 'paid', DEC('0')),
    (D(2026, 10, 7), 2, 3, 'PRIMARY', 'LOC', 'Set lunch', DEC('700')),
    (D(2026, 9, 30), 1, 2, 'PRIMARY', 'LOC', 'Set lunch', DEC('650')),
]


def test_month_helpers_and_cron_month():
    assert mr.month_bounds('2026-02-14') == (D(2026, 2, 1), D(2026, 2, 28))
    assert mr.previous_month(NOV_1) == OCT
    assert mr.previous_month(D(2027, 1, 1)) == D(2026, 12, 1)


def test_report_for_a_month_not_finished_is_refused_HSC10():
    for today in (D(2026, 10, 31), D(2026, 10, 15), D(2026, 9, 1)):
        with pytest.raises(cr.CanteenError) as info:
            mr.monthly_report(SERVED, OCT, today)
        assert info.value.code == 'month_not_finished'
        assert '10.2026' in str(info.value) and '2026-11-01' in str(info.value)
    with pytest.raises(cr.CanteenError) as info:
        mr.tabel(SERVED, OCT, today=D(2026, 10, 31))
    assert info.value.code == 'month_not_finished'
    with pytest.raises(cr.CanteenError) as info:
        mr.reconcile(SERVED, [], [], month=OCT, today=D(2026, 10, 20))
    assert info.value.code == 'month_not_finished'


def test_monthly_report_totals_by_hand_HSC10():
    r = mr.monthly_report(SERVED, OCT, NOV_1)
    assert (r['date_from'], r['date_to'], r['skipped']) == (OCT, D(2026, 10, 31), 2)
    assert r['total'] == {'students': 4, 'meals': 7, 'amount': DEC('4600.00'), 'funding_amount': DEC('4275.00')}


def test_monthly_report_by_category_and_funding_source_HSC10():
    r = mr.monthly_report(SERVED, OCT, NOV_1)
    assert [(g['category'], g['funding'], g['students'], g['meals'], g['amount'], g['funding_amount'])
            for g in r['by_group']] == [
        ('LARGE_FAMILY', 'VSEOBUCH', 1, 1, 650, 325),
        ('ORPHAN', 'VSEOBUCH', 1, 2, 1300, 1300),
        ('PRIMARY', 'LOC', 2, 4, 2650, 2650),
    ]


def test_monthly_report_per_day_and_dish_prices_HSC10():
    r = mr.monthly_report(SERVED, OCT, NOV_1)
    assert [(d['date'].day, d['students'], d['meals'], d['amount'], d['funding_amount']) for d in r['by_day']] == [
        (5, 3, 3, 1950, 1950), (6, 3, 3, 1950, 1625), (7, 1, 1, 700, 700)]
    assert r['dishes'] == [{'dish': 'Set lunch', 'price': DEC('650.00'), 'meals': 6, 'amount': DEC('3900.00')},
                           {'dish': 'Set lunch', 'price': DEC('700.00'), 'meals': 1, 'amount': DEC('700.00')}]
    first = r['lines'][0]
    assert (first['date'].day, first['category'], first['funding'], first['dish'], first['price'],
            first['students'], first['meals']) == (5, 'ORPHAN', 'VSEOBUCH', 'Set lunch', 650, 1, 1)
    assert len(r['lines']) == 6
    assert sum(l['meals'] for l in r['lines']) == r['total']['meals']
    assert sum(l['amount'] for l in r['lines']) == r['total']['amount']


def test_paid_meals_can_be_included_on_request():
    r = mr.monthly_report(SERVED, OCT, NOV_1, kinds=('free', 'subsidised', 'paid'))
    assert (r['total']['students'], r['total']['meals'], r['skipped']) == (5, 8, 1)


def test_bad_quantity_in_served_rows_is_refused():
    with pytest.raises(cr.CanteenError) as info:
        mr.monthly_report([(D(2026, 10, 5), 1, 2, 'PRIMARY', 'LOC', 'Set', 650, 0)], OCT, NOV_1)
    assert info.value.code == 'bad_input'


def test_tabel_matrix_sums_for_the_supplier_HSC05():
    t = mr.tabel(SERVED, OCT, today=NOV_1, children=[1, 2, 3, 6])
    assert t['days'] == list(range(1, 32))
    rows = {r['child_id']: r for r in t['rows']}
    assert [r['child_id'] for r in t['rows']] == [1, 2, 3, 6, 4]        # 4 served but not listed: appended
    assert rows[1]['counts'][4:7] == [1, 1, 0] and rows[1]['total_count'] == 2 and rows[1]['total_amount'] == 1300
    assert rows[2]['counts'][4:7] == [1, 0, 1] and rows[2]['total_amount'] == 1350
    assert rows[4]['amounts'][5] == 650
    assert rows[6]['total_count'] == 0 and len(rows[6]['counts']) == 31
    assert t['day_counts'][4:7] == [3, 3, 1] and t['day_amounts'][4:7] == [1950, 1950, 700]
    assert (t['total_count'], t['total_amount']) == (7, DEC('4600.00'))
    assert sum(r['total_count'] for r in t['rows']) == sum(t['day_counts']) == t['total_count']
    assert mr.tabel([], '2026-02-10')['days'] == list(range(1, 29))


def test_reconcile_lists_every_difference():
    vouchers = [(D(2026, 10, 5), 1), (D(2026, 10, 5), 2), ('2026-10-05', 3), (D(2026, 10, 6), 1),
                (D(2026, 10, 6), 3), (D(2026, 10, 6), 9), {'date': D(2026, 9, 30), 'child_id': 1}]
    invoice = [(D(2026, 10, 5), 'Set lunch', 3, '1950'), (D(2026, 10, 6), 'Set lunch', 4, 2600),
               (D(2026, 10, 7), 'Set lunch', 1, DEC('700')), (D(2026, 10, 8), 'Tea', 2, 100)]
    r = mr.reconcile(SERVED, vouchers, invoice, month=OCT, today=NOV_1)
    assert not r['ok']
    assert [(x['date'].day, x['child_id'], x['served'], x['vouchers']) for x in r['served_without_voucher']] == [
        (6, 4, 1, 0), (7, 2, 1, 0)]
    assert [(x['date'].day, x['child_id'], x['served'], x['vouchers']) for x in r['voucher_without_meal']] == [
        (6, 9, 0, 1)]
    assert [(x['date'].day, x['dish'], x['qty_difference'], x['amount_difference'])
            for x in r['invoice_differences']] == [(6, 'Set lunch', 1, 650), (8, 'Tea', 2, 100)]
    assert r['totals'] == {'served_meals': 7, 'voucher_meals': 6, 'invoiced_meals': 10,
                           'served_amount': DEC('4600.00'), 'invoiced_amount': DEC('5350.00')}


def test_reconcile_clean_month_is_ok_and_amount_only_difference_found():
    served = SERVED[:3]
    vouchers = [(D(2026, 10, 5), c) for c in (1, 2, 3)]
    assert mr.reconcile(served, vouchers, [(D(2026, 10, 5), 'Set lunch', 3, 1950)])['ok']
    r = mr.reconcile(served, vouchers, [(D(2026, 10, 5), 'Set lunch', 3, 2100)])
    assert [(x['qty_difference'], x['amount_difference']) for x in r['invoice_differences']] == [(0, 150)]


def test_report_from_canteen_rules_sales_round_trip():
    """Rows built from decide_sale results give the same totals as the sales."""
    params = dict(cr.resolve_parameters(D(2026, 10, 5)))
    menu = {'id': 'M', 'school_id': 1, 'date': D(2026, 10, 5), 'state': 'approved',
            'lines': {'SET': {'name': 'Set lunch', 'price': 650, 'is_free_set': True}}}
    rows = []
    for cid, grade in ((1, 1), (2, 4), (3, 6)):
        kid = {'id': cid, 'grade': grade, 'categories': [('ASP', '2026-09-01', None)] if cid == 3 else []}
        s = cr.decide_sale(kid, {'uid': str(cid), 'child_id': cid, 'school_id': 1}, [('SET', 1)], menu['date'], 0,
                           0, (), menu, params)
        e = s['entitlement']
        for line in s['lines']:
            rows.append((s['date'], cid, grade, e['category'], line['funding'], line['name'], line['unit_price'],
                         line['qty'], e['kind'], line['funding_amount']))
    r = mr.monthly_report(rows, OCT, NOV_1)
    assert r['total'] == {'students': 3, 'meals': 3, 'amount': 1950, 'funding_amount': 1950}
    assert [(g['category'], g['funding']) for g in r['by_group']] == [('ASP', 'VSEOBUCH'), ('PRIMARY', 'LOC')]


def test_performance_2000_children_by_22_days():
    days = [D(2026, 10, d) for d in range(1, 32) if D(2026, 10, d).weekday() < 5]
    assert len(days) == 22
    served = [(day, cid, 1 + cid % 11, 'PRIMARY' if cid % 11 < 4 else 'ASP', 'LOC' if cid % 11 < 4 else 'VSEOBUCH',
               'Set lunch', DEC('650'))
              for day in days for cid in range(2000)]
    started = time.perf_counter()
    r = mr.monthly_report(served, OCT, NOV_1)
    t_report = time.perf_counter() - started
    started = time.perf_counter()
    t = mr.tabel(served, OCT, today=NOV_1)
    t_tabel = time.perf_counter() - started
    started = time.perf_counter()
    rec = mr.reconcile(served, [(row[0], row[1]) for row in served], [], month=OCT)
    t_rec = time.perf_counter() - started
    assert r['total']['meals'] == t['total_count'] == 44000 and r['total']['students'] == 2000
    assert len(rec['invoice_differences']) == 22 and not rec['served_without_voucher']
    print('\n2000 x 22 = 44000 rows: monthly report %.3f s, tabel %.3f s, reconcile %.3f s'
          % (t_report, t_tabel, t_rec))
