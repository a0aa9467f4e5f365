"""`evdev`: keyboard-wedge readers on Linux, read from /dev/input/eventN without the evdev package.

A keyboard-wedge reader types the card number and Enter. The kernel delivers each key as a `struct
input_event` (linux/input.h): `struct timeval time; __u16 type; __u16 code; __s32 value;`, which is the native
struct format 'llHHi' (24 bytes on 64-bit Linux). We keep EV_KEY (type 1) key-down events (value 1; 0 is
key-up, 2 auto-repeat): KEY_1..KEY_0 (codes 2..11) and the hex letters KEY_A..KEY_F (30, 48, 46, 32, 18, 33)
are the number, KEY_ENTER (28) ends it. Other keys (Shift for upper-case letters, or a real keyboard plugged in
by mistake) are counted and ignored.

With `grab = true` the reader takes the device for itself (ioctl EVIOCGRAB), so the digits do not also appear
on the console or in a logged-in session. Reading /dev/input needs the `input` group, not root.
"""
import fcntl
import logging
import os
import select
import struct
import time

from .base import READ_TIMEOUT, Reader, register

_logger = logging.getLogger(__name__)

INPUT_EVENT = struct.Struct('llHHi')
EV_KEY = 1
KEY_DOWN = 1
KEY_ENTER = 28
KEY_CHARS = {2: '1', 3: '2', 4: '3', 5: '4', 6: '5', 7: '6', 8: '7', 9: '8', 10: '9', 11: '0',
             30: 'A', 48: 'B', 46: 'C', 32: 'D', 18: 'E', 33: 'F'}
KEY_SHIFT = {42, 54}
EVIOCGRAB = 0x40044590  # _IOW('E', 0x90, int)
MAX_DIGITS = 64


class EvdevParser:
    """Turns a byte stream of input_event structs into card numbers (one per Enter)."""

    def __init__(self):
        self._buffer = b''
        self._chars = []
        self.stats = {'cards': 0, 'other_keys': 0, 'overlong': 0}

    def feed(self, data):
        self._buffer += data
        usable = len(self._buffer) - len(self._buffer) % INPUT_EVENT.size
        events, self._buffer = self._buffer[:usable], self._buffer[usable:]
        cards = []
        for _sec, _usec, ev_type, code, value in INPUT_EVENT.iter_unpack(events):
            if ev_type != EV_KEY or value != KEY_DOWN:
                continue
            if code == KEY_ENTER:
                if self._chars:
                    cards.append(''.join(self._chars))
                    self.stats['cards'] += 1
                    self._chars = []
            elif code in KEY_CHARS:
                self._chars.append(KEY_CHARS[code])
                if len(self._chars) > MAX_DIGITS:
                    self.stats['overlong'] += 1
                    _logger.warning('evdev reader: %d keys without Enter, dropped', len(self._chars))
                    self._chars = []
            elif code not in KEY_SHIFT:
                self.stats['other_keys'] += 1
        return cards


@register('evdev')
class EvdevReader(Reader):
    """A keyboard-wedge reader at an input event device (or any file or FIFO of input_event structs)."""

    def __init__(self, path, grab=False, debounce_ms=0, **kwargs):
        super().__init__(EvdevParser(), debounce_ms, **kwargs)
        self.path = path
        self.grab = grab
        self._fd = None

    @classmethod
    def from_config(cls, device):
        return cls(device.port, device.grab, device.debounce_ms)

    def open(self):
        self._fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        if self.grab:
            try:
                fcntl.ioctl(self._fd, EVIOCGRAB, 1)
            except OSError as exc:
                _logger.warning('evdev reader: cannot grab %s (%s); key presses also reach the console',
                                self.path, exc)

    def close(self):
        if self._fd is not None:
            os.close(self._fd)      # closing releases the grab
            self._fd = None

    def _read_bytes(self):
        ready, _, _ = select.select([self._fd], [], [], READ_TIMEOUT)
        data = os.read(self._fd, INPUT_EVENT.size * 64) if ready else b''
        if ready and not data:
            time.sleep(READ_TIMEOUT)    # end of a file, or a FIFO without a writer: readable but empty
        return data
