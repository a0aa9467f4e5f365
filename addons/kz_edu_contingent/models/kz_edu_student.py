from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kz_edu_base.internal import internal_context, is_internal

STUDENT_STATES = [
    ('applicant', 'Applicant'),
    ('enrolled', 'Enrolled'),
    ('left', 'Left'),
    ('graduated', 'Graduated'),
]


#: What only a movement order changes (admission, transfer, promotion, departure, graduation): the order and its lines
#: are the legal trace (issue #12.9). The form shows them read-only; a write from elsewhere is refused.
MOVEMENT_FIELDS = frozenset(['state', 'class_id', 'academic_year_id', 'grade_id', 'instruction_lang', 'admission_date',
                             'leave_date', 'leave_reason_id', 'destination', 'enrollment_ids', 'company_id',
                             'student_number'])

SOCIAL_GROUPS = 'kz_edu_base.group_class_teacher,kz_edu_base.group_district'
CARD_GROUPS = 'kz_edu_base.group_teacher,kz_edu_base.group_district,kz_edu_base.group_parent'


def _with_student_company(env, vals):
    """company_id of a student's sub-record is set at creation, before the record rules are checked."""
    if vals.get('student_id'):
        vals = dict(vals, company_id=env['kz.edu.student'].browse(vals['student_id']).company_id.id)
    return vals


