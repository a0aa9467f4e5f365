# -*- coding: utf-8 -*-
"""Demo curriculum and teaching load of school No. 1 for the current academic year (issue #8).

The curriculum covers every grade that has classes; the load gives every class-subject-group of it to one member of
the school's pedagogical staff, so that "Check load" finds nothing. The demo school has 26 teachers (plus the
director, two deputies, a methodist and a tutor) for 24 classes, where a real school of that size has about 45: the
demo curriculum is therefore the lean core of the typical plan (no variative hours) and all the pedagogical staff
teach, most of them 23-24 hours a week (the director 6). Rows are written with kz.edu.demo.bulk_insert (350 rows)."""
import logging

from odoo import api, models

from odoo.addons.kz_edu_base import demo_people

_logger = logging.getLogger(__name__)

R = range
#: (subject code, grades, weekly hours of a group, language of the classes (None: all), groups).
#: Hours: UNCONFIRMED. The structure (which subjects in which grades, split subjects, English from grade 3 since
#: 2024-2025, digital literacy in primary, informatics from grade 5) follows the typical curricula of order No. 500
#: of 08.11.2012 in its 2022-2024 editions and the State standard of order No. 348 of 03.08.2022 (see
#: data/kz_edu_subject_data.xml); the weekly hours per grade of those appendices were not found in the stored copies,
#: so these are plausible values of the invariant part only, to be replaced by the school's approved plan.
DEMO_PLAN = [
    ('literacy', [1], 6, None, 1),
    ('kazakh_language', R(2, 5), 4, 'kk', 1), ('kazakh_language', [5, 6], 3, 'kk', 1),
    ('kazakh_language', R(7, 12), 2, 'kk', 1),
    ('kazakh_literature', R(5, 12), 2, 'kk', 1),
    ('russian_language', R(2, 5), 4, 'ru', 1), ('russian_language', [5, 6], 3, 'ru', 1),
    ('russian_language', R(7, 12), 2, 'ru', 1),
    ('russian_literature', R(5, 12), 2, 'ru', 1),
    ('literary_reading', R(2, 5), 2, None, 1),
    ('kazakh_lang_lit', R(1, 5), 2, 'ru', 2), ('kazakh_lang_lit', R(5, 12), 3, 'ru', 2),
    ('russian_lang_lit', R(2, 12), 2, 'kk', 1),
    ('english', [3, 4], 2, None, 2), ('english', R(5, 12), 3, None, 2),
    ('mathematics', R(1, 5), 4, None, 1), ('mathematics', [5, 6], 5, None, 1),
    ('algebra', R(7, 12), 3, None, 1), ('geometry', R(7, 12), 2, None, 1),
    ('digital_literacy', [1], 1, None, 1), ('digital_literacy', [2, 3, 4], 1, None, 2),
    ('informatics', R(5, 12), 1, None, 2),
    ('world_cognition', R(1, 5), 1, None, 1),
    ('natural_science', R(1, 5), 1, None, 1), ('natural_science', [5, 6], 2, None, 1),
    ('physics', R(7, 12), 2, None, 1),
    ('chemistry', [7], 1, None, 1), ('chemistry', R(8, 12), 2, None, 1),
    ('biology', [7], 1, None, 1), ('biology', R(8, 12), 2, None, 1),
    ('geography', [7], 1, None, 1), ('geography', [8, 9], 2, None, 1), ('geography', [10, 11], 1, None, 1),
    ('history_kazakhstan', [5, 6], 1, None, 1), ('history_kazakhstan', R(7, 12), 2, None, 1),
    ('world_history', R(7, 12), 1, None, 1),
    ('basics_of_law', [9], 1, None, 1),
    ('music', R(1, 5), 1, None, 1),
    ('visual_art', [1], 1, None, 1),
    ('work_training', R(1, 5), 1, None, 1), ('work_training', [5, 6], 2, None, 2),
    ('work_training', [7, 8], 1, None, 2),
    ('physical_education', R(1, 12), 3, None, 1),
    ('nvtp', [10, 11], 1, None, 1),
]

