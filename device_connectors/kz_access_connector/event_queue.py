"""The store-and-forward queue: every tap is a row in SQLite before the turnstile moves.

SQLite in WAL mode with synchronous=FULL: a committed event survives a power cut. Each event gets a uuid4 id,
which is also the idempotency key Odoo uses, and a state:

    pending  -> sent       Odoo answered 200 and did not reject it (accepted, duplicate or unknown card)
             -> rejected   Odoo rejected it (malformed, time in the future or years old): permanent, never resent

Pending events are sent in insertion order; after a restart they are simply still pending. Sent and rejected
events are purged after `purge_days`. One connection shared by the tap path and the sender, behind a lock.
"""
import contextlib
import datetime
import sqlite3
import threading
import time
import uuid
from collections import namedtuple

PENDING, SENT, REJECTED = 'pending', 'sent', 'rejected'

_SCHEMA = """
CREATE TABLE IF NOT EXISTS event (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    card       TEXT NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    time       TEXT NOT NULL,
    granted    INTEGER NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
    reason     TEXT,
    created_at REAL NOT NULL,
    settled_at REAL
);
CREATE INDEX IF NOT EXISTS event_state_seq ON event (state, seq);
"""


class Event(namedtuple('Event', 'id card direction time granted state reason')):
    """One tap as stored: `granted` is the local decision (kept for the log, not sent)."""
    __slots__ = ()

    def payload(self):
        """The event as the Odoo endpoint takes it."""
        return {'id': self.id, 'card': self.card, 'direction': self.direction, 'time': self.time}


def now_iso():
    """The local time with its UTC offset, to the second: 2024-09-02T08:01:30+05:00."""
    return datetime.datetime.now(datetime.timezone.utc).astimezone().isoformat(timespec='seconds')


class EventQueue:
    """The durable queue in the SQLite file at `path` (created if missing)."""

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        mode = self._db.execute('PRAGMA journal_mode=WAL').fetchone()[0]
        if mode.lower() != 'wal':
            raise RuntimeError('%s: SQLite refused WAL mode (got %s)' % (path, mode))
        self._db.execute('PRAGMA synchronous=FULL')
        self._db.executescript(_SCHEMA)

    def append(self, card, direction, granted, time_iso=None):
        """Write one event durably (committed and fsynced on return) and return it."""
        event = Event(str(uuid.uuid4()), card, direction, time_iso or now_iso(), bool(granted), PENDING, None)
        with self._lock:
            self._db.execute('INSERT INTO event (id, card, direction, time, granted, created_at) '
                             'VALUES (?, ?, ?, ?, ?, ?)',
                             (event.id, card, direction, event.time, int(event.granted), time.time()))
        return event

    def pending(self, limit):
        """The oldest `limit` pending events."""
        return self._select('WHERE state = ? ORDER BY seq LIMIT ?', (PENDING, limit))

    def settle(self, sent_ids, rejected):
        """In one transaction: mark `sent_ids` sent and `rejected` ({id: reason}) rejected."""
        now = time.time()
        with self._lock, self._transaction():
            self._db.executemany('UPDATE event SET state = ?, settled_at = ? WHERE id = ? AND state = ?',
                                 [(SENT, now, event_id, PENDING) for event_id in sent_ids])
            self._db.executemany('UPDATE event SET state = ?, reason = ?, settled_at = ? WHERE id = ? AND state = ?',
                                 [(REJECTED, reason, now, event_id, PENDING) for event_id, reason in rejected.items()])

    def pending_count(self):
        return self.count(PENDING)

    def count(self, state=None):
        """Events in `state`, or all events."""
        with self._lock:
            if state is None:
                return self._db.execute('SELECT count(*) FROM event').fetchone()[0]
            return self._db.execute('SELECT count(*) FROM event WHERE state = ?', (state,)).fetchone()[0]

    def events(self, state=None):
        """All events (in `state`), oldest first: for tests and inspection."""
        return self._select('WHERE ? IS NULL OR state = ? ORDER BY seq', (state, state))

    def purge(self, older_than_days, now=None):
        """Delete sent and rejected events settled more than `older_than_days` ago; return how many."""
        cutoff = (now if now is not None else time.time()) - older_than_days * 86400
        with self._lock:
            cursor = self._db.execute('DELETE FROM event WHERE state != ? AND settled_at < ?', (PENDING, cutoff))
        return cursor.rowcount

    def journal_mode(self):
        with self._lock:
            return self._db.execute('PRAGMA journal_mode').fetchone()[0]

    def close(self):
        with self._lock:
            self._db.close()

    def _select(self, clause, params):
        with self._lock:
            rows = self._db.execute('SELECT id, card, direction, time, granted, state, reason FROM event '
                                    + clause, params).fetchall()
        return [Event(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6]) for row in rows]

    @contextlib.contextmanager
    def _transaction(self):
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception (the connection is in autocommit mode)."""
        self._db.execute('BEGIN IMMEDIATE')
        try:
            yield
        except BaseException:
            self._db.execute('ROLLBACK')
            raise
        self._db.execute('COMMIT')
