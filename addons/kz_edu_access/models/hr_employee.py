from odoo import fields, models


class HrEmployee(models.Model):
    """The badge number opens the turnstile (the readers' allow-list, kz.edu.access.device) and the PIN checks in at
    the attendance kiosk: Odoo 11 shows both to every employee. Only HR keeps them (issue #12.1, SEC-01)."""
    _inherit = 'hr.employee'

    barcode = fields.Char(groups='hr.group_hr_user')
    pin = fields.Char(groups='hr.group_hr_user')
