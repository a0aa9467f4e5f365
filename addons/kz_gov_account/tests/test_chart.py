# -*- coding: utf-8 -*-
"""The chart of accounts of state institutions in Odoo (ACC-01): loaded into the demo schools with the right
accounts, dimensions, groups, default accounts, journals and kk/ru names; loading again creates nothing; Odoo's
generic chart is replaced on a company without entries; a company with entries is left alone."""
import csv
import os

from odoo.modules.module import get_module_path
from odoo.tests import common

SRC = os.path.join(get_module_path('kz_gov_account'), 'data', 'src')


def read_src(name):
    with open(os.path.join(SRC, name), encoding='utf-8') as f:
        return list(csv.DictReader(f))


@common.at_install(False)
@common.post_install(True)
class TestKzGovChart(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestKzGovChart, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        cls.chart = cls.env.ref('kz_gov_account.chart_template_kz_gov')
        cls.rows = [r for r in read_src('chart_281.csv') if r['odoo_type'] != 'view']
        cls.schools = cls.env.ref('kz_edu_base.company_school1_demo') | cls.env.ref('kz_edu_base.company_school2_demo')
        cls.langs = dict(cls.env['res.lang'].get_installed())

    def _accounts(self, company):
        return {a.code: a for a in self.env['account.account'].search([('company_id', '=', company.id)])}

    def _new_company(self, name):
        return self.env['res.company'].create({'name': name, 'parent_id': self.env.ref('base.main_company').id,
                                               'currency_id': self.env.ref('base.KZT').id})

    def test_chart_loaded_into_both_demo_schools_with_their_accounts_ACC01(self):
        templates = self.env['account.account.template'].search([('chart_template_id', '=', self.chart.id)])
        self.assertEqual(len(templates), len(self.rows) + 1)        # + the technical transfer account
        for school in self.schools:
            self.assertEqual(school.chart_template_id, self.chart, school.name)
            self.assertEqual(school.currency_id, self.env.ref('base.KZT'))
            accounts = self._accounts(school)
            self.assertEqual(set(accounts), {r['code'] for r in self.rows} | {'1099'})
            for row in self.rows:
                account = accounts[row['code']]
                self.assertEqual(account.kz_requires_ebk, row['requires_ebk'] == '1', row['code'])
                self.assertEqual(account.kz_requires_funding, row['requires_funding'] == '1', row['code'])
                self.assertEqual(account.kz_kind or '', row['kind'], row['code'])
                self.assertEqual(account.reconcile, row['reconcile'] == '1', row['code'])
                self.assertEqual(account.group_id, self.env.ref('kz_gov_account.group_%s' % row['parent_code']))
            self.assertEqual(accounts['1010'].internal_type, 'liquidity')
            self.assertEqual(accounts['3310'].internal_type, 'payable')
            self.assertEqual(accounts['5410'].user_type_id, self.env.ref('account.data_unaffected_earnings'))
            self.assertEqual(school.transfer_account_id, accounts['1099'])
            self.assertEqual(school.get_unaffected_earnings_account(), accounts['5410'])
            Property = self.env['ir.property'].with_context(force_company=school.id)
            self.assertEqual(Property.get('property_account_receivable_id', 'res.partner'), accounts['1220'])
            self.assertEqual(Property.get('property_account_payable_id', 'res.partner'), accounts['3310'])
            self.assertEqual(Property.get('property_account_income_categ_id', 'product.category'), accounts['6110'])
            self.assertEqual(Property.get('property_account_expense_categ_id', 'product.category'), accounts['7040'])

    def test_chart_hierarchy_is_in_account_groups_ACC01(self):
        section = self.env.ref('kz_gov_account.group_S1')
        money = self.env.ref('kz_gov_account.group_1000')
        self.assertEqual((section.code_prefix, money.code_prefix, money.parent_id), ('1', '10', section))
        self.assertEqual(self.env.ref('kz_gov_account.group_2300').code_prefix, '23')
        views = [r for r in read_src('chart_281.csv') if r['odoo_type'] == 'view']
        self.assertEqual(len(self.env['ir.model.data'].search([('module', '=', 'kz_gov_account'),
                                                                ('model', '=', 'account.group')])), len(views))

    def test_kazakh_and_russian_names_reach_the_accounts_ACC01_SEC04(self):
        for lang in ('kk_KZ', 'ru_RU'):
            self.assertIn(lang, self.langs)
        for school in self.schools:
            accounts = self._accounts(school)
            for row in self.rows:
                account = accounts[row['code']]
                self.assertEqual(account.with_context(lang='kk_KZ').name, row['name_kk'], row['code'])
                self.assertEqual(account.with_context(lang='ru_RU').name, row['name_ru'], row['code'])
        ebk = self.env.ref('kz_gov_account.ebk_111')
        row = next(r for r in read_src('ebk_403.csv') if r['code'] == '111')
        self.assertEqual(ebk.with_context(lang='kk_KZ').name, row['name_kk'])
        self.assertEqual(ebk.with_context(lang='ru_RU').name, row['name_ru'])
        self.assertEqual(ebk.with_context(lang='en_US').name, row['name_en'])
        group = self.env.ref('kz_gov_account.group_1000').with_context(lang='kk_KZ')
        self.assertEqual(group.name, 'Ақша қаражаты және олардың баламалары')
        funding = self.env.ref('kz_gov_account.funding_LOC').with_context(lang='ru_RU')
        self.assertEqual(funding.name, 'Местный бюджет')
        line = self.env.ref('kz_gov_account.fo_FO1_010').with_context(lang='kk_KZ')
        self.assertNotEqual(line.name, line.with_context(lang='en_US').name)

    def test_a_state_school_has_its_journals_ACC02(self):
        Chart = self.env['account.chart.template']
        for school in self.schools:
            accounts = self._accounts(school)
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_budget').default_debit_account_id, accounts['1010'])
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_paid_services').default_credit_account_id,
                             accounts['1030'])
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_sponsorship').type, 'bank')
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_desk').type, 'cash')
            memorial = Chart.kz_gov_journal(school, 'memorial')
            self.assertEqual(memorial.type, 'general')
            self.assertEqual(Chart.kz_gov_journal(school, 'payroll').type, 'general')
            general = self.env['account.journal'].search([('company_id', '=', school.id), ('type', '=', 'general')])
            # memorial orders, payroll and Odoo's exchange difference journal (and the stock journal where the point
            # of sale brought stock accounting); no "Miscellaneous operations"
            expected = {memorial.code, Chart.kz_gov_journal(school, 'payroll').code, 'EXCH'}
            if self.env['ir.module.module'].search_count([('name', '=', 'stock_account'), ('state', '=', 'installed')]):
                expected.add('STJ')
            self.assertEqual(set(general.mapped('code')), expected)
            # no money account without a journal, no journal with an account outside the chart
            self.assertFalse(self.env['account.account'].search([('company_id', '=', school.id),
                                                                 ('code', 'not in', list(accounts))]))
            self.assertEqual(memorial.with_context(lang='en_US').name, 'Memorial orders (general entries)')
            self.assertNotEqual(memorial.with_context(lang='kk_KZ').name, 'Memorial orders (general entries)')
            self.assertNotEqual(memorial.with_context(lang='ru_RU').name, 'Memorial orders (general entries)')

    def test_loading_again_creates_nothing_ACC01(self):
        company = self._new_company('KZ chart twice')
        models = ('account.account', 'account.journal', 'ir.sequence', 'ir.property')
        Chart = self.env['account.chart.template']
        self.assertEqual(Chart.kz_gov_load_for_companies(company), company)

        def counts():
            return [self.env[m].search_count([('company_id', 'in', (company | self.schools).ids)]) for m in models] + [
                self.env['account.group'].search_count([]), self.env['ir.translation'].search_count([])]
        before = counts()
        self.assertFalse(Chart.kz_gov_load_for_companies(company | self.schools))
        self.assertFalse(Chart.kz_gov_load_for_companies(company))
        self.assertEqual(counts(), before)

    def test_generic_chart_replaced_on_a_company_without_entries_ACC01(self):
        company = self._new_company('KZ generic chart')
        other = self._other_chart()
        self._load(other, company)
        self.assertEqual(company.chart_template_id, other)
        self.assertTrue(self._accounts(company).get('999001'))
        # the generic chart's default sales tax, as l10n_generic_coa leaves it
        tax = self.env['account.tax'].create({'name': 'Generic VAT', 'amount': 12, 'company_id': company.id})
        self.env['ir.default'].set('product.template', 'taxes_id', [tax.id], company_id=company.id)
        loaded = self.env['account.chart.template'].kz_gov_load_for_companies(company)
        self.assertEqual(loaded, company)
        self.assertEqual(company.chart_template_id, self.chart)
        accounts = self._accounts(company)
        self.assertNotIn('999001', accounts)
        self.assertIn('1010', accounts)
        self.assertFalse(self.env['ir.default'].search([('company_id', '=', company.id),
                                                        ('field_id.name', '=', 'taxes_id')]))

    def test_company_with_entries_on_another_chart_is_left_alone_ACC01(self):
        company = self._new_company('KZ chart with entries')
        other = self._other_chart()
        self._load(other, company)
        journal = self.env['account.journal'].search([('company_id', '=', company.id), ('type', '=', 'general')],
                                                     limit=1)
        account = self._accounts(company)['999001']
        self.env['account.move'].create({'journal_id': journal.id, 'line_ids': [
            (0, 0, {'account_id': account.id, 'debit': 10, 'name': 'x'}),
            (0, 0, {'account_id': account.id, 'credit': 10, 'name': 'x'})]}).post()
        self.assertFalse(self.env['account.chart.template'].kz_gov_load_for_companies(company))
        self.assertEqual(company.chart_template_id, other)

    # ------------------------------------------------------------------------------------------ helpers
    def _other_chart(self):
        """A minimal chart template standing for Odoo's generic chart (l10n_generic_coa need not be installed)."""
        Template = self.env['account.account.template']
        transfer = Template.create({'name': 'Generic transfer', 'code': '999002', 'reconcile': True,
                                    'user_type_id': self.env.ref('account.data_account_type_current_assets').id})
        chart = self.env['account.chart.template'].create({
            'name': 'Generic test chart', 'code_digits': 6, 'currency_id': self.env.ref('base.KZT').id,
            'transfer_account_id': transfer.id, 'bank_account_code_prefix': '9990', 'cash_account_code_prefix': '9991'})
        transfer.chart_template_id = chart
        for code, xmlid in (('999001', 'test_generic_a1'), ('999002', None)):
            if xmlid:
                account = Template.create({'name': 'Generic %s' % code, 'code': code, 'chart_template_id': chart.id,
                                           'user_type_id': self.env.ref('account.data_account_type_expenses').id})
            else:
                account = transfer
            self.env['ir.model.data'].create({'module': 'kz_gov_account_test', 'name': 'generic_%s' % code,
                                              'model': 'account.account.template', 'res_id': account.id})
        self.env['ir.model.data'].create({'module': 'kz_gov_account_test', 'name': 'generic_chart',
                                          'model': 'account.chart.template', 'res_id': chart.id})
        return chart

    def _load(self, chart, company):
        wizard = self.env['wizard.multi.charts.accounts'].create({
            'company_id': company.id, 'chart_template_id': chart.id, 'code_digits': chart.code_digits,
            'transfer_account_id': chart.transfer_account_id.id, 'currency_id': chart.currency_id.id,
            'bank_account_code_prefix': chart.bank_account_code_prefix,
            'cash_account_code_prefix': chart.cash_account_code_prefix})
        wizard.execute()
