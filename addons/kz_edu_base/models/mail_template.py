from odoo import _, api, models
from odoo.exceptions import AccessError


class MailTemplate(models.Model):
    """E-mail templates are configuration: the messages the system sends on its own (the monthly reports to the
    education authority, parents' notifications) with their recipients. Odoo 11 lets every employee change them
    (mail's access rights give base.group_user write and create), so a teacher, or the read-only district user, could
    add a Cc to a report of personal data. Only the administrator changes them; everybody else reads and uses them.
    (An access check in code, not only an ACL row: mail's own rows are reloaded whenever mail is updated.)"""
    _inherit = 'mail.template'

    @api.model
    def check_access_rights(self, operation, raise_exception=True):
        if operation != 'read' and not self.env.user._is_superuser() \
                and not self.env.user.has_group('base.group_system'):
            if raise_exception:
                raise AccessError(_('E-mail templates are changed by the administrator only.'))
            return False
        return super(MailTemplate, self).check_access_rights(operation, raise_exception=raise_exception)
