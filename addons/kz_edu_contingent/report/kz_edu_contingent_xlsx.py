"""Contingent reports (ACC-14, SEC-06): XLSX builders (OCA report_xlsx) and the PDF report models (QWeb templates
in kz_edu_contingent_reports.xml). Both render the dict of kz.edu.contingent.report.wizard.report_data(); the
counting is in ../movement_report.py."""
from odoo import _, api, models


class KzEduContingentXlsxBase(models.AbstractModel):
    """Shared layout: a title block (report, organisations, period, PRELIMINARY) and the cell formats."""
    _name = 'report.kz_edu_contingent.contingent_xlsx_base'
    _inherit = 'report.report_xlsx.abstract'

    def _formats(self, workbook):
        return {
            'title': workbook.add_format({'bold': True, 'font_size': 13}),
            'bold': workbook.add_format({'bold': True}),
            'warn': workbook.add_format({'bold': True, 'font_color': '#C00000', 'font_size': 12}),
            'head': workbook.add_format({'bold': True, 'text_wrap': True, 'valign': 'vcenter', 'align': 'center',
                                         'border': 1, 'bg_color': '#DDEBF7'}),
            'cell': workbook.add_format({'border': 1}),
            'num': workbook.add_format({'border': 1, 'num_format': '0'}),
            'total': workbook.add_format({'border': 1, 'bold': True, 'num_format': '0', 'bg_color': '#F2F2F2'}),
            'bad': workbook.add_format({'border': 1, 'bold': True, 'num_format': '0', 'font_color': '#C00000'}),
            'text': workbook.add_format({'border': 1, 'num_format': '@'}),
        }

    def _title_block(self, sheet, fmt, data):
        """Writes the title lines; returns the next free row."""
        row = 0
        if data.get('preliminary'):
            sheet.write(row, 0, _('PRELIMINARY: the period is not finished, the figures may still change.'),
                        fmt['warn'])
            row += 1
        sheet.write(row, 0, data['title'], fmt['title'])
        sheet.write(row + 1, 0, _('Organisations: %s') % ', '.join(data['companies']))
        sheet.write(row + 2, 0, data.get('period', ''))
        return row + 4

    def _wizard_data(self, objs):
        return objs[:1].report_data()


class KzEduContingentMovementXlsx(models.AbstractModel):
    """Movement of students over a period (ACC-14): start, arrivals and departures by reason, transfers inside
    the school, end, and the check start + arrived - left + in - out = end."""
    _name = 'report.kz_edu_contingent.movement_xlsx'
    _inherit = 'report.kz_edu_contingent.contingent_xlsx_base'

    def generate_xlsx_report(self, workbook, data, objs):
        data = self._wizard_data(objs)
        fmt = self._formats(workbook)
        sheet = workbook.add_worksheet(_('Movement'))
        row = self._title_block(sheet, fmt, data)
        if not data['balanced']:
            sheet.write(row - 1, 0, _('Check failed: the class history and the orders disagree where the '
                                      'difference is not zero.'), fmt['warn'])
        headers = list(data['group_headers']) + [_('At the start')]
        headers += [_('Arrived: %s') % r for r in data['arrival_reasons']] + [_('Arrived, total')]
        headers += [_('Left: %s') % r for r in data['departure_reasons']] + [_('Left, total')]
        headers += [_('Moved in (inside the school)'), _('Moved out (inside the school)'), _('At the end'),
                    _('Computed end'), _('Difference')]
        sheet.set_row(row, 60)
        for col, h in enumerate(headers):
            sheet.write(row, col, h, fmt['head'])
        n_labels = len(data['group_headers'])
        for col in range(n_labels):
            sheet.set_column(col, col, 28 if col == 0 else 16)
        sheet.set_column(n_labels, len(headers) - 1, 11)
        sheet.freeze_panes(row + 1, n_labels)
        for r in data['rows'] + [data['total']]:
            row += 1
            is_total = r is data['total'] or r.get('subtotal')
            num = fmt['total'] if is_total else fmt['num']
            values = [r['start']] + r['arrived_by_reason'] + [r['arrived']] + r['left_by_reason'] + [r['left']]
            values += [r['internal_in'], r['internal_out'], r['end'], r['expected_end']]
            for col, label in enumerate(r['labels']):
                sheet.write(row, col, label, fmt['total'] if is_total else fmt['cell'])
            for col, v in enumerate(values, n_labels):
                sheet.write_number(row, col, v, num)
            sheet.write_number(row, n_labels + len(values), r['difference'], num if r['balanced'] else fmt['bad'])


