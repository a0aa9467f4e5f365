"""The payroll's world on the shared fixture (KzEduCase): school A's HR officer, bookkeeper, chief bookkeeper,
canteen cashier, teacher and a parent (logins prefixed kzpay_), the teacher's salary structure, and helpers for an
employee with a valid IIN (and a tax deduction application) and their contract. The payroll does not read whether a
school is rural: the amounts of the tests are those of any school."""
import datetime

from odoo.addons.kz_edu_base.tests.common import KzEduCase


class PayrollCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(PayrollCase, cls).setUpClass()
        cls.teacher_struct = cls.env.ref('kz_payroll.hr_payroll_structure_kz_teacher')

        def role(login, group):
            return cls.make_user('kzpay_' + login, ['kz_edu_base.' + group], cls.school_a)
        cls.hr_officer = role('hr', 'group_hr_officer')
        cls.bookkeeper = role('bookkeeper', 'group_bookkeeper')
        cls.chief = role('chief', 'group_chief_bookkeeper')
        cls.cashier = role('cashier', 'group_canteen_cashier')
        cls.teacher_user = role('teacher', 'group_teacher')
        cls.parent_user = role('parent', 'group_parent')

    @classmethod
    def make_employee(cls, name, company=None, birth=datetime.date(1990, 5, 5), deduction_from='2024-01-01',
                      **vals):
        """An employee of the company (school A by default) with a valid IIN and, from deduction_from, the
        application for the standard tax deduction."""
        employee = cls.env['hr.employee'].create(dict({
            'name': name, 'kz_iin': cls.new_iin(birth, 'F'), 'company_id': (company or cls.school_a).id}, **vals))
        if deduction_from:
            employee.kz_deduction_application_ids = [(0, 0, {'date_from': deduction_from})]
        return employee

    @classmethod
    def make_contract(cls, employee, wage=300000, date_start='2024-01-01', **vals):
        """A running contract of the employee's school on the teacher's salary structure."""
        return cls.env['hr.contract'].create(dict({
            'name': 'Contract %s' % employee.name, 'employee_id': employee.id, 'wage': wage,
            'company_id': employee.company_id.id, 'struct_id': cls.teacher_struct.id, 'state': 'open',
            'date_start': date_start}, **vals))
