# -*- coding: utf-8 -*-
"""The bell schedule of a school (when each lesson of each shift begins and ends) and its rooms. The times of the
timetable's slots come from the bells, so the clash check compares real times across the shifts."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SHIFTS = [('1', 'First shift'), ('2', 'Second shift'), ('3', 'Third shift')]


class KzEduBell(models.Model):
    _name = 'kz.edu.bell'
    _description = 'Lesson time (bell schedule)'
    _order = 'company_id, shift, period_no'

    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    shift = fields.Selection(SHIFTS, required=True, default='1')
    period_no = fields.Integer(string='Lesson', required=True, help='The lesson number in the shift: 1, 2, 3 ...')
    time_start = fields.Float(string='Begins', required=True)
    time_end = fields.Float(string='Ends', required=True)

    _sql_constraints = [
        ('period_unique', 'unique(company_id, shift, period_no)', 'This lesson of this shift already has its times.'),
        ('period_positive', 'CHECK (period_no >= 1)', 'Lessons are numbered from 1.'),
    ]

    @api.multi
    def name_get(self):
        return [(b.id, '%s · %d (%s–%s)' % (dict(SHIFTS).get(b.shift), b.period_no, _hm(b.time_start),
                                            _hm(b.time_end))) for b in self]

    @api.constrains('time_start', 'time_end')
    def _check_times(self):
        for bell in self:
            if not 0 <= bell.time_start < bell.time_end <= 24:
                raise ValidationError(_('Lesson %d of the %s: it must end after it begins, within the day.')
                                      % (bell.period_no, dict(self._fields['shift']._description_selection(self.env))
                                         .get(bell.shift)))

    @api.multi
    def write(self, vals):
        result = super(KzEduBell, self).write(vals)
        if {'time_start', 'time_end', 'shift', 'period_no'} & set(vals):
            self.env['kz.edu.timetable.slot'].sudo()._kz_refresh_times(self.mapped('company_id').ids)
        return result

    @api.model
    def create(self, vals):
        bell = super(KzEduBell, self).create(vals)
        self.env['kz.edu.timetable.slot'].sudo()._kz_refresh_times(bell.company_id.ids)
        return bell

    @api.model
    def kz_ensure_default(self, company):
        """The usual bells of a two-shift school (45-minute lessons, a 20-minute break after the third), created for
        a school that has none: shift 1 from 08:00, shift 2 from 13:35 (its first lesson is the first shift's
        seventh)."""
        if self.search_count([('company_id', '=', company.id)]):
            return self.browse()
        rows = []
        for shift, first in (('1', 8 * 60), ('2', 13 * 60 + 35)):
            start = first
            for period in range(1, 8):
                rows.append({'company_id': company.id, 'shift': shift, 'period_no': period,
                             'time_start': start / 60.0, 'time_end': (start + 45) / 60.0})
                start += 45 + (20 if period == 3 else 10)
        self.env['kz.edu.demo'].bulk_insert('kz.edu.bell', rows)
        return self.search([('company_id', '=', company.id)])


def _hm(value):
    minutes = int(round((value or 0) * 60))
    return '%02d:%02d' % (minutes // 60, minutes % 60)


class KzEduRoom(models.Model):
    _name = 'kz.edu.room'
    _description = 'Classroom'
    _order = 'company_id, name'

    name = fields.Char(required=True)
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    capacity = fields.Integer(help='Places for pupils.')
    note = fields.Char(help='e.g. informatics room, gym, language laboratory')
    active = fields.Boolean(default=True)

    _sql_constraints = [('name_unique', 'unique(company_id, name)', 'This room already exists in this school.')]
