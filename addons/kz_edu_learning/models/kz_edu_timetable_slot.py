# -*- coding: utf-8 -*-
"""The weekly timetable (LMS-08): one slot is one weekly lesson of one teaching-load row (kz_edu_tariff), so the
load is the timetable's source — its teacher, class, subject and group are the load row's (stored related fields:
a new teacher on the load row is the slot's teacher at once), and the load list shows how many of each row's weekly
hours are in the timetable.

Clashes (a teacher, a room or a class in two places at once) are found by one SQL statement over the school's slots
(a self-join on the weekday and overlapping times and dates), never by a loop over the table: ``kz_clashes()``. The
constraint on save runs the same statement restricted to the saved slots; "Check timetable" runs it for the whole
school and lists the clashes."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import timetable_rules

WEEKDAYS = [('0', 'Monday'), ('1', 'Tuesday'), ('2', 'Wednesday'), ('3', 'Thursday'), ('4', 'Friday'),
            ('5', 'Saturday')]

# Two slots clash when they are on the same weekday, their times overlap, their validity dates overlap and they
# share the teacher, the room, or the class — unless both are groups of split subjects (a subject the load splits
# into groups) and their group numbers differ. One statement; %(only)s restricts the left side to some slots.
CLASH_SQL = """
    WITH s AS (
        SELECT sl.id, sl.weekday, sl.time_start, sl.time_end,
               COALESCE(sl.date_from, y.date_start) AS d1, COALESCE(sl.date_to, y.date_end) AS d2,
               sl.employee_id, sl.room_id, sl.class_id, sl.group_no,
               EXISTS (SELECT 1 FROM kz_edu_teaching_load l2
                        WHERE l2.class_id = sl.class_id AND l2.subject_id = sl.subject_id AND l2.group_no > 1) AS split
          FROM kz_edu_timetable_slot sl
          JOIN kz_edu_academic_year y ON y.id = sl.academic_year_id
         WHERE sl.company_id = %(company)s AND sl.academic_year_id = %(year)s AND sl.active
    )
    SELECT a.id, b.id,
           a.employee_id = b.employee_id AS teacher,
           COALESCE(a.room_id = b.room_id, FALSE) AS room,
           a.class_id = b.class_id AND (NOT a.split OR NOT b.split OR a.group_no = b.group_no) AS klass
      FROM s a
      JOIN s b ON a.id <> b.id AND a.weekday = b.weekday
              AND a.time_start < b.time_end AND b.time_start < a.time_end
              AND a.d1 <= b.d2 AND b.d1 <= a.d2
     WHERE (%(all)s AND a.id < b.id
            OR NOT %(all)s AND a.id IN %(only)s AND (b.id NOT IN %(only)s OR a.id < b.id))
       AND (a.employee_id = b.employee_id OR a.room_id = b.room_id
            OR (a.class_id = b.class_id AND (NOT a.split OR NOT b.split OR a.group_no = b.group_no)))
     ORDER BY a.id, b.id
