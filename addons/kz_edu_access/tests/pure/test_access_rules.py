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



# ------------------------------------------------------------------------------------------------ classification

SCHOOL, OTHER = 1, 2
DAY = datetime.date(2026, 11, 20)


def card(state='active', company=SCHOOL, cid=10):
    return {'id': cid, 'company_id': company, 'state': state}


def student(state='enrolled', sid=20, class_id=30):
    return {'id': sid, 'state': state, 'class_id': class_id}


def consent(given='2026-09-01', withdrawn=None, purpose='card_entry'):
    return {'purpose': purpose, 'date_given': given, 'date_withdrawn': withdrawn}


def staff(company=SCHOOL, eid=40):
    return {'id': eid, 'company_id': company}


def tap(**kw):
    return ar.Tap(kw.pop('company', SCHOOL), kw.pop('day', DAY), **kw)


NO_LINKS = {'card_id': None, 'student_id': None, 'class_id': None, 'employee_id': None}


@pytest.mark.parametrize('facts, state, links', [
    # a student of this school, enrolled, with the parents' card-entry consent: recorded and linked
    (dict(card=card(), student=student(), consents=[consent()]), 'accepted',
     {'card_id': 10, 'student_id': 20, 'class_id': 30}),
    # consent given on the very day: in force that day
    (dict(card=card(), student=student(), consents=[consent(given='2026-11-20')]), 'accepted',
     {'card_id': 10, 'student_id': 20, 'class_id': 30}),
    # consent withdrawn the next day: still in force today
    (dict(card=card(), student=student(), consents=[consent(withdrawn='2026-11-21')]), 'accepted',
     {'card_id': 10, 'student_id': 20, 'class_id': 30}),
    # no consent at all / only another purpose / given tomorrow / withdrawn today: kept, not linked (HSC-01)
    (dict(card=card(), student=student()), 'no_consent', {}),
    (dict(card=card(), student=student(), consents=[consent(purpose='notifications')]), 'no_consent', {}),
    (dict(card=card(), student=student(), consents=[consent(given='2026-11-21')]), 'no_consent', {}),
    (dict(card=card(), student=student(), consents=[consent(withdrawn='2026-11-20')]), 'no_consent', {}),
    # a withdrawn consent and a new one in force: accepted
    (dict(card=card(), student=student(), consents=[consent(withdrawn='2026-10-01'), consent(given='2026-10-05')]),
     'accepted', {'card_id': 10, 'student_id': 20, 'class_id': 30}),
    # a blocked or replaced card, or a student who left: blocked, the card kept, not the student
    (dict(card=card('blocked'), student=student(), consents=[consent()]), 'blocked_card', {'card_id': 10}),
    (dict(card=card('replaced'), student=student(), consents=[consent()]), 'blocked_card', {'card_id': 10}),
    (dict(card=card(), student=student('left'), consents=[consent()]), 'blocked_card', {'card_id': 10}),
    # blocked comes before the consent: a blocked card without consent is blocked
    (dict(card=card('blocked'), student=student()), 'blocked_card', {'card_id': 10}),
    # another school's card: foreign before anything else, never linked to that school's student
    (dict(card=card(company=OTHER), student=student(), consents=[consent()]), 'foreign_card', {}),
    (dict(card=card('blocked', company=OTHER), student=student()), 'foreign_card', {}),
    # a card without a school (NULL) is no other school's
    (dict(card=card(company=None), student=student(), consents=[consent()]), 'accepted',
     {'card_id': 10, 'student_id': 20, 'class_id': 30}),
    # a staff badge of this school / of another / without a school
    (dict(employee=staff()), 'staff', {'employee_id': 40}),
    (dict(employee=staff(company=OTHER)), 'foreign_card', {}),
    (dict(employee=staff(company=None)), 'staff', {'employee_id': 40}),
    # a UID that is both a student card and a badge: the card wins
    (dict(card=card(), student=student(), consents=[consent()], employee=staff()), 'accepted',
     {'card_id': 10, 'student_id': 20, 'class_id': 30}),
    (dict(card=card(), student=student(), employee=staff()), 'no_consent', {}),
    # nobody's UID
    (dict(), 'unknown_card', {}),
])
def test_tap_classification_case_by_case(facts, state, links):
    result = ar.classify_tap(tap(**facts))
    assert result == dict(NO_LINKS, state=state, **links)


