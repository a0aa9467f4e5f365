# -*- coding: utf-8 -*-
"""Daily menus per meal and age group, approved by the menu commission (бракеражная комиссия) before sale.
An approved menu is frozen: its dishes and prices cannot change (canteen_rules.check_menu_change)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.kz_edu_base.kz_dates import format_date
from odoo.addons.kz_edu_base.user_errors import translate

from .. import canteen_rules

MEALS = [('breakfast', 'Breakfast'), ('lunch', 'Lunch'), ('snack', 'Afternoon snack')]
#: the age groups of the menus: the rule (grade → group) and its source are canteen_rules.age_group
AGE_GROUPS = list(canteen_rules.AGE_GROUPS)


class KzCanteenMenu(models.Model):
    _name = 'kz.canteen.menu'
    _description = 'Canteen menu of a day'
    _inherit = ['mail.thread']
    _order = 'date desc, meal, age_group'
    _rec_name = 'date'

    name = fields.Char(compute='_compute_name')
    company_id = fields.Many2one('res.company', string='School', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    meal = fields.Selection(MEALS, required=True, default='lunch')
    age_group = fields.Selection(AGE_GROUPS, string='Age group', required=True, default='7-10')
    state = fields.Selection([('draft', 'Draft'), ('approved', 'Approved'), ('cancelled', 'Cancelled')],
                             default='draft', required=True, index=True, readonly=True, track_visibility='onchange')
    line_ids = fields.One2many('kz.canteen.menu.line', 'menu_id', string='Dishes', copy=True)
    commission_ids = fields.Many2many('res.users', string='Menu commission',
                                      help='Members of the menu commission (бракеражная комиссия) who approved it.')
    approved_by_id = fields.Many2one('res.users', string='Approved by', readonly=True)
    approved_on = fields.Datetime(readonly=True)
    note = fields.Text()
    total_price = fields.Monetary(compute='_compute_total', string='Set meal price')
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)

    _sql_constraints = [
        ('menu_unique', 'unique(company_id, date, meal, age_group)',
         'A school has one menu per day, meal and age group.'),
    ]

    @api.multi
    def name_get(self):
        return [(m.id, m.name) for m in self]

    @api.depends('date', 'meal', 'age_group')
    def _compute_name(self):
        """«22.11.2026, Lunch, 11-18» in the reader's language (not stored: it follows the user's language)."""
        meals = dict(self._fields['meal']._description_selection(self.env))
        for m in self:
            day = format_date(m.date)
            m.name = ', '.join(p for p in (day, meals.get(m.meal, ''), m.age_group or '') if p)

    @api.depends('line_ids.price', 'line_ids.is_free_set')
    def _compute_total(self):
        for m in self:
            m.total_price = sum(m.line_ids.filtered('is_free_set').mapped('price'))

    def _kz_rules_menu(self):
        """The menu as canteen_rules sees it: {id, school_id, date, state, lines: {product_id: {...}}}."""
        self.ensure_one()
        lines = {}
        for line in self.line_ids:
            lines[line.product_id.id] = {
                'name': line.product_id.name, 'price': line.price, 'is_free_set': line.is_free_set,
                'allergens': line.product_id.kz_allergen_ids.mapped('code'), 'meal': self.meal,
            }
        return {'id': self.id, 'school_id': self.company_id.id, 'date': self.date, 'state': self.state,
                'lines': lines}

    @api.multi
    def action_approve(self):
        for menu in self:
            if menu.state != 'draft':
                raise UserError(_('Only a draft menu can be approved.'))
            try:
                canteen_rules.validate_menu(menu._kz_rules_menu())
            except canteen_rules.CanteenError as e:
                raise UserError(_('The menu cannot be approved: it needs at least one dish with a positive price '
                                  'and one dish marked as the free set meal. (%s)') % translate(self.env, e))
        self.write({'state': 'approved', 'approved_by_id': self.env.uid, 'approved_on': fields.Datetime.now()})
        return True

    @api.multi
    def action_cancel(self):
        if self.env['kz.canteen.meal'].search_count([('menu_id', 'in', self.ids)]):
            raise UserError(_('Meals were already served from this menu: it cannot be cancelled.'))
        self.write({'state': 'cancelled'})
        return True

    @api.multi
    def action_draft(self):
        if self.env['kz.canteen.meal'].search_count([('menu_id', 'in', self.ids)]):
            raise UserError(_('Meals were already served from this menu: it cannot go back to draft.'))
        self.write({'state': 'draft', 'approved_by_id': False, 'approved_on': False})
        return True

    @api.multi
    def write(self, vals):
        frozen = set(vals) & {'date', 'meal', 'age_group', 'company_id', 'line_ids'}
        if frozen and any(m.state == 'approved' for m in self):
            raise UserError(_('The menu is approved by the commission: its dishes and prices cannot change. '
                              'Set it back to draft (before any sale) to correct it.'))
        return super(KzCanteenMenu, self).write(vals)

    @api.model
    def kz_menu_of(self, company_id, date, age_group=None):
        """Approved menus of the school for the date (all meals and age groups unless given)."""
        domain = [('company_id', '=', company_id), ('date', '=', date), ('state', '=', 'approved')]
        if age_group:
            domain.append(('age_group', '=', age_group))
        return self.search(domain)


class KzCanteenMenuLine(models.Model):
    _name = 'kz.canteen.menu.line'
    _description = 'Dish on a canteen menu'
    _order = 'menu_id, sequence, id'

    menu_id = fields.Many2one('kz.canteen.menu', required=True, ondelete='cascade', index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one('product.product', string='Dish', required=True, domain=[('kz_is_dish', '=', True)])
    price = fields.Monetary(required=True, help='Price of one portion on this menu (fixed at approval).')
    currency_id = fields.Many2one(related='menu_id.currency_id', readonly=True)
    portion = fields.Char(related='product_id.kz_portion', readonly=True)
    allergen_ids = fields.Many2many(related='product_id.kz_allergen_ids', readonly=True, string='Allergens')
    is_free_set = fields.Boolean(string='Part of the free set meal',
                                 help='Given free (or subsidised) to entitled children, once a day.')
    state = fields.Selection(related='menu_id.state', readonly=True)

    @api.onchange('product_id')
    def _onchange_product(self):
        if self.product_id:
            self.price = self.product_id.lst_price

    @api.constrains('price')
    def _check_price(self):
        for line in self:
            if line.price <= 0:
                raise ValidationError(_('The price of a dish on a menu must be positive.'))

    def _kz_refuse_if_approved(self):
        if any(l.menu_id.state == 'approved' for l in self):
            raise UserError(_('The menu is approved by the commission: its dishes and prices cannot change. '
                              'Set it back to draft (before any sale) to correct it.'))

    @api.model
    def create(self, vals):
        menu = self.env['kz.canteen.menu'].browse(vals.get('menu_id'))
        if menu.state == 'approved':
            raise UserError(_('The menu is approved by the commission: its dishes and prices cannot change. '
                              'Set it back to draft (before any sale) to correct it.'))
        return super(KzCanteenMenuLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self._kz_refuse_if_approved()
        return super(KzCanteenMenuLine, self).write(vals)

    @api.multi
    def unlink(self):
        self._kz_refuse_if_approved()
        return super(KzCanteenMenuLine, self).unlink()
