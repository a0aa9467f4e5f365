# -*- coding: utf-8 -*-
"""The demo year of the demo district (ACC "Demo"): school No. 1 has a full year and the next year up to the demo
calendar's payroll month of posted entries with non-zero turnovers on every kind of account, school No. 2 a lighter
year; the books balance, every item carries its required dimensions, the budget КСН ends at zero and the financing
plan of the second year is approved. The months come from the one demo calendar (kz_edu_base/demo_calendar.py)
and the day the demo was built, never from fixed dates."""
from odoo.tests import common

from odoo.addons.kz_edu_base import demo_calendar

import odoo.addons.kz_gov_account.gov_demo as gov_demo

KINDS = ('cash_budget', 'cash_paid_services', 'cash_sponsorship', 'inventory', 'fixed_asset', 'depreciation_fa',
         'payable_suppliers', 'payable_payroll', 'payable_taxes', 'payable_pension', 'payable_social',
         'net_assets_result_prior', 'income_financing_current', 'income_financing_capital', 'income_paid_services',
         'income_sponsorship', 'expense_payroll', 'expense_contributions', 'expense_inventory', 'expense_services',
         'expense_utilities', 'expense_travel', 'expense_depreciation')


@common.at_install(False)
@common.post_install(True)
class TestKzGovDemo(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestKzGovDemo, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        cls.school1 = cls.env.ref('kz_edu_base.company_school1_demo')
        cls.school2 = cls.env.ref('kz_edu_base.company_school2_demo')
        cls.today = cls.env['kz.edu.demo'].demo_today()
        span = gov_demo.span(cls.today)
        cls.first_year, cls.plan_year = span['start'][0], span['plan_year']
        cls.opening = str(span['opening'])
        cls.end = str(demo_calendar.month_end(*span['end']))
        if not cls.env['account.move'].search_count([('company_id', '=', cls.school1.id)]):
            cls.skip = True

    def setUp(self):
        super(TestKzGovDemo, self).setUp()
        if getattr(self, 'skip', False):
            self.skipTest('no demo data')

    def _turnovers(self, company, date_from, date_to, refs=None):
        """{kind: (debit, credit)} of posted items of the company in the period (of the entries with these
        references only, when given)."""
        self.env.cr.execute("""
            SELECT a.kz_kind, SUM(l.debit), SUM(l.credit)
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
              JOIN account_account a ON a.id = l.account_id
             WHERE l.company_id = %s AND m.state = 'posted' AND l.date BETWEEN %s AND %s
               AND (%s IS NULL OR m.ref = ANY(%s))
             GROUP BY a.kz_kind""", (company.id, date_from, date_to, refs and True, refs or []))
        return {kind: (debit, credit) for kind, debit, credit in self.env.cr.fetchall()}

    def test_school1_has_a_year_with_every_kind_of_operation(self):
        for date_from, date_to in (('%d-01-01' % self.first_year, '%d-12-31' % self.first_year),
                                   ('%d-01-01' % self.plan_year, self.end)):
            turnovers = self._turnovers(self.school1, date_from, date_to)
            for kind in KINDS:
                if kind in ('income_financing_capital', 'fixed_asset', 'cash_sponsorship', 'income_sponsorship',
                            'net_assets_result_prior'):
                    continue     # capital purchases, sponsorship: once a year; net assets: opening only
                debit, credit = turnovers.get(kind, (0, 0))
                self.assertTrue(debit or credit, '%s in %s' % (kind, date_from[:4]))
        whole = self._turnovers(self.school1, self.opening, self.end)
        for kind in KINDS:
            debit, credit = whole.get(kind, (0, 0))
            self.assertTrue(debit or credit, kind)
        # the generator stops at the end of the payroll month (other addons' postings, e.g. canteen meals of a
        # later month, are not the generator's)
        refs = list({e['ref'] for e in gov_demo.school_entries('school1', self.today)})
        self.assertTrue(self._turnovers(self.school1, self.opening, self.end, refs))
        self.env.cr.execute("SELECT COUNT(*) FROM account_move WHERE company_id = %s AND date > %s AND ref = ANY(%s)",
                            (self.school1.id, self.end, refs))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_every_month_of_school1_has_its_payroll_once_ACC12(self):
        """Each month from January of the first year to the payroll month has exactly one payroll accrual on 7010
        (the generator's up to the month before, the posted demo batch in the payroll month): no month missing,
        none twice, whatever the day the demo was built."""
        self.env.cr.execute("""
            SELECT to_char(l.date, 'YYYY-MM'), COUNT(DISTINCT l.move_id)
              FROM account_move_line l JOIN account_account a ON a.id = l.account_id
             WHERE l.company_id = %s AND a.code = '7010' AND l.debit > 0 AND l.date BETWEEN %s AND %s
             GROUP BY 1 ORDER BY 1""", (self.school1.id, '%d-01-01' % self.first_year, self.end))
        found = dict(self.env.cr.fetchall())
        span = gov_demo.span(self.today)
        expected = ['%d-%02d' % ym for ym in gov_demo.months(span['start'], span['end'])]
        self.assertEqual(sorted(found), expected)
        self.assertEqual(set(found.values()), {1})

    def test_demo_entries_are_posted_balanced_with_their_dimensions(self):
        for school in (self.school1, self.school2):
            moves = self.env['account.move'].search([('company_id', '=', school.id)])
            self.assertEqual(set(moves.mapped('state')), {'posted'})
            self.assertEqual(len(set(moves.mapped('name'))), len(moves))
            self.env.cr.execute("""
                SELECT COUNT(*) FROM (SELECT move_id FROM account_move_line WHERE company_id = %s
                                       GROUP BY move_id HAVING SUM(debit) != SUM(credit)) unbalanced""",
                                (school.id,))
            self.assertEqual(self.env.cr.fetchone()[0], 0)
            self.env.cr.execute("""
                SELECT COUNT(*) FROM account_move_line l JOIN account_account a ON a.id = l.account_id
                 WHERE l.company_id = %s AND ((a.kz_requires_ebk AND l.kz_ebk_id IS NULL)
                                               OR (a.kz_requires_funding AND l.kz_funding_id IS NULL))""",
                                (school.id,))
            self.assertEqual(self.env.cr.fetchone()[0], 0)
            budget_ksn = self.env['account.account'].search([('company_id', '=', school.id), ('code', '=', '1010')])
            lines = self.env['account.move.line'].search([('account_id', '=', budget_ksn.id)])
            self.assertAlmostEqual(sum(lines.mapped('balance')), 0.0, places=2)

    def test_the_ledger_equals_the_generator_to_the_tiyn(self):
        entries = gov_demo.school_entries('school1', self.today)
        # the generator's entries (others, e.g. the demo payroll batch posted by kz_payroll_account, are not its own)
        moves = self.env['account.move'].search([('company_id', '=', self.school1.id),
                                                 ('ref', 'in', list({e['ref'] for e in entries}))])
        self.assertEqual(len(moves), len(entries))
        expected = sum(l['debit'] for e in entries for l in e['lines'])
        self.env.cr.execute('SELECT SUM(debit) FROM account_move_line WHERE move_id IN %s', (tuple(moves.ids),))
        self.assertEqual(round(self.env.cr.fetchone()[0], 2), float(expected))

    def test_school2_year_is_lighter(self):
        count1 = self.env['account.move'].search_count([('company_id', '=', self.school1.id)])
        count2 = self.env['account.move'].search_count([('company_id', '=', self.school2.id)])
        self.assertTrue(0 < count2 < count1)
        turnovers = self._turnovers(self.school2, self.opening, self.end)
        self.assertNotIn('income_paid_services', turnovers)
        self.assertTrue(turnovers['expense_payroll'][0] < self._turnovers(
            self.school1, self.opening, self.end)['expense_payroll'][0])

    def test_approved_financing_plan_of_school1(self):
        if 'kz.gov.finplan' not in self.env:
            self.skipTest('financing plans not installed')
        plan = self.env['kz.gov.finplan'].search([('company_id', '=', self.school1.id), ('year', '=', self.plan_year),
                                                  ('state', '=', 'approved')])
        self.assertEqual(len(plan), 1)
        self.assertEqual(plan.funding_id, self.env.ref('kz_gov_account.funding_LOC'))
        self.assertIn('111', plan.line_ids.mapped('ebk_id.code'))
        self.assertEqual(set(plan.line_ids.mapped('kind')), {'obligations', 'payments'})

    def test_budget_execution_of_school1_has_every_column_ACC17(self):
        """The demo's execution shows plan, registered obligations (the monthly supply contracts), payments and
        expenses; the registered obligations of each specific stay within its plan of obligations."""
        execution = self.env['kz.gov.budget.execution'].create({
            'company_id': self.school1.id, 'funding_id': self.env.ref('kz_gov_account.funding_LOC').id,
            'date_from': '%d-01-01' % self.plan_year, 'date_to': self.end})
        rows, total = execution.compute_rows()
        for key in ('plan_obligations', 'plan_payments', 'registered', 'payments', 'expenses'):
            self.assertGreater(total[key], 0, key)
        by_ebk = {row['ebk']: row for row in rows}
        obligations = self.env['kz.gov.obligation'].search([('company_id', '=', self.school1.id),
                                                            ('state', '=', 'registered')])
        self.assertEqual(set(obligations.mapped('ebk_id.code')), {'141', '149', '151', '152'})
        for code in ('141', '149', '151', '152'):
            self.assertGreater(by_ebk[code]['registered'], 0, code)
            self.assertLessEqual(by_ebk[code]['registered'], by_ebk[code]['plan_obligations'], code)
