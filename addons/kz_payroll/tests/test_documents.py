"""Payroll documents (ACC-11, ACC-12): payslips, summary, bank register, contribution lists, form 200.00 data.

Structure-independent fixture: confirmed payslips are created directly with their lines (codes of the contract
with the payroll core), so these tests do not depend on the salary rules. Figures are 2026 rates computed by
hand (kz_rules.md §1.2-1.3: ОПВ 10 %, ВОСМС 2 %, ИПН 10 % after 30 МРП = 129 750, ОПВР 3.5 %, СО 5 % of G − ОПВ,
ООСМС 3 %, СН 6 % of G − ОПВ − ВОСМС); the employee born in 1970 has no ОПВР (exempt, born before 1975).
"""
import datetime
from decimal import Decimal as D

import xlrd

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import PayrollCase

CODES = ('BASIC', 'GROSS', 'OPV', 'VOSMS', 'IPN', 'NET', 'OPVR', 'SO', 'OOSMS', 'SN')
# January 2026: employee 1 (250 000), employee 2 (180 000.50, no ОПВР); February: employee 1 again and employee 3
AIGUL_JAN = dict(BASIC=250000, GROSS=250000, OPV=25000, VOSMS=5000, IPN=9025, NET=210975,
                 OPVR=8750, SO=11250, OOSMS=7500, SN=13200)
BOLAT_JAN = dict(BASIC=180000.50, GROSS=180000.50, OPV=18000.05, VOSMS=3600.01, IPN=2865.04, NET=155535.40,
                 SO=8100.02, OOSMS=5400.02, SN=9504.03)
SERIK_FEB = dict(BASIC=100000, GROSS=100000, OPV=10000, VOSMS=2000, NET=88000, OPVR=3500, SO=4500, OOSMS=3000,
                 SN=5280)


