# -*- coding: utf-8 -*-
"""Served meals: one row per child, dish and kind (free / subsidised / paid) of a POS order line — what the monthly
report, the табель, the reconciliation, the balance and the parents' portal read. Written in bulk (one INSERT per
synced batch) and idempotent: ``order_key`` + ``line_no`` is unique, so an order synced twice is stored once."""
from odoo import api, fields, models

from odoo.addons.kz_edu_base.bulk_sql import insert_rows

KINDS = [('free', 'Free'), ('subsidised', 'Subsidised'), ('paid', 'Paid')]

INSERT_COLUMNS = ('company_id', 'date', 'served_at', 'student_id', 'class_id', 'grade', 'product_id', 'menu_id',
                  'qty', 'price', 'child_amount', 'funding_amount', 'kind', 'category', 'funding',
                  'pos_order_id', 'order_key', 'line_no', 'review', 'review_note')


class KzCanteenMeal(models.Model):
    _name = 'kz.canteen.meal'
    _description = 'Meal served'
    _order = 'served_at desc, id desc'
    _rec_name = 'product_id'

    company_id = fields.Many2one('res.company', string='School', required=True, index=True, readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    served_at = fields.Datetime(string='Served at', readonly=True)
    student_id = fields.Many2one('kz.edu.student', string='Student', required=True, index=True, readonly=True,
                                 ondelete='restrict')
    class_id = fields.Many2one('kz.edu.class', string='Class', readonly=True)
    grade = fields.Integer(readonly=True)
    product_id = fields.Many2one('product.product', string='Dish', required=True, readonly=True)
    menu_id = fields.Many2one('kz.canteen.menu', string='Menu', readonly=True, index=True)
    qty = fields.Integer(string='Quantity', required=True, default=1, readonly=True)
    price = fields.Monetary(string='Menu price', readonly=True, help='Price of one portion on the approved menu.')
    child_amount = fields.Monetary(string='Paid from balance', readonly=True)
    funding_amount = fields.Monetary(string='Paid by the budget', readonly=True)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    kind = fields.Selection(KINDS, required=True, index=True, readonly=True)
    category = fields.Char(string='Entitlement category', readonly=True,
                           help='PRIMARY for grades 1-4, else the code of the social category.')
    funding = fields.Char(string='Funding source', readonly=True, help='Code of the funding source.')
    pos_order_id = fields.Many2one('pos.order', string='POS order', readonly=True, index=True, ondelete='set null')
    order_key = fields.Char(string='Order key', readonly=True, index=True,
                            help='Idempotency key of the order (POS order reference).')
    line_no = fields.Integer(readonly=True, default=0)
    review = fields.Boolean(string='To review', readonly=True, index=True,
                            help='Synced from an offline till and over a limit (free meal, balance): recorded as '
                                 'served, to be checked by the bookkeeper.')
    review_note = fields.Char(readonly=True)

    _sql_constraints = [
        ('order_line_unique', 'unique(order_key, line_no)', 'This order line is already recorded.'),
    ]

    @api.model
    def kz_bulk_record(self, rows):
        """Insert served-meal rows (dicts with INSERT_COLUMNS) in one statement; rows whose (order_key, line_no)
        already exist are skipped. Returns the number inserted."""
        if not rows:
            return 0
        cr = self.env.cr
        uid = self.env.uid
        cols = INSERT_COLUMNS + ('create_uid', 'write_uid', 'create_date', 'write_date')
        now = fields.Datetime.now()
        values = [tuple(r.get(c) for c in INSERT_COLUMNS) + (uid, uid, now, now) for r in rows]
        inserted = insert_rows(cr, 'kz_canteen_meal', cols, values, returning='id',
                               on_conflict='(order_key, line_no) DO NOTHING')
        self.invalidate_cache()
        return len(inserted)

    @api.model
    def kz_served_rows(self, company_id, date_from, date_to, kinds=None):
        """Rows for meal_report (SERVED_FIELDS order): date, child_id, grade, category, funding, dish, price, qty,
        kind, funding_amount — one query."""
        query = """SELECT m.date, m.student_id, m.grade, m.category, m.funding, m.product_id, m.price, m.qty, m.kind,
                          m.funding_amount
                     FROM kz_canteen_meal m
                    WHERE m.company_id = %s AND m.date BETWEEN %s AND %s"""
        args = [company_id, date_from, date_to]
        if kinds:
            query += ' AND m.kind IN %s'
            args.append(tuple(kinds))
        self.env.cr.execute(query + ' ORDER BY m.date, m.student_id, m.id', args)
        return self.env.cr.fetchall()
