from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    kz_authority_email = fields.Char(
        string='Education authority e-mail',
        help='Where the monthly reports are sent by the 5th of the next month (HSC-10, HSC-13).')
