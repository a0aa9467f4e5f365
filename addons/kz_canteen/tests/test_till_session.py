"""The till's session, set-based (issue #21): a meal paid from the prepaid balance makes no statement line of its
own; when the cashier closes the session, one statement line books what its orders took from the balances, and one
sale entry books the dishes sold (an income item per dish, one receivable item), reconciled with that payment."""
from .common import CanteenCase


class TestTillSession(CanteenCase):

    def sell(self, session, student, lines, **kw):
        Order = self.env['pos.order']
        return Order.browse(Order.sudo(self.cashier).create_from_ui([self.ui_order(session, student, lines, **kw)]))

    def balance_statement(self, session):
        return session.statement_ids.filtered(lambda s: s.journal_id == self.config.kz_balance_journal_id)

    def balance(self, student):
        return float(self.env['kz.edu.student'].kz_canteen_balances([student.id])[student.id])

    def test_a_meal_paid_from_the_balance_is_paid_without_a_statement_line(self):
        self.topup(self.paid5, 1000)
        session = self.open_session()
        order = self.sell(session, self.paid5, [(self.plov, 1, 650.0), (self.tea, 1, 60.0)])
        self.assertEqual(order.state, 'paid')
        self.assertFalse(order.statement_ids)
        self.assertEqual((order.kz_balance_paid, order.amount_total, order.amount_paid), (710.0, 710.0, 710.0))
        self.assertFalse(self.balance_statement(session).line_ids)
        # what the child paid is on her balance at once (the meals are the balance's ledger)
        self.assertEqual(self.balance(self.paid5), 290.0)

    def test_closing_books_one_payment_and_one_sale_entry_and_reconciles_them(self):
        self.topup(self.paid5, 2000)
        session = self.open_session()
        first = self.sell(session, self.paid5, [(self.plov, 1, 650.0), (self.tea, 2, 60.0)])
        second = self.sell(session, self.paid5, [(self.pancake, 1, 180.0)])
        free = self.sell(session, self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        self.assertEqual((free.state, free.amount_total, free.kz_balance_paid), ('paid', 0.0, 0.0))
        session.sudo(self.cashier).action_pos_session_closing_control()
        self.assertEqual(session.state, 'closed')
        self.assertEqual(set((first | second | free).mapped('state')), {'done'})
        # one statement line for the session: what its orders took from the balances
        line = self.balance_statement(session).line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.amount, 950.0)
        self.assertEqual((first | second).mapped('kz_balance_line_id'), line)
        self.assertFalse(free.kz_balance_line_id)
        payment = line.journal_entry_ids
        self.assertEqual(sum(payment.mapped('debit')), 950.0)
        self.assertEqual(payment.filtered('debit').account_id, self.config.kz_balance_journal_id
                         .default_debit_account_id)
        # one sale entry: an income item per dish sold, one receivable item, no child on them
        move = first.account_move
        self.assertEqual(second.account_move, move)
        self.assertEqual(move.state, 'posted')
        income = {l.product_id: l.credit for l in move.line_ids if l.product_id}
        self.assertEqual(income, {self.plov: 650.0, self.tea: 120.0, self.pancake: 180.0})
        self.assertEqual(sum(move.line_ids.mapped('credit')), sum((first | second | free).mapped('amount_total')))
        receivable = move.line_ids.filtered(lambda l: l.account_id.internal_type == 'receivable')
        self.assertEqual((len(receivable), receivable.debit), (1, 950.0))
        self.assertFalse(move.line_ids.mapped('partner_id'))
        # the sale's receivable is settled by the payment from the balances
        settled = receivable | payment.filtered(lambda l: l.account_id == receivable.account_id)
        self.assertTrue(all(settled.mapped('reconciled')))
        self.assertEqual(len(settled.mapped('full_reconcile_id')), 1)

    def test_a_session_of_free_meals_only_closes_without_an_entry(self):
        session = self.open_session()
        free = self.sell(session, self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        session.sudo(self.cashier).action_pos_session_closing_control()
        self.assertEqual((session.state, free.state), ('closed', 'done'))
        self.assertFalse(free.account_move)
        self.assertFalse(self.balance_statement(session).line_ids)
