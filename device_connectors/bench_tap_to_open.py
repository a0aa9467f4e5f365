#!/usr/bin/env python3
"""Tap-to-open latency benchmark (HSC-01: the turnstile opens in under 50 ms for an active card).

    .venv/bin/python device_connectors/bench_tap_to_open.py [--taps 1000]

Prints p50 / p95 / max over the taps; see kz_access_connector/bench.py for what is measured.
"""
import argparse
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kz_access_connector.bench import format_stats, measure_tap_to_open  # noqa: E402


def main():
    logging.basicConfig(level=logging.ERROR)   # the sender's "Odoo unreachable" warnings are expected here
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--taps', type=int, default=1000)
    args = parser.parse_args()
    stats = measure_tap_to_open(args.taps)
    print(format_stats(stats))
    print('queued events: %d' % stats['queued'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
