"""The personnel's world on the shared fixture (KzEduCase): school A's HR officer, director, a teacher with a user
and bookkeeper (logins prefixed hrp_), a mathematics teacher's position and a teachers' department in school A, a
position in school B, and school A's teacher, her colleague and an employee of school B."""
from odoo.addons.kz_edu_base.tests.common import KzEduCase


class HrCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(HrCase, cls).setUpClass()
        env = cls.env

        def role(login, group):
            return cls.make_user('hrp_' + login, ['kz_edu_base.' + group], cls.school_a)
        cls.hr_a = role('hr_a', 'group_hr_officer')
        cls.director_a = role('director_a', 'group_director')
        cls.teacher_user = role('teacher_a', 'group_teacher')
        cls.bookkeeper_a = role('bookkeeper_a', 'group_bookkeeper')
        cls.job_math = env['hr.job'].create({'name': 'Mathematics teacher (test)', 'company_id': cls.school_a.id})
        cls.job_b = env['hr.job'].create({'name': 'Teacher B (test)', 'company_id': cls.school_b.id})
        cls.dept_a = env['hr.department'].create({'name': 'Teachers A (test)', 'company_id': cls.school_a.id})
        Employee = env['hr.employee']
        cls.teacher = Employee.create({'name': 'Әлия Сейітова', 'company_id': cls.school_a.id,
                                       'user_id': cls.teacher_user.id, 'job_id': cls.job_math.id})
        cls.colleague = Employee.create({'name': 'Ерлан Қасымов', 'company_id': cls.school_a.id})
        cls.employee_b = Employee.create({'name': 'Бауыржан Омаров', 'company_id': cls.school_b.id})
