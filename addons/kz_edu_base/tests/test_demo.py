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

    def test_only_our_demo_district_no_odoo_sample_data_SEC01(self):
        """Odoo's own modules are installed without their demo data (scripts/lib.sh build_db): no stock users
        demo/portal (they had accounting rights and posted into school No. 2), no sample company or employees."""
        Users = self.env['res.users'].with_context(active_test=False)
        ours = {'admin', 'director', 'deputy', 'chief_bookkeeper', 'bookkeeper', 'hr', 'cashier', 'teacher',
                'class_teacher', 'methodist', 'tutor', 'district', 'parent', 'student'}
        self.assertEqual(set(Users.search([('active', '=', True)]).mapped('login')) - ours, set())
        self.assertFalse(Users.search([('login', 'in', ('demo', 'portal'))]))
        self.assertFalse(self.env.ref('base.user_demo', raise_if_not_found=False))
        department = self.env.ref('base.main_company')
        self.assertEqual(self.env['res.company'].search([]), department | self.school1 | self.school2)
        self.assertEqual(self.env['hr.employee'].search([]).mapped('company_id'), self.school1 | self.school2)
        self.assertFalse(self.env['hr.employee'].search([('name', '=', 'Antoine Langlais')]))
        self.assertFalse(self.env['res.partner'].with_context(active_test=False).search(
            [('name', 'in', ('Agrolait', 'China Export', 'Camptocamp', 'Deco Addict', 'Azure Interior'))]))
        self.assertFalse(self.env['ir.module.module'].search([('demo', '=', True), ('name', 'not like', 'kz_%')]),
                         "Odoo's and OCA's modules carry no demo data")
