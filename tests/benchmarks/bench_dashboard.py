#!/usr/bin/env python3
"""Benchmark of the dashboards (issue #18). Prints figures; asserts no timing.

    /work/main/.venv/bin/python tests/benchmarks/bench_dashboard.py -c <odoo.conf> -d <db> [--schools 150]
        [--students 100000] [--repeat 5]

1. The director's dashboard on the demo: kz.edu.dashboard.render_dashboard('director') as the demo user
   ``director`` (school No. 1: 600 students, a month of entries, 40 000 meals, a year of ledger, a payroll batch),
   the first call (cold: QWeb compiled, caches filled) and warm calls. Target: warm < 1 s.
2. The district's dashboard for a city of 150 schools: the 150 schools, their classes, 100 000 students and a
   quarter's movements come from the contingent benchmark's generator (bench_contingent_report.populate, reused);
   this benchmark adds, in SQL, what the other figures read: a reader per school and the card entries of this
   week's school days (95 % of the students each day), the meals of grades 1-4 on those days, 30 teachers per school
   with qualification categories, and an approved financing plan per school (20 ЕБК specifics, both kinds, 12
   months). Timed: district_data() and the rendered page, as a district user (record rules applied), and each
   figure family alone. Target: < 2 s. Everything is ROLLED BACK: nothing is committed.

Importing this module has no side effects. ``test_benchmark_smoke`` runs a small instance under pytest when the
environment variables KZ_BENCH_CONF and KZ_BENCH_DB name an Odoo config and a database; it is skipped otherwise.
"""
import argparse
import datetime
import os
import statistics
import sys
import time

import benchlib  # noqa: E402  (tests/benchmarks/benchlib.py)
from benchlib import rolled_back_env  # noqa: E402
from bench_contingent_report import populate as populate_city  # noqa: E402  (the 150-school generator, reused)

CATEGORIES = ['teacher', 'moderator', 'expert', 'researcher', 'master', 'none']


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def timed(fn, repeat):
    times, result = [], None
    for _i in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, times


def school_days(today, count):
    """The last ``count`` Monday-to-Friday days up to today."""
    days, day = [], today
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= datetime.timedelta(days=1)
    return sorted(days)


