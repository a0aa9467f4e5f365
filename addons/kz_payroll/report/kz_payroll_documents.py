"""Payroll documents (ACC-11, ACC-12): the XLSX builder (OCA report_xlsx) and the PDF report model (QWeb template
in kz_payroll_reports.xml). Both render kz.payroll.document.wizard.report_data(): a title block, then sections
of info lines, tables (with a total row) and notes; the sums are in ../payroll_documents.py. The time sheet has its
own layout (a column per day of the month, two lines per employee: the marks, then the hours worked) built from
report_data()['timesheet'] (../timesheet_document.py)."""
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
        if data['kind'] == 'timesheet':
            return self._timesheet(workbook, data, fmt)
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


    def _timesheet(self, workbook, data, fmt):
        """Columns: No., employee, IIN, position, one per day (1 … 28-31), then the totals; per employee a line of
        marks and under it a line of the hours worked; a total line per department and for the organisation."""
        sheet_data = data['timesheet']
        days = len(sheet_data['days'])
        first_day, first_total = 4, 4 + days
        fmt.update({
            'mark': workbook.add_format({'border': 1, 'align': 'center'}),
            'mark_off': workbook.add_format({'border': 1, 'align': 'center', 'bg_color': '#F2F2F2'}),
            'hours': workbook.add_format({'border': 1, 'align': 'center', 'num_format': '0.##', 'font_size': 8}),
            'hours_total': workbook.add_format({'border': 1, 'num_format': '0.00'}),
            'preliminary': workbook.add_format({'bold': True, 'font_color': '#C00000'}),
        })
        sheet = workbook.add_worksheet('timesheet')
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_column(0, 0, 5)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 2, 14)
        sheet.set_column(3, 3, 20)
        sheet.set_column(first_day, first_total - 1, 4)
        sheet.set_column(first_total, first_total + len(sheet_data['total_columns']) - 1, 10)
        sheet.write(0, 0, data['title'], fmt['title'])
        sheet.write(1, 0, '%s: %s' % (data['company_label'], data['company']))
        sheet.write(2, 0, '%s: %s' % (data['bin_label'], data['bin']))
        sheet.write(3, 0, '%s: %s' % (data['period_label'], data['period']))
        row = 4
        if data['department']:
            sheet.write(row, 0, '%s: %s' % (data['department_label'], data['department']))
            row += 1
        if data['preliminary']:
            sheet.write(row, 0, data['notes'][0], fmt['preliminary'])
            row += 1
        row += 1
        heads = sheet_data['columns'] + sheet_data['days'] + sheet_data['total_columns']
        for col, head in enumerate(heads):
            sheet.write(row, col, head, fmt['head'])
        sheet.freeze_panes(row + 1, 2)
        row += 1
        for group in sheet_data['groups']:
            if len(sheet_data['groups']) > 1 or group['department']:
                sheet.write(row, 1, group['department'] or sheet_data['no_department_label'], fmt['bold'])
                row += 1
            for line in group['rows']:
                for col, value in enumerate((line['no'], line['name'], line['iin'], line['position'])):
                    self._cell(sheet, row, col, value, fmt)
                    self._cell(sheet, row + 1, col, '', fmt)
                for i, cell in enumerate(line['cells']):
                    sheet.write_string(row, first_day + i, cell['code'],
                                       fmt['mark_off' if sheet_data['weekend'][i] else 'mark'])
                    if cell['hours'] is None:
                        sheet.write_blank(row + 1, first_day + i, None, fmt['hours'])
                    else:
                        sheet.write_number(row + 1, first_day + i, float(cell['hours']), fmt['hours'])
                self._timesheet_totals(sheet, row, first_total, line['total_values'], fmt)
                row += 2
            if len(sheet_data['groups']) > 1 or data['department']:
                self._cell(sheet, row, 1, sheet_data['department_total_label'], fmt, total=True)
                self._timesheet_totals(sheet, row, first_total, group['total_values'], fmt, total=True)
                row += 1
        if not data['department']:
            self._cell(sheet, row, 1, sheet_data['total_label'], fmt, total=True)
            self._timesheet_totals(sheet, row, first_total, sheet_data['total_values'], fmt, total=True)
            row += 1
        row += 1
        for code, label in sheet_data['legend']:
            sheet.write(row, 1, '%s — %s' % (code, label))
            row += 1
        row += 1
        for note in data['notes'][1 if data['preliminary'] else 0:]:
            sheet.write(row, 1, note)
            row += 1
        row += 1
        for signature in data['signatures']:
            sheet.write(row, 1, '%s: ____________________' % signature)
            row += 2

    def _timesheet_totals(self, sheet, row, col, values, fmt, total=False):
        for i, value in enumerate(values):
            if isinstance(value, Decimal):
                sheet.write_number(row, col + i, float(value), fmt['total_num' if total else 'hours_total'])
            else:
                self._cell(sheet, row, col + i, value, fmt, total=total)


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
