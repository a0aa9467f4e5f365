# -*- coding: utf-8 -*-
"""Worked time, vacation and sick-leave pay from the average earnings, payslip inputs (kz_worktime through the ORM):
BASIC is prorated by the schedule's worked days, VACATION / SICK = leave days × the average daily earnings of the
12 previous done payslips, unpaid days reduce BASIC only, BONUS is in the gross and taxed, and every engine line
still equals kz_tax.compute_payroll on the new gross to the tiyn."""
import datetime
from decimal import Decimal

from odoo.tests import common

from odoo.addons.kz_payroll import kz_tax, kz_worktime

from .common import PayrollCase

D = Decimal
TIYN = D('0.01')
ENGINE_KEYS = {'OPV': 'opv', 'VOSMS': 'vosms', 'IPN': 'ipn', 'NET': 'net',
               'OPVR': 'opvr', 'SO': 'so', 'OOSMS': 'oosms', 'SN': 'sn'}


def _month(year, month):
    first = datetime.date(year, month, 1)
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1))
    return first.isoformat(), last.isoformat()


@common.at_install(False)
@common.post_install(True)
class TestKzWorktime(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestKzWorktime, cls).setUpClass()
        env = cls.env
        cls.company = cls.school_a
        cls.struct = cls.teacher_struct
        # a plain Monday–Friday 8-hour schedule, no public holidays: the norm of a month is its weekdays
        cls.calendar = env['resource.calendar'].create({
            'name': 'KZ test 5 days', 'company_id': cls.company.id,
            'attendance_ids': [(0, 0, {'name': 'Day %d' % d, 'dayofweek': str(d), 'hour_from': 9, 'hour_to': 17})
                               for d in range(5)]})
        # this test's own public holidays only: not the Kazakh calendar every new schedule gets (kz_public_holiday)
        cls.calendar.leave_ids.filtered('kz_holiday_code').unlink()

    # ------------------------------------------------------------------------------------------ helpers
    def _employee(self, wage=300000):
        emp = self.make_employee('Worktime employee', self.company, resource_calendar_id=self.calendar.id)
        self.make_contract(emp, wage, name='Contract', resource_calendar_id=self.calendar.id)
        return emp

    def _slip(self, emp, date_from, date_to, inputs=None):
        contract = emp.contract_ids[:1]
        Slip = self.env['hr.payslip']
        worked = Slip.get_worked_day_lines(contract, date_from, date_to)
        return Slip.create({
            'name': 'Slip', 'employee_id': emp.id, 'contract_id': contract.id, 'struct_id': self.struct.id,
            'company_id': self.company.id, 'date_from': date_from, 'date_to': date_to,
            'worked_days_line_ids': [(0, 0, w) for w in worked],
            'input_line_ids': [(0, 0, {'name': code, 'code': code, 'amount': amount, 'contract_id': contract.id})
                               for code, amount in (inputs or {}).items()]})

    def _leave(self, emp, status_xmlid, date_from, date_to, days):
        status = self.env.ref(status_xmlid)
        Holidays = self.env['hr.holidays'].with_context(tracking_disable=True, mail_create_nolog=True)
        if not status.limit:   # legal leaves need an allocation first
            alloc = Holidays.create({'name': 'Allocation', 'type': 'add', 'holiday_type': 'employee',
                                     'employee_id': emp.id, 'holiday_status_id': status.id,
                                     'number_of_days_temp': 24})
            alloc.action_approve()
            if alloc.state != 'validate':
                alloc.action_validate()
        leave = Holidays.create({
            'name': 'Leave', 'type': 'remove', 'holiday_type': 'employee', 'employee_id': emp.id,
            'holiday_status_id': status.id, 'date_from': date_from + ' 00:00:00', 'date_to': date_to + ' 23:59:59',
            'number_of_days_temp': days})
        leave.action_approve()
        if leave.state != 'validate':
            leave.action_validate()
        self.assertEqual(leave.state, 'validate')
        return leave

    @staticmethod
    def _lines(slip):
        return {line.code: D(repr(line.total)).quantize(TIYN) for line in slip.line_ids}

    @staticmethod
    def _days(slip):
        work = sum(D(repr(w.number_of_days)) for w in slip.worked_days_line_ids if w.code == 'WORK100')
        norm = sum(D(repr(w.number_of_days)) for w in slip.worked_days_line_ids)
        return work, norm

    def _history(self, emp):
        """12 done payslips, March 2025 – February 2026 (the 12 months before March 2026, full months);
        returns (earnings, schedule days). A payslip of February 2025 (13th month back) must not count."""
        old = self._slip(emp, *_month(2025, 2), inputs={'BONUS': 1000000})
        old.action_payslip_done()
        earnings = days = D(0)
        for year, month in [(2025, m) for m in range(3, 13)] + [(2026, 1), (2026, 2)]:
            slip = self._slip(emp, *_month(year, month))
            slip.action_payslip_done()
            earnings += self._lines(slip)['GROSS']
            days += self._days(slip)[1]
        self.assertEqual(days, D(260))   # weekdays of March 2025 – February 2026
        return earnings, days

    def _assert_engine(self, slip, gross, ytd=0):
        lines = self._lines(slip)
        expected = kz_tax.compute_payroll(gross, slip.date_to, deduction_applied=True, birth_date='1990-05-05',
                                          ytd_income=ytd)
        self.assertEqual(lines['GROSS'], gross)
        self.assertEqual(lines['GROSS'], sum(lines[c] for c in ('BASIC', 'VACATION', 'SICK', 'BONUS', 'ONEOFF')))
        for code, key in ENGINE_KEYS.items():
            self.assertEqual(lines[code], expected[key], code)
        self.assertEqual(lines['NET'], lines['GROSS'] - lines['OPV'] - lines['VOSMS'] - lines['IPN'])
        return expected

    # ------------------------------------------------------------------------------------------ tests
    def test_standard_leave_types_are_mapped(self):
        self.assertEqual(self.env.ref('hr_holidays.holiday_status_cl').kz_payroll_kind, 'vacation')
        self.assertEqual(self.env.ref('hr_holidays.holiday_status_sl').kz_payroll_kind, 'sick')
        self.assertEqual(self.env.ref('hr_holidays.holiday_status_unpaid').kz_payroll_kind, 'unpaid')
        codes = set(self.struct.rule_ids.mapped('code'))
        self.assertTrue({'VACATION', 'SICK', 'BONUS', 'ONEOFF'} <= codes)

    def test_full_month_without_leave_pays_wage(self):
        emp = self._employee()
        slip = self._slip(emp, *_month(2026, 3))
        slip.compute_sheet()
        self.assertEqual(self._days(slip), (D(22), D(22)))
        lines = self._lines(slip)
        self.assertEqual(lines['BASIC'], D('300000.00'))
        self.assertEqual(lines['VACATION'] + lines['SICK'] + lines['BONUS'] + lines['ONEOFF'], 0)
        self._assert_engine(slip, D('300000.00'))

    def test_legal_leave_prorates_basic_and_pays_vacation_from_12_months(self):
        emp = self._employee(wage=312345.67)
        earnings, days = self._history(emp)
        # 5 working days of legal leave, Mon 9 – Fri 13 March 2026 (March 2026: 22 weekdays)
        self._leave(emp, 'hr_holidays.holiday_status_cl', '2026-03-09', '2026-03-13', 5)
        slip = self._slip(emp, *_month(2026, 3))
        slip.compute_sheet()
        self.assertEqual(self._days(slip), (D(17), D(22)))
        lines = self._lines(slip)
        self.assertEqual(lines['BASIC'], (D('312345.67') * 17 / 22).quantize(TIYN))   # 241 358.019… → 241 358.02
        self.assertEqual(lines['BASIC'], D('241358.02'))
        avg = earnings / days
        self.assertEqual(earnings, D('312345.67') * 12)
        self.assertEqual(lines['VACATION'], (avg * 5).quantize(TIYN))
        self.assertEqual(lines['VACATION'], D('72079.77'))   # 3 748 148.04 / 260 × 5 = 72 079.769…
        self._assert_engine(slip, lines['BASIC'] + lines['VACATION'])

    def test_vacation_without_history_uses_wage_over_average_month(self):
        emp = self._employee(wage=300000)
        self._leave(emp, 'hr_holidays.holiday_status_cl', '2026-03-09', '2026-03-13', 5)
        slip = self._slip(emp, *_month(2026, 3))
        slip.compute_sheet()
        lines = self._lines(slip)
        self.assertEqual(lines['VACATION'], (D(300000) / kz_worktime.AVG_WORKING_DAYS_PER_MONTH * 5).quantize(TIYN))
        self.assertEqual(lines['VACATION'], D('71428.57'))
        self._assert_engine(slip, lines['BASIC'] + lines['VACATION'])

    def test_sick_days_paid_from_average_earnings_with_cap(self):
        emp = self._employee(wage=300000)
        earnings, days = self._history(emp)
        self._leave(emp, 'hr_holidays.holiday_status_sl', '2026-03-02', '2026-03-04', 3)
        slip = self._slip(emp, *_month(2026, 3))
        slip.compute_sheet()
        lines = self._lines(slip)
        self.assertEqual(self._days(slip), (D(19), D(22)))
        self.assertEqual(lines['BASIC'], D('259090.91'))   # 300 000 × 19 / 22 = 259 090.909…
        self.assertEqual(lines['SICK'], D('41538.46'))     # 3 600 000 / 260 × 3 = 41 538.461…
        self.assertEqual(lines['SICK'], (earnings / days * 3).quantize(TIYN))
        self._assert_engine(slip, lines['BASIC'] + lines['SICK'])
        # 10 sick days: 138 461.54 is capped at 25 МРП of 2026 = 108 125 ₸
        emp2 = self._employee(wage=300000)
        self._history(emp2)
        self._leave(emp2, 'hr_holidays.holiday_status_sl', '2026-03-02', '2026-03-13', 10)
        slip2 = self._slip(emp2, *_month(2026, 3))
        slip2.compute_sheet()
        self.assertEqual(self._lines(slip2)['SICK'], D('108125.00'))

    def test_unpaid_days_reduce_basic_only(self):
        emp = self._employee(wage=300000)
        self._leave(emp, 'hr_holidays.holiday_status_unpaid', '2026-03-16', '2026-03-17', 2)
        slip = self._slip(emp, *_month(2026, 3))
        slip.compute_sheet()
        lines = self._lines(slip)
        self.assertEqual(self._days(slip), (D(20), D(22)))
        self.assertEqual(lines['BASIC'], D('272727.27'))   # 300 000 × 20 / 22
        self.assertEqual(lines['VACATION'] + lines['SICK'], 0)
        self._assert_engine(slip, D('272727.27'))

    def test_bonus_and_oneoff_inputs_are_in_gross_and_taxed(self):
        emp = self._employee(wage=300000)
        plain = self._slip(emp, *_month(2026, 3))
        plain.compute_sheet()
        emp2 = self._employee(wage=300000)
        slip = self._slip(emp2, *_month(2026, 3), inputs={'BONUS': 50000.5, 'ONEOFF': 20000})
        slip.compute_sheet()
        lines = self._lines(slip)
        self.assertEqual(lines['BONUS'], D('50000.50'))
        self.assertEqual(lines['ONEOFF'], D('20000.00'))
        self._assert_engine(slip, D('370000.50'))
        self.assertGreater(lines['IPN'], self._lines(plain)['IPN'])
        # the stock rule loop gives the same lines as the fast path
        fast = sorted((l.code, l.total) for l in slip.line_ids)
        slip.with_context(kz_payroll_stock_compute=True).compute_sheet()
        slip.invalidate_cache()
        self.assertEqual(sorted((l.code, l.total) for l in slip.line_ids), fast)
