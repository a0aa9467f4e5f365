"""python -m kz_access_connector --config /etc/kz-access/connector.ini

Runs the connector until SIGTERM or SIGINT, logging to stderr (the journal under systemd).
Exit status: 0 after a clean stop, 1 when a device or file cannot be opened, 2 on a configuration error.
"""
import argparse
import logging
import signal
import sqlite3
import sys
import threading

from .config import ConfigError, load_config
from .service import Connector


def main(argv=None):
    parser = argparse.ArgumentParser(prog='kz_access_connector',
                                     description='Card-reader / turnstile connector for kz_edu (Odoo).')
    parser.add_argument('--config', default='/etc/kz-access/connector.ini', help='INI file (default: %(default)s)')
    parser.add_argument('--log-level', default='INFO', choices=['DEBUG', 'INFO', 'WARNING', 'ERROR'])
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    try:
        connector = Connector(load_config(args.config))
    except (ConfigError, ValueError) as exc:
        logging.getLogger('kz_access_connector').error('%s', exc)
        return 2
    except (OSError, sqlite3.Error) as exc:
        logging.getLogger('kz_access_connector').error('cannot start: %s', exc)
        return 1
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    connector.start()
    while not stop.wait(1.0):
        pass
    connector.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
