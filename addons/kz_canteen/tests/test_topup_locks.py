"""A recorded canteen top-up is closed (issue #12.3, SEC-01): as the cashier, its amount, child and date cannot
change, it is not deleted, it is not created directly as recorded, and bad amounts and dates are refused; only a
bookkeeper cancels a recorded top-up, while the money is unspent, and the chatter keeps who did it."""
from decimal import Decimal

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import CanteenCase


class TestTopupLocks(CanteenCase):

    @classmethod
    def setUpClass(cls):
        super(TestTopupLocks, cls).setUpClass()
        cls.bookkeeper.email = 'bookkeeper@school-a.example.kz'     # the chatter writes as them
        cls.Topup = cls.env['kz.canteen.topup']

    def _draft(self, amount=1000, user=None, **vals):
        values = dict({'student_id': self.paid5.id, 'company_id': self.school_a.id, 'amount': amount,
                       'method': 'cash'}, **vals)
        return self.Topup.sudo(user or self.cashier).create(values)

    def balance(self, student):
        return self.env['kz.edu.student'].kz_canteen_balances([student.id])[student.id]

    def test_cashier_cannot_edit_posted_topup_SEC01(self):
        topup = self._draft(1000)
        topup.action_post()
        self.assertEqual(topup.state, 'posted')
        for vals in ({'amount': 5000}, {'student_id': self.small.id}, {'date': '2026-01-01'},
                     {'reference': 'other'}, {'company_id': self.school_b.id}):
            with self.assertRaises(UserError, msg=vals):
                topup.write(vals)
        with self.assertRaises(UserError):
            topup.unlink()
        topup.invalidate_cache()
        self.assertEqual((topup.amount, topup.student_id, topup.state), (1000, self.paid5, 'posted'))
        self.assertEqual(self.balance(self.paid5), Decimal('1000.00'))
        self.assertEqual(self.balance(self.small), Decimal('0.00'))

    def test_cashier_cannot_create_a_topup_already_posted_or_set_its_state_SEC01(self):
        with self.assertRaises(UserError):
            self._draft(1000, state='posted')
        draft = self._draft(1000)
        with self.assertRaises(UserError):
            draft.write({'state': 'posted'})
        with self.assertRaises(UserError):
            draft.write({'state': 'cancelled'})
        self.assertEqual(draft.state, 'draft')
        self.assertEqual(self.balance(self.paid5), Decimal('0.00'))
        draft.write({'amount': 1500})                      # a draft is still corrected freely
        draft.action_post()
        self.assertEqual(self.balance(self.paid5), Decimal('1500.00'))
        self.assertNotEqual(draft.name, '/')

    def test_topup_amount_and_date_bounds_SEC01(self):
        today = self.env['kz.canteen.pos']._kz_local_date(self.school_a)
        for amount in (1e12, 0.001, 200000.01, 0, -100):
            with self.assertRaises(ValidationError, msg=amount), self.cr.savepoint():
                self._draft(amount)
        with self.assertRaises(ValidationError) as exc, self.cr.savepoint():
            self._draft(1000, date='2030-01-01')
        self.assertIn('2030-01-01', str(exc.exception))
        draft = self._draft(200000, date=str(today))          # the maximum itself is accepted
        with self.assertRaises(ValidationError), self.cr.savepoint():
            draft.write({'amount': 2e6})
        draft.invalidate_cache()
        self.assertEqual(draft.amount, 200000)
        self.assertFalse(self.Topup.search([('student_id', '=', self.paid5.id), ('amount', '!=', 200000)]))

    def test_topup_limit_is_the_schools_row_of_the_parameter_store(self):
        """TOPUP_MAX is a row of the suite's one dated-parameter store: a school's own confirmed row lowers the limit
        for that school only, from its date."""
        today = self.env['kz.canteen.pos']._kz_local_date(self.school_a)
        self.env['kz.edu.parameter'].create({
            'code': 'TOPUP_MAX', 'name': 'Largest top-up', 'date_from': str(today), 'value': '5000', 'unit': 'money',
            'domain': 'canteen', 'company_id': self.school_a.id, 'source': 'School order (test only)'}).action_confirm()
        with self.assertRaises(ValidationError) as exc, self.cr.savepoint():
            self._draft(6000, date=str(today))
        self.assertIn('5', str(exc.exception))
        self.assertEqual(self._draft(5000, date=str(today)).amount, 5000)
        self.assertEqual(self.env['kz.canteen.pos']._kz_params(self.school_b, today)['TOPUP_MAX'], Decimal('200000'))

    def test_only_a_bookkeeper_cancels_a_posted_topup_and_it_is_traced_SEC01(self):
        topup = self._draft(700)
        topup.action_post()
        with self.assertRaises(AccessError):
            topup.action_cancel()                           # the cashier
        self.assertEqual(topup.state, 'posted')
        topup.sudo(self.bookkeeper).with_context(tracking_disable=False).action_cancel()
        self.assertEqual(topup.state, 'cancelled')
        self.assertEqual(self.balance(self.paid5), Decimal('0.00'))
        chatter = topup.sudo().message_ids
        tracked = chatter.mapped('tracking_value_ids').filtered(lambda t: t.field == 'state')
        self.assertEqual(tracked.mapped('new_value_char'), ['Cancelled'])
        self.assertEqual(chatter.filtered('tracking_value_ids').mapped('author_id'), self.bookkeeper.partner_id)
        with self.assertRaises(UserError):
            topup.sudo(self.bookkeeper).action_cancel()     # once
        # a draft entered by mistake is cancelled by the cashier herself
        draft = self._draft(300)
        draft.action_cancel()
        self.assertEqual(draft.state, 'cancelled')

    def test_other_school_topups_are_neither_seen_nor_made(self):
        other = self.Topup.create({'student_id': self.kid_b.id, 'company_id': self.school_b.id, 'amount': 500,
                                   'method': 'cash'})
        self.assertFalse(self.Topup.sudo(self.cashier).search([('id', '=', other.id)]))
        with self.assertRaises(AccessError):
            other.sudo(self.cashier).read(['amount'])
        with self.assertRaises(AccessError):
            self._draft(500, student_id=self.kid_b.id, company_id=self.school_b.id)
