"""Contingent reports (ACC-14, SEC-06) as the suite's documents (issue #15): the data of
kz.edu.contingent.report.wizard.report_data() (counted in ../movement_report.py) described once as a
kz_document.Document (the wizard's kz_document()) and rendered by kz_edu_base's one XLSX writer and QWeb layout.
The НОБД export stays a flat file (one heading row, one row per student, no title block): it is data to upload, not a printed document."""
from odoo import _, api, models

from odoo.addons.kz_edu_base import kz_xlsx
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

try:  # the same module as kz_xlsx's (pure pytest runs put every addon folder on sys.path): one Cell class
    from kz_document import Cell, Column, Document, Row, Table
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_document import Cell, Column, Document, Row, Table


class KzEduContingentReportWizard(models.TransientModel):
    """The document of a contingent report wizard, for its report kind."""
    _inherit = 'kz.edu.contingent.report.wizard'

    @api.multi
    def kz_document(self):
        self.ensure_one()
        report = self.report_data()
        header = []
        if report.get('preliminary'):
            header.append((_('PRELIMINARY: the period is not finished, the figures may still change.'), ''))
        header.append((_('Organisations'), ', '.join(report['companies'])))
        doc = Document(report['title'], lang=self.env.context.get('lang') or self.env.user.lang or 'ru_RU',
                       subtitle=report.get('period', ''), organisation=self.company_id.name or '', header=header,
                       sheet=report['title'])
        build = {'movement': self._kz_movement, 'social': self._kz_social, 'class_list': self._kz_class_list}
        build[report['kind']](doc, report)
        return doc

    @staticmethod
    def _kz_rows(report, values):
        """The table rows of a grouped report: a school's subtotal as a subtotal row; and the total."""
        rows = [Row(r['labels'] + values(r), 'subtotal' if r.get('subtotal') else '') for r in report['rows']]
        total = report['total']
        return rows, total['labels'] + values(total)

    def _kz_movement(self, doc, report):
        """Movement of students over a period: start, arrivals and departures by reason, transfers inside the
        school, end, and the check start + arrived - left + in - out = end (a difference in red)."""
        doc.landscape = True
        if not report['balanced']:
            doc.header.append((_('Check failed: the class history and the orders disagree where the difference '
                                 'is not zero.'), ''))
        labels = [Column(h, 'text', width=28 if i == 0 else 16) for i, h in enumerate(report['group_headers'])]
        arrived, left = _('Arrived: %s'), _('Left: %s')       # _() outside the comprehensions: it reads self
        counts = [_('At the start')] + [arrived % r for r in report['arrival_reasons']] + \
            [_('Arrived, total')] + [left % r for r in report['departure_reasons']] + [_('Left, total')] + \
            [_('Moved in (inside the school)'), _('Moved out (inside the school)'), _('At the end'),
             _('Computed end'), _('Difference')]

        def values(r):
            return [r['start']] + r['arrived_by_reason'] + [r['arrived']] + r['left_by_reason'] + [r['left']] + \
                [r['internal_in'], r['internal_out'], r['end'], r['expected_end'],
                 r['difference'] if r['balanced'] else Cell(r['difference'], 'warning')]
        rows, total = self._kz_rows(report, values)
        doc.section(tables=[Table(labels + [Column(h, 'int', width=11) for h in counts], rows, total=total,
                                  freeze=len(labels))],
                    notes=[_('At the end = at the start + arrived - left + moved in - moved out; the difference '
                             'shows where the class history and the movement orders disagree.')])

    def _kz_social(self, doc, report):
        """Students present on a date by social category in force that day (counts only, SEC-06)."""
        doc.landscape = True
        labels = [Column(h, 'text', width=24) for h in report['group_headers']]
        counts = [_('Students')] + report['categories'] + [_('With at least one category')]
        rows, total = self._kz_rows(report, lambda r: [r['students']] + r['by_category'] + [r['any']])
        doc.section(tables=[Table(labels + [Column(h, 'int', width=14) for h in counts], rows, total=total)])

    def _kz_class_list(self, doc, report):
        """Class lists on a date: a section per class (school, class, teacher, students by name)."""
        columns = [Column(_('No.'), 'int', width=6), Column(_('Full name'), 'text', width=36)]
        if report['has_iin']:
            columns += [Column(_('IIN'), 'code', width=15), Column(_('Birth date'), 'date', width=15)]
        columns += [Column(_('Student number'), 'code', width=15), Column(_('Admission date'), 'date', width=15)]
        for block in report['classes']:
            rows = []
            for st in block['students']:
                values = [st['no'], st['name']]
                if report['has_iin']:
                    values += [st['iin'], st['birth_date']]
                rows.append(values + [st['number'], st['admission_date']])
            doc.section(_('Class %s (%s), %s') % (block['name'], block['year'], block['school']),
                        info=[(_('Class teacher'), block['teacher'] or '-'),
                              (_('Language of instruction'), block['lang']), (_('Shift'), block['shift']),
                              (_('Students'), block['count'])],
                        tables=[Table(columns, rows)])
        doc.notes.append(_('Students in all: %d') % report['total'])


document_reports(__name__, 'movement_xlsx', 'movement_pdf', 'social_xlsx', 'social_pdf', 'class_list_xlsx',
                 'class_list_pdf')


class KzEduContingentNobdXlsx(models.AbstractModel):
    """The contingent export for НОБД: one heading row, one row per student (layout designed by us, see
    movement_report.NOBD_COLUMNS), its cells written by the shared writer's cell function and styles."""
    _name = 'report.kz_edu_contingent.nobd_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def generate_xlsx_report(self, workbook, data, objs):
        data = objs[:1].report_data()
        styles = kz_xlsx.Styles(workbook)
        doc = Document('NOBD', lang=self.env.context.get('lang') or self.env.user.lang or 'ru_RU')
        # dates stay the export's «dd.mm.yyyy» text, IIN and BIN text (leading zeros matter)
        columns = [Column(label, 'int' if kind == 'int' else 'text', width=width)
                   for label, width, kind in data['columns']]
        sheet = workbook.add_worksheet('NOBD')
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.label, styles.get('head'))
            sheet.set_column(col, col, column.width)
        sheet.freeze_panes(1, 0)
        for row, values in enumerate(data['rows'], 1):
            for col, (column, value) in enumerate(zip(columns, values)):
                kz_xlsx.write_cell(sheet, row, col, column, value, doc, styles)
        if data.get('preliminary'):
            sheet.write_string(len(data['rows']) + 2, 0, _('PRELIMINARY'), styles.get('warning'))
