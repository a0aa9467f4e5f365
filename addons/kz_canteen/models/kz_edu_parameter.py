# -*- coding: utf-8 -*-
from odoo import fields, models


class KzEduParameter(models.Model):
    """The canteen's rows of the suite's one dated-parameter store (grades with free meals, categories, funding,
    the top-up limit), read by ``kz.canteen.pos._kz_params``."""
    _inherit = 'kz.edu.parameter'

    domain = fields.Selection(selection_add=[('canteen', 'Canteen')])
