"""The connector service: reader -> local decision -> durable queue -> actuator, plus the background threads.

    tap(card)
      1. decide: is the card on the cached allow-list? (memory only)
      2. write the event to the queue (committed and fsynced) -- if this fails the turnstile stays closed,
         so no passage goes unrecorded
      3. open the turnstile if the card is active; otherwise log and stay closed
      4. wake the sender

Threads: the reader loop (reopens the device after an error), the allow-list refresher (at start, then every
refresh_seconds) and the sender (see sender.py). `Connector(config).start()` runs them in-process;
`stop()` ends them and closes everything.
"""
import logging
import threading
from collections import namedtuple

from .actuators import create_actuator
from .allowlist import AllowList
from .cards import normalize_card
from .client import OdooClient
from .event_queue import EventQueue
from .readers import create_reader
from .sender import Backoff, Sender

_logger = logging.getLogger(__name__)
REOPEN_SECONDS = 2.0

TapResult = namedtuple('TapResult', 'event opened')


class Connector:
    """One reader (one direction) of one turnstile.

    `reader` and `actuator` default to the ones the config names; tests and benchmarks may pass their own.
    """

    def __init__(self, config, reader=None, actuator=None):
        self.config = config
        self.queue = EventQueue(config.queue.path)
        self.client = OdooClient(config.server.url, config.server.token, config.server.timeout_seconds)
        self.allowlist = AllowList(config.allowlist.cache_path)
        self.allowlist.load_cache()
        self.sender = Sender(self.queue, self.client, config.queue.batch_size,
                             Backoff(config.queue.retry_initial_seconds, config.queue.retry_max_seconds),
                             config.queue.idle_seconds, config.queue.purge_days)
        self.reader = create_reader(config.device) if reader is None else reader
        self.actuator = create_actuator(config.turnstile) if actuator is None else actuator
        self._stop = threading.Event()
        self._threads = []
        self._reader_open = False

    def start(self):
        """Open the reader, start the sender, the allow-list refresher and the reader loop; return self.

        When start() returns the reader is listening (or, if the device is missing, being retried).
        """
        pending = self.queue.pending_count()
        if pending:
            _logger.info('%d events from before the restart are pending; sending them', pending)
        self._stop.clear()
        self._reader_open = self._open_reader()
        self.sender.start()
        for target, name in ((self._refresh_loop, 'kz-access-allowlist'), (self._read_loop, 'kz-access-reader')):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        _logger.info('connector started: %s reader on %s, direction %s, %d cards on the allow-list',
                     self.reader.type_name, self.config.device.port, self.config.device.direction,
                     len(self.allowlist))
        return self

    def stop(self):
        """Stop the threads and release the reader, the actuator, the client and the queue."""
        self._stop.set()
        self.sender.stop()
        for thread in self._threads:
            thread.join()
        self._threads = []
        self.reader.close()
        self.actuator.close()
        self.client.close()
        self.queue.close()
        _logger.info('connector stopped')

    def tap(self, card):
        """Handle one card reading: decide, queue, actuate. Return TapResult(event, opened)."""
        card = normalize_card(card)
        granted = self.allowlist.is_active(card)
        event = self.queue.append(card, self.config.device.direction, granted)
        opened = False
        if granted:
            try:
                self.actuator.open(card)
                opened = True
            except OSError:
                _logger.exception('card %s is active but the turnstile did not open', card)
        else:
            _logger.warning('card %s is not active here (blocked or unknown): turnstile stays closed', card)
        self.sender.notify()
        return TapResult(event, opened)

    def health(self):
        """A snapshot for monitoring: queue sizes, sender state, allow-list age, reader counters."""
        return {
            'pending': self.queue.pending_count(),
            'token_revoked': self.sender.token_revoked,
            'last_send_error': self.sender.last_error,
            'delivered': self.sender.delivered,
            'rejected': self.sender.rejected,
            'allowlist_cards': len(self.allowlist),
            'allowlist_fetched_at': self.allowlist.fetched_at,
            'reader': self.reader.stats,
        }

    def _tap_logged(self, card):
        try:
            self.tap(card)
        except Exception:   # e.g. the queue's disk failed: the tap is lost, the turnstile stayed closed
            _logger.exception('card %s: the tap could not be recorded; turnstile stays closed', card)

    def _refresh_loop(self):
        while not self._stop.is_set():
            self.allowlist.refresh(self.client)
            self._stop.wait(self.config.allowlist.refresh_seconds)

    def _open_reader(self):
        try:
            self.reader.open()
        except OSError as exc:          # serial.SerialException is an OSError too
            _logger.error('reader %s: %s; retrying every %.0f s', self.config.device.port, exc, REOPEN_SECONDS)
            return False
        return True

    def _read_loop(self):
        """Read cards until stopped; after a device error close it and reopen it every REOPEN_SECONDS."""
        while not self._stop.is_set():
            if not self._reader_open:
                if self._stop.wait(REOPEN_SECONDS):
                    return
                self._reader_open = self._open_reader()
                continue
            try:
                cards = self.reader.read_cards()
            except OSError as exc:
                _logger.error('reader %s: %s; reopening', self.config.device.port, exc)
                self.reader.close()
                self._reader_open = False
                continue
            for card in cards:
                self._tap_logged(card)
