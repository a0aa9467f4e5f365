# -*- coding: utf-8 -*-
"""Registered obligations (contracts with suppliers) checked against the financing plan (ACC-17)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import gov_budget
from ..gov_budget import ZERO, money
from .kz_gov_finplan import MONTH_SELECTION


class KzGovObligation(models.Model):
    _name = 'kz.gov.obligation'
    _description = 'Registered obligation (contract with a supplier)'
    _inherit = ['mail.thread', 'kz.gov.plan.override.mixin']
    _order = 'date desc, id desc'

    LOCKED_WHEN_REGISTERED = ('company_id', 'funding_id', 'ebk_id', 'amount', 'date', 'partner_id')

    name = fields.Char(string='Number', required=True, readonly=True, states={'draft': [('readonly', False)]})
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, readonly=True,
                       states={'draft': [('readonly', False)]})
    partner_id = fields.Many2one('res.partner', string='Supplier', required=True, index=True, readonly=True,
                                 states={'draft': [('readonly', False)]})
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True, readonly=True,
                                 states={'draft': [('readonly', False)]},
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', required=True, index=True,
                                 ondelete='restrict', readonly=True, states={'draft': [('readonly', False)]})
    ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', required=True, index=True, ondelete='restrict',
                             domain=[('level', '=', 'specific')], readonly=True,
                             states={'draft': [('readonly', False)]})
    amount = fields.Monetary(required=True, readonly=True, states={'draft': [('readonly', False)]},
                             track_visibility='onchange')
    subject = fields.Char(string='Subject of the contract', readonly=True, states={'draft': [('readonly', False)]})
    year = fields.Integer(compute='_compute_period', store=True, index=True)
    month = fields.Selection(MONTH_SELECTION, compute='_compute_period', store=True)
    state = fields.Selection([('draft', 'Draft'), ('registered', 'Registered'), ('cancelled', 'Cancelled')],
                             required=True, default='draft', readonly=True, copy=False,
                             track_visibility='onchange')
    registered_by_id = fields.Many2one('res.users', string='Registered by', readonly=True, copy=False)
    registered_date = fields.Datetime(string='Registered on', readonly=True, copy=False)
    invoice_ids = fields.One2many('account.invoice', 'kz_obligation_id', string='Vendor bills', readonly=True)
    invoiced_amount = fields.Monetary(compute='_compute_invoiced_amount', string='Billed')

    @api.depends('date')
    def _compute_period(self):
        for obligation in self:
            date = fields.Date.from_string(obligation.date) if obligation.date else None
            obligation.year = date.year if date else 0
            obligation.month = date.month if date else False

    @api.depends('invoice_ids.state', 'invoice_ids.amount_total_company_signed')
    def _compute_invoiced_amount(self):
        for obligation in self:
            bills = obligation.invoice_ids.filtered(lambda i: i.type == 'in_invoice' and i.state in ('open', 'paid'))
            obligation.invoiced_amount = float(sum((money(b.amount_total_company_signed) for b in bills), ZERO))

    @api.constrains('amount', 'ebk_id')
    def _check_obligation(self):
        for obligation in self.sudo():
            if obligation.amount <= 0:
                raise ValidationError(_('The amount of an obligation must be positive.'))
            if obligation.ebk_id.level != 'specific':
                raise ValidationError(_('An obligation is registered on an ЕБК specific; %s is not a specific.')
                                      % obligation.ebk_id.display_name)

    @api.multi
    def write(self, vals):
        if set(vals) & set(self.LOCKED_WHEN_REGISTERED) and any(o.state == 'registered' for o in self):
            raise UserError(_('A registered obligation cannot be changed: cancel it and register a new one.'))
        return super(KzGovObligation, self).write(vals)

    @api.multi
    def unlink(self):
        if any(o.state != 'draft' for o in self):
            raise UserError(_('Only a draft obligation can be deleted.'))
        return super(KzGovObligation, self).unlink()

    @api.multi
    def action_register(self):
        for obligation in self:
            if obligation.state != 'draft':
                raise UserError(_('Only a draft obligation can be registered.'))
            problems = self.env['kz.gov.finplan']._kz_check_obligations(
                obligation.company_id, obligation.funding_id, fields.Date.from_string(obligation.date),
                {obligation.ebk_id: money(obligation.amount)})
            obligation._kz_refuse_or_record(problems)
            obligation.write({'state': 'registered', 'registered_by_id': self.env.uid,
                              'registered_date': fields.Datetime.now()})
        return True

    @api.multi
    def action_cancel(self):
        for obligation in self:
            if obligation.invoice_ids.filtered(lambda i: i.state in ('open', 'paid')):
                raise UserError(_('The obligation %s has validated vendor bills; cancel them first.')
                                % obligation.name)
        return self.write({'state': 'cancelled'})

    @api.multi
    def action_draft(self):
        if any(o.state != 'cancelled' for o in self):
            raise UserError(_('Only a cancelled obligation can be set back to draft.'))
        return self.write({'state': 'draft'})

    def _kz_check_bill(self, invoice):
        """Messages if a vendor bill under this contract cannot be validated: the contract is not registered, or
        its bills would exceed its amount."""
        self.ensure_one()
        if self.state != 'registered':
            return [_('The obligation %s is not registered: register it before validating its bills.')
                    % self.name]
        billed = sum((money(b.amount_total_company_signed) for b in self.invoice_ids
                      if b != invoice and b.type == 'in_invoice' and b.state in ('open', 'paid')), ZERO)
        amount = invoice._kz_company_amount(invoice.amount_total)
        if billed + amount > money(self.amount):
            fmt = lambda value: gov_budget.format_amount(value, self.env.lang)
            return [_('The bills of obligation %(name)s would exceed its amount: obligation %(amount)s, billed '
                      '%(billed)s, this bill %(bill)s, excess %(excess)s.') % {
                'name': self.name, 'amount': fmt(self.amount), 'billed': fmt(billed), 'bill': fmt(amount),
                'excess': fmt(billed + amount - money(self.amount))}]
        return []
