# -*- coding: utf-8 -*-
"""A posted journal entry is closed (issue #12.4, ACC-02): as the bookkeeper it is not re-dated (into or out of a
closed period), moved to another journal, given other items or other budget dimensions, or set back to draft by
hand; a correction is a reversing entry. Only the bookkeeping roles run the budget execution (issue #12.8)."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from .common import GovAccountCase


@common.at_install(False)
@common.post_install(True)
class TestMoveLocks(GovAccountCase):

    @classmethod
    def setUpClass(cls):
        super(TestMoveLocks, cls).setUpClass()
        # school A of the shared fixture on the state chart, its roles and the department's district (GovAccountCase)
        cls.company = cls.school_a
        cls.ksn = cls.env['account.chart.template'].kz_gov_journal(cls.company, 'cash_budget')

    def _move(self, date='2026-10-15', amount=1000.0, user=None):
        line = {'kz_ebk_id': self.ebk['151'].id, 'kz_funding_id': self.loc.id}
        move = self.env['account.move'].sudo(user or self.bookkeeper).create({
            'journal_id': self.memorial.id, 'date': date, 'ref': 'Utilities',
            'line_ids': [(0, 0, dict(line, account_id=self.acc['7050'].id, debit=amount, name='7050')),
                         (0, 0, dict(line, account_id=self.acc['3310'].id, credit=amount, name='3310'))]})
        move.post()
        return move

    def test_bookkeeper_cannot_redate_or_move_a_posted_entry_ACC02(self):
        move = self._move()
        self.company.period_lock_date = '2026-09-30'
        for vals in ({'date': '2026-09-15'},            # into the closed period
                     {'date': '2026-11-15'},            # to another open month
                     {'journal_id': self.ksn.id},
                     {'state': 'draft'},
                     {'line_ids': [(1, move.line_ids[0].id, {'debit': 2000.0})]}):
            with self.assertRaises(UserError, msg=vals), self.cr.savepoint():
                move.write(vals)
        with self.assertRaises(UserError):
            move.line_ids[0].write({'kz_ebk_id': self.ebk['159'].id})
        with self.assertRaises(UserError):
            move.line_ids[0].write({'kz_funding_id': False})
        with self.assertRaises(UserError):
            self.env['account.move.line'].sudo(self.bookkeeper).with_context(check_move_validity=False).create({
                'move_id': move.id, 'account_id': self.acc['7050'].id, 'debit': 5.0, 'name': 'extra'})
        move.write({'ref': 'Utilities, October'})      # the reference is not the entry
        move.invalidate_cache()
        self.assertEqual((move.date, move.journal_id, move.state, move.amount),
                         ('2026-10-15', self.memorial, 'posted', 1000.0))
        self.assertEqual(set(move.line_ids.mapped('date')), {'2026-10-15'})
        self.assertEqual(move.line_ids.mapped('kz_ebk_id'), self.ebk['151'])

    def test_posted_entry_out_of_a_closed_period_stays_and_is_reversed_ACC02(self):
        move = self._move('2026-09-10')
        self.company.period_lock_date = '2026-09-30'
        with self.assertRaises(UserError), self.cr.savepoint():
            move.write({'date': '2026-10-10'})        # out of the closed period
        with self.assertRaises(UserError):
            move.unlink()
        # the correction: a reversing entry in the open period
        reversal_ids = move.sudo(self.bookkeeper).reverse_moves(date='2026-10-01')
        reversal = self.env['account.move'].browse(reversal_ids)
        self.assertEqual((reversal.state, reversal.date), ('posted', '2026-10-01'))
        self.assertEqual(sum(reversal.line_ids.mapped('debit')), 1000.0)
        self.assertEqual(move.state, 'posted')

    def test_draft_entry_is_not_redated_into_or_out_of_a_closed_period_ACC02(self):
        draft = self.env['account.move'].sudo(self.bookkeeper).create({
            'journal_id': self.memorial.id, 'date': '2026-10-15', 'ref': 'Draft'})
        inside = self.env['account.move'].sudo(self.bookkeeper).create({
            'journal_id': self.memorial.id, 'date': '2026-09-15', 'ref': 'Old draft'})
        self.company.period_lock_date = '2026-09-30'
        with self.assertRaises(UserError), self.cr.savepoint():
            draft.write({'date': '2026-09-20'})
        with self.assertRaises(UserError), self.cr.savepoint():
            inside.write({'date': '2026-10-20'})
        (draft | inside).invalidate_cache()
        self.assertEqual((draft.date, inside.date), ('2026-10-15', '2026-09-15'))
        draft.write({'date': '2026-10-20'})
        self.assertEqual(draft.date, '2026-10-20')

    def test_only_bookkeeping_roles_run_the_budget_execution_ACC17(self):
        for user in (self.teacher, self.cashier):
            wizard = self.env['kz.gov.budget.execution'].sudo(user).create({
                'company_id': self.company.id, 'date_from': '2026-01-01', 'date_to': '2026-12-31'})
            with self.assertRaises(AccessError, msg=user.login):
                wizard.compute_rows()
            with self.assertRaises(AccessError, msg=user.login):
                wizard.action_show()
        for user in (self.bookkeeper, self.director, self.district):
            wizard = self.env['kz.gov.budget.execution'].sudo(user).create({
                'company_id': self.company.id, 'date_from': '2026-01-01', 'date_to': '2026-12-31'})
            rows, total = wizard.compute_rows()
            self.assertIsInstance(rows, list, user.login)
