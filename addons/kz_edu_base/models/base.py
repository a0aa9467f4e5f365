from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

# What the read-only district department may still create or change: its own traces of using the system (login,
# chatter messages it writes, saved filters, dashboards, tours seen), never a record of a school.
DISTRICT_WRITABLE = frozenset([
    'res.users.log', 'mail.message', 'mail.followers', 'mail.notification', 'mail.mail', 'mail.tracking.value',
    'mail.channel', 'mail.channel.partner', 'mail.activity', 'bus.presence', 'ir.attachment', 'ir.filters',
    'ir.ui.view.custom', 'web_tour.tour',
])
# a district user who also holds one of these is not read-only
NOT_READ_ONLY_GROUPS = ('base.group_system', 'base.group_erp_manager', 'kz_edu_base.group_teacher',
                        'kz_edu_base.group_canteen_cashier', 'kz_edu_base.group_hr_officer',
                        'kz_edu_base.group_bookkeeper')


class Base(models.AbstractModel):
    """Record-rule and field refusals name the document type in the user's language (Odoo 11 puts the English model
    description and the English operation into the translated sentence).

    The district education department "reads the data and reports of all the schools of its district; changes
    nothing" (its group description): its users are employees (base.group_user), and Odoo grants every employee
    write access to partners, e-mail templates, calendars, leaves and more; their record rules would let the
    department change anything of its schools. Whatever its access rights say, a district user who holds no other
    role creates, changes and deletes nothing but their own traces (DISTRICT_WRITABLE); report wizards (transient)
    still work."""
    _inherit = 'base'

    def _kz_read_only_user(self):
        if self.env.uid == SUPERUSER_ID:
            return False
        user = self.env.user
        return user.has_group('kz_edu_base.group_district') and not any(user.has_group(g)
                                                                          for g in NOT_READ_ONLY_GROUPS)

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        if operation != 'read' and not self._transient and self._name not in DISTRICT_WRITABLE \
                and self._kz_read_only_user():
            if raise_exception:
                raise AccessError(_('The district education department reads the data of its schools; it changes '
                                    'nothing.'))
            return False
        return super(Base, self).check_access_rights(operation, raise_exception=raise_exception)

    def _kz_access_error(self, operation):
        labels = {'read': _('read'), 'write': _('change'), 'create': _('create'), 'unlink': _('deletion')}
        model = self.env['ir.model'].sudo().with_context(lang=self.env.lang).search([('model', '=', self._name)],
                                                                                     limit=1)
        return AccessError(_('The requested operation cannot be completed due to security restrictions. Please '
                             'contact your system administrator.\n\n(Document type: %s, Operation: %s)')
                           % (model.name or self._description, labels.get(operation, operation)))

    @api.multi
    def check_access_rule(self, operation):
        try:
            return super(Base, self).check_access_rule(operation)
        except AccessError:
            raise self._kz_access_error(operation)

    @api.model
    def check_field_access_rights(self, operation, fields):
        try:
            return super(Base, self).check_field_access_rights(operation, fields)
        except AccessError:
            raise self._kz_access_error(operation)
