# -*- coding: utf-8 -*-
"""Financing plans, their amendments, registered obligations and budget execution (ACC-17).

* kz.gov.finplan: the individual plan of financing by obligations and by payments of a year and a funding
  source, per ЕБК specific and month (kz.gov.finplan.line). Once approved its lines are read-only: it changes only
  through amendments (kz.gov.finplan.amendment, справки о внесении изменений), signed monthly deltas kept as
  history with who applied them and when. The plan in force ("effective") is base + applied amendments.
* kz.gov.obligation (kz_gov_obligation.py): a registered obligation (contract with a supplier). Registering it, or validating a vendor
  bill not linked to one (account_invoice.py), is refused when the registered obligations of its specific would
  exceed the cumulative obligations plan (gov_budget.check_obligation); a chief bookkeeper may override, recorded.
* kz.gov.budget.execution (wizards/, report/kz_gov_budget_execution.py): plan vs registered obligations vs payments vs accrued expenses per specific for a
  period, as a list, XLSX and PDF.

The rules and sums are in ../gov_budget.py; the figures come from grouped SQL queries (one per kind of figure).
"""
import datetime
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from odoo.addons.kz_edu_base import kz_format

from .. import gov_budget, gov_entries
from ..gov_budget import ZERO, money
from .account_invoice import kz_post_note

MONTH_FIELDS = ['m%02d' % m for m in gov_budget.MONTHS]
EFFECTIVE_FIELDS = ['e%02d' % m for m in gov_budget.MONTHS]
KIND_SELECTION = [('obligations', 'Obligations'), ('payments', 'Payments')]
MONTH_SELECTION = [(1, 'January'), (2, 'February'), (3, 'March'), (4, 'April'), (5, 'May'), (6, 'June'),
                   (7, 'July'), (8, 'August'), (9, 'September'), (10, 'October'), (11, 'November'),
                   (12, 'December')]
EXECUTION_AMOUNTS = ('plan_obligations', 'plan_payments', 'registered', 'payments', 'expenses',
                     'remaining_obligations', 'remaining_payments')
APPROVER_GROUPS = ('kz_edu_base.group_chief_bookkeeper', 'kz_edu_base.group_director')


def month_name(month):
    """The month's name in the user's language (each literal is a translatable term)."""
    return [_('January'), _('February'), _('March'), _('April'), _('May'), _('June'), _('July'), _('August'),
            _('September'), _('October'), _('November'), _('December')][month - 1]


def kind_label(kind):
    return _('obligations') if kind == 'obligations' else _('payments')


#: the organisations and funding sources a grouped query reads, as rows to join to: one row (company, NULL) for all
#: the funding sources of a company, else one row per source (parameters of scope_params)
SCOPE_SQL = """scope AS (SELECT * FROM unnest(%(scope_companies)s::int[], %(scope_fundings)s::int[])
                                 AS s(company_id, funding_id))"""


def scope_params(scope):
    """The parameters of SCOPE_SQL for `scope` [(company id, funding source id or None = all of them)], plus
    'companies' (their ids, for an indexed IN); None for an empty scope. Each pair is taken once, and a company
    with None with that pair only, so that no amount is counted twice."""
    scope = set(scope)
    every = {company for company, funding in scope if funding is None}
    scope = sorted((c, f) for c, f in scope if f is None or c not in every)
    if not scope:
        return None
    return {'companies': tuple({c for c, _f in scope}), 'scope_companies': [c for c, _f in scope],
            'scope_fundings': [f for _c, f in scope]}


def _default_kzt(env):
    return env.ref('base.KZT', raise_if_not_found=False) or env.user.company_id.currency_id


