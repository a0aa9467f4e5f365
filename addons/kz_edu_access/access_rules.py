"""Rules of card-reader events: validation of what a device sends, the local date of an event, the
classification of a tap (whose card, recorded or kept unlinked, and why) and a person's first entry and last exit of
a day. Pure Python (standard library only), tested in milliseconds.

The ingestion classifies a batch of taps in one SQL statement for speed (~2 500 events/s): that SQL is generated
here from the same ordered rules (``TAP_RULES``, ``classification_sql``), and tests/test_ingest.py runs the same taps
through both and compares them row by row. The first entry / last exit of a day is likewise one rule in Python
(``day_bounds``) and one SQL expression (``day_bounds_sql``) used by every query that groups events by day.

An event is {"id": str, "card": str, "direction": "in"|"out", "time": ISO-8601 with offset} (HSC-01, HSC-11).
A request body is {"events": [event, ...]}; `decode_body` turns its bytes into that object or refuses the whole body
with a stable error code (BodyError), `parse_batch` then refuses single events with a reason.
"""
import datetime
import json

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from consent_rules import consent_in_force
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.consent_rules import consent_in_force
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


# ----------------------------------------------------------------------------------------------- classification

#: the states of a stored tap (kz.edu.access.event.state)
ACCEPTED = 'accepted'           # a student's card, recorded and linked to the student and the class
STAFF = 'staff'                 # an employee's badge, recorded (and an hr.attendance check-in or check-out)
NO_CONSENT = 'no_consent'       # a student's card without the parents' card-entry consent that day: kept unlinked
UNKNOWN_CARD = 'unknown_card'   # no card and no badge has this UID
BLOCKED_CARD = 'blocked_card'   # a blocked or replaced card, or a student no longer enrolled
FOREIGN_CARD = 'foreign_card'   # a card or badge of another school: never linked to that school's person
STATES = (ACCEPTED, STAFF, NO_CONSENT, UNKNOWN_CARD, BLOCKED_CARD, FOREIGN_CARD)

#: the consent (kz.edu.consent.purpose) a student's tap needs to be recorded against the student (HSC-01)
CARD_ENTRY = 'card_entry'


class Tap(object):
    """What the classification of one tap reads (the ingestion finds it by the tap's card UID):

    * ``company``: the school of the reader; ``day``: the tap's local date;
    * ``card``: the student card with this UID, ``{'id', 'company_id', 'state'}``, or None;
    * ``student``: that card's student, ``{'id', 'state', 'class_id'}`` (a card always has one), or None;
    * ``consents``: the student's consents (``purpose``, ``date_given``, ``date_withdrawn``), any purpose;
    * ``employee``: the employee whose badge (``barcode``, upper case) is this UID, the lowest id when several,
      ``{'id', 'company_id'}``, or None.

    A missing ``company_id`` (NULL) is no other school: it is not "another organisation"."""

    __slots__ = ('company', 'day', 'card', 'student', 'consents', 'employee')

    def __init__(self, company, day, card=None, student=None, consents=(), employee=None):
        self.company, self.day, self.card, self.student = company, day, card, student
        self.consents, self.employee = list(consents or ()), employee


def _other_school(record, company):
    return record['company_id'] is not None and record['company_id'] != company


def _card_entry_consent(tap):
    return any(k['purpose'] == CARD_ENTRY and consent_in_force(k, tap.day) for k in tap.consents)


#: The classification, in order: the first rule that holds gives the state; none holds → UNKNOWN_CARD. Each rule is
#: written twice, in Python and in the SQL of the ingestion (aliases: b the batch row with its local_date, c the card,
#: s its student, e the employee by badge; %(company)s the reader's school), and both are run over the same taps by
#: tests/test_ingest.py (test_sql_classification_is_the_pure_rule_row_by_row). Change both or neither.
TAP_RULES = (
    (FOREIGN_CARD, 'a student card of another school',
     lambda t: t.card is not None and _other_school(t.card, t.company),
     "c.id IS NOT NULL AND c.company_id != %(company)s"),
    (BLOCKED_CARD, 'a blocked or replaced card, or a student no longer enrolled',
     lambda t: t.card is not None and (t.card['state'] != 'active'
                                         or (t.student is not None and t.student['state'] != 'enrolled')),
     "c.id IS NOT NULL AND (c.state != 'active' OR s.state != 'enrolled')"),
    (NO_CONSENT, 'no card-entry consent of the parents in force on the local date',
     lambda t: t.card is not None and not _card_entry_consent(t),
     "c.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM kz_edu_consent k WHERE k.partner_id = s.partner_id"
     " AND k.purpose = '%s' AND k.date_given <= b.local_date"
     " AND (k.date_withdrawn IS NULL OR k.date_withdrawn > b.local_date))" % CARD_ENTRY),
    (ACCEPTED, 'a student card of this school, enrolled, with the consent',
     lambda t: t.card is not None,
     "c.id IS NOT NULL"),
    (FOREIGN_CARD, 'a staff badge of another school',
     lambda t: t.employee is not None and _other_school(t.employee, t.company),
     "e.id IS NOT NULL AND e.company_id != %(company)s"),
    (STAFF, 'a staff badge of this school',
     lambda t: t.employee is not None,
     "e.id IS NOT NULL"),
)
DEFAULT_STATE = UNKNOWN_CARD

