from odoo import _, api, models
from odoo.exceptions import UserError

from ..internal import is_internal, internal_context

# written on any record by the chatter, followers and activities, closed or not
CHATTER_FIELDS = frozenset(['message_follower_ids', 'message_ids', 'message_partner_ids', 'message_channel_ids',
                            'message_main_attachment_id', 'activity_ids', 'website_message_ids'])


class KzEduLockMixin(models.AbstractModel):
    """A document that is closed once it is recorded (posted, done, closed, approved): from then on it is neither
    changed nor deleted, and a correction is a new, reversing document (SEC-01, ACC: "a posted record changes only
    through a reversing document").

    * ``write`` refuses any field but the chatter's and ``_kz_lock_free_fields`` on a closed record, and refuses
      the state field on every record: the state moves only through the document's buttons, which write it with
      ``_kz_write_internal`` after their own checks (an RPC client cannot set the server-only context key,
      see kz_edu_base/internal.py);
    * ``create`` refuses a document created directly in a closed state;
    * ``unlink`` refuses a closed document.
    The model says which states are open (``_kz_lock_open_states``) and may word its own refusals
    (``_kz_lock_message``)."""
    _name = 'kz.edu.lock.mixin'
    _description = 'Document closed once recorded'

    _kz_lock_state_field = 'state'
    _kz_lock_open_states = ('draft',)
    _kz_lock_free_fields = ()

    def _kz_lock_internal(self):
        return is_internal(self.env.context, 'kz_lock_internal')

    def _kz_write_internal(self, vals):
        """Write as the document's own button does after its checks (state included, closed or not)."""
        return self.with_context(**internal_context(kz_lock_internal=True)).write(vals)

    def _kz_closed(self):
        field = self._kz_lock_state_field
        return self.filtered(lambda rec: rec[field] not in self._kz_lock_open_states)

    def _kz_state_label(self, record):
        field = self._fields[self._kz_lock_state_field]
        return dict(field._description_selection(self.env)).get(record[self._kz_lock_state_field]) or ''

    def _kz_lock_message(self, record, operation):
        """The refusal for a closed `record`; operation is 'write' or 'unlink'. Models word their own."""
        return _('%s is %s: it can no longer be changed or deleted. A correction is made by a new, reversing '
                 'document.') % (record.display_name, self._kz_state_label(record).lower())

    def _kz_state_message(self):
        return _('The status of a document changes only through its buttons (record, confirm, cancel).')

    @api.model
    def create(self, vals):
        state = vals.get(self._kz_lock_state_field)
        if state and state not in self._kz_lock_open_states and not self._kz_lock_internal():
            raise UserError(self._kz_state_message())
        return super(KzEduLockMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        if not self._kz_lock_internal():
            if self._kz_lock_state_field in vals:
                raise UserError(self._kz_state_message())
            if set(vals) - CHATTER_FIELDS - set(self._kz_lock_free_fields):
                closed = self._kz_closed()
                if closed:
                    raise UserError(self._kz_lock_message(closed[0], 'write'))
        return super(KzEduLockMixin, self).write(vals)

    @api.multi
    def unlink(self):
        closed = self._kz_closed()
        if closed:
            raise UserError(self._kz_lock_message(closed[0], 'unlink'))
        return super(KzEduLockMixin, self).unlink()
