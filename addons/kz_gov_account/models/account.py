# -*- coding: utf-8 -*-
"""Accounts, journal entries and journal items of a state institution (ACC-01, ACC-02).

Every journal item carries two explicit dimensions, the ЕБК economic specific (`kz_ebk_id`) and the funding
source (`kz_funding_id`), required where the account says so (`kz_requires_ebk`, `kz_requires_funding`, set from
the chart template). Explicit indexed fields rather than analytic accounts: both are single-valued per item,
every report groups by them in SQL, and Odoo 11 analytic tags would need a join per dimension.

The posting rules themselves are pure Python (gov_ledger.py); this module binds them to the ORM: the checks run
when an entry is posted (`_post_validate`), a closed period is refused with a message naming it
(`_check_lock_date`), and `account.move.kz_bulk_post` writes many posted entries set-based after validating all
of them. The chart is loaded into companies by `account.chart.template.kz_gov_load_for_companies`.
"""
import collections
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kz_edu_base.internal import is_internal

from .. import gov_entries
from .. import gov_ledger
from .. import gov_reports

_logger = logging.getLogger(__name__)

CHART_XMLID = 'kz_gov_account.chart_template_kz_gov'
# the first problems of a refused batch that are listed in the message
MAX_LISTED_PROBLEMS = 20
# what may still be written on a posted entry (its reference and note); everything else is the entry itself
POSTED_MOVE_FREE_FIELDS = frozenset(['ref', 'narration'])
# dimensions of a posted journal item that Odoo's own _update_check leaves open but the budget reports read
POSTED_LINE_LOCKED_FIELDS = frozenset(['kz_ebk_id', 'kz_funding_id', 'analytic_account_id', 'analytic_tag_ids',
                                       'tax_ids', 'tax_line_id', 'product_id', 'quantity', 'company_id'])


def _amount(value, lang=None):
    """1234567.8 -> '1 234 567,80' in Kazakh and Russian (the separators of the screens), '1,234,567.80' in
    English."""
    return gov_reports.format_amount(gov_ledger.money(value), lang)


class AccountGroup(models.Model):
    _inherit = 'account.group'

    # sections and sub-sections of the chart are shared by all companies: their names are translated (kk/ru)
    name = fields.Char(translate=True)
    kz_act_code = fields.Char(string='Code in the act',
                              help='The code as annex 1 of order No. 170 prints it (1000, 7000 – 7100, 1040); empty '
                                   'for a section.')
    kz_act_row = fields.Integer(string='Row of the act', help='The row of annex 1 of order No. 170.')


class AccountAccountTemplate(models.Model):
    _inherit = 'account.account.template'

    kz_requires_ebk = fields.Boolean(string='Requires ЕБК specific')
    kz_requires_funding = fields.Boolean(string='Requires funding source')
    kz_kind = fields.Char(string='Role in the chart', help='Technical role of the account (e.g. cash_desk).')
    kz_act_row = fields.Integer(string='Row of the act', help='The row of annex 1 of order No. 170.')


class AccountAccount(models.Model):
    _inherit = 'account.account'

    kz_requires_ebk = fields.Boolean(string='Requires ЕБК specific',
                                     help='Every journal item on this account must carry an ЕБК economic specific.')
    kz_requires_funding = fields.Boolean(string='Requires funding source',
                                         help='Every journal item on this account must carry a funding source.')
    kz_kind = fields.Char(string='Role in the chart', index=True,
                          help='Technical role of the account in the chart (e.g. plan_local_current, expense_payroll).')