#: which links a stored tap keeps, by state (the others stay empty: a foreign card is never linked to that school's
#: student, a tap without consent not to the student)
LINKS = (
    ('card_id', (ACCEPTED, BLOCKED_CARD)),
    ('student_id', (ACCEPTED,)),
    ('class_id', (ACCEPTED,)),
    ('employee_id', (STAFF,)),
)


def tap_state(tap):
    """The state of one tap (see TAP_RULES)."""
    for state, _why, holds, _sql in TAP_RULES:
        if holds(tap):
            return state
    return DEFAULT_STATE


def classify_tap(tap):
    """{'state', 'card_id', 'student_id', 'class_id', 'employee_id'} of one tap: its state and the links kept."""
    state = tap_state(tap)
    found = {'card_id': tap.card and tap.card['id'], 'student_id': tap.student and tap.student['id'],
             'class_id': tap.student and tap.student.get('class_id'), 'employee_id': tap.employee and tap.employee['id']}
    out = {'state': state}
    for column, states in LINKS:
        out[column] = (found[column] or None) if state in states else None
    return out


def _sql_states(states):
    return ', '.join("'%s'" % state for state in states)


def classification_sql():
    """The CASE expression of TAP_RULES for the ingestion's SQL (text of this module only, never data)."""
    whens = ''.join('\n     WHEN %s THEN \'%s\'' % (sql, state) for state, _why, _holds, sql in TAP_RULES)
    return 'CASE%s\n     ELSE \'%s\' END' % (whens, DEFAULT_STATE)


def link_sql(column):
    """The SQL of the link ``column`` kept by a classified row (``state`` and ``column`` of the classified CTE)."""
    states = dict(LINKS)[column]
    return 'CASE WHEN state IN (%s) THEN %s END' % (_sql_states(states), column)


# ----------------------------------------------------------------------------------------------- a person's day

IN, OUT = 'in', 'out'


def came_in(state, direction, staff=False):
    """Has the person come in with this tap? A student: an accepted entry (a no-consent, blocked or unknown card is
    no arrival); a staff member (``staff``): a recorded badge entry. The same rule in SQL: ``came_in_sql``."""
    return direction == IN and state == (STAFF if staff else ACCEPTED)


def came_in_sql(alias='', staff=False):
    """The condition of ``came_in`` on the events ``alias`` (kz_edu_access_event), for a WHERE or a FILTER."""
    prefix = alias + '.' if alias else ''
    return "{p}state = '{s}' AND {p}direction = '{i}'".format(p=prefix, s=STAFF if staff else ACCEPTED, i=IN)


def day_bounds(taps):
    """{(person, date): (first entry, last exit)} from taps (person, date, direction, time): the first entry is the
    earliest 'in' of the day, the last exit the latest 'out', each None when the day has none (an exit alone is no
    entry). ``date`` is the local date of the school. The rule is associative, so already-grouped rows merge too:
    give their (person, date, 'in', first entry) and (person, date, 'out', last exit); a None time is skipped.
    The same rule in SQL: ``day_bounds_sql``."""
    out = {}
    for person, day, direction, when in taps:
        first_in, last_out = out.get((person, day), (None, None))
        if when is not None and when is not False:
            if direction == IN and (first_in is None or when < first_in):
                first_in = when
            elif direction == OUT and (last_out is None or when > last_out):
                last_out = when
        out[(person, day)] = (first_in, last_out)
    return out


def day_bounds_sql(alias='e'):
    """``first_in, last_out`` of the events ``alias`` (kz_edu_access_event) of a GROUP BY person and local_date:
    the SQL of ``day_bounds``."""
    return ("min({a}.event_time) FILTER (WHERE {a}.direction = '{i}') AS first_in, "
            "max({a}.event_time) FILTER (WHERE {a}.direction = '{o}') AS last_out").format(a=alias, i=IN, o=OUT)


def daily_summary(events):
    """{(person, date): {'first_in': dt|None, 'last_out': dt|None, 'taps': n}} from (person, date, direction, dt)."""
    events = list(events)
    taps = {}
    for person, day, _direction, _when in events:
        taps[(person, day)] = taps.get((person, day), 0) + 1
    return {key: {'first_in': first_in, 'last_out': last_out, 'taps': taps[key]}
            for key, (first_in, last_out) in day_bounds(events).items()}
