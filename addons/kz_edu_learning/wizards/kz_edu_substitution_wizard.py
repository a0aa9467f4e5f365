# -*- coding: utf-8 -*-
"""Substitution (LMS-08): the deputy director gives the lessons of an absent teacher between two dates to another
teacher. The lessons stay in the absent teacher's journal (she reads them) and appear in the substitute's (she fills
them in). A substitute who already teaches at that time is refused, naming the lesson."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class KzEduSubstitutionWizard(models.TransientModel):
    _name = 'kz.edu.substitution.wizard'
    _description = 'Substitute a teacher'

    absent_id = fields.Many2one('hr.employee', string='Absent teacher', required=True)
    substitute_id = fields.Many2one('hr.employee', string='Substitute', required=True)
    date_from = fields.Date(string='From', required=True, default=fields.Date.context_today)
    date_to = fields.Date(string='Until', required=True, default=fields.Date.context_today)
    reason = fields.Char(required=True, help='e.g. sick leave, course, business trip')
    lesson_ids = fields.Many2many('kz.edu.lesson', string='Lessons', compute='_compute_lesson_ids')

    @api.depends('absent_id', 'date_from', 'date_to')
    def _compute_lesson_ids(self):
        for wizard in self:
            wizard.lesson_ids = wizard._kz_lessons() if wizard.absent_id and wizard.date_from and wizard.date_to \
                else False

    def _kz_lessons(self):
        return self.env['kz.edu.lesson'].search([
            ('employee_id', '=', self.absent_id.id), ('date', '>=', self.date_from), ('date', '<=', self.date_to),
            ('state', '!=', 'cancelled')], order='date, time_start')

    @api.multi
    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group('kz_edu_base.group_deputy_director'):
            raise AccessError(_('Only the director or a deputy director arranges substitutions.'))
        if self.date_to < self.date_from:
            raise UserError(_('The substitution ends before it starts.'))
        if self.absent_id == self.substitute_id:
            raise UserError(_('%s cannot substitute for themself.') % self.absent_id.name)
        lessons = self._kz_lessons()
        if not lessons:
            raise UserError(_('%s has no lessons between %s and %s.') % (self.absent_id.name, self.date_from,
                                                                           self.date_to))
        done = lessons.filtered(lambda l: l.state == 'done' and l.teacher_id == self.absent_id)
        if done:
            raise UserError(_('%s already gave the lesson %s: it is not given to a substitute.')
                            % (self.absent_id.name, done[0].display_name))
        lessons.write({'substitute_id': self.substitute_id.id, 'substitution_reason': self.reason})
        action = self.env.ref('kz_edu_learning.kz_edu_lesson_action').read()[0]
        action.update({'domain': [('id', 'in', lessons.ids)], 'context': {}})
        return action
