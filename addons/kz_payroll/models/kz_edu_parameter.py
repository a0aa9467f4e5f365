# -*- coding: utf-8 -*-
from odoo import fields, models


class KzEduParameter(models.Model):
    """The payroll engine's rows of the suite's one dated-parameter store (the personnel rules' rows: kz_hr)."""
    _inherit = 'kz.edu.parameter'

    domain = fields.Selection(selection_add=[('payroll', 'Payroll')])
