# -*- coding: utf-8 -*-
"""The working curriculum (рабочий учебный план) and the teaching load (педагогическая нагрузка) of a school year.

The rules (coverage of every class-subject-group, over- and double cover, a teacher's weekly maximum, the summary by
grade band) live in the pure module ``load_check.py``; this file reads the rows for it and turns its problems into
translated messages."""
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.kz_edu_base.models.res_company import INSTRUCTION_LANGS
from odoo.addons.kz_edu_base.user_errors import translate

from .. import load_check, tariff
from .kz_edu_tariff import TARIFF_DOMAINS

PROBLEM_KINDS = [
    (load_check.UNCOVERED, 'Uncovered'),
    (load_check.PARTLY, 'Partly covered'),
    (load_check.OVER, 'Over-covered'),
    (load_check.DOUBLE, 'Double-covered'),
    (load_check.NOT_IN_CURRICULUM, 'Not in the curriculum'),
    (load_check.UNKNOWN_GROUP, 'Group not in the curriculum'),
    (load_check.UNKNOWN_CLASS, 'Class of another year or school'),
    (load_check.ABOVE_MAXIMUM, 'Above the weekly maximum'),
]


def _h(value):
    """Hours for a message: 3, 4.5, 10 (no trailing zeros)."""
    return format(Decimal(value).normalize(), 'f')


class KzEduSubject(models.Model):
    _name = 'kz.edu.subject'
    _description = 'School subject'
    _order = 'sequence, name'

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    default_groups = fields.Integer(default=1, help='Groups a class of 24 or more pupils is split into for this '
                                                    'subject (foreign language, Kazakh in classes not taught in '
                                                    'Kazakh, informatics, art work: 2).')
    notebook_checking = fields.Boolean(help='Teachers of this subject are paid for checking notebooks.')
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_uniq', 'unique(code)', 'The subject code must be unique.')]

    @api.constrains('default_groups')
    def _check_default_groups(self):
        for subject in self:
            if subject.default_groups < 1:
                raise ValidationError(_('Subject %s: a class is split into at least one group.') % subject.name)


