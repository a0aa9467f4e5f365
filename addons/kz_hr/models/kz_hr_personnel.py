# -*- coding: utf-8 -*-
"""Personnel records (ACC-11) and the teacher's digital profile (LMS-02, TVET-24).

* ``kz.hr.order``: personnel orders (бұйрық / приказ) numbered per school and year, confirmed by the director,
  immutable once confirmed; a confirmed hire/transfer sets the employee's position, a dismissal archives them.
* ``kz.hr.staff.schedule``: the staff schedule (штаттық кесте / штатное расписание) approved by the director.
* Teacher profile: education, qualification category with attestation, national qualification test, professional
  development courses, certificates; computed expiry / due dates and a daily reminder cron.

The date rules (expiry, due date, reminder window) are the pure functions at the top of this file.
"""
import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kz_edu_base.kz_dates import format_date
from odoo.addons.kz_edu_base.internal import internal_context, is_internal

REMIND_DAYS_BEFORE = 60
# who may open the profile lists on an employee (others, e.g. a bookkeeper, never read them)
PROFILE_GROUPS = ('kz_edu_base.group_hr_officer,hr.group_hr_manager,kz_edu_base.group_teacher,'
                  'kz_edu_base.group_district')
# who may see an employee's personnel orders (as the access rights of kz.hr.order)
ORDER_GROUPS = ('kz_edu_base.group_hr_officer,hr.group_hr_manager,kz_edu_base.group_director,'
                'kz_edu_base.group_district')

QUALIFICATION_CATEGORIES = [
    ('none', 'Without category'),
    ('teacher', 'Pedagogue (педагог)'),
    ('moderator', 'Pedagogue-moderator (педагог-модератор)'),
    ('expert', 'Pedagogue-expert (педагог-эксперт)'),
    ('researcher', 'Pedagogue-researcher (педагог-исследователь)'),
    ('master', 'Pedagogue-master (педагог-мастер)'),
]

# Labour Code of the Republic of Kazakhstan of 23.11.2015 No. 414-V, grounds of termination most used in schools.
DISMISSAL_GROUNDS = [
    ('art50', 'Agreement of the parties (art. 49, art. 50)'),
    ('art51', 'End of the term of the employment contract (art. 49, art. 51)'),
    ('art52', "Employer's initiative (art. 49, art. 52)"),
    ('art56', "Employee's own initiative (art. 49, art. 56)"),
    ('other', 'Other ground of art. 49 (state it in the basis)'),
]


def add_years(date, years):
    """The day ``years`` after ``date`` (29 February falls back to 28 February)."""
    if not date or not years:
        return False
    return date + relativedelta(years=years)


def reminder_due(target, today, days_before=REMIND_DAYS_BEFORE):
    """True when ``target`` (a date) is at most ``days_before`` days ahead of ``today`` (or already past)."""
    return bool(target) and target - datetime.timedelta(days=days_before) <= today


