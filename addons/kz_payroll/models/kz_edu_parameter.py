# -*- coding: utf-8 -*-
from odoo import fields, models


class KzEduParameter(models.Model):
    """The payroll engine's and the personnel rules' rows of the suite's one dated-parameter store."""
    _inherit = 'kz.edu.parameter'

    domain = fields.Selection(selection_add=[('payroll', 'Payroll'), ('personnel', 'Personnel')])