class KzEduCurriculum(models.Model):
    _name = 'kz.edu.curriculum'
    _description = 'Working curriculum'
    _inherit = ['mail.thread']
    _order = 'academic_year_id desc, id desc'

    name = fields.Char(required=True)
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True, index=True)
    state = fields.Selection([('draft', 'Draft'), ('approved', 'Approved')], default='draft', required=True,
                             track_visibility='onchange', copy=False)
    line_ids = fields.One2many('kz.edu.curriculum.line', 'curriculum_id', string='Hours per subject and grade',
                               copy=True)
    source = fields.Char(help='The typical curriculum (order of the Ministry and its edition) this plan follows.')
    approved_by_id = fields.Many2one('res.users', string='Approved by', readonly=True, copy=False)
    approved_date = fields.Date(string='Approved on', readonly=True, copy=False)
    line_count = fields.Integer(compute='_compute_line_count')
    load_hours = fields.Float(string='Load hours a week', compute='_compute_load_hours', digits=(8, 1),
                              help='Weekly hours of the teaching load of this organisation and year.')

    def _compute_line_count(self):
        groups = self.env['kz.edu.curriculum.line'].read_group(
            [('curriculum_id', 'in', self.ids)], ['curriculum_id'], ['curriculum_id'])
        counts = {g['curriculum_id'][0]: g['curriculum_id_count'] for g in groups}
        for curriculum in self:
            curriculum.line_count = counts.get(curriculum.id, 0)

    def _compute_load_hours(self):
        Load = self.env['kz.edu.teaching.load']
        for curriculum in self:
            groups = Load.read_group([('company_id', '=', curriculum.company_id.id),
                                      ('academic_year_id', '=', curriculum.academic_year_id.id)], ['hours'], [])
            curriculum.load_hours = (groups[0]['hours'] or 0.0) if groups else 0.0

    @api.constrains('state', 'company_id', 'academic_year_id')
    def _check_one_approved(self):
        for curriculum in self.filtered(lambda c: c.state == 'approved'):
            other = self.search([('id', '!=', curriculum.id), ('state', '=', 'approved'),
                                 ('company_id', '=', curriculum.company_id.id),
                                 ('academic_year_id', '=', curriculum.academic_year_id.id)], limit=1)
            if other:
                raise ValidationError(_('%s already has an approved curriculum for %s: %s.') % (
                    curriculum.company_id.name, curriculum.academic_year_id.name, other.name))

    @api.multi
    def write(self, vals):
        # an approved curriculum is read-only: only its state (back to draft) and the chatter may change
        if set(vals) - {'state', 'message_follower_ids', 'message_ids', 'approved_by_id', 'approved_date'} \
                and any(c.state == 'approved' for c in self) and vals.get('state') != 'draft':
            raise UserError(_('An approved curriculum cannot be changed; set it back to draft first.'))
        return super(KzEduCurriculum, self).write(vals)

    @api.multi
    def unlink(self):
        if any(c.state == 'approved' for c in self):
            raise UserError(_('An approved curriculum cannot be deleted; set it back to draft first.'))
        return super(KzEduCurriculum, self).unlink()

    # ------------------------------------------------------------------------------------------ actions
    def _check_approver(self):
        user = self.env.user
        if not (user.has_group('kz_edu_base.group_director') or user.has_group('kz_edu_base.group_deputy_director')):
            raise UserError(_('Only the director or a deputy director approves the curriculum.'))

    @api.multi
    def action_approve(self):
        self._check_approver()
        for curriculum in self:
            if not curriculum.line_ids:
                raise UserError(_('The curriculum %s has no lines to approve.') % curriculum.name)
            curriculum._rules_lines()       # refuses ambiguous lines
        self.write({'state': 'approved', 'approved_by_id': self.env.uid,
                    'approved_date': fields.Date.context_today(self)})
        return True

    @api.multi
    def action_draft(self):
        self._check_approver()
        self.write({'state': 'draft', 'approved_by_id': False, 'approved_date': False})
        return True

    @api.multi
    def action_check_load(self):
        """The problems of this organisation's teaching load against this curriculum, as a list (the whole
        school's load: for the deputy director, the director, the methodist and the HR officer)."""
        self.ensure_one()
        user = self.env.user
        if not any(user.has_group(g) for g in ('kz_edu_base.group_deputy_director', 'kz_edu_base.group_methodist',
                                               'kz_edu_base.group_hr_officer')):
            raise UserError(_('The load check of the whole school is for the director, the deputy directors, '
                              'the methodist and the HR officer.'))
        problems = self._load_problems()
        Problem = self.env['kz.edu.load.problem']
        Problem.search([('curriculum_id', '=', self.id), ('create_uid', '=', self.env.uid)]).unlink()
        records = Problem
        for n, values in enumerate(problems, start=1):
            records |= Problem.create(dict(values, sequence=n, curriculum_id=self.id))
        if not records:
            return {
                'name': _('Teaching load check: no problems'), 'type': 'ir.actions.act_window',
                'res_model': 'kz.edu.load.problem', 'view_mode': 'tree', 'target': 'current',
                'domain': [('id', 'in', [])], 'context': {'create': False},
                'help': _('<p>The teaching load covers every class, subject and group of the curriculum once, '
                          'and no teacher is above the weekly maximum.</p>'),
            }
        return {
            'name': _('Teaching load check: %d problem(s)') % len(records), 'type': 'ir.actions.act_window',
            'res_model': 'kz.edu.load.problem', 'view_mode': 'tree', 'target': 'current',
            'domain': [('id', 'in', records.ids)], 'context': {'create': False, 'group_by': ['kind']},
        }

    # ------------------------------------------------------------------------------------------ business
    @api.model
    def for_year(self, company, academic_year):
        """The curriculum the load of ``company`` in ``academic_year`` is checked against: the approved one, else
        the latest draft; an empty recordset when there is none."""
        domain = [('company_id', '=', company.id), ('academic_year_id', '=', academic_year.id)]
        return (self.search(domain + [('state', '=', 'approved')], limit=1)
                or self.search(domain, order='id desc', limit=1))

    def _rules_lines(self):
        """The lines as load_check expects them (subject key: the subject id)."""
        self.ensure_one()
        lines = [{'grade': l.grade_id.sequence, 'subject': l.subject_id.id, 'hours': repr(l.hours),
                  'groups': l.groups, 'lang': l.instruction_lang or None, 'subject_name': l.subject_id.name}
                 for l in self.line_ids]
        try:
            load_check.check_load(lines, [], [])
        except load_check.LoadError as exc:
            raise UserError(_('The curriculum %s cannot be used: %s') % (self.name, translate(self.env, exc)))
        return lines

    @api.multi
    def check_problems(self, on_date=None):
        """The problems of the load (dicts of load_check, keys: ids) for this curriculum's organisation and year."""
        self.ensure_one()
        # the whole school's load, whoever asks (a teacher reads only their own rows)
        Load = self.env['kz.edu.teaching.load'].sudo()
        year = self.academic_year_id
        classes = self.env['kz.edu.class'].sudo().search([('company_id', '=', self.company_id.id),
                                                          ('academic_year_id', '=', year.id), ('kind', '=', 'class')])
        rows = Load.search([('company_id', '=', self.company_id.id), ('academic_year_id', '=', year.id)])
        maximum = Load._max_weekly_hours(on_date or year.date_start)
        return load_check.check_load(
            self._rules_lines(), Load._rules_classes(classes), rows._rules_rows(), max_hours=maximum, on_date=on_date,
            period=None if on_date else (year.date_start, year.date_end))

    def _load_problems(self):
        """check_problems() as values of kz.edu.load.problem with a translated message."""
        Class, Subject, Employee = self.env['kz.edu.class'], self.env['kz.edu.subject'], self.env['hr.employee']
        out = []
        for p in self.check_problems():
            cls = Class.browse(p['class_id']) if p['class_id'] else Class
            subject = Subject.browse(p['subject']) if p['subject'] else Subject
            teachers = Employee.browse(p['teachers'])
            out.append({
                'kind': p['kind'], 'class_id': cls.exists().id, 'subject_id': subject.id,
                'group_no': p['group_no'] or 0, 'employee_ids': [(6, 0, teachers.ids)],
                'hours_required': float(p['hours_required'] or 0), 'hours_covered': float(p['hours_covered'] or 0),
                'date': p['date'] and fields.Date.to_string(p['date']),
                'load_ids': [(6, 0, [i for i in p['row_ids'] if isinstance(i, int)])],
                'message': self.env['kz.edu.teaching.load']._problem_message(p, cls, subject, teachers),
            })
        return out


