"""Staff without an e-mail address can create records that have a chatter (issue #13.1)."""
from .common import KzEduCase


class TestMailWithoutEmail(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TestMailWithoutEmail, cls).setUpClass()
        # the chatter must run as in production: no tracking_disable (that would hide the problem)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.school_a.email = 'school-a@example.kz'
        cls.hr = cls.make_user('kz_mail_hr', ['kz_edu_base.group_hr_officer'], cls.school_a)
        cls.hr.partner_id.email = False
        cls.hr_b = cls.make_user('kz_mail_hr_b', ['kz_edu_base.group_hr_officer'], cls.school_b)
        cls.hr_b.partner_id.email = False
        cls.school_b.email = False

    def test_hr_officer_without_email_creates_an_employee_SEC01(self):
        employee = self.env['hr.employee'].sudo(self.hr).create({'name': 'Жаңа қызметкер',
                                                                 'company_id': self.school_a.id})
        self.assertTrue(employee.exists())
        message = self.env['mail.message'].sudo(self.hr).create({
            'model': 'hr.employee', 'res_id': employee.id, 'body': 'note', 'message_type': 'comment'})
        # the user's name, the school's address
        self.assertEqual(message.email_from, '%s <school-a@example.kz>' % self.hr.name)
        self.assertEqual(message.author_id, self.hr.partner_id)

    def test_sender_falls_back_to_catchall_when_the_school_has_no_address(self):
        params = self.env['ir.config_parameter'].sudo()
        params.set_param('mail.catchall.domain', 'school-b.kz')
        params.set_param('mail.catchall.alias', 'catchall')
        sender = self.env['mail.message'].sudo(self.hr_b)._get_default_from()
        self.assertEqual(sender, '%s <catchall@school-b.kz>' % self.hr_b.name)
        params.set_param('mail.catchall.alias', '')
        params.set_param('mail.catchall.domain', '')
        sender = self.env['mail.message'].sudo(self.hr_b)._get_default_from()
        self.assertTrue(sender.endswith('<noreply@localhost>'), sender)

    def test_user_with_an_address_keeps_it(self):
        self.hr.partner_id.email = 'hr@example.kz'
        sender = self.env['mail.message'].sudo(self.hr)._get_default_from()
        self.assertEqual(sender, '%s <hr@example.kz>' % self.hr.name)

    def test_followers_without_address_get_no_failing_email(self):
        with_mail = self.env['res.partner'].create({'name': 'Хаты бар', 'email': 'parent@example.kz'})
        without = self.env['res.partner'].create({'name': 'Хаты жоқ'})
        employee = self.env['hr.employee'].sudo(self.hr).create({'name': 'Қызметкер',
                                                                 'company_id': self.school_a.id})
        message = self.env['mail.message'].sudo(self.hr).create({
            'model': 'hr.employee', 'res_id': employee.id, 'body': 'Бұйрық дайын', 'message_type': 'comment'})
        (with_mail | without).sudo()._notify(message)
        mails = self.env['mail.mail'].sudo().search([('mail_message_id', '=', message.id)])
        recipients = mails.mapped('recipient_ids')
        self.assertIn(with_mail, recipients)
        self.assertNotIn(without, recipients)
