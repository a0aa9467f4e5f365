# -*- coding: utf-8 -*-
"""A page that does not exist (or that the user may not see: the portal answers «not found» for another family's
child) is shown in the user's language inside the portal layout, with the language switch and a way back, instead
of werkzeug's English «Not Found» text (issue #13.8). Both ways Odoo 11 answers 404 are covered: an unknown address
(an exception, through _handle_exception) and a controller returning request.not_found() (turned into a plain
werkzeug response by the route wrapper, seen in _dispatch)."""
import logging

import werkzeug.exceptions

from odoo import models
from odoo.http import request

_logger = logging.getLogger(__name__)

PLAIN_PATHS = ('/web/content', '/web/image', '/web/static', '/web/binary')


class IrHttp(models.AbstractModel):
    _inherit = 'ir.http'

    @classmethod
    def _kz_page_not_found(cls, response):
        """Our 404 page for an HTML request of a database, else ``response`` as it is."""
        if not (request and getattr(request, '_request_type', None) == 'http' and request.db
                and not request.httprequest.path.startswith(PLAIN_PATHS)):
            return response
        try:
            page = request.render('kz_edu_base.page_not_found', {}, status=404)
            page.flatten()
            return page
        except Exception:       # never worse than the plain answer
            _logger.warning('the page-not-found template could not be rendered', exc_info=True)
            return response

    @classmethod
    def _handle_exception(cls, exception):
        response = super(IrHttp, cls)._handle_exception(exception)
        if isinstance(response, werkzeug.exceptions.NotFound):
            return cls._kz_page_not_found(response)
        return response

    @classmethod
    def _dispatch(cls):
        response = super(IrHttp, cls)._dispatch()
        if (getattr(response, 'status_code', None) == 404 and not getattr(response, 'is_qweb', False)
                and getattr(response, 'mimetype', '') == 'text/html'):
            return cls._kz_page_not_found(response)
        return response
