# -*- coding: utf-8 -*-
"""The one notification queue of the suite (issue #15; HSC-07, HSC-12, SEC-06): a message to a parent, queued by a
capability and sent in batches by a cron, so a morning rush or a break never waits for mail.

A capability extends this model with its source (the access event, the canteen order, the journal entry), queues a
batch with ``kz_enqueue`` (kz_edu_contingent's ``kz_enqueue_for_students`` finds the guardians first) and writes
its text in ``_message()``, in the language of the recipient (``_kz_lang()``). ``kz_enqueue`` asks the one consent
rule (``consent_rules.may_notify``, through ``kz.edu.consent.kz_notification_decisions``) for the whole batch:
a message that may go is queued; one that may not is kept as skipped with the reason (no consent, consent
withdrawn, not yet in force), so a parent who asks why nothing came gets an answer; a recipient who chose no
notifications gets no row. Channels are gateways behind one method each (``_kz_gateway_send_<channel>``): e-mail
and SMS (SMSC.kz, ``sms_gateway.py``) here; an SMS fails with the reason ``no_gateway`` until the administrator
enters the gateway's settings."""
import logging
import threading
import time

from odoo import api, fields, models
from odoo.tools import html_escape

from odoo.addons.kz_edu_base import sms_gateway
from odoo.addons.kz_edu_base.bulk_sql import insert_rows, quote_identifier

_logger = logging.getLogger(__name__)

DEFAULT_LANG = 'kk_KZ'      # a parent without a language reads Kazakh
REASONS = [
    ('no_consent', 'No consent to the processing'),
    ('consent_not_yet', 'The consent was not yet in force'),
    ('consent_withdrawn', 'The consent was withdrawn'),
    ('no_address', 'No address for this channel'),
    ('no_gateway', 'No gateway for this channel'),
    ('no_text', 'The message has no text'),
    # the SMS gateway (sms_gateway.ERROR_CODES): on a queued row, why the last try did not go (tried again)
    ('bad_phone', 'The phone number is not valid'),
    ('too_long', 'The text is too long for an SMS'),
    ('sms_network', 'The SMS gateway did not answer'),
    ('sms_login', 'The SMS gateway refused the login or password'),
    ('sms_funds', 'No money left on the SMS gateway account'),
    ('sms_blocked', 'The SMS gateway blocked the requests for a while'),
    ('sms_refused', 'The SMS gateway refused the text or the sender'),
    ('sms_undeliverable', 'The SMS cannot be delivered to this number'),
    ('sms_duplicate', 'The SMS gateway refused a repeated request'),
    ('sms_provider_error', 'The SMS gateway answered an error'),
]
#: seconds one run of the queue may spend on the SMS gateway (the cron runs every minute); the rest waits
SMS_BUDGET = 45

#: the gateway's settings (ir.config_parameter, entered by the administrator: res.config.settings)
SMS_URL, SMS_LOGIN, SMS_PASSWORD = 'kz_edu_base.sms_url', 'kz_edu_base.sms_login', 'kz_edu_base.sms_password'


