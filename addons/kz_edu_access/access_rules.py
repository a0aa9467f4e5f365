"""Rules of card-reader events: validation of what a device sends, the local date of an event, and the daily
entry/exit summary of a person. Pure Python (standard library only), tested in milliseconds.

An event is {"id": str, "card": str, "direction": "in"|"out", "time": ISO-8601 with offset} (HSC-01, HSC-11).
"""
import datetime

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


def parse_event(raw, now_utc, max_age=MAX_AGE):
    """Validate one raw event. Returns (event, None) with event = {'id', 'card', 'direction', 'time_utc'
    (naive UTC datetime)} or (None, reason). `now_utc` is an aware UTC datetime."""
    if not isinstance(raw, dict):
        return None, REASON_MALFORMED
    event_id = raw.get('id')
    if not isinstance(event_id, (str, int)) or not str(event_id).strip() or len(str(event_id)) > MAX_ID_LENGTH:
        return None, REASON_NO_ID
    card = raw.get('card')
    if not isinstance(card, (str, int)) or not normalize_card(card) or len(str(card)) > MAX_CARD_LENGTH:
        return None, REASON_NO_CARD
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
