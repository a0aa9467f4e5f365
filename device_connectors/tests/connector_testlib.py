"""Test helpers for the connector: a fake Odoo server, a config template, wait_until.

FakeOdoo implements the kz_edu_access contract in-process on 127.0.0.1 (http.server in a thread), idempotent
by event id like the real endpoint, and can go down (connection refused), come back on the same port, revoke
the token, or process a batch and then drop the connection before answering.
"""
import datetime
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = 'device-token-1'


class FakeOdoo:
    """The two endpoints of kz_edu_access, with the events it stored by id."""

    def __init__(self, cards=()):
        self.token = TOKEN
        self.cards = list(cards)
        self.stored = {}                # id -> event, each id once
        self.received = []              # every id of every POST, resends included
        self.post_times = []            # time.monotonic() of every POST
        self.fail_status = None         # answer every POST with this HTTP status instead
        self.max_events = None          # answer 413 to a batch of more events (Odoo's body limit)
        self.duplicates = 0
        self.drop_next_response = False
        self.port = 0
        self._server = None
        self._lock = threading.Lock()

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.port

    def start(self):
        """Listen (again) on the same port."""
        self._server = ThreadingHTTPServer(('127.0.0.1', self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        """Stop listening: clients now get 'connection refused'."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def receive(self, events):
        """Apply one batch; return the contract's answer."""
        answer = {'accepted': 0, 'duplicates': 0, 'unknown_cards': 0, 'rejected': []}
        now = datetime.datetime.now(datetime.timezone.utc)
        with self._lock:
            self.received += [event.get('id') for event in events]
            for event in events:
                reason = self._invalid(event, now)
                if reason:
                    answer['rejected'].append({'id': event.get('id'), 'reason': reason})
                elif event['id'] in self.stored:
                    answer['duplicates'] += 1
                    self.duplicates += 1
                else:
                    self.stored[event['id']] = event
                    answer['accepted'] += 1
                    if event['card'] not in self.cards:
                        answer['unknown_cards'] += 1
        return answer

    def _invalid(self, event, now):
        if not isinstance(event.get('card'), str) or event.get('direction') not in ('in', 'out'):
            return 'malformed'
        try:
            when = datetime.datetime.fromisoformat(event['time'])
        except (KeyError, TypeError, ValueError):
            return 'malformed time'
        if when.tzinfo is None:
            return 'time without offset'
        if when - now > datetime.timedelta(minutes=5):
            return 'time in the future'
        if now - when > datetime.timedelta(days=365):
            return 'time too old'
        return None

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self):
                if self.headers.get('Authorization') != 'Bearer %s' % fake.token:
                    self._answer(401, {'error': 'invalid token'})
                    return False
                return True

            def do_GET(self):
                if self.path != '/kz_edu/access/allowlist':
                    return self._answer(404, {'error': 'not found'})
                if self._authorised():
                    self._answer(200, {'cards': fake.cards, 'generated_at': '2024-09-02T08:00:00+05:00'})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                if self.path != '/kz_edu/access/events':
                    return self._answer(404, {'error': 'not found'})
                fake.post_times.append(time.monotonic())
                if fake.fail_status:
                    return self._answer(fake.fail_status, {'error': 'failing on purpose'})
                if not self._authorised():
                    return
                try:
                    events = json.loads(body.decode())['events']
                except (ValueError, KeyError, TypeError):
                    return self._answer(400, {'error': 'malformed JSON'})
                if fake.max_events is not None and len(events) > fake.max_events:
                    return self._answer(413, {'error': 'body_too_large', 'message': 'send smaller batches'})
                answer = fake.receive(events)
                with fake._lock:
                    drop, fake.drop_next_response = fake.drop_next_response, False
                if drop:
                    self.close_connection = True    # processed, but the answer is lost
                    return
                self._answer(200, answer)

        return Handler


CONFIG = """
[server]
url = {url}
token = {token}
timeout_seconds = 2
[device]
type = line
port = loop://
direction = in
debounce_ms = 0
[turnstile]
actuator = log
[queue]
path = {dir}/queue.sqlite
batch_size = {batch_size}
retry_initial_seconds = 0.05
retry_max_seconds = 0.4
idle_seconds = 0.2
[allowlist]
cache_path = {dir}/allowlist.json
refresh_seconds = 60
"""


def wait_until(condition, timeout=10.0):
    """Poll `condition` until true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError('condition not met within %.0f s' % timeout)
        time.sleep(0.01)
