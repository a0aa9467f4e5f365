# -*- coding: utf-8 -*-
"""The ORM side of ``kz_errors``: a rule module's refusal shown to the user in the user's language, translated once
here (issue #15). A model, wizard or controller calls a pure module and, at its boundary::

    from odoo.addons.kz_edu_base.user_errors import translate, user_errors

    with user_errors(self.env):                      # a KzError becomes a UserError in the user's language
        lines = tariff.compute_tariff(...)
    with user_errors(self.env, ValidationError):     # in a constraint
        canteen_rules.check_topup(...)
    raise UserError(_('Employee %s: %s') % (name, translate(self.env, err)))   # inside a sentence of its own

The template of the error is looked up by its text in ``ir.translation`` (types code and sql_constraint: what
Odoo's ``_()`` does, so a template extracted from any installed addon is found) in ``env.lang``, and formatted with
the parameters written for that language (dates 01.09.2027, amounts «1 200,50»). A user in English gets the
English text of ``str(err)``. The parameter ``what`` (the thing refused: «date», «top-up») is translated too, when
the caller marked its English text with ``_()``."""
import contextlib
import logging

from odoo.exceptions import UserError

from .kz_errors import is_kz_error_class, render

_logger = logging.getLogger(__name__)

__all__ = ['TRANSLATED_PARAMS', 'is_kz_error', 'translate', 'user_error', 'user_errors']

#: parameters that name the thing refused in English (``to_date(value, _('birth date'))``: "%(what)s must be a
#: date"): translated like the template, so the sentence is all in the user's language
TRANSLATED_PARAMS = ('what',)


def is_kz_error(err):
    """True for a :class:`~kz_errors.KzError` (of either import path, see ``kz_errors.is_kz_error_class``)."""
    return is_kz_error_class(type(err))


def translate(env, err):
    """The text of ``err`` in the language of ``env`` (the user's); any other exception as its ``str``."""
    if not is_kz_error(err):
        return str(err)
    lang = env.lang or 'en_US'
    if lang.startswith('en'):   # the English text, as the logs have it (dates 2027-09-01)
        return str(err)
    source = env['ir.translation']._get_source
    template = source(None, ('code', 'sql_constraint'), lang, err.template)
    params = dict(err.params or {})
    for name in TRANSLATED_PARAMS:
        if isinstance(params.get(name), str):     # the thing refused («date», «top-up»), marked with _() where named
            params[name] = source(None, ('code',), lang, params[name])
    try:
        return render(template, params, lang)
    except (KeyError, ValueError, TypeError):   # a translation whose placeholders do not match: say it in English
        _logger.warning('The %s translation of %r does not fit its parameters %r', lang, err.template, err.params)
        return str(err)


def user_error(env, err, error_class=UserError):
    """``error_class`` (UserError, ValidationError ...) with the text of ``err`` in the user's language."""
    return error_class(translate(env, err))


@contextlib.contextmanager
def user_errors(env, error_class=UserError):
    """Turn a :class:`KzError` raised inside the block into ``error_class`` in the user's language."""
    try:
        yield
    except Exception as err:    # noqa: B902 (a KzError of either import path, see is_kz_error; others go on)
        if not is_kz_error(err):
            raise
        raise user_error(env, err, error_class) from err
