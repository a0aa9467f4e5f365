# -*- coding: utf-8 -*-
"""A page that does not exist (or that the user may not see: the portal answers «not found» for another family's
child) is shown in the user's language inside the portal layout, with the language switch and a way back, instead
of werkzeug's English «Not Found» text (issue #13.8)."""
import werkzeug.exceptions

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = 'ir.http'

    @classmethod
    def _handle_exception(cls, exception):
        response = super(IrHttp, cls)._handle_exception(exception)
        if (isinstance(response, werkzeug.exceptions.NotFound) and request and
                getattr(request, '_request_type', None) == 'http' and request.db and
                not request.httprequest.path.startswith(('/web/content', '/web/image', '/web/static'))):
            try:
                page = request.render('kz_edu_base.page_not_found', {}, status=404)
                page.flatten()
                return page
            except Exception:       # never worse than the plain answer
                return response
        return response
