# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4, turnover sheet, account card and Журнал-Главная (ACC-02, ACC-13).

A test school with the chart of state institutions and a quarter of entries posted by account.move.kz_bulk_post,
figures computed by hand:

* 31.12.2024 (before the period): building 2320 1 000 000 and treasury money 1010 50 000 (local budget) against
  the result of prior years 5420;
* 10.01.2025 financing 300 000 received (Dt 1010 / Ct 6010, local budget); 31.01 salaries 200 000 accrued
  (Dt 7010 / Ct 3320); 05.02 salaries 180 000 paid (Dt 3320 / Ct 1010, ЕБК 111); 10.02 paid services 40 000
  received (Dt 1030 / Ct 6110, paid services); 01.03 materials 25 000 bought (Dt 1310 / Ct 3310, paid services);
  15.03 the supplier paid 25 000 (Dt 3310 / Ct 1030, ЕБК 149); 31.03 depreciation 10 000 (Dt 7070 / Ct 2390);
* 20.03.2025 a draft entry (materials written off, 5 000), not posted.

At 31.03.2025: money 185 000 (local budget 170 000, paid services 15 000), materials 25 000, fixed assets
990 000: assets 1 200 000 = liabilities 20 000 (salaries) + net assets 1 180 000 (1 050 000 + result 130 000 =
income 340 000 − expenses 210 000).
"""
from decimal import Decimal as D

import xlrd

from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.tests.common import KzEduCase

PERIOD = {'date_from': '2025-01-01', 'date_to': '2025-03-31',
          'comparative_date_from': '2024-01-01', 'comparative_date_to': '2024-12-31'}


class TestGovReports(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TestGovReports, cls).setUpClass()
        env = cls.env
        cls.school = cls.school_a
        env['account.chart.template'].kz_gov_load_for_companies(cls.school)
        cls.accounts = {a.code[:4]: a for a in env['account.account'].search([('company_id', '=', cls.school.id)],
                                                                              order='code')}
        cls.fund = {f.code: f for f in env['kz.gov.funding.source'].search([])}
        cls.ebk = {e.code: e for e in env['kz.gov.ebk'].search([])}
        Chart = env['account.chart.template']
        cls.memorial = Chart.kz_gov_journal(cls.school, 'memorial')
        cls.bank = Chart.kz_gov_journal(cls.school, 'cash_budget')
        cls._post(cls.memorial, '2024-12-31', 'Opening: building', ('2320', '5420', 1000000, None, '412'))
        cls._post(cls.bank, '2024-12-31', 'Opening: money', ('1010', '5420', 50000, 'LOC', '111'))
        cls._post(cls.bank, '2025-01-10', 'Financing', ('1010', '6010', 300000, 'LOC', '111'))
        cls._post(cls.memorial, '2025-01-31', 'Salaries accrued', ('7010', '3320', 200000, 'LOC', '111'))
        cls._post(cls.bank, '2025-02-05', 'Salaries paid', ('3320', '1010', 180000, 'LOC', '111'))
        cls._post(cls.bank, '2025-02-10', 'Paid services', ('1030', '6110', 40000, 'PAID', '159'))
        cls._post(cls.memorial, '2025-03-01', 'Materials bought', ('1310', '3310', 25000, 'PAID', '149'))
        cls._post(cls.bank, '2025-03-15', 'Supplier paid', ('3310', '1030', 25000, 'PAID', '149'))
        cls._post(cls.memorial, '2025-03-31', 'Depreciation', ('7070', '2390', 10000, 'LOC', '169'))
        cls.draft = env['account.move'].create({
            'journal_id': cls.memorial.id, 'date': '2025-03-20', 'ref': 'Draft write-off',
            'line_ids': [(0, 0, cls._line('7030', 5000, 0, 'LOC', '149')),
                         (0, 0, cls._line('1310', 0, 5000, 'PAID', '149'))]})
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
        values = dict(PERIOD, report=report, company_id=self.school.id, lang=False)
        values.update(vals)
        Wizard = self.env['kz.gov.report.wizard']
        return (Wizard.sudo(user) if user else Wizard).create(values)

    def data(self, report, user=None, **vals):
        return self.wizard(report, user, **vals).report_data()

    @staticmethod
    def values(data, column='current'):
        return {r['code']: r[column] for r in data['figures']['rows'] if r['code']}

    def code(self, prefix):
        return self.accounts[prefix].code

    def xlsx_rows(self, wizard):
        content, fmt = self.env.ref('kz_gov_account.report_%s_xlsx' % wizard.report).render_xlsx([wizard.id], {})
        self.assertEqual(fmt, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        return [sheet.row_values(i) for i in range(sheet.nrows)]

    def html(self, wizard):
        report = self.env.ref('kz_gov_account.report_%s_pdf' % wizard.report)
        return report.render_qweb_html([wizard.id])[0].decode()

    # ------------------------------------------------------------------------------------------------ ФО-1

    def test_fo1_assets_equal_liabilities_plus_net_assets_ACC13(self):
        data = self.data('fo1')
        v = self.values(data)
        self.assertEqual((v['010'], v['020'], v['100']), (D('185000.00'), D('25000.00'), D('210000.00')))
        self.assertEqual((v['112'], v['190'], v['200']), (D('990000.00'), D('990000.00'), D('1200000.00')))
        self.assertEqual((v['218'], v['300'], v['390']), (D('20000.00'), D('20000.00'), D('0.00')))
        self.assertEqual((v['411'], v['412'], v['490'], v['500']),
                         (D('130000.00'), D('1050000.00'), D('1180000.00'), D('1200000.00')))
        comparative = self.values(data, 'comparative')       # at 31.12.2024: the opening entries only
        self.assertEqual((comparative['200'], comparative['490']), (D('1050000.00'), D('1050000.00')))
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])
        self.assertEqual(data['figures']['gaps'], [])
        self.assertEqual(data['checks'][0]['left'], D('1200000.00'))
        self.assertEqual(data['form'], 'ФО-1')
        self.assertEqual(data['signatures'][0][1], 'rep_director')
        self.assertEqual(data['signatures'][1][1], 'rep_chief')

    def test_fo1_broken_mapping_fails_the_check_visibly_ACC13(self):
        lines = self.env['kz.gov.report.line'].search([('form', '=', 'FO1'), ('code', 'in', ('411', '412'))])
        # expenses (7xxx) no longer mapped: neither this year's movement nor prior years' unclosed balance
        lines.filtered(lambda l: l.code == '411').expression = '-B:5410 -M:6'
        lines.filtered(lambda l: l.code == '412').expression = '-B:5420 -O:6'
        wizard = self.wizard('fo1')
        data = wizard.report_data()
        balance = data['checks'][0]
        self.assertFalse(balance['ok'])
        self.assertEqual((balance['left'], balance['right'], balance['difference']),
                         (D('1200000.00'), D('1410000.00'), D('-210000.00')))
        self.assertEqual(balance['status'], 'Difference: -210\u00a0000,00')
        gaps = data['checks'][-1]
        self.assertFalse(gaps['ok'])
        self.assertEqual(gaps['status'], 'Not shown: %s, %s' % (self.code('7010'), self.code('7070')))
        self.assertIn('Difference: -210\u00a0000,00', self.html(wizard))

    def test_wrong_expression_is_refused_with_the_line_named(self):
        line = self.env['kz.gov.report.line'].search([('form', '=', 'FO1'), ('code', '=', '200')])
        line.expression = '+L:100 +L:999'
        with self.assertRaises(UserError) as e:
            self.data('fo1')
        self.assertIn('ФО-1 line 200: refers to line 999', str(e.exception.name))

    # ------------------------------------------------------------------------------------------------ ФО-2, ФО-4

    def test_fo2_result_is_income_minus_expenses_ACC13(self):
        v = self.values(self.data('fo2'))
        self.assertEqual((v['011'], v['021'], v['100']), (D('300000.00'), D('40000.00'), D('340000.00')))
        self.assertEqual((v['110'], v['116'], v['200']), (D('200000.00'), D('10000.00'), D('210000.00')))
        self.assertEqual(v['300'], D('130000.00'))
        self.assertEqual(v['300'], v['100'] - v['200'])

    def test_fo4_closing_equals_fo1_net_assets_ACC13(self):
        data = self.data('fo4')
        v = self.values(data)
        self.assertEqual((v['010'], v['020'], v['100'], v['200']),
                         (D('1050000.00'), D('130000.00'), D('130000.00'), D('1180000.00')))
        fo1 = self.values(self.data('fo1'))
        self.assertEqual(v['200'], fo1['490'])
        self.assertEqual(len(data['checks']), 2)
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])
        self.assertEqual(data['checks'][0]['right'], D('1180000.00'))

    # ------------------------------------------------------------------------------------------------ ФО-3

    def test_fo3_closing_money_equals_money_accounts_by_funding_source_ACC13(self):
        data = self.data('fo3')
        rows = {r['code']: r for r in data['figures']['rows'] if r['code']}
        self.assertEqual(rows['010']['columns']['LOC'], D('50000.00'))
        self.assertEqual(rows['110']['columns']['LOC'], D('300000.00'))       # financing, counterpart 6010
        self.assertEqual(rows['130']['columns']['PAID'], D('40000.00'))       # paid services, counterpart 6110
        self.assertEqual(rows['210']['columns']['LOC'], D('180000.00'))       # salaries, ЕБК 111
        self.assertEqual(rows['230']['columns']['PAID'], D('25000.00'))       # materials, ЕБК 149
        self.assertEqual(rows['280']['current'], D('0.00'))
        self.assertEqual(rows['400']['columns']['LOC'], D('170000.00'))
        self.assertEqual(rows['400']['columns']['PAID'], D('15000.00'))
        self.assertEqual(rows['400']['current'], D('185000.00'))
        # the money accounts' balance per funding source, from the ledger through the ORM
        Line = self.env['account.move.line']
        for code, value in (('LOC', D('170000.00')), ('PAID', D('15000.00'))):
            items = Line.search([('company_id', '=', self.school.id), ('move_id.state', '=', 'posted'),
                                 ('account_id.internal_type', '=', 'liquidity'), ('date', '<=', '2025-03-31'),
                                 ('kz_funding_id', '=', self.fund[code].id)])
            ledger = sum((D(str(l.debit)) - D(str(l.credit)) for l in items), D('0'))
            self.assertEqual(ledger, value)
            self.assertEqual(data['figures']['money_close'][code], ledger)
            self.assertEqual(data['figures']['closing_by_funding'][code], ledger)
        self.assertTrue(all(c['ok'] for c in data['checks']), data['checks'])
        self.assertEqual(len(data['checks']), 3)      # total, local budget, paid services
        table = data['tables'][0]
        self.assertEqual(table['head'][1][-1]['label'], 'Total')
        self.assertIn('Local budget', [h['label'] for h in table['head'][1]])

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
        cash = rows[self.code('1010')]
        self.assertEqual((cash['open_dt'], cash['debit'], cash['credit'], cash['close_dt']),
                         (D('50000.00'), D('300000.00'), D('180000.00'), D('170000.00')))
        self.assertEqual(rows[self.code('3320')]['close_ct'], D('20000.00'))
        self.assertNotIn(self.code('7030'), rows)       # the draft entry is not in the sheet

    def test_turnover_sheet_of_one_funding_source(self):
        data = self.data('turnover', funding_id=self.fund['PAID'].id)
        rows = {r['code']: r for r in data['figures']['rows']}
        self.assertEqual(set(rows), {self.code('1030'), self.code('6110'), self.code('3310')})
        self.assertEqual(rows[self.code('1030')]['close_dt'], D('15000.00'))

    def test_account_card_running_balance_ACC02(self):
        data = self.data('account_card', account_id=self.accounts['1010'].id)
        card = data['figures']
        self.assertEqual(card['opening'], D('50000.00'))
        self.assertEqual([(r['date'], r['counterpart'], r['debit'], r['credit'], r['balance']) for r in card['rows']],
                         [('10.01.2025', self.code('6010'), D('300000.00'), D('0.00'), D('350000.00')),
                          ('05.02.2025', self.code('3320'), D('0.00'), D('180000.00'), D('170000.00'))])
        self.assertEqual(card['closing'], D('170000.00'))
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
                         sorted([(self.bank.id, D('300000.00')), (self.memorial.id, D('200000.00'))]))
        march = [r for r in book['rows'] if r['kind'] == 'month_total' and r['month'] == '2025-03'][0]
        self.assertEqual(march['cells'][self.code('1030')], (D('0.00'), D('25000.00')))
        closing = book['rows'][-1]
        self.assertEqual(closing['cells'][self.code('1010')], (D('170000.00'), D('0.00')))
        self.assertEqual(book['rows'][0]['cells'][self.code('5420')], (D('0.00'), D('1050000.00')))
        self.assertTrue(book['balanced'] and all(c['ok'] for c in data['checks']))
        self.assertIn('Turnover for January 2025', [r['cells'][0] for r in data['tables'][0]['rows']])

    # ------------------------------------------------------------------------------------------------ warning

    def test_draft_entry_in_the_period_is_listed_in_a_warning_ACC13(self):
        wizard = self.wizard('fo1')
        self.assertEqual(wizard.unposted_count, 1)
        self.assertIn('1 unposted (draft) entries', wizard.unposted_warning)
        self.assertIn('20.03.2025', wizard.unposted_warning)
        self.assertIn('Draft write-off', wizard.unposted_warning)
        self.assertIn('5\u00a0000,00', wizard.unposted_warning)
        data = wizard.report_data()
        self.assertEqual(data['unposted'], wizard.unposted_warning)
        self.assertIn('Draft write-off', self.html(wizard))
        later = self.wizard('fo1', date_from='2025-04-01', date_to='2025-06-30')
        self.assertEqual(later.unposted_count, 0)
        self.assertFalse(later.unposted_warning)

    # ------------------------------------------------------------------------------------------------ outputs

    def test_xlsx_has_line_codes_and_amounts(self):
        rows = self.xlsx_rows(self.wizard('fo1'))
        self.assertEqual(rows[0][0], 'ФО-1 Balance sheet')
        by_code = {r[1]: r for r in rows if len(r) > 2 and r[1] in ('010', '200', '490')}
        self.assertEqual(by_code['200'][2], 1200000.0)
        self.assertEqual(by_code['200'][3], 1050000.0)
        self.assertEqual(by_code['490'][2], 1180000.0)
        self.assertIn('Consistency checks', [r[0] for r in rows])
        self.assertIn('OK', [r[4] for r in rows if len(r) > 4])
        fo3 = self.xlsx_rows(self.wizard('fo3'))
        line_400 = [r for r in fo3 if r[1] == '400'][0]
        self.assertIn(170000.0, line_400)
        self.assertIn(185000.0, line_400)
        turnover = self.xlsx_rows(self.wizard('turnover'))
        self.assertIn(self.code('1010'), [r[0] for r in turnover])
        self.assertIn(780000.0, [r for r in turnover if r[0] == 'Total'][0])

    def test_every_report_renders_in_html_and_xlsx(self):
        for report in ('fo1', 'fo2', 'fo3', 'fo4', 'turnover', 'journal_main', 'account_card'):
            wizard = self.wizard(report, account_id=self.accounts['1010'].id)
            html = self.html(wizard)
            self.assertIn(self.school.name, html)
            self.assertIn('Chief bookkeeper', html)
            self.assertTrue(self.xlsx_rows(wizard))
            action = wizard.action_export_xlsx()
            self.assertEqual(action['report_type'], 'xlsx')
        html = self.html(self.wizard('fo1'))
        self.assertIn('1\u00a0200\u00a0000,00', html)
        self.assertIn('>490<', html)

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
        self.assertEqual(names['200'], 'Баланс (итого активов)')

    # ------------------------------------------------------------------------------------------------ access

    def test_director_runs_the_reports_cashier_cannot_ACC13(self):
        for user in (self.director, self.bookkeeper, self.chief):
            data = self.data('fo1', user=user)
            self.assertEqual(self.values(data)['200'], D('1200000.00'))
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
