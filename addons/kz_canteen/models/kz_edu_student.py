# -*- coding: utf-8 -*-
"""The child as the canteen sees it: entitlement of the day (canteen_rules), prepaid balance, parents' allergen
restrictions, meals served. Everything set-based: one query per measure for any number of children."""
from decimal import Decimal

from odoo import api, fields, models

from .. import canteen_rules


class KzEduStudent(models.Model):
    _inherit = 'kz.edu.student'

    kz_canteen_balance = fields.Monetary(string='Canteen balance', compute='_compute_kz_canteen_balance',
                                         currency_field='kz_canteen_currency_id')
    kz_canteen_currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    kz_canteen_kind = fields.Selection([('free', 'Free'), ('subsidised', 'Subsidised'), ('paid', 'Paid')],
                                       string='Meal entitlement today', compute='_compute_kz_canteen_kind')
    kz_restriction_ids = fields.One2many('kz.canteen.restriction', 'student_id', string='Allergen restrictions')
    kz_meal_ids = fields.One2many('kz.canteen.meal', 'student_id', string='Meals served')
    kz_topup_ids = fields.One2many('kz.canteen.topup', 'student_id', string='Top-ups')

    @api.model
    def kz_canteen_balances(self, student_ids):
        """{student_id: Decimal balance} = recorded top-ups − what meals cost the children (one query)."""
        if not student_ids:
            return {}
        self.env.cr.execute("""
            SELECT s.id,
                   COALESCE((SELECT SUM(t.amount) FROM kz_canteen_topup t
                              WHERE t.student_id = s.id AND t.state = 'posted'), 0)
                 - COALESCE((SELECT SUM(m.child_amount) FROM kz_canteen_meal m WHERE m.student_id = s.id), 0)
              FROM kz_edu_student s WHERE s.id IN %s""", (tuple(student_ids),))
        return {sid: Decimal(str(v)).quantize(canteen_rules.TIYN) for sid, v in self.env.cr.fetchall()}

    @api.depends()
    def _compute_kz_canteen_balance(self):
        balances = self.kz_canteen_balances(self.ids)
        for s in self:
            s.kz_canteen_balance = float(balances.get(s.id, 0))

    @api.model
    def kz_rules_children(self, student_ids, on_date):
        """{student_id: {'id', 'grade', 'class_name', 'categories': [(code, date_from, date_to)], 'school_id'}} for
        canteen_rules, in two queries (the class name is the stored one)."""
        if not student_ids:
            return {}
        cr = self.env.cr
        cr.execute("""SELECT s.id, g.sequence, c.id, s.company_id, s.state, c.name
                        FROM kz_edu_student s
                        LEFT JOIN kz_edu_class c ON c.id = s.class_id
                        LEFT JOIN kz_edu_grade g ON g.id = c.grade_id
                       WHERE s.id IN %s""", (tuple(student_ids),))
        out = {sid: {'id': sid, 'grade': grade if grade is not None else -1, 'class_id': class_id,
                     'class_name': class_name or '', 'school_id': company, 'state': state, 'categories': []}
               for sid, grade, class_id, company, state, class_name in cr.fetchall()}
        cr.execute("""SELECT ss.student_id, cat.code, ss.date_from, ss.date_to
                        FROM kz_edu_student_social ss JOIN kz_edu_social_category cat ON cat.id = ss.category_id
                       WHERE ss.student_id IN %s AND ss.date_from <= %s AND (ss.date_to IS NULL OR ss.date_to >= %s)""",
                   (tuple(student_ids), on_date, on_date))
        for sid, code, date_from, date_to in cr.fetchall():
            out[sid]['categories'].append((code, date_from, date_to))
        return out

    @api.depends()
    def _compute_kz_canteen_kind(self):
        today = fields.Date.context_today(self)
        children = self.kz_rules_children(self.ids, today)
        Pos = self.env['kz.canteen.pos']
        params = {}     # school id -> its canteen parameters today (one query a school)
        for s in self:
            child = children.get(s.id)
            try:
                if child and child['school_id'] not in params:
                    params[child['school_id']] = Pos._kz_params(self.env['res.company'].browse(child['school_id']),
                                                                today)
                s.kz_canteen_kind = (canteen_rules.entitlement(child, today, params[child['school_id']])['kind']
                                     if child else False)
            except canteen_rules.CanteenError:
                s.kz_canteen_kind = 'paid'
