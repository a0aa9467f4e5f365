# -*- coding: utf-8 -*-
"""Vendor bills of a state institution (ACC-17): the ЕБК specific and the funding source on the bill (defaults)
and on each line, carried onto the journal items; the link to a registered obligation (contract); and the
financing-plan check when a vendor bill is validated (see kz_gov_finplan.py and ../gov_budget.py).

Also the override mixin shared with kz.gov.obligation (defined here because this file is loaded first): only a
chief bookkeeper may let a document exceed the obligations plan, with a reason; who and when are recorded on the
document and in its chatter.
"""
from email.utils import formataddr

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from .. import gov_budget

CHIEF_GROUP = 'kz_edu_base.group_chief_bookkeeper'


def kz_post_note(record, body):
    """An internal note in the record's chatter, authored by the current user, who may only read the record (the
    director approving a plan) and may have no e-mail address (Odoo would then refuse to post)."""
    user = record.env.user
    record.sudo().message_post(body=body, author_id=user.partner_id.id,
                               email_from=formataddr((user.name, user.email)) if user.email else False)


class KzGovPlanOverrideMixin(models.AbstractModel):
    _name = 'kz.gov.plan.override.mixin'
    _description = 'Override of the financing plan by the chief bookkeeper'

    kz_plan_override = fields.Boolean(
        string='Exceed the financing plan', copy=False,
        help='Set by the chief bookkeeper, with a reason: the document is accepted even if it exceeds the '
             'obligations plan of its specific (the figures are recorded in the chatter).')
    kz_override_reason = fields.Text(string='Reason for exceeding the plan', copy=False)
    kz_override_user_id = fields.Many2one('res.users', string='Plan exceeded by', readonly=True, copy=False)
    kz_override_date = fields.Datetime(string='Plan exceeded on', readonly=True, copy=False)

    @api.constrains('kz_plan_override', 'kz_override_reason')
    def _check_kz_override_reason(self):
        # as superuser: a record the user may not create is refused by the record rules with their own message
        for record in self.sudo():
            if record.kz_plan_override and not (record.kz_override_reason or '').strip():
                raise ValidationError(_('Give the reason for exceeding the financing plan.'))

    @api.model
    def _kz_can_override(self):
        return self.env.user._is_superuser() or self.env.user.has_group(CHIEF_GROUP)

    def _kz_override_vals(self, vals):
        """Check who sets the override and stamp who and when; returns the vals to write."""
        vals = dict(vals)
        vals.pop('kz_override_user_id', None)
        vals.pop('kz_override_date', None)
        touched = vals.get('kz_plan_override') or vals.get('kz_override_reason') or (
            'kz_plan_override' in vals and any(self.mapped('kz_plan_override')))
        if not touched:
            return vals
        if not self._kz_can_override():
            raise AccessError(_('Only the chief bookkeeper may allow a document to exceed the financing plan.'))
        if vals.get('kz_plan_override'):
            vals.update(kz_override_user_id=self.env.uid, kz_override_date=fields.Datetime.now())
        elif 'kz_plan_override' in vals:
            vals.update(kz_override_user_id=False, kz_override_date=False, kz_override_reason=False)
        return vals

    def _kz_post_override_set(self):
        for record in self.filtered('kz_plan_override'):
            kz_post_note(record, _('The chief bookkeeper %s allowed this document to exceed the financing plan. '
                                   'Reason: %s') % (html_escape(self.env.user.name),
                                                    html_escape(record.kz_override_reason)))

    @api.model
    def create(self, vals):
        vals = self._kz_override_vals(vals)
        record = super(KzGovPlanOverrideMixin, self).create(vals)
        if vals.get('kz_plan_override'):
            record._kz_post_override_set()
        return record

    @api.multi
    def write(self, vals):
        vals = self._kz_override_vals(vals)
        res = super(KzGovPlanOverrideMixin, self).write(vals)
        if vals.get('kz_plan_override'):
            self._kz_post_override_set()
        return res

    def _kz_refuse_or_record(self, problems):
        """problems: messages of a plan check. Without an override: UserError; with one: recorded in the chatter."""
        self.ensure_one()
        if not problems:
            return
        if not self.kz_plan_override:
            raise UserError('\n'.join(problems))
        kz_post_note(self, _('Financing plan exceeded, accepted by %s (override). Reason: %s') % (
            html_escape(self.kz_override_user_id.name or self.env.user.name), html_escape(self.kz_override_reason))
            + ''.join('<br/>%s' % html_escape(p) for p in problems))


