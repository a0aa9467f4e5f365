"""Financing plans, obligations, the plan check on vendor bills and budget execution (ACC-17).

Run as the demo users of school No. 1 (login = password): bookkeeper, chief_bookkeeper, director, district. The
documents are dated in YEAR, a year the demo data does not touch, so the figures are the test's own.

The plan of the tests (specific 149 «Приобретение прочих запасов», local budget): obligations 400 000 in each of
January, February and March (1 200 000 to March, nothing later); payments 300 000 in each of February, March and
April — the figures of the issue's example message.
"""
import re
import unittest
from decimal import Decimal as D

import xlrd

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

YEAR = 2030


def amount_text(text):
    """'1 200 000.00' as the messages print it in English (the separators of the user's language: commas between
    thousands)."""
    return re.sub(r'(?<=\d) (?=\d{3}\b)', ',', text)


class TestFinplan(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestFinplan, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True,
                                       no_reset_password=True))
        env = cls.env
        cls.school = env.ref('kz_edu_base.company_school1_demo', raise_if_not_found=False)
        if not cls.school:
            raise unittest.SkipTest('demo data not installed')
        users = {u.login: u for u in env['res.users'].search(
            [('login', 'in', ['bookkeeper', 'chief_bookkeeper', 'director', 'district'])])}
        cls.bookkeeper = users['bookkeeper']
        cls.chief = users['chief_bookkeeper']
        cls.director = users['director']
        cls.district = users['district']
        cls.ebk149 = cls._ebk('149', 'Acquisition of other inventories')
        cls.ebk151 = cls._ebk('151', 'Utilities')
        cls.local = cls._funding('LOC', 'Local budget')
        cls.republican = cls._funding('REP', 'Republican budget')
        cls.acc_expense = cls._account('expense_inventory', '7060', 'account.data_account_type_expenses')
        cls.acc_payable = cls._account('payable_suppliers', '3210', 'account.data_account_type_payable', True)
        cls.acc_cash = cls._account('plan_local_current', '1091', 'account.data_account_type_liquidity')
        cls.purchase_journal = cls._journal('purchase', 'TBILL')
        cls.general_journal = cls._journal('general', 'TMISC')
        cls.supplier = env['res.partner'].create({'name': 'ТОО «Кеңсе тауарлары»', 'supplier': True,
                                                  'is_company': True, 'company_id': cls.school.id})
        # the school's payable account for this supplier (the chart sets it as the default property)
        cls.supplier.with_context(force_company=cls.school.id).write({
            'property_account_payable_id': cls.acc_payable.id,
            'property_account_receivable_id': cls._account('receivable_customers', '1231',
                                                           'account.data_account_type_receivable', True).id})
        cls.plan = env['kz.gov.finplan'].sudo(cls.bookkeeper).create({
            'company_id': cls.school.id, 'year': YEAR, 'funding_id': cls.local.id,
            'line_ids': [
                (0, 0, {'ebk_id': cls.ebk149.id, 'kind': 'obligations', 'm01': 400000, 'm02': 400000,
                        'm03': 400000}),
                (0, 0, {'ebk_id': cls.ebk149.id, 'kind': 'payments', 'm02': 300000, 'm03': 300000,
                        'm04': 300000}),
            ]})
        cls.plan.sudo(cls.director).action_approve()

    # ------------------------------------------------------------------------------------------ fixtures

    @classmethod
    def _ebk(cls, code, name):
        ebk = cls.env['kz.gov.ebk'].search([('code', '=', code)])
        return ebk or cls.env['kz.gov.ebk'].create({'code': code, 'name': name, 'level': 'specific'})

    @classmethod
    def _funding(cls, code, name):
        funding = cls.env['kz.gov.funding.source'].search([('code', '=', code)])
        return funding or cls.env['kz.gov.funding.source'].create({'code': code, 'name': name})

    @classmethod
    def _account(cls, kind, code, type_xml_id, reconcile=False):
        """The school's account of the state chart (by role), or one made here when the chart is not loaded."""
        Account = cls.env['account.account']
        domain = [('company_id', '=', cls.school.id)]
        account = 'kz_kind' in Account._fields and Account.search(domain + [('kz_kind', '=', kind)], limit=1)
        account = account or Account.search(domain + [('code', '=', code)], limit=1)
        return account or Account.create({
            'code': code, 'name': 'Test %s' % kind, 'company_id': cls.school.id, 'reconcile': reconcile,
            'user_type_id': cls.env.ref(type_xml_id).id})

    @classmethod
    def _journal(cls, journal_type, code):
        Journal = cls.env['account.journal']
        journal = Journal.search([('company_id', '=', cls.school.id), ('type', '=', journal_type)], limit=1)
        return journal or Journal.create({'name': 'Test %s' % journal_type, 'code': code, 'type': journal_type,
                                          'company_id': cls.school.id})

    def obligation(self, amount, date='%s-03-05' % YEAR, user=None, ebk=None, name='Д-1'):
        return self.env['kz.gov.obligation'].sudo(user or self.bookkeeper).create({
            'name': name, 'date': date, 'partner_id': self.supplier.id, 'company_id': self.school.id,
            'funding_id': self.local.id, 'ebk_id': (ebk or self.ebk149).id, 'amount': amount,
            'subject': 'Канцелярские товары'})

    def bill(self, amount, date='%s-03-10' % YEAR, obligation=None, user=None):
        return self.env['account.invoice'].sudo(user or self.bookkeeper).create({
            'type': 'in_invoice', 'partner_id': self.supplier.id, 'company_id': self.school.id,
            'journal_id': self.purchase_journal.id, 'account_id': self.acc_payable.id, 'date_invoice': date,
            'kz_ebk_id': self.ebk149.id, 'kz_funding_id': self.local.id,
            'kz_obligation_id': obligation.id if obligation else False,
            'invoice_line_ids': [(0, 0, {'name': 'Бумага A4', 'account_id': self.acc_expense.id, 'quantity': 1,
                                         'price_unit': amount})]})

    def execution(self, user=None, date_from='%s-01-01' % YEAR, date_to='%s-03-31' % YEAR, funding=None):
        return self.env['kz.gov.budget.execution'].sudo(user or self.bookkeeper).create({
            'company_id': self.school.id, 'funding_id': (funding or self.local).id, 'date_from': date_from,
            'date_to': date_to})

    def messages(self, record):
        return ' '.join(record.message_ids.mapped('body'))

    # ------------------------------------------------------------------------------------------- the plan

    def test_approved_plan_is_in_force_and_its_lines_are_read_only_ACC17(self):
        plan = self.plan
        self.assertEqual(plan.state, 'approved')
        self.assertEqual(plan.approved_by_id, self.director)
        self.assertTrue(plan.approved_date)
        self.assertEqual(plan.total_obligations, 1200000)
        self.assertEqual(plan.total_payments, 900000)
        line = plan.line_ids.filtered(lambda l: l.kind == 'obligations')
        with self.assertRaises(UserError):
            line.sudo(self.bookkeeper).write({'m03': 500000})
        with self.assertRaises(UserError):
            line.sudo(self.bookkeeper).unlink()
        with self.assertRaises(UserError):
            self.env['kz.gov.finplan.line'].sudo(self.bookkeeper).create({
                'plan_id': plan.id, 'ebk_id': self.ebk151.id, 'kind': 'obligations', 'm01': 1})

    def test_one_plan_per_organisation_year_and_funding_source_ACC17(self):
        with self.assertRaises(ValidationError):
            self.env['kz.gov.finplan'].sudo(self.bookkeeper).create({
                'company_id': self.school.id, 'year': YEAR, 'funding_id': self.local.id})
        # another funding source is another plan
        other = self.env['kz.gov.finplan'].sudo(self.bookkeeper).create({
            'company_id': self.school.id, 'year': YEAR, 'funding_id': self.republican.id})
        self.assertIn(str(YEAR), other.name)

    def test_plan_is_kept_by_specifics_not_by_groups_ACC17(self):
        group = self.env['kz.gov.ebk'].create({'code': 'T-CLASS', 'name': 'A class', 'level': 'class'})
        with self.assertRaises(ValidationError):
            self.env['kz.gov.finplan'].sudo(self.bookkeeper).create({
                'company_id': self.school.id, 'year': YEAR + 1, 'funding_id': self.local.id,
                'line_ids': [(0, 0, {'ebk_id': group.id, 'kind': 'obligations', 'm01': 1})]})

    def test_bookkeeper_cannot_approve_a_plan_ACC17(self):
        draft = self.env['kz.gov.finplan'].sudo(self.bookkeeper).create({
            'company_id': self.school.id, 'year': YEAR, 'funding_id': self.republican.id,
            'line_ids': [(0, 0, {'ebk_id': self.ebk151.id, 'kind': 'obligations', 'm01': 10})]})
        with self.assertRaises(AccessError):
            draft.sudo(self.bookkeeper).action_approve()
        draft.sudo(self.chief).action_approve()
        self.assertEqual(draft.approved_by_id, self.chief)

    # ------------------------------------------------------------------------------------------ obligations

    def test_obligation_within_the_plan_registers_ACC17(self):
        obligation = self.obligation(1150000)
        obligation.action_register()
        self.assertEqual(obligation.state, 'registered')
        self.assertEqual(obligation.registered_by_id, self.bookkeeper)
        self.assertEqual((obligation.year, obligation.month), (YEAR, 3))
        with self.assertRaises(UserError):
            obligation.write({'amount': 1})

    def test_obligation_over_the_plan_is_refused_with_the_figures_ACC17(self):
        self.obligation(1150000).action_register()
        second = self.obligation(80000, name='Д-2')
        with self.assertRaises(UserError) as err:
            second.action_register()
        message = err.exception.name
        self.assertIn('specific 149', message)
        self.assertIn(self.local.name, message)
        self.assertIn('plan to March %s ' % YEAR + amount_text(
            '1 200 000.00, registered 1 150 000.00, this document 80 000.00, excess 30 000.00'), message)
        self.assertEqual(second.state, 'draft')

    def test_chief_bookkeeper_overrides_an_obligation_with_a_reason_ACC17(self):
        self.obligation(1150000).action_register()
        second = self.obligation(80000, name='Д-2', user=self.chief)
        second.write({'kz_plan_override': True, 'kz_override_reason': 'Решение акимата'})
        second.sudo(self.bookkeeper).action_register()
        self.assertEqual(second.state, 'registered')
        self.assertEqual(second.kz_override_user_id, self.chief)
        self.assertIn(amount_text('excess 30 000.00'), self.messages(second))
        # the override cannot be taken back by a bookkeeper either
        with self.assertRaises(AccessError):
            second.sudo(self.bookkeeper).write({'kz_plan_override': False})
        row = [r for r in self.execution().compute_rows()[0] if r['ebk'] == '149'][0]
        self.assertEqual(row['remaining_obligations'], -30000)

    def test_unused_plan_carries_forward_but_not_backwards_ACC17(self):
        # the March plan is not available in January: only the 400 000 of January is
        with self.assertRaises(UserError) as err:
            self.obligation(500000, date='%s-01-20' % YEAR).action_register()
        self.assertIn('plan to January %s ' % YEAR + amount_text('400 000.00'), err.exception.name)
        # in June the whole 1 200 000 is available
        self.obligation(1200000, date='%s-06-01' % YEAR).action_register()

    def test_no_approved_plan_refuses_the_obligation_ACC17(self):
        obligation = self.obligation(100, date='%s-02-01' % (YEAR + 1))
        with self.assertRaises(UserError) as err:
            obligation.action_register()
        self.assertIn('no approved financing plan', err.exception.name)
        self.assertIn(str(YEAR + 1), err.exception.name)

    def test_amendment_raising_the_plan_lets_it_through_and_is_kept_in_history_ACC17(self):
        self.obligation(1150000).action_register()
        second = self.obligation(80000, name='Д-2')
        with self.assertRaises(UserError):
            second.action_register()
        amendment = self.env['kz.gov.finplan.amendment'].sudo(self.bookkeeper).create({
            'plan_id': self.plan.id, 'name': '1', 'date': '%s-03-01' % YEAR,
            'reason': 'Перераспределение с апреля',
            'line_ids': [(0, 0, {'ebk_id': self.ebk149.id, 'kind': 'obligations', 'month': 3, 'amount': 30000}),
                         (0, 0, {'ebk_id': self.ebk151.id, 'kind': 'payments', 'month': 5, 'amount': 7000})]})
        amendment.action_apply()
        self.assertEqual(amendment.state, 'applied')
        self.assertEqual(amendment.applied_by_id, self.bookkeeper)
        self.assertTrue(amendment.applied_date)
        second.action_register()
        self.assertEqual(second.state, 'registered')
        # history: the base stays, the plan in force shows base + amendment, a new specific got its line
        plan = self.plan
        line = plan.line_ids.filtered(lambda l: l.kind == 'obligations' and l.ebk_id == self.ebk149)
        self.assertEqual(line.m03, 400000)
        self.assertEqual(line.e03, 430000)
        self.assertEqual(line.effective_total, 1230000)
        new_line = plan.line_ids.filtered(lambda l: l.ebk_id == self.ebk151)
        self.assertEqual((new_line.kind, new_line.m05, new_line.e05), ('payments', 0, 7000))
        self.assertEqual(plan.amendment_ids, amendment)
        self.assertIn('Перераспределение с апреля', self.messages(plan))
        with self.assertRaises(UserError):
            amendment.line_ids[0].write({'amount': 1})
        with self.assertRaises(UserError):
            amendment.unlink()

    def test_amendment_may_not_make_a_month_negative_ACC17(self):
        amendment = self.env['kz.gov.finplan.amendment'].sudo(self.bookkeeper).create({
            'plan_id': self.plan.id, 'name': '2', 'reason': 'Уменьшение',
            'line_ids': [(0, 0, {'ebk_id': self.ebk149.id, 'kind': 'payments', 'month': 2,
                                 'amount': -300000.01})]})
        with self.assertRaises(UserError) as err:
            amendment.action_apply()
        self.assertIn(amount_text('-0.01'), err.exception.name)
        self.assertEqual(amendment.state, 'draft')

    # ------------------------------------------------------------------------------------------ vendor bills

    def test_vendor_bill_over_the_plan_refused_then_chief_overrides_with_reason_ACC17(self):
        self.obligation(1150000).action_register()
        bill = self.bill(80000)
        with self.assertRaises(UserError) as err:
            bill.sudo(self.bookkeeper).action_invoice_open()
        self.assertIn(amount_text('registered 1 150 000.00, this document 80 000.00, excess 30 000.00'),
                      err.exception.name)
        self.assertEqual(bill.state, 'draft')
        # a bookkeeper cannot override
        with self.assertRaises(AccessError):
            bill.sudo(self.bookkeeper).write({'kz_plan_override': True, 'kz_override_reason': 'Срочно'})
        # the chief bookkeeper must give a reason
        with self.assertRaises(ValidationError):
            bill.sudo(self.chief).write({'kz_plan_override': True})
        bill.sudo(self.chief).write({'kz_plan_override': True,
                                     'kz_override_reason': 'Аварийная закупка, решение директора № 12'})
        bill.sudo(self.bookkeeper).action_invoice_open()
        self.assertEqual(bill.state, 'open')
        self.assertEqual(bill.kz_override_user_id, self.chief)
        self.assertTrue(bill.kz_override_date)
        chatter = self.messages(bill)
        self.assertIn('Аварийная закупка', chatter)
        self.assertIn(amount_text('excess 30 000.00'), chatter)
        # the journal items carry the specific and the funding source (expense line and payable line)
        items = bill.move_id.line_ids
        self.assertEqual(items.mapped('kz_ebk_id'), self.ebk149)
        self.assertEqual(items.mapped('kz_funding_id'), self.local)
        self.assertEqual(items.filtered(lambda i: i.account_id == self.acc_payable).credit, 80000)

    def test_vendor_bill_within_the_plan_validates_and_counts_as_registered_ACC17(self):
        bill = self.bill(1200000)
        bill.sudo(self.bookkeeper).action_invoice_open()
        self.assertEqual(bill.state, 'open')
        with self.assertRaises(UserError) as err:
            self.obligation(0.01).action_register()
        self.assertIn(amount_text('registered 1 200 000.00'), err.exception.name)

    def test_line_specific_and_funding_default_from_the_bill_ACC17(self):
        bill = self.bill(100)
        self.assertEqual(bill.invoice_line_ids.kz_ebk_id, self.ebk149)
        self.assertEqual(bill.invoice_line_ids.kz_funding_id, self.local)

    def test_bill_under_a_registered_contract_is_checked_against_the_contract_ACC17(self):
        contract = self.obligation(1150000)
        contract.action_register()
        # within the contract: the plan is not charged twice
        first = self.bill(1000000, obligation=contract)
        first.sudo(self.bookkeeper).action_invoice_open()
        self.assertEqual(first.state, 'open')
        self.assertEqual(contract.invoiced_amount, 1000000)
        over = self.bill(150000.01, obligation=contract)
        with self.assertRaises(UserError) as err:
            over.sudo(self.bookkeeper).action_invoice_open()
        self.assertIn(amount_text('excess 0.01'), err.exception.name)
        # a registered contract with validated bills cannot be cancelled
        with self.assertRaises(UserError):
            contract.action_cancel()

    # ------------------------------------------------------------------------------------- budget execution

    def _post_payment(self, amount, date, state='posted'):
        amount = float(amount)
        move = self.env['account.move'].create({
            'journal_id': self.general_journal.id, 'date': date, 'ref': 'Payment to supplier',
            'line_ids': [
                (0, 0, {'name': 'Payment', 'account_id': self.acc_payable.id, 'debit': amount,
                        'partner_id': self.supplier.id, 'kz_ebk_id': self.ebk149.id,
                        'kz_funding_id': self.local.id}),
                (0, 0, {'name': 'Payment', 'account_id': self.acc_cash.id, 'credit': amount,
                        'kz_ebk_id': self.ebk149.id, 'kz_funding_id': self.local.id}),
            ]})
        if state == 'posted':
            move.post()
        return move

    def test_execution_figures_plan_registered_payments_expenses_ACC17(self):
        self.obligation(1150000).action_register()
        self.obligation(5000, name='Д-0').action_register()
        self.obligation(999, name='Д-draft')                                   # draft: not registered
        self.bill(30000).sudo(self.bookkeeper).action_invoice_open()          # no contract: registered itself
        self._post_payment(100000, '%s-03-20' % YEAR)
        self._post_payment(777, '%s-03-21' % YEAR, state='draft')            # not posted: not counted
        self._post_payment(55555, '%s-04-02' % YEAR)                         # after the period
        wizard = self.execution()
        rows, total = wizard.compute_rows()
        row = [r for r in rows if r['ebk'] == '149'][0]
        self.assertEqual(row['plan_obligations'], 1200000)
        self.assertEqual(row['plan_payments'], 600000)                        # February + March
        self.assertEqual(row['registered'], 1185000)
        self.assertEqual(row['payments'], 100000)
        self.assertEqual(row['expenses'], 30000)
        self.assertEqual(row['remaining_obligations'], 15000)
        self.assertEqual(row['remaining_payments'], 500000)
        self.assertEqual(str(row['percent']), '16.67')
        self.assertEqual(total['payments'], 100000)
        # the list of the screen
        action = wizard.action_show()
        self.assertEqual(action['res_model'], 'kz.gov.budget.execution.line')
        line = wizard.line_ids.filtered(lambda l: l.ebk_id == self.ebk149)
        self.assertEqual((line.plan_obligations, line.registered, line.payments, line.percent),
                         (1200000, 1185000, 100000, 16.67))
        # XLSX and PDF
        content, fmt = self.env.ref('kz_gov_account.kz_gov_budget_execution_xlsx').render_xlsx([wizard.id], {})
        self.assertEqual(fmt, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        cells = [sheet.row_values(r) for r in range(sheet.nrows)]
        data_row = [r for r in cells if r and r[0] == '149'][0]
        self.assertEqual(data_row[2:7], [1200000, 600000, 1185000, 100000, 30000])
        html = self.env.ref('kz_gov_account.kz_gov_budget_execution_pdf').render_qweb_html([wizard.id])[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn(amount_text('1 185 000.00'), html)
        self.assertIn('Budget execution', html)

    def test_a_payment_beyond_the_payments_plan_is_refused_ACC17(self):
        """The treasury pays no more of a specific than the plan of payments allows up to the month: 600 000 to
        March (February + March); a payment of 600 000.01 in March is refused with the figures, through the ORM
        and through the bulk posting alike; April's plan lets the rest through."""
        self._post_payment(500000, '%s-03-10' % YEAR)
        with self.assertRaises(UserError) as err, self.env.cr.savepoint():
            self._post_payment(D('100000.01'), '%s-03-20' % YEAR)
        message = err.exception.name
        self.assertIn('The payments plan of specific 149', message)
        self.assertIn('plan to March %s 600,000.00, paid 500,000.00, this payment 100,000.01, excess 0.01' % YEAR,
                      message)
        entry = {'date': '%s-03-20' % YEAR, 'ref': 'Bulk payment', 'lines': [
            {'account_id': self.acc_payable.id, 'debit': D('100000.01'), 'credit': 0, 'partner_id': self.supplier.id,
             'kz_ebk_id': self.ebk149.id, 'kz_funding_id': self.local.id},
            {'account_id': self.acc_cash.id, 'debit': 0, 'credit': D('100000.01'), 'kz_ebk_id': self.ebk149.id,
             'kz_funding_id': self.local.id}]}
        with self.assertRaises(UserError) as err:
            self.env['account.move'].kz_bulk_post(self.general_journal, [entry])
        self.assertIn('excess 0.01', err.exception.name)
        entry['date'] = '%s-04-02' % YEAR
        self.assertTrue(self.env['account.move'].kz_bulk_post(self.general_journal, [entry]))
        # a source without an approved plan for the year is not held here
        self._post_payment(1000, '%s-03-25' % (YEAR + 1))

    def test_grouped_execution_of_several_schools_is_each_schools_own_ACC17(self):
        """The grouped computation the district's dashboard calls once for all its schools gives every school the
        rows of its own execution report (amounts, percents, the specifics spent beyond their plan), with and
        without a funding source: school No. 1 with an obligation beyond the plan (the chief bookkeeper's
        override) and a payment, school No. 2 with a plan of another funding source and an obligation of its own,
        the department without any plan (all its sources)."""
        school2 = self.env.ref('kz_edu_base.company_school2_demo')
        department = self.district.company_id
        self.obligation(1150000).action_register()
        over = self.obligation(80000, name='Д-2', user=self.chief)
        over.write({'kz_plan_override': True, 'kz_override_reason': 'Решение акимата'})
        over.sudo(self.bookkeeper).action_register()
        self._post_payment(100000, '%s-03-20' % YEAR)
        plan2 = self.env['kz.gov.finplan'].create({
            'company_id': school2.id, 'year': YEAR, 'funding_id': self.republican.id,
            'line_ids': [(0, 0, {'ebk_id': self.ebk151.id, 'kind': 'obligations', 'm01': 70000, 'm02': 70000}),
                         (0, 0, {'ebk_id': self.ebk151.id, 'kind': 'payments', 'm02': 50000})]})
        plan2.action_approve()
        supplier2 = self.env['res.partner'].create({'name': 'ЖШС «Жылу»', 'supplier': True, 'is_company': True})
        self.env['kz.gov.obligation'].create({
            'name': 'Д-7', 'date': '%s-02-03' % YEAR, 'partner_id': supplier2.id, 'company_id': school2.id,
            'funding_id': self.republican.id, 'ebk_id': self.ebk151.id, 'amount': 65000,
            'subject': 'Жылу'}).action_register()
        companies = self.school | school2 | department
        Execution = self.env['kz.gov.budget.execution'].sudo(self.district)

        def overspent(rows):
            return [r['ebk'] for r in rows if r['remaining_obligations'] < 0 or r['remaining_payments'] < 0]

        for funding in (None, self.local, self.republican):
            grouped = Execution._compute_rows_by_company(companies, '%s-01-01' % YEAR, '%s-03-31' % YEAR, funding)
            self.assertEqual(set(grouped), set(companies.ids))
            for company in companies:
                own = Execution.create({'company_id': company.id, 'funding_id': funding.id if funding else False,
                                        'date_from': '%s-01-01' % YEAR, 'date_to': '%s-03-31' % YEAR})
                self.assertEqual(grouped[company.id], own.compute_rows(), (company.name, funding))
        grouped = Execution._compute_rows_by_company(companies, '%s-01-01' % YEAR, '%s-03-31' % YEAR)
        rows1, total1 = grouped[self.school.id]
        row149 = [r for r in rows1 if r['ebk'] == '149'][0]
        self.assertEqual((row149['registered'], row149['remaining_obligations'], row149['payments']),
                         (D('1230000.00'), D('-30000.00'), D('100000.00')))
        self.assertEqual(overspent(rows1), ['149'])
        rows2, total2 = grouped[school2.id]
        self.assertEqual([(r['ebk'], r['plan_obligations'], r['registered'], r['plan_payments']) for r in rows2],
                         [('151', D('140000.00'), D('65000.00'), D('50000.00'))])
        self.assertEqual(overspent(rows2), [])
        self.assertEqual(total2['registered'], D('65000.00'))
        # the department has no plan and no documents of the year
        self.assertEqual(grouped[department.id][0], [])

    def test_grouped_execution_refuses_another_schools_figures_SEC05(self):
        """A school's bookkeeper, director or a teacher cannot get another school's budget execution through the
        grouped computation either, alone or among her own school's; the district gets every school's."""
        school2 = self.env.ref('kz_edu_base.company_school2_demo')
        Execution = self.env['kz.gov.budget.execution']
        period = ('%s-01-01' % YEAR, '%s-03-31' % YEAR)
        for user in (self.bookkeeper, self.director):
            self.assertNotIn(school2, user.company_ids)
            for companies in (school2, self.school | school2):
                with self.assertRaises(AccessError, msg=user.login):
                    Execution.sudo(user)._compute_rows_by_company(companies, *period)
            own = Execution.sudo(user)._compute_rows_by_company(self.school, *period)
            self.assertEqual(list(own), [self.school.id])
            wizard = Execution.sudo(user).create({'company_id': school2.id, 'date_from': period[0],
                                                  'date_to': period[1]})
            with self.assertRaises(AccessError, msg=user.login):
                wizard.compute_rows()
        teacher = self.env['res.users'].search([('login', '=', 'teacher')])
        if teacher:
            with self.assertRaises(AccessError):
                Execution.sudo(teacher)._compute_rows_by_company(self.school, *period)
        both = Execution.sudo(self.district)._compute_rows_by_company(self.school | school2, *period)
        self.assertEqual(set(both), {self.school.id, school2.id})

    def test_execution_period_within_one_year_ACC17(self):
        with self.assertRaises(ValidationError):
            self.execution(date_from='%s-12-01' % (YEAR - 1), date_to='%s-01-31' % YEAR)

    # ------------------------------------------------------------------------------------------- access

    def test_director_reads_plans_and_execution_but_creates_no_obligation_ACC17(self):
        plans = self.env['kz.gov.finplan'].sudo(self.director).search([('year', '=', YEAR)])
        self.assertIn(self.plan, plans)
        self.assertEqual(plans.filtered(lambda p: p == self.plan).total_obligations, 1200000)
        rows, total = self.execution(user=self.director).compute_rows()
        self.assertEqual(total['plan_obligations'], 1200000)
        with self.assertRaises(AccessError):
            self.obligation(100, user=self.director)
        with self.assertRaises(AccessError):
            self.env['kz.gov.finplan'].sudo(self.director).create({
                'company_id': self.school.id, 'year': YEAR, 'funding_id': self.republican.id})

    def test_other_school_sees_no_plan_and_registers_nothing_for_school_one_ACC17(self):
        school2 = self.env.ref('kz_edu_base.company_school2_demo')
        other = self.env['res.users'].create({
            'name': 'Bookkeeper of school 2', 'login': 'finplan_bookkeeper_2', 'company_id': school2.id,
            'company_ids': [(6, 0, school2.ids)],
            'groups_id': [(6, 0, [self.env.ref('kz_edu_base.group_bookkeeper').id])]})
        self.assertFalse(self.env['kz.gov.finplan'].sudo(other).search([('id', '=', self.plan.id)]))
        with self.assertRaises(AccessError):
            self.obligation(100, user=other)
        with self.assertRaises(AccessError):
            self.execution(user=other).compute_rows()

    def test_district_reads_the_school_plan_and_changes_nothing_ACC17(self):
        plan = self.plan.sudo(self.district)
        self.assertEqual(plan.read(['year'])[0]['year'], YEAR)
        with self.assertRaises(AccessError):
            self.env['kz.gov.finplan.amendment'].sudo(self.district).create({
                'plan_id': self.plan.id, 'name': 'X', 'reason': 'X'})
