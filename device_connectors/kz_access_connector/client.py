"""HTTP client for the two Odoo endpoints of the kz_edu_access addon (bearer device token).

    POST /kz_edu/access/events     {"events": [{"id", "card", "direction", "time"}]}
         -> 200 {"accepted", "duplicates", "unknown_cards", "rejected": [{"id", "reason"}]}
    GET  /kz_edu/access/allowlist  -> 200 {"cards": [...], "generated_at": ISO}

401 means the token is revoked (TokenRevoked); 413 means the batch is over Odoo's body limit (BatchTooLarge: send
fewer events at once); any other failure (connection refused, timeout, 5xx, another 4xx, a body that is not the
expected JSON) is a RetryableError: the events stay queued and are sent again. Odoo's refusals are JSON
{"error": code, "message": text}.
"""
import requests

EVENTS_PATH = '/kz_edu/access/events'
ALLOWLIST_PATH = '/kz_edu/access/allowlist'


class ClientError(Exception):
    """A request to Odoo failed."""


class TokenRevoked(ClientError):
    """Odoo answered 401: the device token is wrong or was revoked."""


class RetryableError(ClientError):
    """Odoo is unreachable or answered something other than the contract; try again later."""


class BatchTooLarge(RetryableError):
    """Odoo answered 413: the request body is over its limit (5 MB); a smaller batch will pass."""


class OdooClient:
    """Talks to one Odoo server with one device token."""

    def __init__(self, url, token, timeout=10.0):
        self.url = url.rstrip('/')
        self.timeout = timeout
        self._session = requests.Session()
        self._session.headers['Authorization'] = 'Bearer %s' % token

    def post_events(self, events):
        """Send event dicts; return the response dict (accepted, duplicates, unknown_cards, rejected)."""
        result = self._request('POST', EVENTS_PATH, json={'events': events})
        if not isinstance(result.get('rejected', []), list):
            raise RetryableError('events: "rejected" is not a list')
        return result

    def fetch_allowlist(self):
        """Return (cards, generated_at)."""
        result = self._request('GET', ALLOWLIST_PATH)
        cards = result.get('cards')
        if not isinstance(cards, list) or not all(isinstance(card, str) for card in cards):
            raise RetryableError('allow-list: "cards" is not a list of strings')
        return cards, result.get('generated_at')

    def close(self):
        self._session.close()

    def _request(self, method, path, **kwargs):
        try:
            response = self._session.request(method, self.url + path, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise RetryableError('%s %s: %s' % (method, path, exc))
        if response.status_code == 401:
            raise TokenRevoked('%s %s: 401 Unauthorized' % (method, path))
        if response.status_code == 413:
            raise BatchTooLarge('%s %s: 413 %s' % (method, path, response.text[:200]))
        if response.status_code != 200:
            raise RetryableError('%s %s: HTTP %d %s' % (method, path, response.status_code, response.text[:200]))
        try:
            result = response.json()
        except ValueError:
            raise RetryableError('%s %s: the answer is not JSON' % (method, path))
        if not isinstance(result, dict):
            raise RetryableError('%s %s: the answer is not a JSON object' % (method, path))
        return result
