# -*- coding: utf-8 -*-
"""Login throttling on top of OCA auth_brute_force (11.0.1.1.0), adapted to schools:

- a block lasts `kz_edu_security.block_minutes` (30 by default, 0 = until an administrator unblocks): a pupil who
  tries a teacher's login from the school's single Internet address must not lock the teacher out for good;
- an administrator unblocks an address (and login) with a button; the attempts stay, marked as cleared;
- the attempts (logins and addresses of everybody) are read by administrators only: auth_brute_force lets every
  user read them because the check runs as the user logging in; here the check runs as superuser instead;
- the address is never sent abroad: auth_brute_force looks every address up on ip-api.com when an attempt is
  opened; the personal data of Kazakh users stays on the server (SEC-01, SEC-03).
"""
import datetime

from odoo import _, api, fields, models


class ResAuthenticationAttempt(models.Model):
    _inherit = 'res.authentication.attempt'

    kz_cleared = fields.Boolean(
        'Cleared', readonly=True, index=True,
        help='Unblocked by an administrator: this failure no longer counts towards a block.')

    @api.multi
    @api.depends('remote')
    def _compute_metadata(self):
        for attempt in self:
            attempt.remote_metadata = _('Not looked up: addresses are not sent to outside services.')

    @api.model
    def _kz_block_minutes(self):
        value = self.env['ir.config_parameter'].sudo().get_param('kz_edu_security.block_minutes', '30')
        try:
            return max(int(value), 0)
        except ValueError:
            return 30

    @api.model
    def _trusted(self, remote, login):
        return super(ResAuthenticationAttempt, self.sudo())._trusted(remote, login)

    @api.model
    def _hits_limit(self, limit, remote, login=None):
        """auth_brute_force's count of failures since the last success from `remote` (and `login`), without the
        failures an administrator cleared and, when blocks expire, only those of the last block_minutes."""
        domain = [('remote', '=', remote)]
        if login is not None:
            domain += [('login', '=', login)]
        last_ok = self.search(domain + [('result', '=', 'successful')], order='create_date desc, id desc', limit=1)
        if last_ok:
            domain += [('create_date', '>', last_ok.create_date)]
        minutes = self._kz_block_minutes()
        if minutes:
            since = fields.Datetime.to_string(datetime.datetime.utcnow() - datetime.timedelta(minutes=minutes))
            domain += [('create_date', '>', since)]
        failures = self.search_count(domain + [('result', '!=', 'successful'), ('kz_cleared', '=', False)])
        return failures >= limit

    @api.multi
    def action_kz_unblock(self):
        """Clear the failures of the selected attempts' addresses (with their logins for an address-and-login
        block, all logins for the address itself): the right password works again from there."""
        remotes = set(self.mapped('remote'))
        failures = self.search([('remote', 'in', list(remotes)), ('result', '!=', 'successful'),
                                ('kz_cleared', '=', False)])
        failures.write({'kz_cleared': True})
        return True
