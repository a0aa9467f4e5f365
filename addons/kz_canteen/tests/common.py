"""A canteen in test school A: class 2 «А» (free meals) and 5 «А» (paid, one child with a social category),
cards, dishes with allergens, today's approved lunch menus for both age groups, a canteen POS with a prepaid
balance payment method, and the cashier and canteen manager users."""
import datetime
import uuid

from odoo import fields

from odoo.addons.kz_edu_contingent.tests.common import ContingentCase


class CanteenCase(ContingentCase):

    @classmethod
    def setUpClass(cls):
        super(CanteenCase, cls).setUpClass()
        env = cls.env
        cls.school_a.kz_canteen_free_meals_per_day = 1
        cls.c2a = env['kz.edu.class'].create({'company_id': cls.school_a.id, 'academic_year_id': cls.year.id,
                                              'grade_id': cls.grade[2].id, 'letter': 'А',
                                              'instruction_lang': 'kk'})
        cls.admit(cls.kids[:2], cls.c2a)            # kids 0, 1: grade 2 → free
        cls.admit(cls.kids[2:5], cls.c5a)           # kids 2, 3, 4: grade 5 → paid; kid 4 orphan → free
        cls.small, cls.free5, cls.paid5 = cls.kids[0], cls.kids[4], cls.kids[2]
        env['kz.edu.student.social'].create({
            'student_id': cls.free5.id, 'category_id': env.ref('kz_edu_contingent.social_orphan').id,
            'date_from': '2026-01-01'})
        Card = env['kz.edu.card']
        cls.cards = {k.id: Card.create({'uid': 'CAFE%04d' % n, 'student_id': k.id}) for n, k in enumerate(cls.kids[:5])}
        o = cls.order('admission', '2026-09-01', [{'student_id': cls.kid_b.id, 'to_class_id': cls.c5a_b.id}],
                      company=cls.school_b, reason=cls.reason_in)
        o.action_confirm()
        cls.card_b = Card.create({'uid': 'BBBB0001', 'student_id': cls.kid_b.id})
        allergen = {a.code: a for a in env['kz.edu.allergen'].search([])}
        cls.allergen = allergen
        Product = env['product.product']
        categ = env.ref('kz_canteen.product_category_dishes')

        def dish(name, price, codes=()):
            return Product.create({'name': name, 'kz_is_dish': True, 'lst_price': price, 'type': 'service',
                                   'available_in_pos': True, 'categ_id': categ.id, 'kz_portion': '200 г',
                                   'kz_allergen_ids': [(6, 0, [allergen[c].id for c in codes])]})
        cls.soup = dish('Көже', 350.0, ('CELERY',))
        cls.plov = dish('Палау', 650.0)
        cls.pancake = dish('Құймақ', 180.0, ('GLUTEN', 'EGGS', 'MILK'))
        cls.tea = dish('Шай', 60.0)
        cls.pos = env['kz.canteen.pos']
        cls.today = cls.pos._kz_local_date(cls.school_a)
        Menu = env['kz.canteen.menu']
        cls.menus = Menu.browse()
        for group in ('7-10', '11-18'):
            cls.menus |= Menu.create({
                'company_id': cls.school_a.id, 'date': fields.Date.to_string(cls.today), 'meal': 'lunch',
                'age_group': group, 'line_ids': [
                    (0, 0, {'product_id': cls.soup.id, 'price': 350.0, 'is_free_set': True}),
                    (0, 0, {'product_id': cls.plov.id, 'price': 650.0, 'is_free_set': True}),
                    (0, 0, {'product_id': cls.pancake.id, 'price': 180.0}),
                    (0, 0, {'product_id': cls.tea.id, 'price': 60.0}),
                ]})
        cls.menus.action_approve()
        cls.cashier = cls.make_user('cashier_a', ['kz_edu_base.group_canteen_cashier'], cls.school_a)
        cls.manager = cls.make_user('canteen_a', ['kz_canteen.group_canteen_manager'], cls.school_a)
        cls.bookkeeper = cls.make_user('canteen_bk_a', ['kz_edu_base.group_bookkeeper'], cls.school_a)
        cls.config = cls._make_pos(cls.school_a)

    @classmethod
    def _make_pos(cls, company):
        return cls.env['pos.config'].kz_canteen_setup(company, 'Canteen %s' % company.name)

    @classmethod
    def topup(cls, student, amount, reference=None):
        t = cls.env['kz.canteen.topup'].create({'student_id': student.id, 'company_id': student.company_id.id,
                                               'amount': amount, 'method': 'kaspi',
                                               'reference': reference or uuid.uuid4().hex[:12]})
        t.action_post()
        return t

    def open_session(self, user=None):
        Session = self.env['pos.session'].sudo(user or self.cashier)
        session = Session.create({'config_id': self.config.id, 'user_id': (user or self.cashier).id})
        return session

    def ui_order(self, session, student, lines, name=None, paid=None, when=None):
        """An order as the POS sends it: lines [(product, qty, unit price)], one payment from the balance."""
        total = sum(q * p for _prod, q, p in lines)
        name = name or 'Order %s' % uuid.uuid4().hex[:12]
        stamp = when or fields.Datetime.now()
        statement = session.statement_ids.filtered(lambda s: s.journal_id == self.config.kz_balance_journal_id)
        payments = []
        amount = total if paid is None else paid
        if amount:
            payments = [[0, 0, {'amount': amount, 'name': stamp, 'statement_id': statement.id,
                                'account_id': statement.journal_id.default_debit_account_id.id,
                                'journal_id': statement.journal_id.id}]]
        return {'id': name, 'to_invoice': False, 'data': {
            'name': name, 'amount_paid': amount, 'amount_total': total, 'amount_tax': 0, 'amount_return': 0,
            'lines': [[0, 0, {'product_id': p.id, 'qty': q, 'price_unit': price, 'discount': 0,
                              'pack_lot_ids': [], 'tax_ids': [[6, False, []]]}] for p, q, price in lines],
            'statement_ids': payments, 'pos_session_id': session.id, 'partner_id': student.partner_id.id,
            'user_id': self.cashier.id, 'uid': name[-12:], 'sequence_number': 1, 'creation_date': stamp,
            'fiscal_position_id': False, 'pricelist_id': self.config.pricelist_id.id}}
