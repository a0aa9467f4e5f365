"""Rules of card-reader events: validation of what a device sends, the local date of an event, and the daily
entry/exit summary of a person. Pure Python (standard library only), tested in milliseconds.

An event is {"id": str, "card": str, "direction": "in"|"out", "time": ISO-8601 with offset} (HSC-01, HSC-11).
A request body is {"events": [event, ...]}; `decode_body` turns its bytes into that object or refuses the whole body
with a stable error code (BodyError), `parse_batch` then refuses single events with a reason.
"""
import datetime
import json

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_errors import KzError

MAX_ID_LENGTH = 64
MAX_CARD_LENGTH = 64
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)    # device clocks drift; a tap 5 min "ahead" is still real
MAX_AGE = datetime.timedelta(days=400)              # store-and-forward may hold events for hours or days, not years

REASON_MALFORMED = 'malformed event'
REASON_NO_ID = 'missing id'
REASON_NO_CARD = 'missing card'
REASON_DIRECTION = 'direction must be "in" or "out"'
REASON_TIME = 'time must be ISO-8601 with a UTC offset'
REASON_FUTURE = 'time is in the future'
REASON_TOO_OLD = 'time is too old'
# PostgreSQL text cannot hold NUL, and a lone surrogate (JSON "\ud800") is no character at all. Such an event is
# refused, not cleaned: stripping the NUL out of "a\u0000b" would turn it into the id "ab" of another event (then
# silently dropped as its duplicate), or into a card number no reader ever sent.
REASON_NUL = 'text contains a NUL character'
REASON_UNICODE = 'text is not valid Unicode'

MAX_BODY = 5 * 1024 * 1024      # 5 MB: about 25 000 events, far above a connector's batch (500)
MAX_NUMBER_DIGITS = 40          # Python 3.7 turns digits into an int in quadratic time: 5 MB of digits = minutes


class BodyError(KzError, ValueError):
    """A request body refused as a whole: `code` is stable (for programs), `message` is English (for people),
    `status` is the HTTP status (400, or 413 for a body over MAX_BODY)."""

    def __init__(self, code, message, status=400):
        super(BodyError, self).__init__(message)
        self.code = code
        self.message = message
        self.status = status


def _bounded_int(digits):
    if len(digits.lstrip('-')) > MAX_NUMBER_DIGITS:
        raise BodyError('number_too_long', 'A number in the body has more than %d digits.' % MAX_NUMBER_DIGITS)
    return int(digits)


def _refuse_constant(name):
    raise BodyError('malformed_json', 'The body is not valid JSON: %s is not a JSON value.' % name)


def decode_body(raw, max_body=MAX_BODY):
    """The {"events": [...]} object of a request body (bytes), or BodyError: too large (413), empty, not UTF-8,
    nested too deeply, not JSON, or not an object with an "events" list (400)."""
    if len(raw) > max_body:
        raise BodyError('body_too_large', 'The body is larger than %d bytes: send smaller batches.' % max_body,
                        status=413)
    if not raw.strip():
        raise BodyError('empty_body', 'The body is empty: send {"events": [...]} with a Content-Length.')
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as exc:
        raise BodyError('invalid_utf8', 'The body is not UTF-8 text (invalid byte at position %d).' % exc.start)
    if text.startswith('\ufeff'):     # a byte order mark is tolerated (RFC 8259, 8.1)
        text = text[1:]
    try:
        payload = json.loads(text, parse_int=_bounded_int, parse_constant=_refuse_constant)
    except BodyError:
        raise
    except RecursionError:
        # The C decoder of json counts each [ and { against the interpreter's recursion limit and raises here,
        # unwinding cleanly (no C stack overflow), so 100 000 "[" cost one failed parse, not a crash or a 500.
        # A batch is only 3 levels deep ({"events": [{...}]}); deeper values are refused per event later.
        raise BodyError('too_deeply_nested', 'The body nests arrays or objects too deeply.')
    except ValueError as exc:
        raise BodyError('malformed_json', 'The body is not valid JSON: %s.' % exc)
    if not isinstance(payload, dict) or not isinstance(payload.get('events'), list):
        raise BodyError('not_a_batch', 'The body must be a JSON object {"events": [...]}.')
    return payload


