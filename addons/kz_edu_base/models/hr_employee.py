from odoo import fields, models


class HrEmployee(models.Model):
    _name = 'hr.employee'
    _inherit = ['hr.employee', 'kz.iin.mixin']

    # personal data: visible to HR only (SEC-01, minimal exposure)
    kz_iin = fields.Char(groups='hr.group_hr_user')
    kz_iin_birth_date = fields.Date(groups='hr.group_hr_user')
    kz_iin_sex = fields.Selection(groups='hr.group_hr_user')

    _sql_constraints = [
        ('kz_iin_unique', 'unique(kz_iin)', 'This IIN is already registered for another employee.'),
    ]
