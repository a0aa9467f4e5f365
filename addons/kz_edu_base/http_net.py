# -*- coding: utf-8 -*-
"""The net at the JSON-RPC boundary (issue #15): a rule module's refusal (``kz_errors.KzError``) that no model wrapped
in ``user_errors`` would reach the web client as an internal server error with a traceback; here it becomes a
UserError in the user's language, shown as a warning the user can act on («Дата должна быть датой …»), and the
transaction is rolled back as for any error. Wrapped once per process by ``install()`` (the manifest's post_load).
The models still wrap their calls (``with user_errors(env):``), which also covers XML-RPC and the server's jobs: this
is the net under them."""
import logging
import threading

from odoo import http
from odoo.exceptions import UserError

from .user_errors import is_kz_error, translate

_logger = logging.getLogger(__name__)
_ORIGINAL = {}
_lock = threading.Lock()


def as_user_error(env, exception):
    """``exception`` itself, or for a KzError a UserError with its text in the language of ``env``."""
    if not is_kz_error(exception):
        return exception
    try:
        text = translate(env, exception)
    except Exception:       # noqa: B902 — the database may be unusable after the error: say it in English
        _logger.warning('could not translate %r', exception, exc_info=True)
        text = str(exception)
    return UserError(text)


def _handle_exception(self, exception):
    if is_kz_error(exception):
        _logger.info('a rule refusal reached the JSON-RPC boundary unwrapped: %s', exception)
        exception = as_user_error(self.env, exception)
    return _ORIGINAL['json'](self, exception)


def install():
    with _lock:
        if _ORIGINAL:
            return
        _ORIGINAL['json'] = http.JsonRequest._handle_exception
        http.JsonRequest._handle_exception = _handle_exception
