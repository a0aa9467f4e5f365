"""Rules of the login session and of what an error may tell the caller (SEC-01, LMS-18). Plain Python, no odoo
import: the HTTP glue (http_patches.py) asks these functions and does what they answer.

- A session ends after `idle_minutes` without a request of the user (default 8 hours); the session cookie lives
  as long, instead of Odoo 11's 90 days.
- Polling requests (the bus) do not count as activity, or an open browser tab would keep a session alive for ever.
- An error sent back over JSON-RPC carries Odoo's traceback (`data.debug`) only to a logged-in system administrator;
  anyone else gets a reference to the server log, where the traceback is written. A caller who is not logged in
  also gets no internal error text (a database error message names tables, columns and values).
"""

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_errors import KzError

DEFAULT_IDLE_MINUTES = 480
TOUCH_EVERY_SECONDS = 60          # the session file is rewritten at most once a minute per session
PASSIVE_PATH_PREFIXES = ('/longpolling/',)

# exception types Odoo's serialize_exception gives to errors meant for the user (their message is the point)
USER_FACING_TYPES = ('user_error', 'warning', 'access_error', 'missing_error', 'access_denied', 'validation_error',
                     'except_orm')
INTERNAL_MESSAGE = 'Internal server error'


class SessionRuleError(KzError, ValueError):
    """A setting of the session policy that cannot be used."""


def idle_minutes(value):
    """The idle lifetime in minutes from the server configuration value (text, number or empty)."""
    if value in (None, '', False):
        return DEFAULT_IDLE_MINUTES
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise SessionRuleError('kz_session_idle_minutes must be a whole number of minutes, not %r' % (value,))
    if minutes < 1:
        raise SessionRuleError('kz_session_idle_minutes must be at least 1, not %d' % minutes)
    return minutes


def is_idle_expired(last_seen, now, minutes):
    """True when a session last used at `last_seen` (epoch seconds, None for a session that never recorded it)
    is over its idle lifetime at `now`."""
    if last_seen is None:
        return False
    return now - float(last_seen) > minutes * 60


def needs_touch(last_seen, now, path):
    """Whether this request renews the session's activity time: not for polling, at most once a minute."""
    if path and path.startswith(PASSIVE_PATH_PREFIXES):
        return False
    return last_seen is None or now - float(last_seen) >= TOUCH_EVERY_SECONDS


def cookie_max_age(minutes):
    return minutes * 60


def caller_error_data(data, logged_in, may_see_debug, hidden_note):
    """The `data` of a JSON-RPC error as the caller may see it. `data` is what Odoo's serialize_exception made
    (name, debug, message, arguments, exception_type); `hidden_note` replaces the traceback."""
    if may_see_debug:
        return data
    shown = dict(data, debug=hidden_note)
    if not logged_in and data.get('exception_type') not in USER_FACING_TYPES:
        shown['message'] = INTERNAL_MESSAGE
        shown['arguments'] = [INTERNAL_MESSAGE]
    return shown
