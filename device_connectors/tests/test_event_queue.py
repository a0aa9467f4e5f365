"""The durable queue (HSC-11, HSC-12): written before the turnstile moves, WAL + synchronous=FULL, pending events
survive a restart, rejected events are never resent, old events are purged."""
import sqlite3
import time

from kz_access_connector import Connector
from kz_access_connector.actuators import Actuator
from kz_access_connector.event_queue import PENDING, REJECTED, SENT, EventQueue


class QueueCheckingActuator(Actuator):
    """Records, at the moment it is told to open, whether the event is already committed on disk."""

    def __init__(self, db_path):
        self.db_path = db_path
        self.committed_at_open = []

    def open(self, card):
        db = sqlite3.connect(self.db_path)      # another connection: sees committed rows only
        try:
            count = db.execute('SELECT count(*) FROM event WHERE card = ?', (card,)).fetchone()[0]
        finally:
            db.close()
        self.committed_at_open.append(count)


def test_event_written_before_the_actuator_HSC11(make_config):
    config = make_config()
    actuator = QueueCheckingActuator(config.queue.path)
    connector = Connector(config, actuator=actuator)
    try:
        connector.allowlist.replace(['04A1B2C3'])
        connector.tap('04A1B2C3')
        connector.tap('04A1B2C3')
        assert actuator.committed_at_open == [1, 2]
    finally:
        connector.stop()


def test_wal_and_synchronous_full(tmp_path):
    queue = EventQueue(str(tmp_path / 'q.sqlite'))
    try:
        assert queue.journal_mode() == 'wal'
        assert queue._db.execute('PRAGMA synchronous').fetchone()[0] == 2      # FULL
    finally:
        queue.close()


def test_event_fields_and_unique_ids(tmp_path):
    queue = EventQueue(str(tmp_path / 'q.sqlite'))
    try:
        events = [queue.append('04A1B2C3', 'out', True) for _ in range(100)]
        assert len({event.id for event in events}) == 100
        payload = events[0].payload()
        assert set(payload) == {'id', 'card', 'direction', 'time'} and payload['direction'] == 'out'
        assert payload['time'][-6] in '+-'                       # ISO 8601 with an offset
    finally:
        queue.close()


def test_pending_survive_a_restart_in_order(tmp_path):
    path = str(tmp_path / 'q.sqlite')
    queue = EventQueue(path)
    ids = [queue.append('C%d' % i, 'in', True).id for i in range(5)]
    queue.settle(ids[:2], {})
    queue.close()
    reopened = EventQueue(path)
    try:
        assert [event.id for event in reopened.pending(10)] == ids[2:]
        assert reopened.pending_count() == 3
    finally:
        reopened.close()


def test_settle_marks_sent_and_rejected_once(tmp_path):
    queue = EventQueue(str(tmp_path / 'q.sqlite'))
    try:
        a, b, c = (queue.append(card, 'in', False).id for card in 'ABC')
        queue.settle([a, b], {c: 'time in the future'})
        queue.settle([c], {})                                  # a rejected event does not become sent
        assert queue.count(SENT) == 2 and queue.count(REJECTED) == 1 and queue.pending(10) == []
        assert queue.events(REJECTED)[0].reason == 'time in the future'
    finally:
        queue.close()


def test_purge_only_old_settled_events(tmp_path):
    queue = EventQueue(str(tmp_path / 'q.sqlite'))
    try:
        old_sent, old_rejected, recent = (queue.append(card, 'in', True).id for card in 'ABC')
        queue.append('D', 'in', True)                           # pending: never purged
        queue.settle([old_sent], {old_rejected: 'malformed'})
        assert queue.purge(30, now=time.time() + 31 * 86400) == 2
        queue.settle([recent], {})
        assert queue.purge(30) == 0
        assert queue.count() == 2 and queue.count(PENDING) == 1
    finally:
        queue.close()
