# -*- coding: utf-8 -*-
"""The one way a rule module refuses something (issue #15). Pure Python (standard library only, no odoo import).

A pure module raises a **code** (stable, for the callers that branch on it), an English **message template** (the
msgid translators see) and **parameters**::

    from kz_errors import KzError, _

    class PayrollError(KzError, ValueError):
        pass

    raise PayrollError('missing_parameter', _('No parameter %(codes)s for %(date)s.'), codes='MRP', date=day)

* ``str(err)`` is the English text (logs, pure tests): the template formatted with the parameters as Python
  writes them (a date as 2027-09-01, an amount as 1200.50).
* :func:`_` only marks the template: Odoo 11's extractor (``odoo/tools/translate.py``, ``trans_generate``) collects
  the ``_('...')`` calls of every .py file of an addon, so the template lands in the addon's .pot and is
  translated in its kk.po and ru.po like any other message. Nothing is translated here.
* The ORM translates once, at its boundary (``kz_edu_base/user_errors.py``): the template is looked up by its text
  in ``ir.translation`` (as Odoo's ``_()`` does, whatever the addon that shipped it) and formatted with the
  parameters written for the user's language (:func:`render`): a date as 01.09.2027, an amount as «1 200,50».
* Templates use named placeholders (``%(name)s``) so a translation may put them in another order; without
  parameters the template is not formatted (a literal % stays as it is).
* The old calling form ``Error('English text')`` (what the base helpers did with ``error=``) still works: the
  text is the template, the code is the class's ``code``. Such a text is not translated until it is raised with a
  template marked by :func:`_`.

>>> err = KzError('missing_parameter', _('No parameter %(codes)s for %(date)s.'), codes='MRP',
...               date=datetime.date(2027, 9, 1))
>>> str(err), err.code, err.params['codes']
('No parameter MRP for 2027-09-01.', 'missing_parameter', 'MRP')
>>> render('Balance %(left)s', {'left': Decimal('1200.5')}, 'kk_KZ') == 'Balance 1\\u00a0200,50'
True
"""
import datetime
from decimal import Decimal

__all__ = ['_', 'KzError', 'is_kz_error_class', 'make_error', 'format_param', 'render']


def _(template):
    """Mark ``template`` for translation (Odoo's extractor reads the calls of ``_``); it is returned unchanged."""
    return template


class KzError(Exception):
    """A refusal of a rule module: ``code``, English ``template``, ``params`` (see the module's docstring).

    Subclasses keep the builtin base they always had (``class TariffError(KzError, ValueError)``), so every
    ``except ValueError`` of a caller still catches them."""

    #: the code of an error raised the old way, with an English text only
    code = 'error'

    def __init__(self, code, template=None, **params):
        if template is None:        # the old form: Error('English text')
            code, template = type(self).code, code
        self.code = code
        self.template = template
        self.params = params
        try:
            text = render(template, params)
        except (KeyError, ValueError, TypeError):   # an old-style text already formatted, with a % of its own
            text = template
        super(KzError, self).__init__(text)
        self.message = str(self)    # the English text, under the name the callers have always used

    @property
    def details(self):
        """The parameters (the name the canteen's callers have always used)."""
        return self.params

    def __repr__(self):
        return '%s(%r, %r)' % (type(self).__name__, self.code, str(self))


def is_kz_error_class(cls):
    """True for :class:`KzError` and its subclasses, whichever way this module was imported: inside Odoo it is
    ``odoo.addons.kz_edu_base.kz_errors``, but where the addon folders are on ``sys.path`` (the Odoo tests run by
    pytest, conftest.py) a rule module imports the same file as the top-level ``kz_errors``: two classes of one
    name."""
    return isinstance(cls, type) and any(
        base.__name__ == 'KzError' and base.__module__.rpartition('.')[2] == 'kz_errors' for base in cls.__mro__)


def make_error(error, code, template, **params):
    """The exception a shared helper raises for a caller's ``error``: a :class:`KzError` class gets the code,
    the template and the parameters; any other callable (``ValueError``, a function of the message) the English
    text."""
    if is_kz_error_class(error):
        return error(code, template, **params)
    return error(render(template, params))


def format_param(value, lang=None):
    """A parameter as a message writes it: with a language (``kk_KZ``, ``ru_RU``, ``en_US``) an amount (a
    ``Decimal``) in its separators (kz_money.format_amount) and a date as 01.09.2027 (kz_dates.format_date); a list
    of values joined with commas; any other value as it is (a template may use ``%(n)d`` or ``%(value)r``), so
    without a language (the English text of ``str``) a date is 2027-09-01 and an amount 1200.50."""
    if isinstance(value, (list, tuple)):
        return ', '.join(str(format_param(v, lang)) for v in value)
    if lang:
        # imported here: kz_money and kz_dates raise KzError themselves
        try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
            from kz_dates import format_date
            from kz_money import format_amount
        except ImportError:  # inside Odoo
            from odoo.addons.kz_edu_base.kz_dates import format_date
            from odoo.addons.kz_edu_base.kz_money import format_amount
        if isinstance(value, Decimal):
            return format_amount(value, lang)
        if isinstance(value, datetime.date):
            return format_date(value)
    return value


def render(template, params, lang=None):
    """``template`` (English or its translation) formatted with ``params`` written for ``lang``."""
    if not params:
        return template
    return template % {name: format_param(value, lang) for name, value in params.items()}
