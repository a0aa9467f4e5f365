# -*- coding: utf-8 -*-
"""The canteen till of the demo school closes at the end of the day (issue #13.2): the session's entry books the paid
meals on 6110 (income from paid services), an account that requires a funding source, and gets the till's own
funding source (paid services) on that item; the entry is posted."""
import uuid

from odoo import fields
from odoo.tests import common


@common.at_install(False)
@common.post_install(True)
class TestTillClosing(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestTillClosing, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        cls.school = cls.env.ref('kz_edu_base.company_school1_demo')
        cls.config = cls.env.ref('kz_canteen.pos_config_canteen_demo')
        cls.cashier = cls.env['res.users'].search([('login', '=', 'cashier')], limit=1)
        # the demo cashier closes whatever session the demo left open, then opens her own
        for session in cls.env['pos.session'].search([('config_id', '=', cls.config.id),
                                                      ('state', '!=', 'closed')]):
            session.write({'user_id': cls.cashier.id})

    def _paid_child(self):
        """A child of the school who pays (grade 5-11, no category) with money on the balance, and a dish of
        today's menu of their age group that is not part of the free set."""
        Pos = self.env['kz.canteen.pos'].sudo(self.cashier)
        children = [c for c in Pos.kz_pos_children(self.config.id) if c['kind'] == 'paid']
        balances = self.env['kz.edu.student'].sudo().kz_canteen_balances([c['student_id'] for c in children])
        menus = Pos.kz_pos_menus(self.config.id)['menus']
        for child in children:
            menu = menus.get(child['age_group']) or {}
            for dish_id, item in sorted(menu.items()):
                if not child['restricted'] and balances.get(child['student_id'], 0) >= item['price']:
                    return child, int(dish_id), item['price']
        self.skipTest('the demo has no paying child with money and a menu today')

    def test_the_cashier_closes_the_till_and_the_entry_is_posted_with_a_funding_source(self):
        child, dish, price = self._paid_child()
        session = self.env['pos.session'].search([('config_id', '=', self.config.id),
                                                  ('state', '=', 'opened')], limit=1)
        if not session:
            session = self.env['pos.session'].sudo(self.cashier).create({'config_id': self.config.id,
                                                                        'user_id': self.cashier.id})
        session = session.sudo(self.cashier)
        statement = session.statement_ids.filtered(lambda s: s.journal_id == self.config.kz_balance_journal_id)
        name = 'Order %s' % uuid.uuid4().hex[:12]
        stamp = fields.Datetime.now()
        order = {'id': name, 'to_invoice': False, 'data': {
            'name': name, 'amount_paid': price, 'amount_total': price, 'amount_tax': 0, 'amount_return': 0,
            'lines': [[0, 0, {'product_id': dish, 'qty': 1, 'price_unit': price, 'discount': 0, 'pack_lot_ids': [],
                              'tax_ids': [[6, False, []]]}]],
            'statement_ids': [[0, 0, {'amount': price, 'name': stamp, 'statement_id': statement.id,
                                      'account_id': statement.journal_id.default_debit_account_id.id,
                                      'journal_id': statement.journal_id.id}]],
            'pos_session_id': session.id, 'partner_id': child['partner_id'], 'user_id': self.cashier.id,
            'uid': name[-12:], 'sequence_number': 1, 'creation_date': stamp, 'fiscal_position_id': False,
            'pricelist_id': self.config.pricelist_id.id}}
        order_ids = self.env['pos.order'].sudo(self.cashier).create_from_ui([order])
        # the end of the day: the cashier closes the session
        session.action_pos_session_closing_control()
        self.assertEqual(session.state, 'closed')
        pos_order = self.env['pos.order'].browse(order_ids)
        move = pos_order.account_move
        self.assertEqual(move.state, 'posted')
        income = move.line_ids.filtered(lambda l: l.account_id.code == '6110')
        self.assertTrue(income)
        self.assertTrue(income.account_id.kz_requires_funding)
        self.assertEqual(income.mapped('kz_funding_id'), self.env.ref('kz_gov_account.funding_PAID'))
        self.assertAlmostEqual(sum(income.mapped('credit')) - sum(income.mapped('debit')),
                               sum(session.order_ids.mapped('amount_total')), places=2)
