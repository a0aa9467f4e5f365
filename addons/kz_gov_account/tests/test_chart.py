# -*- coding: utf-8 -*-
"""The chart of accounts of state institutions in Odoo (ACC-01): annex 1 of MinFin order No. 170 (edition
01.01.2026) loaded into the demo schools row for row — every section, sub-section and account with sub-accounts as an
account group, every other account, sub-account and off-balance account as an account, with the act's code and its
Russian and Kazakh names —, their dimensions, default accounts, journals; loading again creates nothing; Odoo's
generic chart is replaced on a company without entries; a company with entries is left alone."""
import csv
import os

from odoo.modules.module import get_module_path
from odoo.tests import common

from odoo.addons.kz_gov_account import gov_acts

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
        cls.act = gov_acts.chart_rows()
        cls.parents = {r.parent for r in cls.act if r.kind == 'subaccount'}
        cls.schools = cls.env.ref('kz_edu_base.company_school1_demo') | cls.env.ref('kz_edu_base.company_school2_demo')
        cls.langs = dict(cls.env['res.lang'].get_installed())

    def _accounts(self, company):
        return {a.code: a for a in self.env['account.account'].search([('company_id', '=', company.id)])}

    def _new_company(self, name):
        # a company of its own, not a school of the shared fixture (GovAccountCase loads the chart on those): these
        # tests load a chart (or another one) on a company that has none yet
        return self.env['res.company'].create({'name': name, 'parent_id': self.env.ref('base.main_company').id,
                                               'currency_id': self.env.ref('base.KZT').id})

    def _is_group(self, row):
        return row.kind in ('section', 'subsection') or row.code in self.parents

    def test_the_chart_of_a_school_is_annex_1_of_order_170_row_for_row_ACC01(self):
        """Every row of the act (in the copy data/src/acts/chart-170) is in the school's chart with the act's code
        and names in Russian and Kazakh, and nothing else is: the chart a chief bookkeeper checks against the act."""
        self.assertIn('No. 170', self.chart.kz_edition)
        self.assertIn('01.01.2026', self.chart.kz_edition)
        groups = self.env['account.group'].search([('kz_act_row', '>', 0)])
        by_row = {g.kz_act_row: g for g in groups}
        for school in self.schools:
            accounts = self._accounts(school)
            self.assertEqual(set(accounts), {r.code for r in self.act if not self._is_group(r)}, school.name)
            for row in self.act:
                if self._is_group(row):
                    group = by_row[row.seq]
                    self.assertEqual(group.kz_act_code or '', row.code if row.kind != 'section' else '')
                    record = group
                else:
                    record = accounts[row.code]
                    self.assertEqual(record.code, row.code)
                    parent = by_row[[r for r in self.act if r.code == row.parent][0].seq]
                    self.assertEqual(record.group_id, parent, row.code)
                self.assertEqual(record.with_context(lang='ru_RU').name, row.name_ru, row.code)
                self.assertEqual(record.with_context(lang='kk_KZ').name, row.name_kk, row.code)
        self.assertEqual(len(groups), len([r for r in self.act if self._is_group(r)]))

    def test_accounts_carry_the_properties_of_the_data_with_their_reason_ACC01(self):
        templates = {t.code: t for t in self.env['account.account.template'].search(
            [('chart_template_id', '=', self.chart.id)])}
        for school in self.schools:
            self.assertEqual(school.chart_template_id, self.chart, school.name)
            self.assertEqual(school.currency_id, self.env.ref('base.KZT'))
            accounts = self._accounts(school)
            for code, account in accounts.items():
                template = templates[code]
                self.assertEqual((account.kz_requires_ebk, account.kz_requires_funding, account.kz_kind or '',
                                  account.reconcile, account.user_type_id),
                                 (template.kz_requires_ebk, template.kz_requires_funding, template.kz_kind or '',
                                  template.reconcile, template.user_type_id), code)
                self.assertIn('Properties (prefix', template.note)
            self.assertEqual(accounts['1091'].internal_type, 'liquidity')
            self.assertTrue(accounts['1091'].kz_requires_ebk and accounts['1091'].kz_requires_funding)
            self.assertFalse(accounts['1042'].kz_requires_ebk)
            self.assertEqual(accounts['3210'].internal_type, 'payable')
            self.assertEqual(accounts['01'].kz_kind, 'off_balance')
            self.assertEqual(accounts['5210'].user_type_id, self.env.ref('account.data_unaffected_earnings'))
            self.assertEqual(school.transfer_account_id, accounts['1073'])
            self.assertEqual(school.get_unaffected_earnings_account(), accounts['5210'])
            Property = self.env['ir.property'].with_context(force_company=school.id)
            self.assertEqual(Property.get('property_account_receivable_id', 'res.partner'), accounts['1231'])
            self.assertEqual(Property.get('property_account_payable_id', 'res.partner'), accounts['3210'])
            self.assertEqual(Property.get('property_account_income_categ_id', 'product.category'), accounts['6110'])
            self.assertEqual(Property.get('property_account_expense_categ_id', 'product.category'), accounts['7080'])

    def test_chart_hierarchy_is_in_account_groups_ACC01(self):
        section = self.env.ref('kz_gov_account.group_S1')
        money = self.env.ref('kz_gov_account.group_1000')
        self.assertEqual((section.code_prefix, money.code_prefix, money.parent_id), ('1', '10', section))
        ksn = self.env.ref('kz_gov_account.group_1040')
        self.assertEqual((ksn.code_prefix, ksn.parent_id, ksn.kz_act_code), ('104', money, '1040'))
        self.assertEqual(self.env.ref('kz_gov_account.group_7000_7100').kz_act_code, '7000 – 7100')
        self.assertEqual(self.env.ref('kz_gov_account.group_S9').with_context(lang='ru_RU').name,
                         'Раздел 9. Забалансовые счета')

    def test_kazakh_and_russian_names_of_the_reference_data_ACC01_SEC04(self):
        for lang in ('kk_KZ', 'ru_RU'):
            self.assertIn(lang, self.langs)
        ebk_rows = {r.code: r for r in gov_acts.ebk_rows()}
        for ebk in self.env['kz.gov.ebk'].search([]):
            row = ebk_rows[ebk.code]
            self.assertEqual(ebk.with_context(lang='kk_KZ').name, row.name_kk, ebk.code)
            self.assertEqual(ebk.with_context(lang='ru_RU').name, row.name_ru, ebk.code)
            self.assertEqual(ebk.level, row.level)
            self.assertEqual(ebk.date_from, '2026-01-01')
        self.assertEqual(len(self.env['kz.gov.ebk'].search([])), len(ebk_rows))
        funding = self.env.ref('kz_gov_account.funding_LOC').with_context(lang='ru_RU')
        self.assertEqual(funding.name, 'Местный бюджет')
        line = self.env.ref('kz_gov_account.fo_FO1_114').with_context(lang='kk_KZ')
        self.assertEqual(line.name, 'Негізгі құралдар')

    def test_a_state_school_has_its_journals_ACC02(self):
        Chart = self.env['account.chart.template']
        for school in self.schools:
            accounts = self._accounts(school)
            self.assertEqual(Chart.kz_gov_journal(school, 'plan_local_current').default_debit_account_id,
                             accounts['1091'])
            self.assertEqual(Chart.kz_gov_journal(school, 'plan_local_capital').default_debit_account_id,
                             accounts['1092'])
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_paid_services').default_credit_account_id,
                             accounts['1042'])
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_charity').type, 'bank')
            self.assertEqual(Chart.kz_gov_journal(school, 'cash_desk').default_debit_account_id, accounts['1010'])
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
            # no account outside the chart
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
        self.assertIn('1091', accounts)
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
