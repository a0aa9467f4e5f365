# -*- coding: utf-8 -*-
"""A lesson on a date: one page of the class journal (LMS-12). Lessons are planned from the timetable for the
quarters of the academic year (one set-based INSERT for a period), each keeps its teacher from the load row and may
get a substitute: the lesson is then in both teachers' journals, the substitute fills it, the absent teacher reads
it. The journal grid (one screen for the whole class, made for a phone) reads and writes a lesson through
``kz_grid_data`` and ``kz_grid_save``."""
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kz_edu_base.kz_dates import format_date, to_date

from .. import assessment_rules, timetable_rules


ATTENDANCE = [('present', 'Present'), ('absent', 'Absent'), ('late', 'Late')]
ABSENCE_REASONS = [('ill', 'Illness'), ('excused', 'Excused'), ('unexcused', 'Without a reason')]


class KzEduLesson(models.Model):
    _name = 'kz.edu.lesson'
    _description = 'Lesson (a page of the class journal)'
    _order = 'date desc, time_start, class_id'

    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True, index=True)
    period_id = fields.Many2one('kz.edu.academic.period', string='Quarter', index=True, ondelete='restrict')
    date = fields.Date(required=True, index=True)
    slot_id = fields.Many2one('kz.edu.timetable.slot', string='Timetable', index=True, ondelete='set null')
    # not required: a load row the deputy removes takes its empty planned lessons with it, the given ones stay in
    # the journal with their own class, subject, group and teacher (the journal is never lost with the load)
    load_id = fields.Many2one('kz.edu.teaching.load', string='Teaching load', index=True, ondelete='set null')
    class_id = fields.Many2one('kz.edu.class', string='Class', required=True, index=True, ondelete='restrict')
    grade_sequence = fields.Integer(related='class_id.grade_sequence', store=True, readonly=True)
    subject_id = fields.Many2one('kz.edu.subject', string='Subject', required=True, index=True, ondelete='restrict')
    group_no = fields.Integer(string='Group', default=1, required=True)
    employee_id = fields.Many2one('hr.employee', string='Teacher', required=True, index=True, ondelete='restrict',
                                  help='The teacher of the load row.')
    substitute_id = fields.Many2one('hr.employee', string='Substitute', index=True, ondelete='restrict',
                                    help='Another teacher gives this lesson: it is in both teachers\' journals, the '
                                         'substitute fills it in.')
    substitution_reason = fields.Char()
    teacher_id = fields.Many2one('hr.employee', string='Given by', compute='_compute_teacher_id', store=True,
                                 index=True)
    period_no = fields.Integer(string='Lesson no.')
    time_start = fields.Float(string='Begins')
    time_end = fields.Float(string='Ends')
    room_id = fields.Many2one('kz.edu.room', string='Room', ondelete='set null')
    topic = fields.Char(string='Topic of the lesson')
    state = fields.Selection([('planned', 'Planned'), ('done', 'Given'), ('cancelled', 'Cancelled')],
                             default='planned', required=True, index=True)
    entry_ids = fields.One2many('kz.edu.lesson.entry', 'lesson_id', string='Attendance and marks')
    assessment_ids = fields.One2many('kz.edu.assessment', 'lesson_id', string='Summative works')
    homework_ids = fields.One2many('kz.edu.homework', 'lesson_id', string='Homework')
    homework_text = fields.Text(string='Homework', compute='_compute_homework_text')
    absent_count = fields.Integer(string='Absent', compute='_compute_counts')
    mark_count = fields.Integer(string='Marks', compute='_compute_counts')

    _sql_constraints = [
        ('slot_date_unique', 'unique(slot_id, date)', 'This timetable lesson already has its page on this date.'),
    ]

    @api.depends('employee_id', 'substitute_id')
    def _compute_teacher_id(self):
        for lesson in self:
            lesson.teacher_id = lesson.substitute_id or lesson.employee_id

    def _compute_homework_text(self):
        for lesson in self:
            lesson.homework_text = '\n'.join(h.description or h.name for h in lesson.homework_ids)

    def _compute_counts(self):
        groups = self.env['kz.edu.lesson.entry'].read_group(
            [('lesson_id', 'in', self.ids)], ['lesson_id', 'attendance', 'mark'], ['lesson_id', 'attendance'],
            lazy=False)
        absent, marks = {}, {}
        for g in groups:
            lesson_id = g['lesson_id'][0]
            if g['attendance'] == 'absent':
                absent[lesson_id] = absent.get(lesson_id, 0) + g['__count']
        for g in self.env['kz.edu.lesson.entry'].read_group(
                [('lesson_id', 'in', self.ids), ('mark', '>', 0)], ['lesson_id'], ['lesson_id']):
            marks[g['lesson_id'][0]] = g['lesson_id_count']
        for lesson in self:
            lesson.absent_count = absent.get(lesson.id, 0)
            lesson.mark_count = marks.get(lesson.id, 0)

    @api.multi
    def name_get(self):
        return [(l.id, '%s · %s · %s%s' % (
            format_date(l.date), l.class_id.name or '',
            l.subject_id.name or '', (_(', group %d') % l.group_no) if l.group_no > 1 else '')) for l in self]

    # ------------------------------------------------------------------------------------------ constraints
    @api.constrains('substitute_id', 'employee_id')
    def _check_substitute(self):
        for lesson in self.sudo().filtered('substitute_id'):
            if lesson.substitute_id == lesson.employee_id:
                raise ValidationError(_('%s cannot substitute for themself.') % lesson.substitute_id.name)
            if lesson.substitute_id.company_id and lesson.substitute_id.company_id != lesson.company_id:
                raise ValidationError(_('%s does not work at %s.') % (lesson.substitute_id.name,
                                                                      lesson.company_id.name))
            busy = lesson._kz_busy_lessons(lesson.substitute_id)
            if busy:
                raise ValidationError(_('%s already gives a lesson at that time: %s.')
                                      % (lesson.substitute_id.name, busy[0].display_name))

    def _kz_busy_lessons(self, employee):
        """The other lessons ``employee`` gives at the time of this lesson (one targeted query)."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT id FROM kz_edu_lesson
             WHERE date = %s AND id <> %s AND state <> 'cancelled' AND teacher_id = %s
               AND time_start < %s AND %s < time_end""",
                            (self.date, self.id, employee.id, self.time_end or 0, self.time_start or 0))
        return self.sudo().browse([r[0] for r in self.env.cr.fetchall()])

    @api.multi
    def write(self, vals):
        locked = {'class_id', 'subject_id', 'load_id', 'date', 'company_id', 'academic_year_id', 'group_no',
                  'employee_id'}
        if locked & set(vals) and self.mapped('entry_ids'):
            raise UserError(_('A lesson with attendance or marks keeps its class, subject, teacher and date: cancel '
                              'it and plan another instead.'))
        return super(KzEduLesson, self).write(vals)

    @api.multi
    def unlink(self):
        if self.mapped('entry_ids') or self.mapped('assessment_ids'):
            raise UserError(_('A lesson with attendance, marks or a summative work is never deleted: cancel it.'))
        return super(KzEduLesson, self).unlink()

    # ------------------------------------------------------------------------------------------ planning
    @api.model
    def kz_plan_lessons(self, company, date_from, date_to):
        """Plan the lessons of ``company`` between two dates from its timetable (the quarters only, not the
        holidays between them), in one INSERT; lessons already planned are kept. Returns the number planned."""
        date_from, date_to = to_date(date_from), to_date(date_to)
        Year = self.env['kz.edu.academic.year']
        planned = 0
        for year in Year.search([('date_start', '<=', date_to), ('date_end', '>=', date_from)]):
            periods = year.period_ids.filtered(lambda p: p.kind == 'quarter')
            slots = self.env['kz.edu.timetable.slot'].sudo().search([
                ('company_id', '=', company.id), ('academic_year_id', '=', year.id)])
            if not slots:
                continue
            rows = []
            by_id = {s.id: s for s in slots}
            self.env.cr.execute('SELECT slot_id, date FROM kz_edu_lesson WHERE slot_id IN %s AND date BETWEEN %s '
                                'AND %s', (tuple(slots.ids), date_from, date_to))
            have = {(slot_id, day) for slot_id, day in self.env.cr.fetchall()}
            for period in periods:
                start = max(date_from, fields.Date.from_string(period.date_start))
                end = min(date_to, fields.Date.from_string(period.date_end))
                if end < start:
                    continue
                spec = [{'key': s.id, 'weekday': int(s.weekday), 'date_from': s.date_from, 'date_to': s.date_to}
                        for s in slots]
                for slot_id, day in timetable_rules.lesson_dates(spec, start, end):
                    if (slot_id, fields.Date.to_string(day)) in have:
                        continue
                    s = by_id[slot_id]
                    rows.append({
                        'company_id': company.id, 'academic_year_id': year.id, 'period_id': period.id,
                        'date': fields.Date.to_string(day), 'slot_id': s.id, 'load_id': s.load_id.id,
                        'class_id': s.class_id.id, 'grade_sequence': s.class_id.grade_sequence,
                        'subject_id': s.subject_id.id, 'group_no': s.group_no, 'employee_id': s.employee_id.id,
                        'teacher_id': s.employee_id.id, 'period_no': s.period_no, 'time_start': s.time_start,
                        'time_end': s.time_end, 'room_id': s.room_id.id or None, 'state': 'planned'})
            # one INSERT: a quarter of a school is ~6 000 lessons (create() would take minutes)
            self.env['kz.edu.demo'].bulk_insert('kz.edu.lesson', rows)
            planned += len(rows)
        return planned

    @api.model
    def _cron_plan_lessons(self, days=14):
        """Every night: the lessons of the next two weeks of every school with a timetable."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        self.env.cr.execute('SELECT DISTINCT company_id FROM kz_edu_timetable_slot WHERE active')
        for (company_id,) in self.env.cr.fetchall():
            self.kz_plan_lessons(self.env['res.company'].browse(company_id), today,
                                 today + datetime.timedelta(days=days))
        return True

    @api.model
    def action_plan_quarter(self):
        """The deputy director plans the lessons of the current quarter of her school."""
        if not self.env.user.has_group('kz_edu_base.group_deputy_director'):
            raise AccessError(_('Only the director or a deputy director plans the lessons of the school.'))
        today = fields.Date.context_today(self)
        period = self.env['kz.edu.academic.period'].search([('date_start', '<=', today), ('date_end', '>=', today),
                                                            ('kind', '=', 'quarter')], limit=1)
        if not period:
            raise UserError(_('Today is not in a quarter of the academic year: there is nothing to plan.'))
        self.sudo().kz_plan_lessons(self.env.user.company_id, period.date_start, period.date_end)
        action = self.env.ref('kz_edu_learning.kz_edu_lesson_action').read()[0]
        action['context'] = {'search_default_by_date': 1}
        action['domain'] = [('period_id', '=', period.id)]
        return action

    # ------------------------------------------------------------------------------------------ pupils
    def kz_pupils(self):
        """The pupils of this lesson: enrolled in the class on the lesson's date (class history) and, for a group
        of a split subject, in its group (kz.edu.group.member, else the default split of the class list)."""
        self.ensure_one()
        return self.env['kz.edu.group.member'].kz_pupils(self.class_id, self.subject_id, self.group_no, self.date,
                                                         split=self._kz_is_split())

    def _kz_is_split(self):
        self.ensure_one()
        self.env.cr.execute('SELECT 1 FROM kz_edu_teaching_load WHERE class_id = %s AND subject_id = %s AND '
                            'group_no > 1 LIMIT 1', (self.class_id.id, self.subject_id.id))
        return bool(self.env.cr.fetchone())

    def kz_params(self):
        """The assessment parameters of this lesson's quarter (its first day decides)."""
        self.ensure_one()
        return self.env['kz.edu.parameter'].kz_assessment_params(self.period_id.date_start or self.date,
                                                                  self.company_id)

    def kz_can_edit(self):
        """Whether the current user may fill this lesson in: its teacher (the substitute if there is one)."""
        self.ensure_one()
        try:
            self.check_access_rights('write')
            self.check_access_rule('write')
        except AccessError:
            return False
        return self.state != 'cancelled'

    # ------------------------------------------------------------------------------------------ the grid
    @api.multi
    def kz_grid_data(self):
        """Everything the one-screen journal grid shows for this lesson, read with the user's rights."""
        self.ensure_one()
        self.check_access_rule('read')
        lesson = self
        pupils = lesson.kz_pupils()
        entries = {e.student_id.id: e for e in lesson.entry_ids}
        assessment = lesson.assessment_ids[:1]
        results = {r.student_id.id: r for r in assessment.result_ids} if assessment else {}
        params = lesson.kz_params()
        has_marks = assessment_rules.grade_has_marks(lesson.grade_sequence, params)
        rows = []
        for pupil in pupils:
            e = entries.get(pupil.id)
            r = results.get(pupil.id)
            rows.append({
                'id': pupil.id, 'name': pupil.name,
                'attendance': e.attendance if e else 'present', 'reason': (e.absence_reason or '') if e else '',
                'mark': (e.mark or 0) if e else 0, 'comment': (e.comment or '') if e else '',
                'points': r.points if r and not r.absent else None, 'work_absent': bool(r and r.absent),
            })
        homework = lesson.homework_ids[:1]
        return {
            'lesson': {'id': lesson.id, 'name': lesson.display_name, 'date': lesson.date,
                       'subject': lesson.subject_id.name, 'class': lesson.class_id.name,
                       'group': lesson.group_no if lesson._kz_is_split() else 0,
                       'teacher': lesson.teacher_id.name, 'planned_teacher': lesson.employee_id.name,
                       'substituted': bool(lesson.substitute_id), 'topic': lesson.topic or '',
                       'homework': (homework.description or '') if homework else '', 'state': lesson.state,
                       'period_no': lesson.period_no},
            'assessment': {'id': assessment.id, 'kind': assessment.kind, 'name': assessment.name,
                           'max_points': assessment.max_points} if assessment else None,
            'pupils': rows, 'can_edit': lesson.kz_can_edit(), 'has_marks': has_marks,
            'mark_max': int(params['FORMATIVE_MAX']),
            'reasons': [[k, v] for k, v in self.env['kz.edu.lesson.entry']._fields['absence_reason']
                        ._description_selection(self.env)],
        }

    @api.multi
    def kz_grid_save(self, values):
        """Save the grid of this lesson in one call: ``{'topic', 'homework', 'entries': [{'student_id',
        'attendance', 'reason', 'mark', 'comment'}], 'points': [{'student_id', 'points', 'absent'}]}``. Only the
        lesson's teacher (the substitute if any) may; every value is checked by the rules before anything is
        written (a bad one refuses the whole save with its reason, nothing is lost on the screen). Parents are
        notified of absences and low marks through the notification queue. Returns the grid data."""
        self.ensure_one()
        lesson = self
        if not lesson.kz_can_edit():
            raise AccessError(_('Only the teacher who gives this lesson fills it in: %s.') % lesson.teacher_id.name)
        params = lesson.kz_params()
        pupils = {p.id: p for p in lesson.kz_pupils()}
        Entry = self.env['kz.edu.lesson.entry']
        changes = []
        for item in values.get('entries') or []:
            student_id = int(item.get('student_id') or 0)
            if student_id not in pupils:
                raise UserError(_('This pupil is not in the lesson\'s class or group on %s.') % lesson.date)
            attendance = item.get('attendance') or 'present'
            if attendance not in dict(ATTENDANCE):
                raise UserError(_('Unknown attendance value: %s.') % attendance)
            reason = item.get('reason') or False
            if reason and reason not in dict(ABSENCE_REASONS):
                raise UserError(_('Unknown reason of absence: %s.') % reason)
            mark = item.get('mark') or 0
            if mark:
                if attendance == 'absent':
                    raise UserError(_('%s is marked absent and cannot get a mark in this lesson.')
                                    % pupils[student_id].name)
                try:
                    mark = assessment_rules.check_formative_mark(mark, lesson.grade_sequence, params)
                except assessment_rules.AssessmentError as exc:
                    raise UserError('%s: %s' % (pupils[student_id].name, Entry._kz_rules_message(exc)))
            changes.append({'student_id': student_id, 'attendance': attendance,
                            'absence_reason': reason if attendance == 'absent' else False,
                            'mark': mark or 0, 'comment': (item.get('comment') or '').strip()[:200] or False})
        assessment = lesson.assessment_ids[:1]
        point_changes = []
        for item in values.get('points') or []:
            if not assessment:
                raise UserError(_('This lesson has no summative work to enter points for.'))
            student_id = int(item.get('student_id') or 0)
            if student_id not in pupils:
                raise UserError(_('This pupil is not in the lesson\'s class or group on %s.') % lesson.date)
            absent = bool(item.get('absent'))
            points = item.get('points')
            if points in (None, '', False) and not absent:
                point_changes.append({'student_id': student_id, 'clear': True})
                continue
            if not absent:
                try:
                    points = assessment_rules.check_points(points, assessment.max_points, lesson.grade_sequence,
                                                           params)
                except assessment_rules.AssessmentError as exc:
                    raise UserError('%s: %s' % (pupils[student_id].name, Entry._kz_rules_message(exc)))
            point_changes.append({'student_id': student_id, 'points': float(points) if not absent else 0.0,
                                  'absent': absent})
        # all values checked: write
        written = Entry._kz_apply(lesson, changes)
        if point_changes:
            assessment._kz_apply_points(point_changes)
        vals = {}
        if 'topic' in values:
            vals['topic'] = (values.get('topic') or '').strip()[:250] or False
        if vals or changes or point_changes:
            vals['state'] = 'done'
        if vals:
            lesson.write(vals)
        if 'homework' in values:
            lesson._kz_set_homework(values.get('homework'))
        Entry._kz_notify_parents(written)
        return lesson.kz_grid_data()

    def _kz_set_homework(self, text):
        """The grid's homework text as the lesson's homework (created, changed, or removed when emptied)."""
        self.ensure_one()
        text = (text or '').strip()
        homework = self.homework_ids[:1]
        if not text:
            if homework and not homework.submission_ids and not homework.attachment_ids:
                homework.unlink()
            return
        if homework:
            if homework.description != text:
                homework.write({'description': text})
            return
        self.env['kz.edu.homework'].create({
            'lesson_id': self.id, 'name': text.splitlines()[0][:80], 'description': text,
            'due_date': self._kz_next_lesson_date()})

    def _kz_next_lesson_date(self):
        self.ensure_one()
        self.env.cr.execute('SELECT MIN(date) FROM kz_edu_lesson WHERE class_id = %s AND subject_id = %s '
                            'AND group_no = %s AND date > %s AND state <> \'cancelled\'',
                            (self.class_id.id, self.subject_id.id, self.group_no, self.date))
        row = self.env.cr.fetchone()
        return row[0] if row and row[0] else fields.Date.to_string(
            fields.Date.from_string(self.date) + datetime.timedelta(days=7))

    @api.multi
    def action_open_grid(self):
        self.ensure_one()
        return {'type': 'ir.actions.client', 'tag': 'kz_lesson_grid', 'name': self.display_name,
                'params': {'lesson_id': self.id}}

    @api.model
    def kz_my_lessons(self, day=None):
        """The lessons the user gives or reads on a day (default today), for the grid's day list."""
        day = day or fields.Date.context_today(self)
        employee = self.env['hr.employee'].sudo().search([('user_id', '=', self.env.uid)], limit=1)
        lessons = self.search([('date', '=', day), '|', ('employee_id', '=', employee.id),
                               ('substitute_id', '=', employee.id)], order='time_start, class_id')
        return [{'id': l.id, 'name': l.display_name, 'time': l.period_no, 'state': l.state,
                 'substituted': bool(l.substitute_id), 'mine': l.teacher_id == employee,
                 'class': l.class_id.name, 'subject': l.subject_id.name} for l in lessons]

    # ------------------------------------------------------------------------------------------ journal page
    @api.model
    def kz_journal_page(self, class_id, subject_id, period_id, group_no=None):
        """A class × quarter page of the journal for one subject: the lessons as columns, the pupils as rows, each
        cell the attendance letter and the mark; the summative works and the quarter mark at the end. Two queries
        (the lessons with the user's rights, then their entries in one SELECT)."""
        domain = [('class_id', '=', class_id), ('subject_id', '=', subject_id), ('period_id', '=', period_id),
                  ('state', '!=', 'cancelled')]
        if group_no:
            domain.append(('group_no', '=', group_no))
        lessons = self.search(domain, order='date, time_start, id')
        cls = self.env['kz.edu.class'].browse(class_id)
        period = self.env['kz.edu.academic.period'].browse(period_id)
        members = self.env['kz.edu.group.member'].kz_pupils(cls, self.env['kz.edu.subject'].browse(subject_id),
                                                             group_no or 1, period.date_end,
                                                             split=bool(group_no), since=period.date_start)
        cells = {}
        if lessons:
            self.env.cr.execute("""
                SELECT lesson_id, student_id, attendance, mark FROM kz_edu_lesson_entry WHERE lesson_id IN %s""",
                                (tuple(lessons.ids),))
            for lesson_id, student_id, attendance, mark in self.env.cr.fetchall():
                text = {'absent': 'н', 'late': 'к'}.get(attendance, '')
                cells[student_id, lesson_id] = (text + (str(mark) if mark else '')) or ''
        works = self.env['kz.edu.assessment'].search([('class_id', '=', class_id), ('subject_id', '=', subject_id),
                                                      ('period_id', '=', period_id)], order='kind desc, date, id')
        results = {(r.assessment_id.id, r.student_id.id): r for r in works.mapped('result_ids')}
        marks = {m.student_id.id: m for m in self.env['kz.edu.period.mark'].search([
            ('class_id', '=', class_id), ('subject_id', '=', subject_id), ('period_id', '=', period_id),
            ('kind', '=', 'quarter')])}
        rows = []
        for pupil in members:
            mark = marks.get(pupil.id)
            rows.append({
                'id': pupil.id, 'name': pupil.name,
                'cells': [cells.get((pupil.id, l.id), '') for l in lessons],
                'works': [('н' if results[w.id, pupil.id].absent else '%g' % results[w.id, pupil.id].points)
                          if (w.id, pupil.id) in results else '' for w in works],
                'percent': mark.percent if mark else None, 'mark': mark.mark if mark else None,
            })
        return {
            'lessons': [{'id': l.id, 'date': fields.Date.from_string(l.date).strftime('%d.%m'),
                         'topic': l.topic or ''} for l in lessons],
            'works': [{'id': w.id, 'kind': w.kind, 'name': w.name, 'max': w.max_points} for w in works],
            'pupils': rows,
        }
