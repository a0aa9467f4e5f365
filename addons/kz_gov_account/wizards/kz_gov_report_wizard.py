# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4 and the ledgers (ACC-02, ACC-13): the wizard that asks what to print.

The figures come from ONE grouped SQL query per report over account_move_line (posted entries only:
account_move.state = 'posted'; opening = date < date_from, period = date_from … date_to), never from the ORM per
line: reading 100 000 journal items through the ORM takes minutes, the grouped query a fraction of a second (the
benchmark tests/benchmarks/bench_gov_reports.py prints the figures). The lines are evaluated, the consistency checks
computed and the ledgers laid out by ../gov_reports.py (pure Python). `report_data()` returns the figures, checks
and the tables (kz_document.Table) in the wizard's language; `kz_document()` makes them one document — title block,
the unposted-entries warning, the tables, the consistency checks, notes, signatures — for the suite's one renderer
(kz_edu_base: the XLSX writer and the QWeb layout; ../report/kz_gov_reports.py).
"""
import datetime
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.kz_dates import format_date, to_date
from odoo.addons.kz_edu_base.kz_document import Cell, Column, Document, Head, Row, Table

from .. import gov_acts
from .. import gov_ledger
from .. import gov_reports as gr

REPORTS = [
    ('fo1', 'ФО-1 Balance sheet'),
    ('fo2', 'ФО-2 Report on financial results'),
    ('fo3', 'ФО-3 Cash movement by funding source (direct method)'),
    ('fo4', 'ФО-4 Statement of changes in net assets'),
    ('turnover', 'Turnover sheet'),
    ('journal_main', 'Журнал-Главная book'),
    ('account_card', 'Account card'),
]
FORM_OF_REPORT = {'fo1': 'FO1', 'fo2': 'FO2', 'fo3': 'FO3', 'fo4': 'FO4'}
LANDSCAPE = ('fo4', 'turnover', 'journal_main', 'account_card')
#: who may print: bookkeepers (the chief bookkeeper implies it), the director (the administrator implies it) and the
#: district department, read-only
REPORT_GROUPS = ('kz_edu_base.group_bookkeeper', 'kz_edu_base.group_director', 'kz_edu_base.group_district')
UNPOSTED_LISTED = 50
LANGS = [('kk_KZ', 'Kazakh'), ('ru_RU', 'Russian')]

# ---- the grouped queries (parametrised; the fragments below are constants, never user input) ------------------
# Amounts leave PostgreSQL as text: Odoo's cursor turns numeric into float, and money never passes through floats.

#: ФО-1, ФО-2, ФО-4: per account and ЕБК specific, the opening balance, the movement, the debit and the credit
#: turnover of the period without the closing entries (account_move.kz_closing), and the movement of the closing
#: entries; the same for the comparative period
SQL_BALANCES = """
    SELECT a.code, COALESCE(e.code, ''), s.o::text, s.m::text, s.d::text, s.c::text, s.k::text,
           s.po::text, s.pm::text, s.pd::text, s.pc::text, s.pk::text
      FROM (SELECT l.account_id, l.kz_ebk_id,
                   SUM(CASE WHEN l.date < %(date_from)s THEN l.debit - l.credit ELSE 0 END) AS o,
                   SUM(CASE WHEN l.date >= %(date_from)s AND l.date <= %(date_to)s AND m.kz_closing IS NOT TRUE
                            THEN l.debit - l.credit ELSE 0 END) AS m,
                   SUM(CASE WHEN l.date >= %(date_from)s AND l.date <= %(date_to)s AND m.kz_closing IS NOT TRUE
                            THEN l.debit ELSE 0 END) AS d,
                   SUM(CASE WHEN l.date >= %(date_from)s AND l.date <= %(date_to)s AND m.kz_closing IS NOT TRUE
                            THEN l.credit ELSE 0 END) AS c,
                   SUM(CASE WHEN l.date >= %(date_from)s AND l.date <= %(date_to)s AND m.kz_closing IS TRUE
                            THEN l.debit - l.credit ELSE 0 END) AS k,
                   SUM(CASE WHEN l.date < %(cmp_from)s THEN l.debit - l.credit ELSE 0 END) AS po,
                   SUM(CASE WHEN l.date >= %(cmp_from)s AND l.date <= %(cmp_to)s AND m.kz_closing IS NOT TRUE
                            THEN l.debit - l.credit ELSE 0 END) AS pm,
                   SUM(CASE WHEN l.date >= %(cmp_from)s AND l.date <= %(cmp_to)s AND m.kz_closing IS NOT TRUE
                            THEN l.debit ELSE 0 END) AS pd,
                   SUM(CASE WHEN l.date >= %(cmp_from)s AND l.date <= %(cmp_to)s AND m.kz_closing IS NOT TRUE
                            THEN l.credit ELSE 0 END) AS pc,
                   SUM(CASE WHEN l.date >= %(cmp_from)s AND l.date <= %(cmp_to)s AND m.kz_closing IS TRUE
                            THEN l.debit - l.credit ELSE 0 END) AS pk
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
             WHERE l.company_id = %(company_id)s AND m.state = 'posted' AND l.date <= %(end)s
             GROUP BY l.account_id, l.kz_ebk_id) s
      JOIN account_account a ON a.id = s.account_id
      LEFT JOIN kz_gov_ebk e ON e.id = s.kz_ebk_id
