# -*- coding: utf-8 -*-
"""The journal's documents as XLSX (OCA report_xlsx, xlsxwriter) and PDF (QWeb): both render report_data() of
kz.edu.learning.report.wizard — a title, info lines, tables (caption, heads, rows, totals), notes and signatures.
The same document structure as the canteen's documents (kz_canteen/report/kz_canteen_documents.py); both are meant
to move into kz_edu_base's one document renderer when it exists."""
import datetime
from decimal import Decimal

from odoo import api, models


def cell_text(value):
    if isinstance(value, Decimal):
        return '{:f}'.format(value)
    if isinstance(value, datetime.date):
        return value.strftime('%d.%m.%Y')
    if value is None or value is False:
        return ''
    return '%s' % value


def is_number(value):
    return isinstance(value, (Decimal, int, float)) and not isinstance(value, bool)


class KzEduLearningDocumentXlsx(models.AbstractModel):
    _name = 'report.kz_edu_learning.document_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def generate_xlsx_report(self, workbook, data, objs):
        doc = objs[:1].report_data()
        fmt = {
            'title': workbook.add_format({'bold': True, 'font_size': 13}),
            'subtitle': workbook.add_format({'bold': True}),
            'bold': workbook.add_format({'bold': True}),
            'plain': workbook.add_format({}),
            'head': workbook.add_format({'bold': True, 'text_wrap': True, 'valign': 'vcenter', 'align': 'center',
                                         'border': 1, 'bg_color': '#DDEBF7'}),
            'cell': workbook.add_format({'border': 1}),
            'number': workbook.add_format({'border': 1, 'num_format': '0.0'}),
            'int': workbook.add_format({'border': 1, 'num_format': '0'}),
            'date': workbook.add_format({'border': 1, 'num_format': 'dd.mm.yyyy', 'align': 'left'}),
            'total': workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'}),
        }
        sheet = workbook.add_worksheet((doc.get('sheet') or 'Report')[:31])
        if doc.get('landscape'):
            sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        widths = {}
        for table in doc['tables']:
            for col, width in enumerate(table.get('widths') or []):
                widths[col] = max(widths.get(col, 0), width)
        for col, width in widths.items():
            sheet.set_column(col, col, width)
        sheet.write(0, 0, doc['title'], fmt['title'])
        sheet.write(1, 0, doc.get('subtitle') or '', fmt['subtitle'])
        row = 3
        for label, value in doc['info']:
            sheet.write_string(row, 0, label, fmt['bold'])
            sheet.write_string(row, 2, cell_text(value), fmt['plain'])
            row += 1
        row += 1
        for table in doc['tables']:
            if table.get('caption'):
                sheet.write(row, 0, table['caption'], fmt['bold'])
                row += 1
            for col, head in enumerate(table['columns']):
                sheet.write(row, col, head, fmt['head'])
            row += 1
            for values in table['rows']:
                self._write_row(sheet, row, values, fmt)
                row += 1
            if not table['rows'] and table.get('empty'):
                sheet.write_string(row, 0, table['empty'], fmt['plain'])
                row += 1
            for values in table.get('totals') or ():
                self._write_row(sheet, row, values, fmt, total=True)
                row += 1
            row += 1
        for note in doc.get('notes') or ():
            sheet.write_string(row, 0, note, fmt['plain'])
            row += 1
        row += 1
        for signature in doc.get('signatures') or ():
            sheet.write_string(row, 0, '%s: ____________________ / ____________________ /' % signature, fmt['plain'])
            row += 2

    def _write_row(self, sheet, row, values, fmt, total=False):
        for col, value in enumerate(values):
            if total:
                if is_number(value):
                    sheet.write_number(row, col, float(value), fmt['total'])
                else:
                    sheet.write_string(row, col, cell_text(value), fmt['total'])
            elif isinstance(value, Decimal) or isinstance(value, float):
                sheet.write_number(row, col, float(value), fmt['number'])
            elif is_number(value):
                sheet.write_number(row, col, value, fmt['int'])
            elif isinstance(value, datetime.date):
                sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), fmt['date'])
            else:
                sheet.write_string(row, col, cell_text(value), fmt['cell'])


class KzEduLearningReportXlsx(models.AbstractModel):
    _name = 'report.kz_edu_learning.learning_report_xlsx'
    _inherit = 'report.kz_edu_learning.document_xlsx'


class KzEduLearningReportPdf(models.AbstractModel):
    _name = 'report.kz_edu_learning.learning_report_pdf'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['kz.edu.learning.report.wizard'].browse(docids)
        return {
            'doc_ids': docids, 'doc_model': 'kz.edu.learning.report.wizard', 'docs': wizards,
            'doc': wizards[:1].report_data(), 'cell': cell_text, 'is_number': is_number,
        }
