# -*- coding: utf-8 -*-
"""Posting rules of the public-sector ledger through the ORM (ACC-02): balance to the tiyn, required ЕБК specific
and funding source, closed periods named in the message, kz_bulk_post (writes what it is given, refuses bad input
atomically, continues the journal's numbering), access of the director and separation of schools (ACC-18,
SEC-05)."""
from decimal import Decimal

from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from .common import GovAccountCase

D = Decimal


@common.at_install(False)
@common.post_install(True)
class TestKzGovLedger(GovAccountCase):

    @classmethod
    def setUpClass(cls):
        super(TestKzGovLedger, cls).setUpClass()
        # the shared fixture's schools A and B on the state chart (GovAccountCase)
        cls.company, cls.other = cls.school_a, cls.school_b
        cls.ksn = cls.env['account.chart.template'].kz_gov_journal(cls.company, 'plan_local_current')

    # ------------------------------------------------------------------------------------------ helpers
    def _item(self, code, debit=0, credit=0, ebk='151', funding=True, name=None, acc=None):
        acc = acc or self.acc
        return {'account_id': acc[code].id, 'debit': debit, 'credit': credit, 'name': name or code,
                'kz_ebk_id': self.ebk[ebk].id if ebk else False,
                'kz_funding_id': self.loc.id if funding else False}

    def _bill(self, amount=D('125000.50'), date='2026-10-31', ref='Utilities 10.2026', ebk='151'):
        return {'date': date, 'ref': ref,
                'lines': [self._item('7080', debit=amount, ebk=ebk), self._item('3210', credit=amount, ebk=ebk)]}

    def _orm_move(self, entry, user=None, journal=None):
        Move = self.env['account.move'].sudo(user) if user else self.env['account.move']
        return Move.create({'journal_id': (journal or self.memorial).id, 'date': entry['date'], 'ref': entry['ref'],
                            'line_ids': [(0, 0, dict(l, debit=float(l['debit']), credit=float(l['credit'])))
                                         for l in entry['lines']]})

    def _counts(self):
        return (self.env['account.move'].search_count([('company_id', '=', self.company.id)]),
                self.env['account.move.line'].search_count([('company_id', '=', self.company.id)]))

    # ------------------------------------------------------------------------------------------ ORM posting
    def test_entry_with_dimensions_is_posted_by_the_bookkeeper_ACC02(self):
        move = self._orm_move(self._bill(), user=self.bookkeeper)
        move.post()
        self.assertEqual(move.state, 'posted')
        self.assertTrue(move.name.startswith('МО/2026/'), move.name)
        self.assertEqual(move.line_ids.mapped('kz_ebk_id'), self.ebk['151'])

    def test_unbalanced_entry_is_refused_and_nothing_written_ACC02(self):
        before = self._counts()
        entry = self._bill()
        entry['lines'][1]['credit'] = D('125000.49')
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._orm_move(entry, user=self.bookkeeper)
        self.assertEqual(self._counts(), before)

    def test_item_without_required_ebk_is_refused_naming_entry_and_account_ACC02(self):
        entry = self._bill(ref='No specific')
        entry['lines'][0]['kz_ebk_id'] = False
        move = self._orm_move(entry, user=self.bookkeeper)
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            move.post()
        message = ctx.exception.name
        self.assertIn('No specific', message)
        self.assertIn('account 7080', message)
        self.assertIn('no ЕБК economic specific', message)
        self.assertNotIn('3210', message)
        move.invalidate_cache()
        self.assertEqual((move.state, move.name), ('draft', '/'))

    def test_item_without_required_funding_source_is_refused_ACC02(self):
        entry = self._bill(ref='No funding')
        entry['lines'][1]['kz_funding_id'] = False
        move = self._orm_move(entry, user=self.bookkeeper)
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            move.post()
        self.assertIn('account 3210: the item has no funding source', ctx.exception.name)
        self.assertEqual(move.state, 'draft')

    def test_a_group_of_the_classification_is_not_a_specific_ACC02(self):
        entry = self._bill()
        entry['lines'][0]['kz_ebk_id'] = self.ebk['150'].id
        move = self._orm_move(entry, user=self.bookkeeper)
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            move.post()
        self.assertIn('is not an ЕБК economic specific', ctx.exception.name)

    def test_closed_period_is_refused_with_the_period_named_ACC02(self):
        self.company.write({'period_lock_date': '2026-09-30'})
        move = self._orm_move(self._bill(date='2026-09-15', ref='Late bill'), user=self.bookkeeper)
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            move.post()
        message = ctx.exception.name
        self.assertIn('September 2026', message)
        self.assertIn('2026-09-30', message)
        self.assertIn('Late bill', message)
        # in Kazakh and Russian the period is named in the language of the user
        for lang, period in (('kk_KZ', 'Қыркүйек 2026'), ('ru_RU', 'Сентябрь 2026')):
            with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
                move.with_context(lang=lang).post()
            self.assertIn(period, ctx.exception.name)
            self.assertIn('30.09.2026', ctx.exception.name)
        self.assertEqual(move.state, 'draft')
        # October is open; the chief bookkeeper (adviser) is held by the fiscal year lock date only
        self._orm_move(self._bill(date='2026-10-01'), user=self.bookkeeper).post()
        self._orm_move(self._bill(date='2026-09-15'), user=self.chief).post()
        self.company.write({'fiscalyear_lock_date': '2025-12-31'})
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self._orm_move(self._bill(date='2025-12-31'), user=self.chief).post()
        self.assertIn('December 2025', ctx.exception.name)

    def test_off_balance_accounts_are_not_mixed_with_the_balance_sheet_ACC02(self):
        entry = {'date': '2026-10-31', 'ref': 'Off balance', 'lines': [
            self._item('02', debit=D('100.00'), ebk=None, funding=False),
            self._item('1316', credit=D('100.00'), ebk=None, funding=False)]}
        with self.assertRaises(UserError) as ctx:
            self.env['account.move'].kz_bulk_post(self.memorial, [entry])
        self.assertIn('off-balance accounts (01–09) and accounts of the balance sheet in one entry',
                      ctx.exception.name)

    def test_items_name_their_standard_entry_ACC02(self):
        entry = self._bill(ref='Numbered')
        for line in entry['lines']:
            line['kz_std_entry'] = '234'
        [move_id] = self.env['account.move'].kz_bulk_post(self.memorial, [entry])
        self.assertEqual(set(self.env['account.move'].browse(move_id).line_ids.mapped('kz_std_entry')), {'234'})

    # ------------------------------------------------------------------------------------------ bulk posting
    def test_bulk_post_writes_what_it_is_given_ACC02(self):
        before = self._counts()
        entries = []
        for i in range(60):
            amount = D('1000.01') * (i + 1)
            month = i % 10 + 1
            entries.append({'date': '2026-%02d-%02d' % (month, i % 27 + 1), 'ref': 'Bulk %d' % i, 'lines': [
                self._item('7080', debit=amount, ebk='159'),
                self._item('7080', debit=D('0.99'), ebk='151'),
                self._item('3210', credit=amount + D('0.99'), ebk='159')]})
        ids = self.env['account.move'].sudo(self.bookkeeper).kz_bulk_post(self.memorial.id, entries)
        self.assertEqual(len(ids), 60)
        moves = self.env['account.move'].browse(ids)
        self.assertEqual(moves.mapped('ref'), ['Bulk %d' % i for i in range(60)])
        self.assertEqual(set(moves.mapped('state')), {'posted'})
        self.assertEqual(self._counts(), (before[0] + 60, before[1] + 180))
        lines = moves.mapped('line_ids')
        expected = sum((D('1000.01') * (i + 1) + D('0.99') for i in range(60)), D(0))
        self.assertEqual(D(repr(sum(lines.mapped('debit')))).quantize(D('0.01')), expected)
        self.assertEqual(D(repr(sum(moves.mapped('amount')))).quantize(D('0.01')), expected)
        self.assertAlmostEqual(sum(lines.mapped('balance')), 0.0, places=2)
        # numbers: unique, from the journal's sequence, in date order
        self.assertEqual(len(set(moves.mapped('name'))), 60)
        by_name = moves.sorted(lambda m: m.name)
        self.assertEqual(by_name.mapped('date'), sorted(moves.mapped('date')))
        self.assertTrue(all(n.startswith('МО/2026/') for n in moves.mapped('name')))
        payable = lines.filtered(lambda l: l.account_id.code == '3210')
        self.assertEqual(payable.mapped('amount_residual'), [-l.credit for l in payable])
        self.assertEqual(set(lines.mapped('company_id')), {self.company})

    def test_bulk_post_equals_the_orm_column_by_column_ACC02(self):
        entry = self._bill(amount=D('77777.77'), ref='Twin')
        entry['lines'][1]['partner_id'] = self.company.partner_id.id
        orm = self._orm_move(entry)
        orm.post()
        bulk = self.env['account.move'].browse(self.env['account.move'].kz_bulk_post(self.memorial, [entry]))
        fields_move = ['date', 'ref', 'journal_id', 'company_id', 'currency_id', 'state', 'partner_id', 'amount',
                       'matched_percentage']
        self.assertEqual(bulk.read(fields_move)[0], dict(orm.read(fields_move)[0], id=bulk.id))
        fields_line = ['name', 'account_id', 'debit', 'credit', 'balance', 'debit_cash_basis', 'credit_cash_basis',
                       'balance_cash_basis', 'amount_currency', 'company_currency_id', 'currency_id',
                       'amount_residual', 'amount_residual_currency', 'reconciled', 'journal_id', 'date',
                       'date_maturity', 'ref', 'company_id', 'user_type_id', 'partner_id', 'tax_exigible', 'blocked',
                       'kz_ebk_id', 'kz_funding_id']
        for a, b in zip(orm.line_ids.sorted('account_id'), bulk.line_ids.sorted('account_id')):
            ra, rb = a.read(fields_line)[0], b.read(fields_line)[0]
            ra.pop('id'), rb.pop('id')
            self.assertEqual(ra, rb)
        # the numbers continue each other
        number = int(orm.name.rsplit('/', 1)[1])
        self.assertEqual(int(bulk.name.rsplit('/', 1)[1]), number + 1)
        after = self._orm_move(self._bill(ref='After'))
        after.post()
        self.assertEqual(int(after.name.rsplit('/', 1)[1]), number + 2)

    def test_bulk_post_refuses_bad_input_atomically_ACC02(self):
        before = self._counts()
        seq_range = self.memorial.sequence_id.date_range_ids
        next_numbers = seq_range.mapped('number_next')
        bad_balance = self._bill(ref='Bad balance')
        bad_balance['lines'][0]['debit'] = D('125000.51')
        no_ebk = self._bill(ref='Bad specific')
        no_ebk['lines'][0]['kz_ebk_id'] = False
        foreign = self._bill(ref='Foreign account')
        foreign['lines'][0]['account_id'] = self.other_acc['7080'].id
        entries = [self._bill(ref='Good 1'), bad_balance, self._bill(ref='Good 2'), no_ebk, foreign]
        with self.assertRaises(UserError) as ctx:
            self.env['account.move'].sudo(self.bookkeeper).kz_bulk_post(self.memorial, entries)
        message = ctx.exception.name
        self.assertIn('Nothing was posted', message)
        self.assertIn('Bad balance: not balanced', message)
        self.assertIn('Bad specific: account 7080: the item has no ЕБК economic specific', message)
        self.assertIn('Foreign account: item 1: the account does not exist or belongs to another organisation',
                      message)
        self.assertNotIn('Good', message)
        self.assertEqual(self._counts(), before)
        self.assertEqual(self.memorial.sequence_id.date_range_ids.mapped('number_next'), next_numbers)

    def test_bulk_post_refuses_a_closed_period_ACC02(self):
        self.company.write({'period_lock_date': '2026-06-30'})
        with self.assertRaises(UserError) as ctx:
            self.env['account.move'].sudo(self.bookkeeper).kz_bulk_post(
                self.memorial, [self._bill(date='2026-07-01'), self._bill(date='2026-06-30', ref='June bill')])
        self.assertIn('June bill: June 2026 is a closed period', ctx.exception.name)
        self.assertNotIn('July', ctx.exception.name)

    def test_bulk_post_of_a_tiyn_fraction_is_refused(self):
        with self.assertRaises(UserError) as ctx:
            self.env['account.move'].kz_bulk_post(self.memorial, [self._bill(amount=D('10.005'), ref='Fraction')])
        self.assertIn('not a whole number of tiyn', ctx.exception.name)

    # ------------------------------------------------------------------------------------------ access
    def test_director_reads_the_ledger_but_cannot_create_or_post_ACC18(self):
        move = self._orm_move(self._bill(ref='Read me'))
        move.post()
        draft = self._orm_move(self._bill(ref='Draft'))
        Move = self.env['account.move'].sudo(self.director)
        self.assertIn(move, Move.search([('ref', '=', 'Read me')]))
        lines = self.env['account.move.line'].sudo(self.director).search([('move_id', '=', move.id)])
        self.assertEqual(len(lines), 2)
        lines.read(['account_id', 'kz_ebk_id', 'kz_funding_id', 'debit', 'credit', 'journal_id'])
        self.env['account.account'].sudo(self.director).search([('code', '=', '1091')]).read(['name', 'group_id'])
        with self.assertRaises(AccessError):
            self._orm_move(self._bill(ref='By the director'), user=self.director)
        with self.assertRaises(AccessError):
            draft.sudo(self.director).post()
        with self.assertRaises(AccessError):
            Move.kz_bulk_post(self.memorial, [self._bill()])
        with self.assertRaises(AccessError):
            move.sudo(self.director).line_ids.write({'name': 'changed'})
        self.assertEqual(draft.state, 'draft')

    def test_demo_director_reads_school1_ledger_and_cannot_post_ACC18(self):
        director = self.env['res.users'].search([('login', '=', 'director')])
        if not director:
            self.skipTest('no demo data')
        school1 = self.env.ref('kz_edu_base.company_school1_demo')
        Line = self.env['account.move.line'].sudo(director)
        self.assertTrue(Line.search_count([('company_id', '=', school1.id)]))
        self.assertFalse(Line.search_count([('company_id', '!=', school1.id)]))
        journal = self.env['account.chart.template'].kz_gov_journal(school1, 'memorial')
        with self.assertRaises(AccessError):
            self.env['account.move'].sudo(director).kz_bulk_post(journal, [])

    def test_a_school_sees_none_of_another_schools_entries_SEC05(self):
        move = self._orm_move(self._bill(ref='School A entry'))
        move.post()
        Line = self.env['account.move.line'].sudo(self.other_bookkeeper)
        self.assertFalse(Line.search([('move_id', '=', move.id)]))
        self.assertFalse(self.env['account.move'].sudo(self.other_bookkeeper).search([('ref', '=', 'School A entry')]))
        # the other school's bookkeeper cannot post into this school's journal either
        with self.assertRaises(AccessError):
            self.env['account.move'].sudo(self.other_bookkeeper).kz_bulk_post(self.memorial, [self._bill()])

    def test_demo_school2_users_see_no_school1_entries_SEC05(self):
        school1 = self.env.ref('kz_edu_base.company_school1_demo')
        school2 = self.env.ref('kz_edu_base.company_school2_demo')
        if not self.env['account.move'].search_count([('company_id', '=', school1.id)]):
            self.skipTest('no demo data')
        user = self.make_user('kzgov_school2', ['kz_edu_base.group_bookkeeper'], school2)
        for model in ('account.move', 'account.move.line', 'account.account', 'account.journal'):
            Model = self.env[model].sudo(user)
            self.assertFalse(Model.search_count([('company_id', '=', school1.id)]), model)
            self.assertTrue(Model.search_count([('company_id', '=', school2.id)]), model)
        if 'kz.gov.finplan' in self.env:
            self.assertFalse(self.env['kz.gov.finplan'].sudo(user).search([]).filtered(
                lambda p: p.company_id == school1))
            self.assertFalse(self.env['kz.gov.finplan'].sudo(user).search_count([('company_id', '=', school1.id)]))
        district = self.env['res.users'].search([('login', '=', 'district')])
        if district:
            self.assertTrue(self.env['account.move'].sudo(district).search_count([('company_id', '=', school1.id)]))
            self.assertTrue(self.env['account.move'].sudo(district).search_count([('company_id', '=', school2.id)]))
            with self.assertRaises(AccessError):
                self.env['account.move'].sudo(district).create({'journal_id': self.memorial.id})
