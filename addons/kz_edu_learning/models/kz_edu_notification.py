# -*- coding: utf-8 -*-
"""The journal's notifications to parents (SEC-06): an absence from a lesson, a formative mark below the school's
threshold. They are rows of kz_edu_base's queue (which asks the consent rule, and whose cron sends them through the
channel's gateway); the text is built at sending time in the parent's language, and a notification whose reason is
gone (the absence was corrected, the mark changed) is skipped instead of sent."""
from odoo import _, api, fields, models

from odoo.addons.kz_edu_base.kz_dates import format_date


class KzEduNotification(models.Model):
    _inherit = 'kz.edu.notification'

    lesson_entry_id = fields.Many2one('kz.edu.lesson.entry', string='Journal entry', readonly=True, index=True,
                                      ondelete='set null')
    learning_kind = fields.Selection([('absence', 'Absence from a lesson'), ('low_mark', 'Low mark')],
                                     string='Journal event', readonly=True)
    reason = fields.Selection(selection_add=[('journal_corrected', 'The journal was corrected before sending')])

    def _kz_learning_still_true(self):
        entry = self.lesson_entry_id.sudo()
        if not entry:
            return False
        if self.learning_kind == 'absence':
            return entry.attendance == 'absent'
        threshold = entry.company_id.kz_low_mark_threshold
        return bool(entry.mark and threshold and entry.mark < threshold)

    def _message(self):
        self.ensure_one()
        if not self.learning_kind:
            return super(KzEduNotification, self)._message()
        lang = self._kz_lang()
        self = self.with_context(lang=lang)
        entry = self.lesson_entry_id.sudo()
        lesson = entry.lesson_id
        values = {
            'student': self.student_id.sudo().name, 'school': self.company_id.sudo().name,
            'subject': lesson.subject_id.with_context(lang=lang).name,
            'date': format_date(lesson.date), 'lesson': lesson.period_no,
            'mark': entry.mark, 'max': 10,
        }
        if self.learning_kind == 'absence':
            return _('%(student)s was absent from the lesson %(subject)s (lesson %(lesson)s) on %(date)s at '
                     '%(school)s.') % values
        return _('%(student)s got %(mark)s of %(max)s in %(subject)s on %(date)s at %(school)s.') % values

    @api.multi
    def send(self):
        stale = self.filtered(lambda n: n.state == 'queued' and n.learning_kind and not n._kz_learning_still_true())
        stale.write({'state': 'skipped', 'reason': 'journal_corrected'})
        return super(KzEduNotification, self - stale).send()
