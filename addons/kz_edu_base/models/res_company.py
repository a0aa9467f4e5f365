import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ORG_TYPES = [
    ('department', 'Education department (district/city)'),
    ('regional_department', 'Regional education department'),
    ('school', 'School'),
    ('gymnasium', 'Gymnasium'),
    ('lyceum', 'Lyceum'),
    ('college', 'College (TVET)'),
    ('kindergarten', 'Kindergarten'),
    ('out_of_school', 'Out-of-school centre'),
]

INSTRUCTION_LANGS = [
    ('kk', 'Kazakh'),
    ('ru', 'Russian'),
    ('mixed', 'Kazakh and Russian'),
    ('en', 'English'),
]


class ResCompany(models.Model):
    """Each education organisation is a company; its education department is the parent company (SEC-05),
    so one database serves a whole district with the data of each school kept apart by record rules."""
    _inherit = 'res.company'

    kz_org_type = fields.Selection(ORG_TYPES, string='Organisation type')
    kz_bin = fields.Char(related='partner_id.kz_bin', string='BIN', store=True, readonly=False)
    kz_territory_id = fields.Many2one('kz.edu.territory', string='Territory (KATO)', ondelete='restrict')
    kz_kato_code = fields.Char(related='kz_territory_id.kato_code', string='KATO code', readonly=True)
    kz_instruction_lang = fields.Selection(INSTRUCTION_LANGS, string='Language of instruction')
    kz_is_rural = fields.Boolean(
        string='Rural organisation',
        help='Located in a rural area: teachers get the rural supplement to their pay (Labour Code, art. 139 p.9).')
    kz_is_education_org = fields.Boolean(compute='_compute_kz_is_education_org', store=True)
    # the organisation's clock: entry and exit times, meals and notifications are written in it (shared since the
    # notification queue moved here, issue #15)
    kz_timezone = fields.Selection('_tz_get', string='Time zone of the organisation', default='Asia/Almaty',
                                   help='Entry and exit times are counted in this time zone (Kazakhstan: UTC+5).')

    @api.multi
    def kz_today(self):
        """The organisation's day now (its time zone, Asia/Almaty by default): the day of a consent's withdrawal and
        of a message's queueing, whoever's session asks (a user without a time zone reads UTC, a day behind from
        19:00 UTC)."""
        self.ensure_one()
        zone = pytz.timezone(self.kz_timezone or 'Asia/Almaty')
        return datetime.datetime.now(pytz.utc).astimezone(zone).date()

    def _tz_get(self):
        return self.env['res.partner']._fields['tz'].selection(self.env['res.partner'])

    @api.depends('kz_org_type')
    def _compute_kz_is_education_org(self):
        for company in self:
            company.kz_is_education_org = company.kz_org_type not in (False, 'department', 'regional_department')

    @api.constrains('parent_id', 'kz_org_type')
    def _check_kz_hierarchy(self):
        for company in self.filtered('kz_org_type'):
            parent = company.parent_id
            if company.kz_is_education_org and parent.kz_org_type and parent.kz_is_education_org:
                raise ValidationError(_('An education organisation (%s) can only be placed under an education '
                                        'department, not under another organisation.') % company.name)

    @api.model
    def create(self, vals):
        company = super(ResCompany, self).create(vals)
        # The organisation's own partner is public (name, BIN, address): readable from every school,
        # so the multi-company partner rule must not hide it from the organisation's own users.
        company.partner_id.sudo().write({'company_id': False})
        return company
