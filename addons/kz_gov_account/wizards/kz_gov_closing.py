# -*- coding: utf-8 -*-
"""Closing the accounts at the end of a reporting period (ACC-02): order No. 230, rules item 21, entries 322–325 of
order No. 170. The chief bookkeeper closes a half-year (30 June) or a year (31 December) of one organisation: the
income and expense accounts into 5210, at the year's end the planned assignments not used first (entries 20, 21)
and the result of the year into 5220. The entries are computed
by the pure module gov_closing.py from the balances read in one grouped query, and posted (memorial orders,
marked as closing entries: the statements leave them out of the movement of the period)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.kz_dates import format_date
from odoo.addons.kz_edu_base.user_errors import user_errors

from .. import gov_closing, gov_reports as gr

CHIEF_GROUP = 'kz_edu_base.group_chief_bookkeeper'

#: the balances of the income and expense accounts (sections 6 and 7) and of the planned assignments (1081, 1082,
#: 1091, 1092) per account, ЕБК specific and funding source, and of the result account 5210 per funding source, at
#: the date, before closing
SQL_TO_CLOSE = """
    SELECT a.code, COALESCE(e.code, ''), COALESCE(f.code, ''), SUM(l.debit - l.credit)::text
      FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
      JOIN account_account a ON a.id = l.account_id
      LEFT JOIN kz_gov_ebk e ON e.id = l.kz_ebk_id
      LEFT JOIN kz_gov_funding_source f ON f.id = l.kz_funding_id
     WHERE l.company_id = %(company)s AND m.state = 'posted' AND l.date <= %(date)s
       AND (a.code LIKE '6%%' OR a.code LIKE '7%%' OR a.code = %(result)s OR a.code IN %(plan)s)
     GROUP BY 1, 2, 3
"""


class KzGovClosing(models.TransientModel):
    _name = 'kz.gov.closing'
    _description = 'Closing of a reporting period'

    def _default_date(self):
        """The last end of a reporting period before today: 30 June of this year from July on, else 31 December of
        the year before."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        return '%d-06-30' % today.year if today.month >= 7 else '%d-12-31' % (today.year - 1)

    company_id = fields.Many2one('res.company', string='Organisation', required=True,
                                 default=lambda self: self.env.user.company_id)
    date = fields.Date(string='End of the period', required=True, default=_default_date,
                       help='30 June (half-year) or 31 December (year): order No. 230, rules item 8.')

    @api.multi
    def _check_user(self):
        if not (self.env.user._is_superuser() or self.env.user.has_group(CHIEF_GROUP)):
            raise AccessError(_('Only the chief bookkeeper closes a reporting period.'))
        allowed = self.env['res.company'].sudo().search([('id', 'child_of', self.env.user.company_ids.ids)])
        for wizard in self:
            if wizard.company_id.sudo() not in allowed:
                raise AccessError(_('You may not close the books of %s.') % wizard.company_id.sudo().name)

    @api.multi
    def closing_entries(self):
        """The entries gov_closing computes for the organisation and date (not posted)."""
        self.ensure_one()
        with user_errors(self.env):
            gov_closing.period_end_kind(self.date)
        result_account = gov_closing.gov_entries.posting('close_income').credit
        plan_accounts = tuple(sorted(gov_closing.gov_entries.plan_closing()))
        self.env.cr.execute(SQL_TO_CLOSE, {'company': self.company_id.id, 'date': self.date,
                                           'result': result_account, 'plan': plan_accounts})
        balances, result, plan = {}, {}, {}
        for code, ebk, funding, balance in self.env.cr.fetchall():
            amount = gr.money(balance)
            if code == result_account:
                result[(code, funding)] = result.get((code, funding), gr.ZERO) + amount
            elif code in plan_accounts:
                if amount:
                    plan[(code, ebk, funding)] = amount
            elif amount:
                balances[(code, ebk, funding)] = amount
        return gov_closing.closing_entries(balances, result, self.date, plan)

    @api.multi
    def action_close(self):
        """Post the closing entries; refused when the period is already closed or there is nothing to close."""
        self.ensure_one()
        self._check_user()
        company = self.company_id.sudo()
        Move = self.env['account.move'].sudo()
        done = Move.search([('company_id', '=', company.id), ('kz_closing', '=', True), ('date', '=', self.date),
                            ('state', '=', 'posted')])
        if done:
            raise UserError(_('The period ending %s of %s is already closed (%s).') % (
                format_date(self.date), company.name,
                ', '.join(done.mapped('name'))))
        entries = self.closing_entries()
        if not entries:
            raise UserError(_('Nothing to close: the income and expense accounts of %s have no balance on %s.') % (
                company.name, format_date(self.date)))
        journal = self.env['account.chart.template'].sudo().kz_gov_journal(company, 'memorial')
        if not journal:
            raise UserError(_('%s has no memorial orders journal: load the chart of state institutions first.')
                            % company.name)
        accounts = {a.code: a.id for a in self.env['account.account'].sudo().search(
            [('company_id', '=', company.id)])}
        ebks = {e.code: e.id for e in self.env['kz.gov.ebk'].sudo().search([])}
        fundings = {f.code: f.id for f in self.env['kz.gov.funding.source'].sudo().search([])}
        label = _('Closing entries, standard entry No. %s')
        to_post = [{
            'date': e['date'], 'ref': label % e['std'], 'closing': e['closing'],
            'lines': [{'account_id': accounts[l['account']], 'debit': l['debit'], 'credit': l['credit'],
                       'kz_ebk_id': ebks.get(l['ebk']), 'kz_funding_id': fundings.get(l['funding']),
                       'kz_std_entry': l['std'], 'name': label % l['std']} for l in e['lines']],
        } for e in entries]
        move_ids = Move.with_context(force_company=company.id).kz_bulk_post(journal, to_post)
        return {
            'type': 'ir.actions.act_window', 'res_model': 'account.move', 'name': _('Closing entries'),
            'view_mode': 'tree,form', 'domain': [('id', 'in', move_ids)],
        }
