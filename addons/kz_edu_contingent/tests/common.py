import datetime

from odoo.addons.kz_edu_base.tests.common import KzEduCase


class ContingentCase(KzEduCase):
    """A school A with classes 5 «А», 5 «Б» (2026-2027) and 4 «А» (2025-2026), six applicants, and users."""

    @classmethod
    def setUpClass(cls):
        super(ContingentCase, cls).setUpClass()
        env = cls.env
        cls.Year = env['kz.edu.academic.year']
        cls.year = cls.Year.search([('name', '=', '2026-2027')]) or cls.Year.ensure_year(2026)
        cls.prev_year = cls.Year.search([('name', '=', '2025-2026')]) or cls.Year.ensure_year(2025)
        grade = {g.sequence: g for g in env['kz.edu.grade'].search([])}
        cls.grade = grade
        Class = env['kz.edu.class']
        emp = env['hr.employee'].create({'name': 'Class teacher A', 'company_id': cls.school_a.id})
        cls.teacher_user = cls.make_user('ct_a', ['kz_edu_base.group_class_teacher'], cls.school_a)
        emp.user_id = cls.teacher_user
        cls.c5a = Class.create({'company_id': cls.school_a.id, 'academic_year_id': cls.year.id,
                                'grade_id': grade[5].id, 'letter': 'А', 'instruction_lang': 'kk',
                                'class_teacher_id': emp.id})
        cls.c5b = Class.create({'company_id': cls.school_a.id, 'academic_year_id': cls.year.id,
                                'grade_id': grade[5].id, 'letter': 'Б', 'instruction_lang': 'ru'})
        cls.c4a_prev = Class.create({'company_id': cls.school_a.id, 'academic_year_id': cls.prev_year.id,
                                     'grade_id': grade[4].id, 'letter': 'А', 'instruction_lang': 'kk'})
        cls.c5a_b = Class.create({'company_id': cls.school_b.id, 'academic_year_id': cls.year.id,
                                  'grade_id': grade[5].id, 'letter': 'А', 'instruction_lang': 'kk'})
        Student = env['kz.edu.student']
        cls.kids = Student.browse()
        for n in range(6):
            cls.kids |= Student.create({'name': 'Оқушы %d' % n, 'company_id': cls.school_a.id,
                                        'kz_iin': cls.new_iin(datetime.date(2015, 3, n + 1), 'M' if n % 2 else 'F')})
        cls.kid_b = Student.create({'name': 'Басқа мектеп', 'company_id': cls.school_b.id,
                                    'kz_iin': cls.new_iin(datetime.date(2015, 4, 1))})
        cls.reason_in = env.ref('kz_edu_contingent.reason_in_same_district')
        cls.reason_out = env.ref('kz_edu_contingent.reason_out_district')

    @classmethod
    def order(cls, kind, date, lines, company=None, reason=None):
        return cls.env['kz.edu.movement.order'].create({
            'kind': kind, 'date': date, 'company_id': (company or cls.school_a).id,
            'reason_id': reason and reason.id,
            'line_ids': [(0, 0, l) for l in lines]})

    @classmethod
    def admit(cls, students, klass, date='2026-09-01'):
        o = cls.order('admission', date, [{'student_id': s.id, 'to_class_id': klass.id} for s in students],
                      reason=cls.reason_in)
        o.action_confirm()
        return o
