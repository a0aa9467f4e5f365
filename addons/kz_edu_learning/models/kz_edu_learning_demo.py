# -*- coding: utf-8 -*-
"""Demo school journal for both demo schools (issue #19), on the one demo calendar (kz_edu_base/demo_calendar.py,
``kz.edu.demo.demo_today()``), so it holds on any build day:

* the curriculum and the teaching load of school No. 2 (school No. 1 has them from kz_edu_tariff's demo), built by
  kz_edu_tariff's own demo generator;
* the bell schedule and a timetable without clashes built from the load (kz.edu.timetable.slot.kz_build_from_load);
* the lessons of the last finished quarter of the current academic year (if one has finished) and of the current
  quarter up to the end of next week, planned from the timetable; those up to the demo's today are given: a topic,
  attendance (about 4 % absent with a reason, 1.5 % late) and formative marks (about a third of the pupils a lesson,
  by each pupil's deterministic ability), two СОр and a СОч per load row and quarter (once their lesson is given),
  homework on about a third of the lessons of the last two weeks;
* the quarter marks of those quarters computed by the rules, those of the finished quarter confirmed;
* a substitution on the demo day (the demo teacher replaced in one lesson) and the demo student's homework answers.

Everything is written in bulk (kz.edu.demo.bulk_insert): about 10 000 lessons and 150 000 journal rows, which the
ORM would take an hour to create. The generator is deterministic (seeded by the school)."""
import datetime
import logging
import random

from odoo import api, fields, models

from odoo.addons.kz_edu_base import demo_calendar

_logger = logging.getLogger(__name__)

TOPICS_KK = ['Кіріспе сабақ', 'Жаңа тақырыпты түсіндіру', 'Тақырыпты бекіту', 'Практикалық жұмыс', 'Есептер шығару',
             'Қайталау', 'Өзіндік жұмыс', 'Жобалық жұмыс', 'Диктант', 'Зертханалық жұмыс']
TOPICS_RU = ['Вводный урок', 'Объяснение новой темы', 'Закрепление темы', 'Практическая работа', 'Решение задач',
             'Повторение', 'Самостоятельная работа', 'Проектная работа', 'Диктант', 'Лабораторная работа']
HOMEWORK_KK = ['Оқулықтағы жаттығуларды орындау', 'Тақырыпты оқып, сұрақтарға жауап беру', 'Есептерді шығару',
               'Шағын эссе жазу', 'Жоба бойынша материал жинау']
HOMEWORK_RU = ['Выполнить упражнения из учебника', 'Прочитать тему и ответить на вопросы', 'Решить задачи',
               'Написать короткое эссе', 'Собрать материал для проекта']
REASONS = ['ill', 'ill', 'ill', 'excused', 'unexcused']