class KzEduCurriculumLine(models.Model):
    _name = 'kz.edu.curriculum.line'
    _description = 'Curriculum: weekly hours of a subject in a grade'
    _order = 'grade_sequence, sequence, id'

    curriculum_id = fields.Many2one('kz.edu.curriculum', required=True, ondelete='cascade', index=True)
    company_id = fields.Many2one('res.company', related='curriculum_id.company_id', store=True, readonly=True)
    state = fields.Selection(related='curriculum_id.state', readonly=True)
    grade_id = fields.Many2one('kz.edu.grade', string='Grade', required=True, ondelete='restrict')
    grade_sequence = fields.Integer(related='grade_id.sequence', store=True)
    subject_id = fields.Many2one('kz.edu.subject', string='Subject', required=True, ondelete='restrict')
    sequence = fields.Integer(related='subject_id.sequence', store=True)
    instruction_lang = fields.Selection(INSTRUCTION_LANGS, string='Language of instruction',
                                        help='Empty: every class of the grade. Kazakh- and Russian-medium classes '
                                             'have different language subjects (e.g. Kazakh language and literature '
                                             'in Russian-medium classes only).')
    hours = fields.Float(string='Hours a week', digits=(6, 1), required=True)
    groups = fields.Integer(string='Groups', default=1, required=True,
                            help='Each class of the grade is split into this many groups for the subject; '
                                 'every group needs the hours.')
    total_hours = fields.Float(string='Hours a week per class', compute='_compute_total_hours', digits=(6, 1),
                               help='Hours × groups: the teaching hours one class of the grade needs.')

    _sql_constraints = [
        ('hours_positive', 'CHECK (hours > 0)', 'The weekly hours of a curriculum line must be positive.'),
        ('groups_positive', 'CHECK (groups >= 1)', 'A class is split into at least one group.'),
    ]

    @api.depends('hours', 'groups')
    def _compute_total_hours(self):
        for line in self:
            line.total_hours = line.hours * line.groups

    @api.onchange('subject_id')
    def _onchange_subject_id(self):
        if self.subject_id:
            self.groups = self.subject_id.default_groups or 1

    @api.constrains('curriculum_id', 'grade_id', 'subject_id', 'instruction_lang')
    def _check_unique_line(self):
        for line in self:
            domain = [('id', '!=', line.id), ('curriculum_id', '=', line.curriculum_id.id),
                      ('grade_id', '=', line.grade_id.id), ('subject_id', '=', line.subject_id.id)]
            if line.instruction_lang:
                domain += ['|', ('instruction_lang', '=', False), ('instruction_lang', '=', line.instruction_lang)]
            if self.search_count(domain):
                raise ValidationError(_('%s, %s: the subject already has a line for this grade (and language).')
                                      % (line.grade_id.name, line.subject_id.name))

    def _check_draft(self):
        if any(line.curriculum_id.state == 'approved' for line in self):
            raise UserError(_('An approved curriculum cannot be changed; set it back to draft first.'))

    @api.model
    def create(self, vals):
        line = super(KzEduCurriculumLine, self).create(vals)
        line._check_draft()
        return line

    @api.multi
    def write(self, vals):
        self._check_draft()
        result = super(KzEduCurriculumLine, self).write(vals)
        self._check_draft()
        return result

    @api.multi
    def unlink(self):
        self._check_draft()
        return super(KzEduCurriculumLine, self).unlink()


