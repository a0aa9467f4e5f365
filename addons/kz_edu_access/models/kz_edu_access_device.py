import hashlib
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def token_hash(token):
    return hashlib.sha256(token.encode('utf-8')).hexdigest()


class KzEduAccessDevice(models.Model):
    """A card reader or turnstile controller of a school. It authenticates with an API token that is shown once
    and stored only as its SHA-256 hash."""
    _name = 'kz.edu.access.device'
    _description = 'Card reader or turnstile'
    _inherit = ['mail.thread']
    _order = 'company_id, name'

    name = fields.Char(required=True)
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    direction = fields.Selection([('in', 'Entrance'), ('out', 'Exit'), ('both', 'Entrance and exit')],
                                 required=True, default='both')
    location = fields.Char(help='e.g. main entrance, sports hall door')
    device_type = fields.Selection([
        ('line', 'Serial reader (one card number per line)'),
        ('rdm6300', 'RDM6300 / EM4100 125 kHz reader'),
        ('evdev', 'Keyboard-wedge reader'),
        ('turnstile', 'Turnstile controller'),
    ], required=True, default='rdm6300')
    token_hash = fields.Char(copy=False, readonly=True, groups='base.group_system', index=True)
    token_hint = fields.Char(string='Token ends with', copy=False, readonly=True)
    has_token = fields.Boolean(compute='_compute_has_token')
    last_seen = fields.Datetime(readonly=True, copy=False)
    last_batch_size = fields.Integer(readonly=True, copy=False)
    health = fields.Selection([('ok', 'Online'), ('stale', 'Silent for over 15 minutes'), ('never', 'Never seen')],
                              compute='_compute_health')
    active = fields.Boolean(default=True)

    @api.depends('token_hint')
    def _compute_has_token(self):
        for d in self:
            d.has_token = bool(d.token_hint)

    @api.depends('last_seen')
    def _compute_health(self):
        limit = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=15))
        for d in self:
            d.health = 'never' if not d.last_seen else ('ok' if d.last_seen >= limit else 'stale')

    def _set_token(self, token):
        self.sudo().write({'token_hash': token_hash(token), 'token_hint': token[-4:]})
        self.message_post(body=_('A new API token was issued.'))

    @api.multi
    def action_new_token(self):
        """Issue a new token (the old one stops working) and show it once."""
        self.ensure_one()
        self.check_access_rights('write')
        token = secrets.token_urlsafe(24)
        self._set_token(token)
        wizard = self.env['kz.edu.access.token.wizard'].create({'device_id': self.id, 'token': token})
        return {'type': 'ir.actions.act_window', 'res_model': wizard._name, 'res_id': wizard.id, 'view_mode': 'form',
                'target': 'new', 'name': _('API token')}

    @api.multi
    def action_revoke_token(self):
        self.check_access_rights('write')
        for d in self:
            if not d.token_hint:
                raise UserError(_('%s has no token to revoke.') % d.name)
        self.sudo().write({'token_hash': False, 'token_hint': False})
        for d in self:
            d.message_post(body=_('The API token was revoked.'))
        return True

    @api.model
    def _authenticate(self, token):
        """The active device owning `token`, or an empty recordset (401)."""
        if not token or len(token) > 200:
            return self.browse()
        return self.sudo().search([('token_hash', '=', token_hash(token)), ('active', '=', True)], limit=1)

    def _allowlist(self):
        """UIDs of the active cards of this device's school (what the connector may open for offline)."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT c.uid FROM kz_edu_card c JOIN kz_edu_student s ON s.id = c.student_id
             WHERE c.state = 'active' AND s.state = 'enrolled' AND c.company_id = %s
            UNION
            SELECT upper(e.barcode) FROM hr_employee e JOIN resource_resource r ON r.id = e.resource_id
             WHERE e.barcode IS NOT NULL AND r.active AND e.company_id = %s
             ORDER BY 1""", (self.company_id.id, self.company_id.id))
        return [row[0] for row in self.env.cr.fetchall()]


class KzEduAccessTokenWizard(models.TransientModel):
    _name = 'kz.edu.access.token.wizard'
    _description = 'New API token'

    device_id = fields.Many2one('kz.edu.access.device', readonly=True)
    token = fields.Char(readonly=True, help='Copy it into the connector configuration now: it is not shown again.')
