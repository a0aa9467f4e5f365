from odoo.exceptions import AccessError

from .common import ContingentCase


class TestContingentAccess(ContingentCase):
    """Tested as the restricted users (LMS-18, SEC-05, SEC-06)."""

    @classmethod
    def setUpClass(cls):
        super(TestContingentAccess, cls).setUpClass()
        cls.admit(cls.kids[:3], cls.c5a)
        cls.admit(cls.kids[3:5], cls.c5b)
        cls.env['kz.edu.movement.order'].create({
            'kind': 'admission', 'date': '2026-09-01', 'company_id': cls.school_b.id,
            'reason_id': cls.reason_in.id,
            'line_ids': [(0, 0, {'student_id': cls.kid_b.id, 'to_class_id': cls.c5a_b.id})]}).action_confirm()
        cls.env['kz.edu.guardian'].create({'student_id': cls.kids[0].id, 'partner_id': cls.mother_a.id,
                                           'relation': 'mother'})
        cls.parent = cls.make_user('p_parent', ['kz_edu_base.group_parent'], cls.school_a, partner=cls.mother_a)
        cls.deputy = cls.make_user('p_deputy', ['kz_edu_base.group_deputy_director'], cls.school_a)
        cls.cashier = cls.make_user('p_cashier', ['kz_edu_base.group_canteen_cashier'], cls.school_a)
        cls.district = cls.make_user('p_district', ['kz_edu_base.group_district'], cls.department,
                                     cls.department | cls.school_a | cls.school_b)
        cls.card = cls.env['kz.edu.card'].create({'uid': 'a1b2c3d4', 'student_id': cls.kids[0].id})

    def test_class_teacher_sees_only_own_class(self):
        Student = self.env['kz.edu.student'].sudo(self.teacher_user)
        self.assertEqual(Student.search([]), self.kids[:3])
        with self.assertRaises(AccessError):
            self.kids[3].sudo(self.teacher_user).read(['name'])

    def test_parent_sees_only_own_child_through_portal_rights(self):
        Student = self.env['kz.edu.student'].sudo(self.parent)
        self.assertEqual(Student.search([]), self.kids[0])
        data = self.kids[0].sudo(self.parent).read(['name', 'class_id'])[0]
        self.assertEqual(data['name'], self.kids[0].name)
        self.assertEqual(data['class_id'][0], self.c5a.id)
        with self.assertRaises(AccessError):
            self.kids[1].sudo(self.parent).read(['name'])
        self.assertEqual(self.env['kz.edu.card'].sudo(self.parent).search([]), self.card)
        with self.assertRaises(AccessError):
            self.kids[0].sudo(self.parent).write({'health_note': 'x'})

    def test_one_school_sees_nothing_of_another_and_district_sees_all(self):
        self.assertNotIn(self.kid_b, self.env['kz.edu.student'].sudo(self.deputy).search([]))
        with self.assertRaises(AccessError):
            self.kid_b.sudo(self.deputy).read(['name'])
        seen = self.env['kz.edu.student'].sudo(self.district).search([])
        self.assertIn(self.kid_b, seen)
        self.assertIn(self.kids[0], seen)
        with self.assertRaises(AccessError):
            self.kid_b.sudo(self.district).write({'allergen_ids': [(5, 0, 0)]})

    def test_cashier_sees_names_classes_and_allergies_but_not_parents_or_health_notes(self):
        kid = self.kids[0].sudo(self.cashier)
        data = kid.read(['name', 'class_id', 'allergen_ids', 'social_category_ids'])[0]
        self.assertEqual(data['name'], self.kids[0].name)
        for field in ('guardian_ids', 'health_note', 'kz_iin'):
            with self.assertRaises(AccessError):
                kid.read([field])
        with self.assertRaises(AccessError):
            self.env['kz.edu.movement.order'].sudo(self.cashier).search([])

    def test_only_deputy_confirms_orders(self):
        o = self.order('transfer', '2026-10-01', [{'student_id': self.kids[1].id, 'to_class_id': self.c5b.id}])
        with self.assertRaises(AccessError):
            o.sudo(self.teacher_user).action_confirm()
        o.sudo(self.deputy).action_confirm()
        self.assertEqual(self.kids[1].class_id, self.c5b)
