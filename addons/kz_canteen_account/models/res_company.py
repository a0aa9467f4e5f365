# -*- coding: utf-8 -*-
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    kz_canteen_meals_mode = fields.Selection(
        [('catering', 'Caterer under contract'), ('cooks', 'Cooks on the school staff')],
        string='Meals served by', default='catering',
        help='How the free and subsidised meals are booked (order No. 151, specific 141): a caterer under contract '
             'is a service (ЕБК 159, standard entry 234 on 7080); when the staff includes cooks the school buys the '
             'food (ЕБК 141, entries 121 and 135 on 1314 and 7060). The meals of the fund of universal compulsory '
             'education are under ЕБК 163 either way.')
