#!/usr/bin/env python3
"""Benchmark of the Kazakh payroll batch (ACC-11): compute and confirm N payslips. Prints figures; asserts no timing.

    /work/main/.venv/bin/python tests/benchmarks/bench_payroll.py -c <odoo.conf> -d <db>
        [--employees 4000] [--stock-sample 500]

Into the given database (kz_payroll installed) it writes, directly in SQL with execute_values (creation is not
timed), a school with N employees (valid IINs, most with a basic-deduction application), their open contracts on the
Kazakh teachers' structure and a draft batch of N payslips for January 2026. It then times:

(a) ``hr.payslip.run.action_kz_compute_and_confirm()`` on the N payslips: the Kazakh engine for the whole batch
    (and, with kz_payroll_account installed, the posting of the batch to the public-sector ledger),
    lines written by one set-based INSERT, state done, batch closed;
(b) stock ``hr_payroll``: a copy of the structure whose ten rules are Python-string formulas evaluated by safe_eval
    (the same 2026 arithmetic), ``action_payslip_done()`` (stock compute_sheet + done) on a sample of the employees'
    February payslips, extrapolated linearly to N when the sample is smaller than N.

It prints both figures, the ratio and the machine, and ROLLS BACK: nothing is committed.

Importing this module has no side effects. ``test_benchmark_smoke`` runs a small instance under pytest when the
environment variables KZ_BENCH_CONF and KZ_BENCH_DB name an Odoo config and a database; it is skipped otherwise.
"""
import argparse
import datetime
import os
import random
import sys
import time

import benchlib  # noqa: E402  (tests/benchmarks/benchlib.py)
from benchlib import rolled_back_env  # noqa: E402

#: the stock comparison: the same 2026 formulas (no pensioners, everyone born after 1975) as Python strings
STOCK_RULES = [
    ('BASIC', 'BASIC', 1, 'result = contract.wage'),
    ('GROSS', 'GROSS', 100, 'result = categories.BASIC'),
    ('OPV', 'DED', 110, 'result = round(0.10 * min(GROSS, 4250000), 2)'),
    ('VOSMS', 'DED', 120, 'result = round(0.02 * min(GROSS, 1700000), 2)'),
    ('IPN', 'DED', 130, 'result = round(max(GROSS - OPV - VOSMS - 129750, 0) * 0.10, 2)'),
    ('NET', 'NET', 200, 'result = GROSS - OPV - VOSMS - IPN'),
    ('OPVR', 'COMP', 210, 'result = round(0.035 * min(max(GROSS, 85000), 4250000), 2)'),
    ('SO', 'COMP', 220, 'result = round(0.05 * min(max(GROSS - OPV, 85000), 595000), 2)'),
    ('OOSMS', 'COMP', 230, 'result = round(0.03 * min(GROSS, 3400000), 2)'),
    ('SN', 'COMP', 240, 'result = round(0.06 * max(GROSS - OPV - VOSMS, 60550), 2)'),
]


#: issue #21, for 4 000 payslips on a 2-core machine
TARGET_S = 15
TARGET_RATIO = 40


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def _insert(cr, table, columns, rows, uid, now):
    from psycopg2.extras import execute_values
    cols = list(columns) + ['create_uid', 'write_uid', 'create_date', 'write_date']
    query = 'INSERT INTO "%s" (%s) VALUES %%s RETURNING id' % (table, ', '.join('"%s"' % c for c in cols))
    return [r[0] for r in execute_values(cr, query, [tuple(r) + (uid, uid, now, now) for r in rows],
                                         page_size=1000, fetch=True)]


