#!/usr/bin/env python3
"""Benchmark of the school canteen (HSC-02, HSC-05, HSC-10): a long break at the till and the monthly report.
Prints figures; asserts no timing.

    /work/main/.venv/bin/python tests/benchmarks/bench_canteen.py -c <odoo.conf> -d <db>
        [--children 2000] [--meals 1200] [--days 22]

Needs a database with kz_canteen and its demo data (school No. 1 with its canteen till and today's approved menus).
School No. 1 is brought to N children: its enrolled students plus children written directly in SQL (partners,
students in the school's classes, RFID cards, a prepaid top-up each; creation is not timed). Then:

(a) a break of M meals: for each of M different children, as the demo cashier, the three server calls the till
    makes — ``kz.canteen.pos.kz_identify(config, code=card)``, ``kz_decide(config, partner, lines)`` on the set meal
    of the child's age group (a restricted dish is left out and decided again, as the cashier would) and
    ``pos.order.create_from_ui([order])`` (the order, its payment from the balance kept on it, the meal rows) — timed
    together per meal: p50 / p95 / max in ms (target p95 < 150 ms, paid and free alike, issue #21); then the cashier
    closes the session of the break, timed apart (one statement line for what the orders took from the balances,
    one sale entry, reconciled);
(b) the monthly report on free meals for N children × D school days: N × D served rows written with
    ``kz.canteen.meal.kz_bulk_record`` into a month two years back, then ``kz_served_rows`` + ``meal_report
    .monthly_report`` timed (target < 10 s).

Everything is ROLLED BACK: nothing is committed.

Importing this module has no side effects. ``test_benchmark_smoke`` runs a small instance under pytest when the
environment variables KZ_BENCH_CONF and KZ_BENCH_DB name an Odoo config and a database; it is skipped otherwise.
"""
import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid

import benchlib  # noqa: E402  (tests/benchmarks/benchlib.py)
from benchlib import rolled_back_env  # noqa: E402

TARGET_P95_MS = 150   # issue #21: paid and free alike
TARGET_REPORT_S = 10


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def _percentile(sorted_values, q):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, max(0, int(round(q * len(sorted_values))) - 1))]


def populate(env, n_children, seed=5):
    """School No. 1 with n_children enrolled children with an active card and a prepaid balance; returns
    {'school', 'config', 'children': [(student_id, partner_id, uid, grade)]}."""
    Demo = env['kz.edu.demo']
    school = env.ref('kz_edu_base.company_school1_demo')
    config = env.ref('kz_canteen.pos_config_canteen_demo', raise_if_not_found=False) or \
        env['pos.config'].kz_canteen_setup(school, 'Асхана')
    cr = env.cr
    rnd = random.Random(seed)

    def children():
        cr.execute("""SELECT s.id, s.partner_id, upper(k.uid), g.sequence
                        FROM kz_edu_student s JOIN kz_edu_class c ON c.id = s.class_id
                        JOIN kz_edu_grade g ON g.id = c.grade_id
                        JOIN kz_edu_card k ON k.student_id = s.id AND k.state = 'active'
                       WHERE s.company_id = %s AND s.state = 'enrolled' ORDER BY s.id""", (school.id,))
        seen, out = set(), []
        for row in cr.fetchall():
            if row[0] not in seen:
                seen.add(row[0])
                out.append(row)
        return out

    have = children()
    extra = max(0, n_children - len(have))
    if extra:
        cr.execute("""SELECT c.id, c.academic_year_id, c.grade_id, c.instruction_lang FROM kz_edu_class c
                       WHERE c.company_id = %s AND c.academic_year_id = (
                             SELECT s.academic_year_id FROM kz_edu_student s WHERE s.company_id = %s
                                AND s.state = 'enrolled' AND s.academic_year_id IS NOT NULL LIMIT 1)
                       ORDER BY c.id""", (school.id, school.id))
        classes = cr.fetchall()
        partner_ids = Demo._bulk_insert_partners([{'name': 'Бенчмарк оқушысы %05d' % i, 'display_name': 'Бенчмарк оқушысы %05d' % i, 'company_id': school.id,
                                                   'lang': 'kk_KZ', 'customer': False} for i in range(extra)])
        today = datetime.date.today().isoformat()
        rows = []
        for i, pid in enumerate(partner_ids):
            cid, year, grade, lang = classes[i % len(classes)]
            rows.append({'partner_id': pid, 'company_id': school.id, 'state': 'enrolled', 'class_id': cid,
                         'academic_year_id': year, 'grade_id': grade, 'instruction_lang': lang,
                         'admission_date': today, 'student_number': 'BENCH-%05d' % i})
        student_ids = Demo.bulk_insert('kz.edu.student', rows)
        env['res.partner']._kz_mark_family(partner_ids)
        Demo.bulk_insert('kz.edu.card', [{'uid': 'BE%06X%04d' % (rnd.getrandbits(24), i), 'kind': 'rfid',
                                          'student_id': sid, 'state': 'active', 'issue_date': today,
                                          'company_id': school.id} for i, sid in enumerate(student_ids)])
        category = env['kz.edu.social.category'].search([('code', '=', 'ORPHAN')], limit=1)
        if category:
            Demo.bulk_insert('kz.edu.student.social', [
                {'student_id': sid, 'category_id': category.id, 'date_from': '2020-01-01', 'company_id': school.id}
                for sid in student_ids if rnd.random() < 0.08])
    kids = children()[:n_children]
    Demo.bulk_insert('kz.canteen.topup', [
        {'name': 'BENCH-%d' % sid, 'company_id': school.id, 'student_id': sid, 'date': datetime.date.today().isoformat(),
         'amount': 50000.0, 'method': 'kaspi', 'reference': 'BENCH-%s' % uuid.uuid4().hex, 'state': 'posted'}
        for sid, _p, _u, _g in kids])
    env['kz.edu.student'].invalidate_cache()
    return {'school': school, 'config': config, 'children': kids}