"""

#: ФО-2, ФО-3: money items (accounts 10…, ФО-1 line 010) with the counterpart of each — the account of the largest
#: item on the other side of the same entry (DISTINCT ON) — grouped by direction, funding source, counterpart, ЕБК
#: specific and money account ('F' rows); and the money at the start and at the end of both periods ('M' row)
SQL_CASH = """
    WITH money AS (
        SELECT l.move_id, l.date, l.debit, l.credit, l.kz_funding_id, l.kz_ebk_id, l.account_id
          FROM account_move_line l
          JOIN account_move m ON m.id = l.move_id
          JOIN account_account a ON a.id = l.account_id
         WHERE l.company_id = %(company_id)s AND m.state = 'posted' AND a.code LIKE '10%%'
           AND l.date <= %(end)s AND (l.debit <> 0 OR l.credit <> 0)
    ), moves AS (
        SELECT DISTINCT move_id FROM money
         WHERE date BETWEEN %(date_from)s AND %(date_to)s OR date BETWEEN %(cmp_from)s AND %(cmp_to)s
    ), side AS (
        SELECT DISTINCT ON (o.move_id, o.debit > 0) o.move_id, o.debit > 0 AS is_debit, o.account_id, o.kz_ebk_id
          FROM account_move_line o
          JOIN moves ON moves.move_id = o.move_id
         WHERE o.debit <> 0 OR o.credit <> 0
         ORDER BY o.move_id, o.debit > 0, o.debit + o.credit DESC, o.id
    )
    SELECT 'F', CASE WHEN mo.debit > 0 THEN 'IN' ELSE 'OUT' END, mo.kz_funding_id, s.account_id,
           COALESCE(mo.kz_ebk_id, s.kz_ebk_id), mo.account_id,
           SUM(CASE WHEN mo.date BETWEEN %(date_from)s AND %(date_to)s THEN mo.debit + mo.credit ELSE 0 END)::text,
           SUM(CASE WHEN mo.date BETWEEN %(cmp_from)s AND %(cmp_to)s THEN mo.debit + mo.credit ELSE 0 END)::text,
           '0', '0'
      FROM money mo
      LEFT JOIN side s ON s.move_id = mo.move_id AND s.is_debit = (mo.credit > 0)
     WHERE mo.date BETWEEN %(date_from)s AND %(date_to)s OR mo.date BETWEEN %(cmp_from)s AND %(cmp_to)s
     GROUP BY 2, 3, 4, 5, 6
    UNION ALL
    SELECT 'M', NULL, NULL, NULL, NULL, NULL,
           COALESCE(SUM(CASE WHEN date < %(date_from)s THEN debit - credit ELSE 0 END), 0)::text,
           COALESCE(SUM(CASE WHEN date <= %(date_to)s THEN debit - credit ELSE 0 END), 0)::text,
           COALESCE(SUM(CASE WHEN date < %(cmp_from)s THEN debit - credit ELSE 0 END), 0)::text,
           COALESCE(SUM(CASE WHEN date <= %(cmp_to)s THEN debit - credit ELSE 0 END), 0)::text
      FROM money
"""

#: turnover sheet: per account, opening balance and debit/credit turnover of the period
SQL_TURNOVER = """
    SELECT l.account_id,
           SUM(CASE WHEN l.date < %(date_from)s THEN l.debit - l.credit ELSE 0 END)::text,
           SUM(CASE WHEN l.date >= %(date_from)s THEN l.debit ELSE 0 END)::text,
           SUM(CASE WHEN l.date >= %(date_from)s THEN l.credit ELSE 0 END)::text
      FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
     WHERE l.company_id = %(company_id)s AND m.state = 'posted' AND l.date <= %(date_to)s {funding}
     GROUP BY l.account_id
"""

#: Журнал-Главная: opening per account (month NULL) and the turnover per month, journal and account
SQL_JOURNAL_MAIN = """
    SELECT CASE WHEN l.date < %(date_from)s THEN NULL ELSE to_char(l.date, 'YYYY-MM') END,
           CASE WHEN l.date < %(date_from)s THEN NULL ELSE l.journal_id END,
           l.account_id, SUM(l.debit)::text, SUM(l.credit)::text
      FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
     WHERE l.company_id = %(company_id)s AND m.state = 'posted' AND l.date <= %(date_to)s
     GROUP BY 1, 2, 3
"""

#: account card: the opening (kind 0) and the items of the period (kind 1) with the counterpart of each
SQL_CARD = """
    SELECT 0, NULL::date, NULL, NULL, NULL, NULL, NULL, NULL, SUM(l.debit)::text, SUM(l.credit)::text, NULL::int
      FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
     WHERE l.company_id = %(company_id)s AND l.account_id = %(account_id)s AND m.state = 'posted'
       AND l.date < %(date_from)s {funding}
    UNION ALL
    SELECT 1, l.date, m.name, j.code, COALESCE(NULLIF(l.name, ''), m.ref), cp.code, f.code, e.code,
           l.debit::text, l.credit::text, l.id
      FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
      JOIN account_journal j ON j.id = l.journal_id
      LEFT JOIN kz_gov_funding_source f ON f.id = l.kz_funding_id
      LEFT JOIN kz_gov_ebk e ON e.id = l.kz_ebk_id
      LEFT JOIN LATERAL (
            SELECT a.code FROM account_move_line o JOIN account_account a ON a.id = o.account_id
             WHERE o.move_id = l.move_id AND o.id <> l.id
               AND CASE WHEN l.debit > 0 THEN o.credit > 0 ELSE o.debit > 0 END
             ORDER BY o.debit + o.credit DESC, o.id LIMIT 1) cp ON TRUE
     WHERE l.company_id = %(company_id)s AND l.account_id = %(account_id)s AND m.state = 'posted'
       AND l.date >= %(date_from)s AND l.date <= %(date_to)s {funding}
     ORDER BY 1, 2, 11
