# -*- coding: utf-8 -*-
"""Reference data of public-sector bookkeeping (ACC-01): the economic classification of the Unified Budget
Classification (ЕБК, MoF order No. 403 of 18.09.2014), funding sources, and the line layouts of the financial
statements ФО-1…ФО-4 (MoF order No. 230 of 15.05.2025). The records come from data/src/*.csv with their sources."""
from odoo import api, fields, models


class KzGovEbk(models.Model):
    _name = 'kz.gov.ebk'
    _description = 'Budget classification: economic specific (ЕБК)'
    _order = 'code'
    _parent_store = True

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    parent_id = fields.Many2one('kz.gov.ebk', string='Parent', ondelete='restrict', index=True)
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    level = fields.Selection([('category', 'Category'), ('class', 'Class'), ('subclass', 'Subclass'),
                              ('specific', 'Specific')], required=True, default='specific')
    kind = fields.Selection([('current', 'Current expenses'), ('capital', 'Capital expenses')])
    source = fields.Char(string='Legal source')
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_uniq', 'unique(code)', 'The ЕБК code must be unique.')]

    @api.multi
    def name_get(self):
        return [(r.id, '%s %s' % (r.code, r.name)) for r in self]

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        args = list(args or [])
        if name:
            recs = self.search([('code', '=like', name + '%')] + args, limit=limit)
            if not recs:
                recs = self.search([('name', operator, name)] + args, limit=limit)
            return recs.name_get()
        return super(KzGovEbk, self).name_search(name, args, operator, limit)


class KzGovFundingSource(models.Model):
    _name = 'kz.gov.funding.source'
    _description = 'Funding source'
    _order = 'sequence, code'

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    money_account_kind = fields.Char(
        string='Money account role',
        help='Role (kz_kind) of the chart account that holds the cash of this source, e.g. cash_budget for the '
             'treasury control account of budget money; empty when the source has no money account of its own.')
    source = fields.Char(string='Legal source')
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_uniq', 'unique(code)', 'The funding source code must be unique.')]

    @api.multi
    def kz_money_account(self, company):
        """The company's money account of this funding source (first by code), or an empty recordset."""
        self.ensure_one()
        if not self.money_account_kind:
            return self.env['account.account']
        return self.env['account.account'].search([('company_id', '=', company.id),
                                                   ('kz_kind', '=', self.money_account_kind)], order='code', limit=1)


class KzGovReportLine(models.Model):
    """One line of an official statement form; `expression` maps accounts to the line (see gov_reports.py)."""
    _name = 'kz.gov.report.line'
    _description = 'Financial statement line'
    _order = 'form, sequence, id'

    form = fields.Selection([('FO1', 'ФО-1 Balance sheet'), ('FO2', 'ФО-2 Financial results'),
                             ('FO3', 'ФО-3 Cash movement by funding source'),
                             ('FO4', 'ФО-4 Changes in net assets')], required=True, index=True)
    sequence = fields.Integer(default=10)
    code = fields.Char(string='Line code')
    name = fields.Char(required=True, translate=True)
    expression = fields.Char(help='Terms such as "+B:10 -B:2390" (see gov_reports.py).')
    style = fields.Selection([('section', 'Heading'), ('line', 'Line'), ('total', 'Total')],
                             required=True, default='line')
    source = fields.Char(string='Legal source')
