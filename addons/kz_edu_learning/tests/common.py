"""A small school for the journal's tests: school A (kz_edu_contingent's test school) with 5 «А» (four pupils) and
5 «Б» (two pupils) in 2026-2027, a grade-1 class with one pupil, teachers with users (mathematics in both fifth
classes, English split into two groups with two teachers, a substitute), a deputy director, a parent and a student
(portal), the district, and a teacher of school B; the teaching load, the bells and a timetable of a few weekly
lessons; the lessons of the week of 9-13 November 2026 (second quarter) planned from it."""
import datetime

from odoo.addons.kz_edu_contingent.tests.common import ContingentCase

Q2_MONDAY = '2026-11-09'


class LearningCase(ContingentCase):

    @classmethod
    def setUpClass(cls):
        super(LearningCase, cls).setUpClass()
        env = cls.env
        cls.q1, cls.q2, cls.q3 = [cls.year.period_ids.filtered(lambda p: p.sequence == n) for n in (1, 2, 3)]
        # pupils: kids[0..3] in 5 «А» (kid 0 and 1 in English group 1, 2 and 3 in group 2), kids[4..5] in 5 «Б»
        cls.admit(cls.kids[:4], cls.c5a)
        cls.admit(cls.kids[4:], cls.c5b)
        cls.kids.invalidate_cache()
        cls.c1a = env['kz.edu.class'].create({'company_id': cls.school_a.id, 'academic_year_id': cls.year.id,
                                              'grade_id': cls.grade[1].id, 'letter': 'А', 'instruction_lang': 'kk'})
        cls.first_grader = env['kz.edu.student'].create({
            'name': 'Бірінші сынып', 'company_id': cls.school_a.id, 'kz_iin': cls.new_iin(datetime.date(2019, 5, 1))})
        cls.admit(cls.first_grader, cls.c1a)
        # people
        T = 'kz_edu_base.group_teacher'
        Employee = env['hr.employee']

        def teacher(name, login, company=None, groups=(T,)):
            company = company or cls.school_a
            user = cls.make_user(login, list(groups), company)
            return Employee.create({'name': name, 'company_id': company.id, 'user_id': user.id}), user
        cls.emp_math, cls.u_math = teacher('Математик', 't_math')
        cls.emp_eng1, cls.u_eng1 = teacher('Ағылшын 1', 't_eng1')
        cls.emp_eng2, cls.u_eng2 = teacher('Ағылшын 2', 't_eng2')
        cls.emp_sub, cls.u_sub = teacher('Алмастырушы', 't_sub')
        cls.emp_b, cls.u_b = teacher('Teacher B', 't_b', cls.school_b)
        cls.u_deputy = cls.make_user('dep_a', ['kz_edu_base.group_deputy_director'], cls.school_a)
        cls.u_district = cls.make_user('dist', ['kz_edu_base.group_district'], cls.department,
                                       cls.department | cls.school_a | cls.school_b)
        cls.u_cashier = cls.make_user('cash_a', ['kz_edu_base.group_canteen_cashier'], cls.school_a)
        # family of kid 0: her mother (guardian, notified by e-mail, consent) and kid 0 herself (student portal)
        cls.kid = cls.kids[0]
        cls.mother = env['res.partner'].create({'name': 'Ана', 'company_id': cls.school_a.id, 'lang': 'kk_KZ',
                                                'email': 'ana@example.com',
                                                'kz_iin': cls.new_iin(datetime.date(1987, 1, 2))})
        env['kz.edu.guardian'].create({'student_id': cls.kid.id, 'partner_id': cls.mother.id, 'relation': 'mother',
                                       'notify_by': 'mail'})
        cls.other_mother = env['res.partner'].create({'name': 'Басқа ана', 'company_id': cls.school_a.id,
                                                      'email': 'other@example.com',
                                                      'kz_iin': cls.new_iin(datetime.date(1986, 1, 2))})
        env['kz.edu.guardian'].create({'student_id': cls.kids[1].id, 'partner_id': cls.other_mother.id,
                                       'relation': 'mother', 'notify_by': 'mail'})
        env['kz.edu.consent'].create({'partner_id': cls.kid.partner_id.id, 'purpose': 'notifications',
                                      'given_by_id': cls.mother.id, 'date_given': '2026-09-01',
                                      'company_id': cls.school_a.id})
        cls.u_parent = cls.make_user('par_a', ['kz_edu_base.group_parent'], cls.school_a, partner=cls.mother)
        cls.u_student = cls.make_user('stu_a', ['kz_edu_base.group_student'], cls.school_a,
                                      partner=cls.kid.partner_id)
        # load: mathematics 3 h in 5 «А» and 5 «Б», English 2 h in two groups of 5 «А»
        math = env.ref('kz_edu_tariff.subject_mathematics')
        eng = env.ref('kz_edu_tariff.subject_english')
        cls.math, cls.eng = math, eng
        Load = env['kz.edu.teaching.load']

        def load(emp, cls_, subject, hours, group=1):
            return Load.create({'company_id': cls.school_a.id, 'academic_year_id': cls.year.id,
                                'employee_id': emp.id, 'class_id': cls_.id, 'subject_id': subject.id,
                                'group_no': group, 'hours': hours})
        cls.load_math_a = load(cls.emp_math, cls.c5a, math, 3)
        cls.load_math_b = load(cls.emp_math, cls.c5b, math, 3)
        cls.load_eng1 = load(cls.emp_eng1, cls.c5a, eng, 2, 1)
        cls.load_eng2 = load(cls.emp_eng2, cls.c5a, eng, 2, 2)
        cls.load_math_1 = load(cls.emp_sub, cls.c1a, math, 1)
        env['kz.edu.bell'].kz_ensure_default(cls.school_a)
        Room = env['kz.edu.room']
        cls.room1 = Room.create({'name': 'T-101', 'company_id': cls.school_a.id})
        cls.room2 = Room.create({'name': 'T-102', 'company_id': cls.school_a.id})
        cls.room3 = Room.create({'name': 'T-103', 'company_id': cls.school_a.id})
        Slot = env['kz.edu.timetable.slot']

        def slot(load_, day, period, room):
            return Slot.create({'load_id': load_.id, 'weekday': str(day), 'period_no': period, 'room_id': room.id})
        # Monday: maths 5 «А» 1st, maths 5 «Б» 2nd, English groups of 5 «А» in parallel 2nd; Wednesday maths 5 «А»
        cls.s_math_a_mon = slot(cls.load_math_a, 0, 1, cls.room1)
        cls.s_math_b_mon = slot(cls.load_math_b, 0, 2, cls.room1)
        cls.s_eng1_mon = slot(cls.load_eng1, 0, 2, cls.room2)
        cls.s_eng2_mon = slot(cls.load_eng2, 0, 2, cls.room3)
        cls.s_math_a_wed = slot(cls.load_math_a, 2, 3, cls.room1)
        cls.s_math_1_tue = slot(cls.load_math_1, 1, 1, cls.room3)
        env['kz.edu.lesson'].kz_plan_lessons(cls.school_a, Q2_MONDAY, '2026-11-13')
        Lesson = env['kz.edu.lesson']
        cls.lesson_math = Lesson.search([('slot_id', '=', cls.s_math_a_mon.id), ('date', '=', Q2_MONDAY)])
        cls.lesson_math_b = Lesson.search([('slot_id', '=', cls.s_math_b_mon.id), ('date', '=', Q2_MONDAY)])
        cls.lesson_eng1 = Lesson.search([('slot_id', '=', cls.s_eng1_mon.id), ('date', '=', Q2_MONDAY)])
        cls.lesson_eng2 = Lesson.search([('slot_id', '=', cls.s_eng2_mon.id), ('date', '=', Q2_MONDAY)])
        cls.lesson_first = Lesson.search([('slot_id', '=', cls.s_math_1_tue.id), ('date', '=', '2026-11-10')])

    def as_user(self, user, record):
        return record.sudo(user.id)

    def save(self, user, lesson, entries=None, points=None, **extra):
        values = dict(extra, entries=entries or [])
        if points is not None:
            values['points'] = points
        return lesson.sudo(user.id).kz_grid_save(values)