#: Subject families: a teacher's load is taken from one family as far as possible (a maths teacher teaches maths).
FAMILIES = [
    ('primary', ['literacy', 'literary_reading', 'world_cognition', 'visual_art']),
    ('kazakh', ['kazakh_language', 'kazakh_literature', 'kazakh_lang_lit']),
    ('russian', ['russian_language', 'russian_literature', 'russian_lang_lit']),
    ('english', ['english']),
    ('maths', ['mathematics', 'algebra', 'geometry']),
    ('it', ['digital_literacy', 'informatics']),
    ('science', ['natural_science', 'physics', 'chemistry', 'biology', 'geography']),
    ('history', ['history_kazakhstan', 'world_history', 'basics_of_law', 'self_knowledge']),
    ('arts', ['music', 'work_training']),
    ('pe', ['physical_education', 'nvtp']),
]
#: Subjects a primary class teacher teaches in their own class (grades 1-4).
PRIMARY_CORE = {'literacy', 'kazakh_language', 'russian_language', 'literary_reading', 'mathematics',
                'world_cognition', 'natural_science', 'visual_art', 'work_training', 'music'}


def distribute(chunks, staff):
    """Give every chunk (a class-subject-group with its hours) to one member of ``staff``.

    ``chunks``: dicts with ``class_key``, ``grade``, ``subject``, ``family``, ``hours`` (int), ``group_no``;
    ``staff``: list of ``(key, cap, role)``, role 'primary' for a primary class teacher. Primary class teachers
    first take the core subjects of one primary class each, then other subjects of the primary grades; then every
    member (subject teachers first) takes the remaining chunks in (family, subject, grade, class) order while they
    fit under the cap, preferring the families they already teach, to fill the cap. Returns ``{chunk index: staff
    key}``; raises ValueError if hours are left over (the plan is bigger than the staff)."""
    assigned = {}
    load = {key: 0 for key, _cap, _role in staff}
    caps = {key: cap for key, cap, _role in staff}
    primary_teachers = [key for key, _cap, role in staff if role == 'primary']
    primary_classes = sorted({(c['grade'], c['class_key']) for c in chunks if c['grade'] <= 4})
    for teacher, (_grade, class_key) in zip(primary_teachers, primary_classes):
        for i, chunk in enumerate(chunks):
            if chunk['class_key'] == class_key and chunk['subject'] in PRIMARY_CORE \
                    and load[teacher] + chunk['hours'] <= caps[teacher]:
                assigned[i] = teacher
                load[teacher] += chunk['hours']
    family_order = {name: n for n, (name, _subjects) in enumerate(FAMILIES)}
    remaining = sorted((i for i in range(len(chunks)) if i not in assigned), key=lambda i: (
        family_order.get(chunks[i]['family'], 99), chunks[i]['subject'], chunks[i]['grade'], chunks[i]['class_key'],
        chunks[i].get('group_no', 1)))

    def fill(key, allowed):
        families = {chunks[i]['family'] for i in assigned if assigned[i] == key}
        while True:
            room = caps[key] - load[key]
            fitting = [i for i in remaining if chunks[i]['hours'] <= room and allowed(chunks[i])]
            if not fitting:
                return
            same = [i for i in fitting if chunks[i]['family'] in families]
            pick = (same or fitting)[0]
            remaining.remove(pick)
            assigned[pick] = key
            load[key] += chunks[pick]['hours']
            families.add(chunks[pick]['family'])

    # primary class teachers: the other subjects of the primary grades first (English, PE, digital literacy ...)
    for key in primary_teachers:
        fill(key, lambda chunk: chunk['grade'] <= 4)
    for key in [key for key, _cap, role in staff if role != 'primary'] + primary_teachers:
        fill(key, lambda chunk: True)
    if remaining:
        raise ValueError('demo load: %d hours a week left without a teacher'
                         % sum(chunks[i]['hours'] for i in remaining))
    return assigned