def populate(env, n, seed=11):
    """A company with n employees, contracts and a draft January 2026 batch, in SQL; returns ids."""
    from odoo.addons.kz_edu_base.demo_people import IinFactory

    rnd = random.Random(seed)
    cr, uid, now = env.cr, env.uid, datetime.datetime.now()
    company = env['res.company'].create({'name': 'Benchmark school (payroll)',
                                         'parent_id': env.ref('base.main_company').id})
    if 'kz.gov.ebk' in env:  # kz_gov_account installed: the batch also posts to the public-sector ledger
        env['account.chart.template'].kz_gov_load_for_companies(company)
    calendar = company.resource_calendar_id or env.ref('resource.resource_calendar_std')
    struct = env.ref('kz_payroll.hr_payroll_structure_kz_teacher')
    contract_type = env['hr.contract.type'].search([], limit=1)
    cr.execute('SELECT kz_iin FROM hr_employee WHERE kz_iin IS NOT NULL')
    factory = IinFactory(taken=[r[0] for r in cr.fetchall()])
    people = []
    for i in range(n):
        birth = datetime.date(rnd.randint(1976, 2000), rnd.randint(1, 12), rnd.randint(1, 28))
        people.append(('Қызметкер %05d' % i, birth, factory(birth, 'F' if rnd.random() < 0.8 else 'M'),
                       rnd.randrange(100000, 450001, 500)))
    resource_ids = _insert(cr, 'resource_resource', ['name', 'company_id', 'calendar_id', 'resource_type',
                                                      'time_efficiency', 'active'],
                           [(p[0], company.id, calendar.id, 'user', 100, True) for p in people], uid, now)
    employee_ids = _insert(cr, 'hr_employee', ['resource_id', 'name', 'company_id', 'kz_iin', 'kz_iin_birth_date',
                                                'birthday', 'kz_is_resident', 'active'],
                           [(rid, p[0], company.id, p[2], p[1], p[1], True, True)
                            for rid, p in zip(resource_ids, people)], uid, now)
    contract_ids = _insert(cr, 'hr_contract', ['name', 'employee_id', 'company_id', 'wage', 'struct_id', 'state',
                                               'date_start', 'resource_calendar_id', 'type_id'],
                           [('Contract %s' % p[0], eid, company.id, p[3], struct.id, 'open', '2025-01-01',
                             calendar.id, contract_type.id) for eid, p in zip(employee_ids, people)], uid, now)
    _insert(cr, 'kz_payroll_deduction_application', ['employee_id', 'date_from'],
            [(eid, '2025-01-01') for eid in employee_ids if rnd.random() < 0.7], uid, now)
    run_id = _insert(cr, 'hr_payslip_run', ['name', 'state', 'date_start', 'date_end', 'credit_note'],
                     [('Benchmark January 2026', 'draft', '2026-01-01', '2026-01-31', False)], uid, now)[0]
    slip_ids = _insert(cr, 'hr_payslip', ['name', 'employee_id', 'contract_id', 'struct_id', 'company_id',
                                          'date_from', 'date_to', 'state', 'payslip_run_id', 'credit_note', 'paid'],
                       [('Slip %s' % p[0], eid, cid, struct.id, company.id, '2026-01-01', '2026-01-31', 'draft',
                         run_id, False, False)
                        for eid, cid, p in zip(employee_ids, contract_ids, people)], uid, now)
    env['hr.payslip'].invalidate_cache()  # without arguments: the whole cache
    return {'company': company, 'employee_ids': employee_ids, 'contract_ids': contract_ids, 'run_id': run_id,
            'slip_ids': slip_ids}


def stock_structure(env):
    """A copy of the Kazakh structure whose rules are Python-string formulas (what stock hr_payroll evaluates)."""
    rules = env['hr.salary.rule']
    for code, category, sequence, formula in STOCK_RULES:
        rules |= rules.create({'name': 'Stock %s' % code, 'code': code, 'sequence': sequence,
                               'category_id': env.ref('hr_payroll.%s' % category).id, 'condition_select': 'none',
                               'amount_select': 'code', 'amount_python_compute': formula})
    return env['hr.payroll.structure'].create({'name': 'Benchmark stock copy', 'code': 'KZ_STOCK_BENCH',
                                               'parent_id': False, 'kz_payroll': False,
                                               'rule_ids': [(6, 0, rules.ids)]})