def _session(env, config, user):
    Session = env['pos.session'].sudo(user)
    session = Session.search([('config_id', '=', config.id), ('state', '=', 'opened')], limit=1)
    return session or Session.create({'config_id': config.id, 'user_id': user.id})


def _ui_order(config, session, partner_id, user, lines, paid):
    """An order as the Odoo 11 POS sends it: lines [(product_id, qty, unit price)], paid from the balance."""
    name = 'Order %s' % uuid.uuid4().hex[:12]
    stamp = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M:%S')
    total = round(sum(q * p for _pid, q, p in lines), 2)
    statement = session.statement_ids.filtered(lambda s: s.journal_id == config.kz_balance_journal_id)
    payments = []
    if paid:
        payments = [[0, 0, {'amount': paid, 'name': stamp, 'statement_id': statement.id,
                            'account_id': statement.journal_id.default_debit_account_id.id,
                            'journal_id': statement.journal_id.id}]]
    return {'id': name, 'to_invoice': False, 'data': {
        'name': name, 'amount_paid': paid, 'amount_total': total, 'amount_tax': 0, 'amount_return': 0,
        'lines': [[0, 0, {'product_id': pid, 'qty': q, 'price_unit': p, 'discount': 0, 'pack_lot_ids': [],
                          'tax_ids': [[6, False, []]]}] for pid, q, p in lines],
        'statement_ids': payments, 'pos_session_id': session.id, 'partner_id': partner_id,
        'user_id': user.id, 'uid': name[-12:], 'sequence_number': 1, 'creation_date': stamp,
        'fiscal_position_id': False, 'pricelist_id': config.pricelist_id.id}}