class KzHrOrder(models.Model):
    _name = 'kz.hr.order'
    _description = 'Personnel order'
    _order = 'date desc, id desc'

    name = fields.Char('Number', readonly=True, copy=False, default='/')
    company_id = fields.Many2one('res.company', 'School', required=True, index=True,
                                 default=lambda self: self.env.user.company_id,
                                 states={'done': [('readonly', True)]})
    date = fields.Date(required=True, default=fields.Date.context_today, states={'done': [('readonly', True)]})
    kind = fields.Selection([
        ('hire', 'Hire'),
        ('transfer', 'Transfer'),
        ('leave', 'Leave'),
        ('dismissal', 'Dismissal'),
    ], required=True, default='hire', states={'done': [('readonly', True)]})
    leave_kind = fields.Selection([
        ('annual', 'Annual paid leave'),
        ('unpaid', 'Unpaid leave'),
        ('maternity', 'Maternity leave'),
    ], states={'done': [('readonly', True)]})
    holiday_id = fields.Many2one('hr.holidays', 'Leave request', states={'done': [('readonly', True)]},
                                 help='The leave request in Time Off this order grants, if any.')
    dismissal_ground = fields.Selection(DISMISSAL_GROUNDS, 'Ground (Labour Code of the RK)',
                                        states={'done': [('readonly', True)]})
    employee_id = fields.Many2one('hr.employee', required=True, index=True, states={'done': [('readonly', True)]},
                                  context={'active_test': False})
    job_id = fields.Many2one('hr.job', 'Position', states={'done': [('readonly', True)]})
    department_id = fields.Many2one('hr.department', states={'done': [('readonly', True)]})
    rate = fields.Float('Rate (ставка)', digits=(3, 2), default=1.0, states={'done': [('readonly', True)]})
    date_start = fields.Date('Effective from', required=True, default=fields.Date.context_today,
                             states={'done': [('readonly', True)]})
    date_end = fields.Date('Effective to', states={'done': [('readonly', True)]})
    basis = fields.Text('Basis', states={'done': [('readonly', True)]},
                        help="e.g. the employee's application of ..., the employment contract No. ...")
    state = fields.Selection([('draft', 'Draft'), ('done', 'Confirmed')], default='draft', readonly=True,
                             copy=False, index=True)
    confirmed_by_id = fields.Many2one('res.users', readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)

    @api.constrains('rate', 'kind')
    def _check_rate(self):
        for order in self:
            if order.kind in ('hire', 'transfer') and not 0.25 <= order.rate <= 1.5:
                raise ValidationError(_('The rate must be between 0.25 and 1.5.'))

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for order in self:
            if order.date_end and order.date_end < order.date_start:
                raise ValidationError(_('The order ends before it takes effect.'))

    @api.constrains('kind', 'dismissal_ground', 'leave_kind', 'job_id', 'holiday_id', 'employee_id', 'company_id')
    def _check_kind_data(self):
        for order in self:
            if order.kind == 'dismissal' and not order.dismissal_ground:
                raise ValidationError(_('A dismissal order needs the ground under the Labour Code.'))
            if order.kind == 'leave' and not order.leave_kind:
                raise ValidationError(_('A leave order needs the kind of leave.'))
            if order.kind in ('hire', 'transfer') and not order.job_id:
                raise ValidationError(_('A hire or transfer order needs the position.'))
            if order.kind != 'hire' and order.employee_id.company_id != order.company_id:
                raise ValidationError(_('The employee does not work at the school issuing the order.'))
            if order.holiday_id and order.holiday_id.employee_id != order.employee_id:
                raise ValidationError(_('The leave request belongs to another employee.'))

    @api.onchange('employee_id')
    def _onchange_employee_id(self):
        if self.employee_id and self.kind != 'hire':
            self.job_id = self.employee_id.job_id
            self.department_id = self.employee_id.department_id

    @api.onchange('holiday_id')
    def _onchange_holiday_id(self):
        if self.holiday_id:
            self.date_start = fields.Date.to_string(fields.Datetime.from_string(self.holiday_id.date_from))
            if self.holiday_id.date_to:
                self.date_end = fields.Date.to_string(fields.Datetime.from_string(self.holiday_id.date_to))

    @api.model
    def create(self, vals):
        if not is_internal(self.env.context, 'kz_hr_order_confirm'):
            vals = dict(vals, state='draft', name='/')
        return super(KzHrOrder, self).create(vals)

    @api.multi
    def write(self, vals):
        if not is_internal(self.env.context, 'kz_hr_order_confirm'):
            if self.filtered(lambda o: o.state == 'done'):
                raise UserError(_('A confirmed order cannot be changed; issue a new order instead.'))
            if 'state' in vals or 'name' in vals:
                raise UserError(_('Orders are numbered and confirmed only by the Confirm button.'))
        return super(KzHrOrder, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda o: o.state == 'done'):
            raise UserError(_('A confirmed order cannot be deleted.'))
        return super(KzHrOrder, self).unlink()

    @api.multi
    def copy(self, default=None):
        return super(KzHrOrder, self).copy(dict(default or {}, name='/'))

    def _order_sequence(self):
        """The school's own sequence of personnel orders, restarting every calendar year (created on first use)."""
        self.ensure_one()
        Sequence = self.env['ir.sequence'].sudo()
        seq = Sequence.search([('code', '=', 'kz.hr.order'), ('company_id', '=', self.company_id.id)], limit=1)
        if not seq:
            seq = Sequence.create({
                'name': _('Personnel orders: %s') % self.company_id.name,
                'code': 'kz.hr.order', 'company_id': self.company_id.id,
                'prefix': '', 'suffix': '-ж/қ', 'padding': 1, 'number_increment': 1,
                'implementation': 'no_gap', 'use_date_range': True,
            })
        return seq

    @api.multi
    def action_confirm(self):
        if not (self.env.user.has_group('kz_edu_base.group_director') or self.env.user._is_superuser()):
            raise AccessError(_('Only the director confirms personnel orders.'))
        for order in self:
            if order.state != 'draft':
                raise UserError(_('Order %s is already confirmed.') % order.name)
            seq = order._order_sequence()
            number = seq.with_context(ir_sequence_date=order.date).next_by_id()
            order.with_context(**internal_context(kz_hr_order_confirm=True)).write({
                'state': 'done', 'name': number,
                'confirmed_by_id': self.env.uid, 'confirmed_date': fields.Datetime.now(),
            })
            order._apply_to_employee()
        return True

    def _apply_to_employee(self):
        """Effects of a confirmed order on the employee (no contracts: those belong to payroll)."""
        self.ensure_one()
        employee = self.employee_id.sudo()  # the director's confirmation authorises the change
        if self.kind in ('hire', 'transfer'):
            vals = {'job_id': self.job_id.id, 'kz_staff_rate': self.rate, 'company_id': self.company_id.id}
            if self.department_id:
                vals['department_id'] = self.department_id.id
            if self.kind == 'hire':
                vals.update(kz_hire_date=self.date_start, kz_dismissal_date=False, active=True)
            employee.write(vals)
        elif self.kind == 'dismissal':
            end = self.date_end or self.date_start
            employee.write({'kz_dismissal_date': end})
            if end <= fields.Date.context_today(self):
                employee.write({'active': False})

    @api.model
    def _cron_archive_dismissed(self):
        """Archive employees whose dismissal date has come (orders confirmed in advance)."""
        employees = self.env['hr.employee'].sudo().search([
            ('kz_dismissal_date', '!=', False), ('kz_dismissal_date', '<=', fields.Date.context_today(self))])
        employees.write({'active': False})
        return True

    # helpers for the printed form
    def _kind_texts(self):
        """(Kazakh, Russian) operative wording of the order; fixed legal wording, not translated."""
        self.ensure_one()
        emp, job = self.employee_id.name, self.job_id.name or ''
        rate = ('%.2f' % self.rate).rstrip('0').rstrip('.')
        d1 = format_date(self.date_start)
        d2 = format_date(self.date_end)
        if self.kind == 'hire':
            return ('%s %s бастап %s лауазымына %s ставкаға қабылдансын.' % (emp, d1, job, rate),
                    'Принять %s с %s на должность %s на %s ставки.' % (emp, d1, job, rate))
        if self.kind == 'transfer':
            return ('%s %s бастап %s лауазымына %s ставкаға ауыстырылсын.' % (emp, d1, job, rate),
                    'Перевести %s с %s на должность %s на %s ставки.' % (emp, d1, job, rate))
        if self.kind == 'leave':
            kk = {'annual': 'жыл сайынғы ақы төленетін еңбек демалысы', 'unpaid': 'жалақы сақталмайтын демалыс',
                  'maternity': 'жүктілігіне және босануына байланысты демалыс'}[self.leave_kind]
            ru = {'annual': 'ежегодный оплачиваемый трудовой отпуск', 'unpaid': 'отпуск без сохранения заработной платы',
                  'maternity': 'отпуск по беременности и родам'}[self.leave_kind]
            return ('%s %s бастап %s дейін %s берілсін.' % (emp, d1, d2, kk),
                    'Предоставить %s %s с %s по %s.' % (emp, ru, d1, d2))
        ground = dict(DISMISSAL_GROUNDS).get(self.dismissal_ground, '')
        return ('%s %s бастап жұмыстан босатылсын. Негіз: ҚР Еңбек кодексі (23.11.2015 № 414-V), %s.'
                % (emp, d2 or d1, ground),
                'Уволить %s с %s. Основание: Трудовой кодекс РК (23.11.2015 № 414-V), %s.' % (emp, d2 or d1, ground))


