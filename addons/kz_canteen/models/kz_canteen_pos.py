# -*- coding: utf-8 -*-
"""The canteen point of sale, server side.

* ``kz.canteen.pos`` — the calls the POS makes (``kz_pos_children``, ``kz_identify``, ``kz_decide``): each fetches
  its rows in a few queries and asks canteen_rules; a refusal comes back as ``{'ok': False, 'code', 'message'}``
  in the cashier's language (nothing raised, so the till shows it in a popup and keeps the order).
* ``pos.order.create_from_ui`` — Odoo already skips an order whose reference is stored (an offline order synced
  twice); the orders it creates are then recorded as served meals in one INSERT, priced again on the server. An
  order made offline that the server would have refused (second free meal, balance) is recorded as served — the
  child ate it — and flagged for review with the reason.
"""
import datetime
import logging
import math
from decimal import Decimal

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from odoo.addons import decimal_precision as dp
from odoo.addons.kz_edu_base.user_errors import translate

from .. import canteen_rules

#: the domains of the dated-parameter store (kz.edu.parameter) the canteen reads
CANTEEN_DOMAINS = ('canteen',)

_logger = logging.getLogger(__name__)


class PosConfig(models.Model):
    _inherit = 'pos.config'

    kz_is_canteen = fields.Boolean(string='School canteen',
                                   help='Children are identified by card; meals are priced by entitlement and menu.')
    kz_balance_journal_id = fields.Many2one('account.journal', string='Prepaid balance payment method',
                                            help='The payment method that takes paid meals from the child\'s '
                                                 'prepaid balance.')


    @api.model
    def _kz_canteen_accounts(self, company):
        """The accounts the canteen till books on: {'income': paid meals sold, 'prepaid': the children's prepaid
        balances (advances received), 'receivable': the partners' receivable}. Stand-in accounts (codes ASH...)
        are created for a school without a chart; kz_canteen_account uses the chart of state institutions."""
        env = self.env
        Account = env['account.account'].sudo()

        def account(code, label, xmlid, reconcile=False):
            found = Account.search([('company_id', '=', company.id), ('code', '=', code)], limit=1)
            return found or Account.create({'code': code, 'name': label, 'company_id': company.id,
                                            'reconcile': reconcile, 'user_type_id': env.ref(xmlid).id})
        return {
            'income': lambda: account('ASH601', _('Canteen sales'), 'account.data_account_type_revenue'),
            'prepaid': lambda: account('ASH331', _('Canteen prepaid balances'),
                                       'account.data_account_type_current_liabilities'),
            'receivable': lambda: account('ASH121', _('Canteen receivables'), 'account.data_account_type_receivable',
                                          True),
        }

    @api.model
    def kz_canteen_setup(self, company, name=None):
        """The canteen till of a school, ready to open: a sale journal and a «prepaid balance» payment method
        (with their accounts when the school has none yet) and the POS itself. Reuses what exists."""
        env = self.env
        existing = self.search([('company_id', '=', company.id), ('kz_is_canteen', '=', True)], limit=1)
        if existing:
            return existing
        accounts = self._kz_canteen_accounts(company)       # role -> callable giving the account (made on demand)
        Journal = env['account.journal'].sudo()
        sale = Journal.search([('company_id', '=', company.id), ('type', '=', 'sale')], limit=1)
        if not sale:
            income = accounts['income']()
            sale = Journal.create({'name': _('Canteen sales'), 'code': 'ASH', 'type': 'sale',
                                   'company_id': company.id, 'default_debit_account_id': income.id,
                                   'default_credit_account_id': income.id})
        balance = Journal.search([('company_id', '=', company.id), ('code', '=', 'ASHB')], limit=1)
        if not balance:
            prepaid = accounts['prepaid']()
            balance = Journal.create({'name': _('Prepaid balance'), 'code': 'ASHB', 'type': 'cash',
                                      'company_id': company.id, 'journal_user': True,
                                      'default_debit_account_id': prepaid.id, 'default_credit_account_id': prepaid.id})
        Property = env['ir.property'].sudo()
        for model, field, role in (('res.partner', 'property_account_receivable_id', 'receivable'),
                                   ('product.category', 'property_account_income_categ_id', 'income')):
            if not Property.with_context(force_company=company.id).get(field, model):
                fld = env['ir.model.fields'].search([('model', '=', model), ('name', '=', field)])
                Property.create({'name': field, 'company_id': company.id, 'fields_id': fld.id,
                                 'value_reference': 'account.account,%d' % accounts[role]().id})
        Warehouse = env['stock.warehouse'].sudo()
        warehouse = Warehouse.search([('company_id', '=', company.id)], limit=1) or Warehouse.create({
            'name': _('Canteen store'), 'code': ('A%d' % company.id)[:5], 'company_id': company.id,
            'partner_id': company.partner_id.id})
        pricelist = env['product.pricelist'].sudo().search(
            [('currency_id', '=', company.currency_id.id), '|', ('company_id', '=', company.id),
             ('company_id', '=', False)], limit=1) or env['product.pricelist'].sudo().create(
            {'name': _('Canteen prices'), 'currency_id': company.currency_id.id, 'company_id': company.id})
        return self.sudo().create({
            'name': name or _('Canteen'), 'company_id': company.id, 'journal_id': sale.id,
            'invoice_journal_id': sale.id, 'journal_ids': [(6, 0, [balance.id])], 'kz_is_canteen': True,
            'kz_balance_journal_id': balance.id, 'stock_location_id': warehouse.lot_stock_id.id,
            'iface_customer_facing_display': False, 'customer_facing_display_html': False,
            'pricelist_id': pricelist.id, 'available_pricelist_ids': [(6, 0, [pricelist.id])],
        })