def normalize_card(card):
    return ''.join(str(card).split()).upper()


def parse_time(value):
    """An aware datetime from ISO-8601 text with an offset ('Z' accepted); None when not parseable or naive."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value.strip()
    if text.endswith(('Z', 'z')):
        text = text[:-1] + '+00:00'
    try:
        dt = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None or dt.utcoffset() is None:
        return None
    return dt


def _text_problem(text):
    """REASON_NUL or REASON_UNICODE when `text` cannot be stored as PostgreSQL text, else None."""
    if '\x00' in text:
        return REASON_NUL
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        return REASON_UNICODE
    return None


def parse_event(raw, now_utc, max_age=MAX_AGE):
    """Validate one raw event. Returns (event, None) with event = {'id', 'card', 'direction', 'time_utc'
    (naive UTC datetime)} or (None, reason). `now_utc` is an aware UTC datetime."""
    if not isinstance(raw, dict):
        return None, REASON_MALFORMED
    event_id = raw.get('id')
    if (not isinstance(event_id, (str, int)) or isinstance(event_id, bool) or not str(event_id).strip()
            or len(str(event_id)) > MAX_ID_LENGTH):
        return None, REASON_NO_ID
    card = raw.get('card')
    if (not isinstance(card, (str, int)) or isinstance(card, bool) or not normalize_card(card)
            or len(str(card)) > MAX_CARD_LENGTH):
        return None, REASON_NO_CARD
    problem = _text_problem(str(event_id)) or _text_problem(str(card))
    if problem:
        return None, problem
    direction = raw.get('direction')
    if direction not in ('in', 'out'):
        return None, REASON_DIRECTION
    when = parse_time(raw.get('time'))
    if when is None:
        return None, REASON_TIME
    if when > now_utc + FUTURE_TOLERANCE:
        return None, REASON_FUTURE
    if when < now_utc - max_age:
        return None, REASON_TOO_OLD
    utc = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return {'id': str(event_id).strip(), 'card': normalize_card(card), 'direction': direction, 'time_utc': utc}, None


def parse_batch(payload, now_utc, max_age=MAX_AGE):
    """(events, rejected) for a request body; raises ValueError when the body is not {"events": [...]}.
    An id repeated inside one batch is kept once (the later ones are duplicates)."""
    if not isinstance(payload, dict) or not isinstance(payload.get('events'), list):
        raise ValueError('body must be {"events": [...]}')
    events, rejected, seen, in_batch_duplicates = [], [], set(), 0
    for raw in payload['events']:
        event, reason = parse_event(raw, now_utc, max_age=max_age)
        if event is None:
            rid = raw.get('id') if isinstance(raw, dict) else None
            rejected.append({'id': rid, 'reason': reason})
        elif event['id'] in seen:
            in_batch_duplicates += 1
        else:
            seen.add(event['id'])
            events.append(event)
    return events, rejected, in_batch_duplicates


def local_date(time_utc, tz):
    """The calendar date of a naive-UTC time in a pytz/zoneinfo timezone."""
    aware = time_utc.replace(tzinfo=datetime.timezone.utc)
    return aware.astimezone(tz).date()


def daily_summary(events):
    """{(person, date): {'first_in': dt|None, 'last_out': dt|None, 'taps': n}} from (person, date, direction, dt)."""
    out = {}
    for person, day, direction, when in events:
        s = out.setdefault((person, day), {'first_in': None, 'last_out': None, 'taps': 0})
        s['taps'] += 1
        if direction == 'in' and (s['first_in'] is None or when < s['first_in']):
            s['first_in'] = when
        if direction == 'out' and (s['last_out'] is None or when > s['last_out']):
            s['last_out'] = when
    return out
