# -*- coding: utf-8 -*-
"""Canteen documents (HSC-05, HSC-10): the XLSX builders (OCA report_xlsx, xlsxwriter) and the PDF report models
(QWeb templates in kz_canteen_report_templates.xml) of the monthly meal report, the табель and the reconciliation.
All of them render the same document structure, report_data() of kz.canteen.report.wizard or
kz.canteen.reconcile.wizard: a title and subtitle, info lines, tables (a caption, column heads, rows, total rows),
notes and signature lines. Money is a Decimal, written as a number with two decimals."""
import datetime
from decimal import Decimal

from odoo import api, models

from odoo.addons.kz_edu_base.kz_dates import format_date
from odoo.addons.kz_edu_base.kz_money import format_amount


def cell_text(value):
    if isinstance(value, Decimal):
        return format_amount(value, 'kk')           # the documents are kk or ru: the same separators
    if isinstance(value, datetime.date):
        return format_date(value)
    if value is None or value is False:
        return ''
    return '%s' % value


def is_number(value):
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


class KzCanteenDocumentXlsx(models.AbstractModel):
    """One sheet: the title block, the info lines, then each table with its caption, heads, rows and totals, the
    notes and the signature lines."""
    _name = 'report.kz_canteen.document_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def _formats(self, workbook, font_size=10):
        base = {'font_size': font_size}

        def fmt(**kw):
            return workbook.add_format(dict(base, **kw))
        return {
            'title': fmt(bold=True, font_size=13),
            'subtitle': fmt(bold=True),
            'bold': fmt(bold=True),
            'label': fmt(bold=True),
            'plain': fmt(),
            'head': fmt(bold=True, text_wrap=True, valign='vcenter', align='center', border=1, bg_color='#DDEBF7'),
            'cell': fmt(border=1),
            'int': fmt(border=1, num_format='0'),
            'money': fmt(border=1, num_format='#,##0.00'),
            'date': fmt(border=1, num_format='dd.mm.yyyy', align='left'),
            'total': fmt(border=1, bold=True, bg_color='#F2F2F2'),
            'total_int': fmt(border=1, bold=True, num_format='0', bg_color='#F2F2F2'),
            'total_money': fmt(border=1, bold=True, num_format='#,##0.00', bg_color='#F2F2F2'),
            'info_money': fmt(num_format='#,##0.00', align='left'),
            'info_int': fmt(num_format='0', align='left'),
        }

    def _write(self, sheet, row, col, value, fmt, total=False, info=False):
        prefix = 'total_' if total else ('info_' if info else '')
        if isinstance(value, Decimal):
            sheet.write_number(row, col, float(value), fmt[prefix + 'money'])
        elif is_number(value):
            sheet.write_number(row, col, value, fmt[prefix + 'int'])
        elif isinstance(value, datetime.date) and not info:
            sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()),
                                 fmt['total' if total else 'date'])
        else:
            style = 'total' if total else ('plain' if info else 'cell')
            sheet.write_string(row, col, cell_text(value), fmt[style])

    def generate_xlsx_report(self, workbook, data, objs):
        doc = objs[:1].report_data()
        fmt = self._formats(workbook, 10 if doc.get('font_size', 10) >= 9 else 9)
        sheet = workbook.add_worksheet((doc.get('sheet') or 'Report')[:31])
        if doc.get('landscape'):
            sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_paper(9)       # A4
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
            sheet.write_string(row, 0, label, fmt['label'])
            self._write(sheet, row, 3 if doc['kind'] == 'tabel' else 1, value, fmt, info=True)
            row += 1
        row += 1
        for table in doc['tables']:
            if table.get('caption'):
                sheet.write(row, 0, table['caption'], fmt['bold'])
                row += 1
            for col, head in enumerate(table['columns']):
                sheet.write(row, col, head, fmt['head'])
            if doc['kind'] == 'tabel':
                sheet.freeze_panes(row + 1, 2)
            row += 1
            for values in table['rows']:
                for col, value in enumerate(values):
                    self._write(sheet, row, col, value, fmt)
                row += 1
            if not table['rows'] and table.get('empty'):
                sheet.write_string(row, 0, table['empty'], fmt['plain'])
                row += 1
            for values in table.get('totals') or ():
                for col, value in enumerate(values):
                    self._write(sheet, row, col, value, fmt, total=True)
                row += 1
            row += 1
        for note in doc.get('notes') or ():
            sheet.write_string(row, 0, note, fmt['plain'])
            row += 1
        row += 1
        for signature in doc.get('signatures') or ():
            sheet.write_string(row, 0, '%s: ____________________ / ____________________ /' % signature, fmt['plain'])
            row += 2


class KzCanteenMealReportXlsx(models.AbstractModel):
    _name = 'report.kz_canteen.meal_report_xlsx'
    _inherit = 'report.kz_canteen.document_xlsx'


class KzCanteenReconcileXlsx(models.AbstractModel):
    _name = 'report.kz_canteen.reconcile_xlsx'
    _inherit = 'report.kz_canteen.document_xlsx'


class KzCanteenMealReportPdf(models.AbstractModel):
    _name = 'report.kz_canteen.meal_report_pdf'
    _wizard = 'kz.canteen.report.wizard'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env[self._wizard].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': self._wizard,
            'docs': wizards,
            'doc': wizards[:1].report_data(),
            'cell': cell_text,
            'is_number': is_number,
        }


class KzCanteenReconcilePdf(models.AbstractModel):
    _name = 'report.kz_canteen.reconcile_pdf'
    _inherit = 'report.kz_canteen.meal_report_pdf'
    _wizard = 'kz.canteen.reconcile.wizard'