def populate_figures(env, city, today):
    """Entries, meals, teachers and financing plans of the generated schools, in SQL (see the module docstring)."""
    from psycopg2.extras import execute_values
    cr, uid = env.cr, env.uid
    schools = tuple(city['school_ids'])
    Demo = env['kz.edu.demo']
    days = school_days(today, 5)
    device_ids = Demo.bulk_insert('kz.edu.access.device', [
        {'name': 'Bench entrance', 'company_id': c, 'direction': 'both', 'active': True} for c in schools])
    cr.execute('CREATE TEMP TABLE bench_device ON COMMIT DROP AS '
               'SELECT unnest(%s::int[]) AS company_id, unnest(%s::int[]) AS device_id',
               (list(schools), device_ids))
    for day in days:
        # 95 % of the enrolled students come in (those whose id is not a multiple of 20); on today's date the
        # entries are at 07:40 local (02:40 UTC)
        cr.execute("""
            INSERT INTO kz_edu_access_event (device_id, company_id, external_id, card_uid, direction, event_time,
                                             local_date, received_at, state, student_id, class_id,
                                             create_uid, write_uid, create_date, write_date)
            SELECT d.device_id, s.company_id, 'bench-' || s.id || '-' || %(day)s, 'B' || s.id, 'in',
                   %(day)s::date + time '02:40', %(day)s, %(day)s::date + time '02:40', 'accepted', s.id, s.class_id,
                   %(uid)s, %(uid)s, now(), now()
              FROM kz_edu_student s JOIN bench_device d ON d.company_id = s.company_id
             WHERE s.company_id IN %(schools)s AND s.state = 'enrolled' AND s.id %% 20 <> 0""",
                   {'day': str(day), 'uid': uid, 'schools': schools})
    events = cr.rowcount * len(days)
    dish = env['product.product'].create({'name': 'Bench set meal', 'type': 'service', 'kz_is_dish': True,
                                          'list_price': 450})
    meals = 0
    for day in days:
        cr.execute("""
            INSERT INTO kz_canteen_meal (company_id, date, served_at, student_id, class_id, grade, product_id, qty,
                                         price, child_amount, funding_amount, kind, category, funding, order_key,
                                         line_no, review, create_uid, write_uid, create_date, write_date)
            SELECT s.company_id, %(day)s, %(day)s::date + time '06:00', s.id, s.class_id, g.sequence, %(dish)s, 1,
                   450, 0, 450, 'free', 'PRIMARY', 'LOC', 'bench-' || s.id || '-' || %(day)s, 0, false,
                   %(uid)s, %(uid)s, now(), now()
              FROM kz_edu_student s JOIN kz_edu_grade g ON g.id = s.grade_id
             WHERE s.company_id IN %(schools)s AND s.state = 'enrolled' AND g.sequence <= 4 AND s.id %% 20 <> 0""",
                   {'day': str(day), 'uid': uid, 'schools': schools, 'dish': dish.id})
        meals += cr.rowcount
    # 30 teachers a school with a qualification category each (the category of the latest attestation counts)
    teachers = [(c, n) for c in schools for n in range(30)]
    resource_ids = Demo.bulk_insert('resource.resource', [
        {'name': 'Bench teacher %d-%d' % (c, n), 'company_id': c, 'resource_type': 'user', 'active': True,
         'time_efficiency': 100} for c, n in teachers])
    employee_ids = Demo.bulk_insert('hr.employee', [
        # a badge number of its own: hr.employee's default badge is computed once for the whole bulk insert
        {'resource_id': r, 'company_id': c, 'active': True, 'barcode': 'BD%d-%02d' % (c, n)}
        for r, (c, n) in zip(resource_ids, teachers)])
    rows = []
    for emp, (c, n) in zip(employee_ids, teachers):
        attested = datetime.date(today.year - 1 - n % 5, 1 + n % 12, 10)
        rows.append((emp, c, CATEGORIES[n % len(CATEGORIES)], attested,
                     datetime.date(attested.year + 5, attested.month, attested.day), uid, uid))
    execute_values(cr, """INSERT INTO kz_hr_qualification (employee_id, company_id, category, attestation_date,
                                                           expiry_date, create_uid, write_uid, create_date, write_date)
                          VALUES %s""", rows, template='(%s, %s, %s, %s, %s, %s, %s, now(), now())')
    # an approved financing plan of the year per school: 20 specifics x 2 kinds, 12 months
    funding = env.ref('kz_gov_account.funding_LOC')
    ebks = env['kz.gov.ebk'].search([], limit=20)
    plan_ids = Demo.bulk_insert('kz.gov.finplan', [
        {'name': 'Bench plan %d' % c, 'company_id': c, 'year': today.year, 'funding_id': funding.id,
         'state': 'approved'} for c in schools])
    line_rows = []
    for plan in plan_ids:
        for ebk in ebks:
            for kind in ('obligations', 'payments'):
                line_rows.append(dict({'plan_id': plan, 'ebk_id': ebk.id, 'kind': kind},
                                      **{'m%02d' % m: 100000.0 for m in range(1, 13)}))
    Demo.bulk_insert('kz.gov.finplan.line', line_rows)
    # the planner's statistics of what was generated, as autovacuum keeps them on a live database; res_partner too
    # (the city's 100 000 student partners, which the contingent generator leaves unanalysed): without them the
    # planner expects 2 partners and reads the students through them by 100 000 index scans (0.6 s)
    for table in ('kz_edu_access_event', 'kz_canteen_meal', 'kz_hr_qualification', 'hr_employee', 'kz_gov_finplan',
                  'kz_gov_finplan_line', 'res_partner', 'resource_resource', 'kz_edu_access_device'):
        cr.execute('ANALYZE %s' % table)   # fixed table names, no input
    env['res.company'].invalidate_cache()
    return {'days': days, 'events': events, 'meals': meals, 'teachers': len(employee_ids),
            'plan_lines': len(line_rows)}


