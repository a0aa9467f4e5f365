# -*- coding: utf-8 -*-
"""Odoo's WSGI application called in-process from a test, inside the test's transaction (pytest-odoo starts no
HTTP server, so Odoo's HttpCase cannot be used): the registry lends the test cursor to the requests (as HttpCase
does with its own), committing to and rolling back to a savepoint, so the test sees what a request wrote and
everything is undone afterwards. Routing, sessions, login, CSRF, record rules and templates run as in production.

    web = InProcessClient(case, 'login', 'password')       # a session logged in as that user
    web = InProcessClient(case, remote_addr='127.0.0.31')  # a visitor who is not logged in, from that address
    web.get(url) / web.post(url, data) / web.json(url, params) / web.session_id

The requests go through odoo.service.wsgi_server.application (not only odoo.http.root), the way the server calls
Odoo: XML-RPC is served and auth_brute_force sees the caller's address.
"""
import json
import re
import threading

import odoo
from odoo import api
from odoo.service import security


class InProcessClient(object):

    class _LentCursor(object):
        def __init__(self, cr):
            self.__dict__['_cr'] = cr
            cr.execute('SAVEPOINT kz_http_client')

        def __getattr__(self, name):
            return getattr(self._cr, name)

        def acquire(self):
            pass

        def release(self):
            pass

        def commit(self):
            self._cr.execute('RELEASE SAVEPOINT kz_http_client')
            self._cr.execute('SAVEPOINT kz_http_client')

        def rollback(self):
            self._cr.execute('ROLLBACK TO SAVEPOINT kz_http_client')
            self._cr.execute('SAVEPOINT kz_http_client')

        def close(self):
            self.rollback()

        def force_close(self):
            pass

        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc_value, traceback):
            if exc_type is None:
                self.commit()
            self.close()

    def __init__(self, case, login=None, password=None, remote_addr='127.0.0.1'):
        from werkzeug.test import Client
        from werkzeug.wrappers import BaseResponse
        self.case = case
        self.remote_addr = remote_addr
        registry = case.registry
        registry.test_cr = self._LentCursor(case.cr)
        saved_lock = odoo.modules.registry.Registry._lock
        odoo.modules.registry.Registry._lock = odoo.modules.registry.DummyRLock()

        def restore():
            registry.test_cr = None
            odoo.modules.registry.Registry._lock = saved_lock
            registry.clear_caches()
        case.addCleanup(restore)
        root = odoo.http.root
        session = root.session_store.new()
        db = case.cr.dbname
        session.db = db
        if login:
            self._forget_thread_request()
            uid = registry['res.users'].authenticate(db, login, password, None)
            assert uid, 'login failed'
            env = api.Environment(case.cr, uid, {})
            session.uid, session.login = uid, login
            session.session_token = security.compute_session_token(session, env)
            session.context = dict(env['res.users'].context_get(), uid=uid)
            session._fix_lang(session.context)
        root.session_store.save(session)
        case.addCleanup(root.session_store.delete, session)
        self.client = Client(odoo.service.wsgi_server.application, BaseResponse)
        self.client.set_cookie('localhost', 'session_id', session.sid)

    @staticmethod
    def _forget_thread_request():
        """What a request leaves on the thread (auth_brute_force keeps the WSGI environ there) must not leak
        into the next request or into the test."""
        thread = threading.current_thread()
        for name in ('environ', 'auth_attempt_id'):
            if hasattr(thread, name):
                delattr(thread, name)

    def _call(self, method, url, **kw):
        thread = threading.current_thread()
        saved = {name: getattr(thread, name) for name in ('uid', 'dbname') if hasattr(thread, name)}
        kw.setdefault('environ_base', {'REMOTE_ADDR': self.remote_addr})
        try:
            return getattr(self.client, method)(url, **kw)
        finally:
            for name in ('uid', 'dbname'):          # the WSGI server would reset what the request set
                if name in saved:
                    setattr(thread, name, saved[name])
                elif hasattr(thread, name):
                    delattr(thread, name)
            self._forget_thread_request()
            self.case.env.user.invalidate_cache()

    def get(self, url, follow_redirects=True):
        # the website sends a Kazakh-speaking user to /kk_KZ/...: followed, as a browser does
        return self._call('get', url, follow_redirects=follow_redirects)

    def post(self, url, data, follow_redirects=False):
        return self._call('post', url, data=data, follow_redirects=follow_redirects)

    def json(self, url, params=None):
        """A JSON-RPC call as the web client makes it; returns the decoded answer ({'result': ...} or
        {'error': ...})."""
        body = json.dumps({'jsonrpc': '2.0', 'method': 'call', 'id': 1, 'params': params or {}})
        response = self._call('post', url, data=body, content_type='application/json')
        return json.loads(response.get_data(as_text=True))

    @property
    def session_id(self):
        """The session cookie the browser holds now."""
        for cookie in self.client.cookie_jar:
            if cookie.name == 'session_id':
                return cookie.value
        return None

    @staticmethod
    def csrf(html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
