"""Tap-to-open latency through the whole path, with nothing mocked but the server:

    simulator writes an RDM6300 frame to a pty -> Rdm6300Reader on the connector's reader thread -> allow-list
    decision -> SQLite queue write (WAL, synchronous=FULL, fsync) -> relay actuator (DTR on a loop:// port)

Odoo is unreachable during the run (the sender backs off in the background, as on a day the server is down).
Every tap is a different active card, so the debounce never hides one. Used by ../bench_tap_to_open.py and by
the test suite, which print the figures.
"""
import socket
import tempfile
import threading
import time

from .actuators import Actuator, RelayActuator
from .config import parse_config
from .service import Connector
from .simulator import PtyPort, rdm6300_frame

_CONFIG = """
[server]
url = http://127.0.0.1:%(port)d
token = bench
timeout_seconds = 2
[device]
type = rdm6300
port = %(device)s
[turnstile]
actuator = log
[queue]
path = %(dir)s/queue.sqlite
[allowlist]
cache_path = %(dir)s/allowlist.json
"""


class _TimedActuator(Actuator):
    """Wraps an actuator and records when it was told to open."""

    def __init__(self, inner):
        self.inner = inner
        self.opened = threading.Event()
        self.opened_at = None

    def open(self, card):
        self.inner.open(card)
        self.opened_at = time.perf_counter()
        self.opened.set()

    def close(self):
        self.inner.close()


def _unused_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def percentile(sorted_values, fraction):
    return sorted_values[round(fraction * (len(sorted_values) - 1))]


def measure_tap_to_open(taps=1000, workdir=None):
    """Run `taps` taps; return {'taps', 'p50_ms', 'p95_ms', 'max_ms', 'queued'}."""
    with tempfile.TemporaryDirectory(dir=workdir) as directory:
        port = PtyPort()
        actuator = _TimedActuator(RelayActuator('loop://', mode='dtr', pulse_ms=50))
        config = parse_config(_CONFIG % {'port': _unused_port(), 'device': port.name, 'dir': directory})
        connector = Connector(config, actuator=actuator)
        cards = ['0F%08X' % (0x10000000 + i) for i in range(taps)]
        connector.allowlist.replace(card[2:] for card in cards)       # the reader reports the 4-byte tag
        connector.start()
        latencies = []
        try:
            for card in cards:
                actuator.opened.clear()
                started = time.perf_counter()
                port.write(rdm6300_frame(card))
                if not actuator.opened.wait(5.0):
                    raise RuntimeError('card %s: the turnstile did not open within 5 s' % card)
                latencies.append(actuator.opened_at - started)
            queued = connector.queue.count()
        finally:
            connector.stop()
            port.close()
    latencies.sort()
    return {'taps': taps, 'queued': queued, 'p50_ms': percentile(latencies, 0.50) * 1000,
            'p95_ms': percentile(latencies, 0.95) * 1000, 'max_ms': latencies[-1] * 1000}


def format_stats(stats):
    return ('tap-to-open over %(taps)d taps (reader -> decision -> queue write -> actuator): '
            'p50 %(p50_ms).2f ms, p95 %(p95_ms).2f ms, max %(max_ms).2f ms' % stats)


if __name__ == '__main__':
    print(format_stats(measure_tap_to_open()))
