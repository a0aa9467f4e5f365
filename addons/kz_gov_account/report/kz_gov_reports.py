# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4 and the ledgers (ACC-02, ACC-13): the XLSX builders (OCA report_xlsx, one model
report.kz_gov_account.<report>_xlsx per report) and the PDF report models (QWeb templates in kz_gov_reports.xml).
Both render kz.gov.report.wizard.report_data(): a title block, the tables in the official line layout, the
consistency checks, the unposted-entries warning and the signatures."""
from decimal import Decimal

from odoo import api, models

from .. import gov_reports as gr


def _is_money(value):
    return isinstance(value, Decimal)


class KzGovReportXlsx(models.AbstractModel):
    """The common XLSX layout; the reports below only name themselves."""
    _name = 'report.kz_gov_account.abstract_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def _formats(self, workbook, decimals=2):
        """The cell formats; amounts are numbers with `decimals` places (2 in tenge, 1 in thousands of tenge),
        grouped by thousands: the spreadsheet shows them with the reader's separators, as the screens do."""
        base = {'border': 1, 'valign': 'top', 'font_size': 9}
        number = '#,##0.%s' % ('0' * decimals) if decimals else '#,##0'

        def fmt(**kw):
            return workbook.add_format(dict(base, **kw))

        return {
            'title': workbook.add_format({'bold': True, 'font_size': 13}),
            'form': workbook.add_format({'bold': True, 'font_size': 11, 'align': 'right'}),
            'label': workbook.add_format({'bold': True, 'font_size': 9}),
            'text': workbook.add_format({'font_size': 9}),
            'warning': workbook.add_format({'font_size': 9, 'font_color': '#9C0006', 'text_wrap': False}),
            'head': fmt(bold=True, text_wrap=True, align='center', valign='vcenter', bg_color='#DDEBF7'),
            'line': fmt(text_wrap=True),
            'line_num': fmt(num_format=number),
            'section': fmt(bold=True, text_wrap=True, bg_color='#F2F2F2'),
            'section_num': fmt(bold=True, num_format=number, bg_color='#F2F2F2'),
            'total': fmt(bold=True, text_wrap=True),
            'total_num': fmt(bold=True, num_format=number),
            'ok': fmt(font_color='#006100', bg_color='#C6EFCE'),
            'bad': fmt(bold=True, font_color='#9C0006', bg_color='#FFC7CE'),
        }

    def _write(self, sheet, row, col, value, fmt, style='line'):
        if _is_money(value):
            # xlsx stores numbers as binary doubles: the conversion is for the cell only, never for arithmetic
            sheet.write_number(row, col, float(value), fmt['%s_num' % style])
        elif value is None:
            sheet.write_blank(row, col, None, fmt[style])
        else:
            sheet.write_string(row, col, '%s' % value, fmt[style])

    def _widths(self, sheet, report, ncols):
        if report in ('fo1', 'fo2', 'fo3', 'fo4'):
            sheet.set_column(0, 0, 55)
            sheet.set_column(1, 1, 7)
            sheet.set_column(2, max(ncols - 1, 2), 17)
        elif report == 'turnover':
            sheet.set_column(0, 0, 9)
            sheet.set_column(1, 1, 45)
            sheet.set_column(2, 7, 16)
        elif report == 'account_card':
            sheet.set_column(0, 0, 11)
            sheet.set_column(1, 2, 14)
            sheet.set_column(3, 3, 35)
            sheet.set_column(4, 6, 11)
            sheet.set_column(7, 10, 15)
        else:
            sheet.set_column(0, 0, 35)
            sheet.set_column(1, max(ncols - 1, 1), 13)

    def _write_table(self, sheet, row, table, fmt):
        ncols = sum(h['colspan'] for h in table['head'][0]) if table['head'] else 0
        # header rows: cells covered by a rowspan from the row above are skipped
        taken = set()
        for r, heads in enumerate(table['head']):
            col = 0
            for head in heads:
                while (r, col) in taken:
                    col += 1
                last_row, last_col = row + r + head['rowspan'] - 1, col + head['colspan'] - 1
                if last_row > row + r or last_col > col:
                    sheet.merge_range(row + r, col, last_row, last_col, head['label'], fmt['head'])
                else:
                    sheet.write_string(row + r, col, head['label'], fmt['head'])
                for rr in range(r, r + head['rowspan']):
                    for cc in range(col, col + head['colspan']):
                        taken.add((rr, cc))
                col += head['colspan']
        row += len(table['head'])
        first = row
        for line in table['rows']:
            style = line['style'] if line['style'] in ('section', 'total') else 'line'
            for col, value in enumerate(line['cells']):
                self._write(sheet, row, col, value, fmt, style)
            row += 1
        return row, first, ncols

    def generate_xlsx_report(self, workbook, data, objs):
        report = objs[:1].report_data()
        fmt = self._formats(workbook, report.get('decimals', 2))
        sheet = workbook.add_worksheet(report['report'][:31])
        if report['orientation'] == 'landscape':
            sheet.set_landscape()
        sheet.set_paper(9)          # A4
        sheet.fit_to_pages(1, 0)
        ncols = max([sum(h['colspan'] for h in t['head'][0]) for t in report['tables'] if t['head']] or [4])
        self._widths(sheet, report['report'], ncols)
        sheet.write_string(0, 0, report['title'], fmt['title'])
        if report['form']:
            sheet.write_string(0, max(ncols - 1, 1), report['form'], fmt['form'])
        row = 1
        for label, value in report['info']:
            sheet.write_string(row, 0, '%s: %s' % (label, value), fmt['text'])
            row += 1
        row += 1
        for table in report['tables']:
            if table['caption']:
                sheet.write_string(row, 0, table['caption'], fmt['label'])
                row += 1
            header_row = row
            row, first, _n = self._write_table(sheet, row, table, fmt)
            if len(report['tables']) == 1:
                fixed = (table.get('split') or {}).get('fixed', 0)
                sheet.freeze_panes(first, fixed)
                sheet.repeat_rows(header_row, first - 1)
            row += 1
        if report['checks']:
            labels = report['labels']
            sheet.write_string(row, 0, labels['checks'], fmt['label'])
            row += 1
            for col, label in enumerate((labels['check'], labels['left'], labels['right'], labels['difference'],
                                         labels['result'])):
                sheet.write_string(row, col, label, fmt['head'])
            row += 1
            for check in report['checks']:
                self._write(sheet, row, 0, check['label'], fmt)
                for col, key in ((1, 'left'), (2, 'right'), (3, 'difference')):
                    self._write(sheet, row, col, check[key], fmt)
                sheet.write_string(row, 4, check['status'], fmt['ok' if check['ok'] else 'bad'])
                row += 1
            row += 1
        for note in report['notes']:
            sheet.write_string(row, 0, note, fmt['text'])
            row += 1
        if report['unposted']:
            for i, text in enumerate(report['unposted'].split('\n')):
                sheet.write_string(row, 0, ('%s: %s' % (report['labels']['warning'], text)) if i == 0 else text,
                                   fmt['warning'])
                row += 1
        row += 1
        for label, name in report['signatures']:
            sheet.write_string(row, 0, '%s ____________________ %s' % (label, name), fmt['text'])
            row += 2


