import datetime
import json

import pytest

import access_rules as ar

NOW = datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.timezone.utc)   # 08:00 in Almaty (UTC+5)


def ev(**kw):
    e = {'id': 'e1', 'card': '04a1 b2c3', 'direction': 'in', 'time': '2026-11-20T07:58:12+05:00'}
    e.update(kw)
    return e


def test_valid_event_is_normalised_to_utc():
    event, reason = ar.parse_event(ev(), NOW)
    assert reason is None
    assert event == {'id': 'e1', 'card': '04A1B2C3', 'direction': 'in',
                     'time_utc': datetime.datetime(2026, 11, 20, 2, 58, 12)}


def test_z_suffix_is_utc():
    event, _ = ar.parse_event(ev(time='2026-11-20T02:58:12Z'), NOW)
    assert event['time_utc'] == datetime.datetime(2026, 11, 20, 2, 58, 12)


@pytest.mark.parametrize('raw, reason', [
    ('not a dict', ar.REASON_MALFORMED),
    (ev(id=''), ar.REASON_NO_ID),
    (ev(id='x' * 65), ar.REASON_NO_ID),
    (ev(id=True), ar.REASON_NO_ID),                           # JSON true is no id (str(True) == 'True')
    (ev(id='a\x00b'), ar.REASON_NUL),                         # not stripped: 'ab' may be another event
    (ev(card='04A1\x00'), ar.REASON_NUL),
    (ev(id='e\ud800'), ar.REASON_UNICODE),                    # a lone surrogate, as JSON "\ud800" decodes
    (ev(card='\udfff04A1'), ar.REASON_UNICODE),
    (ev(card=' '), ar.REASON_NO_CARD),
    (ev(direction='sideways'), ar.REASON_DIRECTION),
    (ev(time='2026-11-20T07:58:12'), ar.REASON_TIME),          # no offset: ambiguous
    (ev(time='yesterday'), ar.REASON_TIME),
    (ev(time=None), ar.REASON_TIME),
    (ev(time='2026-11-20T08:06:00+05:00'), ar.REASON_FUTURE),  # 6 min ahead of NOW
    (ev(time='2019-09-02T08:00:00+05:00'), ar.REASON_TOO_OLD),
])
def test_bad_events_are_rejected_with_a_reason(raw, reason):
    assert ar.parse_event(raw, NOW) == (None, reason)


def test_other_control_characters_and_non_ascii_cards_are_kept_as_text():
    event, reason = ar.parse_event(ev(id='e\x01\u0456', card='ә1'), NOW)
    assert reason is None and (event['id'], event['card']) == ('e\x01\u0456', 'Ә1')


def test_clock_drift_within_tolerance_is_accepted():
    event, reason = ar.parse_event(ev(time='2026-11-20T08:04:00+05:00'), NOW)
    assert reason is None


def test_batch_separates_rejected_and_in_batch_duplicates():
    events, rejected, dups = ar.parse_batch({'events': [ev(), ev(), ev(id='e2', direction='up')]}, NOW)
    assert [e['id'] for e in events] == ['e1']
    assert dups == 1
    assert rejected == [{'id': 'e2', 'reason': ar.REASON_DIRECTION}]
    with pytest.raises(ValueError):
        ar.parse_batch({'evts': []}, NOW)
    with pytest.raises(ValueError):
        ar.parse_batch([ev()], NOW)


def test_local_date_crosses_midnight():
    almaty = datetime.timezone(datetime.timedelta(hours=5))
    assert ar.local_date(datetime.datetime(2026, 11, 19, 19, 30), almaty) == datetime.date(2026, 11, 20)
    assert ar.local_date(datetime.datetime(2026, 11, 19, 18, 30), almaty) == datetime.date(2026, 11, 19)


def test_daily_summary_first_in_last_out():
    d = datetime.date(2026, 11, 20)
    t = lambda h, m: datetime.datetime(2026, 11, 20, h, m)
    s = ar.daily_summary([(1, d, 'in', t(8, 5)), (1, d, 'in', t(7, 55)), (1, d, 'out', t(12, 0)),
                          (1, d, 'out', t(14, 10)), (2, d, 'out', t(13, 0))])
    assert s[(1, d)] == {'first_in': t(7, 55), 'last_out': t(14, 10), 'taps': 4}
    assert s[(2, d)] == {'first_in': None, 'last_out': t(13, 0), 'taps': 1}


def test_body_decodes_to_the_events_object():
    body = json.dumps({'events': [ev()]}).encode('utf-8')
    assert ar.decode_body(body) == {'events': [ev()]}
    assert ar.decode_body(b'\xef\xbb\xbf{"events": []}') == {'events': []}          # a UTF-8 byte order mark
    assert ar.decode_body(b'{"events": [{"id": "\\u0000"}]}') == {'events': [{'id': '\x00'}]}   # decided per event


@pytest.mark.parametrize('raw, status, code', [
    (b'x' * (ar.MAX_BODY + 1), 413, 'body_too_large'),
    (b'', 400, 'empty_body'),
    (b' \r\n', 400, 'empty_body'),
    (b'{"events": [{"id": "\xff"}]}', 400, 'invalid_utf8'),
    (b'{"events": [', 400, 'malformed_json'),
    (b'{"events": [], "x": NaN}', 400, 'malformed_json'),
    (b'{"events": [], "x": -Infinity}', 400, 'malformed_json'),
    (b'{"events": ["\x00"]}', 400, 'malformed_json'),          # a raw control character inside a string
    (b'[' * 100000, 400, 'too_deeply_nested'),
    (b'{"events": ' + b'{"a": ' * 100000, 400, 'too_deeply_nested'),
    (b'{"events": [], "n": ' + b'9' * 41 + b'}', 400, 'number_too_long'),
    (b'{"events": [], "n": -' + b'9' * 41 + b'}', 400, 'number_too_long'),   # int() would be quadratic
    (b'[]', 400, 'not_a_batch'),
    (b'"events"', 400, 'not_a_batch'),
    (b'{"events": {}}', 400, 'not_a_batch'),
    (b'{"evts": []}', 400, 'not_a_batch'),
])
def test_bad_bodies_are_refused_with_a_stable_code(raw, status, code):
    with pytest.raises(ar.BodyError) as refused:
        ar.decode_body(raw)
    assert (refused.value.status, refused.value.code) == (status, code)
    assert refused.value.message


def test_numbers_of_40_digits_and_deep_but_bounded_nesting_still_decode():
    assert ar.decode_body(b'{"events": [], "n": ' + b'9' * 40 + b'}')['n'] == 10 ** 40 - 1
    deep = b'{"events": [' + b'[' * 200 + b']' * 200 + b']}'
    assert len(ar.decode_body(deep)['events']) == 1

