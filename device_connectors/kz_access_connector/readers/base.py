"""What every reader shares: the registry, the debounce, and reading from a serial port.

A reader is a parser (bytes in, card numbers out, pure and testable without hardware) plus the I/O of one
device. `Reader.read_cards()` blocks for at most READ_TIMEOUT seconds and returns the debounced card numbers
read meanwhile; the connector calls it in a loop from its reader thread.
"""
import time

import serial

READ_TIMEOUT = 0.1
READERS = {}


def register(name):
    """Class decorator: make the reader class available as `[device] type = name`."""
    def decorate(cls):
        cls.type_name = name
        READERS[name] = cls
        return cls
    return decorate


class Debouncer:
    """Drops a card read again within `window_ms` of its previous reading.

    Readers repeat a card for as long as it is held on them (an RDM6300 about every 100 ms). Each repeat
    restarts the window, so a card held for ten seconds is one tap; another card in between is a new tap.
    """

    def __init__(self, window_ms, clock=time.monotonic):
        self.window = window_ms / 1000.0
        self.suppressed = 0
        self._clock = clock
        self._last_card = None
        self._last_time = 0.0

    def accept(self, card):
        now = self._clock()
        repeat = card == self._last_card and now - self._last_time < self.window
        self._last_card, self._last_time = card, now
        if repeat:
            self.suppressed += 1
        return not repeat


class Reader:
    """A card reader: `open()`, then `read_cards()` in a loop, then `close()`.

    Subclasses set `self.parser` (an object with `feed(bytes) -> [card]` and a `stats` dict) and implement
    `open`, `close` and `_read_bytes`.
    """
    type_name = None

    def __init__(self, parser, debounce_ms=0, clock=time.monotonic):
        self.parser = parser
        self.debouncer = Debouncer(debounce_ms, clock)

    @classmethod
    def from_config(cls, device):
        """Build the reader from a config.DeviceConfig."""
        raise NotImplementedError

    @property
    def stats(self):
        """Health counters: the parser's (frames, errors...) and the debounced repeats."""
        return dict(self.parser.stats, debounced=self.debouncer.suppressed)

    def read_cards(self):
        """Wait up to READ_TIMEOUT seconds for input; return the card numbers read, repeats removed."""
        data = self._read_bytes()
        if not data:
            return []
        return [card for card in self.parser.feed(data) if self.debouncer.accept(card)]

    def open(self):
        raise NotImplementedError

    def close(self):
        raise NotImplementedError

    def _read_bytes(self):
        raise NotImplementedError


class SerialReader(Reader):
    """A reader on a serial port: a device path, a pty slave, or any pyserial URL such as loop://."""

    def __init__(self, port, parser, baudrate=9600, debounce_ms=0, clock=time.monotonic):
        super().__init__(parser, debounce_ms, clock)
        self.port = port
        self.baudrate = baudrate
        self.serial = None

    def open(self):
        self.serial = serial.serial_for_url(self.port, baudrate=self.baudrate, timeout=READ_TIMEOUT)

    def close(self):
        if self.serial is not None:
            self.serial.close()
            self.serial = None

    def _read_bytes(self):
        return self.serial.read(self.serial.in_waiting or 1)
