"""The one consent rule of the notifications to parents (consent_rules.may_notify): purpose, channel, consents given,
withdrawn, not yet in force."""
import datetime
from collections import namedtuple

import pytest

import consent_rules
from consent_rules import may_notify

D = datetime.date
DAY = D(2026, 11, 20)
Consent = namedtuple('Consent', 'purpose date_given date_withdrawn')


def consent(purpose='notifications', given='2026-09-01', withdrawn=None):
    return {'purpose': purpose, 'date_given': given, 'date_withdrawn': withdrawn}


def test_a_consent_in_force_for_the_purpose_lets_the_chosen_channel_through():
    for channel in ('mail', 'sms'):
        assert may_notify([consent()], 'notifications', channel, DAY) == (True, None)


def test_a_parent_who_wants_no_notifications_gets_none_whatever_the_consents():
    for channel in ('none', None, False, '', 'pigeon'):
        assert may_notify([consent()], 'notifications', channel, DAY) == (False, 'no_channel')
    assert may_notify([], 'notifications', 'none', DAY) == (False, 'no_channel')


def test_no_consent_at_all_is_refused():
    assert may_notify([], 'notifications', 'mail', DAY) == (False, 'no_consent')


@pytest.mark.parametrize('other', ['card_entry', 'meals', 'photo'])
def test_a_consent_for_another_purpose_does_not_count(other):
    assert may_notify([consent(other)], 'notifications', 'mail', DAY) == (False, 'no_consent')
    # and the reverse: a notifications consent is not a meals consent
    assert may_notify([consent()], other, 'mail', DAY) == (False, 'no_consent')


def test_each_purpose_is_answered_by_its_own_consent():
    consents = [consent('card_entry'), consent('meals', withdrawn='2026-10-01')]
    assert may_notify(consents, 'card_entry', 'sms', DAY) == (True, None)
    assert may_notify(consents, 'meals', 'sms', DAY) == (False, 'consent_withdrawn')
    assert may_notify(consents, 'notifications', 'sms', DAY) == (False, 'no_consent')


def test_a_withdrawn_consent_stops_on_the_day_of_its_withdrawal():
    assert may_notify([consent(withdrawn='2026-11-19')], 'notifications', 'mail', DAY) == (False, 'consent_withdrawn')
    assert may_notify([consent(withdrawn='2026-11-20')], 'notifications', 'mail', DAY) == (False, 'consent_withdrawn')
    assert may_notify([consent(withdrawn='2026-11-21')], 'notifications', 'mail', DAY) == (True, None)


def test_an_expired_consent_followed_by_a_new_one_counts_from_the_new_ones_day():
    old = consent(given='2025-09-01', withdrawn='2026-05-31')      # last school year's, ended
    new = consent(given='2026-11-20')
    assert may_notify([old], 'notifications', 'mail', DAY) == (False, 'consent_withdrawn')
    assert may_notify([old, new], 'notifications', 'mail', DAY) == (True, None)
    assert may_notify([old, new], 'notifications', 'mail', D(2026, 11, 19)) == (False, 'consent_withdrawn')


def test_a_consent_given_after_the_day_is_not_yet_in_force():
    assert may_notify([consent(given='2026-11-21')], 'notifications', 'mail', DAY) == (False, 'consent_not_yet')
    assert may_notify([consent(given='2026-11-20')], 'notifications', 'mail', DAY) == (True, None)


def test_consents_may_be_records_and_dates_odoo_text_or_dates():
    rows = [Consent('notifications', D(2026, 9, 1), False)]
    assert may_notify(rows, 'notifications', 'mail', '2026-11-20') == (True, None)
    assert may_notify(rows, 'notifications', 'mail', datetime.datetime(2026, 11, 20, 8, 0)) == (True, None)
    assert consent_rules.consent_in_force(rows[0], DAY)
    assert not consent_rules.consent_in_force(Consent('notifications', D(2026, 9, 1), '2026-09-01'), DAY)


def test_a_message_without_a_purpose_or_a_day_is_a_programming_error():
    with pytest.raises(ValueError):
        may_notify([consent()], '', 'mail', DAY)
    with pytest.raises(ValueError):
        may_notify([consent()], 'notifications', 'mail', None)


def test_every_refusal_has_a_known_reason():
    cases = [([], 'mail'), ([consent()], 'none'), ([consent(given='2027-01-01')], 'mail'),
             ([consent(withdrawn='2026-10-01')], 'mail')]
    reasons = {may_notify(consents, 'notifications', channel, DAY)[1] for consents, channel in cases}
    assert reasons == set(consent_rules.REASONS)
