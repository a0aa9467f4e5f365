"""The allow-list: the active cards of the school, decided on locally so the turnstile never waits for Odoo.

Held in memory as a frozenset (a lookup is a hash probe; a refresh swaps the whole set, so readers need no
lock) and on disk as JSON, replaced atomically (write a temporary file, fsync, rename), so a restart without
network still knows the cards. Refreshed from `GET /kz_edu/access/allowlist`; a failed refresh keeps the last
list.
"""
import json
import logging
import os
import tempfile
import time

from .cards import normalize_card
from .client import ClientError

_logger = logging.getLogger(__name__)


class AllowList:
    """The set of active card numbers, with its on-disk cache at `cache_path`."""

    def __init__(self, cache_path):
        self.cache_path = cache_path
        self.generated_at = None      # as sent by Odoo
        self.fetched_at = None        # epoch seconds of the last successful refresh (or cache load)
        self._cards = frozenset()

    def __len__(self):
        return len(self._cards)

    def is_active(self, card):
        return card in self._cards

    def replace(self, cards, generated_at=None):
        """Install a new list (normalised) and write it to the cache."""
        self._cards = frozenset(normalize_card(card) for card in cards)
        self.generated_at = generated_at
        self.fetched_at = time.time()
        self._save()

    def load_cache(self):
        """Load the cached list, if any; a missing or damaged cache leaves the list empty. True if loaded."""
        try:
            with open(self.cache_path, encoding='utf-8') as handle:
                data = json.load(handle)
            self._cards = frozenset(normalize_card(card) for card in data['cards'])
        except FileNotFoundError:
            return False
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            _logger.error('allow-list cache %s is unreadable (%s); starting with an empty list', self.cache_path, exc)
            return False
        self.generated_at = data.get('generated_at')
        self.fetched_at = data.get('fetched_at')
        _logger.info('allow-list: %d cards from the cache (generated %s)', len(self._cards), self.generated_at)
        return True

    def refresh(self, client):
        """Fetch the list from Odoo through an OdooClient. On failure log and keep the last list. True if done."""
        try:
            cards, generated_at = client.fetch_allowlist()
        except ClientError as exc:
            _logger.warning('allow-list refresh failed (%s); keeping the last list of %d cards', exc, len(self))
            return False
        self.replace(cards, generated_at)
        _logger.info('allow-list: %d active cards (generated %s)', len(self), generated_at)
        return True

    def _save(self):
        directory = os.path.dirname(os.path.abspath(self.cache_path))
        os.makedirs(directory, exist_ok=True)
        payload = {'cards': sorted(self._cards), 'generated_at': self.generated_at, 'fetched_at': self.fetched_at}
        handle = tempfile.NamedTemporaryFile('w', encoding='utf-8', dir=directory, prefix='.allowlist-',
                                             delete=False)
        try:
            with handle:
                json.dump(payload, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, self.cache_path)
        except BaseException:
            os.unlink(handle.name)
            raise
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)            # make the rename itself durable
        finally:
            os.close(dir_fd)
