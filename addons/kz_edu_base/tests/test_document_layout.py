"""The one QWeb layout of the suite's documents (issue #15), rendered as a report renders it: the form's head, a
heading of two rows with its spans, typed cells as the kk/ru forms print them, the amount in words, signatures."""
from decimal import Decimal

from lxml import html as lxml_html

from odoo.tests.common import TransactionCase

from odoo.addons.kz_edu_base.kz_document import Cell, Column, Document, Head, Row, Table
from odoo.addons.kz_edu_base.models.kz_edu_document_report import KzEduDocumentPdf


class TestDocumentLayout(TransactionCase):

    def render(self, document):
        out = self.env['ir.qweb'].render('kz_edu_base.document_report', {
            'documents': [document.check()], 'kz_cell_style': KzEduDocumentPdf._kz_cell_style})
        return lxml_html.fromstring(out.decode() if isinstance(out, bytes) else out)

    def test_a_statement_with_a_heading_of_two_rows(self):
        doc = Document('Бухгалтерский баланс', lang='ru_RU', organisation='КГУ «Школа № 1»', form='Форма ФО-1',
                       form_note='Приложение 1 к приказу № 230', amount=Decimal('250.50'),
                       amount_label='Итого прописью', signatures=[('Главный бухгалтер', 'Сарсенова Г.')])
        doc.section(tables=[Table(
            [Column('Статья'), Column('Код', 'code'), Column('на начало', 'money'), Column('на конец', 'money')],
            rows=[['Денежные средства', '010', Decimal('100'), Decimal('250.5')]],
            head=[[Head('Статья', rowspan=2), Head('Код строки', rowspan=2), Head('Сумма', colspan=2)],
                  [Head('на начало'), Head('на конец')]])])
        page = self.render(doc)
        text = ' '.join(page.text_content().split())
        for part in ('КГУ «Школа № 1»', 'Форма ФО-1', 'Приложение 1 к приказу № 230', 'Бухгалтерский баланс',
                     'Итого прописью: Двести пятьдесят тенге 50 тиын', 'Главный бухгалтер', 'Сарсенова Г.'):
            self.assertIn(part, text)
        heads = [[(th.text_content(), th.get('colspan'), th.get('rowspan')) for th in tr.findall('th')]
                 for tr in page.xpath('//table[contains(@class, "kz-document-table")]/thead/tr')]
        self.assertEqual(heads, [[('Статья', None, '2'), ('Код строки', None, '2'), ('Сумма', '2', None)],
                                 [('на начало', None, None), ('на конец', None, None)]])
        cells = [td.text_content() for td in page.xpath('//table[contains(@class, "kz-document-table")]/tbody/tr/td')]
        self.assertEqual(cells, ['Денежные средства', '010', '100,00', '250,50'])

    def test_a_wide_table_in_parts_a_page_each_and_the_looks_of_a_check(self):
        accounts = ('1010', '1091', '3241')
        doc = Document('Журнал-Главная', lang='ru_RU')
        doc.section(tables=[Table(
            [Column('Журнал'), Column('Сумма', 'money')] + [Column(n, 'money') for _a in accounts for n in 'ДК'],
            head=[[Head('Журнал', rowspan=2), Head('Сумма', rowspan=2)] + [Head(a, colspan=2) for a in accounts],
                  [Head(n) for _a in accounts for n in 'ДК']],
            rows=[Row(['Январь'], 'group'),
                  ['Мемориальный', Decimal('300'), Decimal('300'), None, None, Decimal('300'), None, None]],
            split=(2, 4))])
        doc.section(tables=[Table([Column('Проверка'), Column('Разница', 'money', digits=1), Column('Результат')],
                                  rows=[['Баланс', Cell.crossed(), Cell('OK', 'ok')],
                                        ['Обороты', Decimal('1.5'), Cell('Разница: 1,5', 'warning')]])])
        page = self.render(doc)
        tables = page.xpath('//table[contains(@class, "kz-document-table")]')
        self.assertEqual(len(tables), 3)
        heads = [[th.text_content() for th in t.xpath('thead/tr[1]/th')] for t in tables[:2]]
        self.assertEqual(heads, [['Журнал', 'Сумма', '1010', '1091'], ['Журнал', 'Сумма', '3241']])
        second = [td.text_content() for td in tables[1].xpath('tbody/tr[2]/td')]
        self.assertEqual(second, ['Мемориальный', '300,00', '', ''])
        # the second part starts a new page; the first does not
        breaks = page.xpath('//div[contains(@style, "page-break-before: always")]')
        self.assertEqual(len(breaks), 1)
        self.assertIs(breaks[0].getnext(), tables[1])
        cells = tables[2].xpath('tbody/tr/td')
        self.assertEqual([td.text_content() for td in cells],
                         ['Баланс', 'х', 'OK', 'Обороты', '1,5', 'Разница: 1,5'])
        self.assertIn('color: #006100', cells[2].get('style'))
        self.assertIn('color: #c00000', cells[5].get('style'))
        self.assertIn('text-align: center', cells[1].get('style'))
