# -*- coding: utf-8 -*-
"""The month's free and subsidised meals post to the public-sector ledger on its standard entries (HSC-05, HSC-10;
kz_gov_account ACC-02): one entry per funding source — a caterer's meals are a service (entry 234, 7080/3210, ЕБК
159), a school with cooks buys the food and uses it (entries 121 and 135 on 1314, ЕБК 141), the meals of the fund of
universal compulsory education are on ЕБК 163 —, amounts exactly the meals' funding amounts; a month is posted once,
only when finished, never into a closed period, and only by the bookkeeper. The canteen till books on the chart: a
session's sales carry the funding source of paid services (6110 requires one)."""
from decimal import Decimal

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from odoo.addons.kz_canteen_account import meal_posting

from .common import CanteenAccountCase

D = Decimal


@common.at_install(False)
@common.post_install(True)
class TestCanteenAccount(CanteenAccountCase):

    @classmethod
    def setUpClass(cls):
        super(TestCanteenAccount, cls).setUpClass()
        cls.Posting = cls.env['kz.canteen.meal.posting']

    def _meal_sums(self):
        """{canteen funding code: Decimal} of the month's free and subsidised meals, summed here independently."""
        self.env.cr.execute("""SELECT funding, funding_amount, kind FROM kz_canteen_meal
                                WHERE company_id = %s AND date BETWEEN %s AND %s""",
                            (self.school.id, self.start, self.end))
        sums = {}
        for funding, amount, kind in self.env.cr.fetchall():
            if kind in ('free', 'subsidised') and amount:
                sums[funding] = sums.get(funding, D('0.00')) + D(str(amount))
        return sums

    def _post(self, user=None, month=None, mode='catering'):
        wizard = self.env['kz.canteen.post.wizard'].sudo(user or self.bookkeeper).create({
            'company_id': self.school.id, 'month': fields.Date.to_string(month or self.month),
            'supplier_id': self.supplier.id, 'mode': mode})
        action = wizard.action_post()
        return self.Posting.browse(action['res_id'])

    def test_one_entry_per_funding_source_with_the_meal_sums_of_a_caterer_on_ebk_159_and_163(self):
        sums = self._meal_sums()
        self.assertTrue({'LOC', 'VSEOBUCH'} <= set(sums), sums)
        posting = self._post()
        self.assertEqual(posting.mode, 'catering')
        self.assertEqual(len(posting.move_ids), len(sums))
        self.assertEqual(posting.line_ids.mapped('move_id'), posting.move_ids)
        loc = self.env.ref('kz_gov_account.funding_LOC')
        posted = {}
        for line in posting.line_ids:
            move = line.move_id
            self.assertEqual(move.state, 'posted')
            self.assertEqual(move.company_id, self.school)
            self.assertEqual(move.date, fields.Date.to_string(self.end))
            self.assertEqual(move.journal_id.code, 'МО')
            # the fund of universal compulsory education: its own specific 163 (order No. 151), local budget
            expected = self.env.ref('kz_gov_account.ebk_163' if line.funding == 'VSEOBUCH'
                                    else 'kz_gov_account.ebk_159')
            self.assertEqual(move.line_ids.mapped('kz_ebk_id'), expected)
            self.assertEqual(move.line_ids.mapped('kz_funding_id'), loc)
            self.assertEqual(line.funding_id, loc)
            self.assertEqual(set(move.line_ids.mapped('kz_std_entry')), {'234'})
            debit = move.line_ids.filtered(lambda l: l.debit)
            credit = move.line_ids.filtered(lambda l: l.credit)
            self.assertEqual(debit.account_id.code, '7080')
            self.assertEqual(credit.account_id.code, '3210')
            self.assertEqual(credit.partner_id, self.supplier)
            self.assertEqual(D(repr(debit.debit)).quantize(D('0.01')), D(repr(credit.credit)).quantize(D('0.01')))
            posted[line.funding] = D(repr(debit.debit)).quantize(D('0.01'))
            self.assertEqual(D(repr(line.amount)).quantize(D('0.01')), posted[line.funding])
        self.assertEqual(posted, sums)
        self.assertEqual(D(repr(posting.amount)).quantize(D('0.01')), sum(sums.values()))
        self.env.cr.execute("""SELECT SUM(qty) FROM kz_canteen_meal WHERE company_id = %s AND date BETWEEN %s AND %s
                                  AND kind IN ('free', 'subsidised')""", (self.school.id, self.start, self.end))
        self.assertEqual(posting.meals, self.env.cr.fetchone()[0])

    def test_a_school_with_cooks_buys_the_food_and_uses_it_on_ebk_141(self):
        sums = self._meal_sums()
        posting = self._post(mode='cooks')
        self.assertEqual(posting.mode, 'cooks')
        loc_move = posting.line_ids.filtered(lambda l: l.funding == 'LOC').move_id
        by = {(l.account_id.code, l.kz_std_entry): (D(repr(l.debit)).quantize(D('0.01')),
                                                   D(repr(l.credit)).quantize(D('0.01'))) for l in loc_move.line_ids}
        amount = sums['LOC']
        self.assertEqual(by, {('1314', '121'): (amount, D('0.00')), ('3210', '121'): (D('0.00'), amount),
                              ('7060', '135'): (amount, D('0.00')), ('1314', '135'): (D('0.00'), amount)})
        self.assertEqual(loc_move.line_ids.mapped('kz_ebk_id'), self.env.ref('kz_gov_account.ebk_141'))

    def test_the_school_setting_decides_the_way_of_feeding(self):
        self.school.kz_canteen_meals_mode = 'cooks'
        self.assertEqual(self.env['kz.canteen.post.wizard'].sudo(self.bookkeeper).create(
            {'company_id': self.school.id, 'month': fields.Date.to_string(self.month)}).mode, 'cooks')
        self.assertEqual(self.env.ref('kz_edu_base.company_school2_demo').kz_canteen_meals_mode, 'cooks')

    def test_a_month_is_posted_once(self):
        first = self._post()
        with self.assertRaisesRegex(UserError, 'already posted'):
            self._post()
        self.assertEqual(self.Posting.search_count([('company_id', '=', self.school.id),
                                                    ('month', '=', fields.Date.to_string(self.month))]), 1)
        self.assertEqual(len(self.env['account.move'].search([('ref', 'in', first.move_ids.mapped('ref'))])),
                         len(first.move_ids))

    def test_a_month_not_finished_is_refused(self):
        moves_before = self.env['account.move'].search_count([])
        with self.assertRaisesRegex(UserError, 'not finished'):
            self._post(month=self.today)
        self.assertEqual(self.env['account.move'].search_count([]), moves_before)

    def test_a_closed_period_is_refused_and_nothing_is_written(self):
        self.school.period_lock_date = fields.Date.to_string(self.end)
        with self.assertRaisesRegex(UserError, 'closed period'):
            self._post()
        self.assertFalse(self.Posting.search([('company_id', '=', self.school.id)]))

    def test_a_month_without_meals_is_refused(self):
        with self.assertRaisesRegex(UserError, 'nothing to post'):
            self._post(month=self.start.replace(year=self.start.year - 3))

    def test_the_cashier_cannot_post(self):
        with self.assertRaisesRegex(AccessError, 'Only the bookkeeper'):
            self._post(user=self.cashier)
        self.assertFalse(self.Posting.search([('company_id', '=', self.school.id)]))

    def test_the_bookkeeper_of_another_school_cannot_post(self):
        other = self.env.ref('kz_edu_base.company_school2_demo')
        self.bookkeeper.write({'company_ids': [(6, 0, [other.id])], 'company_id': other.id})
        with self.assertRaisesRegex(AccessError, 'not your organisation'):
            self.Posting.sudo(self.bookkeeper).kz_post_month(self.school, self.month)

    def test_wizard_shows_the_amounts_before_posting(self):
        wizard = self.env['kz.canteen.post.wizard'].sudo(self.bookkeeper).create(
            {'company_id': self.school.id, 'month': fields.Date.to_string(self.month)})
        sums = self._meal_sums()
        for amount in sums.values():
            self.assertIn(str(amount), wizard.summary)


