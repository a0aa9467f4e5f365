# -*- coding: utf-8 -*-
"""Prepaid balance of a child: top-ups by parents (recorded as payments) minus what meals cost the child.

A top-up is created as a draft and recorded (posted) by the cashier or a bookkeeper; a recorded top-up is never
changed or deleted (kz.edu.lock.mixin): a mistake is corrected by cancelling it (a bookkeeper only, while the money
is still on the balance; the chatter keeps who and when) and recording a new one."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kz_edu_base.user_errors import user_errors

from .. import canteen_rules


class KzCanteenTopup(models.Model):
    _name = 'kz.canteen.topup'
    _description = 'Canteen balance top-up'
    _inherit = ['mail.thread', 'kz.edu.lock.mixin']
    _order = 'date desc, id desc'

    name = fields.Char(string='Number', readonly=True, copy=False, default='/')
    company_id = fields.Many2one('res.company', string='School', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    student_id = fields.Many2one('kz.edu.student', string='Student', required=True, index=True,
                                 ondelete='restrict')
    payer_id = fields.Many2one('res.partner', string='Paid by', help='The parent who paid.')
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    amount = fields.Monetary(required=True)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    method = fields.Selection([('cash', 'Cash at the school cash desk'), ('bank', 'Bank transfer'),
                               ('kaspi', 'Kaspi / mobile payment'), ('online', 'Online payment')],
                              required=True, default='cash')
    reference = fields.Char(help='Receipt or payment reference.')
    state = fields.Selection([('draft', 'Draft'), ('posted', 'Recorded'), ('cancelled', 'Cancelled')],
                             default='draft', required=True, readonly=True, index=True, track_visibility='onchange')

    _sql_constraints = [
        ('reference_unique', 'unique(company_id, method, reference)',
         'This payment reference is already recorded: a payment is not counted twice.'),
    ]

    @api.constrains('amount', 'date', 'company_id')
    def _check_amount(self):
        Pos = self.env['kz.canteen.pos']
        for t in self.sudo():     # integrity checks: the record rules are checked after them (create) or before
            with user_errors(self.env, ValidationError):
                canteen_rules.check_topup(t.amount, t.date, Pos._kz_local_date(t.company_id),
                                          params=Pos._kz_params(t.company_id, t.date))

    @api.constrains('student_id', 'company_id')
    def _check_school(self):
        for t in self.sudo():
            if t.student_id.company_id != t.company_id:
                raise ValidationError(_('The student does not study at this school.'))

    def _kz_lock_message(self, record, operation):
        return _('Top-up %s is %s: its amount, child and date can no longer be changed, and it is never deleted. '
                 'A bookkeeper cancels it (while the money is unspent) and a new top-up is recorded.') % (
            record.name, self._kz_state_label(record).lower())

    def _kz_state_message(self):
        return _('A top-up is created as a draft and recorded or cancelled only with its buttons.')

    @api.multi
    def action_post(self):
        self.check_access_rights('write')
        self.check_access_rule('write')
        for t in self:
            if t.state != 'draft':
                raise UserError(_('Only a draft top-up can be recorded.'))
            if t.name == '/':
                t._kz_write_internal({'name': self.env['ir.sequence'].with_context(
                    force_company=t.company_id.id).next_by_code('kz.canteen.topup') or '/'})
        self._kz_write_internal({'state': 'posted'})
        return True

    @api.multi
    def action_cancel(self):
        self.check_access_rights('write')
        self.check_access_rule('write')
        posted = self.filtered(lambda t: t.state == 'posted')
        if posted and not self.env.user.has_group('kz_edu_base.group_bookkeeper'):
            raise AccessError(_('A recorded top-up is cancelled by a bookkeeper only; the cashier cancels drafts.'))
        for t in self:
            if t.state == 'cancelled':
                raise UserError(_('Top-up %s is already cancelled.') % t.name)
            student = t.student_id
            if t.state == 'posted' and student.kz_canteen_balance - t.amount < 0:
                raise UserError(_('Cancelling this top-up would make the balance of %s negative: the money was '
                                  'already spent on meals.') % student.name)
        self._kz_write_internal({'state': 'cancelled'})
        return True
