# -*- coding: utf-8 -*-
"""Login and session security over HTTP, in-process (kz_edu_base's InProcessClient: Odoo's WSGI application with
the test's transaction lent to it): login throttling by address (OCA auth_brute_force with our block window and
unblocking), a new session id at login, the idle lifetime of a session and its cookie, and what an error tells a
caller who is not a system administrator (SEC-01, LMS-18)."""
import json
import os
import time
import xmlrpc.client
from unittest import mock

from odoo import http
from odoo.exceptions import AccessError
from odoo.tools import config, mute_logger

from odoo.addons.auth_brute_force.models import res_authentication_attempt as oca_attempt
from odoo.addons.kz_edu_base.tests.common import KzEduCase
from odoo.addons.kz_edu_base.tests.http_client import InProcessClient

QUIET = ('odoo.addons.auth_brute_force.models.res_authentication_attempt',
         'odoo.addons.auth_brute_force.models.res_users', 'odoo.addons.kz_edu_security.http_patches', 'odoo.http')


class LoginCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(LoginCase, cls).setUpClass()
        cls.teacher = cls.make_user('sec_teacher', ['kz_edu_base.group_teacher'], cls.school_a)
        cls.teacher.write({'password': 'Teacher-pw-1'})
        cls.colleague = cls.make_user('sec_colleague', ['kz_edu_base.group_teacher'], cls.school_a)
        cls.colleague.write({'password': 'Colleague-pw-1'})
        cls.sysadmin = cls.make_user('sec_sysadmin', ['base.group_system'], cls.school_a)
        cls.sysadmin.write({'password': 'Sysadmin-pw-1'})
        cls.Attempt = cls.env['res.authentication.attempt']

    def visitor(self, remote='127.0.0.1'):
        return InProcessClient(self, remote_addr=remote)

    def login_form(self, web, login, password):
        """Post the login form as a browser does; returns the response's text."""
        csrf = InProcessClient.csrf(web.get('/web/login').get_data(as_text=True))
        response = web.post('/web/login', {'login': login, 'password': password, 'csrf_token': csrf})
        return response.get_data(as_text=True)

    def logged_in_uid(self, web):
        answer = web.json('/web/session/get_session_info')
        return answer.get('result', {}).get('uid')

    def attempts(self, remote, result=None):
        domain = [('remote', '=', remote)] + ([('result', '=', result)] if result else [])
        return self.Attempt.search(domain)


class TestLoginThrottling(LoginCase):

    def test_wrong_passwords_block_the_login_from_that_address_until_unblocked_SEC01(self):
        remote = '127.0.0.41'
        web = self.visitor(remote)
        with mute_logger(*QUIET):
            for _n in range(5):
                page = self.login_form(web, 'sec_teacher', 'wrong password')
                self.assertIn('Wrong login/password', page)
        self.assertEqual(len(self.attempts(remote, 'failed')), 5)
        # now the right password: refused, and auth_brute_force says why in the log
        with self.assertLogs('odoo.addons.auth_brute_force.models.res_authentication_attempt', 'WARNING') as logs, \
                mute_logger('odoo.addons.auth_brute_force.models.res_users', 'odoo.http'):
            page = self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        self.assertIn('Wrong login/password', page)
        self.assertFalse(self.logged_in_uid(web))
        self.assertIn("Authentication failed from remote '%s'. The remote and login combination has been banned. "
                      "Login tried: 'sec_teacher'." % remote, '\n'.join(logs.output))
        self.assertEqual(len(self.attempts(remote, 'banned')), 1)
        # the block is for that login from that address: a colleague logs in from there, the teacher from elsewhere
        self.assertNotIn('Wrong login/password', self.login_form(self.visitor(remote), 'sec_colleague',
                                                                 'Colleague-pw-1'))
        elsewhere = self.visitor('127.0.0.42')
        self.login_form(elsewhere, 'sec_teacher', 'Teacher-pw-1')
        self.assertEqual(self.logged_in_uid(elsewhere), self.teacher.id)
        # an administrator unblocks the address: the right password works again from there
        self.attempts(remote, 'banned').sudo(self.sysadmin).action_kz_unblock()
        self.assertTrue(all(self.attempts(remote).filtered(lambda a: a.result != 'successful').mapped('kz_cleared')))
        self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        self.assertEqual(self.logged_in_uid(web), self.teacher.id)

    def test_a_block_ends_after_the_block_time_SEC01(self):
        remote = '127.0.0.43'
        web = self.visitor(remote)
        with mute_logger(*QUIET):
            for _n in range(5):
                self.login_form(web, 'sec_teacher', 'wrong password')
            self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        self.assertFalse(self.logged_in_uid(web))
        self.assertEqual(self.env['ir.config_parameter'].sudo().get_param('kz_edu_security.block_minutes'), '30')
        # 31 minutes later
        self.env.cr.execute("UPDATE res_authentication_attempt SET create_date = create_date - interval '31 minutes' "
                            "WHERE remote = %s", (remote,))
        self.Attempt.invalidate_cache()
        self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        self.assertEqual(self.logged_in_uid(web), self.teacher.id)

    def test_attempts_are_read_by_administrators_only_and_never_looked_up_abroad_SEC01(self):
        remote = '127.0.0.44'
        with mute_logger(*QUIET):
            self.login_form(self.visitor(remote), 'sec_teacher', 'wrong password')
        attempt = self.attempts(remote)
        self.assertEqual(len(attempt), 1)
        with self.assertRaises(AccessError):
            self.Attempt.sudo(self.teacher).search([('remote', '=', remote)]).read(['login'])
        with self.assertRaises(AccessError):
            attempt.sudo(self.teacher).read(['login', 'remote'])
        with mock.patch.object(oca_attempt, 'urlopen', side_effect=AssertionError('looked up abroad')) as urlopen:
            seen = attempt.sudo(self.sysadmin).read(['login', 'remote', 'remote_metadata'])[0]
        self.assertFalse(urlopen.called)
        self.assertEqual((seen['login'], seen['remote']), ('sec_teacher', remote))
        self.assertIn('Not looked up', seen['remote_metadata'])


