# -*- coding: utf-8 -*-
"""Homework (LMS-11): set on a lesson with its text and files, submitted by the pupil on the portal (text and files),
checked and marked by the teacher. A checked homework's mark is a formative mark of the lesson's quarter."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import assessment_rules


class KzEduHomework(models.Model):
    _name = 'kz.edu.homework'
    _description = 'Homework'
    _order = 'due_date desc, id desc'

    name = fields.Char(string='Task', required=True)
    description = fields.Text()
    lesson_id = fields.Many2one('kz.edu.lesson', string='Set in the lesson', required=True, index=True,
                                ondelete='restrict')
    company_id = fields.Many2one('res.company', related='lesson_id.company_id', store=True, readonly=True,
                                 index=True)
    class_id = fields.Many2one('kz.edu.class', related='lesson_id.class_id', store=True, readonly=True, index=True)
    subject_id = fields.Many2one('kz.edu.subject', related='lesson_id.subject_id', store=True, readonly=True)
    group_no = fields.Integer(related='lesson_id.group_no', store=True, readonly=True)
    teacher_id = fields.Many2one('hr.employee', related='lesson_id.teacher_id', store=True, readonly=True,
                                 string='Teacher')
    date = fields.Date(related='lesson_id.date', store=True, readonly=True, string='Set on')
    due_date = fields.Date(string='Due', required=True)
    attachment_ids = fields.Many2many('ir.attachment', 'kz_edu_homework_attachment_rel', 'homework_id',
                                      'attachment_id', string='Files')
    submission_ids = fields.One2many('kz.edu.homework.submission', 'homework_id', string='Submitted')
    submission_count = fields.Integer(compute='_compute_submission_count', string='Submitted')

    def _compute_submission_count(self):
        groups = self.env['kz.edu.homework.submission'].read_group([('homework_id', 'in', self.ids)],
                                                                  ['homework_id'], ['homework_id'])
        counts = {g['homework_id'][0]: g['homework_id_count'] for g in groups}
        for homework in self:
            homework.submission_count = counts.get(homework.id, 0)

    @api.constrains('due_date', 'lesson_id')
    def _check_due(self):
        for homework in self.sudo():     # an integrity check, whoever saves
            if homework.due_date < homework.lesson_id.date:
                raise ValidationError(_('Homework is due after the lesson that sets it (%s).') % homework.name)

    @api.model
    def create(self, vals):
        homework = super(KzEduHomework, self).create(vals)
        homework._kz_check_teacher()
        homework.attachment_ids._kz_bind(homework)
        return homework

    @api.multi
    def write(self, vals):
        self._kz_check_teacher()
        result = super(KzEduHomework, self).write(vals)
        for homework in self:
            homework.attachment_ids._kz_bind(homework)
        return result

    def _kz_check_teacher(self):
        """Only the lesson's teacher (or the school's management) sets and changes its homework."""
        for homework in self:
            if not homework.lesson_id.kz_can_edit():
                raise AccessError(_('Only the teacher who gives the lesson sets its homework.'))


class KzEduHomeworkSubmission(models.Model):
    _name = 'kz.edu.homework.submission'
    _description = 'Homework submitted by a pupil'
    _order = 'submitted_at desc, id desc'

    homework_id = fields.Many2one('kz.edu.homework', string='Homework', required=True, index=True,
                                  ondelete='restrict')
    student_id = fields.Many2one('kz.edu.student', string='Pupil', required=True, index=True, ondelete='restrict')
    company_id = fields.Many2one('res.company', related='homework_id.company_id', store=True, readonly=True,
                                 index=True)
    subject_id = fields.Many2one('kz.edu.subject', related='homework_id.subject_id', store=True, readonly=True)
    teacher_id = fields.Many2one('hr.employee', related='homework_id.teacher_id', store=True, readonly=True)
    text = fields.Text(string='Answer')
    attachment_ids = fields.Many2many('ir.attachment', 'kz_edu_homework_submission_attachment_rel',
                                      'submission_id', 'attachment_id', string='Files')
    submitted_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    state = fields.Selection([('submitted', 'Submitted'), ('checked', 'Checked'), ('returned', 'Returned to redo')],
                             default='submitted', required=True, index=True)
    mark = fields.Integer(help='A formative mark 1-10; it counts in the quarter.')
    teacher_comment = fields.Text(string='Teacher\'s comment')
    checked_by_id = fields.Many2one('res.users', string='Checked by', readonly=True)

    _sql_constraints = [
        ('submission_unique', 'unique(homework_id, student_id)', 'The pupil has already submitted this homework: '
                                                                 'change the answer instead.'),
    ]

    @api.constrains('student_id', 'homework_id')
    def _check_pupil(self):
        for sub in self.sudo():          # an integrity check, whoever saves
            lesson = sub.homework_id.lesson_id
            if sub.student_id not in lesson.kz_pupils():
                raise ValidationError(_('%s is not a pupil of the lesson this homework was set in.')
                                      % sub.student_id.sudo().name)

    @api.model
    def create(self, vals):
        sub = super(KzEduHomeworkSubmission, self).create(vals)
        sub.attachment_ids._kz_bind(sub)
        return sub

    @api.multi
    def write(self, vals):
        teacher_fields = {'state', 'mark', 'teacher_comment', 'checked_by_id'}
        pupil_fields = {'text', 'attachment_ids'}
        for sub in self:
            if set(vals) & pupil_fields and sub.state == 'checked':
                raise UserError(_('A checked homework is not changed any more.'))
            if set(vals) & teacher_fields and not sub.homework_id.lesson_id.kz_can_edit():
                raise AccessError(_('Only the teacher who set the homework checks it.'))
        result = super(KzEduHomeworkSubmission, self).write(vals)
        if 'attachment_ids' in vals:
            for sub in self:
                sub.attachment_ids._kz_bind(sub)
        return result

    @api.multi
    def action_check(self, mark=None, comment=None):
        """The teacher checks the homework: a mark 1-10 (optional) and a comment."""
        for sub in self:
            lesson = sub.homework_id.lesson_id
            vals = {'state': 'checked', 'checked_by_id': self.env.uid}
            if mark:
                try:
                    vals['mark'] = assessment_rules.check_formative_mark(mark, lesson.grade_sequence,
                                                                         lesson.kz_params())
                except assessment_rules.AssessmentError as exc:
                    raise UserError(self.env['kz.edu.lesson.entry']._kz_rules_message(exc))
            if comment is not None:
                vals['teacher_comment'] = comment
            sub.write(vals)
        return True

    @api.multi
    def action_mark_checked(self):
        """The form's button: the mark already typed in the field."""
        for sub in self:
            sub.action_check(mark=sub.mark or None)
        return True

    @api.multi
    def action_return(self):
        self.write({'state': 'returned', 'checked_by_id': self.env.uid})
        return True


class IrAttachment(models.Model):
    _inherit = 'ir.attachment'

    def _kz_bind(self, record):
        """Files of a homework or a submission belong to it (res_model/res_id): Odoo then lets read them whoever may
        read the record (the pupil and the parents through the record rules, the teacher)."""
        loose = self.sudo().filtered(lambda a: a.res_model != record._name or a.res_id != record.id)
        if loose:
            loose.write({'res_model': record._name, 'res_id': record.id})
