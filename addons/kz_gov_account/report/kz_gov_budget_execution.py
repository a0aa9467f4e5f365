# -*- coding: utf-8 -*-
"""Budget execution as XLSX and PDF (ACC-17)."""
from decimal import Decimal

from odoo import _, api, models

from .. import gov_budget


class KzGovBudgetExecutionXlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.budget_execution_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def generate_xlsx_report(self, workbook, data, objs):
        report = objs[:1].report_data()
        bold = workbook.add_format({'bold': True})
        head = workbook.add_format({'bold': True, 'text_wrap': True, 'valign': 'vcenter', 'align': 'center',
                                    'border': 1, 'bg_color': '#DDEBF7'})
        cell = workbook.add_format({'border': 1})
        num = workbook.add_format({'border': 1, 'num_format': '#,##0.00'})
        total_cell = workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'})
        total_num = workbook.add_format({'border': 1, 'bold': True, 'num_format': '#,##0.00',
                                         'bg_color': '#F2F2F2'})
        sheet = workbook.add_worksheet('ЕБК')
        sheet.set_column(0, 0, 9)
        sheet.set_column(1, 1, 40)
        sheet.set_column(2, 9, 16)
        sheet.write(0, 0, report['title'], workbook.add_format({'bold': True, 'font_size': 13}))
        for row, key in enumerate(('company', 'funding', 'period'), 1):
            sheet.write_string(row, 0, '%s: %s' % (report[key + '_label'], report[key]))
        row = 5
        for col, title in enumerate(report['columns']):
            sheet.write_string(row, col, title, head)
        for values in report['rows'] + [report['total']]:
            row += 1
            is_total = values is report['total']
            for col, value in enumerate(values):
                if isinstance(value, Decimal):
                    sheet.write_number(row, col, float(value), total_num if is_total else num)
                else:
                    sheet.write_string(row, col, value or '', total_cell if is_total else cell)
        sheet.write(row + 2, 0, _('Chief bookkeeper') + ': ____________________', bold)


class KzGovBudgetExecutionPdf(models.AbstractModel):
    _name = 'report.kz_gov_account.budget_execution_pdf'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['kz.gov.budget.execution'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'kz.gov.budget.execution',
            'docs': wizards,
            'report': wizards[:1].report_data(),
            'cell': lambda v: gov_budget.format_amount(v, self.env.lang) if isinstance(v, Decimal) else (v or ''),
            'is_number': lambda v: isinstance(v, Decimal),
        }
