"""The canteen till through its backend calls, as the cashier (HSC-02, HSC-04, HSC-08): identification by card,
pricing by entitlement, every refusal, idempotent sync of offline orders, and what the cashier may not see."""
from decimal import Decimal
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_canteen import canteen_rules

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

    def _breakfast(self):
        """Today's approved breakfast for the young children, with its own free set (porridge)."""
        porridge = self.env['product.product'].create({
            'name': 'Сүт ботқасы', 'kz_is_dish': True, 'lst_price': 250.0, 'type': 'service', 'available_in_pos': True,
            'categ_id': self.env.ref('kz_canteen.product_category_dishes').id, 'kz_portion': '200 г'})
        menu = self.env['kz.canteen.menu'].create({
            'company_id': self.school_a.id, 'date': fields.Date.to_string(self.today), 'meal': 'breakfast',
            'age_group': '7-10', 'line_ids': [(0, 0, {'product_id': porridge.id, 'price': 250.0,
                                                      'is_free_set': True})]})
        menu.action_approve()
        return porridge

    def test_breakfast_and_lunch_sets_are_not_free_together_HSC05(self):
        porridge = self._breakfast()
        r = self.call('kz_decide', self.small.partner_id.id, [[porridge.id, 1], [self.soup.id, 1],
                                                             [self.plov.id, 1]])
        self.assertFalse(r['ok'])
        self.assertEqual(r['code'], 'second_free_meal')
        # one of the two is free
        r = self.call('kz_decide', self.small.partner_id.id, [[porridge.id, 1]])
        self.assertTrue(r['ok'])
        self.assertEqual((r['child_total'], r['free_meals_used']), (0.0, 1))
        # the offline till offers the same rule: the meal of each set dish travels with the menus
        menus = self.call('kz_pos_menus')['menus']['7-10']
        self.assertEqual((menus[porridge.id]['meal'], menus[self.soup.id]['meal']), ('breakfast', 'lunch'))
        # an offline order with both sets is recorded as served and flagged: the second set was not free
        session = self.open_session()
        order = self.ui_order(session, self.small, [(porridge, 1, 0.0), (self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        self.env['pos.order'].sudo(self.cashier).create_from_ui([order])
        meals = self.env['kz.canteen.meal'].search([('student_id', '=', self.small.id)])
        self.assertTrue(all(meals.mapped('review')), meals.mapped('review_note'))

    def test_with_two_free_meals_a_day_breakfast_then_lunch_are_both_free(self):
        self.school_a.kz_canteen_free_meals_per_day = 2
        porridge = self._breakfast()
        session = self.open_session()
        Order = self.env['pos.order'].sudo(self.cashier)
        Order.create_from_ui([self.ui_order(session, self.small, [(porridge, 1, 0.0)])])
        self.assertEqual(self.call('kz_identify', code='CAFE0000')['free_meals_left'], 1)
        r = self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 1], [self.plov.id, 1]])
        self.assertTrue(r['ok'])
        self.assertEqual(r['child_total'], 0.0)
        Order.create_from_ui([self.ui_order(session, self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])])
        self.assertEqual(self.call('kz_identify', code='CAFE0000')['free_meals_left'], 0)
        r = self.call('kz_decide', self.small.partner_id.id, [[porridge.id, 1]])
        self.assertEqual(r['code'], 'second_free_meal')

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
                                                          'card_uids', 'kind', 'age_group', 'restricted',
                                                          'budget_share', 'free_meals_today'})
        self.assertEqual(by_student[self.small.id]['card_uids'], ['CAFE0000'])

    def test_offline_list_carries_what_the_till_needs_to_decide_HSC02_HSC08(self):
        """The offline cache holds per child what canteen_rules.decide_sale needs: age group, the parents' and the
        student's own restricted allergens, the budget share of the free set and today's free meals."""
        self.env['kz.canteen.restriction'].create({'student_id': self.small.id,
                                                   'allergen_id': self.allergen['EGGS'].id})
        self.small.write({'allergen_ids': [(6, 0, [self.allergen['MILK'].id, self.allergen['EGGS'].id])]})
        subsidised = self.kids[3]
        self.env['kz.edu.student.social'].create({
            'student_id': subsidised.id, 'date_from': '2026-01-01',
            'category_id': self.env.ref('kz_edu_contingent.social_large_family').id})
        session = self.open_session()
        Order = self.env['pos.order'].sudo(self.cashier)
        Order.create_from_ui([self.ui_order(session, self.free5, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])])
        self.topup(self.paid5, 1000)
        Order.create_from_ui([self.ui_order(session, self.paid5, [(self.plov, 1, 650.0)])])
        resolve = canteen_rules.resolve_parameters

        def large_family_subsidised(day, rows=None):      # a region where large families pay half
            params = dict(resolve(day, rows))
            params['FREE_SOCIAL_CATEGORIES'] = tuple(c for c in params['FREE_SOCIAL_CATEGORIES']
                                                     if c != 'LARGE_FAMILY')
            params['SUBSIDISED_CATEGORIES'] = ('LARGE_FAMILY',)
            params['SUBSIDISED_SHARE'] = Decimal('0.35')
            return params
        with patch.object(canteen_rules, 'resolve_parameters', large_family_subsidised):
            children = self.call('kz_pos_children')
        by_student = {c['student_id']: c for c in children}
        small, free5, paid5, sub = (by_student[k.id] for k in (self.small, self.free5, self.paid5, subsidised))
        self.assertEqual((small['age_group'], free5['age_group']), ('7-10', '11-18'))
        self.assertEqual(small['restricted'], ['EGGS', 'MILK'])        # parents' EGGS once, the student's MILK
        self.assertEqual(paid5['restricted'], [])
        self.assertEqual((small['kind'], small['budget_share']), ('free', '1'))
        self.assertEqual((paid5['kind'], paid5['budget_share']), ('paid', '0'))
        self.assertEqual((sub['kind'], sub['budget_share']), ('subsidised', '0.35'))
        # one free set meal (two dishes, one order) counts once; a paid meal does not count
        self.assertEqual((free5['free_meals_today'], small['free_meals_today'], paid5['free_meals_today']),
                         (1, 0, 0))

    def test_offline_list_is_read_in_queries_independent_of_the_number_of_children(self):
        """Set-based: one child more (with a card, a restriction and a meal today) costs no query more."""
        def queries():
            self.call('kz_pos_children')                     # warm the ORM's caches of rights and rules
            self.env['kz.edu.student'].invalidate_cache()
            before = self.env.cr.sql_log_count
            children = self.call('kz_pos_children')
            return self.env.cr.sql_log_count - before, children
        count, children = queries()
        newcomer = self.kids[5]
        self.admit(newcomer, self.c2a)
        self.env['kz.edu.card'].create({'uid': 'CAFE0005', 'student_id': newcomer.id})
        self.env['kz.canteen.restriction'].create({'student_id': newcomer.id, 'allergen_id': self.allergen['FISH'].id})
        self.env['pos.order'].sudo(self.cashier).create_from_ui(
            [self.ui_order(self.open_session(), newcomer, [(self.soup, 1, 0.0)])])
        count_more, more = queries()
        self.assertEqual(len(more), len(children) + 1)
        new = [c for c in more if c['student_id'] == newcomer.id][0]
        self.assertEqual((new['restricted'], new['free_meals_today'], new['card_uids']), (['FISH'], 1, ['CAFE0005']))
        self.assertLessEqual(count_more, count)

    def test_offline_menus_are_todays_approved_menus_per_age_group_HSC02_HSC08(self):
        """kz_pos_menus gives the till the menu the server decides with (_kz_menu), per age group."""
        self.school_a.kz_canteen_free_meals_per_day = 2
        Menu = self.env['kz.canteen.menu']
        other = self.env['product.product'].create({'name': 'Алма', 'kz_is_dish': True, 'lst_price': 90})
        today = fields.Date.to_string(self.today)
        snack = Menu.create({'company_id': self.school_a.id, 'date': today, 'meal': 'snack',
                             'age_group': '7-10', 'line_ids': [
                                 (0, 0, {'product_id': other.id, 'price': 95.5, 'is_free_set': True}),
                                 (0, 0, {'product_id': self.tea.id, 'price': 70.0})]})
        snack.action_approve()
        Menu.create({'company_id': self.school_a.id, 'date': today, 'meal': 'breakfast',
                     'age_group': '11-18', 'line_ids': [(0, 0, {'product_id': other.id, 'price': 99.0,
                                                                 'is_free_set': True})]})   # draft: not sold
        r = self.call('kz_pos_menus')
        self.assertEqual(r['free_meals_per_day'], 2)
        self.assertIs(r['allow_paid_repeat'], False)
        self.assertEqual(r['date'], str(self.today))
        self.assertEqual(set(r['menus']), {'7-10', '11-18'})
        small = r['menus']['7-10']
        self.assertEqual(set(small), {self.soup.id, self.plov.id, self.pancake.id, self.tea.id, other.id})
        self.assertEqual(small[self.soup.id], {'price': 350.0, 'is_free_set': True, 'allergens': ['CELERY'],
                                               'name': 'Көже', 'meal': 'lunch'})
        self.assertEqual(small[self.pancake.id]['allergens'], ['EGGS', 'GLUTEN', 'MILK'])
        self.assertIs(small[self.pancake.id]['is_free_set'], False)
        self.assertEqual(small[self.tea.id]['price'], 60.0)                 # the lunch line wins, as on the server
        self.assertEqual(small[other.id]['price'], 95.5)
        self.assertNotIn(other.id, r['menus']['11-18'])                     # its menu is not approved
        # the same menu as the server decides with, dish by dish
        server, _menu_of = self.pos._kz_menu(self.school_a, self.today, '7-10')
        self.assertEqual({d: Decimal(str(i['price'])) for d, i in small.items()},
                         {d: Decimal(str(i['price'])) for d, i in server['lines'].items()})
        self.assertEqual(r['allergen_names']['EGGS'], self.allergen['EGGS'].name)
        # the till refuses offline with the words the server uses online
        self.env['kz.canteen.restriction'].create({'student_id': self.small.id,
                                                   'allergen_id': self.allergen['EGGS'].id})
        online = self.call('kz_decide', self.small.partner_id.id, [[self.pancake.id, 1]])
        self.assertEqual(online['code'], 'allergen_restricted')
        self.assertEqual(r['messages']['allergen_restricted'] % ('Құймақ', self.allergen['EGGS'].name),
                         online['message'])
        cake = self.env['product.product'].create({'name': 'Торт', 'kz_is_dish': True, 'lst_price': 900})
        self.assertEqual(r['messages']['dish_not_on_menu'],
                         self.call('kz_decide', self.small.partner_id.id, [[cake.id, 1]])['message'])
        self.assertEqual(r['messages']['negative_quantity'],
                         self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 21]])['message'])
        self.assertEqual(r['messages']['second_free_meal'],
                         self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 3]])['message'])
        self.assertIn('2', r['messages']['second_free_meal'])
        ru = self.pos.sudo(self.cashier).with_context(lang='ru_RU').kz_pos_menus(self.config.id)['messages']
        self.assertNotEqual(ru['dish_not_on_menu'], r['messages']['dish_not_on_menu'])
        self.menus.action_draft()
        snack.action_draft()
        r = self.call('kz_pos_menus')
        self.assertEqual(r['menus'], {})                                    # nothing approved: nothing sold
        self.assertEqual(r['messages']['menu_not_approved'],
                         self.call('kz_decide', self.small.partner_id.id, [[self.soup.id, 1]])['message'])

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

    # ---------------------------------------------------------------- top-ups: bad input loses nothing
    def test_topup_bad_input_is_refused_and_a_payment_counts_once(self):
        from psycopg2 import IntegrityError
        from odoo.exceptions import ValidationError
        from odoo.tools import mute_logger
        Topup = self.env['kz.canteen.topup'].sudo(self.cashier)
        with self.assertRaises(ValidationError):
            Topup.create({'student_id': self.paid5.id, 'company_id': self.school_a.id, 'amount': -500,
                          'method': 'cash'})
        with self.assertRaises(ValidationError):          # a student of another school
            Topup.create({'student_id': self.kid_b.id, 'company_id': self.school_a.id, 'amount': 500,
                          'method': 'cash'})
        self.topup(self.paid5, 1000, reference='KASPI-0001')
        with self.assertRaises(IntegrityError), mute_logger('odoo.sql_db'), self.cr.savepoint():
            self.topup(self.paid5, 1000, reference='KASPI-0001')      # the same payment recorded again
        balances = self.env['kz.edu.student'].kz_canteen_balances
        self.assertEqual(balances([self.paid5.id])[self.paid5.id], Decimal('1000.00'))

    def test_cancelling_a_spent_topup_is_refused(self):
        topup = self.topup(self.paid5, 700)
        session = self.open_session()
        self.env['pos.order'].sudo(self.cashier).create_from_ui(
            [self.ui_order(session, self.paid5, [(self.plov, 1, 650.0)])])
        with self.assertRaises(UserError):
            topup.sudo(self.bookkeeper).action_cancel()           # a recorded top-up: the bookkeeper cancels it
        self.assertEqual(topup.state, 'posted')
        spare = self.topup(self.paid5, 100)
        spare.sudo(self.bookkeeper).action_cancel()               # unspent: 50 ₸ stay on the balance
        self.assertEqual(spare.state, 'cancelled')
        balance = self.env['kz.edu.student'].kz_canteen_balances([self.paid5.id])[self.paid5.id]
        self.assertEqual(balance, Decimal('50.00'))
