# -*- coding: utf-8 -*-
"""Summative works (LMS-08): for a section (СОр / БЖБ) and for the quarter (СОч / ТЖБ), in points out of their
maximum, for one load row (teacher, class, subject, group) in one quarter, usually written in one lesson. The
results are entered in the journal grid of that lesson or in the work's form."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import assessment_rules

KINDS = [('sor', 'Summative for a section (СОр / БЖБ)'), ('soch', 'Summative for the quarter (СОч / ТЖБ)')]


class KzEduAssessment(models.Model):
    _name = 'kz.edu.assessment'
    _description = 'Summative work'
    _order = 'date desc, id desc'

    name = fields.Char(string='Section or topic', required=True)
    kind = fields.Selection(KINDS, required=True, default='sor')
    # the load row's teacher, class, subject and group are copied (kept in step by the load's write): a work with
    # results stays whole in the journal when the deputy removes its load row (load_id is then emptied)
    load_id = fields.Many2one('kz.edu.teaching.load', string='Teaching load', index=True, ondelete='set null')
    company_id = fields.Many2one('res.company', string='Organisation', readonly=True, index=True)
    class_id = fields.Many2one('kz.edu.class', string='Class', readonly=True, index=True)
    subject_id = fields.Many2one('kz.edu.subject', string='Subject', readonly=True, index=True)
    group_no = fields.Integer(string='Group', readonly=True)
    employee_id = fields.Many2one('hr.employee', readonly=True, index=True, string='Teacher')
    period_id = fields.Many2one('kz.edu.academic.period', string='Quarter', required=True, index=True,
                                ondelete='restrict')
    lesson_id = fields.Many2one('kz.edu.lesson', string='Written in the lesson', index=True, ondelete='restrict')
    date = fields.Date(required=True, default=fields.Date.context_today)
    max_points = fields.Float(string='Maximum points', required=True, digits=(6, 1))
    result_ids = fields.One2many('kz.edu.assessment.result', 'assessment_id', string='Results')

    _sql_constraints = [
        ('max_positive', 'CHECK (max_points > 0)', 'The maximum of a summative work must be positive.'),
    ]

    @api.onchange('lesson_id')
    def _onchange_lesson_id(self):
        if self.lesson_id:
            self.load_id = self.lesson_id.load_id
            self.period_id = self.lesson_id.period_id
            self.date = self.lesson_id.date

    @api.constrains('kind', 'load_id', 'period_id', 'date', 'lesson_id')
    def _check_work(self):
        for work in self.sudo():         # an integrity check, whoever saves
            period = work.period_id
            if not period.date_start <= work.date <= period.date_end:
                raise ValidationError(_('%s: the date lies outside the quarter %s.') % (work.name, period.name))
            if work.lesson_id and work.lesson_id.load_id != work.load_id:
                raise ValidationError(_('%s: the lesson is not of this class, subject and teacher.') % work.name)
            if work.kind == 'soch' and self.sudo().search_count([
                    ('id', '!=', work.id), ('kind', '=', 'soch'), ('load_id', '=', work.load_id.id),
                    ('period_id', '=', period.id)]):
                raise ValidationError(_('%s, %s already has a summative work for the quarter %s.')
                                      % (work.class_id.name, work.subject_id.name, period.name))

    @api.model
    def _kz_load_values(self, vals):
        """``vals`` with the copies of its load row's fields (a new work needs its load row)."""
        if 'load_id' not in vals:
            return vals
        load = self.env['kz.edu.teaching.load'].sudo().browse(vals['load_id'])
        if not load:
            raise UserError(_('Choose the teaching load (class, subject and teacher) of the summative work.'))
        return dict(vals, **self.env['kz.edu.teaching.load']._kz_copied_values(load))

    @api.model
    def create(self, vals):
        if not vals.get('load_id'):
            raise UserError(_('Choose the teaching load (class, subject and teacher) of the summative work.'))
        return super(KzEduAssessment, self).create(self._kz_load_values(vals))

    @api.multi
    def write(self, vals):
        vals = self._kz_load_values(vals)
        if 'max_points' in vals and self.mapped('result_ids'):
            maximum = vals['max_points']
            if any(r.points > maximum for r in self.mapped('result_ids')):
                raise UserError(_('Some results have more points than the new maximum: correct them first.'))
        return super(KzEduAssessment, self).write(vals)

    @api.multi
    def unlink(self):
        if self.mapped('result_ids'):
            raise UserError(_('A summative work with results is not deleted.'))
        return super(KzEduAssessment, self).unlink()

    def _kz_apply_points(self, changes):
        """The grid's points (already checked): ``[{'student_id', 'points', 'absent'} | {'student_id', 'clear'}]``."""
        self.ensure_one()
        Result = self.env['kz.edu.assessment.result']
        existing = {r.student_id.id: r for r in self.result_ids}
        for change in changes:
            result = existing.get(change['student_id'])
            if change.get('clear'):
                if result:
                    result.unlink()
                continue
            vals = {'points': change['points'], 'absent': change['absent']}
            if result:
                if (result.points, result.absent) != (vals['points'], vals['absent']):
                    result.write(vals)
            else:
                Result.create(dict(vals, assessment_id=self.id, student_id=change['student_id']))


class KzEduAssessmentResult(models.Model):
    _name = 'kz.edu.assessment.result'
    _description = 'Result of a summative work'
    _order = 'assessment_id, student_id'

    assessment_id = fields.Many2one('kz.edu.assessment', string='Summative work', required=True, index=True,
                                    ondelete='cascade')
    student_id = fields.Many2one('kz.edu.student', string='Pupil', required=True, index=True, ondelete='restrict')
    company_id = fields.Many2one('res.company', related='assessment_id.company_id', store=True, readonly=True,
                                 index=True)
    kind = fields.Selection(related='assessment_id.kind', store=True, readonly=True)
    period_id = fields.Many2one('kz.edu.academic.period', related='assessment_id.period_id', store=True,
                                readonly=True, index=True)
    subject_id = fields.Many2one('kz.edu.subject', related='assessment_id.subject_id', store=True, readonly=True)
    max_points = fields.Float(related='assessment_id.max_points', readonly=True)
    points = fields.Float(digits=(6, 1))
    absent = fields.Boolean(help='The pupil missed the work: it does not count in the quarter.')

    _sql_constraints = [
        ('result_unique', 'unique(assessment_id, student_id)', 'The pupil already has a result for this work.'),
    ]

    @api.constrains('points', 'absent', 'student_id')
    def _check_points(self):
        for result in self.sudo():       # an integrity check, whoever saves
            work = result.assessment_id
            if result.absent:
                continue
            params = self.env['kz.edu.parameter'].kz_assessment_params(work.period_id.date_start,
                                                                           work.company_id)
            try:
                assessment_rules.check_points(result.points, work.max_points, work.class_id.grade_sequence, params)
            except assessment_rules.AssessmentError as exc:
                raise ValidationError('%s: %s' % (result.student_id.sudo().name,
                                                  self.env['kz.edu.lesson.entry']._kz_rules_message(exc)))
