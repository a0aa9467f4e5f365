"""Actuators: what opens the turnstile. `[turnstile] actuator` names a class in ACTUATORS.

    log     only logs (a reader that only records attendance, or a test bench)
    relay   a serial-port relay: pulses the DTR or RTS line (a transistor/optocoupler on the modem line drives
            the turnstile's "open" input), or writes a byte string (USB relay boards such as the LCUS-1 take
            A0 01 01 A2 for on and A0 01 00 A1 for off)

`open(card)` returns as soon as the turnstile is told to open; releasing the line (or sending close_bytes)
after pulse_ms happens on the actuator's own thread, so a tap never waits for the pulse.
"""
import logging
import threading
import time

import serial

_logger = logging.getLogger(__name__)
ACTUATORS = {}


def _register(name):
    def decorate(cls):
        ACTUATORS[name] = cls
        return cls
    return decorate


def create_actuator(turnstile):
    """Build the actuator named by a config.TurnstileConfig's `actuator`."""
    try:
        cls = ACTUATORS[turnstile.actuator]
    except KeyError:
        raise ValueError('unknown [turnstile] actuator %r (known: %s)'
                         % (turnstile.actuator, ', '.join(sorted(ACTUATORS))))
    return cls.from_config(turnstile)


class Actuator:
    """Opens the turnstile for one passage."""

    @classmethod
    def from_config(cls, turnstile):
        raise NotImplementedError

    def open(self, card):
        raise NotImplementedError

    def close(self):
        """Release the hardware (the service is stopping)."""


@_register('log')
class LogActuator(Actuator):
    """Logs the opening and counts it."""

    def __init__(self):
        self.opened = 0

    @classmethod
    def from_config(cls, turnstile):
        return cls()

    def open(self, card):
        self.opened += 1
        _logger.info('turnstile open for card %s', card)


@_register('relay')
class RelayActuator(Actuator):
    """A relay on a serial port: mode `dtr` / `rts` pulses that line, mode `bytes` writes open_bytes (and
    close_bytes after the pulse, when given)."""

    MODES = ('dtr', 'rts', 'bytes')

    def __init__(self, port, mode='dtr', pulse_ms=500, open_bytes=b'', close_bytes=b'', baudrate=9600):
        if mode not in self.MODES:
            raise ValueError('relay mode must be one of %s' % ', '.join(self.MODES))
        if mode == 'bytes' and not open_bytes:
            raise ValueError('relay mode bytes needs open_bytes')
        self.mode = mode
        self.pulse = pulse_ms / 1000.0
        self.open_bytes = open_bytes
        self.close_bytes = close_bytes
        self.serial = serial.serial_for_url(port, baudrate=baudrate, do_not_open=True)
        if mode != 'bytes':
            self._set_line(False)           # applied when the port opens: the turnstile starts closed
        self.serial.open()
        self._cond = threading.Condition()
        self._release_at = None
        self._closed = False
        self._thread = threading.Thread(target=self._release_loop, name='relay-release', daemon=True)
        self._thread.start()

    @classmethod
    def from_config(cls, turnstile):
        return cls(turnstile.port, turnstile.mode, turnstile.pulse_ms, bytes.fromhex(turnstile.open_bytes),
                   bytes.fromhex(turnstile.close_bytes), turnstile.baudrate)

    def open(self, card):
        with self._cond:
            if self.mode == 'bytes':
                self.serial.write(self.open_bytes)
            else:
                self._set_line(True)
            self._release_at = time.monotonic() + self.pulse
            self._cond.notify()

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join()
        self.serial.close()

    def _set_line(self, level):
        if self.mode == 'dtr':
            self.serial.dtr = level
        else:
            self.serial.rts = level

    def _release(self):
        try:
            if self.mode != 'bytes':
                self._set_line(False)
            elif self.close_bytes:
                self.serial.write(self.close_bytes)
        except OSError:
            _logger.exception('relay: cannot release the turnstile line on %s', self.serial.port)

    def _release_loop(self):
        with self._cond:
            while True:
                if self._release_at is not None:
                    delay = self._release_at - time.monotonic()
                    if delay <= 0 or self._closed:
                        self._release()
                        self._release_at = None
                        continue
                    self._cond.wait(delay)
                elif self._closed:
                    return
                else:
                    self._cond.wait()