def run_break(env, data, n_meals, seed=9):
    """(a) n_meals children served one after another at the till; returns timings and counts."""
    school, config = data['school'], data['config']
    cashier = env['res.users'].search([('login', '=', 'cashier')], limit=1) or env.user
    Pos = env['kz.canteen.pos'].sudo(cashier)
    Order = env['pos.order'].sudo(cashier)
    today = Pos._kz_local_date(school)
    from odoo.addons.kz_canteen.canteen_rules import age_group
    menus = {g: Pos.sudo()._kz_menu(school, today, g)[0] for g in ('7-10', '11-18')}
    if any(m['state'] != 'approved' for m in menus.values()):
        raise SystemExit('no approved menu for today at %s: install kz_canteen with its demo data' % school.name)
    # one set meal: the set dishes of one meal of the day (lunch when the day has one); breakfast and lunch together
    # are two set meals (canteen_rules.free_sets)
    def one_set(lines):
        meals = {line.get('meal') for line in lines.values() if line['is_free_set']}
        meal = 'lunch' if 'lunch' in meals else sorted(meals, key=str)[0] if meals else None
        return [pid for pid, line in lines.items() if line['is_free_set'] and line.get('meal') == meal]
    sets = {g: one_set(m['lines']) for g, m in menus.items()}
    session = _session(env, config, cashier)
    rnd = random.Random(seed)
    kids = rnd.sample(data['children'], min(n_meals, len(data['children'])))
    timings, phases, by_kind = [], {'identify': [], 'decide': [], 'order': []}, {}
    accepted, refused, refusals = 0, 0, {}
    for sid, partner_id, uid, grade in kids:
        products = list(sets[age_group(grade)])
        t0 = time.perf_counter()
        ident = Pos.kz_identify(config.id, code=uid)
        t1 = time.perf_counter()
        decision = None
        if ident.get('ok'):
            for _attempt in range(len(products) + 1):
                decision = Pos.kz_decide(config.id, ident['partner_id'], [[p, 1] for p in products])
                if decision.get('code') != 'allergen_restricted':
                    break
                # the cashier leaves the restricted dish out (the dish is named in the refusal)
                restricted = [p for p in products if menus[age_group(grade)]['lines'][p]['name']
                              in decision['message']]
                products = [p for p in products if p not in restricted[:1]]
                if not products:
                    break
        t2 = time.perf_counter()
        if decision and decision.get('ok'):
            # the order as the till sends it (built by the till, not timed: the three server calls are)
            lines = [(l['product_id'], l['qty'], l['unit_price']) for l in decision['lines']]
            ui_order = _ui_order(config, session, ident['partner_id'], cashier, lines, decision['child_total'])
            t2b = time.perf_counter()
            Order.create_from_ui([ui_order])
            accepted += 1
        else:
            t2b = time.perf_counter()
            refused += 1
            code = (decision or ident).get('code')
            refusals[code] = refusals.get(code, 0) + 1
        t3 = time.perf_counter()
        total = (t3 - t2b + t2 - t0) * 1000.0
        timings.append(total)
        by_kind.setdefault(ident.get('kind') or 'refused', []).append(total)
        phases['identify'].append((t1 - t0) * 1000.0)
        phases['decide'].append((t2 - t1) * 1000.0)
        phases['order'].append((t3 - t2b) * 1000.0)
    env.cr.execute("""SELECT count(DISTINCT m.pos_order_id) FROM kz_canteen_meal m JOIN pos_order o
                        ON o.id = m.pos_order_id WHERE o.session_id = %s""", (session.id,))
    recorded = env.cr.fetchone()[0]
    # (c) the end of the day: the cashier closes the session (its payments from the balances and its sales booked)
    t0 = time.perf_counter()
    session.action_pos_session_closing_control()
    env.cr.execute('SELECT 1')
    closing = time.perf_counter() - t0
    timings.sort()
    return {'closing_s': closing, 'closed': session.state == 'closed', 'n': len(kids), 'accepted': accepted, 'refused': refused, 'refusals': refusals, 'recorded': recorded,
            'p50': _percentile(timings, 0.50), 'p95': _percentile(timings, 0.95), 'max': timings[-1] if timings else 0,
            'phases': {k: statistics.median(v) if v else 0 for k, v in phases.items()},
            'by_kind': {k: (len(v), _percentile(sorted(v), 0.50), _percentile(sorted(v), 0.95))
                        for k, v in by_kind.items()}}


def run_report(env, data, n_days, seed=13):
    """(b) N children × n_days free meals in a month two years back, then the monthly report timed."""
    from odoo.addons.kz_canteen import meal_report
    school = data['school']
    Meal = env['kz.canteen.meal']
    today = env['kz.canteen.pos']._kz_local_date(school)
    # a month two years back (no demo meals there) with enough weekdays for n_days school days
    month = today.replace(day=1)
    month = month.replace(year=month.year - 2)
    for _back in range(12):
        first_weekdays = [month + datetime.timedelta(days=n) for n in range(31)]
        days = [d for d in first_weekdays if d.month == month.month and d.weekday() < 5][:n_days]
        if len(days) == n_days:
            break
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    dishes = env['product.product'].search([('kz_is_dish', '=', True), ('company_id', 'in', (school.id, False))],
                                           limit=8)
    rnd = random.Random(seed)
    rows, inserted = [], 0
    for day in days:
        for sid, _p, _u, grade in data['children']:
            dish = dishes[rnd.randrange(len(dishes))]
            price = round(dish.lst_price, 2)
            primary = grade <= 4
            rows.append({'company_id': school.id, 'date': day.isoformat(), 'served_at': None, 'student_id': sid,
                         'class_id': None, 'grade': grade, 'product_id': dish.id, 'menu_id': None, 'qty': 1,
                         'price': price, 'child_amount': 0, 'funding_amount': price, 'kind': 'free',
                         'category': 'PRIMARY' if primary else 'ORPHAN', 'funding': 'LOC' if primary else 'VSEOBUCH',
                         'pos_order_id': None, 'order_key': 'BENCH-%s-%s' % (day.isoformat(), sid), 'line_no': 0,
                         'review': False, 'review_note': None})
            if len(rows) >= 5000:
                inserted += Meal.kz_bulk_record(rows)
                rows = []
    inserted += Meal.kz_bulk_record(rows)
    start, end = meal_report.month_bounds(month)
    t0 = time.perf_counter()
    served = Meal.kz_served_rows(school.id, start, end, ['free', 'subsidised'])
    t1 = time.perf_counter()
    report = meal_report.monthly_report(served, month, today)
    t2 = time.perf_counter()
    return {'rows': inserted, 'fetched': len(served), 'meals': report['total']['meals'],
            'students': report['total']['students'], 'lines': len(report['lines']), 'days': len(days),
            'fetch_s': t1 - t0, 'report_s': t2 - t1, 'seconds': t2 - t0,
            'ok': report['total']['meals'] == inserted == len(served)}


