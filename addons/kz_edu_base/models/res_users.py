from odoo import fields, models


class ResGroups(models.Model):
    _inherit = 'res.groups'

    kz_is_edu_role = fields.Boolean(string='Education role',
                                    help='A role of the education suite (director, bookkeeper, cashier, parent...).')
