from odoo.exceptions import AccessError

from .common import KzEduCase


class TestAccess(KzEduCase):
    """Access is tested as the restricted user, never as admin (SEC-01, SEC-05, LMS-18)."""

    @classmethod
    def setUpClass(cls):
        super(TestAccess, cls).setUpClass()
        g = 'kz_edu_base.'
        cls.teacher_a = cls.make_user('t_class_teacher', [g + 'group_class_teacher'], cls.school_a)
        # consents of people who are no students of a class: the HR officer's (a class teacher records those of
        # their class's families, see kz_edu_contingent's tests)
        cls.hr_a = cls.make_user('t_hr_a', [g + 'group_hr_officer'], cls.school_a)
        cls.hr_b = cls.make_user('t_hr_b', [g + 'group_hr_officer'], cls.school_b)
        cls.cashier_a = cls.make_user('t_cashier', [g + 'group_canteen_cashier'], cls.school_a)
        cls.district = cls.make_user('t_district', [g + 'group_district'], cls.department,
                                     cls.department | cls.school_a | cls.school_b)
        cls.parent = cls.make_user('t_parent', [g + 'group_parent'], cls.school_a, partner=cls.mother_a)
        Consent = cls.env['kz.edu.consent']
        cls.consent_a = Consent.create({'partner_id': cls.student_a.id, 'purpose': 'meals',
                                        'given_by_id': cls.mother_a.id, 'company_id': cls.school_a.id})
        cls.consent_b = Consent.create({'partner_id': cls.student_b.id, 'purpose': 'meals',
                                        'given_by_id': cls.student_b.id, 'company_id': cls.school_b.id})

    def test_one_school_sees_nothing_of_another_SEC05(self):
        Partner = self.env['res.partner'].sudo(self.teacher_a)
        found = Partner.search([('id', 'in', (self.student_a | self.student_b).ids)])
        self.assertEqual(found, self.student_a)
        with self.assertRaises(AccessError):
            self.student_b.sudo(self.teacher_a).read(['name'])
        Consent = self.env['kz.edu.consent'].sudo(self.hr_b)
        self.assertEqual(Consent.search([('company_id', 'in', (self.school_a | self.school_b).ids)]), self.consent_b)

    def test_district_reads_all_its_schools_but_writes_nothing(self):
        Consent = self.env['kz.edu.consent'].sudo(self.district)
        self.assertEqual(Consent.search([('id', 'in', (self.consent_a | self.consent_b).ids)]),
                         self.consent_a | self.consent_b)
        with self.assertRaises(AccessError):
            self.consent_a.sudo(self.district).write({'note': 'x'})
        with self.assertRaises(AccessError):
            Consent.create({'partner_id': self.student_a.id, 'purpose': 'photo',
                            'given_by_id': self.mother_a.id, 'company_id': self.school_a.id})

    def test_parent_sees_only_consents_they_gave_SEC01(self):
        Consent = self.env['kz.edu.consent'].sudo(self.parent)
        self.assertEqual(Consent.search([]), self.consent_a)
        with self.assertRaises(AccessError):
            self.consent_b.sudo(self.parent).read(['purpose'])
        with self.assertRaises(AccessError):
            self.consent_a.sudo(self.parent).write({'note': 'x'})

    def test_cashier_sees_no_consents_and_no_employee_iin(self):
        with self.assertRaises(AccessError):
            self.env['kz.edu.consent'].sudo(self.cashier_a).search([])
        emp = self.env['hr.employee'].create({'name': 'E', 'kz_iin': self.new_iin(), 'company_id': self.school_a.id})
        with self.assertRaises(AccessError):
            emp.sudo(self.cashier_a).read(['kz_iin'])
        # a student's name yes, their IIN no (SEC-01: minimal exposure)
        self.assertEqual(self.student_a.sudo(self.cashier_a).read(['name'])[0]['name'], self.student_a.name)
        with self.assertRaises(AccessError):
            self.student_a.sudo(self.cashier_a).read(['kz_iin'])
        self.assertEqual(self.student_a.sudo(self.teacher_a).read(['kz_iin'])[0]['kz_iin'], self.student_a.kz_iin)

    def test_hr_officer_records_consent_for_own_school_only(self):
        Consent = self.env['kz.edu.consent'].sudo(self.hr_a)
        c = Consent.create({'partner_id': self.student_a.id, 'purpose': 'photo', 'given_by_id': self.mother_a.id,
                            'company_id': self.school_a.id})
        self.assertEqual(c.state, 'active')
        with self.assertRaises(AccessError):
            Consent.create({'partner_id': self.student_b.id, 'purpose': 'photo',
                            'given_by_id': self.student_b.id, 'company_id': self.school_b.id})

    def test_every_role_group_has_a_description_LMS18(self):
        roles = self.env['res.groups'].search([('kz_is_edu_role', '=', True)])
        self.assertGreaterEqual(len(roles), 13)
        for group in roles:
            self.assertTrue(group.comment, group.name)