class KzEduContingentSocialXlsx(models.AbstractModel):
    """Students present on a date by social category in force that day (counts only, SEC-06)."""
    _name = 'report.kz_edu_contingent.social_xlsx'
    _inherit = 'report.kz_edu_contingent.contingent_xlsx_base'

    def generate_xlsx_report(self, workbook, data, objs):
        data = self._wizard_data(objs)
        fmt = self._formats(workbook)
        sheet = workbook.add_worksheet(_('Social categories'))
        row = self._title_block(sheet, fmt, data)
        headers = list(data['group_headers']) + [_('Students')] + data['categories'] + \
            [_('With at least one category')]
        sheet.set_row(row, 60)
        for col, h in enumerate(headers):
            sheet.write(row, col, h, fmt['head'])
        n_labels = len(data['group_headers'])
        sheet.set_column(0, n_labels - 1, 24)
        sheet.set_column(n_labels, len(headers) - 1, 14)
        for r in data['rows'] + [data['total']]:
            row += 1
            is_total = r is data['total'] or r.get('subtotal')
            for col, label in enumerate(r['labels']):
                sheet.write(row, col, label, fmt['total'] if is_total else fmt['cell'])
            for col, v in enumerate([r['students']] + r['by_category'] + [r['any']], n_labels):
                sheet.write_number(row, col, v, fmt['total'] if is_total else fmt['num'])


class KzEduContingentClassListXlsx(models.AbstractModel):
    """Class lists on a date: one block per class (school, class, teacher, students by name)."""
    _name = 'report.kz_edu_contingent.class_list_xlsx'
    _inherit = 'report.kz_edu_contingent.contingent_xlsx_base'

    def generate_xlsx_report(self, workbook, data, objs):
        data = self._wizard_data(objs)
        fmt = self._formats(workbook)
        sheet = workbook.add_worksheet(_('Class lists'))
        row = self._title_block(sheet, fmt, data)
        headers = [_('No.'), _('Full name')]
        if data['has_iin']:
            headers += [_('IIN'), _('Birth date')]
        headers += [_('Student number'), _('Admission date')]
        sheet.set_column(0, 0, 6)
        sheet.set_column(1, 1, 36)
        sheet.set_column(2, len(headers) - 1, 15)
        for block in data['classes']:
            sheet.write(row, 0, _('Class %s (%s), %s') % (block['name'], block['year'], block['school']),
                        fmt['bold'])
            sheet.write(row + 1, 0, _('Class teacher: %s; language of instruction: %s; %s; students: %d')
                        % (block['teacher'] or '-', block['lang'], block['shift'], block['count']))
            row += 2
            for col, h in enumerate(headers):
                sheet.write(row, col, h, fmt['head'])
            for st in block['students']:
                row += 1
                values = [st['no'], st['name']]
                if data['has_iin']:
                    values += [st['iin'], st['birth_date']]
                values += [st['number'], st['admission_date']]
                for col, v in enumerate(values):
                    if isinstance(v, int):
                        sheet.write_number(row, col, v, fmt['num'])
                    else:
                        sheet.write_string(row, col, v or '', fmt['text'])
            row += 2
        sheet.write(row, 0, _('Students in all: %d') % data['total'], fmt['bold'])


class KzEduContingentNobdXlsx(models.AbstractModel):
    """The contingent export for НОБД: one header row, one row per student (layout designed by us, see
    movement_report.NOBD_COLUMNS)."""
    _name = 'report.kz_edu_contingent.nobd_xlsx'
    _inherit = 'report.kz_edu_contingent.contingent_xlsx_base'

    def generate_xlsx_report(self, workbook, data, objs):
        data = self._wizard_data(objs)
        fmt = self._formats(workbook)
        sheet = workbook.add_worksheet('NOBD')
        for col, (label, width, _kind) in enumerate(data['columns']):
            sheet.write(0, col, label, fmt['head'])
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        for row, values in enumerate(data['rows'], 1):
            for col, v in enumerate(values):
                if data['columns'][col][2] == 'int' and v != '':
                    sheet.write_number(row, col, v)
                else:
                    sheet.write_string(row, col, v)   # IIN and BIN stay text: leading zeros matter
        if data.get('preliminary'):
            sheet.write(len(data['rows']) + 2, 0, _('PRELIMINARY'), fmt['warn'])


class KzEduContingentPdfBase(models.AbstractModel):
    _name = 'report.kz_edu_contingent.contingent_pdf_base'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['kz.edu.contingent.report.wizard'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'kz.edu.contingent.report.wizard',
            'docs': wizards,
            'report': wizards[:1].report_data(),
        }


class KzEduContingentMovementPdf(models.AbstractModel):
    _name = 'report.kz_edu_contingent.movement_pdf'
    _inherit = 'report.kz_edu_contingent.contingent_pdf_base'


class KzEduContingentSocialPdf(models.AbstractModel):
    _name = 'report.kz_edu_contingent.social_pdf'
    _inherit = 'report.kz_edu_contingent.contingent_pdf_base'


class KzEduContingentClassListPdf(models.AbstractModel):
    _name = 'report.kz_edu_contingent.class_list_pdf'
    _inherit = 'report.kz_edu_contingent.contingent_pdf_base'
