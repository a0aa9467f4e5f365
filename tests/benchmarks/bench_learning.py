#!/usr/bin/env python3
"""Benchmark of the school journal (issue #19, LMS-08, LMS-12). Prints figures and the machine; asserts no timing.

    /work/main/.venv/bin/python tests/benchmarks/bench_learning.py -c <odoo.conf> -d <db>
        [--pupils 1200] [--subjects 12] [--marks 60] [--repeat 3]

Into the given database (kz_edu_learning installed) it writes, in SQL (kz.edu.demo.bulk_insert, execute_values; the
ORM creates about ten journal rows a second here), a school of ``pupils`` pupils in classes of 25 with their
enrolment, ``subjects`` subjects a class with a teaching load of about 30 hours a week for 60 teachers, a timetable
built from it (timetable_rules.build_timetable) with three clashes added on purpose, and a school year of the
journal: ``marks`` lessons a year per class and subject (15 a quarter) where every pupil gets a formative mark
(1 200 × 12 × 60 = 864 000 journal rows), two СОр and a СОч per class, subject and quarter with every pupil's points.
It then times, and checks against what the generator knows:

* a class × quarter journal page (kz.edu.lesson.kz_journal_page) for one subject and for all subjects of a class —
  target < 1 s;
* the quarter report of a school year: the quarter marks of the school computed from the journal
  (kz.edu.period.mark.kz_compute_quarter, over the 864 000 journal rows of the year) and the class performance report
  of the quarter (kz.edu.learning.report.wizard.performance) — target < 5 s; then, for information, the four quarters
  and the year marks;
* the clash check of the school's timetable (kz.edu.timetable.slot.kz_clashes, one SQL statement) — target < 1 s;
  it must find exactly the three clashes added.

Everything is ROLLED BACK: nothing is committed. ``test_benchmark_smoke`` runs a small instance under pytest when
KZ_BENCH_CONF and KZ_BENCH_DB name an Odoo config and a database; it is skipped otherwise.
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

YEAR_START = 2031            # a year of its own (academic years may not overlap): nothing of the demo is touched
HOURS = [5, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, times


def populate(env, n_pupils=1200, n_subjects=12, n_marks=60, seed=19, out=print):
    """Write the school in SQL; return what the checks need."""
    from psycopg2.extras import execute_values
    from odoo.addons.kz_edu_learning import timetable_rules

    rnd = random.Random(seed)
    cr, uid = env.cr, env.uid
    Demo = env['kz.edu.demo']
    t0 = time.perf_counter()
    year = env['kz.edu.academic.year'].ensure_year(YEAR_START)
    quarters = year.period_ids.sorted('sequence')
    currency = env.user.company_id.currency_id.id
    [partner] = Demo._bulk_insert_partners([{'name': 'Bench journal school', 'is_company': True}])
    [school_id] = Demo.bulk_insert('res.company', [{'name': 'Bench journal school', 'partner_id': partner,
                                                    'currency_id': currency, 'kz_org_type': 'school',
                                                    'kz_is_education_org': True}])
    school = env['res.company'].browse(school_id)
    grades = {g.sequence: g.id for g in env['kz.edu.grade'].search([])}
    n_classes = max(1, n_pupils // 25)
    class_rows = []
    for n in range(n_classes):
        grade = 2 + n % 10
        class_rows.append({'company_id': school_id, 'academic_year_id': year.id, 'grade_id': grades[grade],
                           'grade_sequence': grade, 'letter': 'Б%d' % n, 'kind': 'class', 'instruction_lang': 'kk',
                           'shift': '1', 'name': '%d «Б%d»' % (grade, n), 'active': True, 'room': 'R%d' % n})
    class_ids = Demo.bulk_insert('kz.edu.class', class_rows)
    # pupils
    people = Demo._bulk_insert_partners([{'name': 'Оқушы %05d' % n, 'company_id': school_id}
                                         for n in range(n_pupils)])
    student_ids = Demo.bulk_insert('kz.edu.student', [
        {'partner_id': pid, 'company_id': school_id, 'state': 'enrolled', 'class_id': class_ids[n % n_classes],
         'student_number': 'B%05d' % n} for n, pid in enumerate(people)])
    Demo.bulk_insert('kz.edu.enrollment', [{'student_id': sid, 'class_id': class_ids[n % n_classes],
                                            'date_from': year.date_start, 'company_id': school_id}
                                           for n, sid in enumerate(student_ids)])
    pupils_of = {}
    for n, sid in enumerate(student_ids):
        pupils_of.setdefault(class_ids[n % n_classes], []).append(sid)
    # teachers (60, through the ORM: they need their resource records) and the load
    Employee = env['hr.employee'].with_context(tracking_disable=True, mail_create_nolog=True)
    teachers = [Employee.create({'name': 'Bench teacher %d' % n, 'company_id': school_id}).id for n in range(60)]
    subjects = env['kz.edu.subject'].search([], limit=n_subjects).ids
    hours = (HOURS * 2)[:len(subjects)]
    load_rows, busy = [], {t: 0 for t in teachers}
    ti = 0
    for cls_id in class_ids:
        for subject_id, h in zip(subjects, hours):
            while busy[teachers[ti % len(teachers)]] + h > 26:
                ti += 1
            teacher = teachers[ti % len(teachers)]
            busy[teacher] += h
            load_rows.append({'company_id': school_id, 'academic_year_id': year.id, 'employee_id': teacher,
                              'class_id': cls_id, 'subject_id': subject_id, 'group_no': 1, 'hours': h,
                              'grade_band': '5-9'})
            ti += 1
    load_ids = Demo.bulk_insert('kz.edu.teaching.load', load_rows)
    # the timetable from the load, then three clashes on purpose
    env['kz.edu.bell'].kz_ensure_default(school)
    bells = {(b.shift, b.period_no): b for b in env['kz.edu.bell'].search([('company_id', '=', school_id)])}
    chunks = [{'key': lid, 'class_id': r['class_id'], 'teacher': r['employee_id'], 'subject': r['subject_id'],
               'group_no': 1, 'hours': r['hours'], 'split': False} for lid, r in zip(load_ids, load_rows)]
    built = timetable_rules.build_timetable(chunks, {c: 1 for c in class_ids}, days=(0, 1, 2, 3, 4, 5))
    by_load = dict(zip(load_ids, load_rows))
    rooms = {c: rid for c, rid in zip(class_ids, Demo.bulk_insert(
        'kz.edu.room', [{'name': 'R%d' % n, 'company_id': school_id, 'active': True}
                        for n in range(n_classes)]))}
    slot_rows = []
    for s in built['slots']:
        r = by_load[s['key']]
        bell = bells['1', s['period']]
        slot_rows.append({'load_id': s['key'], 'company_id': school_id, 'academic_year_id': year.id,
                          'class_id': r['class_id'], 'subject_id': r['subject_id'], 'group_no': 1,
                          'employee_id': r['employee_id'], 'shift': '1', 'weekday': str(s['weekday']),
                          'period_no': s['period'], 'time_start': bell.time_start, 'time_end': bell.time_end,
                          'room_id': rooms[r['class_id']], 'active': True})
    clashes = []
    if len(slot_rows) > 3:
        for n in range(3):
            base = dict(slot_rows[n * 7])
            other = [r for r in slot_rows if r['class_id'] != base['class_id']
                     and r['employee_id'] != base['employee_id']][n]
            # another class's teacher and room at the same time as ``base``: clashes with base (room) and with
            # the other class's own lesson at that time if any (teacher) — counted below from the generator
            clashes.append(dict(base, load_id=other['load_id'], class_id=other['class_id'],
                                subject_id=other['subject_id'], employee_id=other['employee_id']))
    slot_ids = Demo.bulk_insert('kz.edu.timetable.slot', slot_rows + clashes)
    expected = _expected_clashes(slot_rows + clashes, slot_ids)
    # the journal: n_marks lessons a year per class and subject, every pupil a mark in each
    per_quarter = max(1, n_marks // 4)
    lesson_rows = []
    for lid, r in zip(load_ids, load_rows):
        for q in quarters:
            start = datetime.date(*map(int, q.date_start.split('-')))
            end = datetime.date(*map(int, q.date_end.split('-')))
            span = (end - start).days
            for k in range(per_quarter):
                day = start + datetime.timedelta(days=(k * span) // per_quarter)
                lesson_rows.append({'company_id': school_id, 'academic_year_id': year.id, 'period_id': q.id,
                                    'date': day.isoformat(), 'load_id': lid, 'class_id': r['class_id'],
                                    'grade_sequence': 5, 'subject_id': r['subject_id'], 'group_no': 1,
                                    'employee_id': r['employee_id'], 'teacher_id': r['employee_id'],
                                    'period_no': 1 + k % 6, 'state': 'done', 'topic': 'Тақырып %d' % k})
    lesson_ids = Demo.bulk_insert('kz.edu.lesson', lesson_rows)
    n_entries, batch = 0, []

    def flush(rows):
        execute_values(cr, """
            INSERT INTO kz_edu_lesson_entry (lesson_id, student_id, company_id, date, class_id, subject_id, period_id,
                                             attendance, mark, create_uid, write_uid, create_date, write_date)
            VALUES %s""", rows, template='(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now(), now())',
                       page_size=5000)
    for lesson_id, l in zip(lesson_ids, lesson_rows):
        for sid in pupils_of[l['class_id']]:
            batch.append((lesson_id, sid, school_id, l['date'], l['class_id'], l['subject_id'], l['period_id'],
                          'present', rnd.randint(3, 10), uid, uid))
        if len(batch) >= 100000:
            flush(batch)
            n_entries += len(batch)
            batch = []
    if batch:
        flush(batch)
        n_entries += len(batch)
    # summative works: two СОр and a СОч per load row and quarter
    work_rows, work_keys = [], []
    for lid, r in zip(load_ids, load_rows):
        for q in quarters:
            for kind, maximum in (('sor', 15), ('sor', 20), ('soch', 25)):
                work_rows.append({'name': kind, 'kind': kind, 'load_id': lid, 'company_id': school_id,
                                  'class_id': r['class_id'], 'subject_id': r['subject_id'], 'group_no': 1,
                                  'employee_id': r['employee_id'], 'period_id': q.id, 'date': q.date_end,
                                  'max_points': maximum})
                work_keys.append((r['class_id'], r['subject_id'], q.id, kind, maximum))
    work_ids = Demo.bulk_insert('kz.edu.assessment', work_rows)
    results = []
    for wid, (cls_id, subject_id, qid, kind, maximum) in zip(work_ids, work_keys):
        for sid in pupils_of[cls_id]:
            results.append((wid, sid, school_id, kind, qid, subject_id, rnd.randint(maximum // 3, maximum), False,
                            uid, uid))
    execute_values(cr, """
        INSERT INTO kz_edu_assessment_result (assessment_id, student_id, company_id, kind, period_id, subject_id,
                                              points, absent, create_uid, write_uid, create_date, write_date)
        VALUES %s""", results, template='(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now(), now())', page_size=5000)
    cr.execute('ANALYZE kz_edu_lesson_entry; ANALYZE kz_edu_assessment_result; ANALYZE kz_edu_lesson; '
               'ANALYZE kz_edu_timetable_slot')
    env.clear()
    out('populated in %.1f s: %d classes, %d pupils, %d load rows, %d timetable lines (%d unplaced hours), '
        '%d lessons, %d journal rows, %d summative works, %d results'
        % (time.perf_counter() - t0, n_classes, n_pupils, len(load_ids), len(slot_ids),
           sum(h for _k, h in built['unplaced']), len(lesson_ids), n_entries, len(work_ids), len(results)))
    return {'school': school, 'year': year, 'quarters': quarters, 'classes': class_ids, 'subjects': subjects,
            'pupils': n_pupils, 'entries': n_entries, 'expected_clashes': expected,
            'pupils_of': pupils_of, 'per_quarter': per_quarter}


def _expected_clashes(rows, ids):
    """The clashing pairs the generator made, found the slow way (for the check only)."""
    found = set()
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            a, b = rows[i], rows[j]
            if a['weekday'] != b['weekday'] or not (a['time_start'] < b['time_end'] and b['time_start'] < a['time_end']):
                continue
            if a['employee_id'] == b['employee_id'] or a['room_id'] == b['room_id'] or a['class_id'] == b['class_id']:
                found.add((min(ids[i], ids[j]), max(ids[i], ids[j])))
    return found


def run(env, n_pupils=1200, n_subjects=12, n_marks=60, repeat=3, out=print):
    out('machine: %s' % machine())
    s = populate(env, n_pupils, n_subjects, n_marks, out=out)
    figures = {'populated': s}
    school, year, quarters = s['school'], s['year'], s['quarters']
    Lesson, Mark = env['kz.edu.lesson'], env['kz.edu.period.mark']
    # 1. journal page
    cls_id, subject_id, q = s['classes'][0], s['subjects'][0], quarters[1]
    page, times = timed(lambda: Lesson.kz_journal_page(cls_id, subject_id, q.id), repeat)
    ok = len(page['lessons']) == s['per_quarter'] and len(page['pupils']) == len(s['pupils_of'][cls_id]) \
        and all(all(c for c in p['cells']) for p in page['pupils'])
    out('journal page, one class × quarter × subject (%d pupils × %d lessons): best %.3f s, median %.3f s%s'
        % (len(page['pupils']), len(page['lessons']), min(times), statistics.median(times),
           '' if ok else '  CHECK FAILED'))
    figures['journal_page'] = {'times': times, 'ok': ok}
    _pages, times = timed(lambda: [Lesson.kz_journal_page(cls_id, sub, q.id) for sub in s['subjects']], repeat)
    out('journal pages, one class × quarter, all %d subjects: best %.3f s' % (len(s['subjects']), min(times)))
    figures['journal_class'] = {'times': times, 'ok': True}
    # 2. the quarter report: a quarter's marks computed from the journal, then the class performance report
    Wizard = env['kz.edu.learning.report.wizard']
    wizard = Wizard.create({'report_kind': 'performance', 'company_id': school.id, 'period_id': quarters[1].id,
                            'recompute_marks': False, 'lang': 'ru_RU'})
    written, times = timed(lambda: Mark.kz_compute_quarter(school, quarters[1]), repeat)
    ok = written == s['pupils'] * len(s['subjects'])
    perf, times2 = timed(wizard.performance, repeat)
    ok2 = perf['total']['attested'] == s['pupils']
    quarter = min(times) + min(times2)
    out('quarter marks of the school from %d journal rows of the year (%d marks): best %.2f s%s'
        % (s['entries'], written, min(times), '' if ok else '  CHECK FAILED'))
    out('class performance report of the quarter: best %.2f s%s' % (min(times2), '' if ok2 else '  CHECK FAILED'))
    out('quarter report (marks + report): %.2f s, target < 5 s: %s' % (quarter, 'met' if quarter < 5 else 'NOT met'))
    figures['quarter_marks'] = {'times': times, 'ok': ok}
    figures['performance'] = {'times': times2, 'ok': ok2}
    # the whole school year: the four quarters and the year marks
    def school_year():
        n = sum(Mark.kz_compute_quarter(school, period) for period in quarters)
        return n + Mark.kz_compute_year(school, year)
    written, times = timed(school_year, 1)
    expected_marks = s['pupils'] * len(s['subjects']) * 5
    ok = written == expected_marks
    out('the school year: four quarters and the year marks (%d marks): %.2f s%s'
        % (written, times[0], '' if ok else '  CHECK FAILED (expected %d)' % expected_marks))
    figures['year_marks'] = {'times': times, 'ok': ok}
    # 3. clash check
    Slot = env['kz.edu.timetable.slot']
    clashes, times = timed(lambda: Slot.kz_clashes(school.id, year.id), repeat)
    found = {(min(a, b), max(a, b)) for a, b, _k in clashes}
    ok = found == s['expected_clashes'] and len(found) >= 3
    out('clash check of the school timetable (%d lines): best %.3f s, %d clashes found%s'
        % (Slot.search_count([('company_id', '=', school.id)]), min(times), len(found),
           '' if ok else '  CHECK FAILED (expected %d)' % len(s['expected_clashes'])))
    figures['clashes'] = {'times': times, 'ok': ok}
    return figures


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--config', required=True, help='odoo.conf')
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--pupils', type=int, default=1200)
    ap.add_argument('--subjects', type=int, default=12)
    ap.add_argument('--marks', type=int, default=60)
    ap.add_argument('--repeat', type=int, default=3)
    args = ap.parse_args(argv)
    with rolled_back_env(args.config, args.database) as env:
        figures = run(env, args.pupils, args.subjects, args.marks, args.repeat)
    print('rolled back: nothing was written to %s' % args.database)
    return 0 if all(v.get('ok', True) for v in figures.values() if isinstance(v, dict) and 'ok' in v) else 1


def test_benchmark_smoke():
    """A small school (100 pupils, 4 subjects, 8 marks a year) through the whole benchmark; checked, not timed."""
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('set KZ_BENCH_CONF and KZ_BENCH_DB to run the journal benchmark smoke test')
    with rolled_back_env(conf, db) as env:
        figures = run(env, n_pupils=100, n_subjects=4, n_marks=8, repeat=1)
    checks = [v['ok'] for v in figures.values() if isinstance(v, dict) and 'ok' in v]
    assert checks and all(checks)


if __name__ == '__main__':
    sys.exit(main())
