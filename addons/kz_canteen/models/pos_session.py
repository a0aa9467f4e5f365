# -*- coding: utf-8 -*-
"""Closing a canteen till's session, set-based.

The till takes paid meals from the children's prepaid balances without a statement line per order
(``pos.order._process_order``): when the session closes, ``_kz_book_balance_payments`` writes one statement line
for what all its orders took from the balances, before Odoo checks and confirms the statements, so the statement
balances and its confirmation makes one journal entry of it (the prepaid balance, an advance received, settles the
receivable of the sales). The session's sale entry is made from the orders in a few queries
(``pos.order._kz_session_move_lines``): one income item per income account and dish, one receivable item for the
session, no partner on either (each child's balance is the canteen's own ledger: top-ups minus the meals, see
``kz.edu.student.kz_canteen_balances``); then the receivable of the sales and the statement's item are reconciled
once for the session. Odoo's own closing wrote one entry per order's payment, an item per child and dish, and
reconciled order by order: a break of 1 200 meals took more than 20 minutes to close.
"""
import logging
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class PosSession(models.Model):
    _inherit = 'pos.session'

    def _kz_canteen_sessions(self):
        return self.filtered(lambda s: s.config_id.kz_is_canteen and s.config_id.kz_balance_journal_id)

    @api.multi
    def _kz_book_balance_payments(self):
        """One statement line per canteen session for what its orders not booked yet took from the prepaid
        balances (sum exact in SQL), linked from those orders. Returns the sessions that got one."""
        booked = self.browse()
        cr = self.env.cr
        for session in self._kz_canteen_sessions():
            config = session.config_id
            journal = config.kz_balance_journal_id
            cr.execute("""SELECT id FROM pos_order
                           WHERE session_id = %s AND kz_balance_line_id IS NULL AND kz_balance_paid <> 0
                           ORDER BY id""", (session.id,))
            order_ids = [row[0] for row in cr.fetchall()]
            if not order_ids:
                continue
            cr.execute('SELECT SUM(kz_balance_paid)::text FROM pos_order WHERE id IN %s', (tuple(order_ids),))
            amount = Decimal(cr.fetchone()[0])
            statement = session.statement_ids.filtered(lambda st: st.journal_id == journal)[:1]
            if not statement:
                raise UserError(_('The session %s has no statement of the payment method %s: its payments from '
                                  'the prepaid balances cannot be booked.') % (session.name, journal.name))
            company = config.company_id
            receivable = self.env['ir.property'].with_context(force_company=company.id).get(
                'property_account_receivable_id', 'res.partner')
            if not receivable:
                raise UserError(_('No receivable account is defined to record the payment.'))
            day = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(session.start_at)) \
                if session.start_at else fields.Datetime.context_timestamp(self, fields.Datetime.now())
            line = self.env['account.bank.statement.line'].create({
                'statement_id': statement.id, 'journal_id': journal.id, 'ref': session.name,
                'date': fields.Date.to_string(day), 'amount': float(amount), 'account_id': receivable.id,
                'name': _('%s: paid from the prepaid balances, %s orders') % (session.name, len(order_ids)),
            })
            self.env['pos.order'].browse(order_ids).write({'kz_balance_line_id': line.id})
            booked |= session
        return booked

    @api.multi
    def _check_pos_session_balance(self):
        # the statement line of the prepaid balances first: Odoo then takes the statement's balance as it is
        self._kz_book_balance_payments()
        return super(PosSession, self)._check_pos_session_balance()

    @api.multi
    def action_pos_session_close(self):
        booked = self._kz_book_balance_payments()   # a session closed without the closing control
        if booked:
            super(PosSession, booked)._check_pos_session_balance()
        return super(PosSession, self).action_pos_session_close()

    def _confirm_orders(self):
        result = super(PosSession, self)._confirm_orders()
        for session in self._kz_canteen_sessions():
            session._kz_reconcile_balance_payments()
        return result

    def _kz_reconcile_balance_payments(self):
        """Reconcile, once for the session, the receivable of its sale entry with the receivable items of its
        statements' entries (the prepaid balances' line and any other payment's)."""
        self.ensure_one()
        Line = self.env['account.move.line'].sudo()
        self.env.cr.execute("""SELECT account_move FROM pos_order WHERE session_id = %s AND account_move IS NOT NULL
                               UNION
                               SELECT l.move_id FROM account_move_line l
                                 JOIN account_bank_statement st ON st.id = l.statement_id
                                WHERE st.pos_session_id = %s""", (self.id, self.id))
        move_ids = [row[0] for row in self.env.cr.fetchall()]
        lines = Line.search([('move_id', 'in', move_ids), ('reconciled', '=', False),
                             ('account_id.internal_type', '=', 'receivable')])
        for account in lines.mapped('account_id'):
            pair = lines.filtered(lambda l: l.account_id == account)
            if pair.filtered('debit') and pair.filtered('credit'):
                try:
                    with self.env.cr.savepoint():
                        pair.reconcile()
                except Exception:
                    # as Odoo does for a till's orders: the closing stands, the bookkeeper reconciles by hand
                    _logger.exception('Reconciliation did not work for the canteen session %s', self.name)
