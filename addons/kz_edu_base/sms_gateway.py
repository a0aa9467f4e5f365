# -*- coding: utf-8 -*-
"""The SMS gateway of the notification queue (issue #15): SMSC.kz's HTTP API, pure Python (standard library only,
no odoo import; tested in tests/pure/test_sms_gateway.py without a network).

The provider is SMSC.kz, documented at https://smsc.kz/api/http/send/ (the HTTP protocol and its parameters:
https://smsc.kz/api/http/; the answer and the error codes 1-9 are its section «Ответ сервера и коды ошибок», the
same as on the SMSC platform's other sites, e.g. http://s1.sm-s.ru/api/http/send/sms/sms_answer/). One message is
one call::

    POST https://smsc.kz/sys/send.php
    login=<login>&psw=<password>&phones=+77011234567&mes=<text>&charset=utf-8&fmt=3

* ``phones`` goes with its «+»: the documentation says a number without it may be «corrected» by the provider's
  automatic formatting; with it, the number is sent as it is (we normalise it ourselves: ``normalize_phone``).
* ``charset=utf-8``: the default is windows-1251, which has no Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і).
* ``fmt=3``: the answer is JSON, ``{"id": <message id>, "cnt": <SMS counted>}`` or
  ``{"error": "<description>", "error_code": N}`` (with ``"id"`` for the errors 3, 6, 7, 8).
* POST, not GET: the password travels in the body, not in a URL a proxy or a server log would keep.

``send()`` answers an :class:`Answer` whose ``kind`` says what the queue does with the row:

* ``sent`` — accepted by the provider (``ref`` its id, ``parts`` the SMS it counted);
* ``failed`` — this message will never go as it is (a bad number, a text the provider forbids): the row fails with
  ``reason``;
* ``retry`` — the gateway, not the message, is the problem (no answer, a timeout, an answer that is not the API's,
  a wrong login, no money, the address blocked for a while): the row is tried again at the next run of the queue,
  a bounded number of times (``MAX_ATTEMPTS``), and the rest of the batch is not tried now.

Nothing here logs or returns the password: ``Answer.detail`` holds the provider's description or the kind of
network error only.
"""
import collections
import json
import math
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

__all__ = ['DOC_URL', 'DEFAULT_URL', 'TIMEOUT', 'MAX_ATTEMPTS', 'MAX_PARTS', 'SmsError', 'Answer', 'check_url',
           'normalize_phone', 'sms_parts', 'check_text', 'build_request', 'parse_answer', 'send']

DOC_URL = 'https://smsc.kz/api/http/send/'
DEFAULT_URL = 'https://smsc.kz/sys/send.php'
#: seconds to wait for the provider: the queue's cron runs every minute and must not hang on a dead gateway
TIMEOUT = 5
#: tries of a message whose gateway did not take it (one per run of the queue), then it fails with the last reason
MAX_ATTEMPTS = 3
#: a longer text is refused before it is sent (a parent's notification is a line; 5 parts cost 5 SMS)
MAX_PARTS = 5

#: the provider's error codes (fmt=3 ``error_code``) -> (kind, reason stored on the notification)
ERROR_CODES = {
    1: ('failed', 'sms_provider_error'),    # an error in the parameters
    2: ('retry', 'sms_login'),              # wrong login or password: the administrator's settings
    3: ('retry', 'sms_funds'),              # not enough money on the account
    4: ('retry', 'sms_blocked'),            # the address is blocked for a while after frequent errors
    5: ('failed', 'sms_provider_error'),    # a wrong date format
    6: ('failed', 'sms_refused'),           # the message is forbidden (by its text or the sender's name)
    7: ('failed', 'bad_phone'),             # a wrong phone number format
    8: ('failed', 'sms_undeliverable'),     # the message cannot be delivered to this number
    9: ('failed', 'sms_duplicate'),         # the same request twice within a minute: the first one was taken
}

Answer = collections.namedtuple('Answer', 'kind reason ref parts detail')
Answer.__new__.__defaults__ = (None, None, None, '')


class SmsError(KzError, ValueError):
    """A message that cannot be sent as it is (a bad number, a text too long)."""


# ------------------------------------------------------------------------------------------------ the number
_SEPARATORS = re.compile(r'[\s\-().\u00a0]')


def normalize_phone(value):
    """A phone number of Kazakhstan as the provider takes it, '+7' and ten digits: '+7 (701) 123-45-67',
    '8 701 123 45 67', '87011234567', '77011234567' and '7011234567' are all '+77011234567'. Anything else raises
    :class:`SmsError` (``no_phone`` for an empty value, ``bad_phone`` otherwise)."""
    text = (value or '').strip() if isinstance(value, str) else ''
    if not text:
        raise SmsError('no_phone', _('No phone number to send the SMS to.'))
    digits = _SEPARATORS.sub('', text)
    plus = digits.startswith('+')
    if plus:
        digits = digits[1:]
    if not digits.isdigit() or not digits.isascii():
        digits = ''
    elif plus:
        digits = digits[1:] if len(digits) == 11 and digits[0] == '7' else ''
    elif len(digits) == 11 and digits[0] in '78':       # 8 701 ... is the national way of dialling +7 701 ...
        digits = digits[1:]
    elif len(digits) != 10:
        digits = ''
    # the ten digits of a +7 number start with the area or the operator's code, never with 0 or 1
    if len(digits) != 10 or digits[0] in '01':
        raise SmsError('bad_phone', _('%(phone)s is not a phone number of Kazakhstan (+7 and ten digits).'),
                       phone=text)
    return '+7' + digits


