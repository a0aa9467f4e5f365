"""Payroll documents (ACC-11, ACC-12): the XLSX builder (OCA report_xlsx) and the PDF report model (QWeb template
in kz_payroll_reports.xml). Both render kz.payroll.document.wizard.report_data(): a title block, then sections
of info lines, tables (with a total row) and notes; the sums are in ../payroll_documents.py."""
from decimal import Decimal

from odoo import api, models

from .. import payroll_documents as pd


class KzPayrollDocumentXlsx(models.AbstractModel):
    _name = 'report.kz_payroll.payroll_document_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def _formats(self, workbook):
        return {
            'title': workbook.add_format({'bold': True, 'font_size': 13}),
            'bold': workbook.add_format({'bold': True}),
            'head': workbook.add_format({'bold': True, 'text_wrap': True, 'valign': 'vcenter', 'align': 'center',
                                         'border': 1, 'bg_color': '#DDEBF7'}),
            'cell': workbook.add_format({'border': 1}),
            'int': workbook.add_format({'border': 1, 'num_format': '0'}),
            'num': workbook.add_format({'border': 1, 'num_format': '#,##0.00'}),
            'total': workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'}),
            'total_num': workbook.add_format({'border': 1, 'bold': True, 'num_format': '#,##0.00',
                                              'bg_color': '#F2F2F2'}),
        }

    def _cell(self, sheet, row, col, value, fmt, total=False):
        if isinstance(value, Decimal):
            sheet.write_number(row, col, float(value), fmt['total_num' if total else 'num'])
        elif isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, col, value, fmt['total' if total else 'int'])
        else:
            sheet.write_string(row, col, value or '', fmt['total' if total else 'cell'])

    def generate_xlsx_report(self, workbook, data, objs):
        data = objs[:1].report_data()
        fmt = self._formats(workbook)
        sheet = workbook.add_worksheet(data['kind'])
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 2, 30)
        sheet.set_column(3, 12, 15)
        sheet.write(0, 0, data['title'], fmt['title'])
        sheet.write(1, 0, '%s: %s' % (data['company_label'], data['company']))
        sheet.write(2, 0, '%s: %s' % (data['bin_label'], data['bin']))
        sheet.write(3, 0, '%s: %s' % (data['period_label'], data['period']))
        row = 5
        for section in data['sections']:
            if section['title']:
                sheet.write(row, 0, section['title'], fmt['bold'])
                row += 1
            for label, value in section['info']:
                sheet.write_string(row, 0, label, fmt['bold'])
                self._cell(sheet, row, 1, value, fmt)
                row += 1
            for table in section['tables']:
                if table['caption']:
                    sheet.write(row, 0, table['caption'], fmt['bold'])
                    row += 1
                for col, head in enumerate(table['columns']):
                    sheet.write(row, col, head, fmt['head'])
                row += 1
                for values in table['rows']:
                    for col, value in enumerate(values):
                        self._cell(sheet, row, col, value, fmt)
                    row += 1
                if table['total']:
                    for col, value in enumerate(table['total']):
                        self._cell(sheet, row, col, value, fmt, total=True)
                    row += 1
                row += 1
            for note in section['notes']:
                sheet.write(row, 0, note)
                row += 1
            row += 1
        for signature in data['signatures']:
            sheet.write(row, 0, '%s: ____________________' % signature)
            row += 2


class KzPayrollDocumentPdf(models.AbstractModel):
    _name = 'report.kz_payroll.payroll_document_pdf'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['kz.payroll.document.wizard'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'kz.payroll.document.wizard',
            'docs': wizards,
            'report': wizards[:1].report_data(),
            'cell': self._cell_text,
            'is_number': lambda v: isinstance(v, (Decimal, int)) and not isinstance(v, bool),
        }

    @api.model
    def _cell_text(self, value):
        if isinstance(value, Decimal):
            return pd.format_amount(value)
        return '%s' % (value if value is not None and value is not False else '')