@common.at_install(False)
@common.post_install(True)
class TestCanteenTillOnTheGovChart(CanteenAccountCase):
    """The canteen till of a school on the chart of state institutions books on that chart (ACC-01)."""

    def test_demo_till_uses_the_chart_accounts_and_no_stand_ins_are_left(self):
        school = self.env.ref('kz_edu_base.company_school1_demo')
        till = self.env['pos.config'].search([('company_id', '=', school.id), ('kz_is_canteen', '=', True)])
        self.assertEqual(len(till), 1)
        # the prepaid balances are advances received (entry 300: Dt 3410 / Ct 1231), the sales income (334: 6110)
        self.assertEqual(till.kz_balance_journal_id.default_debit_account_id.code, '3410')
        self.assertEqual(till.journal_id.default_credit_account_id.code, '6110')
        self.assertFalse(self.env['account.account'].search([('company_id', '=', school.id),
                                                             ('code', '=like', 'ASH%')]))

    def test_a_new_till_takes_the_chart_accounts(self):
        school = self.school_b      # a school of the shared fixture without a chart nor a till yet
        self.env['account.chart.template'].kz_gov_load_for_companies(school)
        till = self.env['pos.config'].kz_canteen_setup(school, 'Test till')
        self.assertEqual(till.kz_balance_journal_id.default_credit_account_id.code, '3410')
        self.assertFalse(self.env['account.account'].search([('company_id', '=', school.id),
                                                             ('code', '=like', 'ASH%')]))


