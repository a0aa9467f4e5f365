"""Context keys that only server code can set.

A web client (JSON-RPC) sends any context it likes: ``write(vals, context={'kz_tariff_approve': True})`` would
pass a check written as ``if self.env.context.get('kz_tariff_approve')``. A lock that server code must be able to
lift (an approval writing the state, a movement order moving students) therefore marks its context with ``INTERNAL``,
an object no JSON value can be (JSON gives str, int, float, bool, None, list, dict), and tests it by identity:

    records.with_context(kz_tariff_approve=INTERNAL).write({'state': 'approved'})     # server code
    if is_internal(self.env.context, 'kz_tariff_approve'): ...                           # the lock

Plain Python (no odoo import) so that pure rule modules may use it too.
"""


class _InternalToken(object):
    """The one value of a server-only context key."""
    __slots__ = ()

    def __repr__(self):
        return 'INTERNAL'

    def __reduce__(self):                   # copy.deepcopy of a context keeps the very same token
        return 'INTERNAL'


INTERNAL = _InternalToken()


def is_internal(context, key):
    """True when `key` of `context` (a dict or an odoo context) was set to INTERNAL by server code."""
    return (context or {}).get(key) is INTERNAL


def internal_context(**keys):
    """{key: INTERNAL} for ``records.with_context(**internal_context(kz_lock=True))``; keys with a false value are
    left out."""
    return {key: INTERNAL for key, on in keys.items() if on}
