# -*- coding: utf-8 -*-
"""The teaching load seen from the timetable: each load row shows how many of its weekly hours are in the timetable,
and the timetable check lists the rows with hours left to schedule or with more weekly lessons than hours. A change
of the load (a new teacher, fewer hours, a row removed) is therefore visible in the timetable at once: the slots
take the row's teacher (stored related field), a removed row takes its slots with it, and a row with fewer hours is
listed as over-scheduled."""
from odoo import _, api, fields, models


class KzEduTeachingLoad(models.Model):
    _inherit = 'kz.edu.teaching.load'

    slot_ids = fields.One2many('kz.edu.timetable.slot', 'load_id', string='Timetable')
    scheduled_hours = fields.Integer(string='In the timetable', compute='_compute_scheduled_hours',
                                     help='Weekly lessons of this load row in the timetable.')

    def _compute_scheduled_hours(self):
        groups = self.env['kz.edu.timetable.slot'].sudo().read_group(
            [('load_id', 'in', self.ids)], ['load_id'], ['load_id'])
        counts = {g['load_id'][0]: g['load_id_count'] for g in groups}
        for row in self:
            row.scheduled_hours = counts.get(row.id, 0)

    COPIED = ('company_id', 'class_id', 'subject_id', 'group_no', 'employee_id')

    @api.model
    def _kz_copied_values(self, load):
        """The fields of a load row that its summative works keep a copy of."""
        return {'company_id': load.company_id.id, 'class_id': load.class_id.id, 'subject_id': load.subject_id.id,
                'group_no': load.group_no, 'employee_id': load.employee_id.id}

    @api.multi
    def unlink(self):
        """A removed row takes its timetable (cascade) and its planned lessons with nothing in them; lessons given
        or with attendance, marks, works or homework stay in the journal (their load_id is emptied)."""
        empty = self.env['kz.edu.lesson'].sudo().search([
            ('load_id', 'in', self.ids), ('state', '=', 'planned'), ('entry_ids', '=', False),
            ('assessment_ids', '=', False), ('homework_ids', '=', False)])
        empty.unlink()
        return super(KzEduTeachingLoad, self).unlink()

    @api.multi
    def write(self, vals):
        result = super(KzEduTeachingLoad, self).write(vals)
        if set(self.COPIED) & set(vals):
            for load in self:
                works = self.env['kz.edu.assessment'].sudo().search([('load_id', '=', load.id)])
                works.write(self._kz_copied_values(load))
        if 'employee_id' in vals:
            # the lessons of these rows not given yet (planned, nothing entered, no substitute) get the new teacher
            self.env.cr.execute("""
                UPDATE kz_edu_lesson l SET employee_id = %s, teacher_id = %s
                 WHERE l.load_id IN %s AND l.state = 'planned' AND l.substitute_id IS NULL
                   AND NOT EXISTS (SELECT 1 FROM kz_edu_lesson_entry e WHERE e.lesson_id = l.id)""",
                                (vals['employee_id'], vals['employee_id'], tuple(self.ids)))
            self.env['kz.edu.lesson'].invalidate_cache(['employee_id', 'teacher_id'])
        return result

    @api.model
    def kz_schedule_gaps(self, company_id, year_id):
        """Problems (values of kz.edu.timetable.problem) of the load rows whose weekly hours and weekly lessons in
        the timetable differ: one grouped query."""
        self.env.cr.execute("""
            SELECT l.id, ROUND(l.hours::numeric)::int, COUNT(s.id)::int
              FROM kz_edu_teaching_load l
              LEFT JOIN kz_edu_timetable_slot s ON s.load_id = l.id AND s.active
             WHERE l.company_id = %s AND l.academic_year_id = %s
             GROUP BY l.id
            HAVING ROUND(l.hours::numeric)::int <> COUNT(s.id)""", (company_id, year_id))
        out = []
        for load_id, hours, lessons in self.env.cr.fetchall():
            row = self.browse(load_id)
            values = {'row': row.display_name, 'hours': hours, 'lessons': lessons}
            if lessons < hours:
                out.append({'kind': 'unscheduled', 'load_id': load_id, 'sequence': 1000 + load_id, 'message': _(
                    '%(row)s: %(hours)s h a week in the load, %(lessons)s in the timetable.') % values})
            else:
                out.append({'kind': 'overscheduled', 'load_id': load_id, 'sequence': 1000 + load_id, 'message': _(
                    '%(row)s: %(lessons)s lessons a week in the timetable, the load gives %(hours)s h.') % values})
        return out


class KzEduClass(models.Model):
    _inherit = 'kz.edu.class'

    kz_load_ids = fields.One2many('kz.edu.teaching.load', 'class_id', string='Teaching load',
                                  help='Who teaches this class: the record rules let these teachers read its pupils '
                                       'and its journal.')
