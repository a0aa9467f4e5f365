# -*- coding: utf-8 -*-
"""The journal's documents (LMS-05, LMS-12, SEC-06), in Kazakh or Russian, PDF (QWeb) and XLSX:

* class performance per quarter (успеваемость, качество знаний): per class the pupils attested, with only «5», with
  «4» and «5», with a «3», with a «2», the two percents; per subject the same by marks; the school's totals;
* the mark sheet of a subject (a class × quarter page of the journal): the lessons as columns with attendance and
  formative marks, the summative works, the percent and the quarter mark;
* attendance per lesson: each lesson of a class between two dates with who was absent (and why) or late.

Every figure is read with the user's rights first (which classes, which lessons she may see: the record rules), then
in grouped SQL restricted to them. The document is described once (a kz_document.Document: title, header lines,
typed tables with totals, notes, signatures) and rendered by kz_edu_base's XLSX writer and QWeb layout
(../report/kz_edu_learning_documents.py)."""
from decimal import Decimal

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.kz_dates import format_date

try:  # the same module as kz_xlsx's (pure pytest runs put every addon folder on sys.path)
    from kz_document import Column, Document, Row, Table
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_document import Column, Document, Row, Table

from .. import assessment_rules

LANGS = [('kk_KZ', 'Kazakh'), ('ru_RU', 'Russian')]
KINDS = [('performance', 'Class performance per quarter'), ('mark_sheet', 'Mark sheet of a subject'),
         ('attendance', 'Attendance per lesson')]
REPORT_GROUPS = ('kz_edu_base.group_class_teacher', 'kz_edu_base.group_district', 'kz_edu_base.group_teacher')


