import unittest

from odoo.tests.common import TransactionCase


class TestDemoSchool(TransactionCase):
    """The demo district is what a reviewer sees first: check its shape when the demo data is installed."""

    def setUp(self):
        super(TestDemoSchool, self).setUp()
        self.school1 = self.env.ref('kz_edu_base.company_school1_demo', raise_if_not_found=False)
        if not self.school1:
            raise unittest.SkipTest('demo data not installed')
        self.school2 = self.env.ref('kz_edu_base.company_school2_demo')

    def test_each_school_has_its_staff_students_and_parents(self):
        tag_student = self.env.ref('kz_edu_base.partner_category_student')
        tag_parent = self.env.ref('kz_edu_base.partner_category_parent')
        for school in (self.school1, self.school2):
            self.assertEqual(school.parent_id, self.env.ref('base.main_company'))
            staff = self.env['hr.employee'].search([('company_id', '=', school.id)])
            self.assertEqual(len(staff), 40, school.name)
            self.assertTrue(all(staff.mapped('kz_iin')))
            Partner = self.env['res.partner']
            self.assertEqual(Partner.search_count([('company_id', '=', school.id),
                                                   ('category_id', 'in', tag_student.ids)]), 600)
            self.assertGreater(Partner.search_count([('company_id', '=', school.id),
                                                     ('category_id', 'in', tag_parent.ids)]), 800)

    def test_role_users_belong_to_school_one(self):
        for login in ('director', 'bookkeeper', 'cashier', 'class_teacher', 'parent'):
            user = self.env['res.users'].search([('login', '=', login)])
            self.assertEqual(user.company_id, self.school1, login)
        district = self.env['res.users'].search([('login', '=', 'district')])
        self.assertEqual(district.company_id, self.env.ref('base.main_company'))
