# -*- coding: utf-8 -*-
"""Prepaid balance of a child: top-ups by parents (recorded as payments) minus what meals cost the child."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class KzCanteenTopup(models.Model):
    _name = 'kz.canteen.topup'
    _description = 'Canteen balance top-up'
    _inherit = ['mail.thread']
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

    @api.constrains('amount')
    def _check_amount(self):
        for t in self:
            if t.amount <= 0:
                raise ValidationError(_('A top-up must be a positive amount.'))

    @api.constrains('student_id', 'company_id')
    def _check_school(self):
        for t in self:
            if t.student_id.company_id != t.company_id:
                raise ValidationError(_('The student does not study at this school.'))

    @api.multi
    def action_post(self):
        for t in self:
            if t.state != 'draft':
                raise UserError(_('Only a draft top-up can be recorded.'))
            if t.name == '/':
                t.name = self.env['ir.sequence'].with_context(force_company=t.company_id.id).next_by_code(
                    'kz.canteen.topup') or '/'
        self.write({'state': 'posted'})
        return True

    @api.multi
    def action_cancel(self):
        for t in self:
            student = t.student_id
            if t.state == 'posted' and student.kz_canteen_balance - t.amount < 0:
                raise UserError(_('Cancelling this top-up would make the balance of %s negative: the money was '
                                  'already spent on meals.') % student.name)
        self.write({'state': 'cancelled'})
        return True