class KzEduTeachingLoad(models.Model):
    """Who teaches which subject in which class (group) for how many weekly hours, from when."""
    _name = 'kz.edu.teaching.load'
    _description = 'Teaching load'
    _order = 'employee_id, class_id, subject_id'

    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True, index=True,
                                       default=lambda self: self._default_academic_year_id())
    employee_id = fields.Many2one('hr.employee', string='Teacher', required=True, index=True, ondelete='restrict')
    class_id = fields.Many2one('kz.edu.class', string='Class', required=True, index=True, ondelete='restrict')
    grade_id = fields.Many2one('kz.edu.grade', related='class_id.grade_id', store=True, readonly=True)
    subject_id = fields.Many2one('kz.edu.subject', string='Subject', required=True, ondelete='restrict')
    group_no = fields.Integer(string='Group', default=1, required=True)
    hours = fields.Float(string='Hours a week', digits=(6, 1), required=True)
    date_from = fields.Date(string='From', help='Empty: from the start of the academic year.')
    date_to = fields.Date(string='Until', help='Empty: until the end of the academic year.')
    grade_band = fields.Selection([('1-4', 'Grades 1-4'), ('5-9', 'Grades 5-9'), ('10-11', 'Grades 10-11'),
                                   ('other', 'Other grades')], string='Grade band', compute='_compute_grade_band',
                                  store=True, help='The band of the tariffication list the hours count in.')

    _sql_constraints = [
        ('hours_positive', 'CHECK (hours > 0)', 'The weekly hours of a load row must be positive.'),
        ('group_positive', 'CHECK (group_no >= 1)', 'The group number starts at 1.'),
        ('dates_ordered', 'CHECK (date_to IS NULL OR date_from IS NULL OR date_to >= date_from)',
         'A load row cannot end before it starts.'),
    ]

    @api.model
    def _default_academic_year_id(self):
        return self.env['kz.edu.academic.year'].for_date(fields.Date.context_today(self))

    @api.depends('class_id.grade_id.sequence')
    def _compute_grade_band(self):
        for row in self:
            row.grade_band = self._band(row.class_id.grade_id.sequence) if row.class_id.grade_id else False

    @api.model
    def _band(self, grade):
        """'1-4', '5-9', '10-11' (tariff.grade_band) or 'other' (pre-school class, grade 12)."""
        try:
            return tariff.grade_band(grade)
        except tariff.TariffError:
            return 'other'

    @api.multi
    def name_get(self):
        return [(r.id, '%s: %s, %s' % (r.employee_id.name, r.class_id.name, r.subject_id.name)) for r in self]

    @api.onchange('class_id')
    def _onchange_class_id(self):
        if self.class_id:
            self.academic_year_id = self.class_id.academic_year_id
            self.company_id = self.class_id.company_id

    # ------------------------------------------------------------------------------------------ constraints
    @api.constrains('class_id', 'company_id', 'academic_year_id', 'employee_id', 'date_from', 'date_to')
    def _check_class_and_dates(self):
        for row in self:
            if row.class_id.company_id != row.company_id or row.class_id.academic_year_id != row.academic_year_id:
                raise ValidationError(_('%s is not a class of %s in %s.') % (
                    row.class_id.name, row.company_id.name, row.academic_year_id.name))
            if row.employee_id.company_id and row.employee_id.company_id != row.company_id:
                raise ValidationError(_('%s does not work at %s.') % (row.employee_id.name, row.company_id.name))
            year = row.academic_year_id
            for day in (row.date_from, row.date_to):
                if day and not (year.date_start <= day <= year.date_end):
                    raise ValidationError(_('%s, %s: the dates must lie inside the academic year %s.') % (
                        row.class_id.name, row.subject_id.name, year.name))

    @api.constrains('hours', 'class_id', 'subject_id', 'group_no', 'employee_id', 'date_from', 'date_to')
    def _check_cover_and_maximum(self):
        """Refuse a row that over-covers its class-subject-group or takes its teacher above the weekly maximum.
        Only the rows of the same classes and teachers are read (targeted domain, not the whole table)."""
        for (company, year), rows in self._group_by_year().items():
            curriculum = self.env['kz.edu.curriculum'].sudo().for_year(company, year)
            # every row of the same classes and teachers, whoever writes (record rules would hide some)
            siblings = self.sudo().search([
                ('company_id', '=', company.id), ('academic_year_id', '=', year.id),
                '|', ('class_id', 'in', rows.mapped('class_id').ids),
                ('employee_id', 'in', rows.mapped('employee_id').ids),
            ]) | rows.sudo()
            cells = {(r.class_id.id, r.subject_id.id, r.group_no) for r in rows}
            teachers = set(rows.mapped('employee_id').ids)
            same_cells = siblings.filtered(lambda r: (r.class_id.id, r.subject_id.id, r.group_no) in cells)
            same_teachers = siblings.filtered(lambda r: r.employee_id.id in teachers)
            period = (year.date_start, year.date_end)
            problems = []
            if curriculum:
                lines = [l for l in curriculum._rules_lines()
                         if l['grade'] in set(rows.mapped('class_id.grade_id.sequence'))]
                problems += [p for p in load_check.check_load(
                    lines, self._rules_classes(same_cells.mapped('class_id')), same_cells._rules_rows(),
                    period=period, check_coverage=False) if p['kind'] == load_check.OVER]
            maximum = self._max_weekly_hours(year.date_start)
            problems += [p for p in load_check.check_load(
                [], self._rules_classes(same_teachers.mapped('class_id')), same_teachers._rules_rows(),
                max_hours=maximum, period=period, check_coverage=False) if p['kind'] == load_check.ABOVE_MAXIMUM]
            if problems:
                p = problems[0]
                row = self.browse()
                if p['kind'] == load_check.ABOVE_MAXIMUM:
                    row = rows.filtered(lambda r: r.employee_id.id == p['teacher'])[:1]
                    cls, subject = row.class_id, row.subject_id
                else:
                    cls = self.env['kz.edu.class'].browse(p['class_id'])
                    subject = self.env['kz.edu.subject'].browse(p['subject'])
                raise ValidationError(self._problem_message(p, cls, subject,
                                                            self.env['hr.employee'].browse(p['teachers']), row))

    def _group_by_year(self):
        out = {}
        for row in self:
            key = (row.company_id, row.academic_year_id)
            out[key] = out.get(key, self.browse()) | row
        return out

    # ------------------------------------------------------------------------------------------ rules glue
    @api.model
    def _max_weekly_hours(self, on_date):
        """MAX_WEEKLY_HOURS on a date from the parameters in the database (an UNCONFIRMED placeholder of 24 h)."""
        try:
            return tariff.parameter('MAX_WEEKLY_HOURS', on_date,
                                    self.env['kz.edu.parameter'].sudo().rows_for(TARIFF_DOMAINS))
        except tariff.TariffError as exc:
            raise ValidationError(_('The weekly maximum of a teacher is not set: %s. Add the parameter '
                                    'MAX_WEEKLY_HOURS under Tariffication, Configuration.') % translate(self.env, exc))

    @api.model
    def _rules_classes(self, classes):
        return [{'id': c.id, 'grade': c.grade_id.sequence or 0, 'lang': c.instruction_lang or None, 'name': c.name}
                for c in classes]

    def _rules_rows(self):
        return [{'id': r.id, 'teacher': r.employee_id.id, 'class_id': r.class_id.id, 'subject': r.subject_id.id,
                 'group_no': r.group_no, 'hours': repr(r.hours), 'date_from': r.date_from or None,
                 'date_to': r.date_to or None, 'teacher_name': r.employee_id.name,
                 'subject_name': r.subject_id.name} for r in self]

    @api.model
    def _problem_message(self, p, cls, subject, teachers, row=None):
        """A translated sentence for a load_check problem (class, subject, group, teachers and hours named);
        ``row``: the load row being saved that takes its teacher above the maximum."""
        values = {
            'class': cls.name or '', 'subject': subject.name or '',
            'group': (_(', group %d') % p['group_no']) if p['group_no'] and p['group_no'] > 1
            or (p['kind'] == load_check.UNKNOWN_GROUP) else '',
            'teachers': ', '.join(teachers.mapped('name')),
            'required': _h(p['hours_required'] or 0), 'covered': _h(p['hours_covered'] or 0),
            'missing': _h((p['hours_required'] or 0) - (p['hours_covered'] or 0)),
            'extra': _h((p['hours_covered'] or 0) - (p['hours_required'] or 0)),
            'count': len(p['teachers']),
            'hours': _h(repr(row.hours)) if row else '',
        }
        kind = p['kind']
        if kind == load_check.UNCOVERED:
            return _('%(class)s, %(subject)s%(group)s: nobody teaches its %(required)s h a week.') % values
        if kind == load_check.PARTLY:
            return _('%(class)s, %(subject)s%(group)s: %(covered)s h of %(required)s taught, '
                     '%(missing)s h a week uncovered.') % values
        if kind == load_check.OVER:
            return _('%(class)s, %(subject)s%(group)s: %(covered)s h a week would be taught, the curriculum gives '
                     '%(required)s h (%(extra)s h too many).') % values
        if kind == load_check.DOUBLE:
            return _('%(class)s, %(subject)s%(group)s: taught by %(count)d teachers at once (%(teachers)s).') % values
        if kind == load_check.NOT_IN_CURRICULUM:
            return _('%(class)s: the curriculum has no %(subject)s for this grade (%(covered)s h taught by '
                     '%(teachers)s).') % values
        if kind == load_check.UNKNOWN_GROUP:
            return _('%(class)s, %(subject)s%(group)s: the curriculum does not split the class into this many '
                     'groups (%(teachers)s).') % values
        if kind == load_check.UNKNOWN_CLASS:
            return _('%(teachers)s: the load row names a class of another school or year.') % values
        if row:
            return _('%(teachers)s would teach %(covered)s h a week with %(class)s, %(subject)s (%(hours)s h): '
                     'above the maximum of %(required)s h.') % values
        return _('%(teachers)s: %(covered)s h a week, above the maximum of %(required)s h.') % values

    @api.multi
    def action_check_load(self):
        """"Check load" from the load list: the check of the curriculum of the selected rows' year (the current
        year of the user's organisation when nothing is selected)."""
        if self:
            company, year = self[0].company_id, self[0].academic_year_id
        else:
            company = self.env.user.company_id
            year = self.env['kz.edu.academic.year'].for_date(fields.Date.context_today(self))
        curriculum = self.env['kz.edu.curriculum'].for_year(company, year) if year else None
        if not curriculum:
            raise UserError(_('%s has no curriculum for the academic year %s: create it first.') % (
                company.name, year.name or fields.Date.context_today(self)))
        return curriculum.action_check_load()

    # ------------------------------------------------------------------------------------------ summary
    @api.model
    def kz_load_summary(self, company, academic_year, on_date=None):
        """The weekly load of each teacher of ``company`` in ``academic_year`` (rows in force on ``on_date``; all
        rows when None): {employee_id: {'hours': Decimal, 'bands': {'1-4', '5-9', '10-11': Decimal},
        'subjects': [names], 'classes': [names]}} — the load the tariffication list takes. One query for the rows
        (hours as exact numerics), one read of the subject names in the user's language."""
        company_id = company.id if hasattr(company, 'id') else company
        year_id = academic_year.id if hasattr(academic_year, 'id') else academic_year
        query = """
            SELECT l.id, l.employee_id, l.class_id, l.subject_id, l.group_no, ROUND(l.hours::numeric, 2),
                   l.date_from, l.date_to, c.name, g.sequence
              FROM kz_edu_teaching_load l
              JOIN kz_edu_class c ON c.id = l.class_id
              LEFT JOIN kz_edu_grade g ON g.id = c.grade_id
             WHERE l.company_id = %s AND l.academic_year_id = %s"""
        params = [company_id, year_id]
        if on_date:
            query += ' AND (l.date_from IS NULL OR l.date_from <= %s) AND (l.date_to IS NULL OR l.date_to >= %s)'
            params += [on_date, on_date]
        # rows the user may see only (record rules): a teacher asking gets their own load
        allowed = set(self.search([('company_id', '=', company_id), ('academic_year_id', '=', year_id)]).ids)
        self.env.cr.execute(query + ' ORDER BY g.sequence, c.name, l.id', params)
        fetched = [r for r in self.env.cr.fetchall() if r[0] in allowed]
        subjects = {s.id: s.name for s in self.env['kz.edu.subject'].with_context(active_test=False).browse(
            list({r[3] for r in fetched}))}
        classes = {r[2]: {'id': r[2], 'grade': r[9] or 0, 'name': r[8]} for r in fetched}
        rows = [{'id': r[0], 'teacher': r[1], 'class_id': r[2], 'subject': r[3], 'group_no': r[4], 'hours': r[5],
                 'date_from': r[6], 'date_to': r[7], 'subject_name': subjects.get(r[3], '')} for r in fetched]
        summary = load_check.summarize_load(rows, list(classes.values()))
        tenth = Decimal('0.1')
        return {employee_id: dict(entry, hours=entry['hours'].quantize(tenth),
                                  bands={band: hours.quantize(tenth) for band, hours in entry['bands'].items()})
                for employee_id, entry in summary.items()}


class KzEduLoadProblem(models.TransientModel):
    """One problem of the teaching load, listed by the curriculum's "Check load" button."""
    _name = 'kz.edu.load.problem'
    _description = 'Teaching load problem'
    _order = 'sequence, id'

    sequence = fields.Integer()
    curriculum_id = fields.Many2one('kz.edu.curriculum', ondelete='cascade')
    kind = fields.Selection(PROBLEM_KINDS, required=True)
    class_id = fields.Many2one('kz.edu.class', string='Class')
    subject_id = fields.Many2one('kz.edu.subject', string='Subject')
    group_no = fields.Integer(string='Group')
    employee_ids = fields.Many2many('hr.employee', string='Teachers')
    hours_required = fields.Float(string='Hours (curriculum)', digits=(6, 1))
    hours_covered = fields.Float(string='Hours (load)', digits=(6, 1))
    date = fields.Date(string='From', help='The first day the problem holds.')
    load_ids = fields.Many2many('kz.edu.teaching.load', string='Load rows')
    message = fields.Char(required=True)