class AccountChartTemplate(models.Model):
    _inherit = 'account.chart.template'

    kz_edition = fields.Char(string='Edition of the act', help='Which act and edition the chart reproduces.')

    def _get_account_vals(self, company, account_template, code_acc, tax_template_ref):
        vals = super(AccountChartTemplate, self)._get_account_vals(company, account_template, code_acc,
                                                                   tax_template_ref)
        if account_template.chart_template_id == self.env.ref(CHART_XMLID, raise_if_not_found=False):
            # the codes as the act prints them: Odoo pads codes shorter than code_digits with zeros (01 → 0100),
            # which would turn the off-balance accounts 01–09 into codes the act does not have
            vals['code'] = account_template.code
        vals.update({'kz_requires_ebk': account_template.kz_requires_ebk,
                     'kz_requires_funding': account_template.kz_requires_funding,
                     'kz_kind': account_template.kz_kind})
        return vals

    @api.multi
    def _prepare_all_journals(self, acc_template_ref, company, journals_dict=None):
        journals = super(AccountChartTemplate, self)._prepare_all_journals(acc_template_ref, company,
                                                                           journals_dict=journals_dict)
        if self != self.env.ref(CHART_XMLID, raise_if_not_found=False):
            return journals
        # a state institution keeps its general entries in memorial orders (created by _kz_gov_create_journals),
        # not in Odoo's "Miscellaneous Operations"; it has no cash-basis taxes. The codes are compared as
        # account's _() produced them, in the company's language.
        lang = self.env.lang
        translate = self.env['ir.translation']._get_source
        dropped = {translate(None, ('code', 'sql_constraint'), lang, code) if lang else code
                   for code in ('MISC', 'CABA')}
        return [j for j in journals if not (j['type'] == 'general' and j['code'] in dropped)]

    def _kz_gov_journal_specs(self):
        """[(code, type, English name, money account role or None, sequence)] of the journals a state school
        needs besides Odoo's sales, purchase and exchange journals. One bank journal per money account of the
        chart a school uses (order No. 170: the planned assignments of the individual financing plan of the local
        and of the republican budget, current and capital; the КСН of paid services and of charitable aid; the
        current account), the cash desk, memorial orders for general entries and payroll. Names are code terms,
        translated in kk.po/ru.po."""
        self = self.with_context(lang='en_US')      # _() below returns the English source
        return [
            ('ИПФ', 'bank', _('Planned assignments, individual financing plan (local budget)'),
             'plan_local_current', 11),
            ('ИПФК', 'bank', _('Planned assignments, capital investments (local budget)'), 'plan_local_capital', 12),
            ('ИПФР', 'bank', _('Planned assignments, individual financing plan (republican budget)'),
             'plan_rep_current', 13),
            ('ИПФРК', 'bank', _('Planned assignments, capital investments (republican budget)'),
             'plan_rep_capital', 14),
            ('КСНАҚ', 'bank', _('Control account: paid services'), 'cash_paid_services', 15),
            ('КСНҚК', 'bank', _('Control account: charitable aid'), 'cash_charity', 16),
            ('АШ', 'bank', _('Current account'), 'current_account', 17),
            ('КАССА', 'cash', _('Cash desk'), 'cash_desk', 18),
            ('МО', 'general', _('Memorial orders (general entries)'), None, 20),
            ('ЖАЛ', 'general', _('Payroll'), None, 21),
        ]

    @api.model
    def kz_gov_journal(self, company, role):
        """The company's journal for a role: 'memorial', 'payroll' or a money account role (plan_local_current,
        cash_paid_services …)."""
        code = {'memorial': 'МО', 'payroll': 'ЖАЛ'}.get(role)
        if code is None:
            code = next((spec[0] for spec in self._kz_gov_journal_specs() if spec[3] == role), None)
        return self.env['account.journal'].search([('company_id', '=', company.id), ('code', '=', code)], limit=1)

    @api.multi
    def _kz_gov_create_journals(self, company):
        """Create the journals of _kz_gov_journal_specs that the company does not have yet (by code)."""
        self.ensure_one()
        Journal = self.env['account.journal'].sudo().with_context(lang='en_US')
        existing = set(Journal.search([('company_id', '=', company.id)]).mapped('code'))
        created = Journal.browse()
        for code, jtype, name, role, sequence in self._kz_gov_journal_specs():
            if code in existing:
                continue
            vals = {'name': name, 'code': code, 'type': jtype, 'company_id': company.id, 'sequence': sequence,
                    'show_on_dashboard': jtype != 'general' or code == 'МО'}
            if role:
                account = self.env['account.account'].sudo().search(
                    [('company_id', '=', company.id), ('kz_kind', '=', role), ('internal_type', '=', 'liquidity')],
                    order='code', limit=1)
                if not account:
                    continue
                vals.update(default_debit_account_id=account.id, default_credit_account_id=account.id)
            created |= Journal.create(vals)
        return created

    @api.multi
    def _kz_gov_translate(self, companies):
        """Copy the kk/ru names of the account templates to the companies' accounts (l10n_multilang) and name
        the journals of _kz_gov_journal_specs in kk/ru from the module's translations of their English names."""
        self.ensure_one()
        installed = dict(self.env['res.lang'].get_installed())
        langs = [l for l in (self.spoken_languages or '').split(';') if l in installed]
        if not langs:
            return
        Translation = self.env['ir.translation']
        specs = self._kz_gov_journal_specs()
        for company in companies:
            self._process_accounts_translations(company.id, langs, 'name')
            journals = self.env['account.journal'].sudo().with_context(lang='en_US').search(
                [('company_id', '=', company.id), ('code', 'in', [s[0] for s in specs])])
            for journal in journals:
                source = next(s[2] for s in specs if s[0] == journal.code)
                if journal.name != source:
                    continue            # renamed by the users: keep their name
                for lang in langs:
                    value = Translation._get_source(None, ('code',), lang, source)
                    if value and value != source:
                        Translation._set_ids('account.journal,name', 'model', lang, journal.ids, value, source)
            self._kz_gov_translate_other_journals(company, langs)

    @api.model
    def _kz_other_journal_names(self):
        """[(domain, English name)] of the journals made by Odoo's chart wizard and by other addons that a school
        on this chart has besides its own (their names were written in the language of whoever loaded the chart:
        Russian «Счета заказчику» on Kazakh screens, issue #13.8). The English names are terms of this module,
        translated in its kk.po/ru.po."""
        self = self.with_context(lang='en_US')      # _() below returns the English source
        return [
            ([('type', '=', 'sale')], _('Customer Invoices')),
            ([('type', '=', 'purchase')], _('Vendor Bills')),
            ([('code', '=', 'EXCH')], _('Exchange Difference')),
            ([('code', '=', 'CABA')], _('Cash Basis Tax Journal')),
            ([('code', '=', 'STJ')], _('Stock Journal')),
        ]

    @api.multi
    def _kz_gov_translate_other_journals(self, company, langs):
        """Name the journals of _kz_other_journal_names in English (the source) and in ``langs`` from this module's
        translations, when their name is still the one the wizard gave them (in any language); a journal renamed
        by the users keeps its name."""
        Journal = self.env['account.journal'].sudo().with_context(lang='en_US')
        Translation = self.env['ir.translation']
        all_langs = [code for code, _name in self.env['res.lang'].get_installed()]
        for domain, source in self._kz_other_journal_names():
            # the name in every installed language (Odoo's translations of account and this module's)
            names = {source} | {Translation._get_source(None, ('code',), lang, source) for lang in all_langs}
            journals = Journal.search([('company_id', '=', company.id)] + domain).filtered(lambda j: j.name in names)
            if not journals:
                continue
            journals.write({'name': source})
            for lang in langs:
                value = Translation._get_source(None, ('code',), lang, source)
                if value and value != source:
                    Translation._set_ids('account.journal,name', 'model', lang, journals.ids, value, source)

    @api.model
    def _kz_gov_forget_company_defaults(self, company):
        """Before a generic chart is replaced: drop the default product taxes it set for the company (they point
        to taxes that the chart wizard deletes)."""
        defaults = self.env['ir.default'].sudo().search([
            ('company_id', '=', company.id), ('field_id.model', '=', 'product.template'),
            ('field_id.name', 'in', ('taxes_id', 'supplier_taxes_id'))])
        defaults.unlink()

    @api.model
    def kz_gov_cancel_generic_chart_install(self):
        """account's post-init hook marks Odoo's generic chart (l10n_generic_coa) for installation when the main
        company's country has no localisation module, which is the case of Kazakhstan in Odoo 11. This addon is
        the chart of the organisations it serves: a generic chart installed after it would post Odoo's demo
        invoices into a company that keeps its books on this chart. The pending installation is cancelled;
        a generic chart installed explicitly before stays as it is (and is replaced where there are no entries)."""
        pending = self.env['ir.module.module'].sudo().search([('name', '=', 'l10n_generic_coa'),
                                                              ('state', '=', 'to install')])
        if pending:
            # with the localisations that need it (l10n_us when the main company was American at that moment)
            pending |= pending.downstream_dependencies(exclude_states=('uninstalled', 'uninstallable', 'to remove',
                                                                       'installed', 'to upgrade')
                                                       ).filtered(lambda m: m.state == 'to install')
            _logger.info('%s not installed: the chart of state institutions is used instead',
                         ', '.join(pending.mapped('name')))
            pending.button_install_cancel()
        return bool(pending)

    @api.model
    def kz_gov_load_for_companies(self, companies):
        """Load the chart of state institutions into each of `companies` that does not use it yet, the way
        Odoo's own set-up wizard does (wizard.multi.charts.accounts, as superuser, with the company set); a
        generic chart is replaced when the company has no accounting entries, a company with entries on another
        chart is skipped with a warning. Then create the journals a state school needs and copy the kk/ru names.
        Calling it again creates nothing. Returns the companies the chart was loaded into."""
        chart = self.env.ref(CHART_XMLID).sudo()
        Wizard = self.env['wizard.multi.charts.accounts'].sudo()
        loaded = self.env['res.company']
        for company in companies.sudo():
            if company.chart_template_id != chart:
                has_accounts = self.env['account.account'].sudo().search_count([('company_id', '=', company.id)])
                if has_accounts:
                    if Wizard.existing_accounting(company):
                        _logger.warning('%s keeps its chart %s: it already has accounting entries', company.name,
                                        company.chart_template_id.name)
                        continue
                    self._kz_gov_forget_company_defaults(company)
                wizard = Wizard.create({
                    'company_id': company.id, 'chart_template_id': chart.id, 'code_digits': chart.code_digits,
                    'transfer_account_id': chart.transfer_account_id.id, 'currency_id': chart.currency_id.id,
                    'bank_account_code_prefix': chart.bank_account_code_prefix,
                    'cash_account_code_prefix': chart.cash_account_code_prefix,
                    'bank_account_ids': [],     # the money journals come from the chart's own accounts
                })
                wizard.execute()
                wizard.unlink()         # a throwaway record that would hold the templates (a later -u deletes some)
                loaded |= company
                _logger.info('chart of state institutions loaded into %s', company.name)
            chart._kz_gov_create_journals(company)
        users_of_chart = companies.sudo().filtered(lambda c: c.chart_template_id == chart)
        chart._kz_gov_translate(users_of_chart)
        return loaded