def test_every_state_is_reachable_and_the_rules_are_ordered():
    assert {state for state, _why, _holds, _sql in ar.TAP_RULES} | {ar.DEFAULT_STATE} == set(ar.STATES)
    assert [r[0] for r in ar.TAP_RULES][:4] == ['foreign_card', 'blocked_card', 'no_consent', 'accepted']


def test_the_ingestions_sql_is_generated_from_the_rules_in_their_order():
    sql = ar.classification_sql()
    positions = [sql.index("THEN '%s'" % state, sql.index(cond)) for state, _why, _holds, cond in ar.TAP_RULES]
    assert positions == sorted(positions)
    assert sql.rstrip().endswith("ELSE 'unknown_card' END")
    assert ar.link_sql('card_id') == "CASE WHEN state IN ('accepted', 'blocked_card') THEN card_id END"
    assert ar.link_sql('employee_id') == "CASE WHEN state IN ('staff') THEN employee_id END"


# ------------------------------------------------------------------------------------------------ a person's day

def test_day_bounds_is_the_earliest_entry_and_the_latest_exit():
    d, d2 = datetime.date(2026, 11, 20), datetime.date(2026, 11, 21)
    t = lambda h, m: datetime.datetime(2026, 11, 20, h, m)
    bounds = ar.day_bounds([
        (1, d, 'out', t(14, 10)), (1, d, 'in', t(8, 5)), (1, d, 'in', t(7, 55)), (1, d, 'out', t(12, 0)),
        (2, d, 'out', t(13, 0)),                        # an exit only: no entry
        (3, d, 'in', t(8, 0)),                          # an entry only: no exit
        (3, d2, 'in', t(9, 0)), (3, d2, 'out', t(7, 0)),  # an exit before the entry stays the last exit
    ])
    assert bounds == {(1, d): (t(7, 55), t(14, 10)), (2, d): (None, t(13, 0)), (3, d): (t(8, 0), None),
                      (3, d2): (t(9, 0), t(7, 0))}


def test_day_bounds_merges_already_grouped_rows_and_skips_empty_times():
    d = datetime.date(2026, 11, 20)
    t = lambda h, m: datetime.datetime(2026, 11, 20, h, m)
    # a person's day grouped in two schools: (first entry, last exit) of each
    bounds = ar.day_bounds([(1, d, 'in', t(8, 0)), (1, d, 'out', None), (1, d, 'in', t(7, 50)),
                            (1, d, 'out', t(16, 0)), (2, d, 'in', None), (2, d, 'out', False)])
    assert bounds == {(1, d): (t(7, 50), t(16, 0)), (2, d): (None, None)}


def test_day_bounds_sql_names_the_same_rule():
    assert ar.day_bounds_sql('x') == ("min(x.event_time) FILTER (WHERE x.direction = 'in') AS first_in, "
                                      "max(x.event_time) FILTER (WHERE x.direction = 'out') AS last_out")


def test_came_in_is_an_accepted_entry_for_a_student_and_a_badge_entry_for_staff():
    assert ar.came_in(ar.ACCEPTED, ar.IN)
    for state in (ar.NO_CONSENT, ar.BLOCKED_CARD, ar.UNKNOWN_CARD, ar.FOREIGN_CARD, ar.STAFF):
        assert not ar.came_in(state, ar.IN)
    assert not ar.came_in(ar.ACCEPTED, ar.OUT)
    assert ar.came_in(ar.STAFF, ar.IN, staff=True) and not ar.came_in(ar.ACCEPTED, ar.IN, staff=True)
    assert ar.came_in_sql('e') == "e.state = 'accepted' AND e.direction = 'in'"
    assert ar.came_in_sql(staff=True) == "state = 'staff' AND direction = 'in'"
