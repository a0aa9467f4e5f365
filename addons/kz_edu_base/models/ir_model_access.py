from odoo import api, models


class IrModelAccess(models.Model):
    _inherit = 'ir.model.access'

    @api.model_cr
    def group_names_with_access(self, model_name, access_mode):
        """The groups Odoo lists in an access refusal ("Only users with the following access level..."), in the
        user's language: Odoo 11 reads their names straight from the table, i.e. in English, whatever the user
        speaks (issue #13.6)."""
        assert access_mode in ('read', 'write', 'create', 'unlink'), 'Invalid access mode'
        self._cr.execute("""SELECT DISTINCT a.group_id
                              FROM ir_model_access a JOIN ir_model m ON a.model_id = m.id
                             WHERE m.model = %s AND a.active IS TRUE AND a.group_id IS NOT NULL
                               AND a.perm_""" + access_mode, (model_name,))
        groups = self.env['res.groups'].sudo().with_context(lang=self.env.lang).browse(
            [row[0] for row in self._cr.fetchall()])
        return sorted('%s/%s' % (g.category_id.name, g.name) if g.category_id else g.name for g in groups)