class AccountMove(models.Model):
    _inherit = 'account.move'

    kz_closing = fields.Boolean(
        string='Closing entry', readonly=True, copy=False, index=True, default=False,
        help='A closing entry of a reporting period (order No. 230, rules item 21; entries 322–325 of order No. '
             '170): the statements leave it out of the movement of the period (ФО-2), the balances include it.')

    # ------------------------------------------------------------------------------------------ posting rules
    @api.multi
    def _kz_label(self):
        self.ensure_one()
        label = self.name if self.name and self.name != '/' else _('draft entry #%s') % self.id
        return '%s (%s)' % (label, self.ref) if self.ref else label

    @api.model
    def _kz_problem_text(self, problem):
        """A gov_ledger problem as a translated sentence."""
        code = problem['code']
        item = (problem.get('line') or 0) + 1
        account = problem.get('account') or '?'
        if code == 'missing_ebk':
            return _('account %s: the item has no ЕБК economic specific') % account
        if code == 'missing_funding':
            return _('account %s: the item has no funding source') % account
        if code == 'unbalanced':
            return _('not balanced: debit %s, credit %s, difference %s') % (
                _amount(problem['debit'], self.env.lang), _amount(problem['credit'], self.env.lang),
                _amount(problem['difference'], self.env.lang))
        if code == 'empty':
            return _('the entry has no items')
        if code == 'unknown_account':
            return _('item %s: the account does not exist or belongs to another organisation') % item
        if code == 'bad_amount':
            return _('item %s, account %s: the amount is not a whole number of tiyn') % (item, account)
        if code == 'negative':
            return _('item %s, account %s: negative amount') % (item, account)
        if code == 'both_sides':
            return _('item %s, account %s: an item is either a debit or a credit, not both') % (item, account)
        if code == 'ebk_not_specific':
            return _('account %s: %s is not an ЕБК economic specific (choose a specific, not a group)') % (
                account, problem.get('ebk'))
        if code == 'no_date':
            return _('the entry has no date')
        if code == 'off_balance_mixed':
            return _('off-balance accounts (01–09) and accounts of the balance sheet in one entry: what is kept off '
                     'the balance is recorded in entries of its own')
        return code

    @api.model
    def _kz_accounts_info(self, accounts):
        return {a.id: {'code': a.code, 'requires_ebk': a.kz_requires_ebk, 'requires_funding': a.kz_requires_funding,
                       'off_balance': a.kz_kind == 'off_balance', 'company_id': a.company_id.id} for a in accounts}

    @api.multi
    def _kz_check_dimensions(self):
        """Refuse an entry with an unbalanced total or an item lacking a required ЕБК specific / funding source;
        the message names the entry, the accounts and what is missing."""
        for move in self:
            lines = move.line_ids
            if not lines:
                continue
            info = self._kz_accounts_info(lines.mapped('account_id'))
            items = [{'account_id': l.account_id.id, 'debit': l.debit, 'credit': l.credit,
                      'kz_ebk_id': l.kz_ebk_id.id, 'kz_funding_id': l.kz_funding_id.id} for l in lines]
            problems = gov_ledger.validate_entry(items, info)
            problems += [{'code': 'ebk_not_specific', 'line': i, 'account': l.account_id.code,
                          'ebk': l.kz_ebk_id.display_name}
                         for i, l in enumerate(lines) if l.kz_ebk_id and l.kz_ebk_id.level != 'specific']
            if problems:
                raise UserError(_('The journal entry %s cannot be posted:\n%s') % (
                    move._kz_label(), '\n'.join('- ' + self._kz_problem_text(p) for p in problems)))

    @api.multi
    def _post_validate(self):
        self._kz_check_dimensions()
        for company in self.mapped('company_id'):
            moves = self.filtered(lambda m: m.company_id == company)
            items = [{'date': l.date, 'funding_id': l.kz_funding_id.id, 'ebk_id': l.kz_ebk_id.id,
                      'credit': gov_ledger.money(l.credit)}
                     for l in moves.mapped('line_ids') if l.credit and (l.account_id.kz_kind or '').startswith('plan_')
                     and (l.kz_std_entry or '') not in gov_entries.plan_closing_entries()]
            problems = self._kz_payment_problems(company, items) if items else []
            if problems:
                raise UserError('\n'.join(problems))
        return super(AccountMove, self)._post_validate()

    @api.model
    def _kz_payment_problems(self, company, items):
        """Messages for the payments among `items` ([{'date', 'funding_id', 'ebk_id', 'credit'}]: credits of the
        planned assignments of the budget) that the approved plan of payments does not allow; [] when all fit.
        The check is the financing plans' (kz_gov_finplan.py)."""
        return []

    @api.model
    def _kz_lock_date(self, company):
        """The date up to which the company's books are closed for the current user (Odoo's rule: advisers are
        held by the fiscal year lock date only, others by the later of both lock dates), or False."""
        if self.user_has_groups('account.group_account_manager'):
            lock = company.fiscalyear_lock_date
        else:
            lock = max(company.period_lock_date or '', company.fiscalyear_lock_date or '')
        return lock or False

    @api.model
    def _kz_lock_message(self, label, date, lock_date):
        lang = self.env.lang
        return _('%s: %s is a closed period (the books are locked up to and including %s); entries dated on or '
                 'before the lock date cannot be added or changed. Ask the chief bookkeeper.') % (
            label, gov_ledger.period_name(date, lang), gov_ledger.format_date(lock_date, lang))

    @api.multi
    def _check_lock_date(self):
        for move in self:
            lock_date = self._kz_lock_date(move.company_id)
            if gov_ledger.is_locked(move.date, lock_date):
                raise UserError(self._kz_lock_message(move._kz_label(), move.date, lock_date))
        return True

    # ------------------------------------------------------------------------------------------ posted = closed
    @api.multi
    def write(self, vals):
        """A posted entry keeps its date, journal, items, number and company: Odoo 11 checks the items
        (account.move.line._update_check) but not the entry's own date and journal, which the items follow as
        stored related fields, so a posted entry could be re-dated into or out of a closed period. A correction is a
        reversing entry (Reverse Entry) and a new one. A draft entry re-dated is checked against the lock date on
        its old and its new date. The state goes back to draft only through Cancel Entry (journals allowing it)."""
        if not is_internal(self.env.context, 'kz_lock_internal'):
            if vals.get('state', 'posted') != 'posted' and self.filtered(lambda m: m.state == 'posted'):
                raise UserError(_('A posted entry is not set back to draft by hand: reverse it (Reverse Entry) or, '
                                  'where the journal allows cancelling entries, cancel it.'))
            locked = set(vals) - POSTED_MOVE_FREE_FIELDS - {'state'}
            posted = self.filtered(lambda m: m.state == 'posted') if locked else self.browse()
            if posted:
                raise UserError(_('The journal entry %s is posted: its date, journal, items and number can no longer '
                                  'change. Reverse it (Reverse Entry) and post a corrected entry.')
                                % posted[0]._kz_label())
            if {'date', 'journal_id', 'company_id'} & set(vals):
                self._check_lock_date()               # out of a closed period
        result = super(AccountMove, self).write(vals)
        if {'date', 'journal_id', 'company_id'} & set(vals) and not is_internal(self.env.context, 'kz_lock_internal'):
            self._check_lock_date()                   # into a closed period
        return result

    # ------------------------------------------------------------------------------------------ bulk posting
    @api.model
    def kz_bulk_post(self, journal, entries):
        """Post many entries into `journal` at once and return the ids of the new account.move records, in the
        order of `entries`.

        entries: [{'date': 'YYYY-MM-DD' | date, 'ref': str, 'narration'?: str, 'closing'?: bool,
                   'lines': [{'account_id', 'debit', 'credit', 'name'?, 'partner_id'?, 'kz_ebk_id'?,
                              'kz_funding_id'?, 'kz_std_entry'?, 'date_maturity'?}, ...]}, ...]

        Every entry is validated first with the posting rules (gov_ledger: balance to the tiyn, required ЕБК and
        funding source, accounts of the journal's company, open period); when one fails, nothing is written and
        the UserError lists the problems. The entries are then written posted, with their numbers reserved from
        the journal's sequence in one step per sequence range, by one INSERT per 1 000 rows (kz.edu.demo
        .bulk_insert) with every stored column Odoo computes itself (balance, cash basis, residual, currency,
        account type, company, partner and amount of the entry). About 0.3 ms a line; through create() and
        post() it costs 30-60 ms a line (recomputation of the stored fields line by line)."""
        journal = journal if isinstance(journal, models.BaseModel) else self.env['account.journal'].browse(journal)
        journal.ensure_one()
        self.check_access_rights('create')
        self.env['account.move.line'].check_access_rights('create')
        journal.check_access_rule('read')
        if not entries:
            return []
        company = journal.company_id
        account_ids = {l.get('account_id') for e in entries for l in e.get('lines') or []}
        accounts = self.env['account.account'].sudo().browse([a for a in account_ids if a]).exists()
        info = {aid: i for aid, i in self._kz_accounts_info(accounts).items() if i['company_id'] == company.id}
        ebks = self.env['kz.gov.ebk'].sudo().browse(
            list({l.get('kz_ebk_id') for e in entries for l in e.get('lines') or [] if l.get('kz_ebk_id')})).exists()
        not_specific = {e.id: e.display_name for e in ebks if e.level != 'specific'}
        unknown_ebk = {l.get('kz_ebk_id') for e in entries for l in e.get('lines') or []
                       if l.get('kz_ebk_id')} - set(ebks.ids)
        fundings = {l.get('kz_funding_id') for e in entries for l in e.get('lines') or [] if l.get('kz_funding_id')}
        unknown_funding = fundings - set(self.env['kz.gov.funding.source'].sudo().browse(list(fundings)).exists().ids)
        lock_date = self._kz_lock_date(company)

        report = []
        for index, entry in enumerate(entries):
            label = entry.get('ref') or _('entry %s of %s') % (index + 1, len(entries))
            date = entry.get('date')
            problems = [] if date else [{'code': 'no_date'}]
            if date and gov_ledger.is_locked(date, lock_date):
                report.append(self._kz_lock_message(label, date, lock_date))
            lines = entry.get('lines') or []
            problems += gov_ledger.validate_entry(lines, info)
            for i, line in enumerate(lines):
                code = info.get(line.get('account_id'), {}).get('code')
                if line.get('kz_ebk_id') in not_specific:
                    problems.append({'code': 'ebk_not_specific', 'line': i, 'account': code,
                                     'ebk': not_specific[line['kz_ebk_id']]})
                if line.get('kz_ebk_id') in unknown_ebk or line.get('kz_funding_id') in unknown_funding:
                    problems.append({'code': 'unknown_account', 'line': i, 'account': code})
            report += ['%s: %s' % (label, self._kz_problem_text(p)) for p in problems]
        if not report:
            plan_accounts = {a.id for a in accounts if (a.kz_kind or '').startswith('plan_')}
            items = [{'date': e['date'], 'funding_id': l.get('kz_funding_id'), 'ebk_id': l.get('kz_ebk_id'),
                      'credit': gov_ledger.money(l.get('credit'))}
                     for e in entries for l in e.get('lines') or []
                     if l.get('account_id') in plan_accounts and gov_ledger.money(l.get('credit'))
                     and (l.get('kz_std_entry') or '') not in gov_entries.plan_closing_entries()]
            if items:
                report += self._kz_payment_problems(company, items)
        if report:
            listed = report[:MAX_LISTED_PROBLEMS]
            if len(report) > len(listed):
                listed.append(_('... and %s more') % (len(report) - len(listed)))
            raise UserError(_('Nothing was posted: %s problem(s) in %s entries.\n%s') % (
                len(report), len(entries), '\n'.join(listed)))

        dates = [fields.Date.to_string(e['date']) if not isinstance(e['date'], str) else e['date'][:10]
                 for e in entries]
        names = self._kz_reserve_names(journal, dates)
        return self._kz_insert_posted(journal, entries, dates, names, accounts)

    @api.model
    def _kz_reserve_names(self, journal, dates):
        """Numbers for len(dates) entries from the journal's sequence, reserved with one UPDATE (or one nextval
        series) per sequence range, as ir.sequence would hand them out one by one in date order."""
        seq = journal.sequence_id.sudo()
        if not seq:
            raise UserError(_('Please define a sequence on the journal.'))
        groups = collections.OrderedDict()
        ranges = seq.date_range_ids
        for index, date in sorted(enumerate(dates), key=lambda pair: (pair[1], pair[0])):
            rng = None
            if seq.use_date_range:
                rng = next((r for r in ranges if r.date_from <= date <= r.date_to), None)
                if rng is None:
                    rng = seq._create_date_range_seq(date)
                    ranges |= rng
            groups.setdefault(rng, []).append(index)
        names = [None] * len(dates)
        cr = self.env.cr
        step = seq.number_increment
        for rng, indexes in groups.items():
            count = len(indexes)
            if seq.implementation == 'standard':
                seq_name = 'ir_sequence_%03d' % seq.id if rng is None else 'ir_sequence_%03d_%03d' % (seq.id, rng.id)
                cr.execute('SELECT nextval(%s::regclass) FROM generate_series(1, %s)', (seq_name, count))
                numbers = [row[0] for row in cr.fetchall()]
            else:
                if rng is None:
                    cr.execute('SELECT number_next FROM ir_sequence WHERE id = %s FOR UPDATE NOWAIT', (seq.id,))
                    first = cr.fetchone()[0]
                    cr.execute('UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s',
                               (count * step, seq.id))
                    seq.invalidate_cache(['number_next'], seq.ids)
                else:
                    cr.execute('SELECT number_next FROM ir_sequence_date_range WHERE id = %s FOR UPDATE NOWAIT',
                               (rng.id,))
                    first = cr.fetchone()[0]
                    cr.execute('UPDATE ir_sequence_date_range SET number_next = number_next + %s WHERE id = %s',
                               (count * step, rng.id))
                    rng.invalidate_cache(['number_next'], rng.ids)
                numbers = [first + k * step for k in range(count)]
            affixes = {}
            for index, number in zip(indexes, numbers):
                date = dates[index]
                if date not in affixes:
                    ctx = {'ir_sequence_date': date}
                    if rng is not None:
                        ctx['ir_sequence_date_range'] = rng.date_from
                    affixes[date] = seq.with_context(**ctx)._get_prefix_suffix()
                prefix, suffix = affixes[date]
                names[index] = prefix + '%%0%sd' % seq.padding % number + suffix
        return names

    @api.model
    def _kz_insert_posted(self, journal, entries, dates, names, accounts):
        company = journal.company_id
        currency_id = company.currency_id.id
        acc = {a.id: a for a in accounts}
        recpay = {a.id for a in accounts if a.internal_type in ('receivable', 'payable')}
        residual = {a.id for a in accounts if a.reconcile or a.internal_type == 'liquidity'}
        cash_basis_journal = journal.type in ('sale', 'purchase')
        move_rows, parsed = [], []
        for entry, date, name in zip(entries, dates, names):
            lines = [(l, gov_ledger.money(l.get('debit')), gov_ledger.money(l.get('credit'))) for l in entry['lines']]
            partners = {l.get('partner_id') for l, _d, _c in lines if l.get('partner_id')}
            has_recpay = any(l['account_id'] in recpay for l, _d, _c in lines)
            matched = 0.0 if has_recpay else 1.0
            parsed.append((lines, matched))
            move_rows.append({
                'name': name, 'ref': entry.get('ref'), 'date': date, 'journal_id': journal.id,
                'company_id': company.id, 'currency_id': currency_id, 'state': 'posted',
                'partner_id': partners.pop() if len(partners) == 1 else None,
                'amount': float(sum((d for _l, d, _c in lines), gov_ledger.ZERO)),
                'matched_percentage': matched, 'narration': entry.get('narration'),
                'kz_closing': bool(entry.get('closing')),
            })
        Demo = self.env['kz.edu.demo']
        move_ids = Demo.bulk_insert('account.move', move_rows)
        line_rows = []
        for move_id, move, (lines, matched) in zip(move_ids, move_rows, parsed):
            for line, debit, credit in lines:
                account = acc[line['account_id']]
                balance = debit - credit
                factor = matched if cash_basis_journal else 1.0
                line_rows.append({
                    'move_id': move_id, 'name': line.get('name') or move['ref'] or '/',
                    'ref': move['ref'], 'date': move['date'],
                    'date_maturity': line.get('date_maturity') or move['date'], 'journal_id': journal.id,
                    'company_id': company.id, 'company_currency_id': currency_id, 'account_id': account.id,
                    'user_type_id': account.user_type_id.id, 'partner_id': line.get('partner_id') or None,
                    'debit': float(debit), 'credit': float(credit), 'balance': float(balance),
                    'debit_cash_basis': float(debit) * factor, 'credit_cash_basis': float(credit) * factor,
                    'balance_cash_basis': float(balance) * factor, 'amount_currency': 0.0, 'currency_id': None,
                    'amount_residual': float(balance) if account.id in residual else 0.0,
                    'amount_residual_currency': 0.0,
                    'reconciled': account.id in residual and not balance,
                    'tax_base_amount': 0.0, 'tax_exigible': True, 'blocked': False,
                    'kz_ebk_id': line.get('kz_ebk_id') or None, 'kz_funding_id': line.get('kz_funding_id') or None,
                    'kz_std_entry': line.get('kz_std_entry') or None,
                })
        line_ids = Demo.bulk_insert('account.move.line', line_rows)
        moves = self.browse(move_ids)
        moves.check_access_rule('create')
        self.env['account.move.line'].browse(line_ids).check_access_rule('create')
        self.invalidate_cache()
        self.env['account.move.line'].invalidate_cache()
        return move_ids


