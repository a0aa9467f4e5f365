from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    kz_authority_email = fields.Char(
        string='Education authority e-mail',
        help='Where the monthly reports are sent by the 5th of the next month (HSC-10, HSC-13).')
    kz_timezone = fields.Selection('_tz_get', string='Time zone of the organisation', default='Asia/Almaty',
                                   help='Entry and exit times are counted in this time zone (Kazakhstan: UTC+5).')

    def _tz_get(self):
        return self.env['res.partner']._fields['tz'].selection(self.env['res.partner'])
