#!/usr/bin/env python3
"""Benchmark of the financial statements and ledgers (ACC-02, ACC-13). Prints figures; asserts no timing.

    /work/main/.venv/bin/python tests/benchmarks/bench_gov_reports.py -c <odoo.conf> -d <db>
        [--items 100000] [--schools 1] [--repeat 3]

Into the given database (kz_gov_account installed) it writes a school with the chart of state institutions
(account.chart.template.kz_gov_load_for_companies) and, directly in SQL with execute_values (not timed), a year of
posted journal entries — N journal items in 2025 (financing received, payroll accrued and paid, contributions,
purchases and payments, consumption, utilities, paid services, depreciation, business trips) on the accounts of the
chart of order No. 170 with the standard entries of its annex 2, each with its ЕБК specific and funding source —
plus the opening balances at the end of 2024 and one draft entry. With --schools 30 it writes 30 such schools under
one district department (N items each: 3 million for N = 100 000), the district case. It then times
kz.gov.report.wizard.report_data() — the grouped SQL query, the evaluation of the lines and the consistency checks,
the rows as printed — for ФО-1, ФО-2, ФО-3, ФО-4 and the turnover sheet of the first school for 2025 (comparative
2024), plus the Журнал-Главная, the card of the treasury account and the XLSX of ФО-1 and of the turnover sheet,
checks that every consistency check holds, prints the figures, the query plan's indexes and the machine, and ROLLS
BACK: nothing is committed. Targets: each report under 5 s for a school of 100 000 items; under 60 s per school
report in the district database of 3 million items.

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
from decimal import Decimal

import benchlib  # noqa: E402  (tests/benchmarks/benchlib.py)
from benchlib import rolled_back_env  # noqa: E402

YEAR = 2025
TIMED = ('fo1', 'fo2', 'fo3', 'fo4', 'turnover')
EXTRA = ('journal_main', 'account_card')
CENT = Decimal('0.01')


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def _amount(rnd, low, high):
    return (Decimal(rnd.randrange(low * 100, high * 100)) * CENT).quantize(CENT)


# A template gives the items of one entry: [(account code, debit, credit, funding code, ЕБК code)], balanced.
# Account codes of the chart of order No. 170 (edition of 01.01.2026), the postings of its annex 2 (the standard
# entry's number in the comment): kz_gov_account/data/src/standard_entries.csv.
def _financing(rnd):  # 1
    a = _amount(rnd, 500000, 20000000)
    ebk = rnd.choice(('111', '121', '149', '151', '159'))
    return 'plan_local_current', [('1091', a, 0, 'LOC', ebk), ('6010', 0, a, 'LOC', ebk)]


def _payroll(rnd):  # 243
    parts = [_amount(rnd, 80000, 600000) for _i in range(rnd.randint(3, 9))]
    total = sum(parts)
    return 'memorial', [('7010', p, 0, 'LOC', '111') for p in parts] + [('3241', 0, total, 'LOC', '111')]


def _payroll_paid(rnd):  # 18
    a = _amount(rnd, 100000, 3000000)
    return 'plan_local_current', [('3241', a, 0, 'LOC', '111'), ('1091', 0, a, 'LOC', '111')]


def _contributions(rnd):  # 244 (social tax)
    a = _amount(rnd, 10000, 300000)
    return 'memorial', [('7040', a, 0, 'LOC', '121'), ('3122', 0, a, 'LOC', '121')]


def _contributions_paid(rnd):  # 246
    a = _amount(rnd, 10000, 300000)
    return 'plan_local_current', [('3122', a, 0, 'LOC', '121'), ('1091', 0, a, 'LOC', '121')]


def _purchase(rnd):  # 110
    a = _amount(rnd, 5000, 500000)
    return 'memorial', [('1316', a, 0, 'LOC', '149'), ('3210', 0, a, 'LOC', '149')]


def _purchase_paid(rnd):  # 14
    a = _amount(rnd, 5000, 500000)
    return 'plan_local_current', [('3210', a, 0, 'LOC', '149'), ('1091', 0, a, 'LOC', '149')]


def _consumption(rnd):  # 135
    a = _amount(rnd, 1000, 200000)
    return 'memorial', [('7060', a, 0, 'LOC', '149'), ('1316', 0, a, 'LOC', '149')]


def _utilities(rnd):  # 234
    a = _amount(rnd, 20000, 900000)
    return 'memorial', [('7080', a, 0, 'LOC', '151'), ('3210', 0, a, 'LOC', '151')]


def _paid_services(rnd):  # 86 and 89 in one entry
    a = _amount(rnd, 2000, 150000)
    return 'cash_paid_services', [('1042', a, 0, 'PAID', None), ('6110', 0, a, 'PAID', None)]


def _depreciation(rnd):  # 178
    a = _amount(rnd, 10000, 400000)
    return 'memorial', [('7110', a, 0, None, None), ('2391', 0, a, None, None)]


def _business_trip(rnd):  # 40
    a = _amount(rnd, 5000, 100000)
    return 'plan_local_current', [('1020', a, 0, 'LOC', '161'), ('1091', 0, a, 'LOC', '161')]


TEMPLATES = [(_financing, 6), (_payroll, 8), (_payroll_paid, 10), (_contributions, 6), (_contributions_paid, 6),
             (_purchase, 10), (_purchase_paid, 10), (_consumption, 12), (_utilities, 5), (_paid_services, 15),
             (_depreciation, 4), (_business_trip, 8)]
OPENING = [('2321', Decimal('450000000.00'), 0, None, '412'), ('2391', 0, Decimal('90000000.00'), None, None),
           ('1042', Decimal('1200000.00'), 0, 'PAID', None), ('1316', Decimal('3500000.00'), 0, 'LOC', '149'),
           ('3210', 0, Decimal('800000.00'), 'LOC', '149'), ('5220', 0, Decimal('363900000.00'), None, None)]


def _insert(cr, table, columns, rows, audit):
    from psycopg2.extras import execute_values
    cols = list(columns) + ['create_uid', 'write_uid', 'create_date', 'write_date']
    query = 'INSERT INTO "%s" (%s) VALUES %%s RETURNING id' % (table, ', '.join('"%s"' % c for c in cols))
    return [r[0] for r in execute_values(cr, query, [tuple(r) + audit for r in rows], page_size=1000, fetch=True)]


def new_school(env, department, number):
    """A school with the chart of state institutions (loaded by kz_gov_account, as for a real school)."""
    company = env['res.company'].create({'name': 'Benchmark school %02d (accounting)' % number,
                                         'parent_id': department.id, 'kz_org_type': 'school'})
    env['account.chart.template'].kz_gov_load_for_companies(company)
    return company


def populate_school(env, company, n_items, seed):
    """N posted journal items of YEAR (+ the opening entry of the end of YEAR - 1 and one draft entry) in SQL."""
    rnd = random.Random(seed)
    cr = env.cr
    now = datetime.datetime.now()
    audit = (env.uid, env.uid, now, now)
    accounts = {}
    for acc in env['account.account'].search([('company_id', '=', company.id)], order='code'):
        accounts.setdefault(acc.code[:4], (acc.id, acc.user_type_id.id))
    fundings = {f.code: f.id for f in env['kz.gov.funding.source'].with_context(active_test=False).search([])}
    ebks = {e.code: e.id for e in env['kz.gov.ebk'].with_context(active_test=False).search([])}
    Chart = env['account.chart.template']
    journals = {role: Chart.kz_gov_journal(company, role).id
                for role in ('memorial', 'plan_local_current', 'cash_paid_services')}
    currency = company.currency_id.id
    weights = [w for _t, w in TEMPLATES]
    entries = [(datetime.date(YEAR - 1, 12, 31), 'memorial', OPENING, 'posted')]
    count = 0
    first, days = datetime.date(YEAR, 1, 1), 365
    while count < n_items:
        template = rnd.choices([t for t, _w in TEMPLATES], weights)[0]
        kind, items = template(rnd)
        entries.append((first + datetime.timedelta(days=rnd.randrange(days)), kind, items, 'posted'))
        count += len(items)
    entries.append((datetime.date(YEAR, 6, 15), 'memorial', _depreciation(rnd)[1], 'draft'))
    move_rows = []
    for i, (day, kind, items, state) in enumerate(entries, 1):
        move_rows.append(('BENCH/%d/%s/%06d' % (YEAR, company.id, i) if state == 'posted' else '/', 'bench', day,
                          journals[kind], currency, state, sum((d for _a, d, _c, _f, _e in items), Decimal(0)),
                          company.id, 0))
    move_ids = _insert(cr, 'account_move', ['name', 'ref', 'date', 'journal_id', 'currency_id', 'state', 'amount',
                                            'company_id', 'matched_percentage'], move_rows, audit)
    line_rows = []
    for move_id, (day, kind, items, _state) in zip(move_ids, entries):
        for code, debit, credit, funding, ebk in items:
            account_id, type_id = accounts[code]
            debit, credit = Decimal(debit), Decimal(credit)
            line_rows.append((move_id, 'Bench %s' % code, account_id, type_id, journals[kind], company.id, currency,
                              day, day, debit, credit, debit - credit, debit, credit, debit - credit, 0, 0, 0, 1,
                              False, False, True, fundings.get(funding), ebks.get(ebk)))
    _insert(cr, 'account_move_line', [
        'move_id', 'name', 'account_id', 'user_type_id', 'journal_id', 'company_id', 'company_currency_id', 'date',
        'date_maturity', 'debit', 'credit', 'balance', 'debit_cash_basis', 'credit_cash_basis', 'balance_cash_basis',
        'amount_currency', 'amount_residual', 'amount_residual_currency', 'quantity', 'reconciled', 'blocked',
        'tax_exigible', 'kz_funding_id', 'kz_ebk_id'], line_rows, audit)
    return len(line_rows) - len(entries[-1][2]) - len(OPENING)


def populate(env, n_items, n_schools):
    department = env['res.company'].create({'name': 'Benchmark district department (accounting)',
                                            'kz_org_type': 'department'})
    schools, items = [], 0
    for number in range(1, n_schools + 1):
        school = new_school(env, department, number)
        items += populate_school(env, school, n_items, seed=number)
        schools.append(school)
    env.cr.execute('ANALYZE account_move_line')
    env.cr.execute('ANALYZE account_move')
    env.cache.invalidate()
    return schools, items


def indexes_used(env, school):
    """The indexes (or sequential scans) on account_move_line in the plans of the balance and cash queries."""
    from odoo.addons.kz_gov_account.wizards import kz_gov_report_wizard as w
    params = {'company_id': school.id, 'date_from': '%d-01-01' % YEAR, 'date_to': '%d-12-31' % YEAR,
              'cmp_from': '%d-01-01' % (YEAR - 1), 'cmp_to': '%d-12-31' % (YEAR - 1), 'end': '%d-12-31' % YEAR}
    found = {}
    for name, sql in (('balances', w.SQL_BALANCES), ('cash', w.SQL_CASH)):
        env.cr.execute('EXPLAIN ' + sql, params)
        used = set()
        for (line,) in env.cr.fetchall():
            if ' using ' in line and ' on account_move_line ' in line + ' ':
                used.add(line.split(' using ')[1].split(' on ')[0])
            elif 'Bitmap Index Scan on ' in line:
                used.add(line.split('Bitmap Index Scan on ')[1].split()[0])
            elif 'Seq Scan on account_move_line' in line:
                used.add('sequential scan of account_move_line')
        found[name] = sorted(used)
    return found


def run(env, n_items=100000, n_schools=1, repeat=3):
    t0 = time.perf_counter()
    schools, items = populate(env, n_items, n_schools)
    created = time.perf_counter() - t0
    school = schools[0]
    Wizard = env['kz.gov.report.wizard']
    base = {'company_id': school.id, 'date_from': '%d-01-01' % YEAR, 'date_to': '%d-12-31' % YEAR,
            'comparative_date_from': '%d-01-01' % (YEAR - 1), 'comparative_date_to': '%d-12-31' % (YEAR - 1),
            'lang': False}
    cash = env['account.account'].search([('company_id', '=', school.id), ('code', '=', '1091')], limit=1)
    figures, checks = {}, {}
    for report in TIMED + EXTRA:
        wizard = Wizard.create(dict(base, report=report, account_id=cash.id))
        times = []
        for _i in range(repeat):
            env.cache.invalidate()
            t0 = time.perf_counter()
            data = wizard.report_data()
            times.append(time.perf_counter() - t0)
        figures[report] = {'median': statistics.median(times), 'max': max(times),
                           'rows': sum(len(t.rows) for t in data['tables'])}
        checks[report] = [c for c in data['checks'] if not c['ok']]
        figures[report]['unposted'] = data['unposted_count']
    xlsx = {}
    for report in ('fo1', 'turnover'):
        wizard = Wizard.create(dict(base, report=report))
        t0 = time.perf_counter()
        content, _fmt = env.ref('kz_gov_account.report_%s_xlsx' % report).render_xlsx([wizard.id], {})
        xlsx[report] = (time.perf_counter() - t0, len(content))
    plans = indexes_used(env, school)

    env.cr.execute('SELECT count(*) FROM account_move_line')
    total_items = env.cr.fetchone()[0]
    print('Financial statements and ledgers benchmark (ACC-02, ACC-13) on %s' % machine())
    print('  data: %d school(s) x %d posted journal items of %d (+ opening entry, 1 draft), %d items in the '
          'database; written in %.1f s (not timed)' % (n_schools, items // n_schools, YEAR, total_items, created))
    print('  report_data() for one school, %d-01-01 - %d-12-31, comparative %d (median of %d, max):'
          % (YEAR, YEAR, YEAR - 1, repeat))
    for report in TIMED + EXTRA:
        f = figures[report]
        print('    %-13s %6.3f s  (max %.3f s, %d rows)%s' % (
            report, f['median'], f['max'], f['rows'],
            '' if not checks[report] else '  FAILED CHECKS: %s' % '; '.join(
                '%s %s' % (c['label'], c['status']) for c in checks[report])))
    for report, (seconds, size) in xlsx.items():
        print('    %-13s %6.3f s  XLSX (%d bytes)' % (report, seconds, size))
    print('  indexes in the query plans: balances %s; cash %s' % (', '.join(plans['balances']),
                                                                  ', '.join(plans['cash'])))
    target = 5.0 if n_schools == 1 else 60.0
    slowest = max(figures[r]['max'] for r in TIMED)
    print('  slowest of ФО-1…ФО-4 and the turnover sheet: %.3f s (target < %.0f s): %s'
          % (slowest, target, 'OK' if slowest < target else 'TOO SLOW'))
    return {'figures': figures, 'checks_ok': not any(checks.values()),
            'unposted_ok': all(figures[r]['unposted'] == 1 for r in TIMED), 'slowest': slowest}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--config', required=True, help='odoo.conf')
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--items', type=int, default=100000, help='journal items per school')
    ap.add_argument('--schools', type=int, default=1, help='schools of the district (30: the district case)')
    ap.add_argument('--repeat', type=int, default=3)
    args = ap.parse_args(argv)
    with rolled_back_env(args.config, args.database) as env:
        result = run(env, args.items, args.schools, args.repeat)
    print('rolled back: nothing was written to %s' % args.database)
    return 0 if result['checks_ok'] and result['unposted_ok'] else 1


def test_benchmark_smoke():
    """Two schools of 3 000 items through the whole benchmark; every consistency check must hold, times only
    printed."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the statements benchmark smoke test')
    with rolled_back_env(conf, db) as env:
        result = run(env, n_items=3000, n_schools=2, repeat=1)
    assert result['checks_ok'] and result['unposted_ok']
    assert result['figures']['fo1']['rows'] > 40 and result['figures']['turnover']['rows'] > 10


if __name__ == '__main__':
    sys.exit(main())
