"""The reader API over real HTTP against the served test database (scripts/test step 3): token, errors,
idempotency, allow-list, and the ingestion rate in batches (figures printed, HSC-01, HSC-11)."""
import datetime
import json
import os
import time
import uuid
import xmlrpc.client

import pytest
import requests

URL = os.environ.get('KZ_TEST_URL')
DB = os.environ.get('KZ_TEST_DB', 'kz_edu_test')
TOKEN = 'demo-entrance-token'
pytestmark = pytest.mark.skipif(not URL, reason='needs a running Odoo (scripts/test sets KZ_TEST_URL)')
ALMATY = datetime.timezone(datetime.timedelta(hours=5))


def post(events, token=TOKEN, raw=None):
    return requests.post(URL + '/kz_edu/access/events', data=raw if raw is not None else json.dumps({'events': events}),
                         headers={'Authorization': 'Bearer %s' % token, 'Content-Type': 'application/json'},
                         timeout=120)


def admin(model, method, *args):
    uid = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common').authenticate(DB, 'admin', 'admin', {})
    return xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object').execute_kw(DB, uid, 'admin', model, method, list(args))


def now_iso(minutes_ago=0):
    return (datetime.datetime.now(ALMATY) - datetime.timedelta(minutes=minutes_ago)).isoformat()


@pytest.fixture(scope='module')
def allowlist():
    r = requests.get(URL + '/kz_edu/access/allowlist', headers={'Authorization': 'Bearer ' + TOKEN}, timeout=60)
    assert r.status_code == 200
    return r.json()['cards']


def test_bad_or_missing_token_is_401():
    assert post([], token='nope').status_code == 401
    assert requests.post(URL + '/kz_edu/access/events', data='{}', timeout=30).status_code == 401
    assert requests.get(URL + '/kz_edu/access/allowlist', timeout=30).status_code == 401


def test_malformed_json_is_400():
    r = post(None, raw='{"events": [')
    assert r.status_code == 400 and 'malformed' in r.json()['error']
    assert post(None, raw='{"evts": []}').status_code == 400


def test_allowlist_serves_only_the_devices_school_active_cards(allowlist):
    blocked = admin('kz.edu.card', 'search_read', [('state', '=', 'blocked')], ['uid', 'company_id'])
    school2 = admin('ir.model.data', 'xmlid_to_res_id', 'kz_edu_base.company_school2_demo')
    other_school = admin('kz.edu.card', 'search_read', [('company_id', '=', school2), ('state', '=', 'active')],
                         ['uid'], 0, 20)
    assert len(allowlist) > 500
    assert not {c['uid'] for c in blocked} & set(allowlist)
    assert not {c['uid'] for c in other_school} & set(allowlist)


def test_batch_is_idempotent_and_unknown_cards_are_kept(allowlist):
    events = [{'id': str(uuid.uuid4()), 'card': allowlist[0], 'direction': 'in', 'time': now_iso(3)},
              {'id': str(uuid.uuid4()), 'card': 'ABCDEF99', 'direction': 'in', 'time': now_iso(2)},
              {'id': str(uuid.uuid4()), 'card': allowlist[1], 'direction': 'out', 'time': now_iso(-60)}]
    first = post(events).json()
    assert (first['accepted'], first['duplicates'], first['unknown_cards']) == (2, 0, 1)
    assert [r['id'] for r in first['rejected']] == [events[2]['id']]      # an hour in the future
    again = post(events[:2]).json()
    assert (again['accepted'], again['duplicates']) == (0, 2)
    stored = admin('kz.edu.access.event', 'search_read', [('external_id', 'in', [e['id'] for e in events])],
                   ['state'])
    assert sorted(s['state'] for s in stored)[1] == 'unknown_card' and len(stored) == 2


def test_ingestion_rate_in_batches(allowlist):
    """Morning rush: 3 000 students through 6 turnstiles, sent in batches of 500. Figures printed."""
    base = datetime.datetime.now(ALMATY) - datetime.timedelta(hours=1)
    events = [{'id': str(uuid.uuid4()), 'card': allowlist[i % len(allowlist)], 'direction': 'in',
               'time': (base + datetime.timedelta(milliseconds=300 * i)).isoformat()} for i in range(3000)]
    started = time.time()
    accepted = 0
    for i in range(0, len(events), 500):
        accepted += post(events[i:i + 500]).json()['accepted']
    elapsed = time.time() - started
    print('\ningestion: %d events in %.2f s over HTTP = %.0f events/s (batches of 500, %d cores)'
          % (accepted, elapsed, accepted / elapsed, os.cpu_count()))
    assert accepted == 3000
