# -*- coding: utf-8 -*-
from odoo import fields, models


class KzEduParameter(models.Model):
    """The personnel rules' rows of the suite's one dated-parameter store."""
    _inherit = 'kz.edu.parameter'

    domain = fields.Selection(selection_add=[('personnel', 'Personnel')])
