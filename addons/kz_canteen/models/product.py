# -*- coding: utf-8 -*-
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = 'product.template'

    kz_is_dish = fields.Boolean(string='Canteen dish', index=True,
                                help='A dish of the school canteen: can be put on a menu and sold at the canteen POS.')
    kz_portion = fields.Char(string='Portion', translate=True, help='Portion weight or volume, e.g. "200 g".')
    kz_composition = fields.Text(string='Composition', translate=True, help='Ingredients, as shown to parents.')
    kz_allergen_ids = fields.Many2many('kz.edu.allergen', 'kz_canteen_dish_allergen_rel', 'product_tmpl_id',
                                       'allergen_id', string='Allergens')
    kz_energy_kcal = fields.Integer(string='Energy, kcal')
