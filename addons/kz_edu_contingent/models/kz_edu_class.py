from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kz_edu_base.models.res_company import INSTRUCTION_LANGS


class KzEduClass(models.Model):
    """A class of a school (school x year x grade x letter x language x shift, LMS-03) or a TVET group
    (specialty x course, TVET-04) on the same model."""
    _name = 'kz.edu.class'
    _description = 'Class or group'
    # the academic year's own order (newest first): «academic_year_id desc» would reverse it (Odoo inverts the
    # related model's order), which listed last year's classes first
    _order = 'academic_year_id, grade_sequence, letter, id'

    name = fields.Char(compute='_compute_name', store=True)
    kind = fields.Selection([('class', 'School class'), ('group', 'TVET group')], required=True, default='class')
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True, index=True,
                                       ondelete='restrict')
    grade_id = fields.Many2one('kz.edu.grade', string='Grade', ondelete='restrict')
    grade_sequence = fields.Integer(related='grade_id.sequence', store=True)
    letter = fields.Char(help='Parallel letter: А, Б, В ... (Ә, Ғ, Қ in Kazakh-language schools)')
    specialty_id = fields.Many2one('kz.edu.specialty', string='Specialty', ondelete='restrict')
    course = fields.Integer(help='Year of study of a TVET group (1-4).')
    group_code = fields.Char(string='Group code', help='e.g. ПО-21 for a TVET group')
    instruction_lang = fields.Selection(INSTRUCTION_LANGS, string='Language of instruction', required=True,
                                        default='kk')
    shift = fields.Selection([('1', 'First shift'), ('2', 'Second shift'), ('3', 'Third shift')], default='1',
                             required=True)
    class_teacher_id = fields.Many2one('hr.employee', string='Class teacher', ondelete='restrict')
    class_teacher_user_id = fields.Many2one('res.users', related='class_teacher_id.user_id', store=True,
                                            readonly=True)
    room = fields.Char()
    capacity = fields.Integer(default=25, help='Planned number of places.')
    student_ids = fields.One2many('kz.edu.student', 'class_id', string='Students')
    student_count = fields.Integer(compute='_compute_student_count')
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('class_unique', 'unique(company_id, academic_year_id, grade_id, letter, kind)',
         'This class already exists in this school and academic year.'),
    ]

    @api.depends('kind', 'grade_id.sequence', 'letter', 'group_code', 'course', 'specialty_id.code')
    def _compute_name(self):
        for c in self:
            if c.kind == 'group':
                c.name = c.group_code or '%s-%s' % (c.specialty_id.code or '?', c.course or '?')
            else:
                c.name = '%s «%s»' % (c.grade_id.sequence if c.grade_id else '?', c.letter or '')

    @api.multi
    def name_get(self):
        return [(c.id, '%s (%s)' % (c.name, c.academic_year_id.name)) for c in self]

    def _compute_student_count(self):
        # a class size is no personal data: counted for whoever reads the class (HR, a teacher of another class)
        groups = self.env['kz.edu.student'].sudo().read_group(
            [('class_id', 'in', self.ids), ('state', '=', 'enrolled')], ['class_id'], ['class_id'])
        counts = {g['class_id'][0]: g['class_id_count'] for g in groups}
        for c in self:
            c.student_count = counts.get(c.id, 0)

    @api.constrains('kind', 'grade_id', 'letter', 'specialty_id', 'course')
    def _check_kind_fields(self):
        for c in self:
            if c.kind == 'class' and (not c.grade_id or not c.letter):
                raise ValidationError(_('A school class needs a grade and a letter.'))
            if c.kind == 'group' and (not c.specialty_id or not c.course):
                raise ValidationError(_('A TVET group needs a specialty and a course.'))

    @api.multi
    def action_open_students(self):
        self.ensure_one()
        action = self.env.ref('kz_edu_contingent.kz_edu_student_action').read()[0]
        action['domain'] = [('class_id', '=', self.id)]
        action['context'] = {'default_class_id': self.id, 'default_company_id': self.company_id.id}
        return action