class KzHrStaffSchedule(models.Model):
    _name = 'kz.hr.staff.schedule'
    _description = 'Staff schedule'
    _order = 'date desc, id desc'

    name = fields.Char(required=True, default=lambda self: _('Staff schedule'))
    company_id = fields.Many2one('res.company', 'School', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    date = fields.Date('In force from', required=True, default=fields.Date.context_today)
    state = fields.Selection([('draft', 'Draft'), ('approved', 'Approved')], default='draft', readonly=True,
                             copy=False)
    approved_by_id = fields.Many2one('res.users', readonly=True, copy=False)
    line_ids = fields.One2many('kz.hr.staff.schedule.line', 'schedule_id', 'Positions', copy=True)
    rate_total = fields.Float('Rates', compute='_compute_totals', digits=(6, 2))
    rate_occupied_total = fields.Float('Occupied', compute='_compute_totals', digits=(6, 2))
    rate_vacant_total = fields.Float('Vacant', compute='_compute_totals', digits=(6, 2))

    @api.depends('line_ids.rate_count', 'line_ids.rate_occupied')
    def _compute_totals(self):
        for schedule in self:
            schedule.rate_total = sum(schedule.line_ids.mapped('rate_count'))
            schedule.rate_occupied_total = sum(schedule.line_ids.mapped('rate_occupied'))
            schedule.rate_vacant_total = sum(schedule.line_ids.mapped('rate_vacant'))

    @api.multi
    def write(self, vals):
        if self.filtered(lambda s: s.state == 'approved') and not is_internal(self.env.context, 'kz_hr_schedule_approve'):
            raise UserError(_('An approved staff schedule cannot be changed; approve a new one.'))
        return super(KzHrStaffSchedule, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda s: s.state == 'approved'):
            raise UserError(_('An approved staff schedule cannot be deleted.'))
        return super(KzHrStaffSchedule, self).unlink()

    @api.multi
    def action_approve(self):
        if not (self.env.user.has_group('kz_edu_base.group_director') or self.env.user._is_superuser()):
            raise AccessError(_('Only the director approves the staff schedule.'))
        self.with_context(**internal_context(kz_hr_schedule_approve=True)).write({'state': 'approved', 'approved_by_id': self.env.uid})
        return True


class KzHrStaffScheduleLine(models.Model):
    _name = 'kz.hr.staff.schedule.line'
    _description = 'Staff schedule position'
    _order = 'schedule_id, sequence, id'

    sequence = fields.Integer(default=10)
    schedule_id = fields.Many2one('kz.hr.staff.schedule', required=True, ondelete='cascade', index=True)
    company_id = fields.Many2one(related='schedule_id.company_id', store=True, readonly=True)
    job_id = fields.Many2one('hr.job', 'Position', required=True)
    department_id = fields.Many2one('hr.department')
    rate_count = fields.Float('Rates', digits=(6, 2), required=True, default=1.0)
    pay_category = fields.Char('Pay block / category', help='e.g. В2-3 (Government decree No. 1193 of 31.12.2015)')
    coefficient = fields.Float(digits=(6, 2), help='Placeholder: the coefficient is set by the tariffication.')
    rate_occupied = fields.Float('Occupied', compute='_compute_occupation', digits=(6, 2))
    rate_vacant = fields.Float('Vacant', compute='_compute_occupation', digits=(6, 2))

    @api.depends('job_id', 'rate_count', 'schedule_id.company_id')
    def _compute_occupation(self):
        Employee = self.env['hr.employee'].sudo()
        for line in self:
            employees = Employee.search([('company_id', '=', line.schedule_id.company_id.id),
                                         ('job_id', '=', line.job_id.id)]) if line.job_id else Employee
            line.rate_occupied = sum(employees.mapped('kz_staff_rate'))
            line.rate_vacant = max(line.rate_count - line.rate_occupied, 0.0)

    @api.model
    def create(self, vals):
        schedule = self.env['kz.hr.staff.schedule'].browse(vals.get('schedule_id'))
        if schedule.state == 'approved' and not is_internal(self.env.context, 'kz_hr_schedule_approve'):
            raise UserError(_('An approved staff schedule cannot be changed; approve a new one.'))
        return super(KzHrStaffScheduleLine, self).create(vals)

    @api.multi
    def write(self, vals):
        if self.mapped('schedule_id').filtered(lambda s: s.state == 'approved'):
            raise UserError(_('An approved staff schedule cannot be changed; approve a new one.'))
        return super(KzHrStaffScheduleLine, self).write(vals)


class KzHrProfileMixin(models.AbstractModel):
    """An item of a teacher's profile: belongs to one employee, seen by their school's HR and by the teacher."""
    _name = 'kz.hr.profile.mixin'
    _description = 'Teacher profile item'

    employee_id = fields.Many2one('hr.employee', required=True, ondelete='cascade', index=True)
    company_id = fields.Many2one(related='employee_id.company_id', store=True, readonly=True, index=True)


class KzHrEducation(models.Model):
    _name = 'kz.hr.education'
    _inherit = 'kz.hr.profile.mixin'
    _description = 'Education and diploma'
    _order = 'year desc, id desc'

    level = fields.Selection([
        ('tvet', 'Technical and vocational'),
        ('bachelor', 'Higher (bachelor / specialist)'),
        ('master', 'Master'),
        ('doctor', 'Doctor (PhD) / candidate of sciences'),
    ], required=True, default='bachelor')
    institution = fields.Char(required=True)
    specialty = fields.Char()
    qualification = fields.Char(help='Qualification awarded, as written in the diploma.')
    year = fields.Integer('Graduation year')
    diploma_number = fields.Char()
    diploma_date = fields.Date()


class KzHrQualification(models.Model):
    _name = 'kz.hr.qualification'
    _inherit = 'kz.hr.profile.mixin'
    _description = 'Qualification category (attestation)'
    _order = 'attestation_date desc, id desc'

    category = fields.Selection(QUALIFICATION_CATEGORIES, required=True, default='teacher')
    attestation_date = fields.Date(required=True)
    order_reference = fields.Char('Order of assignment', help='Number and date of the order assigning the category.')
    expiry_date = fields.Date('Category expires', compute='_compute_expiry_date', store=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    @api.depends('attestation_date', 'category')
    def _compute_expiry_date(self):
        Param = self.env['kz.edu.parameter'].sudo()
        for item in self:
            if item.attestation_date and item.category not in ('none', False):
                years = int(Param.get('ATTESTATION_VALIDITY_YEARS', item.attestation_date, item.employee_id.company_id))
                item.expiry_date = add_years(fields.Date.from_string(item.attestation_date), years)
            else:
                item.expiry_date = False


class KzHrNqt(models.Model):
    _name = 'kz.hr.nqt'
    _inherit = 'kz.hr.profile.mixin'
    _description = 'National qualification test result'
    _order = 'date desc, id desc'

    date = fields.Date(required=True)
    subject = fields.Char(required=True)
    score = fields.Float(digits=(5, 2))
    max_score = fields.Float(digits=(5, 2))
    score_percent = fields.Float('Score %', compute='_compute_score_percent', digits=(5, 1))

    @api.depends('score', 'max_score')
    def _compute_score_percent(self):
        for item in self:
            item.score_percent = item.max_score and 100.0 * item.score / item.max_score or 0.0


class KzHrTraining(models.Model):
    _name = 'kz.hr.training'
    _inherit = 'kz.hr.profile.mixin'
    _description = 'Professional development course'
    _order = 'date desc, id desc'

    name = fields.Char('Course', required=True)
    date = fields.Date('Completed on', required=True)
    hours = fields.Float(digits=(6, 1))
    provider = fields.Char()
    certificate_number = fields.Char()
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    is_it_competence = fields.Boolean('IT / online teaching competence',
                                      help='Counts for the 3-yearly IT-competence training (TVET-24).')
    next_due_date = fields.Date('Next course due', compute='_compute_next_due_date', store=True)
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    @api.depends('date')
    def _compute_next_due_date(self):
        Param = self.env['kz.edu.parameter'].sudo()
        for item in self:
            if item.date:
                years = int(Param.get('TRAINING_PERIOD_YEARS', item.date, item.employee_id.company_id))
                item.next_due_date = add_years(fields.Date.from_string(item.date), years)
            else:
                item.next_due_date = False


class KzHrCertificate(models.Model):
    _name = 'kz.hr.certificate'
    _inherit = 'kz.hr.profile.mixin'
    _description = 'Certificate, title or award'
    _order = 'date desc, id desc'

    kind = fields.Selection([
        ('certificate', 'Certificate'),
        ('degree', 'Academic degree'),
        ('title', 'Honorary title'),
        ('award', 'Award'),
    ], required=True, default='certificate')
    name = fields.Char(required=True)
    issuer = fields.Char()
    date = fields.Date()
    number = fields.Char()
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    kz_staff_rate = fields.Float('Rate (ставка)', digits=(3, 2), default=1.0, groups='hr.group_hr_user')
    kz_hire_date = fields.Date('Hired on', groups='hr.group_hr_user')
    kz_dismissal_date = fields.Date('Dismissed on', groups='hr.group_hr_user')
    kz_hr_order_ids = fields.One2many('kz.hr.order', 'employee_id', 'Personnel orders',
                                      groups=ORDER_GROUPS)
    kz_education_ids = fields.One2many('kz.hr.education', 'employee_id', 'Education',
                                   groups=PROFILE_GROUPS)
    kz_qualification_ids = fields.One2many('kz.hr.qualification', 'employee_id', 'Qualification categories',
                                   groups=PROFILE_GROUPS)
    kz_nqt_ids = fields.One2many('kz.hr.nqt', 'employee_id', 'National qualification tests',
                                   groups=PROFILE_GROUPS)
    kz_training_ids = fields.One2many('kz.hr.training', 'employee_id', 'Professional development',
                                   groups=PROFILE_GROUPS)
    kz_certificate_ids = fields.One2many('kz.hr.certificate', 'employee_id', 'Certificates',
                                   groups=PROFILE_GROUPS)
    kz_category = fields.Selection(QUALIFICATION_CATEGORIES, 'Qualification category',
                                   compute='_compute_kz_profile_dates')
    kz_category_expiry_date = fields.Date('Category expires', compute='_compute_kz_profile_dates')
    kz_next_course_date = fields.Date('Next course due', compute='_compute_kz_profile_dates')

    @api.depends('kz_qualification_ids.expiry_date', 'kz_training_ids.next_due_date')
    def _compute_kz_profile_dates(self):
        for employee in self:
            profile = employee.sudo()  # the summary dates are shown to whoever may see the employee
            current = profile.kz_qualification_ids.sorted('attestation_date', reverse=True)[:1]
            employee.kz_category = current.category or 'none'
            employee.kz_category_expiry_date = current.expiry_date
            last = profile.kz_training_ids.sorted('date', reverse=True)[:1]
            employee.kz_next_course_date = last.next_due_date

    def _kz_confirmed_orders(self):
        return self.env['kz.hr.order'].sudo().search(
            [('employee_id', '=', self.id), ('state', '=', 'done')], order='date_start, id')

    def _kz_leaves(self):
        return self.env['hr.holidays'].sudo().search(
            [('employee_id', '=', self.id), ('type', '=', 'remove'), ('state', '=', 'validate')], order='date_from')

    @api.model
    def _cron_kz_profile_reminders(self, today=None):
        """Daily: one To-Do for the school's HR officers and the teacher REMIND_DAYS_BEFORE days before a category
        expires or a professional development course is due; each item is reminded once."""
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        limit = fields.Date.to_string(today + datetime.timedelta(days=REMIND_DAYS_BEFORE))
        Qualification = self.env['kz.hr.qualification'].sudo()
        for item in Qualification.search([('reminder_sent', '=', False), ('expiry_date', '!=', False),
                                          ('expiry_date', '<=', limit), ('employee_id.active', '=', True)]):
            latest = item.employee_id.kz_qualification_ids.sorted('attestation_date', reverse=True)[:1]
            if latest == item:
                item.employee_id._kz_remind(
                    _('Qualification category expires on %s: plan the attestation') % item.expiry_date,
                    item.expiry_date)
            item.reminder_sent = True
        Training = self.env['kz.hr.training'].sudo()
        for item in Training.search([('reminder_sent', '=', False), ('next_due_date', '!=', False),
                                     ('next_due_date', '<=', limit), ('employee_id.active', '=', True)]):
            latest = item.employee_id.kz_training_ids.sorted('date', reverse=True)[:1]
            if latest == item:
                item.employee_id._kz_remind(
                    _('Professional development course due by %s') % item.next_due_date, item.next_due_date)
            item.reminder_sent = True
        return True

    def _kz_remind(self, summary, deadline):
        self.ensure_one()
        hr_group = self.env.ref('kz_edu_base.group_hr_officer')
        users = hr_group.users.filtered(lambda u: u.company_id == self.company_id)
        if self.user_id:
            users |= self.user_id
        activity_type = self.env.ref('mail.mail_activity_data_todo', raise_if_not_found=False)
        model = self.env['ir.model']._get('hr.employee')
        for user in users:
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': self.id, 'user_id': user.id,
                'activity_type_id': activity_type and activity_type.id,
                'summary': summary, 'date_deadline': deadline,
            })