class KzEduNotification(models.Model):
    _name = 'kz.edu.notification'
    _description = 'Notification to a parent'
    _order = 'id desc'

    partner_id = fields.Many2one('res.partner', string='Recipient', required=True, index=True, readonly=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    channel = fields.Selection([('mail', 'E-mail'), ('sms', 'SMS')], required=True, default='mail', readonly=True)
    state = fields.Selection([('queued', 'Queued'), ('sent', 'Sent'), ('skipped', 'Skipped'), ('failed', 'Failed')],
                             required=True, default='queued', index=True, readonly=True)
    reason = fields.Selection(REASONS, string='Why not sent', readonly=True,
                              help='Why this message was skipped or failed.')
    body = fields.Text(readonly=True)
    message = fields.Text(compute='_compute_message',
                          help='The text the recipient gets (or got), in her language.')
    sent_at = fields.Datetime(readonly=True)
    error = fields.Char(readonly=True, help="The gateway's own words about the last failure.")
    attempts = fields.Integer(readonly=True, help='How many times the gateway was asked to send this message.')
    gateway_ref = fields.Char('Gateway reference', readonly=True, help="The message's number at the SMS gateway.")
    sms_parts = fields.Integer('SMS parts', readonly=True, help='How many SMS the text took (70 Cyrillic letters '
                                                                  'in one SMS, 67 a part of a longer one).')

    # ------------------------------------------------------------------------------------------ queueing
    @api.model
    def kz_enqueue(self, rows, purpose='notifications', unique=(), by_user=True):
        """Queue a batch of messages in one INSERT (bulk_sql.insert_rows; Odoo 11's create() would cost 20-90 ms a
        row, a break's meals or a class's marks are hundreds) and return the number queued.

        ``rows``: dicts with ``partner_id`` (the recipient), ``channel`` (the channel the recipient chose: 'mail',
        'sms'; 'none' or empty: no row is made), ``subject_partner_id`` (the person the message is about: the
        consent asked is theirs, e.g. the child's), ``company_id`` and the producer's own stored columns (its
        source, ``body`` for a text written in advance). ``purpose``: the consent purpose the messages need.
        ``unique``: the producer's columns naming its fact (``('meal_order_id',)``): a row whose fact was already
        queued for the same recipient is left out, so a batch synced twice is notified once. ``by_user=False``
        leaves create_uid/write_uid empty (a device made the facts: a foreign-key check a row saved)."""
        rows = [dict(row) for row in rows]
        if unique and rows:
            rows = self._kz_not_yet_queued(rows, unique)
        # the school's day (a batch is one school's facts), not the session user's
        companies = self.env['res.company'].browse({row['company_id'] for row in rows if row.get('company_id')})
        day = fields.Date.to_string(companies[0].kz_today()) if len(companies) == 1 else None
        decisions = self.env['kz.edu.consent'].kz_notification_decisions(
            [(row.pop('subject_partner_id'), row.get('channel')) for row in rows], purpose, day)
        kept = []
        for row, (allowed, reason) in zip(rows, decisions):
            if reason == 'no_channel':      # the recipient asked for nothing: nothing to explain
                continue
            row.update(state='queued' if allowed else 'skipped', reason=reason or None)
            if by_user:
                row.update(create_uid=self.env.uid, write_uid=self.env.uid)
            kept.append(row)
        rows = kept
        if not rows:
            return 0
        columns = sorted({key for row in rows for key in row})
        for name in columns:
            if name not in self._fields or not self._fields[name].store:
                raise ValueError('kz.edu.notification has no stored column %r' % name)
        # the dates are the server's clock, written by the statement itself
        template = '(%s, now() at time zone \'UTC\', now() at time zone \'UTC\')' % ', '.join(['%s'] * len(columns))
        insert_rows(self.env.cr, self._table, columns + ['create_date', 'write_date'],
                    [tuple(row.get(c) for c in columns) for row in rows], template=template)
        return sum(1 for row in rows if row['state'] == 'queued')

    @api.model
    def _kz_not_yet_queued(self, rows, unique):
        """The rows whose (recipient, fact) is neither queued already nor repeated in the batch."""
        keys = ('partner_id',) + tuple(unique)
        first = unique[0]
        self.env.cr.execute('SELECT %s FROM kz_edu_notification WHERE %s = ANY(%%s)'
                            % (', '.join(map(quote_identifier, keys)), quote_identifier(first)),
                            (list({row[first] for row in rows}),))
        seen = set(self.env.cr.fetchall())
        fresh = []
        for row in rows:
            key = tuple(row.get(k) for k in keys)
            if key not in seen:
                seen.add(key)
                fresh.append(row)
        return fresh

    # ------------------------------------------------------------------------------------------ the text
    def _kz_lang(self):
        """The recipient's language (kk or ru; Kazakh when the parent has none)."""
        self.ensure_one()
        return self.partner_id.lang or DEFAULT_LANG

    @api.depends('body')
    def _compute_message(self):
        for notification in self:
            notification.message = notification._message()

    def _message(self):
        """The text of this message in the recipient's language. Each capability overrides it for its own source
        (calling super for the others); a message queued with its text (``body``) is sent as it is."""
        self.ensure_one()
        return self.body or ''

    # ------------------------------------------------------------------------------------------ sending
    @api.model
    def _cron_send(self, limit=500):
        """Send up to `limit` queued notifications, oldest first. The cron commits after each message a gateway
        sent over the network (as mail.mail's queue does), so a failure later in the run never sends it twice; not
        in the tests (their transaction is rolled back)."""
        queued = self.search([('state', '=', 'queued')], order='id', limit=limit)
        queued.with_context(kz_auto_commit=not getattr(threading.current_thread(), 'testing', False)).send()
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
        batch.write({'state': 'failed', 'reason': 'no_gateway'})

    @api.model
    def _kz_gateway_send_mail(self, batch):
        Mail = self.env['mail.mail'].sudo()
        now = fields.Datetime.now()
        for n in batch:
            if not n.partner_id.email:
                n.write({'state': 'skipped', 'reason': 'no_address'})
                continue
            body = n._message()
            if not body:
                n.write({'state': 'failed', 'reason': 'no_text'})
                continue
            Mail.create({'subject': body, 'body_html': '<p>%s</p>' % html_escape(body), 'email_to': n.partner_id.email,
                         'auto_delete': True})
            n.write({'state': 'sent', 'sent_at': now, 'body': body})

    # ------------------------------------------------------------------------------------------ SMS (SMSC.kz)
    @api.model
    def _kz_sms_settings(self):
        """(url, login, password) of the SMS gateway, or None while one of them is not entered."""
        params = self.env['ir.config_parameter'].sudo()
        settings = tuple(params.get_param(key) or '' for key in (SMS_URL, SMS_LOGIN, SMS_PASSWORD))
        return settings if all(settings) else None

    @api.model
    def _kz_gateway_send_sms(self, batch):
        """Send each message of ``batch`` by SMS through SMSC.kz (sms_gateway.py; https://smsc.kz/api/http/send/),
        one call a message (each parent's text is her own). A message goes once: it is claimed in the database
        before its call (a row another run sent meanwhile is left alone) and, in the cron, committed right after.
        A number that is not one, a text too long or a refusal of the provider fails the message with its reason;
        a gateway that does not take it (no answer, a wrong login, no money) leaves it queued with the reason and
        stops the batch there, and after ``MAX_ATTEMPTS`` tries the message fails. A run spends at most
        ``SMS_BUDGET`` seconds on the gateway; the calls wait ``TIMEOUT`` seconds at most."""
        settings = self._kz_sms_settings()
        if not settings:
            return self._kz_gateway_missing(batch)
        url, login, password = settings
        # a message goes out before its row is written: only who may write the rows may send them
        batch.check_access_rights('write')
        batch.check_access_rule('write')
        commit = self.env.context.get('kz_auto_commit')
        deadline = time.time() + SMS_BUDGET
        for n in batch:
            if time.time() > deadline:
                break
            if not n._kz_claim():
                continue
            try:
                phone = sms_gateway.normalize_phone(n.partner_id.mobile or n.partner_id.phone)
            except sms_gateway.SmsError as exc:
                n.write({'state': 'skipped' if exc.code == 'no_phone' else 'failed',
                         'reason': 'no_address' if exc.code == 'no_phone' else 'bad_phone'})
                continue
            body = n._message()
            if not body:
                n.write({'state': 'failed', 'reason': 'no_text'})
                continue
            try:
                parts = sms_gateway.check_text(body)
            except sms_gateway.SmsError:
                n.write({'state': 'failed', 'reason': 'too_long', 'sms_parts': sms_gateway.sms_parts(body)[2]})
                continue
            answer = sms_gateway.send(url, login, password, phone, body)
            attempts = n.attempts + 1
            vals = {'attempts': attempts, 'sms_parts': parts, 'reason': answer.reason, 'error': answer.detail or False}
            if answer.kind == 'sent':
                vals.update(state='sent', sent_at=fields.Datetime.now(), body=body, gateway_ref=answer.ref,
                            sms_parts=answer.parts or parts, reason=False)
            elif answer.kind == 'failed' or attempts >= sms_gateway.MAX_ATTEMPTS:
                vals.update(state='failed')
            n.write(vals)
            if answer.kind != 'sent':
                # the provider's description and the kind of network error, never the request (the password)
                _logger.info('SMS notification %s not sent (%s, try %s): %s', n.id, answer.reason, attempts,
                             answer.detail)
            if commit:
                self.env.cr.commit()
            if answer.kind == 'retry':      # the gateway is the problem: the rest of the batch waits for the next run
                break

    def _kz_claim(self):
        """Lock this queued message for sending (False when it is no longer queued: another run sent it)."""
        self.ensure_one()
        self.env.cr.execute("UPDATE kz_edu_notification SET write_date = now() at time zone 'UTC' "
                            "WHERE id = %s AND state = 'queued' RETURNING id", (self.id,))
        return bool(self.env.cr.fetchone())