# ------------------------------------------------------------------------------------------------ the text
# GSM 03.38: the basic alphabet (one septet a character) and its extension table (two septets: escape + character)
_GSM_BASIC = set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ'
                 'ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà')
_GSM_EXTENDED = set('^{}\\[~]|€\f')


def sms_parts(text):
    """``(encoding, units, parts)`` of ``text`` as an SMS: 'gsm7' (160 characters in one SMS, 153 a part of a long
    one) when every character is in the GSM alphabet, else 'ucs2' (70 in one SMS, 67 a part) — Kazakh and Russian
    texts are UCS-2. ``units`` are septets (an extension character counts two) or UTF-16 code units."""
    text = text or ''
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
        encoding, units = 'gsm7', sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        single, part = 160, 153
    else:
        encoding, units = 'ucs2', len(text.encode('utf-16-le')) // 2
        single, part = 70, 67
    if not units:
        return encoding, 0, 0
    return encoding, units, 1 if units <= single else int(math.ceil(units / float(part)))


def check_text(text):
    """The number of SMS ``text`` costs; :class:`SmsError` ``too_long`` above ``MAX_PARTS``."""
    parts = sms_parts(text)[2]
    if parts > MAX_PARTS:
        raise SmsError('too_long', _('The text is %(parts)s SMS long; at most %(limit)s are sent.'),
                       parts=str(parts), limit=str(MAX_PARTS))
    return parts


# ------------------------------------------------------------------------------------------------ the call
def check_url(url):
    """``url`` stripped when it is an http(s) address with a host; :class:`SmsError` ``bad_url`` otherwise (urllib
    would also open file: and ftp: addresses: a typo must not make the queue read a local file)."""
    text = (url or '').strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        raise SmsError('bad_url', _('%(url)s is not the address of an SMS gateway (https://…).'), url=text)
    return text


def build_request(url, login, password, phone, text):
    """``(url, body)`` of the POST sending ``text`` to ``phone`` (already normalised): the body is
    application/x-www-form-urlencoded UTF-8."""
    params = [('login', login), ('psw', password), ('phones', phone), ('mes', text), ('charset', 'utf-8'),
              ('fmt', '3')]
    return url or DEFAULT_URL, urllib.parse.urlencode(params).encode('ascii')


def parse_answer(body):
    """The provider's answer (fmt=3 JSON, bytes or text) as an :class:`Answer`."""
    if isinstance(body, bytes):
        body = body.decode('utf-8', 'replace')
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return Answer('retry', 'sms_network', detail='not an answer of the API: %s' % (body or '')[:80])
    if 'error_code' in data or 'error' in data:
        try:
            code = int(data.get('error_code'))
        except (TypeError, ValueError):
            code = None
        kind, reason = ERROR_CODES.get(code, ('failed', 'sms_provider_error'))
        detail = ('%s: %s' % (code, data.get('error') or '')).strip()[:200]
        return Answer(kind, reason, ref=_text(data.get('id')), detail=detail)
    if data.get('id') is None:
        return Answer('retry', 'sms_network', detail='no id in the answer')
    try:
        parts = int(data.get('cnt'))
    except (TypeError, ValueError):
        parts = None
    return Answer('sent', None, ref=_text(data.get('id')), parts=parts)


def _text(value):
    return None if value is None else str(value)


def send(url, login, password, phone, text, timeout=TIMEOUT, opener=None):
    """Send one SMS and answer what happened (never raises for the network or the provider: see the module's
    docstring). ``opener`` is ``urllib.request.urlopen`` unless a test gives its own."""
    try:
        target, body = build_request(check_url(url or DEFAULT_URL), login, password, phone, text)
    except SmsError as exc:
        return Answer('retry', 'sms_network', detail=str(exc))
    request = urllib.request.Request(target, data=body, method='POST', headers={
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'Accept': 'application/json'})
    try:
        with (opener or urllib.request.urlopen)(request, timeout=timeout) as response:
            answer = response.read(65536)
    except urllib.error.HTTPError as exc:       # an HTTP status of an error: the gateway's, try again later
        return Answer('retry', 'sms_network', detail='HTTP %s' % exc.code)
    except (urllib.error.URLError, socket.timeout, ConnectionError, OSError) as exc:
        reason = getattr(exc, 'reason', exc)
        return Answer('retry', 'sms_network', detail='%s: %s' % (type(exc).__name__, reason))
    return parse_answer(answer)
