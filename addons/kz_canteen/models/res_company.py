# -*- coding: utf-8 -*-
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    kz_canteen_authority_email = fields.Char(
        string='Meal report recipient',
        help='E-mail of the education authority that receives the monthly report on free and subsidised meals '
             '(sent automatically on the 1st for the previous month).')
    kz_canteen_free_meals_per_day = fields.Integer(
        string='Free meals a day', default=1,
        help='How many free (or subsidised) set meals one entitled child may receive a day.')
    kz_canteen_allow_paid_repeat = fields.Boolean(
        string='Sell a second set meal as paid',
        help='When the free allowance of the day is used up, sell the set meal at the full price from the '
             'balance instead of refusing it.')