class TestPayrollDocuments(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestPayrollDocuments, cls).setUpClass()
        env = cls.env
        cls.school = cls.school_a
        cls.category = env['hr.salary.rule.category'].create({'name': 'Test basic', 'code': 'BASIC_T'})
        cls.rule = env['hr.salary.rule'].create({'name': 'Test rule', 'code': 'TEST_DOC',
                                                 'category_id': cls.category.id})
        job = env['hr.job'].create({'name': 'Мұғалім', 'company_id': cls.school.id})
        bank = env['res.bank'].create({'name': 'Halyk Bank', 'bic': 'HSBKKZKX'})
        cls.aigul = cls._employee('Ахметова Айгүл', datetime.date(1985, 3, 4), job, bank, 'KZ536010002000012345')
        cls.bolat = cls._employee('Бекенов Болат', datetime.date(1970, 8, 9), job, bank, 'KZ606010002000054321')
        cls.serik = cls._employee('Серіков Серік', datetime.date(1995, 1, 2), job, None, None)
        cls.batch = env['hr.payslip.run'].create({'name': 'Қаңтар 2026', 'date_start': '2026-01-01',
                                                'date_end': '2026-01-31'})
        cls.slip_aigul = cls._slip(cls.aigul, '2026-01', AIGUL_JAN, run=cls.batch, days=20, hours=160)
        cls._slip(cls.bolat, '2026-01', BOLAT_JAN, run=cls.batch, days=18, hours=144)
        cls._slip(cls.serik, '2026-01', dict(GROSS=999, NET=999), state='draft')   # not confirmed: never printed
        cls._slip(cls.aigul, '2026-02', AIGUL_JAN)
        cls._slip(cls.serik, '2026-02', SERIK_FEB)

    @classmethod
    def _employee(cls, name, birth, job, bank, account):
        partner = cls.env['res.partner'].create({'name': name})
        vals = {'name': name, 'kz_iin': cls.new_iin(birth, 'F'), 'company_id': cls.school.id, 'job_id': job.id,
                'address_home_id': partner.id, 'birthday': fields.Date.to_string(birth)}
        employee = cls.env['hr.employee'].create(vals)
        if account:
            employee.bank_account_id = cls.env['res.partner.bank'].create({
                'acc_number': account, 'partner_id': partner.id, 'bank_id': bank.id})
        cls.env['hr.contract'].create({
            'name': 'Contract %s' % name, 'employee_id': employee.id, 'wage': 1, 'date_start': '2025-09-01',
            'company_id': cls.school.id})
        return employee

    @classmethod
    def _slip(cls, employee, month, amounts, run=None, state='done', days=0, hours=0):
        start = fields.Date.from_string(month + '-01')
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        contract = cls.env['hr.contract'].search([('employee_id', '=', employee.id)], limit=1)
        slip = cls.env['hr.payslip'].create({
            'name': 'Slip %s %s' % (employee.name, month), 'employee_id': employee.id, 'contract_id': contract.id,
            'date_from': fields.Date.to_string(start), 'date_to': fields.Date.to_string(end),
            'company_id': cls.school.id, 'payslip_run_id': run and run.id})
        for seq, code in enumerate(CODES):
            if code in amounts:
                cls.env['hr.payslip.line'].create({
                    'slip_id': slip.id, 'name': code, 'code': code, 'category_id': cls.category.id,
                    'salary_rule_id': cls.rule.id, 'amount': amounts[code], 'quantity': 1, 'rate': 100,
                    'employee_id': employee.id, 'contract_id': contract.id, 'sequence': seq})
        if days:
            cls.env['hr.payslip.worked_days'].create({'name': 'Normal working days', 'code': 'WORK100',
                                                      'payslip_id': slip.id, 'contract_id': contract.id,
                                                      'number_of_days': days, 'number_of_hours': hours})
        slip._kz_write_internal({'state': state})     # as confirmation does, without computing
        return slip

    def wizard(self, user=None, **vals):
        values = {'document_kind': 'summary', 'company_id': self.school.id, 'year': 2026, 'month': '1',
                  'quarter': '1', 'lang': 'ru_RU', 'output': 'pdf'}
        values.update(vals)
        Wizard = self.env['kz.payroll.document.wizard']
        return (Wizard.sudo(user) if user else Wizard).create(values)

    @staticmethod
    def table(document, index=0, section=0):
        """A table of a kz_document.Document as plain lists: the headings, the rows' values, the total."""
        table = document.sections[section].tables[index]
        return {'columns': [c.label for c in table.columns], 'rows': [r.values for r in table.rows],
                'total': table.total, 'table': table}

    def xlsx_rows(self, wizard, user=None):
        """The cells of every sheet of the XLSX (a payslip a sheet), one list a row."""
        report = self.env.ref('kz_payroll.kz_payroll_document_xlsx')
        content, fmt = (report.sudo(user) if user else report).render_xlsx([wizard.id], {})
        self.assertEqual(fmt, 'xlsx')
        book = xlrd.open_workbook(file_contents=content)
        return [sheet.row_values(i) for sheet in book.sheets() for i in range(sheet.nrows)]

    def pdf_html(self, wizard):
        report = self.env.ref('kz_payroll.kz_payroll_document_pdf')
        html = report.render_qweb_html([wizard.id])[0]
        pdf = report._run_wkhtmltopdf([html])
        self.assertTrue(pdf.startswith(b'%PDF'))
        return html.decode()

    # ------------------------------------------------------------------------------------------------ payslip

    def test_payslip_figures_and_amount_to_pay_in_words_ru_and_kk_ACC11(self):
        docs = self.wizard(document_kind='payslip', period_kind='batch', payslip_run_id=self.batch.id).kz_documents()
        self.assertEqual(len(docs), 2)                               # one payslip per employee of the batch
        aigul = docs[0].sections[0]
        self.assertEqual([v for _label, v in aigul.info], ['Ахметова Айгүл', self.aigul.kz_iin, 'Мұғалім'])
        worked, accrued, withheld, to_pay, employer = [self.table(docs[0], i) for i in range(5)]
        self.assertEqual(worked['rows'], [['Normal working days', 'WORK100', D('20.00'), D('160.00')]])
        self.assertEqual(accrued['rows'], [['BASIC', D('250000.00')]])
        self.assertEqual(accrued['total'][1], D('250000.00'))
        self.assertEqual([r[1] for r in withheld['rows']], [D('25000.00'), D('5000.00'), D('9025.00')])
        self.assertEqual(withheld['total'][1], D('39025.00'))
        self.assertEqual(to_pay['total'][1], D('210975.00'))
        self.assertEqual(employer['total'][1], D('40700.00'))       # 8 750 + 11 250 + 7 500 + 13 200
        self.assertEqual(docs[0].amount, D('210975.00'))
        self.assertEqual(docs[0].amount_words, 'Двести десять тысяч девятьсот семьдесят пять тенге 00 тиын')
        self.assertEqual(self.table(docs[1], 2)['total'][1], D('24465.10'))   # 18 000.05 + 3 600.01 + 2 865.04
        self.assertEqual(self.table(docs[1], 4)['rows'][0][1], D('0.00'))     # no ОПВР line = 0
        kk = self.wizard(document_kind='payslip', lang='kk_KZ').kz_documents()
        self.assertIn('Екі жүз он мың тоғыз жүз жетпіс бес теңге 00 тиын', kk[0].amount_words)
        self.assertIn('Жүз елу бес мың бес жүз отыз бес теңге 40 тиын', kk[1].amount_words)

    def test_payslip_pdf_and_xlsx(self):
        wiz = self.wizard(document_kind='payslip')
        html = self.pdf_html(wiz)
        self.assertIn('Ахметова Айгүл', html)
        self.assertIn(self.bolat.kz_iin, html)
        self.assertIn('210\u00a0975,00', html)
        self.assertIn('Двести десять тысяч девятьсот семьдесят пять тенге 00 тиын', html)
        self.assertIn('Расчётные листы', html)
        docs = wiz.kz_documents()
        rows = self.xlsx_rows(wiz)
        self.assertIn(docs[0].title, [r[0] for r in rows])
        self.assertIn('%s: %s' % (docs[1].amount_label, docs[1].amount_words), [r[0] for r in rows])
        self.assertIn('Сто пятьдесят пять тысяч пятьсот тридцать пять тенге 40 тиын', docs[1].amount_words)
        to_pay = self.table(docs[0], 3)['total'][0]
        self.assertEqual([r[1] for r in rows if r[0] == to_pay and isinstance(r[1], float)], [210975.0, 155535.4])
        kk = self.pdf_html(self.wizard(document_kind='payslip', lang='kk_KZ'))
        self.assertIn('Екі жүз он мың тоғыз жүз жетпіс бес теңге 00 тиын', kk)

    # ------------------------------------------------------------------------------------------------ summary

    def test_summary_totals_per_code_and_ebk_specifics_ACC11(self):
        doc = self.wizard().kz_documents()[0]
        table = self.table(doc)
        self.assertEqual(len(table['rows']), 2)                      # the draft slip is not counted
        # columns: No., employee, IIN, specific, then BASIC GROSS OPV VOSMS IPN NET OPVR SO OOSMS SN
        self.assertEqual(table['total'][4:], [D('430000.50'), D('430000.50'), D('43000.05'), D('8600.01'),
                                              D('11890.04'), D('366510.40'), D('8750.00'), D('19350.02'),
                                              D('12900.02'), D('22704.03')])
        self.assertEqual(table['rows'][1][4:10], [D('180000.50'), D('180000.50'), D('18000.05'), D('3600.01'),
                                                  D('2865.04'), D('155535.40')])
        ebk = {r[0]: r[2] for r in self.table(doc, 1)['rows']}
        self.assertEqual(ebk, {'111': D('430000.50'), '116/135': D('8750.00'), '121': D('22704.03'),
                               '122': D('19350.02'), '124': D('12900.02')})
        rows = self.xlsx_rows(self.wizard(output='xlsx'))
        total = next(r for r in rows if r[1] == table['total'][1])
        self.assertEqual(total[9], 366510.4)
        self.assertEqual(total[13], 22704.03)
        self.assertEqual(rows[next(i for i, r in enumerate(rows) if r[0] == '111')][2], 430000.5)
        self.assertIn(table['columns'][9], next(r for r in rows if r[0] == table['columns'][0]))
        html = self.pdf_html(self.wizard())
        self.assertIn('366\u00a0510,40', html)
        self.assertIn('116/135', html)
        self.assertIn('Свод по заработной плате', html)

    # ------------------------------------------------------------------------------------------------ bank

    def test_bank_register_total_count_and_words_ACC11(self):
        doc = self.wizard(document_kind='bank').kz_documents()[0]
        table = self.table(doc)
        self.assertEqual([r[3] for r in table['rows']], ['KZ536010002000012345', 'KZ606010002000054321'])
        self.assertEqual(table['rows'][0][4], 'Halyk Bank (HSBKKZKX)')
        self.assertEqual(table['total'][-1], D('366510.40'))
        notes = doc.sections[0].notes
        self.assertTrue(notes[0].endswith(': 2'))
        self.assertEqual(doc.amount_words, 'Триста шестьдесят шесть тысяч пятьсот десять тенге 40 тиын')
        self.assertEqual(len(notes), 1)
        kk = self.wizard(document_kind='bank', lang='kk_KZ').kz_documents()[0]
        self.assertIn('Үш жүз алпыс алты мың бес жүз он теңге 40 тиын', kk.amount_words)
        feb = self.wizard(document_kind='bank', month='2').kz_documents()[0]
        self.assertTrue(feb.sections[0].notes[1].endswith(': Серіков Серік'))   # no bank account
        rows = self.xlsx_rows(self.wizard(document_kind='bank', output='xlsx'))
        self.assertEqual(next(r for r in rows if r[1] == table['total'][1])[5], 366510.4)
        self.assertTrue(any(str(r[0]).endswith(': Триста шестьдесят шесть тысяч пятьсот десять тенге 40 тиын')
                            for r in rows))
        self.assertIn('KZ606010002000054321', self.pdf_html(self.wizard(document_kind='bank')))

    # ------------------------------------------------------------------------------------------------ lists

    def test_contribution_lists_pension_social_medical_ACC11(self):
        doc = self.wizard(document_kind='pension').kz_documents()[0]
        pension = self.table(doc)
        self.assertEqual(pension['rows'][0][1:3], [self.aigul.kz_iin, 'Ахметова Айгүл'])
        self.assertEqual(doc.text(pension['rows'][0][3], pension['table'].columns[3]), '04.03.1985')
        self.assertEqual(pension['total'][-3:], [D('430000.50'), D('43000.05'), D('8750.00')])
        social = self.table(self.wizard(document_kind='social').kz_documents()[0])
        self.assertEqual(social['total'][-2:], [D('387000.45'), D('19350.02')])   # income − ОПВ, СО
        medical = self.wizard(document_kind='medical', output='xlsx')
        self.assertEqual(self.table(medical.kz_documents()[0])['total'][-2:], [D('8600.01'), D('12900.02')])
        rows = self.xlsx_rows(medical)
        self.assertEqual(next(r for r in rows if r[2] == pension['total'][2])[4:7], [430000.5, 8600.01, 12900.02])
        self.assertTrue(any(str(r[0]).endswith(': Двадцать одна тысяча пятьсот тенге 03 тиын') for r in rows))
        html = self.pdf_html(self.wizard(document_kind='social'))
        self.assertIn('387\u00a0000,45', html)
        self.assertIn('04.03.1985', html)

    # ------------------------------------------------------------------------------------------------ form 200

    def test_form200_data_per_month_of_the_quarter(self):
        doc = self.wizard(document_kind='form200').kz_documents()[0]
        table = self.table(doc)
        # columns: month, employees, ИПН, ОПВ, ОПВР, ВОСМС, ООСМС, СО, СН
        self.assertEqual(len(table['columns']), 9)
        self.assertEqual(table['rows'][0][1:3], [2, D('11890.04')])
        self.assertEqual(table['rows'][1][1:], [2, D('9025.00'), D('35000.00'), D('12250.00'),
                                            D('7000.00'), D('10500.00'), D('15750.00'), D('18480.00')])
        self.assertEqual(table['rows'][2][1:3], [0, D('0.00')])
        self.assertEqual(table['total'][1:], [3, D('20915.04'), D('78000.05'), D('21000.00'),
                                          D('15600.01'), D('23400.02'), D('35100.02'), D('41184.03')])
        self.assertEqual(len(doc.sections[0].notes), 2)   # data for the form, not the official file
        self.assertIn('20\u00a0915,04', self.pdf_html(self.wizard(document_kind='form200')))
        rows = self.xlsx_rows(self.wizard(document_kind='form200', output='xlsx'))
        self.assertEqual([r for r in rows if r[0] == table['total'][0]][-1][1:3], [3.0, 20915.04])

    # ------------------------------------------------------------------------------------------------ refusals

    def test_refuses_period_without_confirmed_payslips_and_unfinished_month(self):
        with self.assertRaisesRegex(UserError, 'no confirmed payslips'):
            self.wizard(month='3').action_print()
        today = fields.Date.from_string(fields.Date.today())
        with self.assertRaisesRegex(UserError, 'not finished'):
            self.wizard(year=today.year, month=str(today.month)).action_print()
        with self.assertRaisesRegex(UserError, 'not finished'):
            self.wizard(document_kind='form200', year=today.year,
                        quarter=str((today.month - 1) // 3 + 1)).action_print()
        with self.assertRaisesRegex(UserError, 'no confirmed payslips'):
            self.wizard(document_kind='form200', year=2025, quarter='4').kz_documents()

    def test_print_action_in_the_chosen_language(self):
        action = self.wizard(document_kind='bank', lang='kk_KZ', output='xlsx').action_print()
        self.assertEqual(action['report_name'], 'kz_payroll.payroll_document_xlsx')
        self.assertEqual(action['context']['lang'], 'kk_KZ')

    # ------------------------------------------------------------------------------------------------ access

    def test_cashier_may_not_print_payroll_documents(self):
        with self.assertRaises(AccessError):
            self.wizard(user=self.cashier).action_print()
        with self.assertRaises(AccessError):
            self.wizard(user=self.cashier).kz_documents()

    def test_bookkeeper_and_hr_officer_print(self):
        bank = self.wizard(user=self.bookkeeper, document_kind='bank', output='xlsx')
        self.assertEqual(self.table(bank.kz_documents()[0])['total'][-1], D('366510.40'))
        self.assertEqual(self.table(bank.kz_documents()[0])['total'][1], 'Всего')
        rows = self.xlsx_rows(bank, user=self.bookkeeper)
        self.assertEqual(next(r for r in rows if r[1] == 'Всего')[5], 366510.4)
        self.assertEqual(len(self.wizard(user=self.hr_officer, document_kind='payslip').kz_documents()), 2)
        other = self.school_b
        with self.assertRaises(AccessError):
            self.wizard(user=self.bookkeeper, company_id=other.id).kz_documents()
