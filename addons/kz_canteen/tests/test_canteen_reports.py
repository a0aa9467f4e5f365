"""Canteen documents (HSC-05, HSC-10): the monthly report on free and subsidised meals, its sending to the
education authority by the cron of the 1st, the табель for the supplier, the reconciliation with the Social Wallet
vouchers and the supplier invoice, and who may make them.

Meals of October 2026 in test school A (recorded as the POS records them, kz_bulk_record), price of the menu:
    5 Oct:  kid 0 (2 «А», PRIMARY/LOC) soup 350 + plov 650; kid 1 (2 «А») soup 350; kid 4 (5 «А», orphan,
            VSEOBUCH) plov 650; kid 2 (5 «А») plov 650 paid from the balance
    6 Oct:  kid 0 soup 350; kid 4 soup 350; kid 3 (5 «А», large family, subsidised: the budget pays 325) plov 650
    30 Oct: kid 1 plov 650
    30 Sep: kid 0 soup 350 (another month)
Free and subsidised, by hand: 8 meals, 4 students, 350 × 4 + 650 × 4 = 4 000 ₸; the budget pays 4 000 − 325 =
3 675 ₸. LOC: kids 0, 1 — 5 meals, 2 350 ₸; VSEOBUCH: kids 3, 4 — 3 meals, 1 650 ₸, of which the budget 1 325 ₸.
Per day: 5 Oct 4 meals (2 000 ₸), 6 Oct 3 (1 350 ₸), 30 Oct 1 (650 ₸).
"""
import base64
from unittest.mock import patch
import datetime
import io
from decimal import Decimal

import xlrd
import xlsxwriter
from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base import amount_words

from .common import CanteenCase

D = datetime.date
NOV_2 = '2026-11-02'


