"""The one notification queue (issue #15; SEC-01, SEC-06): kz_enqueue asks the consent rule for a batch and records
its answer, the cron sends through the channel's gateway and marks each message sent, skipped or failed, and a
parent reads only the messages to her."""
import datetime

from odoo import fields
from odoo.exceptions import AccessError

from .common import KzEduCase


class TestNotificationQueue(KzEduCase):
    """Student A (consent to notifications from 1 September) with her mother (e-mail) and a grandmother (SMS);
    student B of school B has no consent; a father who wants no notifications."""

    @classmethod
    def setUpClass(cls):
        super(TestNotificationQueue, cls).setUpClass()
        Partner = cls.env['res.partner']
        cls.mother_a.write({'email': 'ana.q@example.kz', 'lang': 'kk_KZ'})
        cls.granny = Partner.create({'name': 'Әже', 'mobile': '+77010000002', 'company_id': cls.school_a.id})
        cls.father_b = Partner.create({'name': 'Әке Б', 'email': 'ake.q@example.kz', 'company_id': cls.school_b.id})
        cls.env['kz.edu.consent'].create({'partner_id': cls.student_a.id, 'purpose': 'notifications',
                                          'given_by_id': cls.mother_a.id, 'date_given': '2026-09-01',
                                          'company_id': cls.school_a.id})
        cls.parent = cls.make_user('queue_parent', ['kz_edu_base.group_parent'], cls.school_a, partner=cls.mother_a)
        cls.deputy = cls.make_user('queue_deputy', ['kz_edu_base.group_deputy_director'], cls.school_a)
        cls.teacher = cls.make_user('queue_teacher', ['kz_edu_base.group_class_teacher'], cls.school_a)

    def enqueue(self, rows, **kw):
        return self.env['kz.edu.notification'].kz_enqueue(rows, **kw)

    def row(self, recipient, channel, subject, body, company=None):
        return {'partner_id': recipient.id, 'channel': channel, 'subject_partner_id': subject.id,
                'company_id': (company or self.school_a).id, 'body': body}

    def queue(self):
        return self.env['kz.edu.notification'].search([('body', 'like', 'Q-%')], order='id')

    def test_only_the_consented_messages_are_queued_the_others_skipped_with_the_reason_SEC01(self):
        queued = self.enqueue([
            self.row(self.mother_a, 'mail', self.student_a, 'Q-1'),
            self.row(self.granny, 'sms', self.student_a, 'Q-2'),
            self.row(self.father_b, 'mail', self.student_b, 'Q-3', self.school_b),     # no consent
            self.row(self.father_b, 'none', self.student_b, 'Q-4', self.school_b),     # wants nothing: no row
        ])
        self.assertEqual(queued, 2)
        self.assertEqual([(n.body, n.partner_id, n.channel, n.state, n.reason) for n in self.queue()],
                         [('Q-1', self.mother_a, 'mail', 'queued', False),
                          ('Q-2', self.granny, 'sms', 'queued', False),
                          ('Q-3', self.father_b, 'mail', 'skipped', 'no_consent')])

    def test_a_withdrawn_consent_skips_the_next_messages_with_its_reason_SEC01(self):
        consent = self.env['kz.edu.consent'].search([('partner_id', '=', self.student_a.id)])
        consent.action_withdraw()                              # withdrawn today: no longer in force today
        self.assertEqual(self.enqueue([self.row(self.mother_a, 'mail', self.student_a, 'Q-w')]), 0)
        self.assertEqual((self.queue().state, self.queue().reason), ('skipped', 'consent_withdrawn'))
        labels = dict(self.env['kz.edu.notification'].with_context(lang='kk_KZ')._fields['reason']
                      ._description_selection(self.env(context={'lang': 'kk_KZ'})))
        self.assertNotEqual(labels['consent_withdrawn'], 'The consent was withdrawn')     # the parent's language

    def test_a_consent_given_after_today_is_not_yet_in_force(self):
        tomorrow = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(self.env['res.partner']))
                                         + datetime.timedelta(days=1))
        self.env['kz.edu.consent'].create({'partner_id': self.student_b.id, 'purpose': 'notifications',
                                           'given_by_id': self.father_b.id, 'date_given': tomorrow,
                                           'company_id': self.school_b.id})
        self.enqueue([self.row(self.father_b, 'mail', self.student_b, 'Q-t', self.school_b)])
        self.assertEqual(self.queue().reason, 'consent_not_yet')

    def test_a_consent_for_another_purpose_does_not_count(self):
        self.enqueue([self.row(self.mother_a, 'mail', self.student_a, 'Q-p')], purpose='photo')
        self.assertEqual((self.queue().state, self.queue().reason), ('skipped', 'no_consent'))

    def test_a_fact_is_queued_once_per_recipient(self):
        rows = [self.row(self.mother_a, 'mail', self.student_a, 'Q-u')]
        self.assertEqual(self.enqueue(rows + rows, unique=('body',)), 1)
        self.assertEqual(self.enqueue(rows, unique=('body',)), 0)
        self.assertEqual(len(self.queue()), 1)

    def test_a_batch_is_queued_in_a_fixed_number_of_statements(self):
        def count(n):
            rows = [self.row(self.mother_a, 'mail', self.student_a, 'Q-%d' % i) for i in range(n)]
            before = self.cr.sql_log_count
            self.enqueue(rows)
            return self.cr.sql_log_count - before
        self.assertEqual(count(3), count(300))
        self.assertLessEqual(count(300), 3)              # the consents, the insert (and the user's time zone)

    def test_an_unknown_column_is_refused(self):
        with self.assertRaises(ValueError):
            self.enqueue([dict(self.row(self.mother_a, 'mail', self.student_a, 'Q-x'), nope=1)])

    def test_the_cron_sends_mail_and_marks_each_message_sent_skipped_or_failed(self):
        Notification = self.env['kz.edu.notification']
        Notification.search([('state', '=', 'queued')]).write({'state': 'skipped'})     # the demo's queue
        self.granny.email = False
        self.enqueue([self.row(self.mother_a, 'mail', self.student_a, 'Q-mail'),
                      self.row(self.granny, 'mail', self.student_a, 'Q-no-address'),
                      self.row(self.granny, 'sms', self.student_a, 'Q-sms')])
        self.assertEqual(Notification._cron_send(), 3)
        result = {n.body: (n.state, n.reason) for n in self.queue()}
        self.assertEqual(result, {'Q-mail': ('sent', False), 'Q-no-address': ('skipped', 'no_address'),
                                  'Q-sms': ('failed', 'no_gateway')})
        sent = self.queue().filtered(lambda n: n.body == 'Q-mail')
        self.assertTrue(sent.sent_at)
        mail = self.env['mail.mail'].search([('email_to', '=', 'ana.q@example.kz')], order='id desc', limit=1)
        self.assertIn('Q-mail', mail.body_html)
        self.assertEqual(Notification._cron_send(), 0)       # nothing queued is left

    def test_a_parent_reads_only_her_own_notifications_SEC06(self):
        self.enqueue([self.row(self.mother_a, 'mail', self.student_a, 'Q-own'),
                      self.row(self.granny, 'sms', self.student_a, 'Q-granny')])
        mine = self.env['kz.edu.notification'].sudo(self.parent).search([('body', 'like', 'Q-%')])
        self.assertEqual(mine.mapped('body'), ['Q-own'])
        other = self.queue().filtered(lambda n: n.body == 'Q-granny')
        with self.assertRaises(AccessError):
            other.sudo(self.parent).read(['body'])
        with self.assertRaises(AccessError):
            mine.sudo(self.parent).write({'state': 'sent'})
        # the deputy director reads the school's; a teacher has no access to the queue at all
        self.assertEqual(len(self.env['kz.edu.notification'].sudo(self.deputy).search([('body', 'like', 'Q-%')])), 2)
        with self.assertRaises(AccessError):
            self.env['kz.edu.notification'].sudo(self.teacher).search([])
