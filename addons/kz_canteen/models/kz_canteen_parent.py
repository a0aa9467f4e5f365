# -*- coding: utf-8 -*-
"""What parents set themselves: allergen restrictions (a dish with one is refused at the till) and meal ratings."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.kz_edu_base import kz_format


class StudentCompanyMixin(models.AbstractModel):
    """The school of the row is the student's, set before the record rules look at it (a parent creates these)."""
    _name = 'kz.canteen.student.company.mixin'
    _description = 'Row of a student, in the student\'s school'

    @api.model
    def create(self, vals):
        if vals.get('student_id') and not vals.get('company_id'):
            student = self.env['kz.edu.student'].browse(vals['student_id'])
            vals = dict(vals, company_id=student.company_id.id)
        return super(StudentCompanyMixin, self).create(vals)


class KzCanteenRestriction(models.Model):
    _name = 'kz.canteen.restriction'
    _inherit = ['kz.canteen.student.company.mixin']
    _description = 'Allergen restriction set by a parent'
    _order = 'student_id, allergen_id'

    student_id = fields.Many2one('kz.edu.student', string='Student', required=True, index=True, ondelete='cascade')
    allergen_id = fields.Many2one('kz.edu.allergen', string='Allergen', required=True, ondelete='restrict')
    set_by_id = fields.Many2one('res.partner', string='Set by', default=lambda self: self.env.user.partner_id,
                                readonly=True)
    note = fields.Char()
    company_id = fields.Many2one('res.company', readonly=True, index=True)

    _sql_constraints = [
        ('restriction_unique', 'unique(student_id, allergen_id)', 'This allergen is already restricted.'),
    ]


class KzCanteenRating(models.Model):
    _name = 'kz.canteen.rating'
    _inherit = ['kz.canteen.student.company.mixin']
    _description = 'Meal quality rating by a parent'
    _order = 'date desc, id desc'

    student_id = fields.Many2one('kz.edu.student', string='Student', required=True, index=True, ondelete='cascade')
    partner_id = fields.Many2one('res.partner', string='Parent', required=True,
                                 default=lambda self: self.env.user.partner_id, readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    meal = fields.Selection([('breakfast', 'Breakfast'), ('lunch', 'Lunch'), ('snack', 'Afternoon snack')],
                            default='lunch', required=True)
    score = fields.Integer(required=True, help='1 (bad) to 5 (very good).')
    comment = fields.Text()
    company_id = fields.Many2one('res.company', readonly=True, index=True)

    _sql_constraints = [
        ('rating_unique', 'unique(student_id, partner_id, date, meal)', 'This meal is already rated.'),
    ]

    @api.constrains('score')
    def _check_score(self):
        for r in self:
            if not 1 <= r.score <= 5:
                raise ValidationError(_('A rating is from 1 to 5.'))

    @api.model
    def kz_meal_served(self, student_id, date, meal):
        """Whether the child was served that meal (breakfast, lunch, snack) on that day: a served-meal row from an
        approved menu of that meal. One targeted query."""
        self.env.cr.execute("""SELECT 1 FROM kz_canteen_meal m JOIN kz_canteen_menu n ON n.id = m.menu_id
                                WHERE m.student_id = %s AND m.date = %s AND n.meal = %s LIMIT 1""",
                            (student_id, date, meal))
        return bool(self.env.cr.fetchone())

    @api.constrains('student_id', 'date', 'meal')
    def _check_meal_served(self):
        """A parent rates a meal the child has eaten, not one still to come (issue #13.13)."""
        for r in self:
            if not self.kz_meal_served(r.student_id.id, r.date, r.meal):
                raise ValidationError(_('%s was not served this meal on %s: a meal can be rated once the child has '
                                        'eaten it.') % (r.student_id.name, kz_format.format_date(r.date)))