class TestSessions(LoginCase):

    def test_session_id_changes_at_login_and_the_old_one_is_worth_nothing_SEC01(self):
        web = self.visitor('127.0.0.51')
        web.get('/web/login')
        planted = web.session_id
        self.assertTrue(planted)
        self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        self.assertNotEqual(web.session_id, planted)
        self.assertEqual(self.logged_in_uid(web), self.teacher.id)
        store = http.root.session_store
        self.assertFalse(os.path.exists(store.get_session_filename(planted)))
        # whoever kept the id from before the login is not logged in with it
        attacker = self.visitor('127.0.0.52')
        attacker.client.set_cookie('localhost', 'session_id', planted)
        with mute_logger(*QUIET):
            answer = attacker.json('/web/dataset/call_kw', {
                'model': 'res.partner', 'method': 'search_read', 'args': [[]], 'kwargs': {'limit': 1}})
        self.assertEqual(answer['error']['data']['name'], 'odoo.http.SessionExpiredException')

    def test_session_cookie_lives_for_the_idle_lifetime_8_hours_by_default_SEC01(self):
        self.assertNotIn('kz_session_idle_minutes', config.options)
        web = self.visitor('127.0.0.53')
        response = web.get('/web/login')
        self.assertIn('Max-Age=28800', response.headers['Set-Cookie'])
        self.assertIn('HttpOnly', response.headers['Set-Cookie'])
        self.assertIn('SameSite=Lax', response.headers['Set-Cookie'])
        with mock.patch.dict(config.options, {'kz_session_idle_minutes': '30'}):
            response = web.get('/web/login')
        cookies = response.headers.getlist('Set-Cookie')
        self.assertEqual(len([c for c in cookies if c.startswith('session_id=')]), 1)
        self.assertIn('Max-Age=1800', cookies[0])
        self.assertNotIn('Secure', cookies[0])
        # over HTTPS (the proxy in front of Odoo) the cookie is never sent in clear text
        response = web._call('get', '/web/login', base_url='https://localhost/')
        self.assertIn('Secure', response.headers['Set-Cookie'])

    def _age_session(self, web, seconds):
        store = http.root.session_store
        session = store.get(web.session_id)
        session['kz_last_seen'] = time.time() - seconds
        store.save(session)

    def test_a_session_idle_longer_than_the_lifetime_ends_SEC01(self):
        web = self.visitor('127.0.0.54')
        self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        self.assertEqual(self.logged_in_uid(web), self.teacher.id)
        with mock.patch.dict(config.options, {'kz_session_idle_minutes': '30'}):
            self._age_session(web, 29 * 60)
            answer = web.json('/web/dataset/call_kw', {
                'model': 'res.users', 'method': 'read', 'args': [[self.teacher.id], ['login']], 'kwargs': {}})
            self.assertEqual(answer['result'][0]['login'], 'sec_teacher')
            # the request renewed the activity time
            self.assertAlmostEqual(http.root.session_store.get(web.session_id)['kz_last_seen'], time.time(), delta=5)
            self._age_session(web, 31 * 60)
            with mute_logger(*QUIET):
                answer = web.json('/web/dataset/call_kw', {
                    'model': 'res.users', 'method': 'read', 'args': [[self.teacher.id], ['login']], 'kwargs': {}})
        self.assertEqual(answer['error']['code'], 100)
        self.assertEqual(answer['error']['data']['name'], 'odoo.http.SessionExpiredException')
        self.assertFalse(http.root.session_store.get(web.session_id).uid)

    def test_session_files_older_than_the_lifetime_are_removed_SEC01(self):
        store = http.root.session_store
        old, recent = store.new(), store.new()
        store.save(old)
        store.save(recent)
        self.addCleanup(store.delete, old)
        self.addCleanup(store.delete, recent)
        # the file system's clock, not this process's: they differ when the suite runs with a set date
        # (scripts/test --today: libfaketime fakes the process's clock only) — the files just saved carry it
        saved = os.path.getmtime(store.get_session_filename(recent.sid))
        aged = saved - 8 * 3600 - 60
        os.utime(store.get_session_filename(old.sid), (aged, aged))
        with mock.patch('random.random', return_value=0.0):
            http.session_gc(store)
        self.assertFalse(os.path.exists(store.get_session_filename(old.sid)))
        self.assertTrue(os.path.exists(store.get_session_filename(recent.sid)))
        # the process's clock months away from the file system's (a set date) removes nothing recent
        with mock.patch('random.random', return_value=0.0), \
                mock.patch.object(time, 'time', return_value=saved + 270 * 86400):
            http.session_gc(store)
        self.assertTrue(os.path.exists(store.get_session_filename(recent.sid)))


