"""The monthly attendance report (HSC-13) as XLSX and PDF through the suite's one document renderer (kz_edu_base:
``kz.edu.document.xlsx`` / ``kz.edu.document.pdf``, the QWeb layout ``kz_edu_base.document_report``). The
documents are described once here (the wizard's kz_documents()) from its report_data(); the counting is in
../attendance_report.py.

Documents (XLSX sheets): Summary (per school: per class the enrolled, present and absent students of each school
day, the school's totals and the staff present), Register (per student and day the first entry and the last exit)
and Staff (the same for the staff, with the number present per day). The PDF has the summary, and the registers
when the wizard asks for them.
"""
from decimal import Decimal

from odoo import _, api, models

from odoo.addons.kz_edu_base.kz_document import Cell, Column, Document, Row, Table
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports


def _rate(rate):
    """The attendance rate (a percentage with one decimal) as a Decimal, None when there was no school day."""
    return None if rate is None else Decimal('%.1f' % rate)


class KzEduAccessReportWizard(models.TransientModel):
    """The attendance documents of the report wizard, the same for the XLSX and the PDF."""
    _inherit = 'kz.edu.access.report.wizard'

    @api.multi
    def kz_documents(self):
        """The summary, and the registers of students and staff: always in the spreadsheet, on paper when the
        wizard asks for them."""
        documents = []
        for wizard in self:
            report = wizard.report_data()
            documents.append(self._kz_summary(report))
            if self.env.context.get('kz_document_format') == 'xlsx' or report['with_register']:
                documents.append(self._kz_register(report))
                if report['has_staff']:
                    documents.append(self._kz_staff(report))
        return documents

    def _kz_document(self, report, sheet):
        lang = self.env.context.get('lang') or self.env.user.lang or 'en_US'
        header = [(_('Organisations: %s') % ', '.join(report['companies']), '')]
        if report.get('preliminary'):
            header.insert(0, (_('PRELIMINARY: the month is not finished, the figures may still change.'), ''))
        return Document(report['title'], lang=lang, subtitle=report['period'], header=header, landscape=True,
                        sheet=sheet)

    def _kz_summary(self, report):
        doc = self._kz_document(report, _('Summary'))
        indicators = [('enrolled', _('Enrolled')), ('present', _('Present')), ('absent', _('Absent'))]
        school_total, staff, staff_members = _('School total'), _('Staff'), _('Staff members: %d')
        for school in report['schools']:
            if not school['days']:
                doc.section(school['name'], notes=[
                    _('No school day: the school recorded no card event on a weekday this month.')])
                continue
            columns = [Column(_('Class'), 'text', 16), Column(_('Students'), 'text', 14)] + \
                [Column(label, 'int', 7) for label in school['day_labels']] + \
                [Column(_('Total, student-days'), 'int', 10), Column(_('Attendance, %'), 'number', 10, digits=1)]
            table = Table(columns, freeze=2)
            for r in school['classes']:
                for key, label in indicators:
                    rate = _rate(r['total']['rate']) if key == 'present' else None
                    table.add([r['name'], label] + list(r[key]) + [r['total'][key], rate])
            for key, label in indicators:
                rate = _rate(school['total']['rate']) if key == 'present' else None
                table.add([school_total, label] + list(school['day_totals'][key]) + [school['total'][key], rate],
                          'subtotal')
            if school['staff'] is not None:
                n = len(school['days'])
                table.add([staff, staff_members % school['staff']['count']] + [None] * (n + 2), 'subtotal')
                table.add([staff, indicators[1][1]] + list(school['staff']['present'])
                          + [school['staff']['total'], None], 'subtotal')
            doc.section(school['name'], tables=[table])
        t = report['total']
        doc.notes = [
            _('All organisations: %d student-days enrolled, %d present, %d absent; staff with a card: %d, staff-days '
              'present: %d') % (t['enrolled'], t['present'], t['absent'], t['staff_count'], t['staff_present']),
            _('School days: Monday to Friday on which the school recorded at least one card event. Present: at least '
              'one entry by card that day; absent = enrolled - present.')]
        return doc

    def _kz_register(self, report):
        doc = self._kz_document(report, _('Register'))
        for school in report['schools']:
            if not school['days']:
                continue
            columns = [Column(_('Class'), 'text', 10), Column(_('Student'), 'text', 32)] + \
                [Column(label, 'code', 12) for label in school['day_labels']] + [Column(_('Days present'), 'int', 10)]
            rows = [[r['class_name'], r['name']]
                    + [Cell(c['text'], '' if c['enrolled'] else 'shaded') for c in r['cells']]
                    + [r['days_present']] for r in school['register']]
            doc.section(school['name'], tables=[Table(columns, rows=rows, freeze=2)])
        doc.notes = [_('First entry and last exit of the day, local time; a grey cell: not in the class that day.')]
        return doc

    def _kz_staff(self, report):
        doc = self._kz_document(report, _('Staff'))
        for school in report['schools']:
            if school['staff'] is None:
                continue
            columns = [Column(_('Staff member'), 'text', 32)] + \
                [Column(label, 'code', 12) for label in school['day_labels']] + [Column(_('Days present'), 'int', 10)]
            rows = [[r['name']] + [c['text'] for c in r['cells']] + [r['days_present']]
                    for r in school['staff_register']]
            rows.append(Row([_('Present')] + list(school['staff']['present']) + [school['staff']['total']],
                            'subtotal'))
            doc.section(school['name'], tables=[Table(columns, rows=rows, freeze=1)])
        return doc


document_reports(__name__, 'attendance_xlsx', 'attendance_pdf')
