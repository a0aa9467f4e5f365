import logging

import pytz

from odoo import _, api, fields, models
from odoo.tools import html_escape

_logger = logging.getLogger(__name__)


class KzEduNotification(models.Model):
    """A message to a parent, queued by the event ingestion and sent in batches by a cron, so a morning rush
    never waits for mail (HSC-12). Channels are gateways behind one interface (`_kz_gateway_send_<channel>`):
    e-mail now; an SMS or messenger gateway is one method in another addon."""
    _name = 'kz.edu.notification'
    _description = 'Notification to a parent'
    _order = 'id desc'

    partner_id = fields.Many2one('res.partner', string='Recipient', required=True, index=True, readonly=True)
    student_id = fields.Many2one('kz.edu.student', readonly=True, index=True)
    event_id = fields.Many2one('kz.edu.access.event', readonly=True, index=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    channel = fields.Selection([('mail', 'E-mail'), ('sms', 'SMS')], required=True, default='mail', readonly=True)
    state = fields.Selection([('queued', 'Queued'), ('sent', 'Sent'), ('skipped', 'Skipped'), ('failed', 'Failed')],
                             required=True, default='queued', index=True, readonly=True)
    body = fields.Text(readonly=True)
    sent_at = fields.Datetime(readonly=True)
    error = fields.Char(readonly=True)

    @api.model
    def queue_for_events(self, event_ids):
        """One queued notification per (event, parent who wants them), written in one statement. create_uid and
        write_uid stay empty, as on the events (a device made them): in a morning rush this is ~2 rows per
        event, and each filled user column cost a foreign-key check a row (~25 % of the statement's time)."""
        self.env.cr.execute("""
            INSERT INTO kz_edu_notification (partner_id, student_id, event_id, company_id, channel, state,
                                             create_date, write_date)
            SELECT g.partner_id, e.student_id, e.id, e.company_id, g.notify_by, 'queued',
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM kz_edu_access_event e
              JOIN kz_edu_guardian g ON g.student_id = e.student_id AND g.notify_by != 'none'
             WHERE e.id IN %s""", (tuple(event_ids),))

    def _message(self):
        """The text in the parent's language (kk or ru): who, in or out, date and time at the school."""
        self.ensure_one()
        event = self.event_id
        lang = self.partner_id.lang or 'kk_KZ'
        tz = pytz.timezone(event.company_id.kz_timezone or 'Asia/Almaty')
        local = pytz.utc.localize(fields.Datetime.from_string(event.event_time)).astimezone(tz)
        when = local.strftime('%d.%m.%Y %H:%M')
        self = self.with_context(lang=lang)
        if event.direction == 'in':
            text = _('%(student)s entered %(school)s at %(time)s.')
        else:
            text = _('%(student)s left %(school)s at %(time)s.')
        return text % {'student': self.student_id.name, 'school': event.company_id.name, 'time': when}

    @api.model
    def _cron_send(self, limit=500):
        """Send up to `limit` queued notifications, oldest first."""
        queued = self.search([('state', '=', 'queued')], order='id', limit=limit)
        queued.send()
        return len(queued)

    @api.multi
    def send(self):
        """Send these queued notifications through their channel's gateway."""
        queued = self.filtered(lambda n: n.state == 'queued')
        for channel in set(queued.mapped('channel')):
            batch = queued.filtered(lambda n: n.channel == channel)
            getattr(self, '_kz_gateway_send_%s' % channel, self._kz_gateway_missing)(batch)
        return True

    @api.model
    def _kz_gateway_missing(self, batch):
        batch.write({'state': 'failed', 'error': _('No gateway is configured for this channel.')})

    @api.model
    def _kz_gateway_send_mail(self, batch):
        Mail = self.env['mail.mail'].sudo()
        now = fields.Datetime.now()
        for n in batch:
            if not n.partner_id.email:
                n.write({'state': 'skipped', 'error': _('The parent has no e-mail address.')})
                continue
            body = n._message()
            Mail.create({'subject': body, 'body_html': '<p>%s</p>' % html_escape(body), 'email_to': n.partner_id.email,
                         'auto_delete': True})
            n.write({'state': 'sent', 'sent_at': now, 'body': body})