class PosOrder(models.Model):
    _inherit = 'pos.order'

    kz_student_id = fields.Many2one('kz.edu.student', string='Student', readonly=True, index=True)
    kz_meal_ids = fields.One2many('kz.canteen.meal', 'pos_order_id', string='Meals served', readonly=True)
    kz_review = fields.Boolean(string='To review', readonly=True)
    kz_review_note = fields.Char(string='Review note', readonly=True)
    kz_balance_paid = fields.Float(string='Paid from the prepaid balance', digits=dp.get_precision('Account'),
                                   readonly=True,
                                   help='What the order took from the child\'s prepaid balance. It is booked when '
                                        'the session closes, in one statement line for all its orders.')
    kz_balance_line_id = fields.Many2one('account.bank.statement.line', string='Prepaid balance statement line',
                                         readonly=True, index=True, ondelete='set null', copy=False,
                                         help='The session\'s statement line that booked this order\'s payment '
                                              'from the prepaid balance, made when the session closed.')

    @api.model
    def create_from_ui(self, orders):
        # records read only the fields asked for: an order touches a few fields of its till, session, products,
        # partner, company and pricelist, and the prefetch of all their fields was most of a sale's time
        self = self.with_context(prefetch_fields=False)
        order_ids = super(PosOrder, self).create_from_ui(orders)
        if order_ids:
            self.browse(order_ids)._kz_record_meals()
        return order_ids

    def create_picking(self):
        """Only the orders with a stockable or consumable product get Odoo's picking (one query finds them):
        canteen dishes are services, and Odoo's loop read every field of every product of every order to learn
        that."""
        if not self.ids:
            return super(PosOrder, self).create_picking()
        self.env.cr.execute("""SELECT DISTINCT l.order_id FROM pos_order_line l
                                 JOIN product_product p ON p.id = l.product_id
                                 JOIN product_template t ON t.id = p.product_tmpl_id
                                WHERE l.order_id IN %s AND t.type IN ('product', 'consu')""", (tuple(self.ids),))
        goods = {row[0] for row in self.env.cr.fetchall()}
        return super(PosOrder, self.browse([order_id for order_id in self.ids if order_id in goods])).create_picking()

    # ------------------------------------------------------------------ payments from the prepaid balance
    @api.model
    def _kz_balance_journal_of_session(self, session_id):
        """The prepaid balance payment method of a canteen till's session (its id), else None (one query)."""
        self.env.cr.execute("""SELECT c.kz_balance_journal_id FROM pos_session s JOIN pos_config c
                                 ON c.id = s.config_id WHERE s.id = %s AND c.kz_is_canteen""", (session_id,))
        row = self.env.cr.fetchone()
        return row and row[0] or None

    @api.model
    def _process_order(self, pos_order):
        """A canteen order paid from the child's prepaid balance gets no statement line of its own: the amount is
        kept on the order (``kz_balance_paid``) and booked when the session closes, in one statement line for the
        session (``pos.session._kz_book_balance_payments``). One account.bank.statement.line per order cost a
        third of the till's time for a paid meal and recomputed the whole statement's balance at each sale (a
        break of 1 200 meals: 1 200 lines, the last ones summing the 1 199 before them); at closing each one
        became a journal entry of its own. Payments by another method are kept as Odoo keeps them."""
        journal_id = self._kz_balance_journal_of_session(pos_order['pos_session_id'])
        if not journal_id:
            return super(PosOrder, self)._process_order(pos_order)
        from_balance = [p for p in pos_order['statement_ids'] if p[2].get('journal_id') == journal_id]
        if not from_balance:
            return super(PosOrder, self)._process_order(pos_order)
        paid = sum((canteen_rules.to_money(p[2].get('amount') or 0) for p in from_balance), Decimal('0.00'))
        others = [p for p in pos_order['statement_ids'] if p[2].get('journal_id') != journal_id]
        return super(PosOrder, self)._process_order(dict(pos_order, statement_ids=others, kz_balance_paid=paid))

    @api.model
    def _order_fields(self, ui_order):
        values = super(PosOrder, self)._order_fields(ui_order)
        if ui_order.get('kz_balance_paid'):
            values['kz_balance_paid'] = float(ui_order['kz_balance_paid'])
        return values

    @api.depends('statement_ids', 'lines.price_subtotal_incl', 'lines.discount', 'kz_balance_paid')
    def _compute_amount_all(self):
        super(PosOrder, self)._compute_amount_all()
        for order in self.filtered('kz_balance_paid'):
            order.amount_paid = float(canteen_rules.to_money(order.amount_paid)
                                      + canteen_rules.to_money(order.kz_balance_paid))

    def test_paid(self):
        """A canteen order is paid when what it took from the prepaid balance and its statement lines cover its
        total (Odoo's test wants a statement line, which such an order no longer has). For orders whose lines carry
        no tax, the total is read in one query, as amount_total computes it (``_kz_untaxed_subtotals``); through the
        ORM it read the order's lines, their products, taxes, pricelist and currency field by field. Other orders
        are tested by Odoo."""
        self.env.cr.execute("""SELECT o.id, o.kz_balance_paid FROM pos_order o
                                 JOIN pos_session s ON s.id = o.session_id JOIN pos_config c ON c.id = s.config_id
                                WHERE o.id IN %s AND c.kz_is_canteen""", (tuple(self.ids) or (0,),))
        canteen = dict(self.env.cr.fetchall())
        subtotals = self.browse(list(canteen))._kz_untaxed_subtotals()
        if subtotals is None:
            return super(PosOrder, self).test_paid()
        self.env.cr.execute('SELECT pos_statement_id, SUM(amount) FROM account_bank_statement_line '
                            'WHERE pos_statement_id IN %s GROUP BY pos_statement_id', (tuple(canteen) or (0,),))
        paid = dict(self.env.cr.fetchall())
        for order_id, balance_paid in canteen.items():
            if order_id not in subtotals:
                return False
            order = subtotals[order_id]
            # amount_total: the currency's rounding of the sum of the subtotals (no tax)
            total = float_round(sum(amount for _product, _qty, amount in order['lines']),
                                precision_rounding=order['rounding'])
            if not total:
                continue
            if abs(total - ((balance_paid or 0.0) + (paid.get(order_id) or 0.0))) > 0.00001:
                return False
        return super(PosOrder, self - self.browse(list(canteen))).test_paid()

    def _kz_untaxed_subtotals(self):
        """{order id: {'rounding': its currency's rounding, 'lines': [(product id, qty, subtotal)]}} of these orders'
        lines, each subtotal as Odoo's price_subtotal
        computes it without taxes (``compute_all``: price × (1 − discount / 100) × quantity rounded to the
        currency's decimals, five more when the company rounds globally), in one query; None when a line carries a
        tax (then Odoo's computation is the one to use)."""
        result = {}
        if not self.ids:
            return result
        taxes = self.env['pos.order.line']._fields['tax_ids']
        cr = self.env.cr
        cr.execute('SELECT 1 FROM pos_order_line l JOIN "%s" t ON t."%s" = l.id WHERE l.order_id IN %%s LIMIT 1'
                   % (taxes.relation, taxes.column1), (tuple(self.ids),))
        if cr.fetchone():
            return None
        cr.execute("""SELECT l.order_id, l.product_id, l.qty, l.price_unit, l.discount, cur.rounding,
                             co.tax_calculation_rounding_method
                        FROM pos_order_line l JOIN pos_order o ON o.id = l.order_id
                        JOIN product_pricelist pl ON pl.id = o.pricelist_id
                        JOIN res_currency cur ON cur.id = pl.currency_id
                        JOIN res_company co ON co.id = o.company_id
                       WHERE l.order_id IN %s ORDER BY l.order_id, l.id""", (tuple(self.ids),))
        for order_id, product_id, qty, price_unit, discount, rounding, method in cr.fetchall():
            # res.currency's decimal_places, computed from its rounding as Odoo computes it
            decimals = int(math.ceil(math.log10(1 / rounding))) if 0 < (rounding or 0) < 1 else 0
            precision = decimals + (5 if method == 'round_globally' else 0)
            price = (price_unit or 0.0) * (1 - (discount or 0.0) / 100.0)
            order = result.setdefault(order_id, {'rounding': rounding, 'lines': []})
            order['lines'].append((product_id, qty or 0.0, round(price * (qty or 0.0), precision)))
        return result

    # ------------------------------------------------------------------ the session's sale entry
    def _create_account_move_line(self, session=None, move=None):
        """A canteen session's sale entry, set-based (``_kz_session_move_lines``); any other, or a canteen session
        whose sales carry taxes or use anglo-saxon accounting, as Odoo makes it."""
        if session and move is not None and session.config_id.kz_is_canteen and self._kz_plain_sales(session):
            return self._kz_session_move_lines(session, move)
        return super(PosOrder, self)._create_account_move_line(session=session, move=move)

    def _kz_plain_sales(self, session):
        """Whether these orders' lines carry no tax and the company keeps no anglo-saxon accounting (what
        ``_kz_session_move_lines`` books; Odoo's method books the rest)."""
        if session.config_id.company_id.anglo_saxon_accounting or not self.ids:
            return not self.ids
        taxes = self.env['pos.order.line']._fields['tax_ids']
        self.env.cr.execute('SELECT 1 FROM pos_order_line l JOIN "%s" t ON t."%s" = l.id WHERE l.order_id IN %%s '
                            'LIMIT 1' % (taxes.relation, taxes.column1), (tuple(self.ids),))
        return not self.env.cr.fetchone()

    def _kz_session_move_lines(self, session, move):
        """The sale entry of a canteen session's orders, in a few queries: an income item per income account and
        dish (credit = the sum of the lines' subtotals, each computed as Odoo's ``compute_all`` does without taxes,
        price × (1 − discount) × quantity rounded to the currency), one receivable item for their sum, no partner
        (the child's balance is the canteen's own ledger); then the entry is posted and the orders are done. Free
        meals (nothing to book) make no item; a session of free meals only, no entry. Odoo's method builds the items
        order by order, an item per child and dish, and writes each order."""
        cr = self.env.cr
        cr.execute('SELECT id FROM pos_order WHERE id IN %s AND (account_move IS NULL OR state = %s) ORDER BY id',
                   (tuple(self.ids) or (0,), 'paid'))
        order_ids = [row[0] for row in cr.fetchall()]
        if not order_ids:
            return True
        company = session.config_id.company_id
        by_product = {}
        for order in self.browse(order_ids)._kz_untaxed_subtotals().values():
            for product_id, qty, subtotal in order['lines']:
                quantity, amount = by_product.get(product_id, (0.0, Decimal('0.00')))
                by_product[product_id] = (quantity + qty, amount + canteen_rules.to_money(subtotal))
        items, total = [], Decimal('0.00')
        for product in self.env['product.product'].browse(sorted(p for p, (q, a) in by_product.items() if a)):
            quantity, amount = by_product[product.id]
            income = product.property_account_income_id or product.categ_id.property_account_income_categ_id
            if not income:
                raise UserError(_('Define the income account of the dish "%s" (id:%d).')
                                % (product.name, product.id))
            items.append({'name': product.name, 'quantity': quantity, 'product_id': product.id,
                          'account_id': income.id, 'partner_id': False, 'move_id': move.id,
                          'credit': float(amount) if amount > 0 else 0.0,
                          'debit': float(-amount) if amount < 0 else 0.0})
            total += amount
        self.browse(order_ids).write({'state': 'done', 'account_move': move.id if items else False})
        if not items:
            move.sudo().unlink()
            return True
        receivable = self.env['ir.property'].with_context(force_company=company.id).get(
            'property_account_receivable_id', 'res.partner')
        if not receivable:
            raise UserError(_('No receivable account is defined to record the payment.'))
        items.append({'name': _('Trade Receivables'), 'account_id': receivable.id, 'partner_id': False,
                      'move_id': move.id, 'debit': float(total) if total > 0 else 0.0,
                      'credit': float(-total) if total < 0 else 0.0})
        move.sudo().write({'line_ids': [(0, 0, item) for item in items]})
        move.sudo().post()
        return True

    def _filtered_for_reconciliation(self):
        """A canteen session's receivables are reconciled once for the session (pos.session
        ``_kz_reconcile_balance_payments``), not order by order."""
        orders = super(PosOrder, self)._filtered_for_reconciliation()
        return orders.filtered(lambda o: not o.session_id.config_id.kz_is_canteen)

    @api.multi
    def _kz_record_meals(self):
        """Served-meal rows for the canteen orders among these, in one INSERT."""
        Pos = self.env['kz.canteen.pos']
        orders = self.filtered(lambda o: o.session_id.config_id.kz_is_canteen and o.partner_id)
        if not orders:
            return 0
        self.env.cr.execute('SELECT partner_id, id FROM kz_edu_student WHERE partner_id IN %s',
                            (tuple(orders.mapped('partner_id').ids),))
        student_of = dict(self.env.cr.fetchall())
        rows, recorded = [], 0
        for order in orders.sorted('id'):
            student_id = student_of.get(order.partner_id.id)
            if not student_id:
                continue
            company = order.session_id.config_id.company_id
            day = Pos._kz_local_date(company, order.date_order)
            lines = [(l.product_id.id, int(l.qty)) for l in order.lines if l.qty > 0]
            if not lines:
                continue
            ctx = Pos._kz_context(company, student_id, day)
            try:
                sale = Pos._kz_decide(ctx, lines)
                review, note = False, False
            except canteen_rules.CanteenError as e:
                # served offline although the server would refuse it: record what was charged, flag it
                sale, review, note = self._kz_sale_as_charged(order, ctx), True, Pos._kz_message(e)
            order.write({'kz_student_id': student_id, 'kz_review': review, 'kz_review_note': note})
            for i, line in enumerate(sale['lines']):
                rows.extend(self._kz_meal_rows(order, ctx, day, line, i, review, note))
            # the next order of the same child in this batch sees these meals
            recorded += self.env['kz.canteen.meal'].kz_bulk_record(rows)
            rows = []
        self._kz_after_meals_recorded(orders)
        return recorded

    def _kz_meal_rows(self, order, ctx, day, line, index, review, note):
        child, ent = ctx['child'], ctx['entitlement']
        menu_id = ctx['menu_of_dish'].get(line['dish_id'])
        base = {'company_id': ctx['company'].id, 'date': day, 'served_at': order.date_order,
                'student_id': child['id'], 'class_id': child.get('class_id'), 'grade': child['grade'],
                'product_id': line['dish_id'], 'menu_id': menu_id, 'price': line['unit_price'],
                'pos_order_id': order.id, 'order_key': order.pos_reference or order.name,
                'review': review, 'review_note': note}
        out = []
        free_qty, qty = line['free_qty'], line['qty']
        if free_qty:
            funded = line['funding_amount']
            out.append(dict(base, qty=free_qty, kind=ent['kind'], category=ent['category'], funding=line['funding'],
                            funding_amount=funded, child_amount=line['unit_price'] * free_qty - funded,
                            line_no=index * 2))
        if qty - free_qty:
            paid_qty = qty - free_qty
            out.append(dict(base, qty=paid_qty, kind='paid', category=None, funding=ctx['params']['FUNDING_PAID'],
                            funding_amount=Decimal('0.00'), child_amount=line['unit_price'] * paid_qty,
                            line_no=index * 2 + 1))
        return out

    def _kz_sale_as_charged(self, order, ctx):
        """The lines as the till charged them (an offline decision the server would not have made)."""
        ent = ctx['entitlement']
        lines = []
        for l in order.lines.filtered(lambda l: l.qty > 0):
            qty = int(l.qty)
            menu_line = ctx['menu']['lines'].get(l.product_id.id) or {}
            price = canteen_rules.to_money(menu_line.get('price', l.price_unit))
            charged = canteen_rules.to_money(l.price_subtotal_incl)
            funding_amount = max(price * qty - charged, Decimal('0.00'))
            free_qty = qty if funding_amount and ent['kind'] != 'paid' else 0
            lines.append({'dish_id': l.product_id.id, 'name': l.product_id.name, 'qty': qty, 'unit_price': price,
                          'free_qty': free_qty, 'child_amount': charged,
                          'funding_amount': funding_amount if free_qty else Decimal('0.00'),
                          'funding': ent['funding'] if free_qty else ctx['params']['FUNDING_PAID']})
        return {'lines': lines}

    @api.multi
    def _kz_after_meals_recorded(self, orders):
        """Extension point called once per synced batch with the canteen orders just recorded (notifications)."""
        return True


