# -*- coding: utf-8 -*-
"""The tariffication list as XLSX (OCA report_xlsx) and PDF (QWeb, kz_edu_tariff_reports.xml). Both render
``kz.edu.tariff.list.report_data()`` in the language of the context (the print wizard sets kk_KZ or ru_RU): the
approval and agreement block, the classes / pupils / teachers / hours / pay by grade groups 1–4, 5–9, 10–11, the
table of teachers with one column per supplement used, the totals, notes and signatures."""
from decimal import Decimal

from odoo import api, models

from odoo.addons.kz_payroll import payroll_documents as pd


def _is_number(value):
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


def _text(value):
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent > -2 and abs(value) < 1000:
            return '%s' % value.quantize(Decimal(1))   # hours, counts
        return pd.format_amount(value) if value.as_tuple().exponent == -2 else ('%s' % value.normalize())
    return '%s' % (value if value not in (None, False) else '')


class KzEduTariffListXlsx(models.AbstractModel):
    _name = 'report.kz_edu_tariff.tariff_list_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Tariffication list: XLSX'

    def generate_xlsx_report(self, workbook, data, objs):
        tlist = objs[:1]
        data = tlist.with_context(lang=self.env.context.get('lang')).report_data()
        fmt = {
            'title': workbook.add_format({'bold': True, 'font_size': 13}),
            'bold': workbook.add_format({'bold': True}),
            'head': workbook.add_format({'bold': True, 'text_wrap': True, 'valign': 'vcenter', 'align': 'center',
                                         'border': 1, 'bg_color': '#DDEBF7'}),
            'cell': workbook.add_format({'border': 1, 'text_wrap': True, 'valign': 'top'}),
            'num': workbook.add_format({'border': 1, 'num_format': '#,##0.00', 'valign': 'top'}),
            'hours': workbook.add_format({'border': 1, 'num_format': '0.##', 'valign': 'top'}),
            'int': workbook.add_format({'border': 1, 'num_format': '0', 'valign': 'top'}),
            'coef': workbook.add_format({'border': 1, 'num_format': '0.00', 'valign': 'top'}),
            'total': workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'}),
            'total_num': workbook.add_format({'border': 1, 'bold': True, 'num_format': '#,##0.00',
                                              'bg_color': '#F2F2F2'}),
            'total_hours': workbook.add_format({'border': 1, 'bold': True, 'num_format': '0.##',
                                                'bg_color': '#F2F2F2'}),
        }
        sheet = workbook.add_worksheet('tariff')
        sheet.set_landscape()
        sheet.set_paper(9)   # A4
        sheet.fit_to_pages(1, 0)
        widths = [5, 28, 16, 22, 26, 16, 7, 7, 7, 7, 12, 7, 8, 20]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.set_column(len(widths), len(data['columns']), 13)
        last = len(data['columns']) - 1
        sheet.write(0, 0, '%s: %s' % (data['agree_label'], data['agree_role']), fmt['bold'])
        sheet.write(0, max(last - 3, 4), '%s: %s %s' % (data['approve_label'], data['approve_role'], data['approver']),
                    fmt['bold'])
        if data['approved_date']:
            sheet.write(1, max(last - 3, 4), data['approved_date'])
        sheet.write(3, 0, data['title'], fmt['title'])
        sheet.write(4, 0, '%s: %s' % (data['company_label'], data['company']))
        sheet.write(5, 0, data['subtitle'])
        row = 7
        sheet.write(row, 0, data['band_caption'], fmt['bold'])
        row += 1
        for col, head in enumerate(data['band_columns']):
            sheet.write(row, col + 1, head, fmt['head'])
        row += 1
        for values in data['bands'] + [data['bands_total']]:
            total = values is data['bands_total']
            for col, value in enumerate(values):
                self._cell(sheet, row, col + 1, value, fmt, total, money=(col == 5))
            row += 1
        row += 1
        for col, head in enumerate(data['columns']):
            sheet.write(row, col, head, fmt['head'])
        sheet.set_row(row, 45)
        sheet.freeze_panes(row + 1, 2)
        row += 1
        money_from = data['money_from']
        for values in data['rows'] + [data['total']]:
            total = values is data['total']
            for col, value in enumerate(values):
                self._cell(sheet, row, col, value, fmt, total, money=col >= money_from,
                           coefficient=col == money_from - 2)
            row += 1
        row += 1
        for note in data['notes']:
            sheet.write(row, 1, note)
            row += 1
        row += 1
        for signature in data['signatures']:
            sheet.write(row, 1, '%s: ____________________' % signature)
            row += 2

    @staticmethod
    def _cell(sheet, row, col, value, fmt, total=False, money=False, coefficient=False):
        if isinstance(value, Decimal):
            key = ('total_num' if total else 'num') if money else ('total_hours' if total else 'hours')
            key = 'coef' if coefficient and not total else key
            sheet.write_number(row, col, float(value), fmt[key])
        elif _is_number(value):
            sheet.write_number(row, col, value, fmt['total' if total else 'int'])
        else:
            sheet.write_string(row, col, value or '', fmt['total' if total else 'cell'])


class KzEduTariffListPdf(models.AbstractModel):
    _name = 'report.kz_edu_tariff.tariff_list_pdf'
    _description = 'Tariffication list: PDF'

    @api.model
    def get_report_values(self, docids, data=None):
        lists = self.env['kz.edu.tariff.list'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'kz.edu.tariff.list',
            'docs': lists,
            'reports': [(tlist, tlist.report_data()) for tlist in lists],
            'cell': _text,
            'is_number': _is_number,
        }
