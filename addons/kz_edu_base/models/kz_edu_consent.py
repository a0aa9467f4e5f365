from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.kz_edu_base.consent_rules import may_notify

CONSENT_PURPOSES = [
    ('card_entry', 'Entry and exit by ID card'),
    ('meals', 'Meals and card payment in the canteen'),
    ('notifications', 'Notifications to parents'),
    ('photo', 'Photo processing'),
]


class KzEduConsent(models.Model):
    """Consent to personal-data processing for one person and one purpose (SEC-01, HSC-01).

    Law of the RK «О персональных данных и их защите» of 21.05.2013 No. 94-V, art. 7-8: processing needs the
    subject's (for a minor: the legal representative's) consent, which can be withdrawn. Other addons call
    `kz.edu.consent.has_consent()` before they act (card entry, canteen, notifications).
    A consent is never deleted: withdrawal closes it and keeps the history.
    """
    _name = 'kz.edu.consent'
    _description = 'Personal data consent'
    _inherit = ['mail.thread']
    _order = 'date_given desc, id desc'

    partner_id = fields.Many2one('res.partner', string='Person', required=True, index=True, ondelete='restrict',
                                 track_visibility='onchange')
    purpose = fields.Selection(CONSENT_PURPOSES, required=True, index=True, track_visibility='onchange')
    given_by_id = fields.Many2one('res.partner', string='Given by', required=True, ondelete='restrict',
                                  help='The person or, for a minor, the parent or legal representative who signed.')
    date_given = fields.Date(string='Given on', required=True, default=fields.Date.context_today)
    date_withdrawn = fields.Date(string='Withdrawn on', readonly=True, track_visibility='onchange', copy=False)
    withdrawn_by_id = fields.Many2one('res.partner', string='Withdrawn by', readonly=True, copy=False)
    document = fields.Binary(string='Signed document', attachment=True)
    document_name = fields.Char()
    note = fields.Text()
    state = fields.Selection([('active', 'Active'), ('withdrawn', 'Withdrawn')], compute='_compute_state',
                             store=True)
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)

    @api.depends('date_withdrawn')
    def _compute_state(self):
        for consent in self:
            consent.state = 'withdrawn' if consent.date_withdrawn else 'active'

    @api.constrains('partner_id', 'purpose', 'date_withdrawn')
    def _check_one_active(self):
        for consent in self.sudo().filtered(lambda c: not c.date_withdrawn):
            # sudo: the rule is per person, whoever records it
            others = self.search_count([('partner_id', '=', consent.partner_id.id),
                                        ('purpose', '=', consent.purpose),
                                        ('date_withdrawn', '=', False),
                                        ('id', '!=', consent.id)])
            if others:
                raise ValidationError(_('%s already has an active consent for this purpose.')
                                      % consent.partner_id.name)

    @api.constrains('date_given', 'date_withdrawn')
    def _check_dates(self):
        for consent in self.sudo():
            if consent.date_withdrawn and consent.date_withdrawn < consent.date_given:
                raise ValidationError(_('A consent cannot be withdrawn before it was given.'))

    @api.multi
    def name_get(self):
        labels = dict(self._fields['purpose']._description_selection(self.env))
        return [(c.id, '%s: %s' % (c.partner_id.name, labels.get(c.purpose))) for c in self]

    @api.multi
    def unlink(self):
        raise UserError(_('A consent is never deleted: withdraw it instead, so its history is kept.'))

    @api.multi
    def action_withdraw(self):
        for consent in self:
            if consent.date_withdrawn:
                raise UserError(_('This consent was already withdrawn on %s.') % consent.date_withdrawn)
        for consent in self:      # the school's day, as the notification queue reads it
            consent.write({'date_withdrawn': fields.Date.to_string(consent.company_id.kz_today()),
                           'withdrawn_by_id': self.env.user.partner_id.id})
        return True

    @api.model
    def has_consent(self, partners, purpose, date=None):
        """Return the subset of `partners` with a consent for `purpose` in force on `date` (default today).
        One query for any number of partners (used by bulk reader-event ingestion)."""
        if not partners:
            return partners
        date = date or fields.Date.context_today(self)
        self.env.cr.execute("""
            SELECT DISTINCT partner_id FROM kz_edu_consent
             WHERE partner_id IN %s AND purpose = %s AND date_given <= %s
               AND (date_withdrawn IS NULL OR date_withdrawn > %s)
        """, (tuple(partners.ids), purpose, date, date))
        return partners.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def kz_notification_decisions(self, requests, purpose, date=None):
        """The one consent rule (consent_rules.may_notify) applied to a batch: for each ``(subject_partner_id,
        channel)`` of ``requests`` — the person a message is about and the channel its recipient chose —
        ``(True, None)`` or ``(False, reason)`` for a message needing ``purpose`` queued on ``date`` (default
        today). One query reads the consents of every person of the batch, whoever asks (like ``has_consent``:
        the rule holds for the cashier's sale and the device's tap alike)."""
        if not requests:
            return []
        date = date or fields.Date.context_today(self)
        self.env.cr.execute("""
            SELECT partner_id, purpose, date_given, date_withdrawn FROM kz_edu_consent
             WHERE partner_id = ANY(%s) AND purpose = %s""",
                            (list({subject for subject, _channel in requests if subject}), purpose))
        consents = defaultdict(list)
        for partner_id, consent_purpose, given, withdrawn in self.env.cr.fetchall():
            consents[partner_id].append({'purpose': consent_purpose, 'date_given': given,
                                         'date_withdrawn': withdrawn})
        return [may_notify(consents.get(subject, ()), purpose, channel, date) for subject, channel in requests]
