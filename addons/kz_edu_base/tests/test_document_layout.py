"""The one QWeb layout of the suite's documents (issue #15), rendered as a report renders it: the form's head, a
heading of two rows with its spans, typed cells as the kk/ru forms print them, the amount in words, signatures."""
from decimal import Decimal

from lxml import html as lxml_html

from odoo.tests.common import TransactionCase

from odoo.addons.kz_edu_base.kz_document import Column, Document, Head, Table
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
