# -*- coding: utf-8 -*-
"""The demo ledger of the demo district (ACC "Demo"), on the chart of order No. 170: school No. 1 has a full year
(closed on 31 December) and the next year up to the demo calendar's payroll month of posted entries with non-zero
turnovers on every kind of account, school No. 2 a lighter year; the books balance, every item carries its required
dimensions and the number of its standard entry, the planned assignments end at zero, ФО-1 of each school balances
and its lines agree with the turnover sheet, and the financing plan of the second year is approved. The months come
from the one demo calendar (kz_edu_base/demo_calendar.py) and the day the demo was built, never from fixed
dates."""
from odoo.tests import common

from odoo.addons.kz_edu_base import demo_calendar

import odoo.addons.kz_gov_account.gov_demo as gov_demo

#: the accounts every year of school No. 1 moves (codes of order No. 170)
CODES = ('1091', '1092', '1042', '1041', '1020', '1261', '1231', '1316', '2360', '2370', '2391', '3210', '3241',
         '3121', '3122', '3141', '3142', '3144', '3151', '3152', '5220', '6010', '6020', '6050', '6110', '7010',
         '7032', '7040', '7060', '7070', '7080', '7110', '7150')
ONCE = ('1092', '6020', '2360', '1041', '6050', '2370', '5220')     # capital purchases, charity, the opening


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
        """{account code: (debit, credit)} of posted items of the company in the period (of the entries with these
        references only, when given)."""
        self.env.cr.execute("""
            SELECT a.code, SUM(l.debit), SUM(l.credit)
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
              JOIN account_account a ON a.id = l.account_id
             WHERE l.company_id = %s AND m.state = 'posted' AND l.date BETWEEN %s AND %s
               AND (%s IS NULL OR m.ref = ANY(%s))
             GROUP BY a.code""", (company.id, date_from, date_to, refs and True, refs or []))
        return {code: (debit, credit) for code, debit, credit in self.env.cr.fetchall()}

    def test_school1_has_a_year_with_every_kind_of_operation(self):
        for date_from, date_to in (('%d-01-01' % self.first_year, '%d-12-31' % self.first_year),
                                   ('%d-01-01' % self.plan_year, self.end)):
            turnovers = self._turnovers(self.school1, date_from, date_to)
            for code in CODES:
                if code in ONCE:
                    continue
                debit, credit = turnovers.get(code, (0, 0))
                self.assertTrue(debit or credit, '%s in %s' % (code, date_from[:4]))
        whole = self._turnovers(self.school1, self.opening, self.end)
        for code in CODES:
            debit, credit = whole.get(code, (0, 0))
            self.assertTrue(debit or credit, code)
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
            plan = self.env['account.account'].search([('company_id', '=', school.id),
                                                       ('code', 'in', ('1091', '1092'))])
            lines = self.env['account.move.line'].search([('account_id', 'in', plan.ids)])
            self.assertAlmostEqual(sum(lines.mapped('balance')), 0.0, places=2)
            # every item of the generator names its standard entry (the opening balances and the social
            # contributions of 2026, which no numbered entry states, aside)
            self.env.cr.execute("""
                SELECT a.code, COUNT(*) FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id JOIN account_account a ON a.id = l.account_id
                 WHERE l.company_id = %s AND l.kz_std_entry IS NULL AND l.date > %s
                 GROUP BY a.code""", (school.id, self.opening))
            unnumbered = dict(self.env.cr.fetchall())
            self.assertLessEqual(set(unnumbered), {'7040', '3141', '1231', '6110', '3410'}, unnumbered)

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
        # the village school has fewer staff and no paid services; it has cooks, so its food is bought and used
        # every month (entries 121, 135): more entries than school 1, smaller amounts
        self.env.cr.execute('SELECT company_id, SUM(debit) FROM account_move_line WHERE company_id IN %s '
                            'GROUP BY 1', ((self.school1.id, self.school2.id),))
        debits = dict(self.env.cr.fetchall())
        self.assertTrue(0 < debits[self.school2.id] < debits[self.school1.id], debits)
        turnovers = self._turnovers(self.school2, self.opening, self.end)
        self.assertNotIn('6110', turnovers)            # no paid services
        self.assertTrue(turnovers['7010'][0] < self._turnovers(self.school1, self.opening, self.end)['7010'][0])

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
        self.assertEqual(set(obligations.mapped('ebk_id.code')), {'149', '151', '152', '159'})
        for code in ('149', '151', '152', '159'):
            self.assertGreater(by_ebk[code]['registered'], 0, code)
            self.assertLessEqual(by_ebk[code]['registered'], by_ebk[code]['plan_obligations'], code)
        # no specific is paid beyond its plan of payments (the treasury refuses it: _kz_payment_problems)
        for row in rows:
            self.assertLessEqual(row['payments'], row['plan_payments'], row['ebk'])

    def test_grouped_execution_of_the_demo_district_is_each_schools_own_ACC17(self):
        """The grouped computation the district's dashboard calls once gives each demo school, and the department,
        the rows of its own execution report over the demo's ledgers: in the plan year (the sources with an
        approved plan) and in the year before (no plan: all sources), with and without a funding source."""
        companies = self.school1 | self.school2 | self.school1.parent_id
        Execution = self.env['kz.gov.budget.execution']
        local = self.env.ref('kz_gov_account.funding_LOC')
        periods = (('%d-01-01' % self.plan_year, self.end),
                   ('%d-01-01' % self.first_year, '%d-12-31' % self.first_year))
        for date_from, date_to in periods:
            for funding in (None, local):
                grouped = Execution._compute_rows_by_company(companies, date_from, date_to, funding)
                for company in companies:
                    own = Execution.create({'company_id': company.id, 'date_from': date_from, 'date_to': date_to,
                                            'funding_id': funding.id if funding else False}).compute_rows()
                    self.assertEqual(grouped[company.id], own, (company.name, date_from, funding))
                self.assertTrue(grouped[self.school2.id][1]['payments'], (date_from, funding))
                self.assertNotEqual(grouped[self.school1.id][1]['payments'], grouped[self.school2.id][1]['payments'])

    def test_fo1_of_each_school_balances_and_agrees_with_the_turnover_sheet_ACC13(self):
        """ФО-1 of the form of order No. 230 at the end of the demo: assets = liabilities + net assets at both dates,
        every account on a line, and each line equals the closing balances of its accounts in the turnover sheet
        of the same period."""
        lines = {l.code: l for l in self.env['kz.gov.report.line'].search([('form', '=', 'FO1')]) if l.code}
        for school in (self.school1, self.school2):
            period = {'company_id': school.id, 'date_from': '%d-01-01' % self.plan_year, 'date_to': self.end,
                      'comparative_date_from': '%d-01-01' % self.first_year,
                      'comparative_date_to': '%d-12-31' % self.first_year, 'unit': 'tenge'}
            Wizard = self.env['kz.gov.report.wizard']
            fo1 = Wizard.create(dict(period, report='fo1')).report_data()
            self.assertTrue(all(c['ok'] for c in fo1['checks']), (school.name, fo1['checks']))
            end = {r['code']: r['values'][1] for r in fo1['figures']['rows'] if r['code']}
            self.assertGreater(end['114'], 0)
            sheet = Wizard.create(dict(period, report='turnover')).report_data()['figures']
            closing = {r['code']: r['closing'] for r in sheet['rows']}
            for code in ('010', '020', '114', '215', '218', '412'):
                terms = lines[code].expression.split()
                value = sum((int(t[0] + '1') * closing[acc] for t in terms
                             for acc in closing if acc.startswith(tuple(t.split(':', 1)[1].split('|')))),
                            gov_demo.ZERO)
                self.assertEqual(end[code], value, (school.name, code))
            self.assertEqual(end['010'], sum((v for acc, v in closing.items() if acc.startswith('10')), gov_demo.ZERO))

    def test_the_first_year_is_closed_and_the_next_opens_without_income_or_expenses_ACC02(self):
        closing = self.env['account.move'].search([('company_id', '=', self.school1.id), ('kz_closing', '=', True)])
        self.assertEqual(set(closing.mapped('date')), {'%d-12-31' % self.first_year})
        sheet = self.env['kz.gov.report.wizard'].create({
            'report': 'turnover', 'company_id': self.school1.id, 'date_from': '%d-01-01' % self.plan_year,
            'date_to': self.end}).report_data()['figures']
        opening = {r['code']: r['open_dt'] - r['open_ct'] for r in sheet['rows']}
        self.assertFalse({code: v for code, v in opening.items() if code[:1] in '67' and v})
        self.assertFalse(opening.get('5210'))
        self.assertTrue(opening['5220'] < 0)
