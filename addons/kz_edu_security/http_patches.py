# -*- coding: utf-8 -*-
"""The session and error policy of session_rules.py bound to Odoo 11's HTTP layer (odoo/http.py).

Odoo 11 keeps these in module-level code, not in models, so they are wrapped once per process by `install()`,
called from the manifest's `post_load` (Odoo runs it when the addon is loaded into a registry, i.e. only in a
server where the addon is installed):

- `OpenERPSession.authenticate`: on success the session gets a new id (the old one is deleted from the store), so
  an id planted before the login (session fixation) is worth nothing afterwards. Odoo 11 only rotates at logout;
  its `rotate` flag cannot be used at login because the session token is an HMAC of the session id, so the id is
  changed here and the token computed again.
- `OpenERPSession.check_security` (every request of a logged-in session): the idle lifetime.
- `Root.get_response`: the session cookie's max-age is the idle lifetime instead of 90 days, and the cookie is
  marked Secure when the request came over HTTPS (behind the proxy: X-Forwarded-Proto with proxy_mode) and
  SameSite=Lax (another site's form or script does not send it).
- `session_gc`: session files are removed once they are older than the idle lifetime instead of a week.
- `serialize_exception` (JSON-RPC errors, and the downloads of the web client): the traceback goes to the log
  with a reference; the caller gets the reference unless they are a logged-in system administrator.
- XML-RPC faults (`/xmlrpc/...`): no traceback in the fault string either, only the reference.
"""
import logging
import os
import random
import sys
import threading
import time
import traceback
import uuid

import werkzeug.exceptions

import odoo
from odoo import http
from odoo.service import security, wsgi_server
from odoo.tools import config
from odoo.tools.translate import _

from . import session_rules

_logger = logging.getLogger(__name__)

_ORIGINAL = {}


def idle_minutes():
    try:
        return session_rules.idle_minutes(config.get('kz_session_idle_minutes'))
    except session_rules.SessionRuleError as err:
        _logger.error('%s; using %d minutes', err, session_rules.DEFAULT_IDLE_MINUTES)
        return session_rules.DEFAULT_IDLE_MINUTES


# ---- sessions -----------------------------------------------------------------------------------------------

def authenticate(self, db, login=None, password=None, uid=None):
    uid = _ORIGINAL['authenticate'](self, db, login=login, password=password, uid=uid)
    if uid:
        store = http.root.session_store
        store.delete(self)
        self.sid = store.generate_key()
        self.session_token = security.compute_session_token(self, http.request.env)
        self['kz_last_seen'] = time.time()
        self['kz_debug_allowed'] = http.request.env['res.users'].sudo().browse(uid).has_group('base.group_system')
        self.modified = True
    return uid


def check_security(self):
    _ORIGINAL['check_security'](self)
    now = time.time()
    last_seen = self.get('kz_last_seen')
    if session_rules.is_idle_expired(last_seen, now, idle_minutes()):
        _logger.info('session of user %s ended after %d idle minutes', self.uid, idle_minutes())
        raise http.SessionExpiredException('Session expired')
    path = http.request.httprequest.path if http.request else None
    if session_rules.needs_touch(last_seen, now, path):
        self['kz_last_seen'] = now


def get_response(self, httprequest, result, explicit_session):
    response = _ORIGINAL['get_response'](self, httprequest, result, explicit_session)
    headers = getattr(response, 'headers', None)
    if headers is None:
        return response
    cookies = headers.getlist('Set-Cookie')
    if any(c.startswith('session_id=') for c in cookies):
        headers.remove('Set-Cookie')
        for cookie in cookies:
            if not cookie.startswith('session_id='):
                headers.add('Set-Cookie', cookie)
        response.set_cookie('session_id', httprequest.session.sid, httponly=True,
                            secure=httprequest.scheme == 'https', samesite='Lax',
                            max_age=session_rules.cookie_max_age(idle_minutes()))
    return response


GC_CLOCK = '.kz_gc_clock'


def filesystem_now(directory):
    """The time of the clock the file system stamps files with, read by writing a marker file the way a session
    file is written. A session's age is its file's time against this, not against the process's clock: the two
    differ on a network file system with its own clock and when the server runs with a set date (libfaketime fakes
    the process's clock, not the file system's), where every session would look months old."""
    marker = os.path.join(directory, GC_CLOCK)
    with open(marker, 'w') as f:
        f.write('%f' % time.time())
    return os.path.getmtime(marker)


