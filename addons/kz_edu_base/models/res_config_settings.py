# -*- coding: utf-8 -*-
"""The SMS gateway's settings on the administrator's settings screen (Settings → General Settings → SMS to parents):
the address of SMSC.kz's send.php, the login and the password, kept in ir.config_parameter (readable by the
administrator only: base's access rights) and read with sudo by the queue (kz.edu.notification._kz_sms_settings).

The password is never sent back to the client: the field always reads empty (a box says whether one is set) and
typing a new one replaces it; an empty box keeps the old one. Odoo 11 has no ``config_parameter=`` on a settings
field, hence get_values/set_values."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.kz_edu_base.models.kz_edu_notification import SMS_LOGIN, SMS_PASSWORD, SMS_URL
from odoo.addons.kz_edu_base.sms_gateway import check_url
from odoo.addons.kz_edu_base.user_errors import user_errors


class ResConfigSettings(models.TransientModel):
    _inherit = 'res.config.settings'

    kz_sms_url = fields.Char('SMS gateway address', help='The address of the SMS provider\'s sending method '
                             '(SMSC.kz: https://smsc.kz/sys/send.php). Without an address, a login and a password '
                             'no SMS is sent.')
    kz_sms_login = fields.Char('SMS gateway login')
    kz_sms_password = fields.Char('SMS gateway password', compute='_compute_kz_sms_password',
                                  inverse='_inverse_kz_sms_password',
                                  help='Type a new password to replace the one entered; it is never shown.')
    kz_sms_password_set = fields.Boolean('A password is entered', compute='_compute_kz_sms_password')

    @staticmethod
    def _kz_is_admin(env):
        return env.user._is_superuser() or env.user.has_group('base.group_system')

    @api.depends()
    def _compute_kz_sms_password(self):
        entered = self._kz_is_admin(self.env) and bool(
            self.env['ir.config_parameter'].sudo().get_param(SMS_PASSWORD))
        for settings in self:
            settings.kz_sms_password = ''           # never shown back
            settings.kz_sms_password_set = entered

    def _inverse_kz_sms_password(self):
        for settings in self.filtered('kz_sms_password'):
            if not self._kz_is_admin(self.env):
                raise AccessError(_('Only the administrator enters the SMS gateway settings.'))
            self.env['ir.config_parameter'].sudo().set_param(SMS_PASSWORD, settings.kz_sms_password.strip())

    @api.model
    def get_values(self):
        res = super(ResConfigSettings, self).get_values()
        if self._kz_is_admin(self.env):     # settings records are open to every user in Odoo 11 (transient)
            params = self.env['ir.config_parameter'].sudo()
            res.update(kz_sms_url=params.get_param(SMS_URL, ''), kz_sms_login=params.get_param(SMS_LOGIN, ''))
        return res

    def set_values(self):
        super(ResConfigSettings, self).set_values()
        if not self._kz_is_admin(self.env):      # execute() refuses them already; set_values may be called alone
            raise AccessError(_('Only the administrator enters the SMS gateway settings.'))
        url = (self.kz_sms_url or '').strip()
        if url:
            with user_errors(self.env):          # a clear refusal in the administrator's language
                url = check_url(url)
        params = self.env['ir.config_parameter'].sudo()
        params.set_param(SMS_URL, url)
        params.set_param(SMS_LOGIN, (self.kz_sms_login or '').strip())
