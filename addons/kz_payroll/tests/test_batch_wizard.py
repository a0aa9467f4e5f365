# -*- coding: utf-8 -*-
"""«Generate payslips» of a batch as the bookkeeper (issue #13.7): the school's employees with a running contract
are offered and preselected, another school's employee or one without a contract is refused with their names (no
crash), and every payslip gets a reference from the sequence («false» was written before)."""
import datetime

from odoo.exceptions import UserError
from odoo.tests import common

from .common import PayrollCase


@common.at_install(False)
@common.post_install(True)
class TestBatchWizard(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestBatchWizard, cls).setUpClass()
        cls.school = cls.school_a
        cls.other = cls.school_b

        def employee(name, company, contract=True, date_start='2025-09-01', date_end=False):
            emp = cls.make_employee(name, company, datetime.date(1988, 4, 4), deduction_from='2025-01-01')
            if contract:
                cls.make_contract(emp, 250000, date_start, name='C %s' % name, date_end=date_end)
            return emp
        cls.anar = employee('Анар', cls.school)
        cls.berik = employee('Берік', cls.school)
        cls.ended = employee('Ескі', cls.school, date_start='2024-09-01', date_end='2026-08-31')
        cls.no_contract = employee('Келісімсіз', cls.school, contract=False)
        cls.foreign = employee('Бөтен', cls.other)
        cls.batch = cls.env['hr.payslip.run'].sudo(cls.bookkeeper).create({
            'name': 'Қараша 2026', 'date_start': '2026-11-01', 'date_end': '2026-11-30'})

    def wizard(self, employees=None):
        Wizard = self.env['hr.payslip.employees'].sudo(self.bookkeeper).with_context(
            active_id=self.batch.id, active_model='hr.payslip.run')
        vals = {} if employees is None else {'employee_ids': [(6, 0, employees.ids)]}
        return Wizard.create(vals)

    def test_the_schools_employees_with_a_contract_are_preselected(self):
        wizard = self.wizard()
        self.assertEqual(wizard.kz_company_id, self.school)
        self.assertEqual(wizard.employee_ids, self.anar | self.berik)

    def test_another_schools_employee_is_refused_unnamed(self):
        # the bookkeeper may not read the other school's staff: the batch is refused, the name is not shown
        with self.assertRaises(UserError) as err:
            self.wizard(self.anar | self.foreign).compute_sheet()
        self.assertIn('1 of the chosen employees', err.exception.name)
        self.assertIn(self.school.name, err.exception.name)
        self.assertNotIn('Бөтен', err.exception.name)
        self.assertFalse(self.batch.slip_ids)

    def test_another_schools_employee_is_refused_by_name_to_who_reads_both_schools(self):
        # the administrator reads every school: the employee is named
        Wizard = self.env['hr.payslip.employees'].with_context(active_id=self.batch.id, active_model='hr.payslip.run')
        with self.assertRaises(UserError) as err:
            Wizard.create({'kz_company_id': self.school.id,
                           'employee_ids': [(6, 0, (self.anar | self.foreign).ids)]}).compute_sheet()
        self.assertIn('Бөтен', err.exception.name)
        self.assertIn(self.school.name, err.exception.name)
        self.assertFalse(self.batch.slip_ids)

    def test_an_employee_without_a_running_contract_is_refused_by_name(self):
        for emp in (self.no_contract, self.ended):
            with self.assertRaises(UserError) as err:
                self.wizard(self.anar | emp).compute_sheet()
            self.assertIn(emp.name, err.exception.name)
            self.assertIn('01.11.2026', err.exception.name)

    def test_payslips_get_a_reference_never_false(self):
        self.wizard().compute_sheet()
        slips = self.batch.slip_ids
        self.assertEqual(slips.mapped('employee_id'), self.anar | self.berik)
        for slip in slips:
            self.assertTrue(slip.number, slip.name)
            self.assertNotEqual(slip.number.lower(), 'false')
            self.assertTrue(slip.line_ids)
