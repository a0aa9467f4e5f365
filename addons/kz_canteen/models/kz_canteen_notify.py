# -*- coding: utf-8 -*-
"""The parents hear of every meal (HSC-07): after a synced batch of canteen orders, one notification per
(order, guardian) is queued in kz_edu_base's queue (kz.edu.notification) in one INSERT; its cron sends them through
the channel's gateway (e-mail, SMS behind the same interface). The text is built at sending time in the parent's
language: the child, the dishes with their prices, what the child paid, the balance left after the meal and the
time at the school.

Who is notified: the queue's one consent rule decides (kz_edu_base/consent_rules.py): the guardians who chose a
channel («notify by» not «No notifications») when the child has a «Notifications to parents» consent
(kz.edu.consent, purpose ``notifications``) in force on the day the order is queued; for the others the message
is kept as skipped with the reason."""
import pytz

from odoo import _, api, fields, models
from odoo.tools.misc import formatLang


class KzEduNotification(models.Model):
    _inherit = 'kz.edu.notification'

    meal_order_id = fields.Many2one('pos.order', string='Canteen order', readonly=True, index=True,
                                    ondelete='set null')
    meal_balance_after = fields.Monetary(string='Balance after the meal', readonly=True,
                                         currency_field='meal_currency_id',
                                         help='The child\'s canteen balance right after this order.')
    meal_currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)

    @api.model
    def queue_for_meal_orders(self, order_ids):
        """One message per (canteen order with recorded meals, guardian of its child) through kz_edu_base's queue,
        which asks the consent rule for the batch; an order already notified to a guardian is not queued twice.
        Returns the number queued. The balance after each order is read with the order's facts, in one query."""
        if not order_ids:
            return 0
        self.env.cr.execute("""
            WITH served AS (
                SELECT m.pos_order_id AS order_id, m.student_id, m.company_id, MAX(m.id) AS last_meal_id
                  FROM kz_canteen_meal m
                 WHERE m.pos_order_id = ANY(%s)
                 GROUP BY m.pos_order_id, m.student_id, m.company_id)
            SELECT sv.order_id, sv.student_id, sv.company_id,
                   COALESCE((SELECT SUM(t.amount) FROM kz_canteen_topup t
                              WHERE t.student_id = sv.student_id AND t.state = 'posted'), 0)
                 - COALESCE((SELECT SUM(m2.child_amount) FROM kz_canteen_meal m2
                              WHERE m2.student_id = sv.student_id AND m2.id <= sv.last_meal_id), 0)
              FROM served sv ORDER BY sv.order_id""", (list(order_ids),))
        facts = [{'meal_order_id': order_id, 'student_id': student_id, 'company_id': company_id,
                  'meal_balance_after': balance}
                 for order_id, student_id, company_id, balance in self.env.cr.fetchall()]
        return self.kz_enqueue_for_students(facts, unique=('meal_order_id',))

    def _message(self):
        """For a canteen order: the meal in the parent's language (kk or ru, Kazakh by default)."""
        self.ensure_one()
        if not self.meal_order_id:
            return super(KzEduNotification, self)._message()
        lang = self._kz_lang()
        self = self.with_context(lang=lang)
        order = self.meal_order_id.sudo()
        company = self.company_id.sudo() or order.company_id
        currency = company.currency_id
        meals = self.env['kz.canteen.meal'].sudo().search([('pos_order_id', '=', order.id)], order='line_no')
        kinds = dict(self.env['kz.canteen.meal']._fields['kind']._description_selection(self.env))

        def money(amount):
            return formatLang(self.env, amount, currency_obj=currency)

        dishes = []
        for meal in meals:
            # the template's name: product.product's inherited name is cached regardless of the language in
            # Odoo 11, so a batch of messages in kk and ru would repeat the first language's name
            name = meal.product_id.product_tmpl_id.with_context(lang=lang).name
            if meal.qty > 1:
                name = '%s ×%d' % (name, meal.qty)
            dishes.append('%s %s (%s)' % (name, money(currency.round(meal.price * meal.qty)), kinds.get(meal.kind)))
        paid = currency.round(sum(meals.mapped('child_amount')))
        funded = currency.round(sum(meals.mapped('funding_amount')))
        tz = pytz.timezone(company.kz_timezone or 'Asia/Almaty')
        served_at = meals[:1].served_at or order.date_order
        when = pytz.utc.localize(fields.Datetime.from_string(served_at)).astimezone(tz).strftime('%d.%m.%Y %H:%M')
        values = {'student': self.student_id.sudo().name, 'school': company.name, 'time': when,
                  'dishes': '; '.join(dishes), 'paid': money(paid), 'funded': money(funded),
                  'balance': money(self.meal_balance_after)}
        if funded:
            text = _('%(student)s had a meal at %(school)s at %(time)s: %(dishes)s. Paid from the balance: '
                     '%(paid)s, paid by the budget: %(funded)s. Balance left: %(balance)s.')
        else:
            text = _('%(student)s had a meal at %(school)s at %(time)s: %(dishes)s. Paid from the balance: '
                     '%(paid)s. Balance left: %(balance)s.')
        return text % values


class PosOrder(models.Model):
    _inherit = 'pos.order'

    @api.multi
    def _kz_after_meals_recorded(self, orders):
        """Queue the parents' notifications of the orders just recorded (one INSERT for the batch)."""
        result = super(PosOrder, self)._kz_after_meals_recorded(orders)
        if orders and not self.env.context.get('kz_no_notify'):
            self.env['kz.edu.notification'].queue_for_meal_orders(orders.ids)
        return result