def session_gc(session_store):
    if random.random() < 0.001:
        oldest = filesystem_now(session_store.path) - session_rules.cookie_max_age(idle_minutes())
        for fname in os.listdir(session_store.path):
            if fname == GC_CLOCK:
                continue
            path = os.path.join(session_store.path, fname)
            try:
                if os.path.getmtime(path) < oldest:
                    os.unlink(path)
            except OSError:
                pass


# ---- errors -------------------------------------------------------------------------------------------------

def _hidden_note(reference, lang, dbname):
    """The sentence that replaces a traceback, in the caller's language (read with a cursor of its own: the
    request's transaction may be the one that failed)."""
    if not (lang and dbname):
        return _('The details of this error were written to the server log, reference %s.') % reference
    cr = None
    try:
        cr = odoo.registry(dbname).cursor()                                        # noqa: F841 (read by _())
        context = {'lang': lang}                                                   # noqa: F841 (read by _())
        return _('The details of this error were written to the server log, reference %s.') % reference
    except Exception:
        return 'The details of this error were written to the server log, reference %s.' % reference
    finally:
        if cr is not None:
            cr.close()              # nothing was written: no commit (a test cursor would commit the test's work)


def _caller():
    """(logged in, may see tracebacks, language, database) of the current HTTP request's session."""
    try:
        session = http.request.session
    except (RuntimeError, AttributeError):
        return False, False, None, None
    uid = session.uid
    return bool(uid), bool(uid and session.get('kz_debug_allowed')), \
        (session.context or {}).get('lang'), session.db


# what Odoo's JsonRequest does not log either: errors meant for the user, an expired session, a page not found
_NOT_LOGGED = (odoo.exceptions.Warning, odoo.exceptions.except_orm, http.SessionExpiredException,
               werkzeug.exceptions.NotFound)


def serialize_exception(e):
    data = _ORIGINAL['serialize_exception'](e)
    logged_in, may_see, lang, dbname = _caller()
    if may_see:
        return data
    reference = uuid.uuid4().hex[:12]
    if not isinstance(e, _NOT_LOGGED):
        _logger.warning('error hidden from the caller, reference %s:\n%s', reference, data.get('debug'))
    return session_rules.caller_error_data(data, logged_in, may_see, _hidden_note(reference, lang, dbname))


def _xmlrpc_without_traceback(original):
    def handle(e):
        if isinstance(e, (odoo.exceptions.UserError, odoo.exceptions.RedirectWarning,
                          odoo.exceptions.MissingError, odoo.exceptions.AccessError,
                          odoo.exceptions.AccessDenied)):
            return original(e)
        reference = uuid.uuid4().hex[:12]
        if isinstance(e, odoo.exceptions.DeferredException):
            details = ''.join(traceback.format_exception(*e.traceback))
        else:
            details = ''.join(traceback.format_exception(*sys.exc_info()))
        _logger.warning('XML-RPC error hidden from the caller, reference %s:\n%s', reference, details)
        fault = wsgi_server.xmlrpclib.Fault(
            wsgi_server.RPC_FAULT_CODE_APPLICATION_ERROR,
            '%s. The details of this error were written to the server log, reference %s.' % (
                session_rules.INTERNAL_MESSAGE, reference))
        return wsgi_server.xmlrpclib.dumps(fault, allow_none=None)
    return handle


_lock = threading.Lock()


def install():
    """Wrap Odoo's HTTP functions once per process."""
    with _lock:
        if _ORIGINAL:
            return
        _ORIGINAL['authenticate'] = http.OpenERPSession.authenticate
        _ORIGINAL['check_security'] = http.OpenERPSession.check_security
        _ORIGINAL['get_response'] = http.Root.get_response
        _ORIGINAL['serialize_exception'] = http.serialize_exception
        _ORIGINAL['session_gc'] = http.session_gc
        http.OpenERPSession.authenticate = authenticate
        http.OpenERPSession.check_security = check_security
        http.Root.get_response = get_response
        http.session_gc = session_gc
        http.serialize_exception = serialize_exception
        # the web client's download routes imported serialize_exception by name
        from odoo.addons.web.controllers import main as web_main
        web_main._serialize_exception = serialize_exception
        wsgi_server.xmlrpc_handle_exception_int = _xmlrpc_without_traceback(wsgi_server.xmlrpc_handle_exception_int)
        wsgi_server.xmlrpc_handle_exception_string = _xmlrpc_without_traceback(
            wsgi_server.xmlrpc_handle_exception_string)
        _logger.info('session policy: id rotated at login, %d idle minutes, tracebacks for administrators only',
                     idle_minutes())