class KzEduLearningDemo(models.AbstractModel):
    _name = 'kz.edu.learning.demo'
    _description = 'Demo school journal'

    @api.model
    def populate(self):
        today = self.env['kz.edu.demo'].demo_today()
        year = self.env['kz.edu.academic.year'].search(
            [('name', '=', '%d-%d' % (demo_calendar.school_year_start(today),
                                      demo_calendar.school_year_start(today) + 1))])
        if not year:
            return True
        built = False
        for xmlid in ('kz_edu_base.company_school1_demo', 'kz_edu_base.company_school2_demo'):
            company = self.env.ref(xmlid)
            if self.env['kz.edu.timetable.slot'].search_count([('company_id', '=', company.id),
                                                               ('academic_year_id', '=', year.id)]):
                continue          # built at install; an update of the addon adds nothing
            self._ensure_load(company, year)
            self.env['kz.edu.timetable.slot'].kz_build_from_load(company, year)
            self._journal(company, year, today)
            built = True
        if built:
            self._demo_people(year, today)
        return True

    # ------------------------------------------------------------------------------------------ load
    def _ensure_load(self, company, year):
        """School No. 2's curriculum and load by kz_edu_tariff's demo generator (school No. 1 has them)."""
        if self.env['kz.edu.teaching.load'].search_count([('company_id', '=', company.id),
                                                          ('academic_year_id', '=', year.id)]):
            return
        Gen = self.env['kz.edu.curriculum.demo']
        classes = self.env['kz.edu.class'].search([('company_id', '=', company.id),
                                                   ('academic_year_id', '=', year.id), ('kind', '=', 'class')],
                                                  order='grade_sequence, letter')
        curriculum = Gen._create_curriculum(company, year, classes)
        Gen._create_load(curriculum, classes)
        curriculum.with_context(tracking_disable=True).write({
            'state': 'approved', 'approved_by_id': self.env.uid, 'approved_date': year.date_start})

    # ------------------------------------------------------------------------------------------ quarters
    @api.model
    def demo_quarters(self, year, today):
        """[(period, date_from, date_to_given)] of the demo: the last finished quarter of ``year`` before today (if
        any) and the current quarter up to today (if today is in one)."""
        quarters = year.period_ids.filtered(lambda p: p.kind == 'quarter').sorted('sequence')
        day = fields.Date.to_string(today)
        finished = quarters.filtered(lambda p: p.date_end < day)
        current = quarters.filtered(lambda p: p.date_start <= day <= p.date_end)
        out = []
        if finished:
            p = finished[-1]
            out.append((p, fields.Date.from_string(p.date_start), fields.Date.from_string(p.date_end)))
        if current:
            out.append((current, fields.Date.from_string(current.date_start), today))
        return out

    # ------------------------------------------------------------------------------------------ journal
    def _journal(self, company, year, today):
        rng = random.Random(company.id * 7919)
        Lesson = self.env['kz.edu.lesson'].sudo()
        quarters = self.demo_quarters(year, today)
        if not quarters:
            return
        for period, start, end in quarters:
            last = end
            if period.date_start <= fields.Date.to_string(today) <= period.date_end:
                # the current quarter: planned lessons to the end of next week (the teachers' coming days)
                last = min(fields.Date.from_string(period.date_end), today + datetime.timedelta(days=13 - today.weekday()))
            Lesson.kz_plan_lessons(company, start, last)
        ability = {}
        day = fields.Date.to_string(today)
        lessons = Lesson.search([('company_id', '=', company.id), ('academic_year_id', '=', year.id),
                                 ('date', '<=', day)], order='date, time_start, id')
        pupils = self._pupils_by_lesson_key(lessons, quarters)
        entries, given, topics = [], [], []
        for lesson in lessons:
            key = (lesson.class_id.id, lesson.subject_id.id, lesson.group_no, lesson.period_id.id)
            members = [sid for sid, d1, d2 in pupils.get(key, ()) if d1 <= lesson.date and (not d2 or d2 >= lesson.date)]
            has_marks = lesson.grade_sequence >= 2
            for sid in members:
                level = ability.setdefault(sid, rng.uniform(0.35, 1.0))
                r = rng.random()
                if r < 0.04:
                    entries.append({'lesson_id': lesson.id, 'student_id': sid, 'attendance': 'absent',
                                    'absence_reason': rng.choice(REASONS)})
                    continue
                late = r < 0.055
                mark = 0
                if has_marks and rng.random() < 0.33:
                    mark = max(1, min(10, int(round(rng.gauss(level * 10, 1.3)))))
                if late or mark:
                    entries.append({'lesson_id': lesson.id, 'student_id': sid,
                                    'attendance': 'late' if late else 'present', 'mark': mark or None})
            lang = lesson.class_id.instruction_lang
            topics.append((rng.choice(TOPICS_RU if lang == 'ru' else TOPICS_KK), lesson.id))
            given.append(lesson.id)
        self._bulk_entries(entries)
        self.env.cr.executemany("UPDATE kz_edu_lesson SET topic = %s, state = 'done' WHERE id = %s", topics)
        self._works(company, year, quarters, lessons, pupils, ability, rng)
        self._homework(company, lessons, today, rng)
        Mark = self.env['kz.edu.period.mark'].sudo()
        for period, _start, _end in quarters:
            Mark.kz_compute_quarter(company, period)
            if period.date_end < day:
                self.env.cr.execute("""UPDATE kz_edu_period_mark SET state = 'confirmed', confirmed_date = %s,
                                       confirmed_by_id = %s WHERE period_id = %s AND company_id = %s""",
                                    (period.date_end + ' 12:00:00', self.env.uid, period.id, company.id))
        if not year.period_ids.filtered(lambda p: p.kind == 'quarter' and p.date_end >= day):
            Mark.kz_compute_year(company, year)
        Mark.invalidate_cache()
        _logger.info('demo journal: %s: %d lessons given, %d journal rows', company.name, len(given), len(entries))

    def _pupils_by_lesson_key(self, lessons, quarters):
        """{(class, subject, group, period): [(student id, enrolled from, until)]} for the lessons' groups."""
        Member = self.env['kz.edu.group.member'].sudo()
        out = {}
        ranges = {}
        self.env.cr.execute('SELECT student_id, class_id, date_from, date_to FROM kz_edu_enrollment WHERE class_id IN '
                            '%s', (tuple(set(lessons.mapped('class_id').ids)) or (0,),))
        for student_id, class_id, d1, d2 in self.env.cr.fetchall():
            ranges.setdefault((class_id, student_id), []).append((d1, d2))
        seen = set()
        for lesson in lessons:
            key = (lesson.class_id.id, lesson.subject_id.id, lesson.group_no, lesson.period_id.id)
            if key in seen:
                continue
            seen.add(key)
            period = lesson.period_id
            split = lesson._kz_is_split()
            members = Member.kz_pupils(lesson.class_id, lesson.subject_id, lesson.group_no, period.date_end,
                                       split=split, since=period.date_start)
            out[key] = [(p.id, d1, d2) for p in members for d1, d2 in ranges.get((lesson.class_id.id, p.id), [])]
        return out

    def _bulk_entries(self, entries):
        if not entries:
            return
        lessons = {l.id: l for l in self.env['kz.edu.lesson'].sudo().browse(list({e['lesson_id'] for e in entries}))}
        rows = []
        for e in entries:
            lesson = lessons[e['lesson_id']]
            rows.append(dict(e, company_id=lesson.company_id.id, date=lesson.date, class_id=lesson.class_id.id,
                             subject_id=lesson.subject_id.id, period_id=lesson.period_id.id))
        self.env['kz.edu.demo'].bulk_insert('kz.edu.lesson.entry', rows)

    def _works(self, company, year, quarters, lessons, pupils, ability, rng):
        """Two СОр and one СОч per load row and quarter, each in a lesson already given, with results."""
        by_load = {}
        for lesson in lessons:
            if lesson.grade_sequence < 2:
                continue
            by_load.setdefault((lesson.load_id.id, lesson.period_id.id), []).append(lesson)
        works, results = [], []
        finished = {p.id for p, _start, end in quarters if fields.Date.to_string(end) >= p.date_end}
        for (load_id, period_id), given in by_load.items():
            n = len(given)
            if period_id in finished:      # the whole quarter: two СОр and the СОч in its last lesson
                plan = [('sor', n // 3, rng.choice([10, 12, 15, 20])), ('sor', (2 * n) // 3, rng.choice([10, 15, 20])),
                        ('soch', n - 1, rng.choice([20, 25, 30]))] if n >= 3 else []
            else:                          # the current quarter so far: the first СОр once a few lessons are given
                plan = [('sor', 3, rng.choice([10, 12, 15, 20]))] if n >= 5 else []
            for number, (kind, index, maximum) in enumerate(plan, start=1):
                if index >= n or index < 0:
                    continue
                lesson = given[index]
                name = ('БЖБ %d' % number) if kind == 'sor' else 'ТЖБ'
                works.append(({'name': name, 'kind': kind, 'load_id': load_id, 'company_id': company.id,
                               'class_id': lesson.class_id.id, 'subject_id': lesson.subject_id.id,
                               'group_no': lesson.group_no, 'employee_id': lesson.employee_id.id,
                               'period_id': period_id, 'lesson_id': lesson.id, 'date': lesson.date,
                               'max_points': maximum}, lesson, kind))
        ids = self.env['kz.edu.demo'].bulk_insert('kz.edu.assessment', [w[0] for w in works])
        for work_id, (vals, lesson, kind) in zip(ids, works):
            key = (lesson.class_id.id, lesson.subject_id.id, lesson.group_no, lesson.period_id.id)
            for sid, d1, d2 in pupils.get(key, ()):
                if not (d1 <= lesson.date and (not d2 or d2 >= lesson.date)):
                    continue
                level = ability.setdefault(sid, rng.uniform(0.35, 1.0))
                if rng.random() < 0.03:
                    results.append({'assessment_id': work_id, 'student_id': sid, 'absent': True, 'points': 0,
                                    'company_id': company.id, 'kind': kind, 'period_id': vals['period_id'],
                                    'subject_id': vals['subject_id']})
                    continue
                points = max(0.0, min(vals['max_points'], round(rng.gauss(level, 0.12) * vals['max_points'])))
                results.append({'assessment_id': work_id, 'student_id': sid, 'absent': False, 'points': points,
                                'company_id': company.id, 'kind': kind, 'period_id': vals['period_id'],
                                'subject_id': vals['subject_id']})
        self.env['kz.edu.demo'].bulk_insert('kz.edu.assessment.result', results)

    def _homework(self, company, lessons, today, rng):
        since = fields.Date.to_string(today - datetime.timedelta(days=14))
        rows = []
        recent = [l for l in lessons if l.date >= since]
        for lesson in recent:
            if rng.random() > 0.35:
                continue
            texts = HOMEWORK_RU if lesson.class_id.instruction_lang == 'ru' else HOMEWORK_KK
            text = rng.choice(texts)
            due = fields.Date.to_string(fields.Date.from_string(lesson.date) + datetime.timedelta(
                days=rng.choice([2, 3, 7])))
            rows.append({'lesson_id': lesson.id, 'name': text, 'description': '%s (§ %d)' % (text, rng.randint(3, 40)),
                         'due_date': due, 'company_id': company.id, 'class_id': lesson.class_id.id,
                         'subject_id': lesson.subject_id.id, 'group_no': lesson.group_no,
                         'teacher_id': lesson.teacher_id.id, 'date': lesson.date})
        self.env['kz.edu.demo'].bulk_insert('kz.edu.homework', rows)

    # ------------------------------------------------------------------------------------------ people
    def _demo_people(self, year, today):
        """The demo student answers two of her homework (one checked with a mark); the demo teacher is replaced by
        another teacher in one lesson of the demo day (or the next school day)."""
        student_user = self.env['res.users'].search([('login', '=', 'student')], limit=1)
        student = self.env['kz.edu.student'].search([('partner_id', '=', student_user.partner_id.id)], limit=1) \
            if student_user else None
        if student:
            homework = self.env['kz.edu.homework'].sudo().search([('class_id', '=', student.class_id.id)],
                                                                  order='date desc', limit=2)
            pupils_ok = homework.filtered(lambda h: student in h.lesson_id.kz_pupils())
            for n, h in enumerate(pupils_ok):
                state, mark = ('checked', 9) if n else ('submitted', None)
                self.env['kz.edu.demo'].bulk_insert('kz.edu.homework.submission', [{
                    'homework_id': h.id, 'student_id': student.id, 'text': 'Орындадым: %s' % h.name,
                    'state': state, 'mark': mark, 'company_id': h.company_id.id, 'subject_id': h.subject_id.id,
                    'teacher_id': h.teacher_id.id, 'submitted_at': fields.Datetime.now()}])
        teacher = self.env['hr.employee'].search([('user_id.login', '=', 'teacher')], limit=1)
        if not teacher:
            return
        lesson = self.env['kz.edu.lesson'].sudo().search([
            ('employee_id', '=', teacher.id), ('date', '>=', fields.Date.to_string(today)),
            ('state', '=', 'planned')], order='date, time_start', limit=2)[1:]
        others = self.env['hr.employee'].search([('company_id', '=', teacher.company_id.id),
                                                 ('id', '!=', teacher.id)], order='id')
        for other in others:
            if lesson and not lesson._kz_busy_lessons(other) and \
                    self.env['kz.edu.teaching.load'].search_count([('employee_id', '=', other.id)]):
                lesson.write({'substitute_id': other.id, 'substitution_reason': 'Курс біліктілігін арттыру'})
                break
