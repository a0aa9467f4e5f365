import datetime
import json
import logging

from psycopg2.extensions import TRANSACTION_STATUS_IDLE

from odoo import http
from odoo.http import request, Response

from ..access_rules import MAX_BODY, BodyError, decode_body

_logger = logging.getLogger(__name__)

API_PREFIX = '/kz_edu/access/'


def _read_body(httprequest):
    """The request body, read from the stream once (kept in the WSGI environ) and never more than MAX_BODY + 1
    bytes, also when it comes chunked, without a Content-Length; None when the declared length is over MAX_BODY
    (refused unread). Read once because Odoo re-runs a handler after a serialization failure
    (service.model.check) and the stream can be read only once: the re-run saw an empty body and 3 of 4
    concurrent batches were refused as "malformed JSON" (issue #12.10)."""
    environ = httprequest.environ
    if 'kz_edu_access.body' not in environ:
        length = httprequest.content_length
        environ['kz_edu_access.body'] = (None if length is not None and length > MAX_BODY
                                         else httprequest.stream.read(MAX_BODY + 1))
    return environ['kz_edu_access.body']


# Odoo 11 turns every request whose Content-Type is application/json into a JSON-RPC request (JsonRequest),
# which rejects a plain JSON body like {"events": [...]} and answers errors with HTTP 200. The reader API is a
# plain JSON API with real status codes (401, 400), so its paths are dispatched as ordinary HTTP requests.
_get_request = http.Root.get_request


def _get_request_plain_json_api(self, httprequest):
    if httprequest.path.startswith(API_PREFIX):
        _read_body(httprequest)     # before HttpRequest, whose form parsing would consume the stream
        return http.HttpRequest(httprequest)
    return _get_request(self, httprequest)


http.Root.get_request = _get_request_plain_json_api


def _json(status, data, headers=None):
    return Response(json.dumps(data), status=status, headers=headers,
                    content_type='application/json; charset=utf-8')


def _error(status, code, message, headers=None):
    """The one shape of every refusal: {"error": stable code, "message": English text for the technician}."""
    return _json(status, {'error': code, 'message': message}, headers=headers)


def _unauthorized():
    return _error(401, 'invalid_token', 'The device token is missing, wrong or revoked.',
                  headers=[('WWW-Authenticate', 'Bearer')])


def _read_committed():
    """Run this request's transaction at READ COMMITTED instead of Odoo's REPEATABLE READ.

    Four readers sending at once write the same rows: the device's last_seen, and in an overlapping resend the
    same (device, event id). At REPEATABLE READ the second writer gets a serialization failure (also from
    INSERT ... ON CONFLICT DO NOTHING when the conflicting row was committed after its snapshot); Odoo then
    sleeps up to 2^n s and re-runs the whole handler, five times at most. At READ COMMITTED the second writer
    waits for the first to commit and then skips the event (ON CONFLICT) or updates the new row version: no
    failure, no retry, each event stored once. The ingestion reads nothing that must stay frozen during the
    request, so the weaker isolation loses nothing. Must be the transaction's first statement: Odoo's dispatch
    runs no query on the request cursor before an auth='none' handler, and a retried handler starts on a rolled
    back cursor."""
    cr = request.cr
    if cr.connection.get_transaction_status() == TRANSACTION_STATUS_IDLE:
        cr.execute('SET TRANSACTION ISOLATION LEVEL READ COMMITTED')
    else:   # not expected (see above): stay at REPEATABLE READ, where Odoo's retries still keep it correct
        _logger.warning('reader API: a transaction was already open, ingestion runs at REPEATABLE READ')


class AccessController(http.Controller):
    """The API the reader connectors call (device_connectors/). Authenticated by the device's Bearer token,
    not by a user session. Every answer is JSON: 200 with counts, or {"error": code, "message": text} with
    401 (token), 413 (body over 5 MB) or 400 (body not a JSON object {"events": [...]})."""

    def _device(self):
        auth = request.httprequest.headers.get('Authorization', '')
        token = auth[7:].strip() if auth.lower().startswith('bearer ') else ''
        return request.env['kz.edu.access.device'].sudo()._authenticate(token)

    @http.route('/kz_edu/access/events', type='http', auth='none', methods=['POST'], csrf=False)
    def events(self, **kw):
        raw = _read_body(request.httprequest)
        if raw is None or len(raw) > MAX_BODY:
            # refused before the token is even checked, and the connection is closed: the unread rest of the
            # body would otherwise be taken for the next request on it
            return _error(413, 'body_too_large', 'The body is larger than %d bytes: send smaller batches.'
                          % MAX_BODY, headers=[('Connection', 'close')])
        _read_committed()
        device = self._device()
        if not device:
            return _unauthorized()
        try:
            payload = decode_body(raw)
        except BodyError as exc:
            return _error(exc.status, exc.code, exc.message)
        return _json(200, request.env['kz.edu.access.event'].sudo().ingest(device, payload))

    @http.route('/kz_edu/access/allowlist', type='http', auth='none', methods=['GET'], csrf=False)
    def allowlist(self, **kw):
        device = self._device()
        if not device:
            return _unauthorized()
        return _json(200, {'cards': device._allowlist(),
                           'generated_at': datetime.datetime.now(datetime.timezone.utc).isoformat()})