"""


class KzEduTimetableSlot(models.Model):
    _name = 'kz.edu.timetable.slot'
    _description = 'Timetable: a weekly lesson'
    _order = 'class_id, weekday, period_no, group_no'

    company_id = fields.Many2one('res.company', string='Organisation', index=True, related='load_id.company_id',
                                 store=True, readonly=True)
    academic_year_id = fields.Many2one('kz.edu.academic.year', related='load_id.academic_year_id', store=True,
                                       readonly=True, index=True)
    load_id = fields.Many2one('kz.edu.teaching.load', string='Teaching load', required=True, index=True,
                              ondelete='cascade', help='The load row this weekly lesson teaches: teacher, class, '
                                                       'subject and group come from it.')
    class_id = fields.Many2one('kz.edu.class', related='load_id.class_id', store=True, readonly=True, index=True,
                               string='Class')
    subject_id = fields.Many2one('kz.edu.subject', related='load_id.subject_id', store=True, readonly=True,
                                 string='Subject')
    group_no = fields.Integer(related='load_id.group_no', store=True, readonly=True, string='Group')
    employee_id = fields.Many2one('hr.employee', related='load_id.employee_id', store=True, readonly=True,
                                  index=True, string='Teacher')
    shift = fields.Selection(related='class_id.shift', store=True, readonly=True)
    weekday = fields.Selection(WEEKDAYS, required=True, index=True)
    period_no = fields.Integer(string='Lesson', required=True, help='The lesson number in the class\'s shift.')
    time_start = fields.Float(string='Begins', readonly=True, help='From the bell schedule.')
    time_end = fields.Float(string='Ends', readonly=True)
    room_id = fields.Many2one('kz.edu.room', string='Room', index=True, ondelete='restrict')
    date_from = fields.Date(string='From', help='Empty: from the start of the academic year.')
    date_to = fields.Date(string='Until', help='Empty: until the end of the academic year.')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('period_positive', 'CHECK (period_no >= 1)', 'Lessons are numbered from 1.'),
        ('dates_ordered', 'CHECK (date_to IS NULL OR date_from IS NULL OR date_to >= date_from)',
         'A timetable line cannot end before it starts.'),
    ]

    @api.multi
    def name_get(self):
        days = dict(self._fields['weekday']._description_selection(self.env))
        return [(s.id, '%s %d: %s, %s (%s)' % (days.get(s.weekday, ''), s.period_no, s.class_id.name or '',
                                               s.subject_id.name or '', s.employee_id.name or '')) for s in self]

    # ------------------------------------------------------------------------------------------ times
    def _kz_times(self, company_id, shift, period_no):
        bell = self.env['kz.edu.bell'].sudo().search([('company_id', '=', company_id), ('shift', '=', shift),
                                                      ('period_no', '=', period_no)], limit=1)
        if not bell:
            raise ValidationError(_('The bell schedule of the school has no lesson %d in the %s: add it under the '
                                    'school journal\'s configuration.') % (
                period_no, dict(self.env['kz.edu.bell']._fields['shift']._description_selection(self.env))
                .get(shift, shift)))
        return bell.time_start, bell.time_end

    @api.model
    def _kz_refresh_times(self, company_ids):
        """Copy the bell times into the slots of these schools (one UPDATE)."""
        if not company_ids:
            return
        self.env.cr.execute("""
            UPDATE kz_edu_timetable_slot sl SET time_start = b.time_start, time_end = b.time_end
              FROM kz_edu_bell b
             WHERE b.company_id = sl.company_id AND b.shift = sl.shift AND b.period_no = sl.period_no
               AND sl.company_id IN %s""", (tuple(company_ids),))
        self.invalidate_cache(['time_start', 'time_end'])

    def _kz_set_times(self):
        for slot in self:
            start, end = self._kz_times(slot.company_id.id, slot.shift, slot.period_no)
            if (start, end) != (slot.time_start, slot.time_end):
                super(KzEduTimetableSlot, slot).write({'time_start': start, 'time_end': end})

    @api.model
    def create(self, vals):
        slot = super(KzEduTimetableSlot, self).create(vals)
        slot._kz_set_times()
        slot._kz_check_clashes()
        return slot

    @api.multi
    def write(self, vals):
        result = super(KzEduTimetableSlot, self).write(vals)
        if {'period_no', 'load_id', 'weekday'} & set(vals):
            self._kz_set_times()
        if {'period_no', 'load_id', 'weekday', 'room_id', 'date_from', 'date_to', 'active'} & set(vals):
            self._kz_check_clashes()
        return result

    # ------------------------------------------------------------------------------------------ clashes
    @api.constrains('load_id', 'room_id', 'date_from', 'date_to')
    def _check_inside_year(self):
        for slot in self.sudo():
            year = slot.academic_year_id
            for day in (slot.date_from, slot.date_to):
                if day and not year.date_start <= day <= year.date_end:
                    raise ValidationError(_('%s: the dates must lie inside the academic year %s.')
                                          % (slot.display_name, year.name))
            if slot.room_id and slot.room_id.company_id != slot.company_id:
                raise ValidationError(_('%s is not a room of %s.') % (slot.room_id.name, slot.company_id.name))

    @api.model
    def kz_clashes(self, company_id, year_id, only_ids=None):
        """The clashes of a school's timetable in one SQL statement: ``[(slot_id, other_slot_id, {'teacher',
        'room', 'class'})]``; with ``only_ids``, those involving these slots only. Whatever the user may read (it
        is an integrity check of the whole school)."""
        params = {'company': company_id, 'year': year_id, 'only': tuple(only_ids or [0]), 'all': not only_ids}
        self.env.cr.execute(CLASH_SQL, params)
        return [(a, b, {'teacher': teacher, 'room': room, 'class': klass})
                for a, b, teacher, room, klass in self.env.cr.fetchall()]

    def _kz_clash_message(self, a, b, kinds):
        Slot = self.sudo()
        first, second = Slot.browse(a), Slot.browse(b)
        days = dict(self._fields['weekday']._description_selection(self.env))
        values = {'day': days.get(first.weekday, ''), 'one': first.display_name, 'other': second.display_name,
                  'teacher': first.employee_id.name or '', 'room': first.room_id.name or '',
                  'class': first.class_id.name or ''}
        if kinds['teacher']:
            return _('%(teacher)s would teach two lessons at once on %(day)s: %(one)s and %(other)s.') % values
        if kinds['class']:
            return _('Class %(class)s would have two lessons at once on %(day)s: %(one)s and %(other)s.') % values
        return _('Room %(room)s would hold two lessons at once on %(day)s: %(one)s and %(other)s.') % values

    def _kz_check_clashes(self):
        for (company, year), slots in self._kz_by_school().items():
            clashes = self.kz_clashes(company, year, slots.ids)
            if clashes:
                a, b, kinds = clashes[0]
                raise ValidationError(self._kz_clash_message(a, b, kinds))

    def _kz_by_school(self):
        out = {}
        for slot in self:
            key = (slot.company_id.id, slot.academic_year_id.id)
            out[key] = out.get(key, self.browse()) | slot
        return out

    @api.model
    def action_check_timetable(self):
        """The clashes and the unscheduled or over-scheduled load of the user's school, as a list: of the academic
        year in the context (``kz_academic_year_id``: the deputy preparing next year's timetable in August), else
        of today's."""
        company = self.env.user.company_id
        Year = self.env['kz.edu.academic.year']
        year = Year.browse(self.env.context.get('kz_academic_year_id')).exists() \
            or Year.for_date(fields.Date.context_today(self))
        if not year:
            raise UserError(_('There is no academic year for today.'))
        Problem = self.env['kz.edu.timetable.problem']
        Problem.search([('create_uid', '=', self.env.uid)]).unlink()
        problems = Problem
        for n, (a, b, kinds) in enumerate(self.kz_clashes(company.id, year.id), start=1):
            kind = 'teacher' if kinds['teacher'] else ('class' if kinds['class'] else 'room')
            problems |= Problem.create({'sequence': n, 'kind': kind, 'slot_id': a, 'other_slot_id': b,
                                        'message': self._kz_clash_message(a, b, kinds)})
        for values in self.env['kz.edu.teaching.load'].sudo().kz_schedule_gaps(company.id, year.id):
            problems |= Problem.create(values)
        return {
            'name': _('Timetable check: %d problem(s)') % len(problems) if problems
            else _('Timetable check: no problems'),
            'type': 'ir.actions.act_window', 'res_model': 'kz.edu.timetable.problem', 'view_mode': 'tree',
            'domain': [('id', 'in', problems.ids)], 'context': {'create': False, 'group_by': ['kind']},
            'target': 'current',
        }

    # ------------------------------------------------------------------------------------------ generation
    @api.model
    def kz_build_from_load(self, company, year, replace=False):
        """A first timetable of the school built from its teaching load (timetable_rules.build_timetable): for the
        deputy director to adjust, and for the demo. Whole-class lessons go to the class's room (its «Room»), the
        second group of a split subject to a room of its own. Refused when the school has a timetable already,
        unless ``replace``. Returns the result of the builder (slots written, hours left over)."""
        Slot = self.sudo()
        existing = Slot.search([('company_id', '=', company.id), ('academic_year_id', '=', year.id)])
        if existing and not replace:
            raise UserError(_('%s already has a timetable for %s.') % (company.name, year.name))
        existing.unlink()
        self.env['kz.edu.bell'].sudo().kz_ensure_default(company)
        loads = self.env['kz.edu.teaching.load'].sudo().search([('company_id', '=', company.id),
                                                                ('academic_year_id', '=', year.id)])
        split = {(l.class_id.id, l.subject_id.id) for l in loads if l.group_no > 1}
        chunks = [{'key': l.id, 'class_id': l.class_id.id, 'subject': l.subject_id.id, 'teacher': l.employee_id.id,
                   'group_no': l.group_no, 'hours': int(round(l.hours)),
                   'split': (l.class_id.id, l.subject_id.id) in split} for l in loads if l.hours >= 1]
        classes = {l.class_id.id: int(l.class_id.shift) for l in loads}
        result = timetable_rules.build_timetable(chunks, classes, extra_days=(5,))
        rooms = self._kz_rooms(company, loads.mapped('class_id'), max([c['group_no'] for c in chunks] or [1]))
        by_load = {l.id: l for l in loads}
        bells = {(b.shift, b.period_no): b for b in self.env['kz.edu.bell'].sudo().search(
            [('company_id', '=', company.id)])}
        rows = []
        for s in result['slots']:
            load = by_load[s['key']]
            bell = bells.get((str(s['shift']), s['period']))
            rows.append({'load_id': load.id, 'company_id': company.id, 'academic_year_id': year.id,
                         'class_id': load.class_id.id, 'subject_id': load.subject_id.id, 'group_no': load.group_no,
                         'employee_id': load.employee_id.id, 'shift': str(s['shift']), 'weekday': str(s['weekday']),
                         'period_no': s['period'], 'time_start': bell.time_start if bell else 0,
                         'time_end': bell.time_end if bell else 0, 'active': True,
                         'room_id': rooms[load.class_id.id, load.group_no]})
        # bulk: the builder guarantees no clash (asserted by "Check timetable" and the tests); ~600 rows per school
        # through create() with its clash check cost about 40 s here
        self.env['kz.edu.demo'].bulk_insert('kz.edu.timetable.slot', rows)
        return result

    @api.model
    def action_build_from_load(self):
        """The deputy director's «Build from the teaching load» for her school's current year (only while the
        school has no timetable: a built timetable is adjusted by hand, not rebuilt over)."""
        if not self.env.user.has_group('kz_edu_base.group_deputy_director'):
            raise UserError(_('Only the director or a deputy director builds the timetable.'))
        company = self.env.user.company_id
        year = self.env['kz.edu.academic.year'].for_date(fields.Date.context_today(self))
        if not year:
            raise UserError(_('There is no academic year for today.'))
        result = self.kz_build_from_load(company, year)
        action = self.env.ref('kz_edu_learning.kz_edu_timetable_slot_action').read()[0]
        if result['unplaced']:
            action = self.action_check_timetable()
        return action

    def _kz_rooms(self, company, classes, groups):
        """{(class id, group no): room id}: group 1 in the class's own room, group n in «<room>/n»."""
        Room = self.env['kz.edu.room'].sudo()
        existing = {r.name: r.id for r in Room.search([('company_id', '=', company.id)])}
        out = {}
        for cls in classes:
            base = cls.room or cls.name
            for group in range(1, groups + 1):
                name = base if group == 1 else '%s/%d' % (base, group)
                if name not in existing:
                    existing[name] = Room.create({'name': name, 'company_id': company.id, 'capacity': 30}).id
                out[cls.id, group] = existing[name]
        return out


class KzEduTimetableProblem(models.TransientModel):
    """One problem of the timetable listed by "Check timetable": a clash or a load row not (fully) scheduled."""
    _name = 'kz.edu.timetable.problem'
    _description = 'Timetable problem'
    _order = 'sequence, id'

    sequence = fields.Integer()
    kind = fields.Selection([('teacher', 'Teacher in two places'), ('class', 'Class in two places'),
                             ('room', 'Room taken twice'), ('unscheduled', 'Load not in the timetable'),
                             ('overscheduled', 'More lessons than the load')], required=True)
    slot_id = fields.Many2one('kz.edu.timetable.slot', string='Lesson')
    other_slot_id = fields.Many2one('kz.edu.timetable.slot', string='Clashes with')
    load_id = fields.Many2one('kz.edu.teaching.load', string='Load row')
    message = fields.Char(required=True)
