"""The session and error policy (kz_edu_security/session_rules.py), without Odoo."""
import pytest

import session_rules as rules


@pytest.mark.parametrize('value, minutes', [(None, 480), ('', 480), (False, 480), ('30', 30), (' 90 ', 90), (5, 5)])
def test_idle_minutes_from_the_configuration(value, minutes):
    assert rules.idle_minutes(value) == minutes


@pytest.mark.parametrize('value', ['0', '-5', 'eight hours', '1.5'])
def test_idle_minutes_refuses_what_is_not_a_positive_whole_number(value):
    with pytest.raises(rules.SessionRuleError) as err:
        rules.idle_minutes(value)
    assert 'kz_session_idle_minutes' in str(err.value)


def test_a_session_expires_after_its_idle_minutes_not_before():
    now = 1000000.0
    assert not rules.is_idle_expired(now - 480 * 60, now, 480)
    assert rules.is_idle_expired(now - 480 * 60 - 1, now, 480)
    assert not rules.is_idle_expired(None, now, 480)          # a session from before the policy: renewed


def test_activity_is_renewed_at_most_once_a_minute_and_never_by_polling():
    now = 1000000.0
    assert rules.needs_touch(None, now, '/web/dataset/call_kw')
    assert not rules.needs_touch(now - 59, now, '/web/dataset/call_kw')
    assert rules.needs_touch(now - 60, now, '/web')
    assert not rules.needs_touch(now - 3600, now, '/longpolling/poll')
    assert rules.cookie_max_age(480) == 28800


DATA = {'name': 'builtins.ValueError', 'debug': 'Traceback (most recent call last):\n  File "x.py"...',
        'message': 'column res_partner.kz_iin does not exist', 'arguments': ['column ...'],
        'exception_type': 'internal_error'}


def test_an_administrator_sees_the_traceback():
    assert rules.caller_error_data(DATA, True, True, 'ref') == DATA


def test_a_logged_in_user_gets_the_message_but_not_the_traceback():
    shown = rules.caller_error_data(DATA, True, False, 'see the log, reference 1a2b')
    assert shown['debug'] == 'see the log, reference 1a2b'
    assert shown['message'] == DATA['message'] and shown['name'] == DATA['name']
    assert DATA['debug'].startswith('Traceback')          # the original is not changed


def test_a_caller_who_is_not_logged_in_gets_no_internal_text_but_user_errors_keep_theirs():
    shown = rules.caller_error_data(DATA, False, False, 'ref')
    assert shown['message'] == rules.INTERNAL_MESSAGE and shown['arguments'] == [rules.INTERNAL_MESSAGE]
    assert 'kz_iin' not in str(shown)
    denied = dict(DATA, exception_type='access_denied', message='Access denied', arguments=['Access denied'])
    shown = rules.caller_error_data(denied, False, False, 'ref')
    assert shown['message'] == 'Access denied' and shown['debug'] == 'ref'