def bench_director(env, repeat, out):
    user = env['res.users'].search([('login', '=', 'director')], limit=1)
    if not user:
        out('director: no demo user "director" in this database, skipped')
        return None
    board = env['kz.edu.dashboard'].sudo(user).with_context(lang='kk_KZ', tz='Asia/Almaty')
    html, first = timed(lambda: board.render_dashboard('director'), 1)
    html, times = timed(lambda: board.render_dashboard('director'), repeat)
    data = board.director_data()
    out('director\'s dashboard (demo school No. 1, as "director"): %d students, %d came in today, %d meals this '
        'month, %d budget specifics; page %d KB' % (
            data['contingent']['total'], data['attendance']['arrived'], data['meals']['total_month'],
            len(data['budget']['rows']), len(html) // 1024))
    out('  first call %.3f s; warm: best %.3f s, median %.3f s (%d runs); target warm < 1 s: %s' % (
        first[0], min(times), statistics.median(times), repeat, 'met' if statistics.median(times) < 1 else 'NOT met'))
    return {'first': first[0], 'times': times}


def bench_district(env, n_schools, n_students, repeat, out):
    t0 = time.perf_counter()
    city = populate_city(env, n_schools, n_students)
    today = datetime.date.today()
    extra = populate_figures(env, city, today)
    out('generated in %.1f s (SQL, rolled back at the end): %d schools, %d students (contingent benchmark\'s '
        'generator); %d card entries on %s; %d meals; %d teachers; %d financing plan lines' % (
            time.perf_counter() - t0, len(city['school_ids']), city['students'], extra['events'],
            ', '.join(d.strftime('%d.%m') for d in extra['days']), extra['meals'], extra['teachers'],
            extra['plan_lines']))
    user = env['res.users'].with_context(no_reset_password=True).create({
        'name': 'Bench district', 'login': 'bench_dash_district_%d' % city['department'],
        'company_id': city['department'], 'company_ids': [(6, 0, [city['department']] + city['school_ids'])],
        'groups_id': [(6, 0, [env.ref('kz_edu_base.group_district').id])]})
    board = env['kz.edu.dashboard'].sudo(user).with_context(lang='kk_KZ', tz='Asia/Almaty',
                                                            kz_dashboard_today=str(today))
    data, first = timed(lambda: board.district_data('month'), 1)
    total = data['total']
    out('district\'s dashboard, this month (%s – %s), as a district user: %d schools, %d students, attendance today '
        '%s %%, %d free meals, budget %s %% of the plan' % (
            data['date_from'], data['date_to'], data['schools'], total['students'], total['attendance_today'],
            total['free_meals'], total['budget_percent']))
    _data, times = timed(lambda: board.district_data('month'), repeat)
    html, page = timed(lambda: board.render_dashboard('district', {'period': 'month'}), repeat)
    out('  figures: first %.3f s, warm best %.3f s, median %.3f s; rendered page (%d KB): best %.3f s, median %.3f s'
        % (first[0], min(times), statistics.median(times), len(html) // 1024, min(page), statistics.median(page)))
    cids = city['school_ids']
    day = today
    date_from = today.replace(day=1)
    families = [
        ('students', lambda: board.fig_students(cids)),
        ('movements', lambda: board.fig_movements(cids, date_from, day)),
        ('attendance today', lambda: board.fig_attendance_today(cids, day)),
        ('attendance in the period', lambda: board.fig_attendance_period(cids, date_from, day, {})),
        ('meals', lambda: board.fig_meals(cids, date_from, day, day)),
        ('budget (kz_gov_account, all schools)', lambda: board.fig_budget(cids, date_from, day)),
        ('payroll fund', lambda: board.fig_payroll(cids, day)),
        ('teachers', lambda: board.fig_teachers(cids, day)),
        ('documents in draft', lambda: board.fig_drafts(cids)),
        ('reports due', lambda: board.fig_reports(cids, day)),
    ]
    for label, fn in families:
        _r, t = timed(fn, max(1, min(repeat, 3)))
        out('    %-38s %.3f s' % (label, min(t)))
    rows = {r['company_id']: r for r in data['rows']}
    env.cr.execute("SELECT count(*) FROM kz_edu_student WHERE company_id IN %s AND state = 'enrolled'",
                   (tuple(cids),))
    enrolled = env.cr.fetchone()[0]
    ok = data['schools'] == len(cids) and total['students'] == enrolled and all(
        rows[c]['attendance_today'] is not None for c in cids)
    out('  counts: %d enrolled students in SQL, %d on the dashboard: %s' % (
        enrolled, total['students'], 'match' if ok else 'MISMATCH'))
    best = statistics.median(page)
    out('target < 2 s for %d schools: %s (median of the rendered page %.2f s)' % (
        len(cids), 'met' if best < 2 else 'NOT met', best))
    return {'first': first[0], 'times': times, 'page': page, 'ok': ok, 'schools': len(cids)}


def run(env, n_schools=150, n_students=100000, repeat=5, out=print):
    out('machine: %s' % machine())
    env.cr.execute('SHOW server_version')
    out('PostgreSQL %s; load average %s' % (env.cr.fetchone()[0], ' '.join('%.1f' % x for x in os.getloadavg())))
    figures = {'director': bench_director(env, repeat, out)}
    figures['district'] = bench_district(env, n_schools, n_students, repeat, out)
    return figures


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--config', required=True, help='odoo.conf')
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--schools', type=int, default=150)
    ap.add_argument('--students', type=int, default=100000)
    ap.add_argument('--repeat', type=int, default=5)
    args = ap.parse_args(argv)
    with rolled_back_env(args.config, args.database) as env:
        figures = run(env, args.schools, args.students, args.repeat)
    print('rolled back: nothing was written to %s' % args.database)
    return 0 if figures['district']['ok'] else 1


def test_benchmark_smoke():
    """A small city (4 schools, 2 000 students) and the demo director through the whole benchmark; counts checked,
    times only printed."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the dashboard benchmark smoke test')
    with rolled_back_env(conf, db) as env:
        figures = run(env, n_schools=4, n_students=2000, repeat=1)
    assert figures['district']['ok']
    assert figures['district']['schools'] == 4
    assert figures['director'] is None or figures['director']['times']


if __name__ == '__main__':
    sys.exit(main())