class KzEduCurriculumDemo(models.AbstractModel):
    _name = 'kz.edu.curriculum.demo'
    _description = 'Demo curriculum and teaching load'

    @api.model
    def populate(self):
        """Called from demo/kz_edu_curriculum_demo.xml: the approved curriculum and the complete load of school
        No. 1 for the current academic year (the year kz_edu_contingent's demo created its classes in)."""
        company = self.env.ref('kz_edu_base.company_school1_demo')
        year_start = self.env['kz.edu.demo']._academic_year_start()
        year = self.env['kz.edu.academic.year'].search([('name', '=', '%d-%d' % (year_start, year_start + 1))])
        if not year or self.env['kz.edu.curriculum'].search_count([('company_id', '=', company.id),
                                                                    ('academic_year_id', '=', year.id)]):
            return True
        classes = self.env['kz.edu.class'].search([('company_id', '=', company.id), ('academic_year_id', '=', year.id),
                                                   ('kind', '=', 'class')], order='grade_sequence, letter')
        curriculum = self._create_curriculum(company, year, classes)
        self._create_load(curriculum, classes)
        director = self.env['res.users'].search([('login', '=', 'director')], limit=1)
        curriculum.sudo(director.id or self.env.uid).action_approve()
        return True

    def _create_curriculum(self, company, year, classes):
        subjects = {s.code: s for s in self.env['kz.edu.subject'].search([])}
        grades = {g.sequence: g for g in classes.mapped('grade_id')}
        lines = []
        for code, plan_grades, hours, lang, groups in DEMO_PLAN:
            for grade in plan_grades:
                if grade in grades:
                    lines.append((0, 0, {'grade_id': grades[grade].id, 'subject_id': subjects[code].id,
                                         'hours': hours, 'groups': groups, 'instruction_lang': lang or False}))
        return self.env['kz.edu.curriculum'].with_context(tracking_disable=True, mail_create_nolog=True).create({
            'name': 'Жұмыс оқу жоспары %s' % year.name, 'company_id': company.id, 'academic_year_id': year.id,
            'source': 'Order No. 500 of 08.11.2012 (ed. No. 27 of 08.02.2024); demo hours UNCONFIRMED',
            'line_ids': lines,
        })

    def _staff(self, company):
        """(employee, weekly cap, role) of the pedagogical staff: 26 teachers (the first ten lead the primary
        classes), the methodist, the tutor, the deputies and the director."""
        titles = {}
        for job, _count, title_kk, title_ru in demo_people.STAFF_PLAN:
            titles[title_kk] = titles[title_ru] = job
        by_job = {}
        for emp in self.env['hr.employee'].search([('company_id', '=', company.id)], order='id'):
            job = titles.get(emp.job_id.with_context(lang=None).name) or titles.get(emp.job_id.name)
            by_job.setdefault(job, []).append(emp)
        staff = [(e, 24, 'primary' if n < 10 else 'subject') for n, e in enumerate(by_job.get('teacher', []))]
        staff += [(e, 24, 'subject') for e in by_job.get('methodist', []) + by_job.get('tutor', [])
                  + by_job.get('deputy_director', [])]
        staff += [(e, 6, 'subject') for e in by_job.get('director', [])]
        return staff

    def _create_load(self, curriculum, classes):
        family_of = {code: name for name, codes in FAMILIES for code in codes}
        Load = self.env['kz.edu.teaching.load']
        chunks = []
        for cls in classes:
            for line in curriculum.line_ids:
                if line.grade_id != cls.grade_id or (line.instruction_lang and
                                                     line.instruction_lang != cls.instruction_lang):
                    continue
                for group in range(1, line.groups + 1):
                    chunks.append({'class_key': cls.id, 'grade': cls.grade_id.sequence, 'grade_id': cls.grade_id.id,
                                   'subject': line.subject_id.code, 'subject_id': line.subject_id.id,
                                   'family': family_of.get(line.subject_id.code, 'other'), 'group_no': group,
                                   'hours': int(line.hours)})
        staff = self._staff(curriculum.company_id)
        assigned = distribute(chunks, [(e.id, cap, role) for e, cap, role in staff])
        # bulk insert: the constraints of kz.edu.teaching.load are what distribute() guarantees (one teacher per
        # class-subject-group, hours of the curriculum, no teacher above 24 h); "Check load" confirms it
        rows = [{'company_id': curriculum.company_id.id, 'academic_year_id': curriculum.academic_year_id.id,
                 'employee_id': assigned[i], 'class_id': c['class_key'], 'grade_id': c['grade_id'],
                 'subject_id': c['subject_id'], 'group_no': c['group_no'], 'hours': c['hours'],
                 'grade_band': Load._band(c['grade'])} for i, c in enumerate(chunks)]
        self.env['kz.edu.demo'].bulk_insert('kz.edu.teaching.load', rows)
        _logger.info('demo: %s: curriculum of %d lines, teaching load of %d rows, %d hours a week for %d staff',
                     curriculum.company_id.name, len(curriculum.line_ids), len(rows),
                     sum(c['hours'] for c in chunks), len(set(assigned.values())))