class TestCanteenReports(CanteenCase):

    @classmethod
    def setUpClass(cls):
        super(TestCanteenReports, cls).setUpClass()
        env = cls.env
        k = cls.kids
        env['kz.edu.student.social'].create({
            'student_id': k[3].id, 'category_id': env.ref('kz_edu_contingent.social_large_family').id,
            'date_from': '2026-09-01'})
        cls.sub5 = k[3]
        lines = [
            ('2026-10-05', k[0], cls.soup, 'free'), ('2026-10-05', k[0], cls.plov, 'free'),
            ('2026-10-05', k[1], cls.soup, 'free'), ('2026-10-05', k[4], cls.plov, 'free'),
            ('2026-10-05', k[2], cls.plov, 'paid'),
            ('2026-10-06', k[0], cls.soup, 'free'), ('2026-10-06', k[4], cls.soup, 'free'),
            ('2026-10-06', k[3], cls.plov, 'subsidised'),
            ('2026-10-30', k[1], cls.plov, 'free'),
            ('2026-09-30', k[0], cls.soup, 'free'),
        ]
        rows = [cls.meal_row(day, kid, dish, kind, n) for n, (day, kid, dish, kind) in enumerate(lines)]
        env['kz.canteen.meal'].kz_bulk_record(rows)
        cls.bookkeeper = cls.make_user('cr_bookkeeper', ['kz_edu_base.group_bookkeeper'], cls.school_a)
        cls.parent_user = cls.make_user('cr_parent', ['kz_edu_base.group_parent'], cls.school_a,
                                        partner=cls.mother_a)
        cls.Wizard = env['kz.canteen.report.wizard']
        cls.Reconcile = env['kz.canteen.reconcile.wizard']
        cls.Monthly = env['kz.canteen.monthly.report']

    @classmethod
    def meal_row(cls, day, kid, dish, kind, n):
        price = Decimal(str(dish.lst_price)).quantize(Decimal('0.01'))
        category, funding, funded = {
            'free': ('ORPHAN', 'VSEOBUCH', price) if kid == cls.kids[4] else ('PRIMARY', 'LOC', price),
            'subsidised': ('LARGE_FAMILY', 'VSEOBUCH', price / 2),
            'paid': (None, 'PAID', Decimal('0.00')),
        }[kind]
        klass = cls.c2a if kid in cls.kids[:2] else cls.c5a
        return {'company_id': cls.school_a.id, 'date': day, 'served_at': '%s 06:30:00' % day,
                'student_id': kid.id, 'class_id': klass.id, 'grade': klass.grade_id.sequence,
                'product_id': dish.id, 'menu_id': None, 'qty': 1, 'price': price, 'child_amount': price - funded,
                'funding_amount': funded, 'kind': kind, 'category': category, 'funding': funding,
                'pos_order_id': None, 'order_key': 'TEST-%s-%d' % (day, kid.id), 'line_no': n, 'review': False,
                'review_note': None}

    # ------------------------------------------------------------------------------------------------ helpers

    def tr(self, source, lang='kk_KZ'):
        """A label as the document prints it in ``lang`` (its translation once the .po files have one)."""
        return self.env['ir.translation']._get_source(None, ('code',), lang, source) or source

    def wizard(self, user=None, today=NOV_2, **vals):
        values = {'company_id': self.school_a.id, 'month': '2026-10-01', 'lang': 'kk_KZ', 'output': 'pdf'}
        values.update(vals)
        Wizard = self.Wizard.sudo(user) if user else self.Wizard
        return Wizard.with_context(kz_canteen_today=today).create(values)

    def xlsx_rows(self, xml_id, wiz, today=NOV_2):
        content, kind = self.env.ref(xml_id).with_context(kz_canteen_today=today).render_xlsx(wiz.ids, None)
        self.assertEqual(kind, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        return [sheet.row_values(i) for i in range(sheet.nrows)]

    def html(self, xml_id, wiz, today=NOV_2):
        content = self.env.ref(xml_id).with_context(kz_canteen_today=today).render_qweb_html(wiz.ids)[0]
        return lxml_html.fromstring(content)

    def table(self, doc, caption):
        """The table of a kz_document.Document under ``caption`` (its English source)."""
        return next(t for t in doc.tables() if t.caption == self.tr(caption, doc.lang))

    @staticmethod
    def values(table, style=''):
        """The values of the table's rows of a look ('' the lines, 'subtotal', 'group')."""
        return [row.values for row in table.rows if row.style == style]

    def html_table(self, doc, caption):
        """The rows (tr) of the table under ``caption`` in the shared layout, the total row last."""
        tables = [t for t in doc.xpath('//table[contains(@class, "kz-document-table")]')
                  if t.getprevious() is not None and t.getprevious().text_content().strip() == self.tr(caption)]
        self.assertEqual(len(tables), 1, caption)
        return tables[0].xpath('./tbody/tr')

    @staticmethod
    def texts(tr):
        return [td.text_content().strip() for td in tr.xpath('./td')]

    @staticmethod
    def table_after(rows, caption):
        """The rows of the table under ``caption`` (its head first) of a sheet read back, up to the blank row."""
        start = next(i for i, r in enumerate(rows) if r[0] == caption) + 1
        out = []
        for r in rows[start:]:
            if not any(c != '' for c in r):
                break
            out.append(r)
        return out

    # ------------------------------------------------------------------------------------------------ monthly

    def test_monthly_report_counts_and_amounts_of_a_finished_month_HSC10(self):
        r = self.wizard().monthly_report()
        self.assertEqual(r['total'], {'students': 4, 'meals': 8, 'amount': Decimal('4000.00'),
                                      'funding_amount': Decimal('3675.00')})
        self.assertEqual([(d['date'], d['meals'], d['amount']) for d in r['by_day']],
                         [(D(2026, 10, 5), 4, 2000), (D(2026, 10, 6), 3, 1350), (D(2026, 10, 30), 1, 650)])
        self.assertEqual([(f['funding'], f['students'], f['meals'], f['amount'], f['funding_amount'])
                          for f in r['by_funding']],
                         [('LOC', 2, 5, 2350, 2350), ('VSEOBUCH', 2, 3, 1650, 1325)])
        self.assertEqual([(g['category'], g['meals']) for g in r['by_group']],
                         [('LARGE_FAMILY', 1), ('ORPHAN', 2), ('PRIMARY', 5)])
        self.assertEqual([(d['dish'], d['price'], d['meals']) for d in r['dishes']],
                         [(self.soup.id, 350, 4), (self.plov.id, 650, 4)])

    def test_monthly_document_prints_names_and_amount_in_words_HSC10(self):
        doc = self.wizard(lang='ru_RU').kz_document()
        info = dict(doc.header)
        self.assertEqual(len(doc.header), 7)
        self.assertIn(self.school_a.name, doc.subtitle)
        self.assertEqual(doc.organisation, self.school_a.name)
        self.assertEqual(doc.header[3][1], 4)          # students
        self.assertIn('10.2026', doc.header[2][1])
        self.assertIn('октябрь', doc.header[2][1].lower())
        self.assertEqual(self.school_a.name, info[doc.header[0][0]])
        lines = self.table(doc, 'Meals by day, category, funding source and dish')
        categories = {row[1] for row in self.values(lines)}
        funding = {row[2] for row in self.values(lines)}
        orphan = self.env.ref('kz_edu_contingent.social_orphan').with_context(lang='ru_RU').name
        self.assertIn(orphan, categories)
        self.assertFalse(categories & {'PRIMARY', 'ORPHAN', 'LARGE_FAMILY', ''})
        self.assertFalse(funding & {'LOC', 'VSEOBUCH', ''})
        self.assertEqual(len(funding), 2)
        self.assertEqual({row[3] for row in self.values(lines)},
                         {self.soup.with_context(lang='ru_RU').name, self.plov.with_context(lang='ru_RU').name})
        self.assertEqual(lines.total[6:], [8, Decimal('4000.00'), Decimal('3675.00')])
        words = amount_words.amount_in_words(Decimal('3675.00'), 'ru')
        self.assertTrue(any(words in note for note in doc.notes), doc.notes)
        self.assertTrue(words.startswith('Три тысячи шестьсот семьдесят пять'))
        self.assertEqual((doc.amount, doc.amount_words), (Decimal('4000.00'), amount_words.amount_in_words(4000, 'ru')))
        self.assertEqual(doc.amount_label, self.tr('Total cost of the meals', 'ru_RU'))
        self.assertEqual(len(doc.signatures), 2)
        kk = self.wizard(lang='kk_KZ').kz_document()
        self.assertEqual(kk.amount_words, amount_words.amount_in_words(4000, 'kk'))
        self.assertNotEqual(kk.header[2][1], doc.header[2][1])        # Қазан / октябрь

    def test_monthly_xlsx_and_pdf_read_back_HSC10(self):
        wiz = self.wizard(output='xlsx')
        rows = self.xlsx_rows('kz_canteen.kz_canteen_meal_report_xlsx', wiz)
        by_day = self.table_after(rows, self.tr('Totals per day'))
        self.assertEqual([r[1:5] for r in by_day[1:]], [[3, 4, 2000, 2000], [3, 3, 1350, 1025], [1, 1, 650, 650],
                                                        [4, 8, 4000, 3675]])
        self.assertEqual(by_day[1][0], datetime.datetime(2026, 10, 5).toordinal() - 693594)   # an Excel date
        funding = self.table_after(rows, self.tr('Totals by funding source'))
        self.assertEqual([r[1:5] for r in funding[1:]], [[2, 5, 2350, 2350], [2, 3, 1650, 1325], [4, 8, 4000, 3675]])
        self.assertTrue(any(str(r[0]).startswith(self.tr('Director')) for r in rows))
        self.assertTrue(any(str(r[0]).startswith(self.tr('Total cost of the meals')) and
                            amount_words.amount_in_words(4000, 'kk') in r[0] for r in rows))
        doc = self.html('kz_canteen.kz_canteen_meal_report_pdf', wiz)
        total = self.html_table(doc, 'Totals per day')[-1]
        self.assertEqual(self.texts(total), [self.tr('Total'), '4', '8', '4\xa0000,00', '3\xa0675,00'])
        self.assertEqual(len(self.html_table(doc, 'Meals by day, category, funding source and dish')), 7 + 1)
        text = doc.text_content()
        self.assertIn(self.tr('Report on free and subsidised meals of students'), text)
        self.assertIn(amount_words.amount_in_words(4000, 'kk'), text)
        for role in ('Director', 'Canteen manager'):
            self.assertIn(self.tr(role), text)

    def test_month_with_no_meals_gives_zeros(self):
        doc = self.wizard(month='2026-08-01').kz_document()
        self.assertEqual(self.table(doc, 'Totals per day').total[1:], [0, 0, 0, 0])
        self.assertEqual(self.table(doc, 'Meals by day, category, funding source and dish').rows, [])
        self.assertEqual(doc.amount, 0)

    def test_current_month_is_refused_with_the_first_day_it_can_be_made_HSC10(self):
        today = self.today
        wiz = self.Wizard.create({'company_id': self.school_a.id, 'month': fields.Date.to_string(today),
                                  'lang': 'kk_KZ'})
        first = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        with self.assertRaises(UserError) as info:
            wiz.action_print()
        message = info.exception.name
        self.assertIn(today.strftime('%m.%Y'), message)
        self.assertIn(first.strftime('%d.%m.%Y'), message)
        with self.assertRaises(UserError):
            wiz.action_send()

    def test_meals_sold_at_the_pos_are_in_the_report_of_their_month_HSC05(self):
        session = self.open_session()
        self.env['pos.order'].sudo(self.cashier).create_from_ui(
            [self.ui_order(session, self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])])
        month = self.today.replace(day=1)
        next_first = (month + datetime.timedelta(days=32)).replace(day=1)
        r = self.wizard(month=fields.Date.to_string(month), today=fields.Date.to_string(next_first)).monthly_report()
        self.assertEqual((r['total']['students'], r['total']['meals'], r['total']['amount']), (1, 2, 1000))
        self.assertEqual([(f['funding'], f['funding_amount']) for f in r['by_funding']], [('LOC', 1000)])

    def test_print_action_is_the_chosen_format(self):
        self.assertEqual(self.wizard(output='xlsx').action_print()['report_name'], 'kz_canteen.meal_report_xlsx')
        action = self.wizard(output='pdf').action_print()
        self.assertEqual((action['report_name'], action['report_type']), ('kz_canteen.meal_report_pdf', 'qweb-pdf'))

    # ------------------------------------------------------------------------------------------------ sending

    def mails(self, address):
        return self.env['mail.mail'].search([('email_to', '=', address)])

    def test_cron_sends_the_previous_month_with_both_files_HSC10(self):
        self.assertFalse(self.Monthly._kz_autocommit())      # tests isolate the schools by savepoints, never commit
        self.school_a.kz_canteen_authority_email = 'roo-a@example.kz'
        self.school_b.write({'kz_canteen_authority_email': 'roo-b@example.kz', 'kz_instruction_lang': 'ru'})
        self.Monthly._cron_send_monthly_reports(today='2026-11-01')
        self.Monthly._cron_send_monthly_reports(today='2026-11-01')       # run again: nothing sent twice
        mail = self.mails('roo-a@example.kz')
        self.assertEqual(len(mail), 1)
        self.assertEqual(sorted(mail.attachment_ids.mapped('name')),
                         ['meals_%d_2026-10.pdf' % self.school_a.id, 'meals_%d_2026-10.xlsx' % self.school_a.id])
        self.assertIn('10.2026', mail.subject)
        xlsx = mail.attachment_ids.filtered(lambda a: a.name.endswith('.xlsx'))
        sheet = xlrd.open_workbook(file_contents=base64.b64decode(xlsx.datas)).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        self.assertEqual(self.table_after(rows, self.tr('Totals per day'))[-1][1:5], [4, 8, 4000, 3675])
        record = self.Monthly.search([('company_id', '=', self.school_a.id), ('month', '=', '2026-10-01')])
        self.assertEqual((record.state, record.meals, record.students, record.amount, record.funding_amount,
                          record.lang, record.mail_id), ('sent', 8, 4, 4000.0, 3675.0, 'kk_KZ', mail))
        # school B served nothing: a report of zeros, in Russian
        mail_b = self.mails('roo-b@example.kz')
        self.assertEqual(len(mail_b.attachment_ids), 2)
        record_b = self.Monthly.search([('company_id', '=', self.school_b.id)])
        self.assertEqual((record_b.meals, record_b.lang, record_b.state), (0, 'ru_RU', 'sent'))

    def test_cron_of_the_next_month_sends_again_and_a_failure_is_recorded(self):
        self.school_a.kz_canteen_authority_email = 'roo-a@example.kz'
        self.Monthly._cron_send_monthly_reports(today='2026-11-01')
        self.Monthly._cron_send_monthly_reports(today='2026-12-01')
        mails = self.mails('roo-a@example.kz')
        self.assertEqual(sorted(m.subject[-7:] for m in mails), ['10.2026', '11.2026'])
        # a school whose report cannot be made is marked failed; the others are sent
        self.school_b.kz_canteen_authority_email = 'roo-b@example.kz'
        Monthly = type(self.Monthly)
        generate = Monthly._kz_generate

        def broken_for_school_b(model, company, month, lang=None, send=True):
            if company == self.school_b:
                raise ValueError('the printer of school B is on fire')
            return generate(model, company, month, lang=lang, send=send)
        with patch.object(Monthly, '_kz_generate', broken_for_school_b), \
                self.assertLogs('odoo.addons.kz_canteen.models.kz_canteen_monthly_report', level='ERROR'):
            self.Monthly._cron_send_monthly_reports(today='2027-01-01')
        failed = self.Monthly.search([('month', '=', '2026-12-01'), ('company_id', 'in', self.school_b.ids)])
        self.assertEqual(failed.state, 'failed')
        self.assertTrue(failed.error)

    def test_bookkeeper_sends_the_report_from_the_wizard_HSC10(self):
        self.school_a.kz_canteen_authority_email = 'roo-a@example.kz'
        action = self.wizard(self.bookkeeper, month='2026-10-01').action_send()
        record = self.Monthly.browse(action['res_id'])
        self.assertEqual((record.state, record.company_id, record.meals), ('sent', self.school_a, 8))
        self.assertEqual(len(self.mails('roo-a@example.kz').attachment_ids), 2)
        # the bookkeeper sees the history of their school
        self.assertEqual(self.Monthly.sudo(self.bookkeeper).search([]), record)
        self.school_a.kz_canteen_authority_email = False
        with self.assertRaises(UserError):          # no recipient set
            self.wizard(self.bookkeeper, month='2026-09-01').action_send()

    # ------------------------------------------------------------------------------------------------ табель

    def test_tabel_one_row_per_child_one_column_per_day_HSC05(self):
        doc = self.wizard(document='tabel').kz_document()
        table = doc.tables()[0]
        self.assertEqual([c.label for c in table.columns[4:7]], ['1', '2', '3'])
        self.assertEqual(len(table.columns), 4 + 31 + 2)
        names = [r[1] for r in self.values(table)]
        self.assertEqual(names, [self.kids[0].name, self.kids[1].name, self.kids[3].name, self.kids[4].name])
        rows = {r[1]: r for r in self.values(table)}
        kid0 = rows[self.kids[0].name]
        self.assertEqual(kid0[2], self.c2a.name)
        self.assertEqual(kid0[4 + 4:4 + 6], [2, 1])                # 5 and 6 October
        self.assertEqual(kid0[-2:], [3, Decimal('1350.00')])
        self.assertEqual(rows[self.kids[1].name][4 + 29], 1)       # 30 October
        counts = self.values(table, 'subtotal')[0]
        self.assertEqual((counts[4 + 4], counts[4 + 5], counts[4 + 29], counts[-2], counts[-1]),
                         (4, 3, 1, 8, Decimal('4000.00')))
        self.assertEqual((table.total[4 + 4], table.total[-1]), (Decimal('2000.00'), Decimal('4000.00')))
        self.assertEqual(doc.amount, Decimal('4000.00'))
        with_paid = self.wizard(document='tabel', include_paid=True).kz_document().tables()[0]
        self.assertEqual(len(self.values(with_paid)), 5)
        self.assertEqual(self.values(with_paid, 'subtotal')[0][4 + 4], 5)

    def test_tabel_xlsx_and_pdf_HSC05(self):
        wiz = self.wizard(document='tabel', output='xlsx')
        rows = self.xlsx_rows('kz_canteen.kz_canteen_meal_report_xlsx', wiz)
        head = next(i for i, r in enumerate(rows) if r[1] == self.tr('Student'))
        self.assertEqual(rows[head][4:7], ['1', '2', '3'])
        kid0 = next(r for r in rows if r[1] == self.kids[0].name)
        self.assertEqual(kid0[8:10] + kid0[-2:], [2, 1, 3, 1350])
        doc = self.html('kz_canteen.kz_canteen_meal_report_pdf', wiz)
        lines = doc.xpath('//table[contains(@class, "kz-document-table")]/tbody/tr')
        self.assertEqual(len(lines), 4 + 2)         # the children, the meals per day, the cost per day
        self.assertEqual(len(lines[0].xpath('./td')), 37)
        kid0 = next(self.texts(tr) for tr in lines if self.texts(tr)[1] == self.kids[0].name)
        self.assertEqual(kid0[8:10] + kid0[-2:], ['2', '1', '3', '1\xa0350,00'])
        self.assertIn(self.tr('Табель of meals served to students'), doc.text_content())

    # ------------------------------------------------------------------------------------------------ reconciliation

    def csv(self, lines):
        return base64.b64encode('\n'.join(lines).encode('utf-8'))

    def vouchers_csv(self, extra=(), skip=()):
        served = [('05.10.2026', self.kids[0]), ('05.10.2026', self.kids[1]), ('05.10.2026', self.kids[4]),
                  ('06.10.2026', self.kids[0]), ('06.10.2026', self.kids[4]), ('06.10.2026', self.kids[3]),
                  ('30.10.2026', self.kids[1])]
        lines = ['Дата;ИИН;Количество']
        for day, kid in served:
            if (day, kid) not in skip:
                lines.append('%s;%s;1' % (day, kid.sudo().kz_iin))
        return self.csv(lines + list(extra))

    def supplier_invoice(self, lines):
        env = self.env
        company = self.school_a
        Account = env['account.account']
        payable = Account.create({'code': 'TP3310', 'name': 'Supplier payable', 'company_id': company.id,
                                  'reconcile': True, 'user_type_id': env.ref('account.data_account_type_payable').id})
        expense = Account.create({'code': 'TE7210', 'name': 'Meals', 'company_id': company.id,
                                  'user_type_id': env.ref('account.data_account_type_expenses').id})
        journal = env['account.journal'].create({'name': 'Purchases', 'code': 'TPUR', 'type': 'purchase',
                                                 'company_id': company.id})
        supplier = env['res.partner'].create({'name': 'Ас үйі ЖШС', 'supplier': True, 'company_id': company.id})
        return env['account.invoice'].create({
            'type': 'in_invoice', 'partner_id': supplier.id, 'company_id': company.id, 'journal_id': journal.id,
            'account_id': payable.id, 'currency_id': company.currency_id.id, 'date_invoice': '2026-10-31',
            'reference': 'СФ-10/26',
            'invoice_line_ids': [(0, 0, {'product_id': p.id, 'name': name, 'quantity': qty, 'price_unit': price,
                                         'account_id': expense.id}) for p, name, qty, price in lines]})

    def reconcile_wizard(self, user=None, **vals):
        values = {'company_id': self.school_a.id, 'month': '2026-10-01', 'lang': 'kk_KZ', 'output': 'pdf',
                  'voucher_file': self.vouchers_csv(), 'voucher_filename': 'vouchers.csv', 'invoice_source': 'none'}
        values.update(vals)
        Reconcile = self.Reconcile.sudo(user) if user else self.Reconcile
        return Reconcile.with_context(kz_canteen_today=NOV_2).create(values)

    def test_reconciliation_lists_the_injected_differences_HSC05(self):
        stranger = self.new_iin(datetime.date(2015, 6, 1))
        vouchers = self.vouchers_csv(
            skip=[('30.10.2026', self.kids[1])],                                    # served, no voucher
            extra=['07.10.2026;%s;1' % self.kids[5].sudo().kz_iin,                # voucher, no meal
                   '07.10.2026;%s;' % stranger])                                   # an IIN of nobody
        invoice = self.supplier_invoice([
            (self.soup, 'Көже 05.10.2026', 2, 350), (self.plov, 'Палау 05.10.2026', 3, 650),     # one too many
            (self.soup, 'Көже 06.10.2026', 2, 350), (self.plov, 'Палау 06.10.2026', 1, 650),
            (self.plov, 'Палау 30.10.2026', 1, 650)])
        wiz = self.reconcile_wizard(voucher_file=vouchers, invoice_source='invoice', invoice_id=invoice.id)
        r = wiz.reconciliation()
        self.assertFalse(r['ok'])
        self.assertEqual([(x['date'], x['child_id'], x['served'], x['vouchers']) for x in r['served_without_voucher']],
                         [(D(2026, 10, 30), self.kids[1].id, 1, 0)])
        self.assertEqual([(x['date'], x['child_id']) for x in r['voucher_without_meal']],
                         [(D(2026, 10, 7), self.kids[5].id), (D(2026, 10, 7), 'iin:' + stranger)])
        self.assertEqual([(x['date'], x['dish'], x['qty_difference'], x['amount_difference'])
                          for x in r['invoice_differences']], [(D(2026, 10, 5), self.plov.id, 1, Decimal('650.00'))])
        self.assertEqual(r['totals']['invoiced_meals'], 9)
        # kid 0's soup and plov of the 5th are one order, one meal: one voucher matches them
        doc = wiz.kz_document()
        by_iin = {row[3]: row for row in self.values(self.table(doc, 'Vouchers without a meal served'))}
        self.assertEqual(by_iin[stranger][1], self.tr('IIN of no registered student'))       # the admin sees IINs
        self.assertEqual(by_iin[self.kids[5].sudo().kz_iin][1], self.kids[5].name)
        self.assertEqual(self.values(self.table(doc, 'Invoice differences per day and dish'))[0][1:4],
                         [self.plov.with_context(lang='kk_KZ').name, 2, 3])
        # XLSX and PDF show the same
        wiz.output = 'xlsx'
        rows = self.xlsx_rows('kz_canteen.kz_canteen_reconcile_xlsx', wiz)
        without_voucher = self.table_after(rows, self.tr('Served without a voucher'))
        self.assertEqual(without_voucher[1][1:3] + without_voucher[1][4:6], [self.kids[1].name, self.c2a.name, 1, 0])
        html = self.html('kz_canteen.kz_canteen_reconcile_pdf', wiz)
        self.assertEqual(len(self.html_table(html, 'Vouchers without a meal served')), 2)
        differences = self.html_table(html, 'Invoice differences per day and dish')
        self.assertEqual(len(differences), 1)
        self.assertEqual(self.texts(differences[0])[4:], ['1\xa0300,00', '1\xa0950,00', '1', '650,00'])

    def test_invoice_detail_file_and_monthly_comparison(self):
        detail = self.csv(['date,dish,qty,amount', '2026-10-05,Көже,2,700', '2026-10-05,Палау,2,1300',
                           '2026-10-06,көже,2,700', '2026-10-06,Палау,1,650', '2026-10-30,Палау,1,650',
                           '2026-10-30,Тәтті бәліш Х,1,900'])
        r = self.reconcile_wizard(invoice_source='file', invoice_file=detail,
                                  invoice_filename='invoice.csv').reconciliation()
        self.assertEqual([(x['dish'], x['qty_difference'], x['amount_difference']) for x in r['invoice_differences']],
                         [('Тәтті бәліш Х', 1, Decimal('900.00'))])        # a dish the canteen does not serve
        self.assertFalse(r['served_without_voucher'] or r['voucher_without_meal'])
        monthly = self.csv(['Дата;Блюдо;Кол-во;Сумма', '31.10.2026;Көже;4;1400', '31.10.2026;Палау;5;3250'])
        r = self.reconcile_wizard(invoice_source='file', invoice_file=monthly, invoice_filename='invoice.csv',
                                  invoice_compare='month').reconciliation()
        self.assertEqual([(x['date'], x['dish'], x['served_qty'], x['invoiced_qty'], x['amount_difference'])
                          for x in r['invoice_differences']], [(None, self.plov.id, 4, 5, Decimal('650.00'))])

    def test_voucher_list_as_xlsx_with_dates_and_numbers(self):
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {'in_memory': True})
        sheet = book.add_worksheet()
        date_fmt = book.add_format({'num_format': 'dd.mm.yyyy'})
        sheet.write_row(0, 0, ['Күні', 'ЖСН'])
        sheet.write_datetime(1, 0, datetime.datetime(2026, 10, 5), date_fmt)
        sheet.write_number(1, 1, int(self.kids[0].sudo().kz_iin))
        book.close()
        r = self.reconcile_wizard(voucher_file=base64.b64encode(out.getvalue()),
                                  voucher_filename='vouchers.xlsx').reconciliation()
        self.assertEqual(r['totals']['voucher_meals'], 1)
        self.assertNotIn((D(2026, 10, 5), self.kids[0].id),
                         [(x['date'], x['child_id']) for x in r['served_without_voucher']])
        self.assertEqual(len(r['served_without_voucher']), 6)

    def test_malformed_voucher_list_is_refused_naming_the_line(self):
        bad = self.csv(['date;iin', '05.10.2026;%s' % self.kids[0].sudo().kz_iin, '32.10.2026;%s'
                        % self.kids[1].sudo().kz_iin])
        with self.assertRaises(UserError) as info:
            self.reconcile_wizard(voucher_file=bad).action_print()
        self.assertIn('line 3', info.exception.name)
        self.assertIn('32.10.2026', info.exception.name)
        with self.assertRaises(UserError) as info:
            self.reconcile_wizard(voucher_file=self.csv(['date;iin', '05.10.2026;12345'])).action_print()
        self.assertIn('line 2', info.exception.name)
        with self.assertRaises(UserError):
            self.reconcile_wizard(voucher_file=base64.b64encode(b'PK\x03\x04 not a spreadsheet'),
                                  voucher_filename='v.xlsx').action_print()

    # ------------------------------------------------------------------------------------------------ access

    def test_bookkeeper_runs_the_reports_cashier_and_parent_cannot(self):
        doc = self.wizard(self.bookkeeper).kz_document()
        self.assertEqual(self.table(doc, 'Totals per day').total[2], 8)
        # the bookkeeper prints it: the file in Russian, its totals as numbers
        content = self.env.ref('kz_canteen.kz_canteen_meal_report_xlsx').sudo(self.bookkeeper).with_context(
            kz_canteen_today=NOV_2).render_xlsx(self.wizard(self.bookkeeper, lang='ru_RU').ids, None)[0]
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        self.assertIn(self.tr('Report on free and subsidised meals of students', 'ru_RU'), [r[0] for r in rows])
        self.assertEqual(self.table_after(rows, self.tr('Totals per day', 'ru_RU'))[-1][:5],
                         [self.tr('Total', 'ru_RU'), 4, 8, 4000, 3675])
        html = self.env.ref('kz_canteen.kz_canteen_meal_report_pdf').sudo(self.bookkeeper).with_context(
            kz_canteen_today=NOV_2).render_qweb_html(self.wizard(self.bookkeeper, lang='ru_RU').ids)[0]
        self.assertIn(amount_words.amount_in_words(4000, 'ru'), lxml_html.fromstring(html).text_content())
        self.assertTrue(self.reconcile_wizard(self.bookkeeper).reconciliation()['served_without_voucher'] == [])
        for user in (self.cashier, self.parent_user):
            with self.assertRaises(AccessError):
                self.wizard(user).action_print()
            with self.assertRaises(AccessError):
                self.env.ref('kz_canteen.kz_canteen_meal_report_xlsx').sudo(user).with_context(
                    kz_canteen_today=NOV_2).render_xlsx(self.wizard(user).ids, None)
            with self.assertRaises(AccessError):
                self.wizard(user).action_send()
            with self.assertRaises(AccessError):
                self.reconcile_wizard(user).action_print()
            with self.assertRaises(AccessError):
                self.Monthly.sudo(user).search([])

    def test_bookkeeper_cannot_print_another_school(self):
        with self.assertRaises(AccessError):
            self.wizard(self.bookkeeper, company_id=self.school_b.id).action_print()

    def test_iins_of_known_students_only_for_personal_data_readers(self):
        stranger = self.new_iin(datetime.date(2015, 6, 2))
        vouchers = self.vouchers_csv(extra=['07.10.2026;%s' % self.kids[5].sudo().kz_iin,
                                            '07.10.2026;%s' % stranger])
        rows = {}
        for user in (self.bookkeeper, self.manager):
            doc = self.reconcile_wizard(user, voucher_file=vouchers).kz_document()
            rows[user] = {row[1]: row[3] for row in self.values(self.table(doc, 'Vouchers without a meal served'))}
        self.assertEqual(rows[self.bookkeeper][self.kids[5].name], self.kids[5].sudo().kz_iin)
        self.assertEqual(rows[self.manager][self.kids[5].name], '')          # the canteen manager: no IIN
        self.assertIn(stranger, rows[self.manager].values())                 # but the unknown one, from the file
