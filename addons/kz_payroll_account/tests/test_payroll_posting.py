# -*- coding: utf-8 -*-
"""Confirmed payslips post to the chart of state institutions (order No. 170) on its standard entries, by ЕБК
specific (order No. 151) and funding source (ACC-12, issue #4): 243 pay 7010/3241 (ЕБК 111/131), 249 ОПВ 3241/3142,
270 ВОСМС 3241/3152, 251 ИПН 3241/3121, 230 ОПВР 7032/3144 (116), 244 СН 7040/3122 (121), СО 7040/3141 (122; from
2026 no longer through the social tax), 268 ООСМС 7150/3151 (124), 135 every contribution of the technical staff;
each item names its entry; a closed period refuses."""
from decimal import Decimal

from odoo.exceptions import UserError
from odoo.tests import common

from odoo.addons.kz_edu_base import demo_calendar
from odoo.addons.kz_payroll_account import posting_rules

from .common import PayrollPostingCase

D = Decimal
TIYN = D('0.01')


@common.at_install(False)
@common.post_install(True)
class TestPayrollPosting(PayrollPostingCase):

    @staticmethod
    def _amounts(slips):
        totals = {}
        for line in slips.mapped('line_ids'):
            totals[line.code] = totals.get(line.code, D(0)) + D(repr(line.total)).quantize(TIYN)
        return totals

    def _by(self, move, account_code, ebk_code):
        lines = move.line_ids.filtered(lambda l: l.account_id.code == account_code and l.kz_ebk_id.code == ebk_code)
        return (sum(D(repr(l.debit)) for l in lines).quantize(TIYN),
                sum(D(repr(l.credit)) for l in lines).quantize(TIYN))

    def test_teacher_and_technical_payslips_post_by_specific_ACC12(self):
        teach, tech = self._slip(self.teach_contract), self._slip(self.tech_contract)
        (teach | tech).action_payslip_done()
        self.assertTrue(teach.kz_move_id)
        self.assertEqual(teach.kz_move_id, tech.kz_move_id, 'one summarised entry per month and funding source')
        move = teach.kz_move_id
        self.assertEqual(move.state, 'posted')
        self.assertEqual(move.company_id, self.school)
        a, t = self._amounts(teach), self._amounts(tech)
        # pay: 111 for teachers, 131 for technical staff (entry 243); employer pension 116 / 135 (entry 230)
        self.assertEqual(self._by(move, '7010', '111'), (a['GROSS'], D(0)))
        self.assertEqual(self._by(move, '7010', '131'), (t['GROSS'], D(0)))
        self.assertEqual(self._by(move, '7032', '116'), (a['OPVR'], D(0)))
        self.assertEqual(self._by(move, '7150', '124'), (a['OOSMS'], D(0)))
        self.assertEqual(self._by(move, '3151', '124'), (D(0), a['OOSMS']))
        # 7040: the social tax (121) and the social contributions (122): the law of the month decides whether the
        # contributions pass through 3122 (entries 244 + 245, up to 2025) or go to 3141 directly (2026)
        self.assertEqual(self._by(move, '7040', '121'), (a['SN'], D(0)))
        self.assertEqual(self._by(move, '7040', '122'), (a['SO'], D(0)))
        self.assertEqual(self._by(move, '3141', '122'), (D(0), a['SO']))
        debit_3122, credit_3122 = self._by(move, '3122', '121')
        self.assertEqual(credit_3122 - debit_3122, a['SN'])
        # every employer contribution of the technical staff goes to 135
        self.assertEqual(self._by(move, '7032', '135')[0] + self._by(move, '7040', '135')[0] +
                         self._by(move, '7150', '135')[0], t['OPVR'] + t['SN'] + t['SO'] + t['OOSMS'])
        # withholdings leave the payable to the staff for their payables; what is left there is the net pay
        debit_3241, credit_3241 = self._by(move, '3241', '111')
        self.assertEqual(credit_3241 - debit_3241, a['NET'])
        self.assertEqual(self._by(move, '3121', '111'), (D(0), a['IPN']))
        self.assertEqual(self._by(move, '3142', '131'), (D(0), t['OPV']))
        self.assertEqual(self._by(move, '3152', '111'), (D(0), a['VOSMS']))
        # every item names its standard entry; the pairs are the act's
        std = {(l.account_id.code, l.kz_std_entry) for l in move.line_ids}
        for pair in (('7010', '243'), ('3241', '243'), ('3142', '249'), ('3152', '270'), ('3121', '251'),
                     ('7032', '230'), ('3144', '230'), ('7040', '244'), ('3122', '244'), ('7150', '268'),
                     ('3151', '268')):
            self.assertIn(pair, std)
        year = int(self.date_to[:4])
        self.assertEqual(('3141', '245') in std, year <= 2025)
        self.assertEqual(('3141', False) in std, year >= 2026)
        # every line carries the funding source of the contract (local budget by default)
        self.assertEqual(set(move.line_ids.mapped('kz_funding_id.code')), {'LOC'})
        total_debit = sum(D(repr(l.debit)) for l in move.line_ids).quantize(TIYN)
        expected = sum(a[c] + t[c] for c in posting_rules.POSTING if c in a).quantize(TIYN)
        self.assertEqual(total_debit, expected)

    def test_funding_source_of_the_contract_splits_entries(self):
        paid = self.env.ref('kz_gov_account.funding_PAID')
        self.tech_contract.kz_funding_id = paid
        teach, tech = self._slip(self.teach_contract), self._slip(self.tech_contract)
        (teach | tech).action_payslip_done()
        self.assertNotEqual(teach.kz_move_id, tech.kz_move_id)
        self.assertEqual(set(tech.kz_move_id.line_ids.mapped('kz_funding_id')), {paid})

    def test_closed_period_refuses_confirmation(self):
        self.school.sudo().write({'fiscalyear_lock_date': self.date_to})
        slip = self._slip(self.teach_contract)
        with self.assertRaises(UserError) as err:
            slip.action_payslip_done()
        self.assertIn(self.date_from[:4], str(err.exception.name))

    def test_hr_officer_confirms_and_posts_without_accounting_rights(self):
        hr = self.hr
        slip = self._slip(self.teach_contract).sudo(hr)
        slip.action_payslip_done()
        self.assertTrue(slip.sudo().kz_move_id)
        self.assertFalse(hr.has_group('account.group_account_user'))

    def test_pure_entry_lines_balance(self):
        totals = {'GROSS': 300000, 'OPV': 30000, 'VOSMS': 6000, 'IPN': 13425, 'OPVR': 10500, 'SN': 17910,
                  'SO': 13500, 'OOSMS': 9000}
        lines = posting_rules.entry_lines(totals, on_date='2026-10-31')
        self.assertEqual(sum(l[2] for l in lines), sum(l[3] for l in lines))
        self.assertEqual(sum(l[2] for l in lines), D('400335.00'))
        # 2025: entry 245 moves the contributions out of the social tax: 13 500 more on each side
        lines = posting_rules.entry_lines(totals, on_date='2025-10-31')
        self.assertEqual(sum(l[2] for l in lines), D('413835.00'))
        with self.assertRaises(ValueError):
            posting_rules.entry_lines({'GROSS': -1}, on_date='2026-10-31')


@common.at_install(False)
@common.post_install(True)
class TestDemoPayrollPosted(common.TransactionCase):

    def test_demo_payroll_batch_is_posted_ACC12(self):
        """The demo school's payroll batch (the demo calendar's payroll month) is in the ledger: one entry on the last
        day of the month, 7010 = the batch's gross."""
        school = self.env.ref('kz_edu_base.company_school1_demo')
        month_end = str(demo_calendar.month_end(*self.env['kz.payroll.demo'].demo_payroll_month()))
        slips = self.env['hr.payslip'].search([('company_id', '=', school.id), ('state', '=', 'done'),
                                               ('date_to', '=', month_end)])
        self.assertTrue(slips)
        self.assertEqual(len(slips.mapped('kz_move_id')), 1)
        gross = sum(D(repr(l.total)) for l in slips.mapped('line_ids') if l.code == 'GROSS').quantize(TIYN)
        move = slips.mapped('kz_move_id')
        debit_7010 = sum(D(repr(l.debit)) for l in move.line_ids if l.account_id.code == '7010').quantize(TIYN)
        self.assertEqual(debit_7010, gross)
        self.assertEqual(move.date, month_end)