def run(env, n=4000, sample=500):
    data = populate(env, n)
    Slip = env['hr.payslip']
    run_ = env['hr.payslip.run'].browse(data['run_id'])

    t0 = time.perf_counter()
    run_.action_kz_compute_and_confirm()
    env.cr.execute('SELECT 1')   # flush pending work before stopping the clock
    fast = time.perf_counter() - t0
    slips = Slip.browse(data['slip_ids'])
    env.cr.execute("SELECT count(*) FROM hr_payslip WHERE id IN %s AND state = 'done'", (tuple(slips.ids),))
    done = env.cr.fetchone()[0]
    env.cr.execute('SELECT count(*) FROM hr_payslip_line WHERE slip_id IN %s', (tuple(slips.ids),))
    lines = env.cr.fetchone()[0]
    posted = None
    if 'kz_move_id' in Slip._fields:   # kz_payroll_account: one summarised entry per month and funding source
        env.cr.execute('SELECT count(DISTINCT p.kz_move_id), count(DISTINCT p.id), count(l.id) / greatest(1, '
                       'count(DISTINCT p.id)) FROM hr_payslip p LEFT JOIN account_move_line l ON l.move_id = '
                       'p.kz_move_id WHERE p.id IN %s AND p.kz_move_id IS NOT NULL', (tuple(slips.ids),))
        entries, posted_slips, _x = env.cr.fetchone()
        env.cr.execute('SELECT count(*) FROM account_move_line WHERE move_id IN (SELECT DISTINCT kz_move_id '
                       'FROM hr_payslip WHERE id IN %s)', (tuple(slips.ids),))
        posted = (entries, posted_slips, env.cr.fetchone()[0])

    struct = stock_structure(env)
    m = min(sample, n)
    stock_slips = Slip.browse(_insert(
        env.cr, 'hr_payslip', ['name', 'employee_id', 'contract_id', 'struct_id', 'company_id', 'date_from',
                               'date_to', 'state', 'credit_note', 'paid'],
        [('Stock slip', eid, cid, struct.id, data['company'].id, '2026-02-01', '2026-02-28', 'draft', False, False)
         for eid, cid in list(zip(data['employee_ids'], data['contract_ids']))[:m]],
        env.uid, datetime.datetime.now()))
    env['hr.payslip'].invalidate_cache()  # without arguments: the whole cache
    t0 = time.perf_counter()
    stock_slips.action_payslip_done()
    env.cr.execute('SELECT 1')
    stock_sample = time.perf_counter() - t0
    stock = stock_sample * n / m
    env.cr.execute("SELECT count(*) FROM hr_payslip WHERE id IN %s AND state = 'done'", (tuple(stock_slips.ids),))
    stock_done = env.cr.fetchone()[0]

    print('Kazakh payroll batch benchmark (ACC-11) on %s' % machine())
    print('  (a) kz_payroll: compute + confirm %d payslips (%d lines, %d done, batch %s): %.2f s (%.1f ms/payslip)'
          % (n, lines, done, run_.state, fast, 1000 * fast / n))
    if posted:
        print('      posted to the public-sector ledger in the same time: %d entry(ies), %d journal items, '
              '%d payslips linked' % (posted[0], posted[2], posted[1]))
    print('  (b) stock hr_payroll (safe_eval rules): compute + confirm %d payslips measured: %.2f s (%.1f ms/payslip)'
          '%s' % (m, stock_sample, 1000 * stock_sample / m,
                  '; extrapolated to %d: %.2f s' % (n, stock) if m < n else ''))
    ratio = stock / fast if fast else float('inf')
    print('  ratio stock / kz_payroll for %d payslips: %.1fx  [target (issue #21): < %d s with the posting and '
          '>= %dx stock: %s]' % (n, ratio, TARGET_S, TARGET_RATIO,
                                 'met' if fast < TARGET_S and ratio >= TARGET_RATIO else 'NOT met'))
    rules = len(env.ref('kz_payroll.hr_payroll_structure_kz_teacher').rule_ids)
    return {'fast': {'seconds': fast, 'ok': done == n and lines == rules * n and (posted is None or posted[1] == n)},
            'stock': {'seconds': stock, 'measured': m, 'ok': stock_done == m}, 'ratio': stock / fast}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--config', required=True, help='odoo.conf')
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--employees', type=int, default=4000)
    ap.add_argument('--stock-sample', type=int, default=500, help='stock payslips measured (then extrapolated)')
    args = ap.parse_args(argv)
    with rolled_back_env(args.config, args.database) as env:
        figures = run(env, args.employees, args.stock_sample)
    print('rolled back: nothing was written to %s' % args.database)
    return 0 if all(v.get('ok', True) for v in figures.values() if isinstance(v, dict)) else 1


def test_benchmark_smoke():
    """50 employees through the whole benchmark; counts checked, times only printed."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the payroll benchmark smoke test')
    with rolled_back_env(conf, db) as env:
        figures = run(env, n=50, sample=20)
    assert figures['fast']['ok'] and figures['stock']['ok']


if __name__ == '__main__':
    sys.exit(main())
