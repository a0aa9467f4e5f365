# -*- coding: utf-8 -*-
"""One cell of the class journal: a pupil in a lesson — attendance (present, absent with a reason, late), a formative
mark 1-10 and a short comment. Only what differs from "present, no mark" is stored: a lesson of 30 pupils where
three are absent and five get a mark has eight rows, so the journal of a school year stays near a million rows.

The parents hear of an absence and of a mark below the school's threshold through the notification queue
(kz.edu.notification); this addon uses the queue in one place only, ``_kz_notify_parents``."""
from odoo import _, api, fields, models

from odoo.addons.kz_edu_base.user_errors import translate

from .. import assessment_rules
from .kz_edu_lesson import ABSENCE_REASONS, ATTENDANCE


class KzEduLessonEntry(models.Model):
    _name = 'kz.edu.lesson.entry'
    _description = 'Journal: attendance and mark of a pupil in a lesson'
    _order = 'date desc, lesson_id, student_id'

    lesson_id = fields.Many2one('kz.edu.lesson', string='Lesson', required=True, index=True, ondelete='restrict')
    student_id = fields.Many2one('kz.edu.student', string='Pupil', required=True, index=True, ondelete='restrict')
    company_id = fields.Many2one('res.company', related='lesson_id.company_id', store=True, readonly=True,
                                 index=True)
    date = fields.Date(related='lesson_id.date', store=True, readonly=True, index=True)
    class_id = fields.Many2one('kz.edu.class', related='lesson_id.class_id', store=True, readonly=True)
    subject_id = fields.Many2one('kz.edu.subject', related='lesson_id.subject_id', store=True, readonly=True,
                                 index=True)
    period_id = fields.Many2one('kz.edu.academic.period', related='lesson_id.period_id', store=True, readonly=True,
                                index=True)
    attendance = fields.Selection(ATTENDANCE, required=True, default='present')
    absence_reason = fields.Selection(ABSENCE_REASONS, string='Reason of absence')
    mark = fields.Integer(string='Formative mark', help='1 to 10; 0 or empty: no mark.')
    comment = fields.Char()

    _sql_constraints = [
        ('pupil_lesson_unique', 'unique(lesson_id, student_id)', 'The pupil already has a cell in this lesson.'),
        ('mark_range', 'CHECK (mark IS NULL OR (mark >= 0 AND mark <= 10))', 'A formative mark lies between 1 and '
                                                                             '10.'),
    ]

    @api.multi
    def name_get(self):
        return [(e.id, '%s: %s' % (e.student_id.sudo().name, e.lesson_id.display_name)) for e in self]

    @api.model
    def _kz_rules_message(self, exc):
        """The translated sentence of an assessment_rules.AssessmentError (kz_edu_base user_errors)."""
        if exc.template in assessment_rules.MESSAGES.values():
            return translate(self.env, exc)
        return _('the assessment rules refuse this value: %s') % translate(self.env, exc)

    @api.model
    def _kz_apply(self, lesson, changes):
        """Write the grid's cells of ``lesson`` (already checked): create, change or drop the rows (a pupil back to
        "present, no mark, no comment" has no row). Returns the rows that became an absence or a new mark, with
        what changed, for the notifications: ``[(entry, 'absence' | 'low_mark')]``."""
        existing = {e.student_id.id: e for e in self.search([('lesson_id', '=', lesson.id)])}
        company = lesson.company_id.sudo()
        threshold = company.kz_low_mark_threshold
        events = []
        for change in changes:
            entry = existing.get(change['student_id'])
            empty = change['attendance'] == 'present' and not change['mark'] and not change['comment']
            if entry and empty:
                entry.unlink()
                continue
            if empty:
                continue
            before = (entry.attendance, entry.mark) if entry else ('present', 0)
            vals = {'attendance': change['attendance'], 'absence_reason': change['absence_reason'],
                    'mark': change['mark'], 'comment': change['comment']}
            if entry:
                current = {'attendance': entry.attendance, 'absence_reason': entry.absence_reason or False,
                           'mark': entry.mark or 0, 'comment': entry.comment or False}
                if current != vals:
                    entry.write(vals)
            else:
                entry = self.create(dict(vals, lesson_id=lesson.id, student_id=change['student_id']))
            if change['attendance'] == 'absent' and before[0] != 'absent' and company.kz_notify_absence:
                events.append((entry, 'absence'))
            if change['mark'] and change['mark'] != before[1] and threshold and change['mark'] < threshold:
                events.append((entry, 'low_mark'))
        return events

    @api.model
    def _kz_notify_parents(self, events):
        """The one place this addon uses the notification queue (kz.edu.notification of kz_edu_base): one message
        per (event, guardian), queued when the consent rule lets it through (a «Notifications to parents» consent
        about the child in force today, a channel chosen), otherwise kept as skipped with the reason; written in
        one INSERT for the lesson; the same event is never queued twice for a guardian. Returns the number
        queued."""
        facts = [{'lesson_entry_id': entry.id, 'learning_kind': kind, 'student_id': entry.student_id.id,
                  'company_id': entry.company_id.id} for entry, kind in events]
        return self.env['kz.edu.notification'].kz_enqueue_for_students(
            facts, unique=('lesson_entry_id', 'learning_kind'))
