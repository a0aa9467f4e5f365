# -*- coding: utf-8 -*-
"""A posted journal entry is closed (issue #12.4, ACC-02): as the bookkeeper it is not re-dated (into or out of a
closed period), moved to another journal, given other items or other budget dimensions, or set back to draft by
hand; a correction is a reversing entry. Only the bookkeeping roles run the budget execution (issue #12.8)."""
from odoo.exceptions import AccessError, UserError
from odoo.tests import common


@common.at_install(False)
@common.post_install(True)
class TestMoveLocks(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestMoveLocks, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        env = cls.env
        department = env.ref('base.main_company')
        cls.company = env['res.company'].create({'name': 'KZ lock test school', 'parent_id': department.id,
                                                 'currency_id': env.ref('base.KZT').id})
        Chart = env['account.chart.template']
        Chart.kz_gov_load_for_companies(cls.company)
        cls.memorial = Chart.kz_gov_journal(cls.company, 'memorial')
        cls.ksn = Chart.kz_gov_journal(cls.company, 'cash_budget')
        cls.acc = {a.code: a for a in env['account.account'].search([('company_id', '=', cls.company.id)])}
        cls.ebk = {e.code: e for e in env['kz.gov.ebk'].search([('code', 'in', ('151', '159'))])}
        cls.loc = env.ref('kz_gov_account.funding_LOC')
        Users = env['res.users'].with_context(no_reset_password=True)

        def user(login, group):
            return Users.create({'name': login, 'login': 'kzlock_' + login, 'company_id': cls.company.id,
                                 'company_ids': [(6, 0, [cls.company.id])],
                                 'groups_id': [(6, 0, [env.ref('kz_edu_base.' + group).id])]})
        cls.bookkeeper = user('bookkeeper', 'group_bookkeeper')
        cls.chief = user('chief', 'group_chief_bookkeeper')
        cls.director = user('director', 'group_director')
        cls.teacher = user('teacher', 'group_teacher')
        cls.cashier = user('cashier', 'group_canteen_cashier')
        cls.district = Users.create({'name': 'district', 'login': 'kzlock_district', 'company_id': department.id,
                                     'company_ids': [(6, 0, (department | cls.company).ids)],
                                     'groups_id': [(6, 0, [env.ref('kz_edu_base.group_district').id])]})

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
