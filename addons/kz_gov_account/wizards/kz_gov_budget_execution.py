# -*- coding: utf-8 -*-
"""Budget execution: plan vs registered obligations vs payments vs accrued expenses per ЕБК specific (ACC-17)."""
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.kz_edu_base import kz_format
from odoo.addons.kz_edu_base.kz_document import Column, Document, Table
from odoo.addons.kz_edu_base.kz_format import format_date

from .. import gov_budget, gov_entries
from ..gov_budget import ZERO, money
from ..models.kz_gov_finplan import EXECUTION_AMOUNTS, SCOPE_SQL, scope_params


class KzGovBudgetExecution(models.TransientModel):
    _name = 'kz.gov.budget.execution'
    _description = 'Budget execution: plan, obligations, payments and expenses per specific'

    company_id = fields.Many2one('res.company', string='Organisation', required=True,
                                 default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source',
                                 help='Leave empty for all funding sources.')
    date_from = fields.Date(required=True, default=lambda self: '%s-01-01' % fields.Date.context_today(self)[:4])
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many('kz.gov.budget.execution.line', 'wizard_id', string='Rows', readonly=True)

    @api.constrains('date_from', 'date_to')
    def _check_period(self):
        for wizard in self:
            try:
                gov_budget.period_months(fields.Date.from_string(wizard.date_from),
                                         fields.Date.from_string(wizard.date_to))
            except gov_budget.BudgetError:
                raise ValidationError(_('The period must start before it ends and lie within one budget year.'))

    @api.model
    def _check_companies(self, companies):
        """Who reads the financing plans (bookkeepers, the director and deputy director, the district department)
        reads their execution, of their own organisations; a teacher or the cashier gets AccessError, and so does
        anyone asking for an organisation that is not theirs (a school's bookkeeper for another school). The figures
        are read as superuser and in SQL afterwards, so this check is what guards them."""
        user = self.env.user
        if user._is_superuser():
            return
        if not self.env['kz.gov.finplan'].check_access_rights('read', raise_exception=False):
            raise AccessError(_('The budget execution is read by the bookkeepers, the director, the deputy director '
                                'and the district department only.'))
        allowed = self.env['res.company'].search([('id', 'child_of', user.company_id.id)]) | user.company_ids
        for company in companies.sudo() - allowed:
            raise AccessError(_('You may not see the budget execution of %s.') % company.name)

    def compute_rows(self):
        """gov_budget.execution_rows for the wizard's company, funding source and period: (rows, total) with
        ЕБК codes as keys (_compute_rows_by_company for one organisation)."""
        self.ensure_one()
        return self._compute_rows_by_company(self.company_id, self.date_from, self.date_to,
                                             self.funding_id)[self.company_id.id]

    @api.model
    def _compute_rows_by_company(self, companies, date_from, date_to, funding=None):
        """{company id: (rows, total)}: gov_budget.execution_rows of each organisation of `companies` for the
        period (dates or date strings, within one budget year) and the funding source (None: see below), after the
        access check of _check_companies for every one of them. A fixed number of grouped queries whatever the
        number of organisations (the plans, their amendments, the registered obligations, the ledger turnovers):
        computed school by school, the district's 150 schools took 4.3 s."""
        self._check_companies(companies)
        if not companies:
            return {}
        date_from = fields.Date.from_string(date_from) if isinstance(date_from, str) else date_from
        date_to = fields.Date.from_string(date_to) if isinstance(date_to, str) else date_to
        months = gov_budget.period_months(date_from, date_to)
        domain = [('company_id', 'in', companies.ids), ('year', '=', date_from.year), ('state', '=', 'approved')]
        if funding:
            domain.append(('funding_id', '=', funding.id))
        plans = self.env['kz.gov.finplan'].sudo().search(domain)
        plan_rows = plans._kz_plan_rows()
        company_plans = {}
        for plan in plans:
            company_plans.setdefault(plan.company_id.id, []).append(plan)
        # the plan is of the budget: without a funding source chosen, the figures of a school are those of the
        # sources that have an approved plan there (else the spending of paid services or of charity would be set
        # against the budget's plan of the same specific); a school without a plan: all its sources
        scope = []
        for company in companies:
            fundings = [funding.id] if funding else [p.funding_id.id for p in company_plans.get(company.id, [])]
            scope += [(company.id, f) for f in fundings or [None]]
        registered = {}
        for (company_id, code, _month), amount in self.env['kz.gov.finplan']._kz_registered_by_company(
                scope, date_from, date_to).items():
            by_code = registered.setdefault(company_id, {})
            by_code[code] = by_code.get(code, ZERO) + amount
        payments, expenses = self._ledger_turnovers(scope, date_from, date_to)
        out = {}
        for company in companies:
            own = company_plans.get(company.id, [])
            plan = gov_budget.effective_plan([r for p in own for r in plan_rows[p.id][0]],
                                             [r for p in own for r in plan_rows[p.id][1]]) if own else {}
            out[company.id] = gov_budget.execution_rows(plan, registered.get(company.id, {}),
                                                        payments.get(company.id, {}), expenses.get(company.id, {}),
                                                        months)
        return out

    @api.model
    def _ledger_turnovers(self, scope, date_from, date_to):
        """({company id: {ebk code: payments}}, {company id: {ebk code: debit turnover of expense accounts}}) of the
        posted journal items of the period of the organisations and funding sources of `scope` [(company id,
        funding source id or None = all of them)], in one grouped query. Payments (cash expenses): the credit
        turnover of the money accounts that hold a funding source's money — the planned assignments of the
        individual financing plan (1081/1082, 1091/1092) and the КСН of paid services, charity and temporary
        placement (the roles of the funding sources); the current account and the cash desk are fed from them, so
        their outflows are not counted a second time; the closing of the planned assignments at the end of the year
        (entries 20, 21) is no payment. Expense accounts: the Odoo account types expenses, depreciation and cost of
        revenue."""
        params = scope_params(scope)
        if not params:
            return {}, {}
        expense_types = [self.env.ref(xml_id, raise_if_not_found=False) for xml_id in (
            'account.data_account_type_expenses', 'account.data_account_type_depreciation',
            'account.data_account_type_direct_costs')]
        expense_type_ids = tuple(t.id for t in expense_types if t) or (0,)
        sources = self.env['kz.gov.funding.source'].sudo().with_context(active_test=False).search([])
        money_kinds = tuple(k for k in sources.mapped('money_account_kind') + sources.mapped('capital_account_kind')
                            if k) or ('',)
        params.update({
            'date_from': fields.Date.to_string(date_from), 'date_to': fields.Date.to_string(date_to),
            'expense_types': expense_type_ids, 'money_kinds': money_kinds,
            'not_payments': tuple(sorted(gov_entries.plan_closing_entries()))})
        self.env.cr.execute("""
            WITH """ + SCOPE_SQL + """
            SELECT aml.company_id, e.code,
                   SUM(CASE WHEN a.kz_kind IN %(money_kinds)s AND COALESCE(aml.kz_std_entry, '') NOT IN %(not_payments)s
                            THEN aml.credit ELSE 0 END)::text,
                   SUM(CASE WHEN a.user_type_id IN %(expense_types)s AND m.kz_closing IS NOT TRUE
                            THEN aml.debit ELSE 0 END)::text
              FROM account_move_line aml
              JOIN scope s ON s.company_id = aml.company_id
                          AND (s.funding_id IS NULL OR s.funding_id = aml.kz_funding_id)
              JOIN account_move m ON m.id = aml.move_id
              JOIN account_account a ON a.id = aml.account_id
              JOIN kz_gov_ebk e ON e.id = aml.kz_ebk_id
             WHERE m.state = 'posted' AND aml.company_id IN %(companies)s
               AND aml.date BETWEEN %(date_from)s AND %(date_to)s
               AND (a.kz_kind IN %(money_kinds)s OR a.user_type_id IN %(expense_types)s)
             GROUP BY aml.company_id, e.code""", params)
        payments, expenses = {}, {}
        for company_id, code, credit, debit in self.env.cr.fetchall():
            payments.setdefault(company_id, {})[code] = money(credit)
            expenses.setdefault(company_id, {})[code] = money(debit)
        return payments, expenses

    @api.multi
    def action_show(self):
        self.ensure_one()
        rows, total = self.compute_rows()
        ebks = {e.code: e for e in self.env['kz.gov.ebk'].search([('code', 'in', [r['ebk'] for r in rows])])}
        self.line_ids.unlink()
        Line = self.env['kz.gov.budget.execution.line']
        for sequence, row in enumerate(rows):
            vals = {k: float(row[k]) for k in EXECUTION_AMOUNTS}
            vals.update(wizard_id=self.id, sequence=sequence, ebk_id=ebks[row['ebk']].id,
                        percent=float(row['percent']) if row['percent'] is not None else 0.0)
            Line.create(vals)
        return {
            'type': 'ir.actions.act_window',
            'name': _('Budget execution %s – %s') % (kz_format.format_date(self.date_from),
                                                     kz_format.format_date(self.date_to)),
            'res_model': 'kz.gov.budget.execution.line',
            'view_mode': 'tree',
            'domain': [('wizard_id', '=', self.id)],
            'context': {'create': False, 'edit': False, 'delete': False},
            'target': 'current',
        }

    @api.multi
    def action_xlsx(self):
        self.ensure_one()
        return self.env.ref('kz_gov_account.kz_gov_budget_execution_xlsx').report_action(self, config=False)

    @api.multi
    def action_pdf(self):
        self.ensure_one()
        return self.env.ref('kz_gov_account.kz_gov_budget_execution_pdf').report_action(self, config=False)

    def kz_document(self):
        """The execution as a ``kz_document.Document`` in the user's language, for the suite's one renderer (PDF and
        XLSX, ../report/kz_gov_budget_execution.py): a row per ЕБК specific and the total; amounts are Decimal, the
        percent a number with two decimals (empty when there is no plan of payments)."""
        self.ensure_one()
        rows, total = self.compute_rows()
        names = {e.code: e.name for e in self.env['kz.gov.ebk'].search([('code', 'in', [r['ebk'] for r in rows])])}
        columns = [Column(_('Specific'), 'code', width=9), Column(_('Item name'), width=40)] + [
            Column(label, 'money') for label in (
                _('Plan of obligations'), _('Plan of payments'), _('Registered obligations'),
                _('Cash expenses (payments)'), _('Accrued expenses'), _('Obligations plan not used'),
                _('Payments plan not used'))] + [Column(_('% executed'), 'number', width=10)]

        def values(row, code, name):
            return [code, name] + [row[k] for k in EXECUTION_AMOUNTS] + [row['percent']]

        company = self.company_id.sudo()
        document = Document(
            _('Budget execution by ЕБК specifics'), lang=self.env.lang or 'ru_RU', organisation=company.name,
            subtitle='%s – %s' % (format_date(self.date_from), format_date(self.date_to)),
            header=[(_('BIN'), company.kz_bin or company.vat or ''),
                    (_('Funding source'), self.funding_id.name if self.funding_id else _('All funding sources'))],
            signatures=[(_('Chief bookkeeper'), '')], landscape=True, sheet='ЕБК')
        document.section(tables=[Table(columns, rows=[values(row, row['ebk'], names.get(row['ebk'], ''))
                                                      for row in rows],
                                       total=values(total, _('Total'), ''))])
        return document


class KzGovBudgetExecutionLine(models.TransientModel):
    _name = 'kz.gov.budget.execution.line'
    _description = 'Budget execution row (one ЕБК specific)'
    _order = 'sequence, id'

    wizard_id = fields.Many2one('kz.gov.budget.execution', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer()
    currency_id = fields.Many2one(related='wizard_id.currency_id', readonly=True)
    ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', readonly=True)
    plan_obligations = fields.Monetary(string='Plan of obligations', readonly=True)
    plan_payments = fields.Monetary(string='Plan of payments', readonly=True)
    registered = fields.Monetary(string='Registered obligations', readonly=True)
    payments = fields.Monetary(string='Cash expenses (payments)', readonly=True)
    expenses = fields.Monetary(string='Accrued expenses', readonly=True)
    remaining_obligations = fields.Monetary(string='Obligations plan not used', readonly=True)
    remaining_payments = fields.Monetary(string='Payments plan not used', readonly=True)
    percent = fields.Float(string='% executed', digits=(5, 2), readonly=True,
                           help='Cash expenses / plan of payments × 100.')
