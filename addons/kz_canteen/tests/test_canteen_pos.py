"""The canteen till through its backend calls, as the cashier (HSC-02, HSC-04, HSC-08): identification by card,
pricing by entitlement, every refusal, idempotent sync of offline orders, and what the cashier may not see."""
from decimal import Decimal

from odoo.exceptions import AccessError, UserError

from .common import CanteenCase


class TestCanteenPos(CanteenCase):

    def call(self, method, *args, **kw):
        return getattr(self.pos.sudo(self.cashier), method)(self.config.id, *args, **kw)

    # ---------------------------------------------------------------- identification
    def test_card_identifies_the_child_with_class_entitlement_and_allowance_HSC04(self):
        r = self.call('kz_identify', code=' cafe0000 ')
        self.assertTrue(r['ok'], r)
        self.assertEqual(r['student_id'], self.small.id)
        self.assertEqual(r['kind'], 'free')
        self.assertEqual(r['category'], 'PRIMARY')
        self.assertEqual(r['free_meals_left'], 1)
        self.assertIn('2', r['class_name'])
        self.assertEqual(self.call('kz_identify', code='CAFE0004')['kind'], 'free')     # orphan in grade 5
        self.assertEqual(self.call('kz_identify', code='CAFE0002')['kind'], 'paid')

    def test_unknown_blocked_and_foreign_cards_are_refused_with_a_reason(self):
        self.assertEqual(self.call('kz_identify', code='NOSUCH')['code'], 'card_unknown')
        self.cards[self.paid5.id].write({'state': 'blocked'})
        r = self.call('kz_identify', code='CAFE0002')
        self.assertEqual((r['ok'], r['code']), (False, 'card_blocked'))
        self.assertIn('CAFE0002', r['message'])
        self.assertEqual(self.call('kz_identify', code='BBBB0001')['code'], 'card_other_school')
        # the name search stays as the fallback for a child with a blocked card
        self.assertTrue(self.call('kz_identify', partner_id=self.paid5.partner_id.id)['ok'])

    def test_refusal_is_in_the_cashiers_language(self):
        kk = self.pos.sudo(self.cashier).with_context(lang='kk_KZ').kz_identify(self.config.id, code='NOSUCH')
        ru = self.pos.sudo(self.cashier).with_context(lang='ru_RU').kz_identify(self.config.id, code='NOSUCH')
        self.assertNotEqual(kk['message'], ru['message'])
        self.assertIn('NOSUCH', kk['message'])

    # ---------------------------------------------------------------- pricing and refusals
    def test_free_set_meal_is_zero_for_the_child_and_charged_to_the_funding_source(self):
        r = self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 1], [self.plov.id, 1]])
        self.assertTrue(r['ok'], r)
        self.assertEqual(r['child_total'], 0.0)
        self.assertEqual(r['funding_total'], 1000.0)
        self.assertEqual({l['kind'] for l in r['lines']}, {'free'})

    def test_allergen_restricted_by_the_parent_is_refused_HSC08(self):
        self.env['kz.canteen.restriction'].create({'student_id': self.small.id,
                                                   'allergen_id': self.allergen['EGGS'].id})
        r = self.call('kz_decide', self.small.partner_id.id, [[self.pancake.id, 1]])
        self.assertEqual((r['ok'], r['code']), (False, 'allergen_restricted'))
        self.assertIn('Құймақ', r['message'])
        self.assertIn(self.allergen['EGGS'].name, r['message'])

    def test_paid_meal_needs_balance_and_comes_from_it(self):
        r = self.call('kz_decide', self.paid5.partner_id.id, [[self.plov.id, 1]])
        self.assertEqual(r['code'], 'insufficient_balance')
        self.topup(self.paid5, 1000)
        r = self.call('kz_decide', self.paid5.partner_id.id, [[self.plov.id, 1], [self.tea.id, 2]])
        self.assertTrue(r['ok'], r)
        self.assertEqual(r['child_total'], 770.0)
        self.assertEqual(r['balance_after'], 230.0)

    def test_menu_not_approved_refuses_the_sale(self):
        self.menus.action_draft()
        r = self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 1]])
        self.assertEqual(r['code'], 'menu_not_approved')

    def test_dish_not_on_the_menu_and_bad_quantity_are_refused(self):
        other = self.env['product.product'].create({'name': 'Торт', 'kz_is_dish': True, 'lst_price': 900})
        self.assertEqual(self.call('kz_decide', self.small.partner_id.id, [[other.id, 1]])['code'],
                         'dish_not_on_menu')
        self.assertEqual(self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, -1]])['code'],
                         'negative_quantity')

    # ---------------------------------------------------------------- orders synced from the till
    def test_sold_free_meal_is_recorded_once_and_the_second_is_refused(self):
        session = self.open_session()
        order = self.ui_order(session, self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        Order = self.env['pos.order'].sudo(self.cashier)
        ids = Order.create_from_ui([order])
        self.assertEqual(len(ids), 1)
        Order.create_from_ui([order])                      # the same offline order synced again
        meals = self.env['kz.canteen.meal'].search([('student_id', '=', self.small.id)])
        self.assertEqual(len(meals), 2)
        self.assertEqual(set(meals.mapped('kind')), {'free'})
        self.assertEqual(sum(meals.mapped('funding_amount')), 1000.0)
        self.assertEqual(set(meals.mapped('funding')), {'LOC'})
        self.assertEqual(self.env['pos.order'].search_count([('pos_reference', '=', order['data']['name'])]), 1)
        r = self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 1]])
        self.assertEqual(r['code'], 'second_free_meal')
        self.assertEqual(self.call('kz_identify', code='CAFE0000')['free_meals_left'], 0)

    def test_offline_second_free_meal_is_kept_and_flagged_for_review(self):
        session = self.open_session()
        Order = self.env['pos.order'].sudo(self.cashier)
        first = self.ui_order(session, self.small, [(self.soup, 1, 0.0)])
        second = self.ui_order(session, self.small, [(self.plov, 1, 0.0)])
        Order.create_from_ui([first, second])
        meals = self.env['kz.canteen.meal'].search([('student_id', '=', self.small.id)], order='id')
        self.assertEqual(len(meals), 2)
        self.assertEqual(meals.mapped('review'), [False, True])
        self.assertTrue(meals[1].review_note)

    def test_paid_meal_reduces_the_balance(self):
        self.topup(self.paid5, 1000)
        session = self.open_session()
        self.env['pos.order'].sudo(self.cashier).create_from_ui(
            [self.ui_order(session, self.paid5, [(self.plov, 1, 650.0), (self.tea, 1, 60.0)])])
        balance = self.env['kz.edu.student'].kz_canteen_balances([self.paid5.id])[self.paid5.id]
        self.assertEqual(balance, Decimal('290.00'))

    # ---------------------------------------------------------------- menus
    def test_approved_menu_is_frozen(self):
        line = self.menus[0].line_ids[0]
        with self.assertRaises(UserError):
            line.sudo(self.manager).write({'price': 400.0})
        with self.assertRaises(UserError):
            self.menus[0].sudo(self.manager).write({'line_ids': [(0, 0, {'product_id': self.tea.id, 'price': 1})]})

    def test_menu_without_free_set_cannot_be_approved(self):
        menu = self.env['kz.canteen.menu'].create({
            'company_id': self.school_a.id, 'date': '2026-01-15', 'meal': 'snack', 'age_group': '7-10',
            'line_ids': [(0, 0, {'product_id': self.tea.id, 'price': 60.0})]})
        with self.assertRaises(UserError):
            menu.sudo(self.manager).action_approve()

    # ---------------------------------------------------------------- what the cashier sees
    def test_cashier_gets_names_classes_and_entitlements_only(self):
        children = self.call('kz_pos_children')
        by_student = {c['student_id']: c for c in children}
        self.assertIn(self.small.id, by_student)
        self.assertNotIn(self.kid_b.id, by_student)          # another school
        self.assertEqual(set(by_student[self.small.id]), {'student_id', 'partner_id', 'name', 'class_name',
                                                          'card_uids', 'kind'})
        self.assertEqual(by_student[self.small.id]['card_uids'], ['CAFE0000'])

    def test_cashier_cannot_read_salaries_or_iin(self):
        if 'hr.contract' not in self.env:
            self.skipTest('no salary models installed (kz_payroll is not installed with this addon)')
        with self.assertRaises(AccessError):
            self.env['hr.contract'].sudo(self.cashier).search([])
        if 'hr.payslip' in self.env:      # an employee reads only her own payslips (kz_payroll): none here
            Payslip = self.env['hr.payslip']
            theirs = Payslip.search([('employee_id.user_id', '!=', self.cashier.id)])
            mine = Payslip.sudo(self.cashier).search([])
            self.assertFalse(mine & theirs)
        partner = self.small.partner_id.sudo(self.cashier)
        with self.assertRaises(AccessError):
            partner.read(['kz_iin'])
