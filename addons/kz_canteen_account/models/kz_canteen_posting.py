# -*- coding: utf-8 -*-
"""The month's meal costs of a school posted to the public-sector ledger, once (meal_posting.py, DESIGN.md).

``kz.canteen.meal.posting`` records what was posted for a school and month (unique), with its entries: a second
posting of the same month is refused, and so is a month not finished and a closed period (kz_gov_account's own
check in account.move.kz_bulk_post)."""
import datetime
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_canteen import canteen_rules, meal_report
from odoo.addons.kz_edu_base.user_errors import translate

from .. import meal_posting

POSTING_GROUP = 'kz_edu_base.group_bookkeeper'


class KzCanteenMealPosting(models.Model):
    _name = 'kz.canteen.meal.posting'
    _description = 'Meal costs posted to the ledger'
    _order = 'month desc, company_id'

    name = fields.Char(compute='_compute_name', store=True)
    company_id = fields.Many2one('res.company', string='School', required=True, readonly=True, index=True)
    month = fields.Date(required=True, readonly=True, help='The 1st of the month whose meals were posted.')
    date = fields.Date(string='Entry date', readonly=True, help='Last day of the month.')
    supplier_id = fields.Many2one('res.partner', string='Supplier', readonly=True)
    mode = fields.Selection([('catering', 'Caterer under contract'), ('cooks', 'Cooks on the school staff')],
                            string='Meals served by', readonly=True,
                            help='Catering: the meals are a service (ЕБК 159, entry 234); cooks: the school buys the '
                                 'food and uses it (ЕБК 141, entries 121 and 135). Order No. 151, specific 141.')
    move_ids = fields.Many2many('account.move', 'kz_canteen_meal_posting_move_rel', 'posting_id', 'move_id',
                                string='Journal entries', readonly=True)
    meals = fields.Integer(string='Meals', readonly=True, help='Free and subsidised portions of the month.')
    amount = fields.Monetary(string='Amount', readonly=True)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    line_ids = fields.One2many('kz.canteen.meal.posting.line', 'posting_id', string='By funding source',
                               readonly=True)

    _sql_constraints = [
        ('month_unique', 'unique(company_id, month)', 'The meal costs of this month are already posted.'),
    ]

    @api.depends('month', 'company_id')
    def _compute_name(self):
        for p in self:
            p.name = '%s %s' % (p.company_id.name or '', p.month and '%s.%s' % (p.month[5:7], p.month[:4]) or '')

    @api.multi
    def unlink(self):
        if self.mapped('move_ids').filtered(lambda m: m.state == 'posted'):
            raise UserError(_('The journal entries of this posting are still posted: cancel them first, then the '
                              'month can be posted again.'))
        return super(KzCanteenMealPosting, self).unlink()

    # ------------------------------------------------------------------------------------------ posting
    @api.model
    def _kz_check_can_post(self, company):
        if not self.env.user.has_group(POSTING_GROUP):
            raise AccessError(_('Only the bookkeeper can post the meal costs to the ledger.'))
        self.check_access_rights('create')
        if company not in self.env.user.company_ids:
            raise AccessError(_('You cannot post the meal costs of %s: it is not your organisation.')
                              % company.name)

    @api.model
    def _kz_month(self, company, month):
        """(first day, last day) of the month, refused while it is not finished in the school's time zone."""
        today = self.env['kz.canteen.pos']._kz_local_date(company)
        try:
            return meal_report.check_month_finished(month, today)
        except canteen_rules.CanteenError as e:
            if e.code != 'month_not_finished':
                raise UserError(_('The month is not valid: %s') % translate(self.env, e))
            start, end = meal_report.month_bounds(month)
            raise UserError(_('The month %s is not finished yet: its meal costs can be posted from %s.')
                            % (start.strftime('%m.%Y'), (end + datetime.timedelta(days=1)).strftime('%d.%m.%Y')))

    @api.model
    def kz_month_amounts(self, company, date_from, date_to):
        """{canteen funding code: {'amount': Decimal, 'meals', 'students'}} of the free and subsidised meals served
        at the school in the period — one grouped query, amounts summed exactly in SQL (numeric as text)."""
        self.env['kz.canteen.meal'].check_access_rights('read')
        self.env.cr.execute("""
            SELECT funding, SUM(funding_amount)::text, SUM(qty), COUNT(DISTINCT student_id)
              FROM kz_canteen_meal
             WHERE company_id = %s AND date BETWEEN %s AND %s AND kind IN %s AND funding_amount <> 0
          GROUP BY funding ORDER BY funding""", (company.id, date_from, date_to, meal_posting.POSTED_KINDS))
        try:
            return meal_posting.amounts_by_funding(self.env.cr.fetchall())
        except meal_posting.PostingError as e:
            raise UserError(_('The meals of the month cannot be posted: %s') % translate(self.env, e))

    @api.model
    def kz_summary_line(self, code, item):
        return _('%s: %s portions, %s children, %s ₸') % (self._kz_funding_label(code), item['meals'],
                                                           item['students'], item['amount'])

    @api.model
    def _kz_funding_label(self, code):
        labels = {
            'LOC': _('grades 1-4, local budget'),
            'VSEOBUCH': _('social categories, fund of universal compulsory education'),
        }
        return labels.get(code, code)

    @api.model
    def kz_post_month(self, company, month, supplier=None, mode=None):
        """Post the free and subsidised meals of ``company`` for the month containing ``month`` (a date or
        'YYYY-MM-DD'): one entry per funding source into the memorial orders journal, dated the last day of the
        month, on the standard entries of the way the school feeds the children (``mode``: 'catering' or 'cooks';
        by default the school's setting, see meal_posting). Returns the kz.canteen.meal.posting record. Refuses
        (UserError, nothing written): a month not finished, a month already posted, a month without such meals, a
        chart without the accounts, a closed period; AccessError: a user who is not the school's bookkeeper."""
        self._kz_check_can_post(company)
        mode = mode or company.sudo().kz_canteen_meals_mode or 'catering'
        start, end = self._kz_month(company, month)
        month_text = start.strftime('%m.%Y')
        done = self.sudo().search([('company_id', '=', company.id), ('month', '=', fields.Date.to_string(start))])
        if done:
            raise UserError(_('The meal costs of %s for %s are already posted (%s): a month is posted once.')
                            % (company.name, month_text, ', '.join(done.mapped('move_ids.name')) or done.name))
        amounts = self.kz_month_amounts(company, start, end)
        if not amounts:
            raise UserError(_('No free or subsidised meals were served at %s in %s: there is nothing to post.')
                            % (company.name, month_text))
        Account = self.env['account.account']
        codes = meal_posting.account_codes(mode)
        accounts = {a.code: a.id for a in Account.search([('company_id', '=', company.id), ('code', 'in', codes)])}
        missing = [c for c in codes if c not in accounts]
        if missing:
            raise UserError(_('The chart of accounts of %s has no account %s: the meal costs cannot be posted. '
                              'Load the chart of state institutions first.') % (company.name, ', '.join(missing)))
        ebk_codes = {meal_posting.ebk_code(mode, code) for code in amounts}
        ebks = {e.code: e.id for e in self.env['kz.gov.ebk'].search([('code', 'in', list(ebk_codes)),
                                                                    ('level', '=', 'specific')])}
        if set(ebks) != ebk_codes:
            raise UserError(_('The ЕБК specific %s is missing from the budget classification.')
                            % ', '.join(sorted(ebk_codes - set(ebks))))
        payable = meal_posting.payable_account(mode)
        Funding = self.env['kz.gov.funding.source']
        journal = self.env['account.chart.template'].kz_gov_journal(company, 'memorial')
        if not journal:
            raise UserError(_('%s has no memorial orders journal: load the chart of state institutions first.')
                            % company.name)
        lang = company.partner_id.lang or self.env.lang
        entries, lines_vals = [], []
        for code in sorted(amounts):
            item = amounts[code]
            funding = Funding.search([('code', '=', meal_posting.ledger_funding(code))], limit=1)
            if not funding:
                raise UserError(_('The meals of funding source %s cannot be posted: there is no funding source %s '
                                  'in the accounts.') % (code, meal_posting.ledger_funding(code)))
            label = self.with_context(lang=lang)._kz_funding_label(code)
            ref = self.with_context(lang=lang)._kz_ref(month_text, label)
            name = self.with_context(lang=lang)._kz_item_name(month_text, label, item)
            lines = []
            for account, debit, credit, ebk, std in meal_posting.entry_lines(item['amount'], mode, code, end):
                lines.append({'account_id': accounts[account], 'debit': debit, 'credit': credit,
                              'name': '%s — №%s' % (name, std) if std else name,
                              'kz_ebk_id': ebks[ebk], 'kz_funding_id': funding.id, 'kz_std_entry': std or None,
                              'partner_id': supplier.id if supplier and account == payable else None})
            entries.append({'date': end, 'ref': ref, 'lines': lines,
                            'narration': _('Free and subsidised meals served at %s in %s (canteen funding code '
                                           '%s).') % (company.name, month_text, code)})
            lines_vals.append({'funding': code, 'funding_id': funding.id, 'meals': item['meals'],
                               'students': item['students'], 'amount': float(item['amount'])})
        move_ids = self.env['account.move'].with_context(force_company=company.id).kz_bulk_post(journal, entries)
        return self.create({
            'company_id': company.id, 'month': fields.Date.to_string(start), 'date': fields.Date.to_string(end),
            'supplier_id': supplier.id if supplier else False, 'move_ids': [(6, 0, move_ids)], 'mode': mode,
            'meals': sum(i['meals'] for i in amounts.values()),
            'amount': float(sum((i['amount'] for i in amounts.values()), Decimal('0.00'))),
            'line_ids': [(0, 0, dict(vals, move_id=move_id)) for vals, move_id in zip(lines_vals, move_ids)],
        })

    @api.model
    def _kz_ref(self, month_text, label):
        return _('School meals %s (%s)') % (month_text, label)

    @api.model
    def _kz_item_name(self, month_text, label, item):
        return _('Meals %s, %s: %s portions, %s children') % (month_text, label, item['meals'], item['students'])

    @api.multi
    def action_view_moves(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'name': _('Journal entries'), 'res_model': 'account.move',
            'view_mode': 'tree,form', 'domain': [('id', 'in', self.move_ids.ids)],
        }


class KzCanteenMealPostingLine(models.Model):
    _name = 'kz.canteen.meal.posting.line'
    _description = 'Meal costs posted for one funding source'
    _order = 'posting_id, funding'

    posting_id = fields.Many2one('kz.canteen.meal.posting', required=True, ondelete='cascade', index=True)
    company_id = fields.Many2one(related='posting_id.company_id', store=True, readonly=True)
    funding = fields.Char(string='Canteen funding code', readonly=True,
                          help='LOC: grades 1-4 (local budget); VSEOBUCH: social categories (fund of universal '
                               'compulsory education).')
    funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', readonly=True)
    meals = fields.Integer(string='Portions', readonly=True)
    students = fields.Integer(string='Children', readonly=True)
    amount = fields.Monetary(readonly=True)
    currency_id = fields.Many2one(related='posting_id.currency_id', readonly=True)
    move_id = fields.Many2one('account.move', string='Journal entry', readonly=True, ondelete='restrict')
