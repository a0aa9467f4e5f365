# -*- coding: utf-8 -*-
"""School staff often have no e-mail address: the product works without one (issue #13.1).

Odoo 11 stamps every chatter message with the author's address (``mail.message._get_default_from``) and refuses to
write one when the user has none («Unable to send email, please configure the sender's email address»), which made
creating an obligation, a supplier bill, a movement order, a top-up or an employee fail for such a user. Here the
message keeps the user's name and takes, in this order: the user's address, the school's (the user's company)
address, Odoo's configured sender (``email_from`` in the server configuration), the catch-all alias of the
database, ``noreply@`` the catch-all domain, else ``noreply@localhost``.

The notification e-mails of a message go only to the followers that have an address: a partner without one gets
no ``mail.mail`` that could only fail in the outgoing queue (the message stays in the chatter and in the inbox of
the users who chose Odoo notifications)."""
from email.utils import formataddr

from odoo import api, models, tools


class MailMessage(models.Model):
    _inherit = 'mail.message'

    @api.model
    def _kz_fallback_sender_address(self):
        """The bare address a message of a user without e-mail is sent from (see the module docstring)."""
        user = self.env.user
        if user.company_id.email:
            return user.company_id.email
        if tools.config.get('email_from'):
            return tools.config['email_from']
        params = self.env['ir.config_parameter'].sudo()
        domain = params.get_param('mail.catchall.domain')
        alias = params.get_param('mail.catchall.alias')
        if domain and alias:
            return '%s@%s' % (alias, domain)
        return 'noreply@%s' % (domain or 'localhost')

    @api.model
    def _get_default_from(self):
        user = self.env.user
        if user.email:
            return super(MailMessage, self)._get_default_from()
        return formataddr((user.name, self._kz_fallback_sender_address()))


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.multi
    def _notify(self, message, force_send=False, send_after_commit=True, user_signature=True):
        with_address = self.filtered(lambda partner: partner.email and partner.email.strip())
        return super(ResPartner, with_address)._notify(message, force_send=force_send,
                                                       send_after_commit=send_after_commit,
                                                       user_signature=user_signature)