"""
FUNDING_FILTER = 'AND l.kz_funding_id = %(funding_id)s'


_ACT_TABLES = {}


def _act_tables():
    """The forms of order No. 230 as the act prints them (gov_acts.form_tables), read once per process."""
    if 'forms' not in _ACT_TABLES:
        _ACT_TABLES['forms'] = gov_acts.form_tables()
    return _ACT_TABLES['forms']


def _check_labels(self):
    """The consistency checks of gov_reports.CHECKS, in the language of `self` (the wizard's context)."""
    return {
        'fo1_balance_start': _('Balance at the start: assets (lines 100 + 200) = liabilities and net assets '
                               '(lines 300 + 400 + 500)'),
        'fo1_balance_end': _('Balance at the end: assets (lines 100 + 200) = liabilities and net assets '
                             '(lines 300 + 400 + 500)'),
        'fo3_change': _('Lines 920 + 910 + 911 = line 930 (rules, item 56)'),
        'fo3_change_prior': _('Lines 920 + 910 + 911 = line 930 (rules, item 56), previous period'),
        'scheme_fo1_fo3_start': _('ФО-1 line 010, column 3 = ФО-3 line 920 (annex 10 to the rules)'),
        'scheme_fo1_fo3_end': _('ФО-1 line 010, column 4 = ФО-3 line 930 (annex 10 to the rules)'),
        'scheme_fo1_fo4_start_411': _('ФО-1 line 411, column 3 = ФО-4 line 010, column 4 (annex 10 to the rules)'),
        'scheme_fo1_fo4_start_412': _('ФО-1 line 412, column 3 = ФО-4 line 010, column 5 (annex 10 to the rules)'),
        'scheme_fo1_fo4_end_410': _('ФО-1 line 410, column 4 = ФО-4 line 060, column 3 (annex 10 to the rules)'),
        'scheme_fo1_fo4_end_411': _('ФО-1 line 411, column 4 = ФО-4 line 060, column 4 (annex 10 to the rules)'),
        'scheme_fo1_fo4_end_412': _('ФО-1 line 412, column 4 = ФО-4 line 060, column 5 (annex 10 to the rules)'),
        'scheme_fo2_fo4': _('ФО-2 line 300, column 3 = ФО-4 line 050, column 5 (annex 10 to the rules)'),
        'scheme_fo2_fo4_prior': _('ФО-2 line 300, column 4 = ФО-4 line 110, column 5 (annex 10 to the rules)'),
    }


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:          # 29 February
        return day.replace(year=day.year - 1, day=28)


class KzGovReportWizard(models.TransientModel):
    _name = 'kz.gov.report.wizard'
    _description = 'Financial statements and ledgers'

    def _default_date_to(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today.replace(day=1) - datetime.timedelta(days=1))

    def _default_date_from(self):
        return fields.Date.to_string(to_date(self._default_date_to()).replace(month=1, day=1))

    def _default_comparative_date_from(self):
        return fields.Date.to_string(_year_before(to_date(self._default_date_from())))

    def _default_comparative_date_to(self):
        return fields.Date.to_string(_year_before(to_date(self._default_date_to())))

    def _default_lang(self):
        lang = self.env.context.get('lang') or self.env.user.lang or ''
        return lang if lang in dict(LANGS) else 'kk_KZ'

    report = fields.Selection(REPORTS, string='Report', required=True, default='fo1')
    company_id = fields.Many2one('res.company', string='Organisation', required=True,
                                 default=lambda self: self.env.user.company_id)
    date_from = fields.Date(string='From', required=True, default=_default_date_from)
    date_to = fields.Date(string='To', required=True, default=_default_date_to)
    comparative_date_from = fields.Date(string='Comparative period from', default=_default_comparative_date_from)
    comparative_date_to = fields.Date(string='Comparative period to', default=_default_comparative_date_to)
    account_id = fields.Many2one('account.account', string='Account',
                                 domain="[('company_id', '=', company_id)]")
    funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source',
                                 help='Only the journal items of this funding source (turnover sheet, account card).')
    lang = fields.Selection(LANGS, string='Language', default=_default_lang,
                            help='The language of the printed report; empty: the language of your session.')
    unit = fields.Selection([('thousand', 'Thousand tenge'), ('tenge', 'Tenge')], string='Unit', required=True,
                            default='thousand',
                            help='The unit of the amounts of ФО-1…ФО-4: the forms of order No. 230 state «тысяч '
                                 'тенге» (amounts rounded to a hundred tenge, one decimal place); the checks are '
                                 'computed in tenge. The ledgers are always in tenge.')
    unposted_count = fields.Integer(string='Unposted entries', compute='_compute_unposted')
    unposted_warning = fields.Text(string='Warning', compute='_compute_unposted')

    @api.depends('company_id', 'date_from', 'date_to')
    def _compute_unposted(self):
        for wiz in self:
            count, moves = wiz._unposted_moves()
            wiz.unposted_count = count
            wiz.unposted_warning = wiz._unposted_text(count, moves) if count else False

    @api.onchange('date_from', 'date_to')
    def _onchange_dates(self):
        if self.date_from:
            self.comparative_date_from = fields.Date.to_string(_year_before(to_date(self.date_from)))
        if self.date_to:
            self.comparative_date_to = fields.Date.to_string(_year_before(to_date(self.date_to)))

    @api.onchange('company_id')
    def _onchange_company_id(self):
        if self.account_id and self.account_id.company_id != self.company_id:
            self.account_id = False

    # ------------------------------------------------------------------------------------------------ checks

    @api.multi
    def _check_report_access(self):
        """Bookkeepers, the director and the district department print the reports of the organisations they may
        see (their companies and the schools under them); anyone else gets AccessError. The figures are then read
        in SQL, limited to that organisation."""
        user = self.env.user
        if self.env.uid == 1:
            return
        if not any(user.has_group(g) for g in REPORT_GROUPS):
            raise AccessError(_('Only bookkeepers, the director and the district department may print the '
                                'financial statements and ledgers.'))
        allowed = self.env['res.company'].sudo().search([('id', 'child_of', user.company_ids.ids)])
        for wiz in self:
            if wiz.company_id.sudo() not in allowed:
                raise AccessError(_('You may not print the reports of %s.') % wiz.company_id.sudo().name)

    @api.multi
    def _check_params(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_('The period starts after it ends (%s – %s).') % (format_date(self.date_from),
                                                                             format_date(self.date_to)))
        if self.report in FORM_OF_REPORT and bool(self.comparative_date_from) != bool(self.comparative_date_to):
            raise UserError(_('State both dates of the comparative period, or neither.'))
        if self.comparative_date_from and self.comparative_date_to and \
                self.comparative_date_from > self.comparative_date_to:
            raise UserError(_('The comparative period starts after it ends (%s – %s).')
                            % (format_date(self.comparative_date_from), format_date(self.comparative_date_to)))
        if self.report == 'account_card':
            if not self.account_id:
                raise UserError(_('Choose the account of the card.'))
            if self.account_id.sudo().company_id != self.company_id.sudo():
                raise UserError(_('The account %s does not belong to %s.')
                                % (self.account_id.sudo().code, self.company_id.sudo().name))

    # ------------------------------------------------------------------------------------------------ unposted

    @api.multi
    def _unposted_moves(self):
        """(count, the first UNPOSTED_LISTED draft entries of the period) of the organisation."""
        self.ensure_one()
        if not (self.company_id and self.date_from and self.date_to):
            return 0, self.env['account.move']
        Move = self.env['account.move'].sudo()
        domain = [('company_id', '=', self.company_id.id), ('state', '=', 'draft'),
                  ('date', '>=', self.date_from), ('date', '<=', self.date_to)]
        count = Move.search_count(domain)
        return count, (Move.search(domain, order='date, id', limit=UNPOSTED_LISTED) if count else Move)

    @api.model
    def _unposted_line(self, move):
        label = move.name if move.name and move.name != '/' else (move.ref or '#%d' % move.id)
        return '%s  %s  %s  %s' % (format_date(move.date), move.journal_id.code or '', label,
                                   gr.format_amount(gr.money(str(move.amount)), self.env.lang))

    @api.model
    def _unposted_text(self, count, moves):
        head = _('%s unposted (draft) entries in the period are not included in the report:') % count
        lines = [self._unposted_line(m) for m in moves]
        if count > len(moves):
            lines.append(_('… and %s more') % (count - len(moves)))
        return '\n'.join([head] + lines)

    # ------------------------------------------------------------------------------------------------ actions

    @api.multi
    def _report_action(self, kind):
        self.ensure_one()
        self._check_report_access()
        self._check_params()
        return self.env.ref('kz_gov_account.report_%s_%s' % (self.report, kind)).with_context(
            lang=self._report_lang()).report_action(self, config=False)

    @api.multi
    def _report_lang(self):
        return self.lang or self.env.context.get('lang') or self.env.user.lang or 'en_US'

    @api.multi
    def action_print_pdf(self):
        return self._report_action('pdf')

    @api.multi
    def action_export_xlsx(self):
        return self._report_action('xlsx')

    # ------------------------------------------------------------------------------------------------ data

    @api.multi
    def _params(self):
        self.ensure_one()
        cmp_from = self.comparative_date_from or self.date_from
        cmp_to = self.comparative_date_to or self.date_to
        return {'company_id': self.company_id.id, 'date_from': self.date_from, 'date_to': self.date_to,
                'cmp_from': cmp_from, 'cmp_to': cmp_to, 'end': max(self.date_to, cmp_to),
                'funding_id': self.funding_id.id or None,
                'account_id': self.account_id.id or None}

    @api.multi
    def _has_comparative(self):
        return bool(self.comparative_date_from and self.comparative_date_to)

    @api.multi
    def ledger_balances(self):
        """({(account code, ЕБК code): {'O', 'M', 'D', 'C', 'K'}} of the period, the same of the comparative
        period): one query (see gov_reports for the figures)."""
        self.env.cr.execute(SQL_BALANCES, self._params())
        current, comparative = {}, {}
        for row in self.env.cr.fetchall():
            key = (row[0], row[1])
            current[key] = dict(zip(('O', 'M', 'D', 'C', 'K'), (gr.money(v) for v in row[2:7])))
            comparative[key] = dict(zip(('O', 'M', 'D', 'C', 'K'), (gr.money(v) for v in row[7:12])))
        return current, comparative

    @api.multi
    def cash_figures(self):
        """(flows of the period, flows of the comparative period, money {'open', 'close'} of the period, of the
        comparative period): one query (see gov_reports for the figures)."""
        self.env.cr.execute(SQL_CASH, self._params())
        rows = self.env.cr.fetchall()
        fundings = self._codes('kz.gov.funding.source', {r[2] for r in rows})
        accounts = self._codes('account.account', {r[3] for r in rows} | {r[5] for r in rows})
        ebks = self._codes('kz.gov.ebk', {r[4] for r in rows})
        flows, prior_flows = {}, {}
        money, prior_money = {'open': gr.ZERO, 'close': gr.ZERO}, {'open': gr.ZERO, 'close': gr.ZERO}
        for kind, direction, funding, account, ebk, money_account, v1, v2, v3, v4 in rows:
            if kind == 'F':
                key = (direction, fundings.get(funding, ''), accounts.get(account, ''), ebks.get(ebk, ''),
                       accounts.get(money_account, ''))
                for figures, value in ((flows, v1), (prior_flows, v2)):
                    if value and gr.money(value):
                        figures[key] = figures.get(key, gr.ZERO) + gr.money(value)
            else:
                money = {'open': gr.money(v1), 'close': gr.money(v2)}
                prior_money = {'open': gr.money(v3), 'close': gr.money(v4)}
        return flows, prior_flows, money, prior_money

    @api.multi
    def figures(self, forms=('FO1', 'FO2', 'FO3', 'FO4')):
        """The figures the forms are evaluated on (gov_reports: balances, prior_balances, flows, prior_flows,
        money, prior_money); the cash query only when a form of `forms` needs it."""
        balances, prior_balances = self.ledger_balances()
        figures = {'balances': balances, 'prior_balances': prior_balances}
        if set(forms) & {'FO2', 'FO3'}:
            flows, prior_flows, money, prior_money = self.cash_figures()
            figures.update(flows=flows, prior_flows=prior_flows, money=money, prior_money=prior_money)
        return figures

    @api.model
    def _codes(self, model, ids):
        ids = [i for i in ids if i]
        if not ids:
            return {}
        return {r['id']: r['code'] for r in self.env[model].sudo().with_context(active_test=False).browse(ids)
                .read(['code'])}

    @api.multi
    def _lines(self, form):
        """The parsed lines of a form, with their names in the wizard's language."""
        records = self.env['kz.gov.report.line'].sudo().with_context(lang=self.env.lang).search([('form', '=', form)])
        try:
            return gr.parse_lines([{'form': r.form, 'code': r.code or '', 'name': r.name, 'style': r.style,
                                    'expression': r.expression or '', 'column_expressions': r.column_expressions,
                                    'crossed': r.crossed} for r in records]).get(form, [])
        except gr.ExpressionError as e:
            raise UserError(_('The lines of %s are wrong:\n%s') % (gr.FORM_LABELS[form], '\n'.join(e.errors)))

    @api.multi
    def form_rows_all(self, forms):
        """{form: gov_reports.form_rows(...)} of `forms`, from one set of figures."""
        figures = self.figures(forms)
        return {form: gr.form_rows(form, self._lines(form), figures) for form in forms}, figures

    # ---- the document

    @api.multi
    def report_data(self):
        """The report's content in the wizard's language::

            {'report', 'title', 'form', 'orientation', 'company', 'bin', 'info': [(label, value)],
             'tables': [kz_document.Table], 'checks': [{'label', 'ok', 'left', 'right', 'difference', 'status'}],
             'notes': [...], 'unposted': text or '', 'signatures': [(label, name)], 'labels': {...}, 'lang',
             'decimals', 'figures'}

        Amounts are Decimal, already in the report's unit; 'decimals' is the number of decimal places they are
        shown with (2 in tenge, 1 in thousands of tenge: the money columns carry it). `kz_document()` prints it."""
        self.ensure_one()
        self._check_report_access()
        self._check_params()
        self = self.with_context(lang=self._report_lang())
        company = self.company_id.sudo()
        form = FORM_OF_REPORT.get(self.report)
        title = dict(self._fields['report']._description_selection(self.env))[self.report]
        act = form and self._act_form(form)
        if act:
            title = gr.form_title(act['title'], self.date_to, self.env.lang)
        info = [(_('Organisation'), company.name), (_('BIN'), company.kz_bin or company.vat or ''),
                (_('Period'), '%s – %s' % (format_date(self.date_from), format_date(self.date_to)))]
        if form and self._has_comparative() and form != 'FO1':
            info.append((_('Comparative period'), '%s – %s' % (format_date(self.comparative_date_from),
                                                              format_date(self.comparative_date_to))))
        if self.report in ('turnover', 'account_card') and self.funding_id:
            info.append((_('Funding source'), '%s %s' % (self.funding_id.sudo().code, self.funding_id.sudo().name)))
        unit = self.unit if form else 'tenge'
        info.append((_('Unit'), _('thousand tenge') if unit == 'thousand' else _('tenge')))
        if form:
            info.append((_('Periodicity'), _('half-yearly, yearly')))
        count, moves = self._unposted_moves()
        data = {
            'report': self.report,
            'title': title,
            'form': gr.FORM_LABELS.get(form, ''),
            'orientation': 'landscape' if self.report in LANDSCAPE else 'portrait',
            'company': company.name,
            'bin': company.kz_bin or company.vat or '',
            'info': info,
            'tables': [],
            'checks': [],
            'notes': [],
            'unposted': self._unposted_text(count, moves) if count else '',
            'unposted_count': count,
            'signatures': self._signatures(company),
            'labels': {'checks': _('Consistency checks'), 'check': _('Check'), 'left': _('Left side'),
                       'right': _('Right side'), 'difference': _('Difference'), 'result': _('Result'),
                       'warning': _('Warning'), 'lang': self.env.lang},
            'lang': self.env.lang,
            'unit': unit,
            'decimals': gr.UNITS[unit][1],
        }
        if form and not gr.reporting_period_kind(self.date_from, self.date_to):
            data['notes'].append(_('The period is not a reporting period of order No. 230 (a half-year: 1 January – '
                                   '30 June; a year: 1 January – 31 December): the figures are working figures.'))
        getattr(self, '_data_%s' % self.report)(data)
        return data

    @api.multi
    def kz_document(self):
        """The report as one kz_document.Document (PDF and XLSX): the title block (the form's code top right, the
        organisation, period, unit and periodicity lines), the unposted-entries warning in red, the tables, the
        consistency checks (OK in green, a difference in red), the notes and the signatures."""
        data = self.report_data()
        labels = data['labels']
        document = Document(data['title'], lang=data['lang'] or 'en_US', form=data['form'], header=data['info'],
                            notes=data['notes'], signatures=data['signatures'],
                            landscape=data['orientation'] == 'landscape', sheet=data['form'] or data['report'])
        if data['unposted']:
            document.section(tables=[Table([Column(labels['warning'], width=60)], repeat_header=False,
                                           rows=[[Cell(line, 'warning')] for line in data['unposted'].split('\n')])])
        document.section(tables=data['tables'])
        if data['checks']:
            decimals = data['decimals']
            columns = [Column(labels['check'], width=50)] + [
                Column(labels[key], 'money', width=15, digits=decimals) for key in ('left', 'right', 'difference')
            ] + [Column(labels['result'], width=24)]
            document.section(tables=[Table(columns, caption=labels['checks'], repeat_header=False, rows=[
                [c['label'], c['left'], c['right'], c['difference'], Cell(c['status'], 'ok' if c['ok'] else 'warning')]
                for c in data['checks']])])
        return document

    @api.model
    def _signatures(self, company):
        users = self.env['res.users'].sudo().with_context(active_test=True).search(
            [('company_id', '=', company.id), ('share', '=', False)], order='id')
        system = self.env.ref('base.group_system')

        def who(group):
            group = self.env.ref(group)
            found = users.filtered(lambda u: group in u.groups_id and system not in u.groups_id)[:1]
            return found.name or ''

        return [(_('Head of the organisation'), who('kz_edu_base.group_director')),
                (_('Chief bookkeeper'), who('kz_edu_base.group_chief_bookkeeper'))]

    def _period_head(self, date_from, date_to, balance=False):
        if balance:
            return _('At %s') % format_date(date_to)
        return '%s – %s' % (format_date(date_from), format_date(date_to))

    def _in_unit(self, value, data):
        return gr.in_unit(value, data['unit']) if isinstance(value, Decimal) else value

    def _check_row(self, label, result, data=None):
        ok, left, right, difference = result
        unit = (data or {}).get('unit', 'tenge')
        decimals = gr.UNITS[unit][1]
        return {'label': label, 'ok': ok, 'left': gr.in_unit(left, unit), 'right': gr.in_unit(right, unit),
                'difference': gr.in_unit(difference, unit),
                'status': _('OK') if ok else _('Difference: %s') % gr.format_amount(
                    gr.in_unit(difference, unit), self.env.lang, decimals=decimals)}

    @staticmethod
    def _codes_text(codes):
        return ' + '.join(codes)

    # ---- ФО-1…ФО-4

    def _act_form(self, form):
        """The title and the column heads of a form as the act prints them, in the report's language (Kazakh or
        Russian; English: our translation of the Russian text)."""
        tables = _act_tables()
        table = tables[form]
        lang = gr.lang_key(self.env.lang)
        if lang == 'kk':
            return {'title': table.heading_kk, 'head': table.head_kk}
        if lang == 'ru':
            return {'title': table.heading_ru, 'head': table.head_ru}
        english = {
            'FO1': (_('Balance sheet'), [_('Assets'), _('Line code'), _('At the start of the reporting period'),
                                         _('At the end of the reporting period')]),
            'FO2': (_('Report on the results of financial activity'),
                    [_('Indicators'), _('Line code'), _('Reporting period'), _('Previous period')]),
            'FO3': (_('Report on the movement of money on the accounts of the state institution by funding '
                      'source (direct method)'),
                    [_('Indicators'), _('Line code'), _('Reporting period'), _('Previous period')]),
            'FO4': (_('Report on changes in net assets/capital'),
                    [_('Indicators'), _('Line code'), _('Financing of capital investments'), _('Reserves'),
                     _('Accumulated financial result'), _('Total net assets/capital')]),
        }[form]
        return {'title': english[0], 'head': english[1]}

    @staticmethod
    def _row(cells, style):
        """A row of a statement or ledger in its look: a section heading shaded, a total in bold."""
        if style == 'section':
            return Row(cells, 'subtotal')
        if style == 'total':
            return Row([cell if isinstance(cell, Cell) else Cell(cell, 'bold') for cell in cells])
        return Row(cells)

    def _form_table(self, form, rows, data):
        act = self._act_form(form)
        heads = list(act['head'])
        if form in ('FO2', 'FO3'):
            heads[2] += '\n' + self._period_head(self.date_from, self.date_to)
            if self._has_comparative():
                heads[3] += '\n' + self._period_head(self.comparative_date_from, self.comparative_date_to)
        elif form == 'FO1':
            heads[2] += '\n' + format_date(self.date_from)
            heads[3] += '\n' + format_date(self.date_to)
        columns = [Column(heads[0], width=55), Column(heads[1], 'code', width=7)] + [
            Column(label, 'money', width=17, digits=data['decimals']) for label in heads[2:]]
        table_rows = []
        for row in rows:
            values = list(row['values'])
            if form in ('FO2', 'FO3') and not self._has_comparative():
                values[1] = None
            cells = [row['name'], row['code']]
            for index, value in enumerate(values):
                crossed = form == 'FO4' and (index + 3) in row['crossed']
                cells.append(Cell.crossed() if crossed else self._in_unit(value, data))
            table_rows.append(self._row(cells, row['style']))
        return Table(columns, rows=table_rows)

    def _form_checks(self, form, rows_by_form, data):
        labels = _check_labels(self)
        for check_id, _label, result in gr.checks_of(form, rows_by_form):
            if check_id.endswith('_prior') and not self._has_comparative():
                continue
            data['checks'].append(self._check_row(labels[check_id], result, data))

    def _data_form(self, data, form):
        rows_by_form, figures = self.form_rows_all(gr.forms_needed(form))
        rows = rows_by_form[form]
        data['tables'].append(self._form_table(form, rows, data))
        self._form_checks(form, rows_by_form, data)
        if form in ('FO1', 'FO2'):
            lines = self._lines(form)
            gaps = gr.mapping_gaps(lines, figures['balances'], form)
            label = (_('Every account with a balance is shown on a line of the form') if form == 'FO1' else
                     _('Every income and expense account is shown on a line of the form'))
            data['checks'].append({'label': label, 'ok': not gaps, 'left': None, 'right': None, 'difference': None,
                                   'status': _('OK') if not gaps else _('Not shown: %s') % ', '.join(gaps)})
        data['figures'] = {'rows': rows, 'rows_by_form': rows_by_form}

    def _data_fo1(self, data):
        self._data_form(data, 'FO1')

    def _data_fo2(self, data):
        self._data_form(data, 'FO2')

    def _data_fo3(self, data):
        self._data_form(data, 'FO3')

    def _data_fo4(self, data):
        self._data_form(data, 'FO4')

    # ---- ledgers

    def _account_names(self, ids):
        accounts = self.env['account.account'].sudo().with_context(lang=self.env.lang).browse(list(ids))
        return {a.id: (a.code, a.name) for a in accounts}

    def _funding_params(self):
        params = self._params()
        return params, (FUNDING_FILTER if self.funding_id else '')

    def _data_turnover(self, data):
        params, funding = self._funding_params()
        self.env.cr.execute(SQL_TURNOVER.format(funding=funding), params)
        rows = self.env.cr.fetchall()
        names = self._account_names(r[0] for r in rows)
        sheet = gr.turnover_sheet([{'code': names[a][0], 'name': names[a][1], 'opening': gr.money(o),
                                    'debit': gr.money(d), 'credit': gr.money(c)} for a, o, d, c in rows])
        head = [[Head(_('Account'), rowspan=2), Head(_('Account name'), rowspan=2),
                 Head(_('Balance at %s') % format_date(self.date_from), colspan=2),
                 Head(_('Turnover for the period'), colspan=2),
                 Head(_('Balance at %s') % format_date(self.date_to), colspan=2)],
                [Head(_('Debit')), Head(_('Credit'))] * 3]
        keys = ('open_dt', 'open_ct', 'debit', 'credit', 'close_dt', 'close_ct')
        columns = [Column(_('Account'), 'code', width=9), Column(_('Account name'), width=45)] + [
            Column(key, 'money', width=16) for key in keys]
        data['tables'].append(Table(columns, head=head, rows=[[r['code'], r['name']] + [r[k] for k in keys]
                                                              for r in sheet['rows']],
                                    total=[_('Total'), ''] + [sheet['totals'][k] for k in keys]))
        for key, label in (('opening', _('Opening balances: debit = credit')),
                           ('turnover', _('Turnover: debit = credit')),
                           ('closing', _('Closing balances: debit = credit'))):
            data['checks'].append(self._check_row(label, sheet['checks'][key]))
        if self.funding_id:
            data['notes'].append(_('Only the items of one funding source: the totals need not balance.'))
        data['figures'] = sheet

    def _data_account_card(self, data):
        params, funding = self._funding_params()
        self.env.cr.execute(SQL_CARD.format(funding=funding), params)
        opening, items = gr.ZERO, []
        for kind, date, entry, journal, label, counterpart, fcode, ecode, debit, credit, _id in self.env.cr.fetchall():
            if kind == 0:
                opening = gr.money(debit) - gr.money(credit)
            else:
                items.append({'date': format_date(date), 'entry': entry or '', 'journal': journal or '',
                              'label': label or '',
                              'counterpart': counterpart or '', 'funding': fcode or '', 'ebk': ecode or '',
                              'debit': debit, 'credit': credit})
        card = gr.account_card(opening, items)
        account = self.account_id.sudo().with_context(lang=self.env.lang)
        data['info'].insert(3, (_('Account'), '%s %s' % (account.code, account.name)))
        columns = [Column(_('Date'), 'code', width=11), Column(_('Entry'), width=14), Column(_('Journal'), 'code',
                                                                                          width=12),
                   Column(_('Description'), width=35), Column(_('Counterpart account'), 'code', width=11),
                   Column(_('Funding source'), 'code', width=11), Column(_('ЕБК specific'), 'code', width=11)] + [
            Column(label, 'money', width=15) for label in (_('Debit'), _('Credit'), _('Balance, debit'),
                                                          _('Balance, credit'))]
        o_dt, o_ct = gr.split_balance(card['opening'])
        rows = [self._row([_('Balance at %s') % format_date(self.date_from)] + [''] * 6 + [None, None, o_dt, o_ct],
                          'total')]
        for r in card['rows']:
            b_dt, b_ct = gr.split_balance(r['balance'])
            rows.append([r['date'], r['entry'], r['journal'], r['label'], r['counterpart'], r['funding'], r['ebk'],
                         r['debit'], r['credit'], b_dt, b_ct])
        c_dt, c_ct = gr.split_balance(card['closing'])
        rows.append(self._row([_('Turnover for the period')] + [''] * 6 + [card['debit'], card['credit'], None, None],
                              'total'))
        rows.append(self._row([_('Balance at %s') % format_date(self.date_to)] + [''] * 6 + [None, None, c_dt, c_ct],
                              'total'))
        data['tables'].append(Table(columns, rows=rows))
        data['figures'] = card

    def _data_journal_main(self, data):
        params = self._params()
        self.env.cr.execute(SQL_JOURNAL_MAIN, params)
        rows = self.env.cr.fetchall()
        names = self._account_names({r[2] for r in rows})
        journals = self.env['account.journal'].sudo().with_context(lang=self.env.lang).browse(
            list({r[1] for r in rows if r[1]}))
        journal_order = [j.id for j in journals.sorted(lambda j: (j.sequence, j.code or '', j.id))]
        opening, turnovers = {}, []
        for month, journal, account, debit, credit in rows:
            code = names[account][0]
            if month is None:
                opening[code] = opening.get(code, gr.ZERO) + gr.money(debit) - gr.money(credit)
            else:
                turnovers.append((month, journal, code, debit, credit))
        start, end = to_date(self.date_from), to_date(self.date_to)
        months, day = [], start.replace(day=1)
        while day <= end:
            months.append(day.strftime('%Y-%m'))
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        book = gr.journal_main(opening, turnovers, months=months, journals=journal_order)
        accounts = book['accounts']
        journal_names = {j.id: '%s %s' % (j.code or '', j.name) for j in journals}
        head = [[Head(_('Memorial order (journal)'), rowspan=2), Head(_('Amount'), rowspan=2)] +
                [Head(code, colspan=2) for code in accounts],
                [Head(_('Dt')), Head(_('Ct'))] * len(accounts)]
        columns = [Column(_('Memorial order (journal)'), width=35), Column(_('Amount'), 'money', width=14)] + [
            Column(code, 'money', width=13) for code in accounts for _side in (0, 1)]
        table_rows = []
        for row in book['rows']:
            kind, month = row['kind'], row['month']
            if kind == 'opening':
                label, style = _('Balance at %s') % format_date(self.date_from), 'total'
            elif kind == 'journal':
                label, style = journal_names.get(row['journal'], ''), 'line'
            elif kind == 'month_total':
                label, style = _('Turnover for %s') % self._month_label(month), 'total'
            elif kind == 'month_closing':
                label, style = _('Balance at the end of %s') % self._month_label(month), 'section'
            elif kind == 'total':
                label, style = _('Turnover for the period'), 'total'
            else:
                label, style = _('Balance at %s') % format_date(self.date_to), 'total'
            cells = [label, row['amount']]
            for code in accounts:
                dt, ct = row['cells'].get(code, (None, None))
                cells += [dt or None, ct or None]
            table_rows.append(self._row(cells, style))
        # five accounts a page in the PDF, the journal and the amount repeated; the whole book in the XLSX
        data['tables'].append(Table(columns, head=head, rows=table_rows, split=(2, 10)))
        data['notes'].append(_('Accounts: %s') % '; '.join('%s %s' % names_code for names_code in
                                                             sorted(set(names.values()))))
        for month, result in book['checks'].items():
            data['checks'].append(self._check_row(_('Turnover for %s: debit = credit') % self._month_label(month),
                                                  result))
        closing_dt = sum((gr.split_balance(v)[0] for v in book['closing'].values()), gr.ZERO)
        closing_ct = sum((gr.split_balance(v)[1] for v in book['closing'].values()), gr.ZERO)
        data['checks'].append(self._check_row(_('Balances at %s: debit = credit') % format_date(self.date_to),
                                              gr.check(closing_dt, closing_ct)))
        data['figures'] = book

    def _month_label(self, month):
        return gov_ledger.period_name(month + '-01', self.env.lang or 'en_US')
