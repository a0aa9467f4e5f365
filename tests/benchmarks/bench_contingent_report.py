#!/usr/bin/env python3
"""Benchmark of the contingent movement report (ACC-14): a quarter, city-wide. Prints figures; asserts no timing.

    /work/main/.venv/bin/python tests/benchmarks/bench_contingent_report.py -c <odoo.conf> -d <db>
        [--schools 150] [--students 100000] [--repeat 3]

Into the given database (kz_edu_contingent installed) it writes, directly in SQL with execute_values (the way
kz.edu.demo writes the demo partners; the ORM creates about 10 records a second here), a city education department
with 150 schools, their classes of grades 1-11 for the academic year 2021-2022, 100 000 students admitted on
1 September 2021 (orders, lines, class history) and a quarter's worth of movements: admissions, departures with
reasons and transfers between classes, most of them in January-March 2022 and some before and after. It then times
kz.edu.contingent.report.wizard.movement_report() - the ORM-layer function the wizard prints - for January-March
2022 over all 150 schools, as the superuser and as a district department user (record rules applied), checks the
counts against those known from the generator, prints the timings and the machine, and ROLLS BACK: nothing is
committed. Target: under 5 s.

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

import benchlib  # noqa: E402  (tests/benchmarks/benchlib.py)
from benchlib import rolled_back_env  # noqa: E402

YEAR_START = 2021
PERIOD = (datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))
ADMISSION_DAY = datetime.date(YEAR_START, 9, 1)
LETTERS = ['А', 'Б', 'В', 'Г', 'Д']
LANGS = ['kk', 'ru', 'kk', 'ru', 'kk']


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def _day(rnd, start, end):
    return start + datetime.timedelta(days=rnd.randint(0, (end - start).days))


def populate(env, n_schools=150, n_students=100000, seed=7):
    """Write the city in SQL; return what the report must find: ids and the expected totals."""
    from psycopg2.extras import execute_values

    rnd = random.Random(seed)
    cr = env.cr
    uid = env.uid
    now = datetime.datetime.now()
    audit = (uid, uid, now, now)
    year = env['kz.edu.academic.year'].ensure_year(YEAR_START)
    grades = {g: env.ref('kz_edu_contingent.grade_%d' % g).id for g in range(1, 12)}
    reasons = env['kz.edu.movement.reason'].search([])
    arrival = reasons.filtered(lambda r: r.kind == 'arrival').ids
    departure = reasons.filtered(lambda r: r.kind == 'departure').ids
    currency = env.user.company_id.currency_id.id
    Demo = env['kz.edu.demo']

    # --- the department and its schools
    partner_ids = Demo._bulk_insert_partners(
        [{'name': 'Bench city education department', 'is_company': True}] +
        [{'name': 'Bench school No. %d' % (i + 1), 'is_company': True} for i in range(n_schools)])
    # through bulk_insert: Odoo's defaults fill the columns other installed addons add (account's fiscal year...)
    [department] = Demo.bulk_insert('res.company', [{
        'name': 'Bench city education department', 'partner_id': partner_ids[0], 'currency_id': currency,
        'kz_org_type': 'department', 'kz_is_education_org': False}])
    school_ids = Demo.bulk_insert('res.company', [{
        'name': 'Bench school No. %d' % (i + 1), 'partner_id': pid, 'currency_id': currency, 'parent_id': department,
        'kz_org_type': 'school', 'kz_is_education_org': True} for i, pid in enumerate(partner_ids[1:])])

    # --- classes: grades 1-11, as many letters as needed for about 25 students a class
    per_school = n_students // n_schools
    letters = max(1, min(len(LETTERS), int(round(per_school / 11.0 / 25))))
    class_rows, class_keys = [], []
    for school in school_ids:
        for g in range(1, 12):
            for li in range(letters):
                class_rows.append(('%d «%s»' % (g, LETTERS[li]), 'class', school, year.id, grades[g], g,
                                   LETTERS[li], LANGS[li], '1', 25, True) + audit)
                class_keys.append((school, g))
    class_ids = [r[0] for r in execute_values(cr, """
        INSERT INTO kz_edu_class (name, kind, company_id, academic_year_id, grade_id, grade_sequence, letter,
                                  instruction_lang, shift, capacity, active,
                                  create_uid, write_uid, create_date, write_date) VALUES %s RETURNING id""",
        class_rows, page_size=2000, fetch=True)]
    classes_of = {}
    class_info = {}
    for cid, (school, g), row in zip(class_ids, class_keys, class_rows):
        classes_of.setdefault((school, g), []).append(cid)
        class_info[cid] = (school, g, row[7])
    school_classes = {s: [c for c in class_ids if class_info[c][0] == s] for s in school_ids}

    # --- the story of every student, in memory first
    S, E = PERIOD
    students = []     # dicts: school, class, events [(kind, date, from, to, reason)]
    for i in range(per_school * n_schools):
        school = school_ids[i % n_schools]
        cid = rnd.choice(school_classes[school])
        students.append({'school': school, 'class': cid, 'admitted': ADMISSION_DAY, 'events': []})
    n_initial = len(students)
    # a quarter's worth of movement: 2 % leave, 1.5 % change class, 2 % new arrivals; 80 % of it inside the
    # quarter, the rest in the autumn before it or in April after it
    windows = [(S, E)] * 8 + [(datetime.date(2021, 10, 1), datetime.date(2021, 12, 31)),
                              (datetime.date(2022, 4, 1), datetime.date(2022, 4, 30))]
    for st in rnd.sample(students, int(n_initial * 0.015)):
        frm = st['class']
        options = [c for c in classes_of[(st['school'], class_info[frm][1])] if c != frm]
        if options:
            st['events'].append(('transfer', _day(rnd, *rnd.choice(windows)), frm, rnd.choice(options), None))
    for st in rnd.sample(students, int(n_initial * 0.02)):
        later = max([e[1] for e in st['events']] + [ADMISSION_DAY]) + datetime.timedelta(days=1)
        lo, hi = rnd.choice(windows)
        day = max(later, _day(rnd, lo, hi))
        current = st['events'][-1][3] if st['events'] else st['class']
        st['events'].append(('departure', day, current, None, rnd.choice(departure)))
    for _i in range(int(n_initial * 0.02)):
        school = rnd.choice(school_ids)
        students.append({'school': school, 'class': rnd.choice(school_classes[school]),
                         'admitted': _day(rnd, *rnd.choice(windows)), 'events': [], 'reason': rnd.choice(arrival)})

    # --- partners and students
    partner_ids = Demo._bulk_insert_partners([{'name': 'Bench Student %d' % i, 'company_id': st['school']}
                                              for i, st in enumerate(students)])
    rows = []
    for i, (pid, st) in enumerate(zip(partner_ids, students)):
        last = st['events'][-1] if st['events'] else None
        cls = last[3] if last and last[0] == 'transfer' else (last[2] if last else st['class'])
        state = 'left' if last and last[0] == 'departure' else 'enrolled'
        rows.append((pid, st['school'], state, cls, year.id, grades[class_info[cls][1]], class_info[cls][2],
                     st['admitted'], 'B%06d' % i) + audit)
    student_ids = [r[0] for r in execute_values(cr, """
        INSERT INTO kz_edu_student (partner_id, company_id, state, class_id, academic_year_id, grade_id,
                                    instruction_lang, admission_date, student_number,
                                    create_uid, write_uid, create_date, write_date) VALUES %s RETURNING id""",
        rows, page_size=5000, fetch=True)]
    env['res.partner']._kz_mark_family(partner_ids)      # what create() of a student sets on the person

    # --- orders (one admission order per school for 1 September, one order per later movement) and lines
    order_keys, order_rows = [], []
    for school in school_ids:
        order_keys.append(('admission', ADMISSION_DAY, school))
    for sid, st in zip(student_ids, students):
        if st['admitted'] != ADMISSION_DAY:
            order_keys.append(('admission', st['admitted'], sid))
        for ev in st['events']:
            order_keys.append((ev[0], ev[1], sid))
    for n, (kind, day, owner) in enumerate(order_keys):
        company = owner if kind == 'admission' and day == ADMISSION_DAY else None
        order_rows.append(('BENCH-%06d' % n, day, kind, company, 'done') + audit)
    owner_company = dict(zip(student_ids, (st['school'] for st in students)))
    order_rows = [r[:3] + (r[3] or owner_company[order_keys[i][2]],) + r[4:] for i, r in enumerate(order_rows)]
    order_ids = [r[0] for r in execute_values(cr, """
        INSERT INTO kz_edu_movement_order (name, date, kind, company_id, state,
                                           create_uid, write_uid, create_date, write_date) VALUES %s RETURNING id""",
        order_rows, page_size=5000, fetch=True)]
    order_of = dict(zip(order_keys, order_ids))
    first_reason = arrival[0]
    line_rows = []
    for sid, st in zip(student_ids, students):
        if st['admitted'] == ADMISSION_DAY:
            order = order_of[('admission', ADMISSION_DAY, st['school'])]
            reason = first_reason
        else:
            order = order_of[('admission', st['admitted'], sid)]
            reason = st['reason']
        line_rows.append((order, 'admission', 'done', st['admitted'], st['school'], sid, None, st['class'],
                          reason) + audit)
        for ev in st['events']:
            line_rows.append((order_of[(ev[0], ev[1], sid)], ev[0], 'done', ev[1], st['school'], sid, ev[2], ev[3],
                              ev[4]) + audit)
    execute_values(cr, """
        INSERT INTO kz_edu_movement_line (order_id, kind, state, date, company_id, student_id, from_class_id,
                                          to_class_id, reason_id, create_uid, write_uid, create_date, write_date)
        VALUES %s""", line_rows, page_size=5000)

    # --- the class history
    enr_rows = []
    one = datetime.timedelta(days=1)
    for sid, st in zip(student_ids, students):
        cls, since = st['class'], st['admitted']
        closed = False
        for kind, day, frm, to, _reason in st['events']:
            enr_rows.append((sid, cls, since, day - one, st['school']) + audit)
            if kind == 'transfer':
                cls, since = to, day
            else:
                closed = True
        if not closed:
            enr_rows.append((sid, cls, since, None, st['school']) + audit)
    execute_values(cr, """
        INSERT INTO kz_edu_enrollment (student_id, class_id, date_from, date_to, company_id,
                                       create_uid, write_uid, create_date, write_date) VALUES %s""",
                   enr_rows, page_size=5000)
    for table in ('res_company', 'kz_edu_class', 'kz_edu_student', 'kz_edu_enrollment', 'kz_edu_movement_order',
                  'kz_edu_movement_line'):
        cr.execute('ANALYZE %s' % table)   # fixed table names, no input
    env["res.company"].invalidate_cache()   # Odoo 11: invalidates the whole cache of the environment

    # --- what the report must find, counted straight from the story
    eve = S - one
    start = end = arrived = left = 0
    for st in students:
        dep = [e[1] for e in st['events'] if e[0] == 'departure']
        gone = dep[0] if dep else None
        present = lambda day: st['admitted'] <= day and (gone is None or gone > day)
        start += present(eve)
        end += present(E)
        arrived += S <= st['admitted'] <= E
        left += gone is not None and S <= gone <= E
    return {
        'department': department, 'school_ids': school_ids, 'classes': len(class_ids),
        'students': len(students), 'enrollments': len(enr_rows), 'lines': len(line_rows),
        'orders': len(order_ids), 'expected': {'start': start, 'arrived': arrived, 'left': left, 'end': end},
    }


def timed(fn, repeat):
    times, result = [], None
    for _i in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, times


def run(env, n_schools=150, n_students=100000, repeat=3, out=print):
    """Populate, time, check; return the figures (the caller rolls back)."""
    out('machine: %s' % machine())
    cr = env.cr
    cr.execute('SHOW server_version')
    out('PostgreSQL %s' % cr.fetchone()[0])
    t0 = time.perf_counter()
    city = populate(env, n_schools, n_students)
    out('generated in %.1f s (SQL, rolled back at the end): %d schools, %d classes, %d students, %d class-history '
        'rows, %d orders, %d movement lines' % (time.perf_counter() - t0, len(city['school_ids']), city['classes'],
                                                 city['students'], city['enrollments'], city['orders'],
                                                 city['lines']))
    Wizard = env['kz.edu.contingent.report.wizard']
    S, E = str(PERIOD[0]), str(PERIOD[1])
    figures = {'city': city}

    def check(label, res):
        t = res['total']
        got = {k: t[k] for k in ('start', 'arrived', 'left', 'end')}
        ok = got == city['expected'] and res['balanced'] and t['internal_in'] == t['internal_out'] == 0
        out('  %s: total start %d + arrived %d - left %d = end %d; balanced %s; groups %d; %s'
            % (label, t['start'], t['arrived'], t['left'], t['end'], res['balanced'], len(res['rows']),
               'matches the generator' if ok else 'MISMATCH, expected %s' % city['expected']))
        return ok

    out('movement report %s .. %s over %d schools (%d runs each):' % (S, E, len(city['school_ids']), repeat))
    for label, user_env, group_by in [
            ('superuser, by school and class', env, ('company', 'class')),
            ('superuser, by school', env, ('company',)),
            ('district user (record rules), by school and class', None, ('company', 'class'))]:
        if user_env is None:
            user = env['res.users'].with_context(no_reset_password=True).create({
                'name': 'Bench district', 'login': 'bench_district_%d' % city['department'],
                'company_id': city['department'],
                'company_ids': [(6, 0, [city['department']] + city['school_ids'])],
                'groups_id': [(6, 0, [env.ref('kz_edu_base.group_district').id])]})
            user_env = env(user=user.id)
        W = user_env['kz.edu.contingent.report.wizard']
        res, times = timed(lambda: W.movement_report(city['school_ids'], S, E, group_by), repeat)
        out('  %-52s first %.2f s, best %.2f s, median %.2f s' % (label, times[0], min(times),
                                                               statistics.median(times)))
        figures[label] = {'times': times, 'ok': check(label, res)}

    wiz = Wizard.create({'report_kind': 'movement', 'date_from': S, 'date_to': E, 'group_school': True,
                         'group_class': True, 'company_ids': [(6, 0, city['school_ids'])]})
    report = env.ref('kz_edu_contingent.kz_edu_contingent_movement_xlsx')
    (content, _fmt), times = timed(lambda: report.render_xlsx([wiz.id], {}), 1)
    out('  XLSX of the same report (by school and class): %.2f s, %d KB' % (times[0], len(content) // 1024))
    figures['xlsx'] = times[0]
    worst = max(min(figures[k]['times']) for k in figures if isinstance(figures[k], dict) and 'times' in figures[k])
    out('target < 5 s for the quarter city-wide: %s (best run of the slowest variant %.2f s)'
        % ('met' if worst < 5 else 'NOT met', worst))
    return figures


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--config', required=True, help='odoo.conf')
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--schools', type=int, default=150)
    ap.add_argument('--students', type=int, default=100000)
    ap.add_argument('--repeat', type=int, default=3)
    args = ap.parse_args(argv)
    with rolled_back_env(args.config, args.database) as env:
        figures = run(env, args.schools, args.students, args.repeat)
    print('rolled back: nothing was written to %s' % args.database)
    return 0 if all(v.get('ok', True) for v in figures.values() if isinstance(v, dict)) else 1


def test_benchmark_smoke():
    """A small city (4 schools, 2 000 students) through the whole benchmark; counts checked, times only printed."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the contingent benchmark smoke test')
    with rolled_back_env(conf, db) as env:
        figures = run(env, n_schools=4, n_students=2000, repeat=1)
    checks = [v['ok'] for v in figures.values() if isinstance(v, dict) and 'ok' in v]
    assert checks and all(checks)
    assert figures['city']['students'] >= 2000


if __name__ == '__main__':
    sys.exit(main())