class KzEduLearningReportWizard(models.TransientModel):
    _name = 'kz.edu.learning.report.wizard'
    _description = 'School journal documents'

    def _default_lang(self):
        return 'ru_RU' if (self.env.context.get('lang') or self.env.user.lang or '').startswith('ru') else 'kk_KZ'

    def _default_period(self):
        today = fields.Date.context_today(self)
        Period = self.env['kz.edu.academic.period']
        return Period.search([('kind', '=', 'quarter'), ('date_start', '<=', today)], order='date_start desc',
                             limit=1)

    report_kind = fields.Selection(KINDS, string='Document', required=True, default='performance')
    company_id = fields.Many2one('res.company', string='School', required=True,
                                 default=lambda self: self.env.user.company_id)
    period_id = fields.Many2one('kz.edu.academic.period', string='Quarter', default=_default_period,
                                domain=[('kind', '=', 'quarter')])
    class_id = fields.Many2one('kz.edu.class', string='Class')
    subject_id = fields.Many2one('kz.edu.subject', string='Subject')
    group_no = fields.Integer(string='Group', help='0: the whole class.')
    date_from = fields.Date(string='From', default=fields.Date.context_today)
    date_to = fields.Date(string='Until', default=fields.Date.context_today)
    recompute_marks = fields.Boolean(string='Recompute the quarter marks first', default=True,
                               help='The marks not confirmed yet are computed again from the journal.')
    lang = fields.Selection(LANGS, string='Language', required=True, default=_default_lang)

    # ------------------------------------------------------------------------------------------ actions
    def _check_access(self):
        if self.env.uid == SUPERUSER_ID:
            return
        if not any(self.env.user.has_group(g) for g in REPORT_GROUPS):
            raise AccessError(_('The journal\'s documents are for the school\'s teachers and management.'))
        if self.company_id not in (self.env.user.company_id | self.env.user.company_ids):
            raise AccessError(_('You may not print the documents of %s.') % self.company_id.name)

    @api.multi
    def action_print_pdf(self):
        self.ensure_one()
        self.kz_document()     # checks first: the error comes as a message, not as a broken PDF
        return self.env.ref('kz_edu_learning.kz_edu_learning_report_pdf').report_action(self)

    @api.multi
    def action_print_xlsx(self):
        self.ensure_one()
        self.kz_document()
        return self.env.ref('kz_edu_learning.kz_edu_learning_report_xlsx').report_action(self)

    # ------------------------------------------------------------------------------------------ the document
    @api.multi
    def kz_document(self):
        """The document (a kz_document.Document) in the wizard's language; its tables' cells are str, int,
        Decimal or date."""
        self.ensure_one()
        self._check_access()
        wizard = self.with_context(lang=self.lang)
        if self.report_kind == 'performance':
            return wizard._performance_document()
        if self.report_kind == 'mark_sheet':
            return wizard._mark_sheet_document()
        return wizard._attendance_document()

    def _doc_table(self, caption, columns, rows, total=None):
        """A table of typed ``columns``; an empty one says so in a row of its own."""
        rows = list(rows) or [Row([_('Nothing to show.')], 'group')]
        return Table(columns, rows, total=total, caption=caption)

    def _document(self, title, subtitle, info, tables, signatures, sheet, landscape, notes=()):
        doc = Document(title, lang=self.lang, subtitle=subtitle, organisation=self.company_id.name or '',
                       header=info, notes=notes, signatures=[(role, '') for role in signatures],
                       landscape=landscape, sheet=sheet)
        doc.section(tables=tables)
        return doc

    def _need(self, *names):
        for name in names:
            if not self[name]:
                raise UserError(_('Choose the %s of the document.') % self._fields[name].get_description(
                    self.env)['string'])

    # performance ---------------------------------------------------------------------------------------------
    def performance(self):
        """{'classes': [{'class', 'attested', 'excellent', 'good', 'with_3', 'failing', 'success_pct',
        'quality_pct'}], 'subjects': [...by marks...], 'total': {...}} for the wizard's school and quarter, over the
        classes whose marks the user may read."""
        self._need('period_id')
        period = self.period_id
        Mark = self.env['kz.edu.period.mark']
        if self.recompute_marks and Mark._kz_may_recompute(self.company_id):
            Mark.sudo().kz_compute_quarter(self.company_id, period)
        visible = Mark.read_group([('company_id', '=', self.company_id.id), ('period_id', '=', period.id),
                                   ('kind', '=', 'quarter')], ['class_id'], ['class_id'])
        class_ids = [g['class_id'][0] for g in visible if g['class_id']]
        out = {'classes': [], 'subjects': [], 'total': None}
        if not class_ids:
            out['total'] = self._perf_row(assessment_rules.performance({}))
            return out
        cr = self.env.cr
        cr.execute("""
            SELECT class_id, student_id, ARRAY_AGG(mark)
              FROM kz_edu_period_mark
             WHERE period_id = %s AND kind = 'quarter' AND class_id IN %s AND mark IS NOT NULL
             GROUP BY class_id, student_id""", (period.id, tuple(class_ids)))
        by_class, everyone = {}, {}
        for class_id, student_id, marks in cr.fetchall():
            by_class.setdefault(class_id, {})[student_id] = marks
            everyone[student_id] = marks
        classes = self.env['kz.edu.class'].browse(class_ids).sorted(lambda c: (c.grade_sequence, c.letter or ''))
        for cls in classes:
            row = self._perf_row(assessment_rules.performance(by_class.get(cls.id, {})), by_class.get(cls.id, {}))
            row['class'] = cls.name
            out['classes'].append(row)
        out['total'] = self._perf_row(assessment_rules.performance(everyone), everyone)
        cr.execute("""
            SELECT subject_id, COUNT(*) FILTER (WHERE mark = 5), COUNT(*) FILTER (WHERE mark = 4),
                   COUNT(*) FILTER (WHERE mark = 3), COUNT(*) FILTER (WHERE mark = 2)
              FROM kz_edu_period_mark
             WHERE period_id = %s AND kind = 'quarter' AND class_id IN %s AND mark IS NOT NULL
             GROUP BY subject_id""", (period.id, tuple(class_ids)))
        counts = cr.fetchall()
        names = {s.id: s.name for s in self.env['kz.edu.subject'].browse([r[0] for r in counts])}
        for subject_id, five, four, three, two in sorted(counts, key=lambda r: names.get(r[0], '')):
            total = five + four + three + two
            out['subjects'].append({
                'subject': names.get(subject_id, ''), 'five': five, 'four': four, 'three': three, 'two': two,
                'success_pct': _pct((total - two) * 100, total), 'quality_pct': _pct((five + four) * 100, total)})
        return out

    def _perf_row(self, perf, marks=None):
        with_3 = sum(1 for m in (marks or {}).values() if m and min(m) == 3)
        return {'attested': perf['attested'], 'excellent': perf['excellent'],
                'good': perf['good'] - perf['excellent'], 'with_3': with_3, 'failing': perf['failing'],
                'success_pct': perf['success_pct'], 'quality_pct': perf['quality_pct']}

    def _performance_document(self):
        data = self.performance()
        period = self.period_id
        counts = [_('Attested'), _('Only «5»'), _('«4» and «5»'), _('With a «3»'), _('With a «2»')]
        heads = [Column(_('Class'), width=10)] + [Column(h, 'int', width=9) for h in counts] + \
            [Column(_('Performance, %'), 'number', width=11, digits=1),
             Column(_('Quality of knowledge, %'), 'number', width=12, digits=1)]

        def cells(row, label):
            return [label, row['attested'], row['excellent'], row['good'], row['with_3'], row['failing'],
                    row['success_pct'] if row['success_pct'] is not None else '',
                    row['quality_pct'] if row['quality_pct'] is not None else '']
        t = data['total']
        return self._document(
            _('Performance of the classes'), _('Quarter %s, %s') % (period.name, period.year_id.name),
            [(_('School'), self.company_id.name), (_('School quarter'), '%s (%s – %s)' % (
                period.name, format_date(period.date_start), format_date(period.date_end)))],
            [self._doc_table(_('By class (pupils)'), heads, [cells(r, r['class']) for r in data['classes']],
                             cells(t, _('School'))),
             self._doc_table(_('By subject (quarter marks)'),
                             [Column(_('School subject'), width=24)] +
                             [Column(h, 'int', width=8) for h in ('«5»', '«4»', '«3»', '«2»')] + heads[-2:],
                             [[r['subject'], r['five'], r['four'], r['three'], r['two'], r['success_pct'] or '',
                               r['quality_pct'] or ''] for r in data['subjects']])],
            [_('Deputy director for teaching'), _('Director')], _('Performance'), False,
            notes=[_('Performance: pupils without a «2» among those attested; quality of knowledge: pupils with '
                     'only «4» and «5». Quarter marks by the typical rules of assessment (order No. 125); the '
                     'parameters marked unconfirmed are listed under the journal\'s configuration.')])

    # mark sheet -----------------------------------------------------------------------------------------------
    def _mark_sheet_document(self):
        self._need('period_id', 'class_id', 'subject_id')
        if self.recompute_marks:
            Mark = self.env['kz.edu.period.mark']
            try:
                Mark.action_compute_for(self.class_id.id, self.subject_id.id, self.period_id.id)
            except AccessError:
                pass     # a class teacher prints what the subject teacher computed
        page = self.env['kz.edu.lesson'].kz_journal_page(self.class_id.id, self.subject_id.id, self.period_id.id,
                                                         self.group_no or None)
        if not page['lessons'] and not page['pupils']:
            raise UserError(_('There is no lesson of %s in %s in this quarter that you may read.')
                            % (self.subject_id.name, self.class_id.name))
        kinds = {'sor': _('СОр'), 'soch': _('СОч')}
        heads = [Column('№', 'int', width=4), Column(_('Pupil'), width=26)] + \
            [Column(l['date'], 'code', width=5) for l in page['lessons']] + \
            [Column('%s %s/%g' % (kinds[w['kind']], w['name'][:12], w['max']), 'code', width=9)
             for w in page['works']] + [Column(_('%'), 'number', width=6, digits=1), Column(_('Mark'), 'int', width=6)]
        rows = []
        for n, p in enumerate(page['pupils'], start=1):
            rows.append([n, p['name']] + p['cells'] + p['works'] +
                        [Decimal(repr(p['percent'])).quantize(Decimal('0.1')) if p['percent'] is not None else '',
                         p['mark'] or ''])
        topics = [[l['date'], l['topic']] for l in page['lessons'] if l['topic']]
        return self._document(
            _('Class journal: %s') % self.subject_id.name,
            _('%s, quarter %s, %s') % (self.class_id.name, self.period_id.name, self.period_id.year_id.name),
            [(_('School'), self.company_id.name), (_('Class'), self.class_id.name),
             (_('School subject'), self.subject_id.name)] + ([(_('Group'), self.group_no)] if self.group_no else []),
            [self._doc_table(_('Attendance and marks (н — absent, к — late)'), heads, rows),
             self._doc_table(_('Topics of the lessons'), [Column(_('Date'), 'code', width=8),
                                                          Column(_('Topic'), width=60)], topics)],
            [_('Teacher')], _('Journal'), True)

    # attendance -----------------------------------------------------------------------------------------------
    def _attendance_document(self):
        self._need('class_id', 'date_from', 'date_to')
        if self.date_to < self.date_from:
            raise UserError(_('The period ends before it starts.'))
        lessons = self.env['kz.edu.lesson'].search([
            ('class_id', '=', self.class_id.id), ('date', '>=', self.date_from), ('date', '<=', self.date_to),
            ('state', '!=', 'cancelled')], order='date, time_start, id')
        entries = {}
        if lessons:
            self.env.cr.execute("""
                SELECT e.lesson_id, e.attendance, e.absence_reason, p.name
                  FROM kz_edu_lesson_entry e
                  JOIN kz_edu_student s ON s.id = e.student_id JOIN res_partner p ON p.id = s.partner_id
                 WHERE e.lesson_id IN %s AND e.attendance IN ('absent', 'late') ORDER BY p.name""",
                                (tuple(lessons.ids),))
            for lesson_id, attendance, reason, name in self.env.cr.fetchall():
                entries.setdefault(lesson_id, []).append((attendance, reason, name))
        reasons = dict(self.env['kz.edu.lesson.entry']._fields['absence_reason']._description_selection(self.env))
        rows, total_absent, total_late = [], 0, 0
        for lesson in lessons:
            cells = entries.get(lesson.id, [])
            absent = [c for c in cells if c[0] == 'absent']
            late = [c for c in cells if c[0] == 'late']
            total_absent += len(absent)
            total_late += len(late)
            rows.append([fields.Date.from_string(lesson.date), lesson.period_no, lesson.subject_id.name,
                         lesson.teacher_id.sudo().name, len(absent),
                         '; '.join('%s%s' % (c[2], ' (%s)' % reasons[c[1]] if c[1] else '') for c in absent),
                         len(late), '; '.join(c[2] for c in late)])
        columns = [Column(_('Date'), 'date', width=9), Column(_('Lesson'), 'int', width=5),
                   Column(_('School subject'), width=16), Column(_('Teacher'), width=18),
                   Column(_('Absent students'), 'int', width=6), Column(_('Who was absent'), width=34),
                   Column(_('Late students'), 'int', width=5),
                   Column(_('Who was late'), width=20)]
        return self._document(
            _('Attendance per lesson'),
            '%s, %s – %s' % (self.class_id.name, format_date(self.date_from), format_date(self.date_to)),
            [(_('School'), self.company_id.name), (_('Class'), self.class_id.name), (_('Lessons'), len(lessons))],
            [self._doc_table(_('Lessons'), columns, rows,      # «Total» in a text column: the first holds dates
                             ['', '', _('Total'), '', total_absent, '', total_late, ''])],
            [_('Class teacher'), _('Deputy director for teaching')], _('Attendance'), True)


def _pct(numerator, denominator):
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal('0.1'))
