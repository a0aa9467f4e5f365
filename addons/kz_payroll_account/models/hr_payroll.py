# -*- coding: utf-8 -*-
"""Confirmed payslips post to the public-sector ledger: one summarised entry per company, month, funding source
(set-based: amounts summed in SQL, entries written by account.move.kz_bulk_post), on the standard entries of the
chart of state institutions (posting_rules.py): each item names the entry of annex 2 of order No. 170 it follows."""
from collections import defaultdict
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import posting_rules


class HrContract(models.Model):
    _inherit = 'hr.contract'

    def _default_kz_funding(self):
        return self.env.ref('kz_gov_account.funding_LOC', raise_if_not_found=False)

    kz_funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', default=_default_kz_funding,
                                    help='Budget or other source the pay of this contract is charged to.')


class HrPayslip(models.Model):
    _inherit = 'hr.payslip'

    kz_move_id = fields.Many2one('account.move', string='Accounting entry', readonly=True, copy=False,
                                 index=True, ondelete='restrict')

    def _kz_post_accounting(self):
        # companies keeping the books on the chart of state institutions only (a company without it, e.g. a
        # private centre using another ledger, is not posted)
        chart = self.env.ref('kz_gov_account.chart_template_kz_gov', raise_if_not_found=False)
        if not chart or not self.ids:
            return True
        # the payslips to post in one query (a filter on the records would prefetch every field of a whole batch)
        self.env.cr.execute("""
            SELECT p.id FROM hr_payslip p JOIN res_company c ON c.id = p.company_id
             WHERE p.id IN %s AND p.state = 'done' AND p.kz_move_id IS NULL AND c.chart_template_id = %s""",
                            (tuple(self.ids), chart.id))
        posting = {row[0] for row in self.env.cr.fetchall()}
        slips = self.browse([slip_id for slip_id in self.ids if slip_id in posting])
        if not slips:
            return True
        technical = self.env.ref('kz_payroll.hr_payroll_structure_kz_technical', raise_if_not_found=False)
        default_funding = self.env.ref('kz_gov_account.funding_LOC')
        cr = self.env.cr
        # summed in SQL per company, month, funding source, staff kind and rule, as exact numeric text (no float
        # arithmetic on amounts)
        # refunds (credit notes) are summed apart and posted as the reversing entry of what they refund
        cr.execute("""
            SELECT p.company_id, to_char(p.date_to, 'YYYY-MM'), COALESCE(c.kz_funding_id, %s),
                   (p.struct_id = %s), l.code, SUM(l.total)::text, MAX(p.date_to), array_agg(DISTINCT p.id),
                   COALESCE(p.credit_note, FALSE)
              FROM hr_payslip p
              JOIN hr_contract c ON c.id = p.contract_id
              JOIN hr_payslip_line l ON l.slip_id = p.id
             WHERE p.id IN %s AND l.code IN %s
          GROUP BY 1, 2, 3, 4, 5, 9
        """, (default_funding.id, technical.id if technical else 0, tuple(slips.ids),
              tuple(posting_rules.POSTING)))
        groups = defaultdict(dict)
        slips_of = defaultdict(set)
        dates = {}
        for company_id, month, funding_id, is_tech, code, total, date_to, slip_ids, refund in cr.fetchall():
            key = (company_id, month, funding_id, refund)
            groups[key].setdefault(bool(is_tech), {})[code] = Decimal(total)
            slips_of[key].update(slip_ids)
            dates[key] = max(dates.get(key, date_to), date_to)
        Move = self.env['account.move'].sudo()
        rule_names = self._kz_rule_names({g[0] for g in groups})
        Funding = self.env['kz.gov.funding.source']
        link = []
        for key in sorted(groups):
            company_id, month, funding_id, refund = key
            company = self.env['res.company'].browse(company_id)
            accounts = self._kz_payroll_accounts(company, dates[key])
            ebks = {e.code: e.id for e in self.env['kz.gov.ebk'].search(
                [('code', 'in', posting_rules.ebk_codes())])}
            # item labels: the salary rules' names in the school's language (kz_payroll's translations), e.g.
            # «Әлеуметтік салық 10.2026»
            lang = company.partner_id.lang or self.env.lang
            period = '%s.%s' % (month[5:], month[:4])
            lines = []
            for is_tech, totals in sorted(groups[key].items()):
                for account, ebk, debit, credit, code, std in posting_rules.entry_lines(
                        totals, technical=is_tech, on_date=dates[key], reverse=refund):
                    lines.append({
                        'account_id': accounts[account], 'debit': debit, 'credit': credit,
                        'name': '%s %s%s' % (rule_names.get((lang, code), code), period,
                                             (' — №%s' % std) if std else ''),
                        'kz_ebk_id': ebks.get(ebk), 'kz_funding_id': funding_id, 'kz_std_entry': std or None,
                    })
            if not lines:
                continue
            journal = self._kz_payroll_journal(company)
            ref = '%s %s, %s' % (journal.with_context(lang=lang).name, period,
                                 Funding.with_context(lang=lang).browse(funding_id).name)
            if refund:
                ref = _('Refund: %s') % ref
            [move_id] = Move.with_context(force_company=company_id).kz_bulk_post(journal, [{
                'date': dates[key], 'ref': ref,
                'lines': lines,
            }])
            link += [(slip_id, move_id) for slip_id in slips_of[key]]
        if link:
            from psycopg2.extras import execute_values
            execute_values(cr, 'UPDATE hr_payslip p SET kz_move_id = v.move FROM (VALUES %s) AS v(id, move) '
                               'WHERE p.id = v.id', link)
            self.invalidate_cache(['kz_move_id'])
        return True

    @api.model
    def _kz_rule_names(self, company_ids):
        """{(lang, rule code): rule name} for the languages of these companies (one read per language)."""
        structure = self.env.ref('kz_payroll.hr_payroll_structure_kz_teacher')
        langs = set(self.env['res.company'].browse(list(company_ids)).mapped('partner_id.lang')) | {self.env.lang}
        rules = self._kz_rules(structure)
        names = {}
        for lang in langs:
            for rule in rules.with_context(lang=lang):
                names.setdefault((lang, rule.code), rule.name)
        return names

    @api.model
    def kz_post_unposted(self):
        """Post every confirmed payslip not posted yet (e.g. confirmed before this addon was installed)."""
        slips = self.search([('state', '=', 'done'), ('kz_move_id', '=', False)])
        slips._kz_post_accounting()
        return len(slips.filtered('kz_move_id'))

    @api.model
    def _kz_payroll_accounts(self, company, on_date=None):
        """{account code: id} of the company's accounts the posting needs; a chart without one is refused."""
        codes = posting_rules.account_codes(on_date)
        accounts = self.env['account.account'].sudo().search(
            [('company_id', '=', company.id), ('code', 'in', codes)])
        found = {a.code: a.id for a in accounts}
        missing = [c for c in codes if c not in found]
        if missing:
            raise UserError(_('The chart of accounts of %s has no account %s: payroll cannot be posted. '
                              'Load the chart of state institutions first.') % (company.name, ', '.join(missing)))
        return found

    @api.model
    def _kz_payroll_journal(self, company):
        journal = self.env['account.chart.template'].sudo().kz_gov_journal(company, 'payroll')
        if not journal:
            raise UserError(_('%s has no payroll journal: load the chart of state institutions first.')
                            % company.name)
        return journal
