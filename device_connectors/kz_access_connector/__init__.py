"""kz_access_connector: the card-reader / turnstile connector of the kz_edu suite (HSC-01, HSC-11, HSC-12).

It runs next to a turnstile, on a small Linux box. A card tap is decided locally against a cached allow-list of
the school's active cards (the turnstile opens without waiting for the server), written to a durable local
queue, and forwarded to Odoo (`POST /kz_edu/access/events`), which records the entry or exit and notifies the
parents. Odoo being down for hours, or the box restarting, loses nothing.

In-process use (tests, the end-to-end suite)::

    from kz_access_connector import Connector, parse_config
    connector = Connector(parse_config(ini_text)).start()
    connector.tap('04A1B2C3')
    connector.queue.pending_count()
    connector.stop()
"""
from .config import Config, ConfigError, load_config, parse_config
from .service import Connector, TapResult

__all__ = ['Config', 'ConfigError', 'Connector', 'TapResult', 'load_config', 'parse_config']
