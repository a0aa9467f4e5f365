"""The monthly attendance report (HSC-13): the XLSX builder (OCA report_xlsx) and the PDF report model (QWeb
template in kz_edu_access_reports.xml). Both render kz.edu.access.report.wizard.report_data(); the counting is in
../attendance_report.py.

XLSX sheets: Summary (per school: per class the enrolled, present and absent students of each school day, the
school's totals and the staff present), Register (per student and day the first entry and the last exit) and
Staff (the same for the staff, with the number present per day).
"""
from odoo import _, api, models


class KzEduAccessAttendanceXlsx(models.AbstractModel):
    _name = 'report.kz_edu_access.attendance_xlsx'
    _inherit = 'report.kz_edu_contingent.contingent_xlsx_base'   # shared title block and cell formats

    def _formats(self, workbook):
        fmt = super(KzEduAccessAttendanceXlsx, self)._formats(workbook)
        fmt.update({
            'pct': workbook.add_format({'border': 1, 'num_format': '0.0'}),
            'total_text': workbook.add_format({'border': 1, 'bold': True, 'bg_color': '#F2F2F2'}),
            'time': workbook.add_format({'border': 1, 'align': 'center'}),
            'off': workbook.add_format({'border': 1, 'bg_color': '#EDEDED'}),
        })
        return fmt

    def _title_block(self, sheet, fmt, data):
        """Writes the title lines; returns the next free row."""
        row = 0
        if data.get('preliminary'):
            sheet.write(row, 0, _('PRELIMINARY: the month is not finished, the figures may still change.'),
                        fmt['warn'])
            row += 1
        sheet.write(row, 0, data['title'], fmt['title'])
        sheet.write(row + 1, 0, _('Organisations: %s') % ', '.join(data['companies']))
        sheet.write(row + 2, 0, data['period'])
        return row + 4

    def _rule_note(self, sheet, row):
        sheet.write(row, 0, _('School days: Monday to Friday on which the school recorded at least one card event. '
                              'Present: at least one entry by card that day; absent = enrolled - present.'))
        return row + 1

    def _numbers(self, sheet, row, col, values, style):
        for i, v in enumerate(values):
            sheet.write_number(row, col + i, v, style)

    def generate_xlsx_report(self, workbook, data, objs):
        data = objs[:1].report_data()
        fmt = self._formats(workbook)
        self._summary_sheet(workbook.add_worksheet(_('Summary')), fmt, data)
        self._register_sheet(workbook.add_worksheet(_('Register')), fmt, data)
        if data['has_staff']:
            self._staff_sheet(workbook.add_worksheet(_('Staff')), fmt, data)

    def _summary_sheet(self, sheet, fmt, data):
        row = self._title_block(sheet, fmt, data)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 14)
        sheet.set_column(2, 40, 7)
        indicators = [('enrolled', _('Enrolled')), ('present', _('Present')), ('absent', _('Absent'))]
        for school in data['schools']:
            sheet.write(row, 0, school['name'], fmt['bold'])
            row += 1
            n = len(school['days'])
            headers = [_('Class'), _('Students')] + school['day_labels'] + [_('Total, student-days'),
                                                                             _('Attendance, %')]
            for col, h in enumerate(headers):
                sheet.write(row, col, h, fmt['head'])
            for r in school['classes']:
                for key, label in indicators:
                    row += 1
                    sheet.write(row, 0, r['name'], fmt['cell'])
                    sheet.write(row, 1, label, fmt['cell'])
                    self._numbers(sheet, row, 2, r[key], fmt['num'])
                    sheet.write_number(row, 2 + n, r['total'][key], fmt['num'])
                    if key == 'present' and r['total']['rate'] is not None:
                        sheet.write_number(row, 3 + n, r['total']['rate'], fmt['pct'])
            for key, label in indicators:
                row += 1
                sheet.write(row, 0, _('School total'), fmt['total_text'])
                sheet.write(row, 1, label, fmt['total_text'])
                self._numbers(sheet, row, 2, school['day_totals'][key], fmt['total'])
                sheet.write_number(row, 2 + n, school['total'][key], fmt['total'])
                if key == 'present' and school['total']['rate'] is not None:
                    sheet.write_number(row, 3 + n, school['total']['rate'], fmt['pct'])
            if school['staff'] is not None:
                row += 1
                sheet.write(row, 0, _('Staff'), fmt['total_text'])
                sheet.write(row, 1, _('Staff members: %d') % school['staff']['count'], fmt['total_text'])
                row += 1
                sheet.write(row, 0, _('Staff'), fmt['total_text'])
                sheet.write(row, 1, _('Present'), fmt['total_text'])
                self._numbers(sheet, row, 2, school['staff']['present'], fmt['total'])
                sheet.write_number(row, 2 + n, school['staff']['total'], fmt['total'])
            if not school['days']:
                row += 1
                sheet.write(row, 0, _('No school day: the school recorded no card event on a weekday this month.'))
            row += 2
        t = data['total']
        sheet.write(row, 0, _('All organisations: %d student-days enrolled, %d present, %d absent; staff with a '
                              'card: %d, staff-days present: %d') % (t['enrolled'], t['present'], t['absent'],
                                                                     t['staff_count'], t['staff_present']),
                    fmt['bold'])
        self._rule_note(sheet, row + 1)
        sheet.freeze_panes(0, 2)

    def _register_sheet(self, sheet, fmt, data):
        row = self._title_block(sheet, fmt, data)
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 32)
        sheet.set_column(2, 40, 12)
        for school in data['schools']:
            sheet.write(row, 0, school['name'], fmt['bold'])
            row += 1
            headers = [_('Class'), _('Student')] + school['day_labels'] + [_('Days present')]
            for col, h in enumerate(headers):
                sheet.write(row, col, h, fmt['head'])
            for r in school['register']:
                row += 1
                sheet.write(row, 0, r['class_name'], fmt['cell'])
                sheet.write(row, 1, r['name'], fmt['cell'])
                for i, cell in enumerate(r['cells']):
                    sheet.write_string(row, 2 + i, cell['text'], fmt['time'] if cell['enrolled'] else fmt['off'])
                sheet.write_number(row, 2 + len(r['cells']), r['days_present'], fmt['num'])
            row += 2
        sheet.write(row, 0, _('First entry and last exit of the day, local time; a grey cell: not in the class '
                              'that day.'))
        sheet.freeze_panes(0, 2)

    def _staff_sheet(self, sheet, fmt, data):
        row = self._title_block(sheet, fmt, data)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 40, 12)
        for school in data['schools']:
            sheet.write(row, 0, school['name'], fmt['bold'])
            row += 1
            headers = [_('Staff member')] + school['day_labels'] + [_('Days present')]
            for col, h in enumerate(headers):
                sheet.write(row, col, h, fmt['head'])
            for r in school['staff_register']:
                row += 1
                sheet.write(row, 0, r['name'], fmt['cell'])
                for i, cell in enumerate(r['cells']):
                    sheet.write_string(row, 1 + i, cell['text'], fmt['time'])
                sheet.write_number(row, 1 + len(r['cells']), r['days_present'], fmt['num'])
            row += 1
            sheet.write(row, 0, _('Present'), fmt['total_text'])
            self._numbers(sheet, row, 1, school['staff']['present'], fmt['total'])
            sheet.write_number(row, 1 + len(school['days']), school['staff']['total'], fmt['total'])
            row += 2


class KzEduAccessAttendancePdf(models.AbstractModel):
    _name = 'report.kz_edu_access.attendance_pdf'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['kz.edu.access.report.wizard'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'kz.edu.access.report.wizard',
            'docs': wizards,
            'report': wizards[:1].report_data(),
        }