class KzEduStudent(models.Model):
    """A student of an education organisation (ACC-14, LMS-04). The person (name, IIN, photo, address,
    contacts) is a res.partner; the student record adds the school, class, movement and entitlements.
    Nothing is deleted: a student who leaves keeps the record and its class history."""
    _name = 'kz.edu.student'
    _description = 'Student'
    _inherits = {'res.partner': 'partner_id'}
    _inherit = ['mail.thread']
    _order = 'name'

    partner_id = fields.Many2one('res.partner', string='Person', required=True, ondelete='restrict',
                                 auto_join=True, index=True)
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id, track_visibility='onchange')
    student_number = fields.Char(string='Student number', copy=False, index=True, readonly=True,
                                 help='Number in the alphabetical book of the school; printed on the ID card.')
    state = fields.Selection(STUDENT_STATES, default='applicant', required=True, index=True, readonly=True,
                             track_visibility='onchange')
    class_id = fields.Many2one('kz.edu.class', string='Class', index=True, readonly=True, ondelete='restrict',
                               track_visibility='onchange',
                               help='Current class: changed only by movement orders (admission, transfer, promotion).')
    academic_year_id = fields.Many2one(related='class_id.academic_year_id', store=True, readonly=True)
    grade_id = fields.Many2one(related='class_id.grade_id', store=True, readonly=True)
    instruction_lang = fields.Selection(related='class_id.instruction_lang', store=True, readonly=True)
    admission_date = fields.Date(readonly=True)
    leave_date = fields.Date(readonly=True)
    leave_reason_id = fields.Many2one('kz.edu.movement.reason', readonly=True)
    destination = fields.Char(readonly=True, help='Where the student went (school, city, country).')
    enrollment_ids = fields.One2many('kz.edu.enrollment', 'student_id', string='Class history', readonly=True,
                                     groups='kz_edu_base.group_teacher,kz_edu_base.group_district')
    guardian_ids = fields.One2many('kz.edu.guardian', 'student_id', string='Parents and legal representatives',
                                   groups='kz_edu_base.group_class_teacher,kz_edu_base.group_district,'
                                          'kz_edu_base.group_parent')
    # special personal data (issue #12.6): shown to whom the social-category rules let read them; a teacher without
    # a class or the cashier has no such field on the list or the form
    social_ids = fields.One2many('kz.edu.student.social', 'student_id', string='Social categories',
                                 groups=SOCIAL_GROUPS)
    social_category_ids = fields.Many2many('kz.edu.social.category', compute='_compute_social_today',
                                           string='Social categories today', groups=SOCIAL_GROUPS)
    allergen_ids = fields.Many2many('kz.edu.allergen', string='Allergies')
    health_note = fields.Text(string='Health notes', groups='kz_edu_base.group_class_teacher,kz_edu_base.group_district', help='Only what matters to the school: diet, allergies, first aid.')
    card_ids = fields.One2many('kz.edu.card', 'student_id', string='ID cards', groups=CARD_GROUPS)
    active_card_id = fields.Many2one('kz.edu.card', compute='_compute_active_card', string='Active card',
                                     groups=CARD_GROUPS)

    _sql_constraints = [
        ('partner_unique', 'unique(partner_id)', 'This person is already a student.'),
        ('number_unique', 'unique(company_id, student_number)', 'The student number must be unique in a school.'),
    ]

    @api.depends('social_ids.date_from', 'social_ids.date_to')
    def _compute_social_today(self):
        today = fields.Date.context_today(self)
        for s in self:
            s.social_category_ids = s.social_ids.filtered(
                lambda l: l.date_from <= today and (not l.date_to or l.date_to >= today)).mapped('category_id')

    def _compute_active_card(self):
        cards = self.env['kz.edu.card'].search([('student_id', 'in', self.ids), ('state', '=', 'active')])
        by_student = {c.student_id.id: c for c in cards}
        for s in self:
            s.active_card_id = by_student.get(s.id, False)

    @api.model
    def create(self, vals):
        if not is_internal(self.env.context, 'kz_lock_internal') and (
                vals.get('state', 'applicant') != 'applicant' or vals.get('class_id') or vals.get('enrollment_ids')):
            raise UserError(_('A new student is an applicant: the admission order puts them into a class.'))
        if vals.get('company_id') and not vals.get('partner_id'):
            vals.setdefault('customer', False)
        student = super(KzEduStudent, self.with_context(mail_create_nolog=True)).create(vals)
        if not student.student_number:
            student.with_context(**internal_context(kz_lock_internal=True)).write({
                'student_number': self.env['ir.sequence'].with_context(
                    force_company=student.company_id.id).next_by_code('kz.edu.student') or '/'})
        if student.partner_id.company_id != student.company_id:
            student.partner_id.company_id = student.company_id
        return student

    @api.multi
    def write(self, vals):
        moved = MOVEMENT_FIELDS & set(vals)
        if moved and not is_internal(self.env.context, 'kz_lock_internal'):
            if moved != {'company_id'} or self.filtered(lambda s: s.state != 'applicant'):
                raise UserError(_('The class, status and dates of a student change only by a movement order '
                                  '(admission, transfer, promotion, departure): issue an order.'))
        return super(KzEduStudent, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda s: s.state != 'applicant' or s.enrollment_ids):
            raise UserError(_('A student with a class history is never deleted: record a departure order instead.'))
        return super(KzEduStudent, self).unlink()

    @api.multi
    def social_categories_on(self, date):
        """{student_id: categories} in force on `date` (used by the canteen for entitlements)."""
        lines = self.env['kz.edu.student.social'].search([
            ('student_id', 'in', self.ids), ('date_from', '<=', date), '|', ('date_to', '=', False),
            ('date_to', '>=', date)])
        res = {s.id: self.env['kz.edu.social.category'] for s in self}
        for line in lines:
            res[line.student_id.id] |= line.category_id
        return res


