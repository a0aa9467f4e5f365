# -*- coding: utf-8 -*-
"""The SMS gateway of the notification queue (issue #15): a local HTTP server on 127.0.0.1 plays SMSC.kz's
send.php (https://smsc.kz/api/http/send/); the queue sends to the parents who consented, in their language, once;
a provider's refusal fails a message with its reason; a gateway that does not answer is tried again, then fails;
only the administrator reads and writes the gateway's settings."""
import http.server
import json
import socket
import threading
import urllib.parse

from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base import sms_gateway
from odoo.addons.kz_edu_base.models.kz_edu_notification import SMS_LOGIN, SMS_PASSWORD, SMS_URL

from .common import KzEduCase

KK_TEXT = 'Айгерім мектепке 08:05-те келді. Қалдық: 1 200 ₸'
RU_TEXT = 'Айгерим пришла в школу в 08:05. Остаток: 1 200 ₸'


class FakeSmsc(http.server.BaseHTTPRequestHandler):
    """send.php of SMSC.kz: records each POST's form and answers the next of ``server.answers`` (fmt=3 JSON), or an
    accepted message."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0)).decode('ascii')
        self.server.received.append(dict(urllib.parse.parse_qsl(body), path=self.path))
        mes = self.server.received[-1].get('mes', '')
        # SMSC counts a Cyrillic text in SMS of 70 letters, 67 a part of a longer one
        cnt = 1 if len(mes) <= 70 else -(-len(mes) // 67)
        answer = self.server.answers.pop(0) if self.server.answers else {'id': len(self.server.received), 'cnt': cnt}
        data = json.dumps(answer).encode('utf-8')
        self.send_response(200)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class TestSmsGateway(KzEduCase):
    """Student A's notifications consent (from 1 September) covers her mother (Kazakh) and her grandmother
    (Russian), both on SMS; student B has no consent (her father's SMS must not go)."""

    @classmethod
    def setUpClass(cls):
        super(TestSmsGateway, cls).setUpClass()
        Partner = cls.env['res.partner']
        cls.mother_a.write({'mobile': '8 701 123 45 67', 'lang': 'kk_KZ'})
        cls.granny = Partner.create({'name': 'Бабушка А', 'mobile': '+7 (702) 765-43-21', 'lang': 'ru_RU',
                                     'company_id': cls.school_a.id})
        cls.father_b = Partner.create({'name': 'Әке Б', 'mobile': '87057778899', 'company_id': cls.school_b.id})
        cls.env['kz.edu.consent'].create({'partner_id': cls.student_a.id, 'purpose': 'notifications',
                                          'given_by_id': cls.mother_a.id, 'date_given': '2026-09-01',
                                          'company_id': cls.school_a.id})
        cls.server = http.server.HTTPServer(('127.0.0.1', 0), FakeSmsc)
        cls.server.received, cls.server.answers = [], []
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.url = 'http://127.0.0.1:%d/sys/send.php' % cls.server.server_address[1]
        cls.director = cls.make_user('sms_director', ['kz_edu_base.group_director'], cls.school_a)
        cls.chief = cls.make_user('sms_chief', ['kz_edu_base.group_chief_bookkeeper'], cls.school_a)

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        super(TestSmsGateway, cls).tearDownClass()

    def setUp(self):
        super(TestSmsGateway, self).setUp()
        self.server.received[:], self.server.answers[:] = [], []
        self.Notification = self.env['kz.edu.notification']
        self.Notification.search([('state', '=', 'queued')]).write({'state': 'skipped'})     # the demo's queue
        self.configure(self.url)

    def configure(self, url, login='school7', password='pw-7&7'):
        params = self.env['ir.config_parameter'].sudo()
        for key, value in ((SMS_URL, url), (SMS_LOGIN, login), (SMS_PASSWORD, password)):
            params.set_param(key, value)

    def enqueue(self, *rows):
        return self.Notification.kz_enqueue([
            {'partner_id': who.id, 'channel': 'sms', 'subject_partner_id': child.id, 'company_id': child.company_id.id,
             'body': body} for who, child, body in rows])

    def rows(self):
        return self.Notification.search([('channel', '=', 'sms'), ('body', '!=', False)], order='id')

    def sent(self):
        return [(r['phones'], r['mes']) for r in self.server.received]

    def test_the_consenting_parents_get_their_sms_in_their_language_once(self):
        queued = self.enqueue((self.mother_a, self.student_a, KK_TEXT), (self.granny, self.student_a, RU_TEXT),
                              (self.father_b, self.student_b, 'Б келді'))
        self.assertEqual(queued, 2)
        self.assertEqual(self.Notification._cron_send(), 2)
        # what SMSC.kz received: the numbers normalised with their +, the texts in UTF-8, the account, JSON asked
        self.assertEqual(self.sent(), [('+77011234567', KK_TEXT), ('+77027654321', RU_TEXT)])
        first = self.server.received[0]
        self.assertEqual((first['path'], first['login'], first['psw'], first['charset'], first['fmt']),
                         ('/sys/send.php', 'school7', 'pw-7&7', 'utf-8', '3'))
        by_partner = {n.partner_id: n for n in self.rows()}
        mother, granny, father = by_partner[self.mother_a], by_partner[self.granny], by_partner[self.father_b]
        self.assertEqual([(n.state, n.reason, n.gateway_ref, n.attempts) for n in (mother, granny)],
                         [('sent', False, '1', 1), ('sent', False, '2', 1)])
        self.assertTrue(mother.sent_at)
        self.assertEqual(mother.sms_parts, 1)                  # 48 characters, Cyrillic: one UCS-2 SMS
        self.assertEqual((father.state, father.reason), ('skipped', 'no_consent'))
        # never twice: a second run has nothing queued, and the gateway called on sent rows sends nothing
        self.assertEqual(self.Notification._cron_send(), 0)
        self.Notification._kz_gateway_send_sms(mother | granny)
        self.assertEqual(len(self.server.received), 2)

    def test_a_long_kazakh_text_is_counted_in_parts_and_a_too_long_one_is_not_sent(self):
        self.enqueue((self.mother_a, self.student_a, 'ә' * 100), (self.granny, self.student_a, 'ж' * 400))
        self.Notification._cron_send()
        self.assertEqual([(n.state, n.reason, n.sms_parts) for n in self.rows()],
                         [('sent', False, 2), ('failed', 'too_long', 6)])
        self.assertEqual(self.sent(), [('+77011234567', 'ә' * 100)])

    def test_a_provider_refusal_fails_the_message_with_its_reason(self):
        self.server.answers[:] = [{'error': 'message is denied', 'error_code': 6, 'id': 9}]
        self.enqueue((self.mother_a, self.student_a, KK_TEXT), (self.granny, self.student_a, RU_TEXT))
        self.Notification._cron_send()
        mother, granny = self.rows()
        self.assertEqual((mother.state, mother.reason, mother.error), ('failed', 'sms_refused', '6: message is denied'))
        self.assertEqual(granny.state, 'sent')                 # a refusal of one text does not stop the others
        labels = dict(self.Notification._fields['reason']._description_selection(self.env(context={'lang': 'ru_RU'})))
        self.assertNotEqual(labels['sms_refused'], 'The SMS gateway refused the text or the sender')
        # the provider's answers from its documentation, each as its reason
        self.server.answers[:] = [{'error': 'invalid phone', 'error_code': 7},
                                  {'error': "couldn't be delivered", 'error_code': 8}]
        self.enqueue((self.mother_a, self.student_a, 'Q-7'), (self.granny, self.student_a, 'Q-8'))
        self.Notification._cron_send()
        self.assertEqual([(n.state, n.reason) for n in self.rows()[2:]],
                         [('failed', 'bad_phone'), ('failed', 'sms_undeliverable')])

    def test_a_number_that_is_not_one_is_refused_before_any_call(self):
        self.mother_a.mobile = '12-34'
        self.granny.write({'mobile': False, 'phone': False})
        self.enqueue((self.mother_a, self.student_a, KK_TEXT), (self.granny, self.student_a, RU_TEXT))
        self.Notification._cron_send()
        self.assertEqual([(n.state, n.reason) for n in self.rows()], [('failed', 'bad_phone'),
                                                                       ('skipped', 'no_address')])
        self.assertEqual(self.server.received, [])

    def test_a_gateway_down_is_tried_again_then_the_message_fails(self):
        self.configure('http://127.0.0.1:%d/sys/send.php' % free_port())          # nobody listens there
        self.enqueue((self.mother_a, self.student_a, KK_TEXT), (self.granny, self.student_a, RU_TEXT))
        mother, granny = self.rows()
        for attempt in range(1, sms_gateway.MAX_ATTEMPTS):
            self.Notification._cron_send()
            self.assertEqual((mother.state, mother.reason, mother.attempts), ('queued', 'sms_network', attempt))
            self.assertEqual((granny.state, granny.attempts), ('queued', 0))   # the batch stopped at the dead gateway
        self.Notification._cron_send()
        self.assertEqual((mother.state, mother.reason, mother.attempts),
                         ('failed', 'sms_network', sms_gateway.MAX_ATTEMPTS))
        self.assertIn('Connection refused', mother.error)
        self.assertNotIn('pw-7&7', mother.error)
        # the gateway is back: the next run sends what waited
        self.configure(self.url)
        self.Notification._cron_send()
        self.assertEqual((granny.state, granny.attempts), ('sent', 1))
        self.assertEqual(self.sent(), [('+77027654321', RU_TEXT)])

    def test_a_wrong_login_keeps_the_message_queued_with_the_reason(self):
        self.server.answers[:] = [{'error': 'authorise error', 'error_code': 2}]
        self.enqueue((self.mother_a, self.student_a, KK_TEXT))
        self.Notification._cron_send()
        self.assertEqual((self.rows().state, self.rows().reason), ('queued', 'sms_login'))
        self.Notification._cron_send()                         # the administrator fixed it meanwhile
        self.assertEqual((self.rows().state, self.rows().attempts), ('sent', 2))

    def test_without_settings_an_sms_still_fails_for_want_of_a_gateway(self):
        self.env['ir.config_parameter'].sudo().set_param(SMS_PASSWORD, False)
        self.enqueue((self.mother_a, self.student_a, KK_TEXT))
        self.Notification._cron_send()
        self.assertEqual((self.rows().state, self.rows().reason), ('failed', 'no_gateway'))
        self.assertEqual(self.server.received, [])

    def test_only_the_administrator_reads_and_writes_the_gateway_settings(self):
        Settings = self.env['res.config.settings']
        admin = self.make_user('sms_admin', ['base.group_system'], self.school_a)
        settings = Settings.sudo(admin).create({'kz_sms_url': 'https://smsc.kz/sys/send.php', 'kz_sms_login': 'sch',
                                                'kz_sms_password': 'new-secret'})
        settings.execute()
        params = self.env['ir.config_parameter'].sudo()
        self.assertEqual([params.get_param(k) for k in (SMS_URL, SMS_LOGIN, SMS_PASSWORD)],
                         ['https://smsc.kz/sys/send.php', 'sch', 'new-secret'])
        # the screen shows the address and the login back, never the password (it says one is entered)
        shown = Settings.sudo(admin).create({})
        self.assertEqual((shown.kz_sms_url, shown.kz_sms_login, shown.kz_sms_password, shown.kz_sms_password_set),
                         ('https://smsc.kz/sys/send.php', 'sch', '', True))
        self.assertNotIn('new-secret', str(shown.read()))
        shown.execute()                                        # saving with an empty box keeps the password
        self.assertEqual(params.get_param(SMS_PASSWORD), 'new-secret')
        for user in (self.director, self.chief):
            with self.assertRaises(AccessError, msg=user.login):
                self.env['ir.config_parameter'].sudo(user).get_param(SMS_PASSWORD)
            with self.assertRaises(AccessError, msg=user.login):
                self.env['ir.config_parameter'].sudo(user).search([('key', 'like', 'kz_edu_base.sms')])
            # the settings screen does not open for them (Odoo's own settings read the administrator's models)
            with self.assertRaises(AccessError, msg=user.login):
                Settings.sudo(user).default_get(['kz_sms_url', 'kz_sms_login', 'kz_sms_password'])
            with self.assertRaises(AccessError, msg=user.login):
                Settings.sudo(user).create({'kz_sms_password': 'mine'})
            # and were it to open, the password box would refuse them and tell them nothing
            theirs = Settings.sudo(user).new({'kz_sms_password': 'mine'})
            with self.assertRaises(AccessError, msg=user.login):
                theirs._inverse_kz_sms_password()
            theirs = Settings.sudo(user).new({})
            self.assertEqual((theirs.kz_sms_password, theirs.kz_sms_password_set), ('', False))
        self.assertEqual([params.get_param(k) for k in (SMS_URL, SMS_PASSWORD)],
                         ['https://smsc.kz/sys/send.php', 'new-secret'])
        # an address that is not a gateway's is refused in the administrator's language, and nothing changes
        wrong = Settings.sudo(admin).with_context(lang='kk_KZ').create({'kz_sms_url': 'file:///etc/passwd'})
        with self.assertRaises(UserError) as exc:
            wrong.execute()
        self.assertIn('file:///etc/passwd', str(exc.exception))
        self.assertNotIn('is not the address', str(exc.exception))
        self.assertEqual(params.get_param(SMS_URL), 'https://smsc.kz/sys/send.php')
        # the labels of the screen speak Kazakh and Russian
        for lang in ('kk_KZ', 'ru_RU'):
            fields_ = Settings.with_context(lang=lang).fields_get(['kz_sms_password'])
            self.assertNotEqual(fields_['kz_sms_password']['string'], 'SMS gateway password', lang)