class KzGovFinplan(models.Model):
    _name = 'kz.gov.finplan'
    _description = 'Individual financing plan'
    _inherit = ['mail.thread']
    _order = 'year desc, company_id, funding_id'

    name = fields.Char(readonly=True, states={'draft': [('readonly', False)]},
                       help='Filled from the year and the funding source when left empty.')
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 readonly=True, states={'draft': [('readonly', False)]},
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one('res.currency', required=True, readonly=True,
                                  default=lambda self: _default_kzt(self.env))
    year = fields.Integer(required=True, index=True, readonly=True, states={'draft': [('readonly', False)]},
                          default=lambda self: fields.Date.from_string(fields.Date.context_today(self)).year)
    funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', required=True, index=True,
                                 ondelete='restrict', readonly=True, states={'draft': [('readonly', False)]})
    state = fields.Selection([('draft', 'Draft'), ('approved', 'Approved'), ('cancelled', 'Cancelled')],
                             required=True, default='draft', readonly=True, copy=False,
                             track_visibility='onchange')
    approved_by_id = fields.Many2one('res.users', string='Approved by', readonly=True, copy=False)
    approved_date = fields.Datetime(string='Approved on', readonly=True, copy=False)
    line_ids = fields.One2many('kz.gov.finplan.line', 'plan_id', string='Plan lines', copy=True,
                               readonly=True, states={'draft': [('readonly', False)]})
    effective_line_ids = fields.One2many('kz.gov.finplan.line', 'plan_id', string='Plan in force', readonly=True,
                                         help='Base figures plus the applied amendments.')
    amendment_ids = fields.One2many('kz.gov.finplan.amendment', 'plan_id', string='Amendments', readonly=True)
    total_obligations = fields.Monetary(compute='_compute_totals', string='Obligations, year (in force)')
    total_payments = fields.Monetary(compute='_compute_totals', string='Payments, year (in force)')
    note = fields.Text()

    @api.depends('line_ids.effective_total', 'line_ids.kind')
    def _compute_totals(self):
        for plan in self:
            for kind in ('obligations', 'payments'):
                plan['total_' + kind] = float(sum(
                    (money(line.effective_total) for line in plan.line_ids if line.kind == kind), ZERO))

    def _check_unique_active(self, vals):
        """One plan in force per organisation, year and funding source: checked before the INSERT/UPDATE (the
        partial unique index of init() would otherwise answer first, with a database error)."""
        keys = ('company_id', 'year', 'funding_id')
        if vals.get('state') == 'cancelled' or not (set(keys) & set(vals)):
            return
        for plan in self or [self.browse()]:
            if plan and plan.state == 'cancelled':
                continue
            company_id = vals.get('company_id', plan.company_id.id)
            year = vals.get('year', plan.year)
            funding_id = vals.get('funding_id', plan.funding_id.id)
            twin = self.sudo().search([('id', 'not in', plan.ids), ('company_id', '=', company_id),
                                       ('year', '=', year), ('funding_id', '=', funding_id),
                                       ('state', '!=', 'cancelled')], limit=1)
            if twin:
                raise ValidationError(_('%s already has a financing plan for %s (%s): %s. Cancel it first or '
                                        'change it with an amendment.') % (
                    twin.company_id.name, year, twin.funding_id.name, twin.name))

    @api.constrains('year')
    def _check_year(self):
        if any(not 2000 <= plan.year <= 2100 for plan in self.sudo()):
            raise ValidationError(_('The year of a financing plan must be between 2000 and 2100.'))

    @api.model_cr
    def init(self):
        # the same rule for concurrent transactions: one plan in force per organisation, year and funding source
        self.env.cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS kz_gov_finplan_active_uniq
                               ON kz_gov_finplan (company_id, year, funding_id) WHERE state != 'cancelled'""")

    @api.model
    def create(self, vals):
        missing = [f for f in ('company_id', 'year') if f not in vals]
        if missing:
            vals = dict(self.default_get(missing), **vals)
        if not vals.get('name') and vals.get('year') and vals.get('funding_id'):
            funding = self.env['kz.gov.funding.source'].browse(vals['funding_id'])
            vals = dict(vals, name=_('Financing plan %s — %s') % (vals['year'], funding.name))
        self._check_unique_active(vals)
        return super(KzGovFinplan, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_unique_active(vals)
        return super(KzGovFinplan, self).write(vals)

    @api.multi
    def unlink(self):
        if any(plan.state != 'draft' for plan in self):
            raise UserError(_('Only a draft financing plan can be deleted; cancel an approved one.'))
        return super(KzGovFinplan, self).unlink()

    # ------------------------------------------------------------------------------------------------ actions

    def _check_approver(self):
        if not (self.env.user._is_superuser() or any(self.env.user.has_group(g) for g in APPROVER_GROUPS)):
            raise AccessError(_('A financing plan is approved or cancelled by the director or the chief '
                                'bookkeeper.'))

    @api.multi
    def action_approve(self):
        self._check_approver()
        for plan in self:
            if plan.state != 'draft':
                raise UserError(_('Only a draft financing plan can be approved.'))
            if not plan.line_ids:
                raise UserError(_('The financing plan %s has no lines.') % plan.name)
        # the director reads the accounts but writes nothing else: the approval itself is written as superuser,
        # after the group check above, and records the real user
        self.sudo().write({'state': 'approved', 'approved_by_id': self.env.uid,
                           'approved_date': fields.Datetime.now()})
        for plan in self:
            kz_post_note(plan, _('Financing plan approved by %s.') % html_escape(self.env.user.name))
        return True

    @api.multi
    def action_cancel(self):
        self._check_approver()
        self.sudo().write({'state': 'cancelled'})
        for plan in self:
            kz_post_note(plan, _('Financing plan cancelled by %s.') % html_escape(self.env.user.name))
        return True

    # ------------------------------------------------------------------------------------------ the plan

    def _kz_plan_rows(self, extra=None):
        """{plan id: (base rows, amendment rows)} of these plans in the form gov_budget.effective_plan takes: the
        base lines (ebk code, kind, [12 monthly amounts]) and the applied amendments (plus the draft amendment
        `extra`) summed per specific, kind and month (ebk code, kind, month, delta). Two grouped queries for any
        number of plans (the plans of a district's 150 schools at once); amounts as text (Odoo's cursor turns
        numeric into float). The ORM read of the lines and their specifics cost about 25 ms a plan."""
        out = {plan_id: ([], []) for plan_id in self.ids}
        if not self.ids:
            return out
        # the month columns are the fixed names of MONTH_FIELDS, not input
        self.env.cr.execute("""
            SELECT l.plan_id, e.code, l.kind, ARRAY[%s]::text[]
              FROM kz_gov_finplan_line l
              JOIN kz_gov_ebk e ON e.id = l.ebk_id
             WHERE l.plan_id IN %%s
             ORDER BY l.plan_id, l.kind, l.ebk_code, l.id""" % ', '.join('l.%s' % f for f in MONTH_FIELDS),
                            (tuple(self.ids),))
        for plan_id, code, kind, amounts in self.env.cr.fetchall():
            out[plan_id][0].append((code, kind, amounts))
        extra_ids = tuple(extra.ids) if extra else (0,)
        # ORM equivalent: a read of every amendment line of the plans (one query per 1 000 lines plus the ЕБК)
        self.env.cr.execute("""
            SELECT a.plan_id, e.code, l.kind, l.month, SUM(l.amount)::text
              FROM kz_gov_finplan_amendment_line l
              JOIN kz_gov_finplan_amendment a ON a.id = l.amendment_id
              JOIN kz_gov_ebk e ON e.id = l.ebk_id
             WHERE a.plan_id IN %s AND (a.state = 'applied' OR a.id IN %s)
             GROUP BY a.plan_id, e.code, l.kind, l.month
             ORDER BY a.plan_id, e.code, l.kind, l.month""", (tuple(self.ids), extra_ids))
        for plan_id, code, kind, month, delta in self.env.cr.fetchall():
            out[plan_id][1].append((code, kind, month, delta))
        return out

    def kz_effective_plan(self, extra_amendment=None):
        """gov_budget.effective_plan of these plans (summed): {(ebk code, kind, month): Decimal}; with
        `extra_amendment` the effect of a draft amendment is included (raises gov_budget.NegativePlanError)."""
        rows = self._kz_plan_rows(extra=extra_amendment)
        return gov_budget.effective_plan([r for plan_id in self.ids for r in rows[plan_id][0]],
                                         [r for plan_id in self.ids for r in rows[plan_id][1]])

    @api.model
    def _kz_approved_plan(self, company, year, funding):
        return self.sudo().search([('company_id', '=', company.id), ('year', '=', year),
                                   ('funding_id', '=', funding.id), ('state', '=', 'approved')], limit=1)

    @api.model
    def _kz_registered_amounts(self, company, funding, date_from, date_to, ebks=None):
        """Registered obligations {(ebk code, month): Decimal} of a company (and funding source, None = all)
        dated in [date_from, date_to]: _kz_registered_by_company for one organisation."""
        amounts = self._kz_registered_by_company([(company.id, funding.id if funding else None)], date_from,
                                                 date_to, ebks)
        return {(code, month): amount for (_company, code, month), amount in amounts.items()}

    @api.model
    def _kz_registered_by_company(self, scope, date_from, date_to, ebks=None):
        """Registered obligations {(company id, ebk code, month): Decimal} dated in [date_from, date_to] of the
        organisations and funding sources of `scope`, [(company id, funding source id or None = all of them)]:
        registered contracts plus validated vendor bills (open or paid) not linked to a contract, taxes included, in
        the company's currency. One grouped query for any number of organisations; the ORM version read every
        contract and every bill line of the year, school by school."""
        params = scope_params(scope)
        if not params:
            return {}
        ebk_ids = tuple(ebks.ids) if ebks else None
        params.update({'date_from': fields.Date.to_string(date_from), 'date_to': fields.Date.to_string(date_to),
                       'ebks': ebk_ids or (0,), 'all_ebks': ebk_ids is None})
        self.env.cr.execute("""
            WITH """ + SCOPE_SQL + """
            SELECT company_id, code, month, SUM(amount)::text FROM (
                SELECT o.company_id, e.code, EXTRACT(MONTH FROM o.date)::int AS month, o.amount
                  FROM kz_gov_obligation o
                  JOIN scope s ON s.company_id = o.company_id
                              AND (s.funding_id IS NULL OR s.funding_id = o.funding_id)
                  JOIN kz_gov_ebk e ON e.id = o.ebk_id
                 WHERE o.state = 'registered' AND o.company_id IN %(companies)s
                   AND o.date BETWEEN %(date_from)s AND %(date_to)s
                   AND (%(all_ebks)s OR o.ebk_id IN %(ebks)s)
                UNION ALL
                SELECT i.company_id, e.code, EXTRACT(MONTH FROM i.date_invoice)::int,
                       -- price_total is in the bill's currency: scaled by the company-currency rate of the line
                       ROUND(l.price_total * CASE WHEN l.price_subtotal = 0 THEN 1
                                                  ELSE l.price_subtotal_signed / l.price_subtotal END, 2)
                  FROM account_invoice_line l
                  JOIN account_invoice i ON i.id = l.invoice_id
                  JOIN scope s ON s.company_id = i.company_id
                              AND (s.funding_id IS NULL OR s.funding_id = COALESCE(l.kz_funding_id, i.kz_funding_id))
                  JOIN kz_gov_ebk e ON e.id = COALESCE(l.kz_ebk_id, i.kz_ebk_id)
                 WHERE i.type = 'in_invoice' AND i.state IN ('open', 'paid') AND i.kz_obligation_id IS NULL
                   AND i.company_id IN %(companies)s
                   AND COALESCE(l.kz_funding_id, i.kz_funding_id) IS NOT NULL
                   AND i.date_invoice BETWEEN %(date_from)s AND %(date_to)s
                   AND (%(all_ebks)s OR e.id IN %(ebks)s)
            ) registered
            GROUP BY company_id, code, month""", params)
        return {(company, code, month): money(amount) for company, code, month, amount in self.env.cr.fetchall()}

    @api.model
    def _kz_check_obligations(self, company, funding, date, amounts):
        """Messages for the amounts {ebk record: Decimal} of a document dated `date` that do not fit the approved
        obligations plan of the company, year and funding source ([] when all fit)."""
        amounts = {ebk: amount for ebk, amount in amounts.items() if amount > 0}
        if not amounts:
            return []
        plan_rec = self._kz_approved_plan(company, date.year, funding)
        if not plan_rec:
            return [_('There is no approved financing plan of %s for %s (%s): obligations cannot be registered.')
                    % (company.name, date.year, funding.name)]
        # two bookkeepers registering at the same moment must not both take the last of the plan: the checks of
        # one plan run one after the other (the lock is held until the registering transaction ends)
        self.env.cr.execute('SELECT id FROM kz_gov_finplan WHERE id = %s FOR UPDATE', (plan_rec.id,))
        plan = plan_rec.kz_effective_plan()
        ebks = self.env['kz.gov.ebk'].browse([ebk.id for ebk in amounts])
        registered = self._kz_registered_amounts(company, funding, datetime.date(date.year, 1, 1),
                                                 datetime.date(date.year, 12, 31), ebks)
        problems = []
        for ebk in ebks.sorted('code'):
            exceeded = gov_budget.check_obligation(plan, registered, ebk.code, date.month, amounts[ebk])
            if exceeded:
                problems.append(self._kz_exceeded_message(ebk, funding, date.year, exceeded))
        return problems

    @api.model
    def _kz_exceeded_message(self, ebk, funding, year, exceeded):
        fmt = lambda value: gov_budget.format_amount(value, self.env.lang)
        return _('The obligations plan of specific %(code)s «%(name)s» (%(funding)s) is exceeded: plan to '
                 '%(month)s %(year)s %(plan)s, registered %(registered)s, this document %(amount)s, '
                 'excess %(excess)s.') % {
            'code': ebk.code, 'name': ebk.name, 'funding': funding.name, 'month': month_name(exceeded.month),
            'year': year, 'plan': fmt(exceeded.plan_to_date), 'registered': fmt(exceeded.registered_to_date),
            'amount': fmt(exceeded.amount), 'excess': fmt(exceeded.excess)}


class AccountMove(models.Model):
    _inherit = 'account.move'

    @api.model
    def _kz_payment_problems(self, company, items):
        """The treasury pays no more of a specific than the approved plan of payments allows up to the month
        (gov_budget.check_payment): for each funding source and year with an approved plan, the payments of the
        items are added to those already posted (credits of the planned assignments 1081/1082/1091/1092 …, by
        specific and month) and compared with the plan. A year without an approved plan of the funding source is
        not checked here (the registration of obligations already requires one)."""
        problems = super(AccountMove, self)._kz_payment_problems(company, items)
        groups = {}
        for item in items:
            day = fields.Date.from_string(item['date']) if isinstance(item['date'], str) else item['date']
            if not item['funding_id'] or not item['ebk_id']:
                continue
            key = (item['funding_id'], day.year)
            amounts = groups.setdefault(key, {})
            amounts[(item['ebk_id'], day.month)] = amounts.get((item['ebk_id'], day.month), ZERO) + item['credit']
        Plan = self.env['kz.gov.finplan']
        for (funding_id, year), amounts in sorted(groups.items()):
            funding = self.env['kz.gov.funding.source'].sudo().browse(funding_id)
            plan_rec = Plan._kz_approved_plan(company, year, funding)
            if not plan_rec:
                continue
            plan = plan_rec.kz_effective_plan()
            paid = self._kz_paid_amounts(company, funding, year)
            ebks = self.env['kz.gov.ebk'].sudo().browse(sorted({e for e, _m in amounts}))
            for ebk in ebks.sorted('code'):
                running = dict(((ebk.code, m), v) for (code, m), v in paid.items() if code == ebk.code)
                for month in range(1, 13):
                    amount = amounts.get((ebk.id, month))
                    if not amount:
                        continue
                    exceeded = gov_budget.check_payment(plan, running, ebk.code, month, amount)
                    if exceeded:
                        problems.append(self._kz_payment_exceeded_message(ebk, funding, year, exceeded))
                        break
                    running[(ebk.code, month)] = running.get((ebk.code, month), ZERO) + amount
        return problems

    @api.model
    def _kz_paid_amounts(self, company, funding, year):
        """{(ebk code, month): Decimal} paid in `year` from the planned assignments by the funding source: the
        credits of the accounts of role plan_… (posted entries), in one grouped query."""
        self.env.cr.execute("""
            SELECT e.code, EXTRACT(MONTH FROM l.date)::int, SUM(l.credit)::text
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
              JOIN account_account a ON a.id = l.account_id
              JOIN kz_gov_ebk e ON e.id = l.kz_ebk_id
             WHERE l.company_id = %s AND m.state = 'posted' AND a.kz_kind LIKE 'plan\\_%%'
               AND l.kz_funding_id = %s AND l.credit > 0 AND l.date BETWEEN %s AND %s
               AND COALESCE(l.kz_std_entry, '') NOT IN %s
             GROUP BY 1, 2""", (company.id, funding.id, '%d-01-01' % year, '%d-12-31' % year,
                                tuple(sorted(gov_entries.plan_closing_entries()))))
        return {(code, month): money(amount) for code, month, amount in self.env.cr.fetchall()}

    @api.model
    def _kz_payment_exceeded_message(self, ebk, funding, year, exceeded):
        fmt = lambda value: gov_budget.format_amount(value, self.env.lang)
        return _('The payments plan of specific %(code)s «%(name)s» (%(funding)s) is exceeded: plan to %(month)s '
                 '%(year)s %(plan)s, paid %(paid)s, this payment %(amount)s, excess %(excess)s. The treasury pays '
                 'no more than the individual financing plan by payments allows: amend the plan first.') % {
            'code': ebk.code, 'name': ebk.name, 'funding': funding.name, 'month': month_name(exceeded.month),
            'year': year, 'plan': fmt(exceeded.plan_to_date), 'paid': fmt(exceeded.registered_to_date),
            'amount': fmt(exceeded.amount), 'excess': fmt(exceeded.excess)}


class KzGovFinplanLine(models.Model):
    _name = 'kz.gov.finplan.line'
    _description = 'Financing plan line (specific × kind, 12 months)'
    _order = 'plan_id, kind, ebk_code, id'

    plan_id = fields.Many2one('kz.gov.finplan', string='Financing plan', required=True, ondelete='cascade',
                              index=True)
    company_id = fields.Many2one(related='plan_id.company_id', store=True, readonly=True)
    currency_id = fields.Many2one(related='plan_id.currency_id', readonly=True)
    ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', required=True, ondelete='restrict',
                             domain=[('level', '=', 'specific')])
    ebk_code = fields.Char(related='ebk_id.code', store=True, readonly=True)
    kind = fields.Selection(KIND_SELECTION, required=True, default='obligations')
    m01 = fields.Monetary(string='Jan')
    m02 = fields.Monetary(string='Feb')
    m03 = fields.Monetary(string='Mar')
    m04 = fields.Monetary(string='Apr')
    m05 = fields.Monetary(string='May')
    m06 = fields.Monetary(string='Jun')
    m07 = fields.Monetary(string='Jul')
    m08 = fields.Monetary(string='Aug')
    m09 = fields.Monetary(string='Sep')
    m10 = fields.Monetary(string='Oct')
    m11 = fields.Monetary(string='Nov')
    m12 = fields.Monetary(string='Dec')
    total = fields.Monetary(compute='_compute_total', store=True, string='Year')
    e01 = fields.Monetary(compute='_compute_effective', string='Jan ')
    e02 = fields.Monetary(compute='_compute_effective', string='Feb ')
    e03 = fields.Monetary(compute='_compute_effective', string='Mar ')
    e04 = fields.Monetary(compute='_compute_effective', string='Apr ')
    e05 = fields.Monetary(compute='_compute_effective', string='May ')
    e06 = fields.Monetary(compute='_compute_effective', string='Jun ')
    e07 = fields.Monetary(compute='_compute_effective', string='Jul ')
    e08 = fields.Monetary(compute='_compute_effective', string='Aug ')
    e09 = fields.Monetary(compute='_compute_effective', string='Sep ')
    e10 = fields.Monetary(compute='_compute_effective', string='Oct ')
    e11 = fields.Monetary(compute='_compute_effective', string='Nov ')
    e12 = fields.Monetary(compute='_compute_effective', string='Dec ')
    effective_total = fields.Monetary(compute='_compute_effective', string='Year (in force)')

    _sql_constraints = [('plan_ebk_kind_uniq', 'unique(plan_id, ebk_id, kind)',
                         'A specific appears once per kind (obligations, payments) in a financing plan.')]

    @api.depends(*MONTH_FIELDS)
    def _compute_total(self):
        for line in self:
            line.total = float(sum((money(line[f]) for f in MONTH_FIELDS), ZERO))

    @api.depends(*(MONTH_FIELDS + ['plan_id.amendment_ids.state']))
    def _compute_effective(self):
        plans = self.mapped('plan_id').filtered(lambda p: isinstance(p.id, int))
        deltas = {}
        for plan_id, (_base, amendments) in plans._kz_plan_rows().items():
            for code, kind, month, delta in amendments:
                deltas[(plan_id, code, kind, month)] = money(delta)
        for line in self:
            total = ZERO
            for month, (base_f, eff_f) in enumerate(zip(MONTH_FIELDS, EFFECTIVE_FIELDS), 1):
                value = money(line[base_f]) + deltas.get((line.plan_id.id, line.ebk_id.code, line.kind, month), ZERO)
                line[eff_f] = float(value)
                total += value
            line.effective_total = float(total)

    @api.constrains('ebk_id', *MONTH_FIELDS)
    def _check_line(self):
        for line in self.sudo():
            if line.ebk_id.level != 'specific':
                raise ValidationError(_('A financing plan is kept by ЕБК specifics; %s is not a specific.')
                                      % line.ebk_id.display_name)
            if any(line[f] < 0 for f in MONTH_FIELDS):
                raise ValidationError(_('A month of the financing plan cannot be negative (%s).')
                                      % line.ebk_id.display_name)

    def _check_plan_draft(self, plans):
        # the context key alone could come from a client: only the amendment's own superuser call passes
        if self.env.context.get('kz_finplan_amendment') and self.env.user._is_superuser():
            return
        if any(plan.state != 'draft' for plan in plans):
            raise UserError(_('The lines of an approved financing plan change only through an amendment '
                              '(справка о внесении изменений).'))

    @api.model
    def create(self, vals):
        self._check_plan_draft(self.env['kz.gov.finplan'].browse(vals.get('plan_id')))
        return super(KzGovFinplanLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_plan_draft(self.mapped('plan_id') | self.env['kz.gov.finplan'].browse(vals.get('plan_id')))
        return super(KzGovFinplanLine, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_plan_draft(self.mapped('plan_id'))
        return super(KzGovFinplanLine, self).unlink()


class KzGovFinplanAmendment(models.Model):
    _name = 'kz.gov.finplan.amendment'
    _description = 'Amendment of a financing plan (справка о внесении изменений)'
    _inherit = ['mail.thread']
    _order = 'date desc, id desc'

    plan_id = fields.Many2one('kz.gov.finplan', string='Financing plan', required=True, ondelete='restrict',
                              index=True, domain=[('state', '=', 'approved')],
                              readonly=True, states={'draft': [('readonly', False)]})
    company_id = fields.Many2one(related='plan_id.company_id', store=True, readonly=True)
    currency_id = fields.Many2one(related='plan_id.currency_id', readonly=True)
    name = fields.Char(string='Number', required=True, readonly=True, states={'draft': [('readonly', False)]})
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True,
                       states={'draft': [('readonly', False)]})
    reason = fields.Text(required=True, readonly=True, states={'draft': [('readonly', False)]})
    state = fields.Selection([('draft', 'Draft'), ('applied', 'Applied'), ('cancelled', 'Cancelled')],
                             required=True, default='draft', readonly=True, copy=False,
                             track_visibility='onchange')
    line_ids = fields.One2many('kz.gov.finplan.amendment.line', 'amendment_id', string='Changes', copy=True,
                               readonly=True, states={'draft': [('readonly', False)]})
    applied_by_id = fields.Many2one('res.users', string='Applied by', readonly=True, copy=False)
    applied_date = fields.Datetime(string='Applied on', readonly=True, copy=False)

    @api.multi
    def name_get(self):
        return [(a.id, _('Amendment %s of %s') % (a.name, kz_format.format_date(a.date))) for a in self]

    @api.multi
    def unlink(self):
        if any(a.state != 'draft' for a in self):
            raise UserError(_('An applied or cancelled amendment is kept as history and cannot be deleted.'))
        return super(KzGovFinplanAmendment, self).unlink()

    @api.multi
    def action_apply(self):
        for amendment in self:
            amendment._apply()
        return True

    def _apply(self):
        self.ensure_one()
        plan = self.plan_id
        if self.state != 'draft':
            raise UserError(_('The amendment %s is not a draft.') % self.name)
        if plan.state != 'approved':
            raise UserError(_('Amendments change an approved financing plan; %s is not approved.') % plan.name)
        if not self.line_ids:
            raise UserError(_('The amendment %s has no changes.') % self.name)
        try:
            plan.kz_effective_plan(extra_amendment=self)
        except gov_budget.NegativePlanError as err:
            raise UserError(_('The amendment %s would make the plan by %s of specific %s for %s negative (%s).') % (
                self.name, kind_label(err.kind), err.ebk, month_name(err.month),
                gov_budget.format_amount(err.value, self.env.lang)))
        # a specific new to the plan gets a base line of zeros, so that the plan shows its figures in force
        existing = {(line.ebk_id.id, line.kind) for line in plan.line_ids}
        new_keys = {(line.ebk_id.id, line.kind) for line in self.line_ids} - existing
        Line = self.env['kz.gov.finplan.line'].sudo().with_context(kz_finplan_amendment=True)
        for ebk_id, kind in sorted(new_keys):
            Line.create({'plan_id': plan.id, 'ebk_id': ebk_id, 'kind': kind})
        self.write({'state': 'applied', 'applied_by_id': self.env.uid, 'applied_date': fields.Datetime.now()})
        body = _('Amendment %s of %s applied by %s: %s') % tuple(
            html_escape(v) for v in (self.name, self.date, self.env.user.name, self.reason))
        kz_post_note(self, body)
        kz_post_note(plan, body)
        plan.line_ids.invalidate_cache(fnames=EFFECTIVE_FIELDS + ['effective_total'])

    @api.multi
    def action_cancel(self):
        if any(a.state != 'draft' for a in self):
            raise UserError(_('Only a draft amendment can be cancelled; an applied one is reversed by another '
                              'amendment.'))
        return self.write({'state': 'cancelled'})


class KzGovFinplanAmendmentLine(models.Model):
    _name = 'kz.gov.finplan.amendment.line'
    _description = 'Change of a financing plan (specific, kind, month, signed amount)'
    _order = 'amendment_id, kind, month, id'

    amendment_id = fields.Many2one('kz.gov.finplan.amendment', string='Amendment', required=True,
                                   ondelete='cascade', index=True)
    company_id = fields.Many2one(related='amendment_id.company_id', store=True, readonly=True)
    currency_id = fields.Many2one(related='amendment_id.currency_id', readonly=True)
    ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', required=True, ondelete='restrict',
                             domain=[('level', '=', 'specific')])
    kind = fields.Selection(KIND_SELECTION, required=True, default='obligations')
    month = fields.Selection(MONTH_SELECTION, required=True)
    amount = fields.Monetary(string='Change', required=True, help='Positive raises the plan, negative lowers it.')

    @api.constrains('ebk_id', 'amount')
    def _check_line(self):
        for line in self.sudo():
            if line.ebk_id.level != 'specific':
                raise ValidationError(_('A financing plan is kept by ЕБК specifics; %s is not a specific.')
                                      % line.ebk_id.display_name)
            if not line.amount:
                raise ValidationError(_('A change of the plan cannot be zero.'))

    def _check_amendment_draft(self, amendments):
        if any(a.state != 'draft' for a in amendments):
            raise UserError(_('An applied or cancelled amendment cannot be changed.'))

    @api.model
    def create(self, vals):
        self._check_amendment_draft(self.env['kz.gov.finplan.amendment'].browse(vals.get('amendment_id')))
        return super(KzGovFinplanAmendmentLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_amendment_draft(self.mapped('amendment_id'))
        return super(KzGovFinplanAmendmentLine, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_amendment_draft(self.mapped('amendment_id'))
        return super(KzGovFinplanAmendmentLine, self).unlink()