class KzEduGuardian(models.Model):
    """A parent or legal representative of a student, with the contacts and how they want to be notified."""
    _name = 'kz.edu.guardian'
    _description = 'Parent or legal representative'
    _order = 'student_id, sequence, id'

    student_id = fields.Many2one('kz.edu.student', required=True, ondelete='cascade', index=True)
    partner_id = fields.Many2one('res.partner', string='Person', required=True, ondelete='restrict', index=True)
    relation = fields.Selection([('mother', 'Mother'), ('father', 'Father'), ('guardian', 'Guardian'),
                                 ('trustee', 'Trustee'), ('foster', 'Foster parent'), ('other', 'Other relative')],
                                required=True, default='mother')
    is_legal_representative = fields.Boolean(string='Legal representative', default=True)
    phone = fields.Char(related='partner_id.phone', readonly=False)
    mobile = fields.Char(related='partner_id.mobile', readonly=False)
    email = fields.Char(related='partner_id.email', readonly=False)
    notify_by = fields.Selection([('mail', 'E-mail'), ('sms', 'SMS'), ('none', 'No notifications')],
                                 string='Notify by', default='mail', required=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one('res.company', readonly=True, index=True)

    _sql_constraints = [('guardian_unique', 'unique(student_id, partner_id)',
                         'This person is already a parent or representative of this student.')]

    @api.model
    def create(self, vals):
        return super(KzEduGuardian, self).create(_with_student_company(self.env, vals))

    @api.constrains('student_id', 'partner_id')
    def _check_not_self(self):
        for g in self.sudo():
            if g.partner_id == g.student_id.partner_id:
                raise ValidationError(_('A student cannot be their own parent or representative.'))


class KzEduStudentSocial(models.Model):
    """A social category of a student for a period, with its supporting document."""
    _name = 'kz.edu.student.social'
    _description = 'Student social category'
    _order = 'date_from desc'

    student_id = fields.Many2one('kz.edu.student', required=True, ondelete='cascade', index=True)
    category_id = fields.Many2one('kz.edu.social.category', string='Category', required=True, ondelete='restrict')
    date_from = fields.Date(string='Valid from', required=True)
    date_to = fields.Date(string='Valid to')
    document_ref = fields.Char(string='Document', help='Number and date of the supporting document.')
    document = fields.Binary(string='Scan', attachment=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)

    @api.model
    def create(self, vals):
        return super(KzEduStudentSocial, self).create(_with_student_company(self.env, vals))

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        for line in self.sudo():
            if line.date_to and line.date_to < line.date_from:
                raise ValidationError(_('A social category cannot end before it starts.'))


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # shown only to whom may read consents and parents' links (a teacher without a class, the cashier and the
    # bookkeepers have no such field on their forms)
    kz_consent_ids = fields.One2many('kz.edu.consent', 'partner_id', string='Consents',
                                     groups='kz_edu_base.group_class_teacher,kz_edu_base.group_hr_officer,'
                                            'kz_edu_base.group_district,kz_edu_base.group_parent,'
                                            'kz_edu_base.group_student')
    kz_child_guardian_ids = fields.One2many('kz.edu.guardian', 'partner_id', string='Children (as parent)',
                                            groups='kz_edu_base.group_class_teacher,kz_edu_base.group_district,'
                                                   'kz_edu_base.group_parent')
    kz_student_ids = fields.One2many('kz.edu.student', 'partner_id', string='Student records')
    # Who the person is to the school, stored and indexed for the record rules (SEC-01): "not a student and not a
    # parent" as two indexed columns, not as a list of every student's partner that a one2many "= False" becomes
    # (issue #18: 105 000 ids in every staff query of a district). The bulk paths (demo, import) set them with
    # _kz_mark_family.
    kz_is_student = fields.Boolean(string='Is a student', compute='_compute_kz_family', store=True, index=True,
                                   compute_sudo=True)
    kz_is_parent = fields.Boolean(string='Is a parent or representative', compute='_compute_kz_family', store=True,
                                  index=True, compute_sudo=True)

    @api.depends('kz_student_ids', 'kz_child_guardian_ids')
    def _compute_kz_family(self):
        for partner in self:
            partner.kz_is_student = bool(partner.kz_student_ids)
            partner.kz_is_parent = bool(partner.kz_child_guardian_ids)

    @api.multi
    def write(self, vals):
        # the flags follow the student and guardian records; nobody sets them by hand (a person hidden from the
        # staff as a parent stays hidden)
        if {'kz_is_student', 'kz_is_parent'} & set(vals):
            raise AccessError(_('Whether a person is a student or a parent follows from the student records; '
                                'it cannot be set by hand.'))
        return super(ResPartner, self).write(vals)

    @api.model
    def _kz_mark_family(self, student_partner_ids=(), parent_partner_ids=()):
        """Set the flags of partners made students or parents by a bulk insert (which create() did not see)."""
        cr = self.env.cr
        if student_partner_ids:
            cr.execute('UPDATE res_partner SET kz_is_student = TRUE WHERE id IN %s', (tuple(student_partner_ids),))
        if parent_partner_ids:
            cr.execute('UPDATE res_partner SET kz_is_parent = TRUE WHERE id IN %s', (tuple(parent_partner_ids),))
        self.invalidate_cache(['kz_is_student', 'kz_is_parent'])
