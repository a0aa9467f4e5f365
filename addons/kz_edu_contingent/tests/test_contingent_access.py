from lxml import etree

from odoo.exceptions import AccessError, UserError

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
        data = kid.read(['name', 'class_id', 'allergen_ids'])[0]
        self.assertEqual(data['name'], self.kids[0].name)
        # the entitlement (free or paid) is the canteen's, computed by the server; the category itself is not shown
        for field in ('guardian_ids', 'health_note', 'kz_iin', 'social_category_ids', 'social_ids', 'card_ids'):
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

    # ------------------------------------------------------------------------------------------ issue #12.6
    def _family_data(self):
        Social, Consent = self.env['kz.edu.student.social'], self.env['kz.edu.consent']
        orphan = self.env.ref('kz_edu_contingent.social_orphan')
        mine, theirs = self.kids[0], self.kids[3]              # 5 «А» (the teacher's class), 5 «Б»
        socials = {s: Social.create({'student_id': s.id, 'category_id': orphan.id, 'date_from': '2026-09-01'})
                   for s in (mine, theirs)}
        consents = {s: Consent.create({'partner_id': s.partner_id.id, 'purpose': 'photo', 'given_by_id':
                                       self.mother_a.id, 'company_id': self.school_a.id}) for s in (mine, theirs)}
        return mine, theirs, socials, consents

    def test_class_teacher_reads_consents_social_categories_and_iins_of_own_class_only_SEC01(self):
        mine, theirs, socials, consents = self._family_data()
        teacher = self.teacher_user
        self.assertEqual(self.env['kz.edu.student.social'].sudo(teacher).search([]), socials[mine])
        self.assertEqual(self.env['kz.edu.consent'].sudo(teacher).search(
            [('id', 'in', [c.id for c in consents.values()])]), consents[mine])
        for record in (socials[theirs], consents[theirs]):
            with self.assertRaises(AccessError):
                record.sudo(teacher).read(['date_from' if record._name.endswith('social') else 'purpose'])
        # the same people through res.partner: the other class's child is not even found
        Partner = self.env['res.partner'].sudo(teacher)
        self.assertEqual(Partner.search([('id', 'in', (mine | theirs).mapped('partner_id').ids)]), mine.partner_id)
        self.assertEqual(Partner.read_group([('id', 'in', (mine | theirs).mapped('partner_id').ids)],
                                            ['company_id'], ['company_id'])[0]['company_id_count'], 1)
        self.assertFalse([r for r in Partner.name_search(theirs.name) if r[0] == theirs.partner_id.id])
        with self.assertRaises(AccessError):
            theirs.partner_id.sudo(teacher).read(['kz_iin'])
        with self.assertRaises(AccessError):
            theirs.partner_id.sudo(teacher).export_data(['name', 'kz_iin'])
        self.assertEqual(mine.partner_id.sudo(teacher).read(['kz_iin'])[0]['kz_iin'], mine.kz_iin)
        # the deputy director sees the whole school
        self.assertEqual(self.env['kz.edu.student.social'].sudo(self.deputy).search([]),
                         socials[mine] | socials[theirs])

    def test_employees_read_no_parents_phones_or_card_numbers_SEC01(self):
        self.mother_a.phone = '+7 701 000 00 01'
        hr = self.make_user('p_hr', ['kz_edu_base.group_hr_officer'], self.school_a)
        teacher = self.make_user('p_teacher', ['kz_edu_base.group_teacher'], self.school_a)
        for user in (self.cashier, hr, teacher):
            Partner = self.env['res.partner'].sudo(user)
            self.assertFalse(Partner.search([('id', '=', self.mother_a.id)]), user.login)
            self.assertFalse(Partner.search([('phone', '=', '+7 701 000 00 01')]), user.login)
            with self.assertRaises(AccessError, msg=user.login):
                self.mother_a.sudo(user).read(['phone'])
            with self.assertRaises(AccessError, msg=user.login):
                self.card.sudo(user).read(['uid'])
        with self.assertRaises(AccessError):
            self.env['kz.edu.card'].sudo(self.cashier).search([])
        self.assertFalse(self.env['kz.edu.card'].sudo(teacher).search([]))    # a teacher without a class
        # the class teacher of the child reads the mother's phone and the card; the cashier the child's name
        self.assertEqual(self.mother_a.sudo(self.teacher_user).read(['phone'])[0]['phone'], '+7 701 000 00 01')
        self.assertEqual(self.card.sudo(self.teacher_user).read(['uid'])[0]['uid'], 'A1B2C3D4')
        self.assertEqual(self.kids[0].partner_id.sudo(self.cashier).read(['name'])[0]['name'], self.kids[0].name)

    def test_a_person_stops_being_hidden_only_when_no_longer_a_parent_SEC01(self):
        """The staff rule reads two indexed flags (issue #18); they follow the student and guardian records."""
        hr = self.make_user('p_hr2', ['kz_edu_base.group_hr_officer'], self.school_a)
        Partner = self.env['res.partner'].sudo(hr)
        aunt = self.env['res.partner'].create({'name': 'Апай', 'company_id': self.school_a.id})
        self.assertEqual(Partner.search([('id', '=', aunt.id)]), aunt)        # a contact of the school
        guardian = self.env['kz.edu.guardian'].create({'student_id': self.kids[1].id, 'partner_id': aunt.id,
                                                       'relation': 'other'})
        self.assertTrue(aunt.kz_is_parent)
        self.assertFalse(Partner.search([('id', '=', aunt.id)]))              # now a parent: hidden from HR
        self.assertFalse(Partner.name_search('Апай'))
        self.assertFalse(Partner.read_group([('id', '=', aunt.id)], ['name'], ['name']))
        # nobody clears the flag by hand, not even the administrator
        for user in (hr, self.teacher_user, self.env.user):
            with self.assertRaises(AccessError, msg=user.login):
                aunt.sudo(user).write({'kz_is_parent': False})
        guardian.unlink()
        self.assertFalse(aunt.kz_is_parent)
        self.assertEqual(Partner.search([('id', '=', aunt.id)]), aunt)
        # a student's person is flagged at creation (through the student) and stays hidden from HR
        self.assertTrue(all(self.kids.mapped('partner_id.kz_is_student')))
        self.assertFalse(Partner.search([('id', 'in', self.kids.mapped('partner_id').ids)]))

    def test_teacher_opens_her_students_list_without_error_13_6(self):
        emp = self.env['hr.employee'].create({'name': 'Teacher of 5 B', 'company_id': self.school_a.id})
        teacher = self.make_user('p_plain_teacher', ['kz_edu_base.group_teacher'], self.school_a)
        emp.user_id = teacher
        self.c5b.class_teacher_id = emp
        self._family_data()
        Student = self.env['kz.edu.student'].sudo(teacher)
        for view_type in ('tree', 'form'):
            arch = etree.fromstring(Student.fields_view_get(view_type=view_type)['arch'])
            names = {f.get('name') for f in arch.iter('field')}
            self.assertFalse(names & {'social_category_ids', 'social_ids', 'guardian_ids', 'health_note'}, view_type)
            top = {f.get('name') for f in arch.xpath('/*/field | /*//field[not(ancestor::field)]')}
            rows = Student.search_read([], [n for n in top if n in Student._fields])
            self.assertEqual({r['id'] for r in rows}, set(self.kids[3:5].ids))

    # ------------------------------------------------------------------------------------------ issue #12.9
    def test_class_and_state_change_only_by_a_movement_order_LMS04(self):
        kid = self.kids[0]
        for user in (self.deputy, self.teacher_user):
            for vals in ({'class_id': self.c5b.id}, {'state': 'left'}, {'admission_date': '2020-01-01'},
                         {'leave_date': '2026-10-01'}, {'company_id': self.school_b.id}):
                with self.assertRaises((UserError, AccessError), msg=(user.login, vals)):
                    kid.sudo(user).write(vals)
            with self.assertRaises(UserError, msg=user.login):
                self.env['kz.edu.student'].sudo(self.deputy).create({
                    'name': 'Enrolled by hand', 'company_id': self.school_a.id, 'state': 'enrolled',
                    'class_id': self.c5a.id})
        kid.invalidate_cache()
        self.assertEqual((kid.state, kid.class_id), ('enrolled', self.c5a))
        self.assertEqual(self.card.state, 'active')
        self.assertEqual(len(kid.enrollment_ids), 1)
        # what a class teacher may correct on the form still saves
        kid.sudo(self.teacher_user).write({'health_note': 'Asthma: inhaler in the bag'})
        # an order cannot be created confirmed, nor its state set by hand
        with self.assertRaises(UserError):
            self.env['kz.edu.movement.order'].sudo(self.deputy).create({
                'kind': 'transfer', 'date': '2026-10-01', 'company_id': self.school_a.id, 'state': 'done',
                'line_ids': [(0, 0, {'student_id': kid.id, 'to_class_id': self.c5b.id})]})
        order = self.order('transfer', '2026-10-01', [{'student_id': kid.id, 'to_class_id': self.c5b.id}])
        with self.assertRaises(UserError):
            order.sudo(self.deputy).write({'state': 'done'})
        order.sudo(self.deputy).action_confirm()
        self.assertEqual(kid.class_id, self.c5b)
        with self.assertRaises(UserError):                 # its lines are closed with it
            order.line_ids.sudo(self.deputy).write({'to_class_id': self.c5a.id})
        with self.assertRaises(UserError):
            order.line_ids.sudo(self.deputy).unlink()
