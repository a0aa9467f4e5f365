# -*- coding: utf-8 -*-
"""The one consent rule of the notifications to parents (issue #15; SEC-01, SEC-06).

May a message about a child go to one of the child's parents through one channel? Law of the RK «О персональных
данных и их защите» of 21.05.2013 No. 94-V, art. 7-8: the child's data (an entry, a meal, a mark) is processed for
a purpose only with a consent for that purpose, given by the legal representative, in force when the processing
happens, and a consent can be withdrawn. The parent also chooses how (e-mail, SMS) or not to be notified at all.

``may_notify(consents, purpose, channel, day)`` decides from
  * ``consents``: the consents about the child (``kz.edu.consent`` of the child's person), as mappings or objects
    with ``purpose``, ``date_given`` and ``date_withdrawn`` (dates, Odoo 11's text or empty);
  * ``purpose``: the consent purpose the message needs (``'notifications'`` for every message to parents today);
  * ``channel``: the channel the parent chose (``'mail'``, ``'sms'``; ``'none'`` or empty: no notifications);
  * ``day``: the day of the processing, i.e. when the message is queued;
and answers ``(True, None)`` or ``(False, reason)``, the reason a code of ``REASONS``.

A consent is in force from the day it was given up to the day before its withdrawal (withdrawn on the 1st: no
longer on the 1st). kz.edu.consent has no term of its own: a consent ends by its withdrawal only. Imports nothing
from odoo (tested in tests/pure/test_consent_rules.py); ``kz.edu.consent.kz_notification_decisions`` applies it to a
batch with one query, and ``kz.edu.notification.kz_enqueue`` records the answer.
"""
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date

__all__ = ['CHANNELS', 'REASONS', 'consent_in_force', 'may_notify']

#: the channels a parent can choose, each a gateway of the queue
CHANNELS = ('mail', 'sms')

#: why a message may not be sent (the codes stored on a skipped notification)
REASONS = (
    'no_channel',           # the parent chose no notifications (or no channel the queue knows)
    'no_consent',           # no consent for the purpose was ever given about the child
    'consent_not_yet',      # the only consents for the purpose start after the day
    'consent_withdrawn',    # the consents for the purpose were withdrawn on or before the day
)


def _value(consent, name):
    if isinstance(consent, dict):
        return consent.get(name)
    return getattr(consent, name)


def _date(value, what):
    return to_date(value, what, required=False)


def consent_in_force(consent, day):
    """True when ``consent`` (purpose, date_given, date_withdrawn) is in force on ``day``."""
    day = to_date(day, 'day')
    given = _date(_value(consent, 'date_given'), 'date_given')
    withdrawn = _date(_value(consent, 'date_withdrawn'), 'date_withdrawn')
    return given is not None and given <= day and (withdrawn is None or withdrawn > day)


def may_notify(consents, purpose, channel, day):
    """``(True, None)`` when a message needing ``purpose`` may go to the parent who chose ``channel`` on ``day``;
    otherwise ``(False, reason)`` (see REASONS). The parent's choice is asked first: a parent who wants no
    notifications is told nothing whatever the consents."""
    if channel not in CHANNELS:
        return False, 'no_channel'
    if not purpose:
        raise ValueError('a notification needs a consent purpose')
    day = to_date(day, 'day')
    relevant = [c for c in consents if _value(c, 'purpose') == purpose]
    if not relevant:
        return False, 'no_consent'
    if any(consent_in_force(c, day) for c in relevant):
        return True, None
    starts = [_date(_value(c, 'date_given'), 'date_given') for c in relevant]
    if all(start is not None and start > day for start in starts):
        return False, 'consent_not_yet'
    return False, 'consent_withdrawn'