class KzCanteenPos(models.AbstractModel):
    _name = 'kz.canteen.pos'
    _description = 'Canteen POS backend'

    # ------------------------------------------------------------------------------------------ helpers
    @api.model
    def _kz_local_date(self, company, utc_datetime=None):
        tz = pytz.timezone(getattr(company, 'kz_timezone', None) or self.env.user.tz or 'Asia/Almaty')
        moment = fields.Datetime.from_string(utc_datetime) if utc_datetime else datetime.datetime.utcnow()
        return pytz.utc.localize(moment).astimezone(tz).date()

    @api.model
    def _kz_message(self, error):
        """The refusal in the user's language (kz_edu_base user_errors); an allergen refusal names the allergens as
        the school calls them."""
        if error.code == 'allergen_restricted':
            names = self._kz_allergen_names(error.params.get('allergens') or [])
            error = canteen_rules.sale_refused(error.code, **dict(error.params, allergens=names))
        if isinstance(error, canteen_rules.SaleRefused):
            return translate(self.env, error)
        return _('The sale is refused: %s') % translate(self.env, error)

    @api.model
    def _kz_allergen_template(self):
        """The allergen refusal with two %s (the dish, the allergens): formatted here and by the till offline."""
        return _('%s contains %s: the parents have restricted it. Offer another dish.')

    @api.model
    def _kz_allergen_names(self, codes):
        allergens = self.env['kz.edu.allergen'].search([('code', 'in', list(codes))])
        return allergens.mapped('name') or list(codes)

    @api.model
    def _kz_params(self, company, day):
        """The canteen's parameters in force on ``day`` for the school: the rows of the suite's dated-parameter store
        (kz.edu.parameter, domain canteen; one query), the school's meals-a-day setting over them."""
        rows = self.env['kz.edu.parameter'].sudo().rows_for(CANTEEN_DOMAINS, company)
        params = dict(canteen_rules.resolve_parameters(day, rows))
        if company.kz_canteen_free_meals_per_day:
            params['FREE_MEALS_PER_DAY'] = company.kz_canteen_free_meals_per_day
        return params

    @api.model
    def _kz_menu(self, company, day, group):
        """The approved menus of the day for the age group, merged: {id, school_id, date, state, lines} and
        {dish_id: menu_id}. No approved menu → state 'draft' (refused as menu_not_approved). Each line is
        kz.canteen.menu._kz_rules_menu's, the first of a dish winning (breakfast, lunch, snack; the line order of
        each menu); read in one query (the till asks it at every tap: through the ORM it read the menus, their
        lines, the dishes' products and templates and their allergens field by field)."""
        cr = self.env.cr
        lang = self.env.lang
        translated = bool(lang and lang != 'en_US')
        cr.execute("""
            SELECT m.id, m.meal, l.product_id, l.price, l.is_free_set, %s,
                   ARRAY(SELECT a.code FROM kz_canteen_dish_allergen_rel r
                           JOIN kz_edu_allergen a ON a.id = r.allergen_id
                          WHERE r.product_tmpl_id = t.id ORDER BY a.sequence, a.id)
              FROM kz_canteen_menu m
              LEFT JOIN kz_canteen_menu_line l ON l.menu_id = m.id
              LEFT JOIN product_product p ON p.id = l.product_id
              LEFT JOIN product_template t ON t.id = p.product_tmpl_id
              %s
             WHERE m.company_id = %%s AND m.date = %%s AND m.state = 'approved' AND m.age_group = %%s
             ORDER BY CASE m.meal WHEN 'breakfast' THEN 0 WHEN 'lunch' THEN 1 ELSE 2 END, m.id, l.sequence, l.id
        """ % (('COALESCE(tr.value, t.name)', """LEFT JOIN ir_translation tr ON tr.res_id = t.id AND tr.type = 'model'
                   AND tr.name = 'product.template,name' AND tr.lang = %s AND tr.value != ''""")
               if translated else ('t.name', '')),
                   ((lang,) if translated else ()) + (company.id, fields.Date.to_string(day), group))
        lines, menu_of, meals = {}, {}, {}
        for menu_id, meal, dish_id, price, is_free_set, name, allergens in cr.fetchall():
            meals[menu_id] = meal
            if dish_id is None or dish_id in lines:
                continue
            lines[dish_id] = {'name': name, 'price': price, 'is_free_set': bool(is_free_set),
                              'allergens': list(allergens), 'meal': meal}
            menu_of[dish_id] = menu_id
        # the first menu in kz.canteen.menu's order (date desc, meal, age group)
        first = min(meals, key=lambda m: (meals[m], m)) if meals else None
        return ({'id': first, 'school_id': company.id, 'date': day,
                 'state': 'approved' if meals else 'draft', 'lines': lines}, menu_of)

    @api.model
    def _kz_context(self, company, student_id, day, card=None):
        """Everything canteen_rules needs about one child today, in a handful of queries."""
        Student = self.env['kz.edu.student'].sudo()
        child = Student.kz_rules_children([student_id], day).get(student_id)
        params = self._kz_params(company, day)
        menu, menu_of = self._kz_menu(company, day, canteen_rules.age_group(child and child['grade']))
        cr = self.env.cr
        # one free set meal = the free dishes of one meal (menu) in one order: breakfast and lunch are two
        cr.execute("""SELECT COUNT(DISTINCT (order_key, menu_id)) FROM kz_canteen_meal
                       WHERE student_id = %s AND date = %s AND kind IN ('free', 'subsidised')""", (student_id, day))
        meals_today = cr.fetchone()[0]
        cr.execute("""SELECT a.code FROM kz_canteen_restriction r JOIN kz_edu_allergen a ON a.id = r.allergen_id
                       WHERE r.student_id = %s
                      UNION
                      SELECT a.code FROM kz_edu_allergen_kz_edu_student_rel rel
                        JOIN kz_edu_allergen a ON a.id = rel.kz_edu_allergen_id
                       WHERE rel.kz_edu_student_id = %s""", (student_id, student_id))
        restrictions = sorted(r[0] for r in cr.fetchall())
        balance = Student.kz_canteen_balances([student_id]).get(student_id, Decimal('0.00'))
        if card is None:  # chosen by name: the till stands for the card
            card = {'uid': 'name:%s' % student_id, 'child_id': student_id, 'school_id': child and child['school_id'],
                    'blocked': False}
        entitlement = canteen_rules.entitlement(child, day, params) if child else None
        return {'company': company, 'day': day, 'child': child, 'params': params, 'menu': menu,
                'menu_of_dish': menu_of, 'meals_today': meals_today, 'restrictions': restrictions,
                'balance': balance, 'card': card, 'entitlement': entitlement}

    @api.model
    def _kz_decide(self, ctx, lines, check_balance=True):
        balance = ctx['balance'] if check_balance else Decimal('999999999')
        return canteen_rules.decide_sale(
            ctx['child'], ctx['card'], lines, ctx['day'], ctx['meals_today'], balance, ctx['restrictions'],
            ctx['menu'], params=ctx['params'], school_id=ctx['company'].id,
            allow_paid_repeat=ctx['company'].kz_canteen_allow_paid_repeat)

    @api.model
    def _kz_config(self, config_id):
        """The till, checked readable by the user. Its records read only the fields asked for: a till's call
        needs its school and three of the school's settings, the prefetch of every field of pos.config and
        res.company cost more than the rest of the call."""
        config = self.env['pos.config'].with_context(prefetch_fields=False).browse(int(config_id))
        config.check_access_rights('read')
        config.check_access_rule('read')
        return config

    @api.model
    def _kz_student_of_partner(self, partner_id, company):
        self.env.cr.execute('SELECT id FROM kz_edu_student WHERE partner_id = %s AND company_id = %s',
                            (int(partner_id), company.id))
        row = self.env.cr.fetchone()
        return row and row[0]

    @api.model
    def _kz_summary(self, ctx):
        child = ctx['child']
        # the child's name is her partner's (kz.edu.student inherits res.partner): one query, not the prefetch of
        # every field of the student and the partner
        self.env.cr.execute('SELECT p.id, p.name FROM kz_edu_student s JOIN res_partner p ON p.id = s.partner_id '
                            'WHERE s.id = %s', (child['id'],))
        partner_id, name = self.env.cr.fetchone()
        summary = canteen_rules.pos_summary(child, ctx['day'], ctx['meals_today'], ctx['balance'], ctx['params'])
        kinds = {'free': _('Free meal'), 'subsidised': _('Subsidised meal'), 'paid': _('Paid meal')}
        Category = self.env['kz.edu.social.category'].sudo().with_context(prefetch_fields=False)
        category = Category.search([('code', '=', summary['category'])], limit=1) if summary['category'] \
            else Category
        return {
            'ok': True, 'student_id': child['id'], 'partner_id': partner_id, 'name': name,
            'class_name': child['class_name'], 'kind': summary['kind'], 'kind_label': kinds[summary['kind']],
            'category': summary['category'] or '',
            'category_label': category.name or (_('Grades 1-4') if summary['category'] == 'PRIMARY' else ''),
            'free_meals_left': summary['free_meals_left'], 'balance': float(summary['balance']),
            'restrictions': self._kz_allergen_names(ctx['restrictions']) if ctx['restrictions'] else [],
            'photo_url': '/web/image/res.partner/%d/image_medium' % partner_id,
            'menu_approved': ctx['menu']['state'] == 'approved',
        }

    # ------------------------------------------------------------------------------------------ the POS calls
    @api.model
    def kz_pos_children(self, config_id):
        """The school's current students for the till's offline cache: partner, name, class, card UIDs (active
        only), entitlement today (kind, budget share), age group, restricted allergen codes (the parents' and the
        student's own) and the free/subsidised set meals already recorded today — no other personal data. A few
        queries for the whole school, whatever its size."""
        config = self._kz_config(config_id)
        company = config.company_id.sudo()   # the school's settings, read without record rules
        day = self._kz_local_date(company)
        cr = self.env.cr
        cr.execute("""SELECT s.id, s.partner_id, p.name, c.name,
                             ARRAY(SELECT upper(k.uid) FROM kz_edu_card k
                                    WHERE k.student_id = s.id AND k.state = 'active')
                        FROM kz_edu_student s JOIN res_partner p ON p.id = s.partner_id
                        LEFT JOIN kz_edu_class c ON c.id = s.class_id
                       WHERE s.company_id = %s AND s.state = 'enrolled' ORDER BY p.name""", (company.id,))
        rows = cr.fetchall()
        ids = [r[0] for r in rows]
        children = self.env['kz.edu.student'].sudo().kz_rules_children(ids, day)
        params = self._kz_params(company, day)
        restricted, meals_today = {}, {}
        if ids:
            cr.execute("""SELECT r.student_id, a.code FROM kz_canteen_restriction r
                            JOIN kz_edu_allergen a ON a.id = r.allergen_id
                           WHERE r.student_id = ANY(%s)
                          UNION
                          SELECT rel.kz_edu_student_id, a.code FROM kz_edu_allergen_kz_edu_student_rel rel
                            JOIN kz_edu_allergen a ON a.id = rel.kz_edu_allergen_id
                           WHERE rel.kz_edu_student_id = ANY(%s)""", (ids, ids))
            for sid, code in cr.fetchall():
                restricted.setdefault(sid, []).append(code)
            cr.execute("""SELECT student_id, COUNT(DISTINCT (order_key, menu_id)) FROM kz_canteen_meal
                           WHERE student_id = ANY(%s) AND date = %s AND kind IN ('free', 'subsidised')
                           GROUP BY student_id""", (ids, day))
            meals_today = dict(cr.fetchall())
        out = []
        for sid, partner_id, name, class_name, uids in rows:
            child = children[sid]
            try:
                ent = canteen_rules.entitlement(child, day, params)
                kind, share = ent['kind'], ent['budget_share']
            except canteen_rules.CanteenError:
                kind, share = 'paid', Decimal('0')
            out.append({'student_id': sid, 'partner_id': partner_id, 'name': name, 'class_name': class_name or '',
                        'card_uids': list(uids), 'kind': kind, 'budget_share': str(share),
                        'age_group': canteen_rules.age_group(child['grade']), 'restricted': sorted(restricted.get(sid, [])),
                        'free_meals_today': meals_today.get(sid, 0)})
        return out

    @api.model
    def kz_pos_menus(self, config_id):
        """Today's approved menus of the till's school for its offline decisions, merged per age group as the
        server merges them (_kz_menu): {'date', 'free_meals_per_day', 'allow_paid_repeat', 'menus': {age_group:
        {product_id: {price, is_free_set, allergens: [codes], name}}}, 'allergen_names': {code: name} (in the
        server's order), 'messages': {code: refusal}}; an age group without an approved menu is absent (the till
        refuses its sales as the server would). The refusals are the server's, in the cashier's language
        ('allergen_restricted' with two %s: the dish, the allergens)."""
        config = self._kz_config(config_id)
        company = config.company_id.sudo()   # the school's settings, read without record rules
        day = self._kz_local_date(company)
        params = self._kz_params(company, day)
        menus = {}
        for group, _label in self.env['kz.canteen.menu']._fields['age_group'].selection:
            menu, _menu_of = self._kz_menu(company, day, group)
            if menu['state'] != 'approved':
                continue
            menus[group] = {dish_id: {'price': float(canteen_rules.to_money(item['price'])),
                                      'is_free_set': bool(item.get('is_free_set')),
                                      'allergens': sorted(item.get('allergens') or []),
                                      'name': item.get('name') or '', 'meal': item.get('meal') or ''}
                            for dish_id, item in menu['lines'].items()}
        allergens = self.env['kz.edu.allergen'].search([])
        limit = int(params['FREE_MEALS_PER_DAY'])
        messages = {code: self._kz_message(canteen_rules.sale_refused(code, **details)) for code, details in (
            ('menu_not_approved', {}), ('dish_not_on_menu', {}),
            ('negative_quantity', {'maximum': canteen_rules.MAX_QUANTITY}), ('second_free_meal', {'limit': limit}))}
        messages['allergen_restricted'] = self._kz_allergen_template()
        return {'date': fields.Date.to_string(day), 'free_meals_per_day': limit,
                'allow_paid_repeat': bool(company.kz_canteen_allow_paid_repeat), 'menus': menus,
                'allergen_names': {a.code: a.name for a in allergens}, 'messages': messages}

    @api.model
    def kz_identify(self, config_id, code=None, partner_id=None):
        """A card tapped (``code``) or a child chosen by name (``partner_id``): the summary the till shows, or a
        refusal (unknown card, blocked card, card of another school, not a student)."""
        config = self._kz_config(config_id)
        company = config.company_id.sudo()   # the school's settings, read without record rules
        day = self._kz_local_date(company)
        try:
            if code:
                uid = canteen_rules._norm_uid(code)
                self.env.cr.execute("""SELECT upper(k.uid), k.student_id, s.company_id, k.state
                                         FROM kz_edu_card k JOIN kz_edu_student s ON s.id = k.student_id
                                        WHERE upper(k.uid) = %s ORDER BY (k.state = 'active') DESC, k.id DESC
                                        LIMIT 1""", (uid,))
                cards = {r[0]: {'uid': r[0], 'child_id': r[1], 'school_id': r[2], 'blocked': r[3] != 'active'}
                         for r in self.env.cr.fetchall()}
                card = canteen_rules.identify(uid, cards, company.id)
                student_id = card['child_id']
            else:
                card = None
                student_id = self._kz_student_of_partner(partner_id, company) if partner_id else None
                if not student_id:
                    raise canteen_rules.sale_refused('not_a_student', partner=partner_id)
            ctx = self._kz_context(company, student_id, day, card)
            return self._kz_summary(ctx)
        except canteen_rules.CanteenError as e:
            return {'ok': False, 'code': e.code, 'message': self._kz_message(e)}

    @api.model
    def kz_decide(self, config_id, partner_id, lines, code=None):
        """Price an order before payment: ``lines`` [[product_id, qty]]. Returns {'ok': True, 'lines': [{product_id,
        qty, unit_price (what the child pays a unit), free_qty, funding_amount, kind}], 'child_total',
        'funding_total', 'balance_after'} or a refusal {'ok': False, 'code', 'message'}."""
        config = self._kz_config(config_id)
        company = config.company_id.sudo()   # the school's settings, read without record rules
        day = self._kz_local_date(company)
        try:
            student_id = self._kz_student_of_partner(partner_id, company) if partner_id else None
            if not student_id:
                raise canteen_rules.sale_refused('not_a_student', partner=partner_id)
            card = None
            if code:
                identified = self.kz_identify(config_id, code=code)
                if not identified.get('ok'):
                    return identified
            ctx = self._kz_context(company, student_id, day, card)
            pairs = [(int(p), q) for p, q in lines]
            sale = self._kz_decide(ctx, pairs)
        except canteen_rules.CanteenError as e:
            return {'ok': False, 'code': e.code, 'message': self._kz_message(e)}
        out = []
        for line in sale['lines']:
            qty = line['qty']
            out.append({'product_id': line['dish_id'], 'qty': qty,
                        'unit_price': float((line['child_amount'] / qty).quantize(canteen_rules.TIYN)),
                        'free_qty': line['free_qty'], 'funding_amount': float(line['funding_amount']),
                        'kind': sale['entitlement']['kind'] if line['free_qty'] else 'paid'})
        return {'ok': True, 'lines': out, 'child_total': float(sale['child_total']),
                'funding_total': float(sale['funding_total']), 'balance_after': float(sale['balance_after']),
                'free_meals_used': sale['free_meals_used']}
