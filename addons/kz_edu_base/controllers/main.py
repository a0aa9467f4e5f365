# -*- coding: utf-8 -*-
"""The language switch of the login page and the portal (issue #13.11): Қазақша | Русский.

``/kz_edu/lang/<code>`` sets the language of the browser's session (the login page, the portal of a visitor) and,
for a logged-in user, the user's own language (a field every user may change on themself); then it goes back to
``redirect`` — a path of this site only, never another site."""
import werkzeug.utils

from odoo import http
from odoo.http import request


def _local_path(target, default):
    """``target`` when it is a path on this site ('/...', not '//host' or 'http://...'), else ``default``."""
    if not target or not target.startswith('/') or target.startswith('//') or '\\' in target:
        return default
    return target


class KzEduLanguage(http.Controller):

    @http.route('/kz_edu/lang/<string:code>', type='http', auth='public', methods=['GET'], sitemap=False)
    def kz_set_language(self, code, redirect=None, **kw):
        installed = dict(request.env['res.lang'].sudo().get_installed())
        target = _local_path(redirect, '/web/login')
        if code not in installed:
            return werkzeug.utils.redirect(target, 303)
        context = dict(request.session.context or {}, lang=code)
        request.session.context = context       # a new dict: the session store sees the change and saves it
        user = request.env.user
        if request.session.uid and not user._is_public() and user.lang != code:
            user.write({'lang': code})          # a user may change their own language (SELF_WRITEABLE_FIELDS)
        return werkzeug.utils.redirect(target, 303)
