import datetime
import json
import logging

from odoo import http
from odoo.http import request, Response

_logger = logging.getLogger(__name__)

MAX_BODY = 5 * 1024 * 1024          # 5 MB: about 25 000 events, far above a connector's batch
API_PREFIX = '/kz_edu/access/'

# Odoo 11 turns every request whose Content-Type is application/json into a JSON-RPC request (JsonRequest),
# which rejects a plain JSON body like {"events": [...]} and answers errors with HTTP 200. The reader API is a
# plain JSON API with real status codes (401, 400), so its paths are dispatched as ordinary HTTP requests.
_get_request = http.Root.get_request


def _get_request_plain_json_api(self, httprequest):
    if httprequest.path.startswith(API_PREFIX):
        return http.HttpRequest(httprequest)
    return _get_request(self, httprequest)


http.Root.get_request = _get_request_plain_json_api


def _json(status, data):
    return Response(json.dumps(data), status=status, content_type='application/json; charset=utf-8')


class AccessController(http.Controller):
    """The API the reader connectors call (device_connectors/). Authenticated by the device's Bearer token,
    not by a user session."""

    def _device(self):
        auth = request.httprequest.headers.get('Authorization', '')
        token = auth[7:].strip() if auth.lower().startswith('bearer ') else ''
        return request.env['kz.edu.access.device'].sudo()._authenticate(token)

    @http.route('/kz_edu/access/events', type='http', auth='none', methods=['POST'], csrf=False)
    def events(self, **kw):
        device = self._device()
        if not device:
            return _json(401, {'error': 'invalid or revoked token'})
        raw = request.httprequest.get_data(cache=False)
        if len(raw) > MAX_BODY:
            return _json(413, {'error': 'body too large'})
        try:
            payload = json.loads(raw.decode('utf-8'))
            result = request.env['kz.edu.access.event'].sudo().ingest(device, payload)
        except (ValueError, UnicodeDecodeError) as exc:
            return _json(400, {'error': 'malformed JSON: %s' % exc})
        return _json(200, result)

    @http.route('/kz_edu/access/allowlist', type='http', auth='none', methods=['GET'], csrf=False)
    def allowlist(self, **kw):
        device = self._device()
        if not device:
            return _json(401, {'error': 'invalid or revoked token'})
        return _json(200, {'cards': device._allowlist(),
                           'generated_at': datetime.datetime.now(datetime.timezone.utc).isoformat()})
