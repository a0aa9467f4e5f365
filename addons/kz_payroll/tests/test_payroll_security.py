# -*- coding: utf-8 -*-
"""Payroll seen and done as the restricted users (issue #12.1, #12.5; SEC-01, SEC-05, ACC-11):
* one school's HR officer and bookkeepers neither read nor change another school's employees and contracts, create
  no employee in it and compute no payslip for its staff; an employee lists only their school's colleagues, without
  badge number or attendance PIN;
* a done payslip, its lines and a closed batch are closed: the chief bookkeeper alone reverses a payslip with a
  refund (the same lines, posted as the reversing entry), after which a corrected payslip of the period is made."""
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import common

from .common import PayrollCase


@common.at_install(False)
@common.post_install(True)
class TestPayrollSecurity(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestPayrollSecurity, cls).setUpClass()
        cls.school = cls.school_a
        cls.other = cls.school_b
        cls.struct = cls.teacher_struct
        cls.hr = cls.hr_officer
        cls.teacher = cls.teacher_user
        cls.emp = cls._employee(cls.school)
        cls.emp_other = cls._employee(cls.other)
        cls.contract_other = cls.emp_other.contract_ids

    @classmethod
    def _employee(cls, company, wage=300000):
        emp = cls.make_employee('Employee of %s' % company.name, company, datetime.date(1985, 5, 5),
                                birthday='1985-05-05', barcode='B%s' % company.id, pin='%04d' % (company.id % 10000))
        cls.make_contract(emp, wage)
        return emp

    def _slip(self, emp, date_from='2026-01-01', date_to='2026-01-31', user=None, run=None):
        contract = emp.sudo().contract_ids[:1]
        Slip = self.env['hr.payslip'].sudo(user) if user else self.env['hr.payslip']
        return Slip.create({'name': 'Slip', 'employee_id': emp.id, 'contract_id': contract.id,
                            'struct_id': contract.struct_id.id, 'date_from': date_from, 'date_to': date_to,
                            'payslip_run_id': run and run.id or False})

    # ------------------------------------------------------------------------------------------ #12.1
    def test_school_payroll_staff_cannot_touch_another_school_employees_SEC05(self):
        for user in (self.hr, self.bookkeeper, self.chief):
            Employee = self.env['hr.employee'].sudo(user)
            self.assertEqual(Employee.search([('id', 'in', (self.emp | self.emp_other).ids)]), self.emp, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                self.emp_other.sudo(user).read(['name', 'kz_iin', 'birthday'])
            with self.assertRaises(AccessError, msg=user.login):
                self.emp_other.sudo(user).write({'name': 'Renamed'})
            with self.assertRaises(AccessError, msg=user.login):
                self.contract_other.sudo(user).read(['wage'])
            with self.assertRaises(AccessError, msg=user.login):
                self.contract_other.sudo(user).write({'wage': 999999})
            with self.assertRaises((AccessError, ValidationError), msg=user.login), self.cr.savepoint():
                Employee.create({'name': 'Planted', 'company_id': self.other.id})
            self.assertFalse(self.env['hr.contract'].sudo(user).search([('employee_id', '=', self.emp_other.id)]))
            self.assertEqual(self.env['hr.employee'].sudo(user).name_search('Employee of Test school'),
                             [(self.emp.id, self.emp.name)])
        self.assertFalse(self.env['hr.employee'].search([('name', '=', 'Planted')]))
        self.assertEqual(self.contract_other.wage, 300000)
        self.assertEqual(self.emp_other.name, 'Employee of Test school B')

    def test_payroll_staff_cannot_pay_another_school_staff_SEC05(self):
        for user in (self.hr, self.bookkeeper, self.chief):
            with self.assertRaises((AccessError, ValidationError), msg=user.login):
                self._slip(self.emp_other, user=user).compute_sheet()
        self.assertFalse(self.env['hr.payslip'].search([('employee_id', '=', self.emp_other.id)]))
        # a payslip of one's own school is computed as before
        slip = self._slip(self.emp, user=self.bookkeeper)
        slip.compute_sheet()
        self.assertEqual(slip.company_id, self.school)
        self.assertTrue(slip.line_ids)

    def test_employees_list_shows_no_other_school_badge_or_pin_SEC01(self):
        for user in (self.cashier, self.teacher):
            Employee = self.env['hr.employee'].sudo(user)
            self.assertEqual(Employee.search([('id', 'in', (self.emp | self.emp_other).ids)]), self.emp)
            self.assertEqual(Employee.search_read([('id', '=', self.emp.id)], ['name'])[0]['name'], self.emp.name)
            for field in ('barcode', 'pin', 'kz_iin', 'birthday'):
                with self.assertRaises(AccessError, msg=(user.login, field)):
                    self.emp.sudo(user).read([field])
            with self.assertRaises(AccessError):
                Employee.browse(self.emp.id).export_data(['name', 'barcode'])
        # the HR officer keeps the turnstile badge of their own staff
        self.assertEqual(self.emp.sudo(self.hr).read(['barcode'])[0]['barcode'], 'B%s' % self.school.id)

    # ------------------------------------------------------------------------------------------ #12.5
    def _done_slip(self, run=None):
        slip = self._slip(self.emp, run=run, user=self.bookkeeper)
        slip.action_payslip_done()
        self.assertEqual(slip.state, 'done')
        return slip

    def test_bookkeeper_cannot_change_a_done_payslip_or_its_lines_ACC11(self):
        slip = self._done_slip()
        net = slip.line_ids.filtered(lambda l: l.code == 'NET')
        total = net.total
        with self.assertRaises(UserError):
            net.write({'amount': total + 100000})
        with self.assertRaises(UserError):
            net.unlink()
        with self.assertRaises(UserError):
            self.env['hr.payslip.line'].sudo(self.bookkeeper).create({
                'slip_id': slip.id, 'name': 'Bonus', 'code': 'X', 'category_id': net.category_id.id,
                'salary_rule_id': net.salary_rule_id.id, 'contract_id': net.contract_id.id,
                'employee_id': self.emp.id, 'amount': 50000})
        for vals in ({'date_to': '2026-01-15'}, {'state': 'draft'}, {'employee_id': self.emp_other.id}):
            with self.assertRaises(UserError, msg=vals):
                slip.write(vals)
        with self.assertRaises(UserError):
            slip.action_payslip_draft()
        with self.assertRaises(UserError):
            slip.unlink()
        with self.assertRaises(UserError):
            slip.compute_sheet()
        slip.invalidate_cache()
        self.assertEqual((slip.state, net.total), ('done', total))

    def test_bookkeeper_cannot_reopen_a_closed_batch_ACC11(self):
        run = self.env['hr.payslip.run'].sudo(self.bookkeeper).create(
            {'name': 'Jan', 'date_start': '2026-01-01', 'date_end': '2026-01-31'})
        slip = self._slip(self.emp, run=run, user=self.bookkeeper)
        run.action_kz_compute_and_confirm()
        self.assertEqual((run.state, slip.state, run.company_id), ('close', 'done', self.school))
        with self.assertRaises(AccessError):
            run.draft_payslip_run()
        for vals in ({'state': 'draft'}, {'name': 'Renamed'}, {'slip_ids': [(5, 0, 0)]}):
            with self.assertRaises(UserError, msg=vals):
                run.write(vals)
        with self.assertRaises(UserError):
            self._slip(self.emp, '2026-01-01', '2026-01-31', user=self.bookkeeper, run=run)
        # not even the chief bookkeeper reopens a paid batch: a refund corrects it
        with self.assertRaises(UserError):
            run.sudo(self.chief).draft_payslip_run()
        self.assertEqual(run.state, 'close')
        # a batch closed before anything was paid is reopened by the chief bookkeeper
        empty = self.env['hr.payslip.run'].sudo(self.bookkeeper).create(
            {'name': 'Feb', 'date_start': '2026-02-01', 'date_end': '2026-02-28'})
        empty.close_payslip_run()
        empty.sudo(self.chief).draft_payslip_run()
        self.assertEqual(empty.state, 'draft')

    def test_only_the_chief_bookkeeper_refunds_a_done_payslip_ACC11(self):
        slip = self._done_slip()
        with self.assertRaises(AccessError):
            slip.refund_sheet()                                   # the bookkeeper
        with self.assertRaises(UserError):
            self._slip(self.emp, user=self.bookkeeper).compute_sheet()     # the period is paid
        slip.sudo(self.chief).refund_sheet()
        refund = self.env['hr.payslip'].search([('kz_refund_of_id', '=', slip.id)])
        self.assertEqual((refund.state, refund.credit_note, refund.employee_id), ('done', True, self.emp))
        lines = lambda s: sorted((l.code, l.total) for l in s.line_ids)
        self.assertEqual(lines(refund), lines(slip))
        self.assertEqual(refund.kz_ipn_base, slip.kz_ipn_base)
        with self.assertRaises(UserError):
            slip.sudo(self.chief).refund_sheet()                  # once
        # the refunded period is paid again by a corrected payslip
        again = self._slip(self.emp, user=self.bookkeeper)
        again.action_payslip_done()
        self.assertEqual(again.state, 'done')