class TestErrorsForCallers(LoginCase):

    # an internal error (ValueError: invalid field in a search domain), not an error meant for the user
    CALL_BAD_READ = {'model': 'res.users', 'method': 'search_count', 'args': [[('kz_no_such_field', '=', 1)]],
                     'kwargs': {}}

    def test_a_caller_who_is_not_logged_in_gets_no_traceback_SEC01(self):
        web = self.visitor('127.0.0.61')
        with mute_logger(*QUIET):
            answer = web.json('/web/dataset/call_kw', {
                'model': 'res.partner', 'method': 'search_read', 'args': [[]], 'kwargs': {}})
        error = answer['error']
        self.assertEqual(error['code'], 100)
        self.assertEqual(error['data']['name'], 'odoo.http.SessionExpiredException')
        text = json.dumps(answer)
        self.assertNotIn('Traceback', text)
        self.assertNotIn('.py', text)
        self.assertIn('server log, reference', error['data']['debug'])

    def test_a_user_gets_a_reference_and_the_log_the_traceback_an_administrator_the_traceback_SEC01(self):
        web = self.visitor('127.0.0.62')
        self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        with self.assertLogs('odoo.addons.kz_edu_security.http_patches', 'WARNING') as logs, \
                mute_logger('odoo.http'):
            answer = web.json('/web/dataset/call_kw', self.CALL_BAD_READ)
        debug = answer['error']['data']['debug']
        self.assertNotIn('Traceback', debug)
        reference = debug.rsplit('reference ', 1)[1].rstrip('.')
        logged = '\n'.join(logs.output)
        self.assertIn('reference %s' % reference, logged)
        self.assertIn('Traceback', logged)
        # a system administrator (group Settings) sees Odoo's traceback
        admin = self.visitor('127.0.0.63')
        self.login_form(admin, 'sec_sysadmin', 'Sysadmin-pw-1')
        with mute_logger(*QUIET):
            answer = admin.json('/web/dataset/call_kw', self.CALL_BAD_READ)
        self.assertIn('Traceback', answer['error']['data']['debug'])

    def test_the_reference_is_given_in_the_users_language_SEC04(self):
        self.teacher.write({'lang': 'kk_KZ'})
        web = self.visitor('127.0.0.65')
        self.login_form(web, 'sec_teacher', 'Teacher-pw-1')
        with mute_logger(*QUIET):
            answer = web.json('/web/dataset/call_kw', self.CALL_BAD_READ)
        self.assertIn('сервер журналына жазылды, сілтеме', answer['error']['data']['debug'])

    def test_xmlrpc_faults_carry_no_traceback_SEC01(self):
        web = self.visitor('127.0.0.64')
        body = xmlrpc.client.dumps((self.env.cr.dbname, self.teacher.id, 'Teacher-pw-1', 'res.users', 'search_count',
                                    [[('kz_no_such_field', '=', 1)]]), 'execute_kw')
        with mute_logger(*QUIET, 'odoo.service.model'):
            response = web._call('post', '/xmlrpc/2/object', data=body, content_type='text/xml')
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            xmlrpc.client.loads(response.get_data())
        self.assertNotIn('Traceback', fault.exception.faultString)
        self.assertIn('server log, reference', fault.exception.faultString)