class KzGovFo1Xlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.fo1_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovFo2Xlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.fo2_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovFo3Xlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.fo3_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovFo4Xlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.fo4_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovTurnoverXlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.turnover_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovJournalMainXlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.journal_main_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovAccountCardXlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.account_card_xlsx'
    _inherit = 'report.kz_gov_account.abstract_xlsx'


class KzGovReportPdf(models.AbstractModel):
    """The common PDF values; the template kz_gov_account.gov_report_document lays them out."""
    _name = 'report.kz_gov_account.abstract_pdf'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['kz.gov.report.wizard'].browse(docids)
        report = wizards[:1].report_data()
        report['tables'] = [part for table in report['tables'] for part in self._split(table)]
        return {
            'doc_ids': docids,
            'doc_model': 'kz.gov.report.wizard',
            'docs': wizards,
            'report': report,
            'cell': lambda value: self._cell_text(value, report.get('lang'), report.get('decimals', 2)),
            'is_money': _is_money,
        }

    @api.model
    def _cell_text(self, value, lang=None, decimals=2):
        """An amount with the separators of the report's language (as the screens show it) and the unit's
        decimals; other cells as text."""
        if _is_money(value):
            return gr.format_amount(value, lang, decimals=decimals)
        return '' if value is None or value is False else '%s' % value

    @api.model
    def _split(self, table):
        """A table whose columns are groups (the accounts of the Журнал-Главная) cut into page-wide parts, each
        with the fixed columns (the row label, the amount) repeated."""
        split = table.get('split')
        if not split:
            return [table]
        fixed, group, per_page = split['fixed'], split['group'], split['per_page']
        top, sub = table['head'][0], table['head'][1]
        groups = len(top) - fixed
        if groups <= per_page:
            return [table]
        parts = []
        for start in range(0, groups, per_page):
            stop = min(start + per_page, groups)
            cols = list(range(fixed + start * group, fixed + stop * group))
            parts.append({
                'caption': table['caption'],
                'head': [top[:fixed] + top[fixed + start:fixed + stop], sub[start * group:stop * group]],
                'rows': [{'style': r['style'], 'cells': r['cells'][:fixed] + [r['cells'][c] for c in cols]}
                         for r in table['rows']],
                'split': None,
                'page_break': bool(parts),
            })
        return parts


class KzGovFo1Pdf(models.AbstractModel):
    _name = 'report.kz_gov_account.fo1_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'


class KzGovFo2Pdf(models.AbstractModel):
    _name = 'report.kz_gov_account.fo2_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'


class KzGovFo3Pdf(models.AbstractModel):
    _name = 'report.kz_gov_account.fo3_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'


class KzGovFo4Pdf(models.AbstractModel):
    _name = 'report.kz_gov_account.fo4_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'


class KzGovTurnoverPdf(models.AbstractModel):
    _name = 'report.kz_gov_account.turnover_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'


class KzGovJournalMainPdf(models.AbstractModel):
    _name = 'report.kz_gov_account.journal_main_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'


class KzGovAccountCardPdf(models.AbstractModel):
    _name = 'report.kz_gov_account.account_card_pdf'
    _inherit = 'report.kz_gov_account.abstract_pdf'
