from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class KzEduCard(models.Model):
    """A student ID card (HSC-01): an RFID card identified by the UID a reader returns, or a printed barcode card
    for schools without RFID. One active card per student; a card is never deleted (blocked or replaced instead),
    so every entry, exit or meal can be traced to the card that was used."""
    _name = 'kz.edu.card'
    _description = 'Student ID card'
    _inherit = ['mail.thread']
    _order = 'issue_date desc, id desc'
    _rec_name = 'uid'

    uid = fields.Char(string='Card UID', required=True, index=True, copy=False, track_visibility='onchange',
                      help='As the reader sends it (hex for RFID, digits for a barcode card).')
    kind = fields.Selection([('rfid', 'RFID card'), ('barcode', 'Printed barcode card')], required=True,
                            default='rfid')
    student_id = fields.Many2one('kz.edu.student', string='Student', required=True, index=True,
                                 ondelete='restrict')
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    state = fields.Selection([('active', 'Active'), ('blocked', 'Blocked'), ('replaced', 'Replaced')],
                             default='active', required=True, readonly=True, index=True, track_visibility='onchange')
    issue_date = fields.Date(required=True, default=fields.Date.context_today)
    block_date = fields.Date(readonly=True)
    block_reason = fields.Selection([('lost', 'Lost'), ('damaged', 'Damaged'), ('left', 'Student left'),
                                     ('other', 'Other')], readonly=True)
    replaced_by_id = fields.Many2one('kz.edu.card', readonly=True, copy=False)

    _sql_constraints = [('uid_unique', 'unique(uid)', 'This card UID is already registered.')]

    @api.model
    def normalize_uid(self, uid):
        return ''.join((uid or '').split()).upper()

    @api.model
    def create(self, vals):
        vals = dict(vals, uid=self.normalize_uid(vals.get('uid')))
        if vals.get('student_id'):
            vals['company_id'] = self.env['kz.edu.student'].browse(vals['student_id']).company_id.id
        if not vals['uid']:
            raise ValidationError(_('The card UID is empty.'))
        other = self.sudo().search([('uid', '=', vals['uid'])], limit=1)
        if other:
            raise ValidationError(_('The card %s is already registered to another person.') % vals['uid']
                                  if other.student_id.id != vals.get('student_id')
                                  else _('The card %s is already registered to this student.') % vals['uid'])
        return super(KzEduCard, self).create(vals)

    @api.constrains('student_id', 'state')
    def _check_one_active(self):
        for card in self.sudo().filtered(lambda c: c.state == 'active'):
            if self.search_count([('student_id', '=', card.student_id.id), ('state', '=', 'active'),
                                  ('id', '!=', card.id)]):
                raise ValidationError(_('%s already has an active card: block or replace it first.')
                                      % card.student_id.name)
            if card.student_id.state != 'enrolled':
                raise ValidationError(_('%s is not an enrolled student: no card can be active.')
                                      % card.student_id.name)

    @api.multi
    def unlink(self):
        raise UserError(_('A card is never deleted: block it instead.'))

    @api.multi
    def action_block(self, reason='lost'):
        for card in self:
            if card.state != 'active':
                raise UserError(_('Card %s is not active.') % card.uid)
        self.write({'state': 'blocked', 'block_date': fields.Date.context_today(self), 'block_reason': reason})
        return True

    @api.multi
    def action_replace(self, new_uid, kind=None):
        """Block this card and issue a new one to the same student; returns the new card."""
        self.ensure_one()
        if self.state == 'replaced':
            raise UserError(_('Card %s was already replaced.') % self.uid)
        if self.state == 'active':
            self.write({'state': 'blocked', 'block_date': fields.Date.context_today(self),
                        'block_reason': 'lost'})
        new = self.create({'uid': new_uid, 'kind': kind or self.kind, 'student_id': self.student_id.id})
        self.write({'state': 'replaced', 'replaced_by_id': new.id})
        return new

    @api.model
    def find_active(self, uid):
        """Identify a presented card: returns (card, reason) where reason is None for an active card, else
        'unknown' or 'blocked'. Used by the canteen and the access control."""
        card = self.search([('uid', '=', self.normalize_uid(uid))], limit=1)
        if not card:
            return card, 'unknown'
        return card, (None if card.state == 'active' else 'blocked')

    @api.model
    def barcode_uid(self, student):
        """The number printed on a barcode card: school id and student id, EAN-13-free Code 128 digits."""
        return 'KZ%04d%08d' % (student.company_id.id, student.id)