class AccountInvoice(models.Model):
    _name = 'account.invoice'
    _inherit = ['account.invoice', 'kz.gov.plan.override.mixin']

    kz_funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', ondelete='restrict',
                                    readonly=True, states={'draft': [('readonly', False)]},
                                    help='Default funding source of the lines; also set on the payable item.')
    kz_ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', ondelete='restrict',
                                domain=[('level', '=', 'specific')], readonly=True,
                                states={'draft': [('readonly', False)]},
                                help='Default economic specific of the lines; also set on the payable item.')
    kz_obligation_id = fields.Many2one(
        'kz.gov.obligation', string='Registered obligation', ondelete='restrict', index=True, copy=False,
        readonly=True, states={'draft': [('readonly', False)]},
        domain="[('state', '=', 'registered'), ('company_id', '=', company_id)]",
        help='The registered contract this bill is paid under. A bill without one counts as a registered '
             'obligation itself and is checked against the obligations plan when validated.')

    @api.onchange('kz_obligation_id')
    def _onchange_kz_obligation_id(self):
        obligation = self.kz_obligation_id
        if obligation:
            self.kz_ebk_id = obligation.ebk_id
            self.kz_funding_id = obligation.funding_id
            if not self.partner_id:
                self.partner_id = obligation.partner_id

    @api.constrains('kz_obligation_id', 'company_id', 'partner_id')
    def _check_kz_obligation(self):
        for inv in self.filtered('kz_obligation_id'):
            if inv.kz_obligation_id.company_id != inv.company_id:
                raise ValidationError(_('The obligation %s belongs to another organisation.')
                                      % inv.kz_obligation_id.name)

    @api.multi
    def action_invoice_open(self):
        # one bill at a time: each check must see the bills validated before it in the same batch
        to_check = self.filtered(lambda inv: inv.type == 'in_invoice' and inv.state == 'draft')
        for inv in to_check:
            inv._kz_check_financing_plan()
            super(AccountInvoice, inv).action_invoice_open()
        return super(AccountInvoice, self - to_check).action_invoice_open()

    # ------------------------------------------------------------------------------------- financing plan

    def _kz_company_amount(self, amount):
        """An amount of the bill's currency in the company's currency, as Decimal."""
        if self.currency_id != self.company_id.currency_id:
            amount = self.currency_id.with_context(date=self._get_currency_rate_date()).compute(
                amount, self.company_id.currency_id)
        return gov_budget.money(amount)

    def _kz_amounts_by_funding_ebk(self):
        """{(funding, ebk): Decimal} of the lines (taxes included) that carry both dimensions."""
        amounts = {}
        for line in self.invoice_line_ids:
            ebk = line.kz_ebk_id or self.kz_ebk_id
            funding = line.kz_funding_id or self.kz_funding_id
            if ebk and funding:
                key = (funding, ebk)
                amounts[key] = amounts.get(key, gov_budget.ZERO) + self._kz_company_amount(line.price_total)
        return amounts

    def _kz_check_financing_plan(self):
        """Refuse (or record the override of) a vendor bill that exceeds its contract or the obligations plan."""
        self.ensure_one()
        obligation = self.kz_obligation_id
        if obligation:
            problems = obligation._kz_check_bill(self)
        else:
            date = fields.Date.from_string(self.date_invoice or fields.Date.context_today(self))
            by_funding = {}
            for (funding, ebk), amount in self._kz_amounts_by_funding_ebk().items():
                by_funding.setdefault(funding, {})[ebk] = amount
            problems = []
            for funding, amounts in by_funding.items():
                problems += self.env['kz.gov.finplan']._kz_check_obligations(self.company_id, funding, date,
                                                                              amounts)
        self._kz_refuse_or_record(problems)

    # ------------------------------------------------------------------------------- journal items

    @api.model
    def invoice_line_move_line_get(self):
        res = super(AccountInvoice, self).invoice_line_move_line_get()
        lines = self.env['account.invoice.line'].browse([vals['invl_id'] for vals in res if vals.get('invl_id')])
        by_id = {line.id: line for line in lines}
        for vals in res:
            line = by_id.get(vals.get('invl_id'))
            if line:
                vals['kz_ebk_id'] = (line.kz_ebk_id or line.invoice_id.kz_ebk_id).id
                vals['kz_funding_id'] = (line.kz_funding_id or line.invoice_id.kz_funding_id).id
        return res

    @api.model
    def line_get_convert(self, line, part):
        res = super(AccountInvoice, self).line_get_convert(line, part)
        if 'kz_ebk_id' in line or 'kz_funding_id' in line:
            res['kz_ebk_id'] = line.get('kz_ebk_id') or False
            res['kz_funding_id'] = line.get('kz_funding_id') or False
        elif line.get('invoice_id'):
            # the payable/receivable item and the tax items carry the bill's header values
            invoice = self.browse(line['invoice_id'])
            res['kz_ebk_id'] = invoice.kz_ebk_id.id
            res['kz_funding_id'] = invoice.kz_funding_id.id
        return res

    def inv_line_characteristic_hashcode(self, invoice_line):
        """Lines of different specifics or funding sources are never merged by the journal's grouping."""
        return '%s-%s-%s' % (super(AccountInvoice, self).inv_line_characteristic_hashcode(invoice_line),
                             invoice_line.get('kz_ebk_id', 'False'), invoice_line.get('kz_funding_id', 'False'))


class AccountInvoiceLine(models.Model):
    _inherit = 'account.invoice.line'

    kz_ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', ondelete='restrict', index=True,
                                domain=[('level', '=', 'specific')])
    kz_funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', ondelete='restrict',
                                    index=True)

    @api.model
    def create(self, vals):
        # the bill's header gives the default specific and funding source (also when created in code)
        if vals.get('invoice_id') and not (vals.get('kz_ebk_id') and vals.get('kz_funding_id')):
            invoice = self.env['account.invoice'].browse(vals['invoice_id'])
            vals = dict(vals)
            if not vals.get('kz_ebk_id') and invoice.kz_ebk_id:
                vals['kz_ebk_id'] = invoice.kz_ebk_id.id
            if not vals.get('kz_funding_id') and invoice.kz_funding_id:
                vals['kz_funding_id'] = invoice.kz_funding_id.id
        return super(AccountInvoiceLine, self).create(vals)