from odoo.addons.kz_canteen.tests.common import CanteenCase  # noqa: E402  (kz_canteen's test school and till)


@common.at_install(False)
@common.post_install(True)
class TestCanteenTillSessionOnTheGovChart(CanteenCase):
    """Closing a till session of a school on the chart of state institutions posts its sales on the chart: income
    from the sale of services (entry 334: 1231 / 6110) with the funding source of paid services, which 6110
    requires — without it the session could not be closed."""

    @classmethod
    def _make_pos(cls, company):
        cls.env['account.chart.template'].kz_gov_load_for_companies(company)
        return super(TestCanteenTillSessionOnTheGovChart, cls)._make_pos(company)

    def test_a_closed_session_posts_the_sales_on_6110_with_the_funding_source_of_paid_services(self):
        self.assertEqual(self.config.journal_id.default_credit_account_id.code, '6110')
        self.topup(self.paid5, 1000)
        session = self.open_session()
        self.env['pos.order'].sudo(self.cashier).create_from_ui(
            [self.ui_order(session, self.paid5, [(self.plov, 1, 650.0), (self.tea, 1, 60.0)])])
        session.sudo().action_pos_session_closing_control()
        self.assertEqual(session.state, 'closed')
        items = self.env['account.move.line'].search([('company_id', '=', self.school_a.id),
                                                      ('account_id.code', '=', '6110')])
        self.assertEqual(sum(items.mapped('credit')), 710.0)
        self.assertEqual(set(items.mapped('kz_funding_id.code')), {'PAID'})
        self.assertEqual(set(items.mapped('kz_std_entry')), {'334'})
        self.assertEqual(set(items.mapped('move_id.state')), {'posted'})
        # the receivable of the sale (1231) is settled from the prepaid balance, an advance received (3410)
        advance = self.env['account.move.line'].search([('company_id', '=', self.school_a.id),
                                                        ('account_id.code', '=', '3410')])
        self.assertEqual(sum(advance.mapped('debit')), 710.0)
