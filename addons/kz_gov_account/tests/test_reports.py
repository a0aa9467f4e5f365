# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4 of order No. 230, turnover sheet, account card and Журнал-Главная (ACC-02,
ACC-13).

A test school with the chart of state institutions (order No. 170) and a quarter of entries of annex 2 posted by
account.move.kz_bulk_post, figures computed by hand:

* 31.12.2024 (before the period): building 2321 1 000 000 and the money of paid services 1042 50 000 against the
  result of previous years 5220;
* 10.01.2025 financing 300 000 received (entry 1: Dt 1091 / Ct 6010, local budget); 31.01 pay 200 000 accrued
  (entry 243: Dt 7010 / Ct 3241); 05.02 pay 180 000 paid (entry 18: Dt 3241 / Ct 1091, ЕБК 111); 10.02 paid
  services 40 000 received (entry 175: Dt 1042 / Ct 6110); 01.03 materials 25 000 (entry 110: Dt 1316 / Ct 3210,
  paid services); 15.03 the supplier paid 25 000 (entry 14: Dt 3210 / Ct 1042, ЕБК 149); 31.03 depreciation
  10 000 (entry 178: Dt 7110 / Ct 2391);
* 20.03.2025 a draft entry (materials written off, 5 000), not posted.

At 31.03.2025: money 185 000 (planned assignments 120 000, paid services 65 000), materials 25 000, fixed assets
990 000: assets 1 200 000 = liabilities 20 000 (pay) + net assets 1 180 000 (1 050 000 + result 130 000 = income
340 000 − expenses 210 000).
"""
import os
import re
import subprocess
import tempfile
from decimal import Decimal as D

import xlrd

from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

from odoo.addons.kz_edu_base.tests.common import KzEduCase
from odoo.addons.kz_gov_account import gov_acts

PERIOD = {'date_from': '2025-01-01', 'date_to': '2025-03-31',
          'comparative_date_from': '2024-01-01', 'comparative_date_to': '2024-03-31'}


class TestGovReports(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TestGovReports, cls).setUpClass()
        env = cls.env
        cls.school = cls.school_a
        env['account.chart.template'].kz_gov_load_for_companies(cls.school)
        cls.accounts = {a.code: a for a in env['account.account'].search([('company_id', '=', cls.school.id)],
                                                                        order='code')}
        cls.fund = {f.code: f for f in env['kz.gov.funding.source'].search([])}
        cls.ebk = {e.code: e for e in env['kz.gov.ebk'].search([])}
        Chart = env['account.chart.template']
        cls.memorial = Chart.kz_gov_journal(cls.school, 'memorial')
        cls.plan = Chart.kz_gov_journal(cls.school, 'plan_local_current')
        cls.paid = Chart.kz_gov_journal(cls.school, 'cash_paid_services')
        cls._post(cls.memorial, '2024-12-31', 'Opening: building', ('2321', '5220', 1000000, None, None))
        cls._post(cls.paid, '2024-12-31', 'Opening: money', ('1042', '5220', 50000, 'PAID', None))
        cls._post(cls.plan, '2025-01-10', 'Financing', ('1091', '6010', 300000, 'LOC', '111'))
        cls._post(cls.memorial, '2025-01-31', 'Pay accrued', ('7010', '3241', 200000, 'LOC', '111'))
        cls._post(cls.plan, '2025-02-05', 'Pay paid', ('3241', '1091', 180000, 'LOC', '111'))
        cls._post(cls.paid, '2025-02-10', 'Paid services', ('1042', '6110', 40000, 'PAID', None))
        cls._post(cls.memorial, '2025-03-01', 'Materials bought', ('1316', '3210', 25000, 'PAID', '149'))
        cls._post(cls.paid, '2025-03-15', 'Supplier paid', ('3210', '1042', 25000, 'PAID', '149'))
        cls._post(cls.memorial, '2025-03-31', 'Depreciation', ('7110', '2391', 10000, 'LOC', None))
        cls.draft = env['account.move'].create({
            'journal_id': cls.memorial.id, 'date': '2025-03-20', 'ref': 'Draft write-off',
            'line_ids': [(0, 0, cls._line('7060', 5000, 0, 'PAID', '149')),
                         (0, 0, cls._line('1316', 0, 5000, 'PAID', '149'))]})
        cls.bookkeeper = cls.make_user('rep_bookkeeper', ['kz_edu_base.group_bookkeeper'], cls.school)
        cls.director = cls.make_user('rep_director', ['kz_edu_base.group_director'], cls.school)
        cls.chief = cls.make_user('rep_chief', ['kz_edu_base.group_chief_bookkeeper'], cls.school)
        cls.cashier = cls.make_user('rep_cashier', ['kz_edu_base.group_canteen_cashier'], cls.school)
        cls.district = cls.make_user('rep_district', ['kz_edu_base.group_district'], cls.department,
                                     cls.department | cls.school_a | cls.school_b)
        cls.director_b = cls.make_user('rep_director_b', ['kz_edu_base.group_director'], cls.school_b)

    @classmethod
    def _line(cls, code, debit, credit, funding, ebk):
        account = cls.accounts[code]
        return {'account_id': account.id, 'debit': debit, 'credit': credit, 'name': code,
                'kz_funding_id': cls.fund[funding].id if funding and account.kz_requires_funding else False,
                'kz_ebk_id': cls.ebk[ebk].id if ebk and account.kz_requires_ebk else False}

    @classmethod
    def _post(cls, journal, date, ref, *pairs):
        lines = []
        for debit_code, credit_code, amount, funding, ebk in pairs:
            lines.append(cls._line(debit_code, amount, 0, funding, ebk))
            lines.append(cls._line(credit_code, 0, amount, funding, ebk))
        return cls.env['account.move'].kz_bulk_post(journal, [{'date': date, 'ref': ref, 'lines': lines}])

    def wizard(self, report, user=None, **vals):
        values = dict(PERIOD, report=report, company_id=self.school.id, lang=False, unit='tenge')
        values.update(vals)
        Wizard = self.env['kz.gov.report.wizard']
        return (Wizard.sudo(user) if user else Wizard).create(values)

    def data(self, report, user=None, **vals):
        return self.wizard(report, user, **vals).report_data()

    @staticmethod
    def values(data, column=1):
        return {r['code']: r['values'][column] for r in data['figures']['rows'] if r['code']}

    @staticmethod
    def checks(data):
        return {c['label']: c for c in data['checks']}

    @staticmethod
    def cells(table):
        """The rows of a kz_document.Table as printed values (a Cell's value: a total's bold amount, a crossed «х»)."""
        return [[getattr(value, 'value', value) for value in row.values] for row in table.rows]

    def xlsx_rows(self, wizard, user=None):
        report = self.env.ref('kz_gov_account.report_%s_xlsx' % wizard.report)
        content, fmt = (report.sudo(user) if user else report).render_xlsx([wizard.id], {})
        self.assertEqual(fmt, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        return [sheet.row_values(i) for i in range(sheet.nrows)]

    def html(self, wizard, user=None):
        report = self.env.ref('kz_gov_account.report_%s_pdf' % wizard.report)
        report = report.sudo(user) if user else report
        return report.with_context(lang=wizard._report_lang()).render_qweb_html([wizard.id])[0].decode()

    # ------------------------------------------------------------------------------------------------ ФО-1

    def test_fo1_is_the_form_of_the_act_and_balances_at_both_dates_ACC13(self):
        data = self.data('fo1')
        start, end = self.values(data, 0), self.values(data, 1)
        self.assertEqual((end['010'], end['020'], end['100']), (D('185000.00'), D('25000.00'), D('210000.00')))
        self.assertEqual((end['114'], end['200']), (D('990000.00'), D('990000.00')))
        self.assertEqual((end['218'], end['300'], end['400']), (D('20000.00'), D('20000.00'), D('0.00')))
        self.assertEqual((end['412'], end['500']), (D('1180000.00'), D('1180000.00')))
        self.assertEqual((start['010'], start['114'], start['412']), (D('50000.00'), D('1000000.00'),
                                                                       D('1050000.00')))
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])
        self.assertEqual(len(data['checks']), 3)           # balance at the start, at the end, every account shown
        self.assertEqual(data['checks'][1]['left'], D('1200000.00'))
        # the lines, codes and names of the act, in its order
        act = gov_acts.form_tables()['FO1']
        rows = data['figures']['rows']
        self.assertEqual([(r['code'], r['name']) for r in rows], [(l.code, l.name_ru) for l in act.lines])
        balance = [r for r in rows if r['name'] == 'Баланс']
        self.assertEqual([r['values'] for r in balance], [[D('1050000.00'), D('1200000.00')]] * 2)
        self.assertEqual(data['form'], 'ФО-1')
        self.assertEqual(data['signatures'][0][1], 'rep_director')
        self.assertEqual(data['signatures'][1][1], 'rep_chief')

    def test_the_form_states_its_unit_periodicity_and_column_heads(self):
        data = self.data('fo1', lang='ru_RU', unit='thousand')
        values = [v for _k, v in data['info']]
        self.assertIn('тысяч тенге', values)
        self.assertIn('полугодовая, годовая', values)
        # the act's title with its blank date filled in: the end of the period
        self.assertEqual(data['title'], 'Бухгалтерский баланс по состоянию на «31» марта 2025 года')
        head = [c.label.split('\n')[0] for c in data['tables'][0].columns]
        self.assertEqual(head, ['Активы', 'Код строки', 'На начало отчетного периода', 'На конец отчетного периода'])
        # the cells are in thousands of tenge, one decimal; the figures and checks in tenge
        cells = {r[1]: r for r in self.cells(data['tables'][0])}
        self.assertEqual(cells['200'][2:], [D('1000.0'), D('990.0')])
        self.assertEqual([c.digits for c in data['tables'][0].columns[2:]], [1, 1])
        self.assertEqual(data['decimals'], 1)
        # a period that is not a half-year or a year is said to be one
        self.assertTrue(any('1 января' in n or '30 июня' in n or 'order No. 230' in n or '№ 230' in n
                            for n in data['notes']), data['notes'])
        kazakh = self.data('fo1', lang='kk_KZ')
        self.assertEqual([c.label.split('\n')[0] for c in kazakh['tables'][0].columns][:2],
                         ['Активтер', 'Жол коды'])
        names = {r['code']: r['name'] for r in kazakh['figures']['rows'] if r['code']}
        self.assertEqual(names['114'], 'Негізгі құралдар')
        year = self.data('fo1', date_from='2025-01-01', date_to='2025-06-30')
        self.assertFalse(year['notes'])

    def test_fo1_broken_mapping_fails_the_check_visibly_ACC13(self):
        line = self.env['kz.gov.report.line'].search([('form', '=', 'FO1'), ('code', '=', '412')])
        line.expression = '-B:52 -B:6'                     # expenses (7xxx) no longer on the form
        wizard = self.wizard('fo1')
        data = wizard.report_data()
        balance = data['checks'][1]
        self.assertFalse(balance['ok'])
        self.assertEqual((balance['left'], balance['right'], balance['difference']),
                         (D('1200000.00'), D('1410000.00'), D('-210000.00')))
        self.assertEqual(balance['status'], 'Difference: -210,000.00')
        gaps = data['checks'][-1]
        self.assertFalse(gaps['ok'])
        self.assertEqual(gaps['status'], 'Not shown: 7010, 7110')
        self.assertIn('Difference: -210,000.00', self.html(wizard))

    def test_wrong_expression_is_refused_with_the_line_named(self):
        line = self.env['kz.gov.report.line'].search([('form', '=', 'FO1'), ('code', '=', '200')])
        line.expression = '+L:110 +L:999'
        with self.assertRaises(UserError) as e:
            self.data('fo1')
        self.assertIn('ФО-1 line 200: refers to line 999', str(e.exception.name))

    # ------------------------------------------------------------------------------------------------ ФО-2, ФО-4

    def test_fo2_shows_the_period_and_its_result_ACC13(self):
        data = self.data('fo2')
        v = self.values(data, 0)
        self.assertEqual((v['011'], v['021'], v['100']), (D('300000.00'), D('40000.00'), D('340000.00')))
        self.assertEqual((v['111'], v['120'], v['110'], v['200']),
                         (D('200000.00'), D('10000.00'), D('210000.00'), D('210000.00')))
        self.assertEqual(v['300'], D('130000.00'))
        self.assertEqual(self.values(data, 1)['300'], D('0.00'))        # the first quarter of 2024: nothing
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])

    def test_fo4_and_the_scheme_of_annex_10_ACC13(self):
        data = self.data('fo4')
        rows = {r['code']: r['values'] for r in data['figures']['rows']}
        self.assertEqual(rows['010'], [None, D('0.00'), D('1050000.00'), D('1050000.00')])
        self.assertEqual(rows['050'], [None, None, D('130000.00'), D('130000.00')])
        self.assertEqual(rows['060'], [D('0.00'), D('0.00'), D('1180000.00'), D('1180000.00')])
        self.assertEqual(len(data['checks']), 7)
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])
        # a crossed cell of the form is printed «х»
        cells = {r[1]: r for r in self.cells(data['tables'][0])}
        self.assertEqual(cells['050'][2:4], ['х', 'х'])
        self.assertEqual([r for r in self.xlsx_rows(self.wizard('fo4')) if r[1] == '050'][0][2:4], ['х', 'х'])
        self.assertEqual(data['orientation'], 'landscape')

    # ------------------------------------------------------------------------------------------------ ФО-3

    def test_fo3_classifies_the_money_and_agrees_with_the_ledger_ACC13(self):
        data = self.data('fo3')
        v = self.values(data, 0)
        self.assertEqual((v['011'], v['010'], v['030'], v['100']),
                         (D('300000.00'), D('300000.00'), D('40000.00'), D('340000.00')))
        self.assertEqual((v['110'], v['140'], v['200'], v['300']),
                         (D('180000.00'), D('25000.00'), D('205000.00'), D('135000.00')))
        self.assertEqual((v['910'], v['920'], v['930']), (D('135000.00'), D('50000.00'), D('185000.00')))
        # the money accounts' balance, from the ledger through the ORM
        items = self.env['account.move.line'].search([
            ('company_id', '=', self.school.id), ('move_id.state', '=', 'posted'), ('account_id.code', '=like', '10%'),
            ('date', '<=', '2025-03-31')])
        self.assertEqual(sum((D(str(l.debit)) - D(str(l.credit)) for l in items), D('0')), v['930'])
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])
        self.assertEqual(len(data['checks']), 4)     # 920 + 910 + 911 = 930 (both periods), ФО-1 010 at both dates
        self.assertEqual(len(data['tables'][0].columns), 4)        # the act's two value columns

    # ------------------------------------------------------------------------------------------------ ledgers

    def test_turnover_sheet_totals_balance_and_equal_the_ledger_ACC02(self):
        data = self.data('turnover')
        sheet = data['figures']
        totals = sheet['totals']
        self.assertEqual((totals['open_dt'], totals['open_ct']), (D('1050000.00'), D('1050000.00')))
        self.assertEqual((totals['debit'], totals['credit']), (D('780000.00'), D('780000.00')))
        self.assertEqual((totals['close_dt'], totals['close_ct']), (D('1420000.00'), D('1420000.00')))
        self.assertTrue(sheet['balanced'])
        self.assertTrue(all(c['ok'] for c in data['checks']))
        groups = self.env['account.move.line'].read_group(
            [('company_id', '=', self.school.id), ('move_id.state', '=', 'posted'),
             ('date', '>=', '2025-01-01'), ('date', '<=', '2025-03-31')], ['debit', 'credit'], [])
        self.assertEqual(totals['debit'], D(str(groups[0]['debit'])).quantize(D('0.01')))
        rows = {r['code']: r for r in sheet['rows']}
        plan = rows['1091']
        self.assertEqual((plan['open_dt'], plan['debit'], plan['credit'], plan['close_dt']),
                         (D('0.00'), D('300000.00'), D('180000.00'), D('120000.00')))
        self.assertEqual(rows['3241']['close_ct'], D('20000.00'))
        self.assertNotIn('7060', rows)       # the draft entry is not in the sheet

    def test_turnover_sheet_of_one_funding_source(self):
        data = self.data('turnover', funding_id=self.fund['PAID'].id)
        rows = {r['code']: r for r in data['figures']['rows']}
        self.assertEqual(set(rows), {'1042', '6110', '3210'})
        self.assertEqual(rows['1042']['close_dt'], D('65000.00'))

    def test_account_card_running_balance_ACC02(self):
        data = self.data('account_card', account_id=self.accounts['1091'].id)
        card = data['figures']
        self.assertEqual(card['opening'], D('0.00'))
        self.assertEqual([(r['date'], r['counterpart'], r['debit'], r['credit'], r['balance']) for r in card['rows']],
                         [('10.01.2025', '6010', D('300000.00'), D('0.00'), D('300000.00')),
                          ('05.02.2025', '3241', D('0.00'), D('180000.00'), D('120000.00'))])
        self.assertEqual(card['closing'], D('120000.00'))
        self.assertTrue(card['rows'][0]['entry'])

    def test_account_card_requires_an_account(self):
        with self.assertRaises(UserError):
            self.data('account_card')

    def test_journal_main_month_totals_ACC02(self):
        data = self.data('journal_main')
        book = data['figures']
        totals = {r['month']: r['amount'] for r in book['rows'] if r['kind'] == 'month_total'}
        self.assertEqual(totals, {'2025-01': D('500000.00'), '2025-02': D('220000.00'), '2025-03': D('60000.00')})
        january = [r for r in book['rows'] if r['kind'] == 'journal' and r['month'] == '2025-01']
        self.assertEqual(sorted((r['journal'], r['amount']) for r in january),
                         sorted([(self.plan.id, D('300000.00')), (self.memorial.id, D('200000.00'))]))
        march = [r for r in book['rows'] if r['kind'] == 'month_total' and r['month'] == '2025-03'][0]
        self.assertEqual(march['cells']['1042'], (D('0.00'), D('25000.00')))
        closing = book['rows'][-1]
        self.assertEqual(closing['cells']['1091'], (D('120000.00'), D('0.00')))
        self.assertEqual(book['rows'][0]['cells']['5220'], (D('0.00'), D('1050000.00')))
        self.assertTrue(book['balanced'] and all(c['ok'] for c in data['checks']))
        self.assertIn('Turnover for January 2025', [r[0] for r in self.cells(data['tables'][0])])
        # 12 accounts: the PDF prints the book in three parts of five, five and two accounts, a page each, the
        # journal and the amount repeated; the XLSX keeps the whole book on its sheet
        html = self.html(self.wizard('journal_main', self.bookkeeper), self.bookkeeper)
        self.assertEqual(html.count('>Memorial order (journal)<'), 3)
        self.assertEqual(html.count('page-break-before: always'), 2)
        rows = self.xlsx_rows(self.wizard('journal_main', self.bookkeeper), self.bookkeeper)
        march = [r for r in rows if r[0] == 'Turnover for March 2025'][0]
        self.assertEqual(len(march), 2 + 2 * 12)
        self.assertEqual(march[1], 60000.0)

    # ------------------------------------------------------------------------------------------------ warning

    def test_draft_entry_in_the_period_is_listed_in_a_warning_ACC13(self):
        wizard = self.wizard('fo1')
        self.assertEqual(wizard.unposted_count, 1)
        self.assertIn('1 unposted (draft) entries', wizard.unposted_warning)
        self.assertIn('20.03.2025', wizard.unposted_warning)
        self.assertIn('Draft write-off', wizard.unposted_warning)
        data = wizard.report_data()
        self.assertEqual(data['unposted'], wizard.unposted_warning)
        self.assertIn('Draft write-off', self.html(wizard))
        later = self.wizard('fo1', date_from='2025-04-01', date_to='2025-06-30')
        self.assertEqual(later.unposted_count, 0)
        self.assertFalse(later.unposted_warning)

    # ------------------------------------------------------------------------------------------------ outputs

    def test_xlsx_has_line_codes_and_amounts_in_the_unit(self):
        rows = self.xlsx_rows(self.wizard('fo1', self.chief, unit='thousand'), self.chief)
        self.assertEqual(rows[0][2], 'ФО-1')           # the form's code top right, the title under it
        self.assertEqual(rows[2][0], 'Balance sheet')
        self.assertIn(('Unit', 'thousand tenge'), [tuple(r[:2]) for r in rows])
        by_code = {r[1]: r for r in rows if len(r) > 3 and r[1] in ('010', '200', '500')}
        self.assertEqual((by_code['200'][2], by_code['200'][3]), (1000.0, 990.0))
        self.assertEqual(by_code['500'][3], 1180.0)
        self.assertIn('Consistency checks', [r[0] for r in rows])
        self.assertIn('OK', [r[4] for r in rows if len(r) > 4])
        check = [r for r in rows if r[0].startswith('Balance at the end: assets')][0]
        self.assertEqual(check[1:], [1200.0, 1200.0, 0.0, 'OK'])
        # the unposted entry of 20.03.2025, before the form
        warning = [i for i, r in enumerate(rows) if r[0].startswith('1 unposted (draft) entries')]
        self.assertTrue(warning and warning[0] < [i for i, r in enumerate(rows) if r[1] == '010'][0])
        self.assertTrue([r for r in rows if 'Draft write-off' in r[0]])
        # the heading of the form (not the warning's) is printed again on every page
        import io
        import zipfile
        content, _fmt = self.env.ref('kz_gov_account.report_fo1_xlsx').render_xlsx([self.wizard('fo1').id], {})
        workbook = zipfile.ZipFile(io.BytesIO(content)).read('xl/workbook.xml').decode()
        head = [i for i, r in enumerate(self.xlsx_rows(self.wizard('fo1'))) if r[1] == 'Line code'][0]
        self.assertIn("!$%d:$%d</definedName>" % (head + 1, head + 1), workbook)
        fo3 = self.xlsx_rows(self.wizard('fo3'))
        self.assertEqual([r for r in fo3 if r[1] == '930'][0][2], 185000.0)
        turnover = self.xlsx_rows(self.wizard('turnover'))
        self.assertIn('1091', [r[0] for r in turnover])
        self.assertIn(780000.0, [r for r in turnover if r[0] == 'Total'][0])

    def test_amounts_are_formatted_one_way_per_language_in_pdf_xlsx_and_screens(self):
        """The PDF writes an amount with the separators the screens use in that language (the res.lang of the
        database: Kazakh and Russian «1 200 000,00», English «1,200,000.00»); the XLSX keeps numbers, grouped by
        thousands with the unit's decimals."""
        for lang in ('kk_KZ', 'ru_RU'):
            text = '1\u00a0200\u00a0000,00'
            self.assertIn(text, self.html(self.wizard('fo1', lang=lang)), lang)
            self.assertEqual(formatLang(self.env(context=dict(self.env.context, lang=lang)), 1200000.0), text)
        # English (not active in the schools' databases: the PDF follows gov_reports.SEPARATORS, as en_US does)
        english = self.wizard('fo1').with_context(lang='en_US')
        self.assertIn('1,200,000.00', self.html(english))
        self.assertIn('1\u00a0200,0', self.html(self.wizard('fo1', lang='ru_RU', unit='thousand')))
        content, _fmt = self.env.ref('kz_gov_account.report_fo1_xlsx').render_xlsx(
            [self.wizard('fo1', unit='thousand').id], {})
        book = xlrd.open_workbook(file_contents=content, formatting_info=False)
        self.assertTrue(book.nsheets)
        # the number format of the amounts: thousands grouped, one decimal in thousands of tenge
        import zipfile
        import io
        styles = zipfile.ZipFile(io.BytesIO(content)).read('xl/styles.xml').decode()
        self.assertIn('formatCode="#,##0.0"', styles)

    def test_no_row_of_a_form_is_cut_across_a_pdf_page(self):
        """ФО-1 in Russian runs over several pages: every row of the form is printed whole on one page (its line
        code and the end of its name on the same page)."""
        wizard = self.wizard('fo1', lang='ru_RU')
        report = self.env.ref('kz_gov_account.report_fo1_pdf').with_context(lang='ru_RU')
        # render_qweb_pdf gives HTML under the test runner: the PDF is made by wkhtmltopdf here, as Odoo does
        html = report.render_qweb_html([wizard.id])[0]
        pdf = report._run_wkhtmltopdf([html])
        self.assertTrue(pdf.startswith(b'%PDF'))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'fo1.pdf')
            with open(path, 'wb') as f:
                f.write(pdf)
            pages = int(re.search(r'Pages:\s+(\d+)', subprocess.check_output(['pdfinfo', path]).decode()).group(1))
            texts = [re.sub(r'\s+', ' ', subprocess.check_output(
                ['pdftotext', '-f', str(p), '-l', str(p), path, '-']).decode()) for p in range(1, pages + 1)]
        self.assertGreater(pages, 1)
        for row in gov_acts.form_tables()['FO1'].lines:
            words = row.name_ru.split()
            start, end = ' '.join(words[:2]), ' '.join(words[-2:])
            on = [i for i, text in enumerate(texts) if start in text and end in text]
            self.assertTrue(on, 'row %s «%s» is cut across pages' % (row.code, row.name_ru))

    def test_every_report_renders_in_html_and_xlsx(self):
        for report in ('fo1', 'fo2', 'fo3', 'fo4', 'turnover', 'journal_main', 'account_card'):
            wizard = self.wizard(report, self.bookkeeper, account_id=self.accounts['1091'].id)
            html = self.html(wizard, self.bookkeeper)
            self.assertIn(self.school.name, html)
            self.assertIn('Chief bookkeeper', html)
            self.assertIn('rep_chief', html)
            if report != 'account_card':          # the card has no checks
                self.assertIn('Consistency checks', html)
            self.assertTrue(self.xlsx_rows(wizard, self.bookkeeper))
            action = wizard.action_export_xlsx()
            self.assertEqual(action['report_type'], 'xlsx')
        html = self.html(self.wizard('fo1'))
        self.assertIn('>500<', html)

    def test_pdf_renders_with_wkhtmltopdf(self):
        wizard = self.wizard('fo3')
        report = self.env.ref('kz_gov_account.report_fo3_pdf')
        pdf = report._run_wkhtmltopdf([report.render_qweb_html([wizard.id])[0]],
                                      landscape=True, specific_paperformat_args={})
        self.assertTrue(pdf.startswith(b'%PDF'))
        self.assertEqual(wizard.action_print_pdf()['report_type'], 'qweb-pdf')

    def test_labels_and_lines_in_russian(self):
        data = self.data('fo1', lang='ru_RU')
        names = {r['code']: r['name'] for r in data['figures']['rows'] if r['code']}
        self.assertEqual(names['200'], 'Итого долгосрочных активов')
        self.assertEqual(names['114'], 'Основные средства')

    # ------------------------------------------------------------------------------------------------ access

    def test_director_runs_the_reports_cashier_cannot_ACC13(self):
        for user in (self.director, self.bookkeeper, self.chief):
            data = self.data('fo1', user=user)
            self.assertEqual(self.values(data)['200'], D('990000.00'))
        with self.assertRaises(AccessError):
            self.data('fo1', user=self.cashier)

    def test_district_reads_any_school_director_only_their_own(self):
        data = self.data('turnover', user=self.district)
        self.assertTrue(data['figures']['balanced'])
        with self.assertRaises(AccessError):
            self.data('fo1', user=self.director_b)

    def test_defaults_this_year_to_the_last_finished_month(self):
        import datetime
        wizard = self.env['kz.gov.report.wizard'].create({'report': 'fo1'})
        today = datetime.date.today()
        end = today.replace(day=1) - datetime.timedelta(days=1)
        self.assertEqual(wizard.date_to, end.isoformat())
        self.assertEqual(wizard.date_from, end.replace(month=1, day=1).isoformat())
        self.assertEqual(wizard.comparative_date_from, end.replace(year=end.year - 1, month=1, day=1).isoformat())
        self.assertEqual(wizard.company_id, self.env.user.company_id)
        self.assertEqual(wizard.unit, 'thousand')