def run(env, n_children=2000, n_meals=1200, n_days=22):
    t0 = time.perf_counter()
    data = populate(env, n_children)
    setup = time.perf_counter() - t0
    brk = run_break(env, data, n_meals)
    rep = run_report(env, data, n_days)
    print('School canteen benchmark (HSC-02, HSC-05, HSC-10) on %s' % machine())
    print('  set-up (not timed): %d children with cards and balances at %s in %.1f s'
          % (len(data['children']), data['school'].name, setup))
    print('  (a) break of %d meals (identify + decide + create_from_ui, one order each, as the cashier): '
          'p50 %.0f ms, p95 %.0f ms, max %.0f ms  [target p95 < %d ms: %s]'
          % (brk['n'], brk['p50'], brk['p95'], brk['max'], TARGET_P95_MS,
             'met' if brk['p95'] < TARGET_P95_MS and all(v[2] < TARGET_P95_MS for v in brk['by_kind'].values())
             else 'NOT met'))
    print('      medians: identify %.1f ms, decide %.1f ms, create_from_ui %.1f ms; %d sold, %d refused %s, '
          '%d orders recorded as meals'
          % (brk['phases']['identify'], brk['phases']['decide'], brk['phases']['order'], brk['accepted'],
             brk['refused'], brk['refusals'] or '', brk['recorded']))
    print('      by entitlement: %s' % ', '.join('%s %d meals p50 %.0f ms p95 %.0f ms' % ((k,) + v)
                                                for k, v in sorted(brk['by_kind'].items())))
    print('      the cashier closes the session of the break (one statement line for the balances, one sale entry, '
          'reconciled): %.2f s, %s' % (brk['closing_s'], 'closed' if brk['closed'] else 'NOT closed'))
    print('  (b) monthly report, %d children x %d school days = %d served rows: %.2f s (fetch %.2f s, report '
          '%.2f s; %d meals, %d students, %d lines)  [target < %d s: %s]'
          % (len(data['children']), rep['days'], rep['rows'], rep['seconds'], rep['fetch_s'], rep['report_s'],
             rep['meals'], rep['students'], rep['lines'], TARGET_REPORT_S,
             'met' if rep['seconds'] < TARGET_REPORT_S else 'NOT met'))
    return {'break': dict(brk, ok=brk['recorded'] == brk['accepted'] and brk['accepted'] > 0 and brk['closed']),
            'report': rep}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--config', required=True, help='odoo.conf')
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--children', type=int, default=2000)
    ap.add_argument('--meals', type=int, default=1200)
    ap.add_argument('--days', type=int, default=22)
    args = ap.parse_args(argv)
    with rolled_back_env(args.config, args.database) as env:
        figures = run(env, args.children, args.meals, args.days)
    print('rolled back: nothing was written to %s' % args.database)
    return 0 if figures['break']['ok'] and figures['report']['ok'] else 1


def test_benchmark_smoke():
    """School No. 1 plus 20 children, a break of 30 meals and a report of its children × 22 days; counts checked,
    times only printed."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the canteen benchmark smoke test')
    with rolled_back_env(conf, db) as env:
        if 'kz.canteen.meal' not in env or not env.ref('kz_canteen.pos_config_canteen_demo', False):
            pytest.skip('kz_canteen with its demo data is not installed in %s' % db)
        school = env.ref('kz_edu_base.company_school1_demo')
        env.cr.execute("SELECT count(*) FROM kz_edu_student WHERE company_id = %s AND state = 'enrolled'",
                       (school.id,))
        figures = run(env, n_children=env.cr.fetchone()[0] + 20, n_meals=30, n_days=22)
    assert figures['break']['ok'], figures['break']
    assert figures['break']['accepted'] >= 20, figures['break']
    assert figures['report']['ok'], figures['report']


if __name__ == '__main__':
    sys.exit(main())
