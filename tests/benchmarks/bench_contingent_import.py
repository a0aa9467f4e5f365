"""Benchmark of the student import (ACC-14): 3 000 students with their parents from one XLSX, end to end.

    .venv/bin/python tests/benchmarks/bench_contingent_import.py -c /tmp/kz-dev-imp/odoo.conf -d dev [--rows 3000]

Builds the workbook with the demo generator (addons/kz_edu_base/demo_people.py: names, families, valid IINs that
are not yet in the database), then, as a deputy director of a school, creates the import wizard and presses
"Import", in one transaction that is rolled back at the end (the database is left as it was, apart from the
student-number sequence, which PostgreSQL never rolls back). Prints the timings and the machine; asserts no time:
the target is under 60 s for 3 000 students on the 2-core reference machine.

Importing this file has no side effect. `test_benchmark_smoke` (pytest) runs a small import when the environment
names a database: KZ_BENCH_CONF=/tmp/kz-dev-imp/odoo.conf KZ_BENCH_DB=dev .venv/bin/pytest -p no:odoo <this file>
"""
import argparse
import base64
import datetime
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


from benchlib import configure, machine  # noqa: E402


def build_rows(demo_people, year_start, taken, n_rows, seed=77):
    """n_rows student rows (one parent each, siblings share a parent), with IINs not in `taken`."""
    factory = demo_people.IinFactory(taken)
    per_class = -(-n_rows // len(demo_people.CLASS_PLAN))
    pop = demo_people.school_population(seed, year_start, n_per_class=per_class, iin_factory=factory)
    parents = {p['iin']: p for p in pop['parents']}
    rows = []
    for i, s in enumerate(pop['students'][:n_rows]):
        fam = [parents[x] for x in s['parents']]
        parent = fam[1] if (i % 3 == 2 and len(fam) > 1) else fam[0]
        kazakh = s['lang'] == 'kk'
        relation = {'mother': ('анасы', 'мать'), 'father': ('әкесі', 'отец')}[parent['relation']][0 if kazakh else 1]
        rows.append([
            s['iin'], s['last_name'], s['first_name'], s['patronymic'], s['grade'], s['letter'],
            'қазақ' if kazakh else 'русский', 1 if s['grade'] <= 4 or s['grade'] >= 9 else 2,
            datetime.date(year_start, 9, 1), parent['iin'], demo_people.full_name(parent), relation,
            parent['phone'], 'LARGE_FAMILY' if i % 20 == 0 else None, 'MILK, EGGS' if i % 33 == 0 else None])
    return rows


HEADERS = ['ЖСН', 'Тегі', 'Аты', 'Әкесінің аты', 'Сынып', 'Әріп', 'Оқу тілі', 'Ауысым', 'Қабылданған күні',
           'Ата-анасының ЖСН', 'Ата-анасы', 'Туыстығы', 'Телефон', 'Әлеуметтік санат', 'Аллергия']


def build_workbook(rows):
    from odoo.addons.kz_edu_contingent import contingent_import
    return contingent_import.write_rows(HEADERS, rows)


def _deputy(env):
    """The demo deputy director, or one made for the run (rolled back with everything else)."""
    group = env.ref('kz_edu_base.group_deputy_director')
    user = env['res.users'].search([('login', '=', 'deputy')], limit=1)
    if user and user.has_group('kz_edu_base.group_deputy_director'):
        return user
    school = env['res.company'].search([('kz_org_type', 'in', ('school', 'gymnasium', 'lyceum'))], limit=1) \
        or env.user.company_id
    return env['res.users'].with_context(no_reset_password=True).create({
        'name': 'Benchmark deputy', 'login': 'bench_deputy_%d' % os.getpid(), 'company_id': school.id,
        'company_ids': [(6, 0, [school.id])], 'groups_id': [(6, 0, [group.id])]})


def run(conf, db, n_rows=3000, verbose=True):
    """Import n_rows students in a rolled-back transaction; return the figures (dict)."""
    os.environ['TZ'] = 'UTC'
    import odoo
    from odoo import api, fields, SUPERUSER_ID
    configure(conf, db)
    odoo.netsvc.init_logger()
    from odoo.addons.kz_edu_base import demo_people
    from odoo.addons.kz_edu_contingent import contingent_import as ci

    say = print if verbose else (lambda *a, **k: None)
    figures = dict(machine(), rows=n_rows)
    say('machine: %(nproc)s cores, %(cpu)s, Python %(python)s, %(system)s' % figures)
    t0 = time.time()
    registry = odoo.registry(db)
    figures['registry_s'] = time.time() - t0
    cr = registry.cursor()
    try:
        with api.Environment.manage():
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute('SHOW server_version')
            figures['postgresql'] = cr.fetchone()[0]
            deputy = _deputy(env)
            school = deputy.company_id
            today = fields.Date.from_string(fields.Date.context_today(env['res.partner']))
            year = env['kz.edu.academic.year'].ensure_year(today.year if today.month >= 9 else today.year - 1)
            cr.execute('SELECT kz_iin FROM res_partner WHERE kz_iin IS NOT NULL')
            taken = {r[0] for r in cr.fetchall()}
            t = time.time()
            rows = build_rows(demo_people, int(year.date_start[:4]), taken, n_rows)
            data = build_workbook(rows)
            figures['build_file_s'] = time.time() - t
            figures['file_kb'] = len(data) // 1024
            say('file: %d rows, %d kB, built in %.1f s (not timed below)' % (len(rows), figures['file_kb'],
                                                                             figures['build_file_s']))
            # the pure phase alone, for the breakdown
            t = time.time()
            sheet = ci.read_workbook(data)
            figures['read_s'] = time.time() - t
            t = time.time()
            ci.validate_sheet(sheet, category_codes=['LARGE_FAMILY'], allergen_codes=['MILK', 'EGGS'],
                              default_lang='kk', today=today)
            figures['validate_s'] = time.time() - t

            counts_before = _counts(cr, school.id)
            denv = api.Environment(cr, deputy.id, dict(env['res.users'].sudo(deputy).context_get()))
            t = time.time()
            wiz = denv['kz.edu.student.import'].create({
                'file': base64.b64encode(data), 'filename': 'bench.xlsx', 'academic_year_id': year.id,
                'date': year.date_start})
            wiz.action_import()
            figures['import_s'] = time.time() - t
            counts_after = _counts(cr, school.id)
            figures.update(imported=wiz.imported_count, refused=wiz.refused_count, parents=wiz.parent_count,
                           classes=wiz.class_count, order_lines=len(wiz.order_id.line_ids))
            figures['added'] = {k: counts_after[k] - counts_before[k] for k in counts_after}
            say('school: %s (deputy %s), academic year %s' % (school.name, deputy.login, year.name))
            say('import wizard end to end: %.1f s for %d rows (%.0f rows/s); reading %.1f s, validating %.1f s '
                'of it' % (figures['import_s'], n_rows, n_rows / figures['import_s'], figures['read_s'],
                           figures['validate_s']))
            say('imported %(imported)d, refused %(refused)d, new parents %(parents)d, classes created %(classes)d, '
                'order lines %(order_lines)d' % figures)
            say('rows added: %s' % ', '.join('%s %d' % kv for kv in sorted(figures['added'].items())))
            say('PostgreSQL %(postgresql)s; registry loaded in %(registry_s).1f s' % figures)
    finally:
        cr.rollback()
        cr.close()
    say('rolled back: the database is unchanged')
    return figures


def _counts(cr, company_id):
    out = {}
    for table in ('res_partner', 'kz_edu_student', 'kz_edu_guardian', 'kz_edu_enrollment', 'kz_edu_movement_line',
                  'kz_edu_student_social', 'kz_edu_class'):
        cr.execute('SELECT count(*) FROM "%s"' % table)  # table names are constants of this file
        out[table] = cr.fetchone()[0]
    return out


def test_benchmark_smoke():
    """A small import through the benchmark (skipped unless KZ_BENCH_CONF and KZ_BENCH_DB name a database)."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the import benchmark on a database')
    figures = run(conf, db, n_rows=120, verbose=False)
    assert figures['imported'] == 120 and figures['refused'] == 0
    assert figures['order_lines'] == 120
    assert figures['added']['kz_edu_student'] == 120 and figures['added']['kz_edu_enrollment'] == 120


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('-c', '--config', required=True, help='odoo.conf of the database')
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--rows', type=int, default=3000)
    args = parser.parse_args(argv)
    run(args.config, args.database, args.rows)
    return 0


if __name__ == '__main__':
    sys.exit(main())