class AccountMoveLine(models.Model):
    _inherit = 'account.move.line'

    kz_ebk_id = fields.Many2one('kz.gov.ebk', string='ЕБК specific', index=True, ondelete='restrict',
                                domain=[('level', '=', 'specific')])
    kz_funding_id = fields.Many2one('kz.gov.funding.source', string='Funding source', index=True,
                                    ondelete='restrict')
    kz_std_entry = fields.Char(string='Standard entry',
                               help='The number of the entry of annex 2 of order No. 170 the item follows (e.g. 243; '
                                    '325/2 for the second row of entry 325).')

    @api.model
    def create(self, vals):
        """An item created where the context names a default funding source (kz_default_funding_id) or standard
        entry (kz_default_std_entry) takes it when it has none: a document of another addon (the canteen till's
        session) posts on the chart of state institutions without knowing its dimensions."""
        ctx = self.env.context
        if ctx.get('kz_default_funding_id') and not vals.get('kz_funding_id') and vals.get('account_id'):
            if self.env['account.account'].sudo().browse(vals['account_id']).kz_requires_funding:
                vals = dict(vals, kz_funding_id=ctx['kz_default_funding_id'])
        if ctx.get('kz_default_std_entry') and not vals.get('kz_std_entry'):
            vals = dict(vals, kz_std_entry=ctx['kz_default_std_entry'])
        # a posted entry gets no new item (issue #12.4)
        if vals.get('move_id') and not is_internal(self.env.context, 'kz_lock_internal'):
            move = self.env['account.move'].browse(vals['move_id'])
            if move.state == 'posted':
                raise UserError(_('The journal entry %s is posted: no item is added to it. Reverse it and post a '
                                  'corrected entry.') % move._kz_label())
        return super(AccountMoveLine, self).create(vals)

    @api.multi
    def write(self, vals):
        if not is_internal(self.env.context, 'kz_lock_internal'):
            posted = self.filtered(lambda l: l.move_id.state == 'posted')
            changed = POSTED_LINE_LOCKED_FIELDS & set(vals)
            if posted and 'partner_id' in vals:
                # the bank reconciliation fills a missing partner in; replacing one is a correction
                if posted.filtered(lambda l: l.partner_id and l.partner_id.id != vals['partner_id']):
                    changed.add('partner_id')
            if posted and changed:
                raise UserError(_('The journal entry %s is posted: the ЕБК specific, funding source, partner, '
                                  'taxes and analytics of its items can no longer change. Reverse it and post a '
                                  'corrected entry.') % posted[0].move_id._kz_label())
        return super(AccountMoveLine, self).write(vals)

    @api.model_cr
    def init(self):
        super(AccountMoveLine, self).init()
        # the reports (gov_reports.py) read balances and turnovers per company, account and period in one grouped
        # query; this index serves them (and the account card) without scanning other companies' items
        self.env.cr.execute('CREATE INDEX IF NOT EXISTS account_move_line_kz_company_account_date_idx '
                            'ON account_move_line (company_id, account_id, date)')


class BaseLanguageInstall(models.TransientModel):
    _inherit = 'base.language.install'

    @api.multi
    def lang_install(self):
        """A language loaded later also names the journals of the chart of state institutions (l10n_multilang
        already copies the account names)."""
        res = super(BaseLanguageInstall, self).lang_install()
        chart = self.env.ref(CHART_XMLID, raise_if_not_found=False)
        if chart:
            companies = self.env['res.company'].sudo().search([('chart_template_id', '=', chart.id)])
            chart.sudo()._kz_gov_translate(companies)
        return res
