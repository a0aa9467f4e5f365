from odoo.exceptions import AccessError

from .common import KzEduCase


class TestConfigAccess(KzEduCase):
    """Configuration is the administrator's (issue #12.7); access refusals speak the user's language and name the
    groups in it (issue #13.6). Tested as the restricted users."""

    @classmethod
    def setUpClass(cls):
        super(TestConfigAccess, cls).setUpClass()
        g = 'kz_edu_base.'
        cls.teacher = cls.make_user('cfg_class_teacher', [g + 'group_class_teacher'], cls.school_a)
        cls.cashier = cls.make_user('cfg_cashier', [g + 'group_canteen_cashier'], cls.school_a)
        cls.director = cls.make_user('cfg_director', [g + 'group_director'], cls.school_a)
        cls.district = cls.make_user('cfg_district', [g + 'group_district'], cls.department,
                                     cls.department | cls.school_a | cls.school_b)
        cls.admin_user = cls.make_user('cfg_admin', ['base.group_system'], cls.school_a)
        cls.template = cls.env['mail.template'].create({
            'name': 'Monthly report to the authority', 'model_id': cls.env.ref('base.model_res_company').id,
            'subject': 'Report', 'email_to': 'authority@example.kz'})

    def test_no_employee_nor_the_district_edits_mail_templates_SEC01(self):
        for user in (self.teacher, self.cashier, self.director, self.district):
            template = self.template.sudo(user)
            self.assertEqual(template.read(['email_to'])[0]['email_to'], 'authority@example.kz')
            with self.assertRaises(AccessError, msg=user.login):
                template.write({'email_cc': 'leak@example.com'})
            with self.assertRaises(AccessError, msg=user.login):
                template.copy({'name': 'Mine'})
            with self.assertRaises(AccessError, msg=user.login):
                template.unlink()
        self.assertFalse(self.template.email_cc)
        self.template.sudo(self.admin_user).write({'email_cc': 'deputy@example.kz'})
        self.assertEqual(self.template.email_cc, 'deputy@example.kz')

    def test_access_refusal_names_the_groups_in_the_users_language_13_6(self):
        group = self.env.ref('kz_edu_base.group_class_teacher')
        kk_name = group.with_context(lang='kk_KZ').name
        self.assertNotEqual(kk_name, group.with_context(lang='en_US').name, 'the group name has no Kazakh term')
        with self.assertRaises(AccessError) as exc:
            self.env['kz.edu.consent'].sudo(self.cashier).with_context(lang='kk_KZ').search([])
        message = str(exc.exception)
        self.assertIn(kk_name, message)
        self.assertNotIn('Class teacher', message)
        self.assertNotIn('Education (Kazakhstan)', message)
        # a refused record names the document type in the user's language too
        other = self.env['kz.edu.consent'].create({'partner_id': self.student_b.id, 'purpose': 'photo',
                                                   'given_by_id': self.student_b.id, 'company_id': self.school_b.id})
        hr = self.make_user('cfg_hr', ['kz_edu_base.group_hr_officer'], self.school_a)
        with self.assertRaises(AccessError) as exc:
            other.sudo(hr).with_context(lang='kk_KZ').write({'note': 'x'})
        model_kk = self.env['ir.model'].with_context(lang='kk_KZ')._get('kz.edu.consent').name
        self.assertIn(model_kk, str(exc.exception))
        self.assertNotIn('Personal data consent', str(exc.exception))
