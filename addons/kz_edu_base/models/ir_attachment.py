from odoo import SUPERUSER_ID, api, models


class IrAttachment(models.Model):
    """Odoo 11 checks who may see an attachment in read and search (through the document it belongs to) but not in
    read_group, which groups the raw table: a portal user could list the names and documents of every school's
    attachments with read_group(..., groupby=['name']). Grouping is limited to what search shows the user."""
    _inherit = 'ir.attachment'

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self.env.uid != SUPERUSER_ID:
            self.check_access_rights('read')
            domain = [('id', 'in', self.search(domain or []).ids)]
        return super(IrAttachment, self).read_group(domain, fields, groupby, offset=offset, limit=limit,
                                                    orderby=orderby, lazy=lazy)
