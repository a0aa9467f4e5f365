"""The sender thread: forwards pending events to Odoo in batches, retrying with exponential back-off.

    200          the batch is delivered: ids in "rejected" become rejected (logged, never resent), the others
                 sent (accepted, duplicate of an earlier delivery, or unknown card: Odoo has them all)
    401          the token is revoked: log CRITICAL and stop sending; taps are still queued, and a restart with
                 a new token sends them
    413          the batch is over Odoo's body limit (batch_size set far too high): halve the batch size and
                 send again at once
    other        (connection refused, timeout, 5xx, ...) wait and try the same events again: delays double
                 from retry_initial_seconds up to retry_max_seconds, with jitter so that the schools' devices
                 do not all come back at the same second

Odoo is idempotent on (device, id): an event whose 200 was lost is sent again and counted as a duplicate, so
every event is recorded exactly once.
"""
import logging
import random
import threading
import time

from .client import BatchTooLarge, RetryableError, TokenRevoked

_logger = logging.getLogger(__name__)
PURGE_INTERVAL = 3600.0


class Backoff:
    """Delays for consecutive failures: initial * 2**n capped at `cap`, then drawn in [delay/2, delay]."""

    def __init__(self, initial=1.0, cap=60.0, rng=random.random):
        self.initial = initial
        self.cap = cap
        self.failures = 0
        self._rng = rng

    def next_delay(self):
        delay = min(self.cap, self.initial * 2 ** self.failures)
        self.failures += 1
        return delay / 2 + self._rng() * delay / 2

    def reset(self):
        self.failures = 0


class Sender:
    """Sends the EventQueue `queue` through the OdooClient `client` on its own thread."""

    def __init__(self, queue, client, batch_size=500, backoff=None, idle_seconds=5.0, purge_days=30):
        self.queue = queue
        self.client = client
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self.idle_seconds = idle_seconds
        self.purge_days = purge_days
        self.token_revoked = False
        self.last_error = None
        self.delivered = 0
        self.rejected = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name='kz-access-sender', daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout=None):
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def notify(self):
        """A new event is queued: send now rather than at the next poll."""
        self._wake.set()

    def send_batch(self):
        """Send one batch of pending events; return how many were settled. Raises client.ClientError."""
        events = self.queue.pending(self.batch_size)
        if not events:
            return 0
        result = self.client.post_events([event.payload() for event in events])
        ids = {event.id for event in events}
        rejected = {}
        for item in result.get('rejected', []):
            if isinstance(item, dict) and item.get('id') in ids:
                rejected[item['id']] = str(item.get('reason') or 'rejected')
        self.queue.settle(ids - set(rejected), rejected)
        for event_id, reason in rejected.items():
            _logger.warning('event %s rejected by Odoo (%s): dropped', event_id, reason)
        self.delivered += len(ids) - len(rejected)
        self.rejected += len(rejected)
        _logger.info('sent %d events: %s accepted, %s duplicates, %s unknown cards, %d rejected', len(ids),
                     result.get('accepted'), result.get('duplicates'), result.get('unknown_cards'), len(rejected))
        return len(ids)

    def _run(self):
        next_purge = 0.0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                settled = self.send_batch()
            except TokenRevoked as exc:
                self.token_revoked = True
                self.last_error = str(exc)
                _logger.critical('Odoo refused the device token (%s): SENDING STOPPED, %d events wait in %s. '
                                 'Issue a new token in Odoo, put it in the config and restart the service.',
                                 exc, self.queue.pending_count(), self.queue.path)
                return
            except BatchTooLarge as exc:
                if self.batch_size > 1:
                    self.batch_size = max(1, self.batch_size // 2)
                    _logger.warning('Odoo refused the batch as too large (%s): batch size is now %d',
                                    exc, self.batch_size)
                    continue
                self.last_error = str(exc)
                self._stop.wait(self.backoff.next_delay())
                continue
            except Exception as exc:    # RetryableError, or a bug: either way keep the events and retry
                self.last_error = str(exc)
                delay = self.backoff.next_delay()
                _logger.log(logging.WARNING if isinstance(exc, RetryableError) else logging.ERROR,
                            'cannot send events (%s); %d pending, retry %d in %.1f s', exc,
                            self.queue.pending_count(), self.backoff.failures, delay,
                            exc_info=not isinstance(exc, RetryableError))
                self._stop.wait(delay)
                continue
            self.backoff.reset()
            self.last_error = None
            if time.monotonic() >= next_purge:
                purged = self.queue.purge(self.purge_days)
                if purged:
                    _logger.info('purged %d events settled more than %d days ago', purged, self.purge_days)
                next_purge = time.monotonic() + PURGE_INTERVAL
            if settled < self.batch_size:
                self._wake.wait(self.idle_seconds)
