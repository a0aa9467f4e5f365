# -*- coding: utf-8 -*-
"""The teacher's data the tariffication reads from HR: pedagogical service periods (length of service at any date),
the pay block of the register and the duties that carry supplements. Education, diplomas and qualification
categories with their attestation dates are the teacher profile of kz_hr (kz.hr.education,
kz.hr.qualification); class management comes from the classes (kz.edu.class.class_teacher_id); rural from the
organisation (res.company.kz_is_rural)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import tariff

#: who sees and keeps the tariffication data of an employee (a teacher reads their own through the form)
TARIFF_DATA_GROUPS = ('hr.group_hr_user,kz_edu_base.group_teacher,kz_edu_base.group_bookkeeper,'
                      'kz_edu_base.group_district')


class KzEduTariffService(models.Model):
    """A period of pedagogical service (педагогический стаж), here or elsewhere; the length of service at a date is
    ``tariff.experience_years`` over these periods and the current post (hire date)."""
    _name = 'kz.edu.tariff.service'
    _description = 'Period of pedagogical service'
    _order = 'employee_id, date_from'

    employee_id = fields.Many2one('hr.employee', required=True, ondelete='cascade', index=True)
    company_id = fields.Many2one(related='employee_id.company_id', store=True, readonly=True, index=True)
    date_from = fields.Date(string='From', required=True)
    date_to = fields.Date(string='Until', help='Empty: the post is still held.')
    organisation = fields.Char(required=True, help='Where the service was (school, college, kindergarten ...).')
    note = fields.Char(help='e.g. the record of the employment book (трудовая книжка) it comes from.')

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        if self.filtered(lambda s: s.date_to and s.date_to < s.date_from):
            raise ValidationError(_('A period of service cannot end before it starts.'))


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    kz_pay_block = fields.Char(
        string='Pay block', groups=TARIFF_DATA_GROUPS,
        help='Block of the register of positions (Government decree No. 1193 of 31.12.2015), e.g. В2-3. Empty: '
             'taken from the education level and the qualification category.')
    kz_pay_block_default = fields.Char(string='Pay block (by education)', compute='_compute_kz_tariff_preview',
                                       groups=TARIFF_DATA_GROUPS)
    kz_service_ids = fields.One2many('kz.edu.tariff.service', 'employee_id', string='Pedagogical service',
                                     groups=TARIFF_DATA_GROUPS)
    kz_experience_text = fields.Char(string='Pedagogical service today', compute='_compute_kz_tariff_preview',
                                     groups=TARIFF_DATA_GROUPS)
    kz_tariff_cabinet = fields.Selection([('full', 'Full day'), ('half', 'Half day')], string='Manages a cabinet',
                                         groups=TARIFF_DATA_GROUPS)
    kz_tariff_workshop = fields.Boolean(string='Manages a workshop', groups=TARIFF_DATA_GROUPS)
    kz_tariff_notebooks = fields.Selection(
        [('flat', 'Flat monthly supplement'), ('hourly', 'By the weekly hours of notebook subjects')],
        string='Checks notebooks', groups=TARIFF_DATA_GROUPS,
        help='Flat: a share of the БДО. By hours: for every weekly hour of the subjects marked "notebook checking" '
             '(half for classes under the small-class size).')
    kz_tariff_mentoring = fields.Boolean(string='Mentor of a young teacher', groups=TARIFF_DATA_GROUPS)
    kz_tariff_sports_section = fields.Boolean(string='Runs a sports section', groups=TARIFF_DATA_GROUPS)
    kz_tariff_special_conditions = fields.Boolean(string='Special working conditions', groups=TARIFF_DATA_GROUPS)

    @api.depends('kz_service_ids.date_from', 'kz_service_ids.date_to', 'kz_education_ids.level',
                 'kz_qualification_ids.category')
    def _compute_kz_tariff_preview(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for employee in self:
            emp = employee.sudo()
            periods = emp._kz_service_periods()
            if periods:
                service = tariff.experience_years(periods, today)
                employee.kz_experience_text = format_service(employee, service)
            else:
                employee.kz_experience_text = False
            education = emp.kz_education_ids.sorted(lambda e: tariff.EDUCATION_RANK.get(e.level, 0), reverse=True)[:1]
            employee.kz_pay_block_default = tariff.default_block(education.level, emp.kz_category)

    @api.constrains('kz_pay_block')
    def _check_kz_pay_block(self):
        for employee in self.sudo().filtered('kz_pay_block'):
            code = tariff._block_code(employee.kz_pay_block)
            if not self.env['kz.edu.tariff.coefficient'].sudo().search_count([('block', '=', code)]):
                raise ValidationError(_('The coefficient grid has no block %s.') % employee.kz_pay_block)

    @api.model
    def create(self, vals):
        return super(HrEmployee, self).create(self._kz_normalise_block(vals))

    @api.multi
    def write(self, vals):
        return super(HrEmployee, self).write(self._kz_normalise_block(vals))

    @staticmethod
    def _kz_normalise_block(vals):
        if vals.get('kz_pay_block'):
            try:
                vals = dict(vals, kz_pay_block=tariff._block_code(vals['kz_pay_block']))
            except tariff.TariffError:
                pass   # the constraint names the bad block
        return vals

    def _kz_service_periods(self):
        """[(date_from, date_to)] of the pedagogical service: the recorded periods and the current post from the
        hire date (overlaps count once in tariff.experience_years)."""
        self.ensure_one()
        emp = self.sudo()
        periods = [(s.date_from, s.date_to or None) for s in emp.kz_service_ids]
        if emp.kz_hire_date:
            periods.append((emp.kz_hire_date, emp.kz_dismissal_date or None))
        return periods


def format_service(self, service):
    """'10 y. 8 m. 12 d.' in the language of the record ``self`` (``_`` reads the language from ``self.env``)."""
    return _('%d y. %d m. %d d.') % (service.years, service.months, service.days)
