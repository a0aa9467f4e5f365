# -*- coding: utf-8 -*-
"""Kazakh payslips through the ORM (ACC-11): lines equal the pure engine kz_tax to the tiyn, options come from the
employee, refusals name what is missing, year-to-date ИПН bracket, access by role, fast path == stock rule loop."""
import datetime
from decimal import Decimal
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from odoo.addons.kz_payroll import kz_tax

from .common import PayrollCase

D = Decimal
TIYN = D('0.01')
ENGINE_KEYS = {'OPV': 'opv', 'VOSMS': 'vosms', 'IPN': 'ipn', 'NET': 'net',
               'OPVR': 'opvr', 'SO': 'so', 'OOSMS': 'oosms', 'SN': 'sn'}


@common.at_install(False)
@common.post_install(True)
class TestKzPayroll(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestKzPayroll, cls).setUpClass()
        cls.company = cls.school_a
        cls.other_company = cls.school_b
        cls.hr_user = cls.hr_officer

    # ------------------------------------------------------------------------------------------ helpers
    @classmethod
    def _employee(cls, birth=datetime.date(1990, 5, 5), wage=300000, company=None, deduction_from='2024-01-01',
                  contract_start='2024-01-01', user=None, **vals):
        emp = cls.make_employee('Employee %s' % birth, company or cls.company, birth, deduction_from,
                                user_id=user and user.id or False, **vals)
        cls.make_contract(emp, wage, contract_start)
        return emp

    def _slip(self, emp, date_from, date_to, run=None):
        contract = emp.contract_ids[:1]
        return self.env['hr.payslip'].create({
            'name': 'Slip', 'employee_id': emp.id, 'contract_id': contract.id, 'struct_id': contract.struct_id.id,
            'company_id': emp.company_id.id, 'date_from': date_from, 'date_to': date_to,
            'payslip_run_id': run and run.id or False})

    @staticmethod
    def _lines(slip):
        return {line.code: D(repr(line.total)).quantize(TIYN) for line in slip.line_ids}

    def _assert_engine(self, slip, wage, **options):
        lines = self._lines(slip)
        expected = kz_tax.compute_payroll(D(wage), slip.date_to, **options)
        for code, key in ENGINE_KEYS.items():
            self.assertEqual(lines[code], expected[key], '%s of %s' % (code, slip.date_to))
        self.assertEqual(lines['BASIC'], D(wage))
        self.assertEqual(lines['GROSS'], D(wage))
        self.assertEqual(lines['NET'], lines['GROSS'] - lines['OPV'] - lines['VOSMS'] - lines['IPN'])
        return expected

    # ------------------------------------------------------------------------------------------ amounts
    def test_lines_equal_engine_to_the_tiyn_2025_and_2026_ACC11(self):
        emp = self._employee(wage=312345.67)
        for date_from, date_to in (('2025-03-01', '2025-03-31'), ('2026-01-01', '2026-01-31')):
            slip = self._slip(emp, date_from, date_to)
            slip.compute_sheet()
            self._assert_engine(slip, '312345.67', birth_date='1990-05-05', deduction_applied=True)
            self.assertTrue(slip.number)
        categories = {line.code: line.category_id.code for line in slip.line_ids}
        for code in ('OPVR', 'SO', 'OOSMS', 'SN'):
            self.assertEqual(categories[code], 'COMP')
        self.assertEqual(categories['IPN'], 'DED')
        self.assertEqual(categories['NET'], 'NET')

    def test_born_1970_has_no_opvr_ACC11(self):
        emp = self._employee(birth=datetime.date(1970, 2, 3))
        slip = self._slip(emp, '2026-02-01', '2026-02-28')
        slip.compute_sheet()
        self._assert_engine(slip, 300000, birth_date='1970-02-03')
        self.assertEqual(self._lines(slip)['OPVR'], D('0.00'))
        self.assertGreater(self._lines(slip)['SO'], 0)

    def test_pensioner_pays_no_opv_vosms_ACC11(self):
        emp = self._employee(birth=datetime.date(1960, 2, 3), kz_is_pensioner=True, kz_pensioner_date='2025-06-01')
        before = self._slip(emp, '2025-05-01', '2025-05-31')
        after = self._slip(emp, '2026-02-01', '2026-02-28')
        (before | after).compute_sheet()
        self.assertGreater(self._lines(before)['OPV'], 0)
        self._assert_engine(after, 300000, birth_date='1960-02-03', pensioner=True)
        self.assertEqual(self._lines(after)['OPV'], D('0.00'))
        self.assertEqual(self._lines(after)['VOSMS'], D('0.00'))

    def test_deduction_application_applies_from_its_date_ACC11(self):
        emp = self._employee(deduction_from=False)
        emp.kz_deduction_application_ids = [(0, 0, {'date_from': '2026-02-01', 'date_to': '2026-03-31'})]
        jan, feb, apr = (self._slip(emp, '2026-01-01', '2026-01-31'), self._slip(emp, '2026-02-01', '2026-02-28'),
                         self._slip(emp, '2026-04-01', '2026-04-30'))
        (jan | feb | apr).compute_sheet()
        self._assert_engine(jan, 300000, deduction_applied=False)
        self._assert_engine(feb, 300000, deduction_applied=True)
        self._assert_engine(apr, 300000, deduction_applied=False)
        self.assertEqual(self._lines(jan)['IPN'] - self._lines(feb)['IPN'], D('12975.00'))  # 10 % of 30 МРП

    def test_disability_group_from_employee_ACC11(self):
        emp = self._employee(kz_disability_group='2', kz_disability_indefinite=True,
                             kz_disability_date_from='2020-01-01')
        slip = self._slip(emp, '2026-03-01', '2026-03-31')
        slip.compute_sheet()
        self._assert_engine(slip, 300000, deduction_applied=True, disability_group=2, disability_indefinite=True,
                            birth_date='1990-05-05')
        self.assertEqual(self._lines(slip)['OPV'], D('0.00'))

    def test_ytd_income_moves_into_15_percent_bracket_2026_ACC11(self):
        emp = self._employee(wage=4000000)
        ytd = D('0')
        for month in range(1, 12):
            last = (datetime.date(2026, month % 12 + 1, 1) if month < 12 else datetime.date(2027, 1, 1)) \
                - datetime.timedelta(days=1)
            slip = self._slip(emp, '2026-%02d-01' % month, last.isoformat())
            slip.action_payslip_done()
            expected = self._assert_engine(slip, 4000000, deduction_applied=True, ytd_income=ytd,
                                           birth_date='1990-05-05')
            self.assertEqual(D(repr(slip.kz_ipn_base)).quantize(TIYN), expected['ipn_base'])
            ytd += expected['ipn_base']
        self.assertGreater(expected['ipn_at_high_rate_base'], 0)
        self.assertGreater(self._lines(slip)['IPN'], (expected['ipn_base'] * D('0.10')).quantize(TIYN))

    # ------------------------------------------------------------------------------------------ refusals
    def test_refused_without_iin_ACC11(self):
        emp = self._employee()
        emp.kz_iin = False
        slip = self._slip(emp, '2026-01-01', '2026-01-31')
        with self.assertRaisesRegex(UserError, 'no IIN'):
            slip.compute_sheet()

    def test_refused_without_running_contract_ACC11(self):
        emp = self._employee(contract_start='2026-06-01')
        slip = self._slip(emp, '2026-01-01', '2026-01-31')
        with self.assertRaisesRegex(UserError, 'no running contract'):
            slip.compute_sheet()
        emp.contract_ids.write({'date_start': '2025-01-01', 'state': 'draft'})
        with self.assertRaisesRegex(UserError, 'no running contract'):
            slip.compute_sheet()

    def test_refused_missing_parameter_names_it_ACC11(self):
        emp = self._employee()
        slip = self._slip(emp, '2031-01-01', '2031-01-31')
        with self.assertRaisesRegex(UserError, 'no parameter MRP, MZP'):
            slip.compute_sheet()

    def test_new_year_parameters_are_data_rows_ACC11(self):
        Param = self.env['kz.edu.parameter']
        for code in ('MRP', 'MZP'):
            last = Param.search([('code', '=', code), ('state', '=', 'confirmed')], order='date_from desc', limit=1)
            last.copy({'date_from': '2031-01-01', 'date_to': '2031-12-31',
                       'value': '5000' if code == 'MRP' else '90000'}).action_confirm()
        emp = self._employee()
        slip = self._slip(emp, '2031-01-01', '2031-01-31')
        slip.compute_sheet()
        rows = Param.rows_for(('general', 'payroll'), False)
        self._assert_engine(slip, 300000, parameters=rows, birth_date='1990-05-05')

    def test_refused_negative_or_absurd_wage_ACC11(self):
        emp = self._employee()
        slip = self._slip(emp, '2026-01-01', '2026-01-31')
        for wage in (-100.0, 0.0, 2e9):
            emp.contract_ids.write({'wage': wage})
            with self.assertRaisesRegex(UserError, 'not plausible'):
                slip.compute_sheet()

    def test_refused_non_resident_ACC11(self):
        emp = self._employee(kz_is_resident=False)
        slip = self._slip(emp, '2026-01-01', '2026-01-31')
        with self.assertRaisesRegex(UserError, 'not a tax resident'):
            slip.compute_sheet()

    def test_refused_second_payslip_for_paid_period_ACC11(self):
        emp = self._employee()
        first = self._slip(emp, '2026-01-01', '2026-01-31')
        first.action_payslip_done()
        self.assertEqual(first.state, 'done')
        with self.assertRaisesRegex(UserError, 'already paid'):
            first.compute_sheet()
        second = self._slip(emp, '2026-01-01', '2026-01-31')
        with self.assertRaisesRegex(UserError, 'already paid'):
            second.compute_sheet()
        with self.assertRaisesRegex(UserError, 'already paid'):
            second.action_payslip_done()

    def test_refused_in_closed_batch_ACC11(self):
        emp = self._employee()
        run = self.env['hr.payslip.run'].create({'name': 'Jan', 'date_start': '2026-01-01',
                                                 'date_end': '2026-01-31'})
        slip = self._slip(emp, '2026-01-01', '2026-01-31', run=run)
        run.close_payslip_run()
        with self.assertRaisesRegex(UserError, 'is closed'):
            slip.compute_sheet()
        with self.assertRaisesRegex(UserError, 'is closed'):
            slip.action_payslip_done()
        with self.assertRaisesRegex(UserError, 'is closed'):
            run.action_kz_compute_and_confirm()
        # another payslip for the same employee and period, outside the closed batch: refused too
        other = self._slip(emp, '2026-01-01', '2026-01-31')
        with self.assertRaisesRegex(UserError, 'already paid'):
            other.compute_sheet()

    def test_batch_compute_and_confirm_closes_batch_ACC11(self):
        run = self.env['hr.payslip.run'].create({'name': 'Feb', 'date_start': '2026-02-01',
                                                 'date_end': '2026-02-28'})
        slips = self.env['hr.payslip']
        for wage in (250000, 300000, 450000):
            slips |= self._slip(self._employee(wage=wage), '2026-02-01', '2026-02-28', run=run)
        run.action_kz_compute_and_confirm()
        self.assertEqual(run.state, 'close')
        self.assertEqual(set(slips.mapped('state')), {'done'})
        self.assertEqual(len(slips.mapped('line_ids')), 42)   # 14 rules a payslip

    # ------------------------------------------------------------------------------------------ fast == stock
    def test_fast_path_equals_stock_rule_loop_ACC11(self):
        slips = self.env['hr.payslip']
        for i, wage in enumerate((120000, 312345.67, 4500000)):
            emp = self._employee(birth=datetime.date(1965 + 10 * i, 1, 1), wage=wage,
                                 deduction_from='2024-01-01' if i != 1 else False)
            slips |= self._slip(emp, '2026-03-01', '2026-03-31')
        fields_ = ('code', 'name', 'category_id', 'salary_rule_id', 'sequence', 'amount', 'quantity', 'rate',
                   'total', 'contract_id', 'employee_id', 'appears_on_payslip', 'amount_select',
                   'amount_python_compute', 'register_id')

        def snapshot():
            return sorted((line.slip_id.id,) + tuple(
                line[f].id if hasattr(line[f], 'id') else line[f] for f in fields_)
                for line in slips.mapped('line_ids'))
        slips.compute_sheet()
        fast = snapshot()
        numbers = slips.mapped('number')
        slips.with_context(kz_payroll_stock_compute=True).compute_sheet()
        slips.invalidate_cache()
        self.assertEqual(snapshot(), fast)
        self.assertEqual(len(fast), 42)   # 14 rules a payslip
        self.assertEqual(slips.mapped('number'), numbers)

    def test_stock_rule_loop_takes_the_amounts_from_its_own_environment_issue15(self):
        """The rules of the stock loop get the engine's amounts with the environment they are evaluated in: the
        engine runs once for the payslips (a rule finding nothing would run it again for each line), and the module
        keeps no process-wide store of amounts that another transaction could read."""
        from odoo.addons.kz_payroll.models import kz_payroll_core
        slip = self._slip(self._employee(wage=300000), '2026-03-01', '2026-03-31')
        Slip = type(slip)
        original, calls = Slip._kz_compute_amounts, []

        def counting(records, *args):
            calls.append(records.ids)
            return original(records, *args)
        with patch.object(Slip, '_kz_compute_amounts', counting):
            slip.with_context(kz_payroll_stock_compute=True).compute_sheet()
        self.assertEqual(calls, [slip.ids])
        self._assert_engine(slip, 300000)
        self.assertFalse(hasattr(kz_payroll_core, '_RULE_CACHE'))
        # a rule evaluated with amounts in its context reads them; without, it computes them
        given = slip.with_context(**{kz_payroll_core.RULE_AMOUNTS_KEY: {slip.id: {'OPV': D('1.23')}}})
        self.assertEqual(given.kz_rule_amount('OPV'), 1.23)
        self.assertEqual(D(repr(slip.kz_rule_amount('OPV'))), self._lines(slip)['OPV'])

    # ------------------------------------------------------------------------------------------ access
    def test_access_by_role_SEC01(self):
        teacher_emp = self._employee(user=self.teacher_user)
        colleague = self._employee(birth=datetime.date(1985, 1, 1))
        foreign = self._employee(company=self.other_company)
        own = self._slip(teacher_emp, '2026-01-01', '2026-01-31')
        other = self._slip(colleague, '2026-01-01', '2026-01-31')
        far = self._slip(foreign, '2026-01-01', '2026-01-31')
        (own | other | far).compute_sheet()
        Slip, Line = self.env['hr.payslip'], self.env['hr.payslip.line']

        # cashier: no payslip, no line, no contract wage
        self.assertFalse(Slip.sudo(self.cashier).search([]))
        self.assertFalse(Line.sudo(self.cashier).search([]))
        with self.assertRaises(AccessError):
            other.sudo(self.cashier).read(['name'])
        with self.assertRaises(AccessError):
            other.line_ids[:1].sudo(self.cashier).read(['total'])
        with self.assertRaises(AccessError):
            colleague.contract_ids.sudo(self.cashier).read(['wage'])
        # parent (portal): nothing at all
        with self.assertRaises(AccessError):
            Slip.sudo(self.parent_user).search([])
        with self.assertRaises(AccessError):
            other.sudo(self.parent_user).read(['name'])
        # teacher: only their own payslip and lines
        self.assertEqual(Slip.sudo(self.teacher_user).search([]), own)
        self.assertEqual(Line.sudo(self.teacher_user).search([]), own.line_ids)
        with self.assertRaises(AccessError):
            other.sudo(self.teacher_user).read(['name'])
        with self.assertRaises(AccessError):
            other.line_ids[:1].sudo(self.teacher_user).read(['total'])
        with self.assertRaises(AccessError):
            colleague.contract_ids.sudo(self.teacher_user).read(['wage'])
        # HR officer and bookkeeper: the school's payslips, not another school's
        for user in (self.hr_user, self.bookkeeper):
            seen = Slip.sudo(user).search([('id', 'in', (own | other | far).ids)])
            self.assertEqual(seen, own | other)
            with self.assertRaises(AccessError):
                far.sudo(user).read(['name'])
        # the bookkeeper computes and confirms
        other.sudo(self.bookkeeper).action_payslip_done()
        self.assertEqual(other.state, 'done')

    def test_parameters_and_employee_facts_access_SEC01(self):
        param = self.env['kz.edu.parameter'].search([('code', '=', 'OPV_RATE'), ('company_id', '=', False)], limit=1)
        emp = self._employee(kz_is_pensioner=True)
        # HR officer and bookkeeper read parameters and the employee's payroll facts; only the chief keeps rates
        for user in (self.hr_user, self.bookkeeper):
            self.assertTrue(param.sudo(user).read(['value']))
            self.assertTrue(emp.sudo(user).read(['kz_is_pensioner'])[0]['kz_is_pensioner'])
            with self.assertRaises(AccessError):
                param.sudo(user).write({'source': '1'})
        chief = self.chief
        # the country's rate is the administrator's; the chief keeps her school's rows
        with self.assertRaises(AccessError):
            param.sudo(chief).write({'source': param.source + ' (checked)'})
        own = self.env['kz.edu.parameter'].sudo(chief).create({
            'code': 'OPV_RATE', 'date_from': '2040-01-01', 'value': param.value, 'unit': param.unit,
            'domain': param.domain, 'source': 'School order (test only)'})
        own.action_confirm()
        self.assertEqual((own.state, own.company_id), ('confirmed', chief.company_id))
        # cashier and teacher: the rates are public law and read by every employee, the employee's payroll facts not
        for user in (self.cashier, self.teacher_user):
            self.assertEqual(param.sudo(user).read(['value'])[0]['value'], param.value)
            with self.assertRaises(AccessError):
                emp.sudo(user).read(['kz_is_pensioner'])
