# -*- coding: utf-8 -*-
"""Kazakhstan's public holidays in the working schedules (issue #13.4): the time sheet and the payslip's worked days
of December 2026 and March 2026 no longer count 16.12, 9.03 and 23.03 as working days («Ж 8»)."""
import datetime

from .common import PayrollCase


class TestPublicHolidays(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestPublicHolidays, cls).setUpClass()
        env = cls.env
        cls.calendar = cls.school_a.resource_calendar_id
        cls.calendar.kz_sync_public_holidays((2026,))
        job = env['hr.job'].create({'name': 'Мұғалім (тест)', 'company_id': cls.school_a.id})
        cls.employee = env['hr.employee'].create({
            'name': 'Мерекелер Тест', 'kz_iin': cls.new_iin(datetime.date(1980, 1, 2), 'F'),
            'company_id': cls.school_a.id, 'job_id': job.id, 'resource_calendar_id': cls.calendar.id})
        cls.contract = env['hr.contract'].create({
            'name': 'Contract', 'employee_id': cls.employee.id, 'wage': 300000, 'state': 'open',
            'date_start': '2025-09-01', 'company_id': cls.school_a.id,
            'struct_id': cls.teacher_struct.id,
            'resource_calendar_id': cls.calendar.id})

    def test_every_new_schedule_has_the_public_holidays_with_their_names(self):
        leaves = self.calendar.leave_ids.filtered(lambda l: l.kz_holiday_code and l.date_from[:4] == '2026')
        codes = set(leaves.mapped('kz_holiday_code'))
        self.assertTrue({'NEW_YEAR', 'NAURYZ', 'INDEPENDENCE_DAY', 'WOMENS_DAY', 'KURBAN_AIT'} <= codes, codes)
        self.assertFalse(leaves.filtered('resource_id'))         # global: the whole school
        # 16 December in Almaty time: from 00:00 local (19:00 UTC the day before)
        december = leaves.filtered(lambda l: l.kz_holiday_code == 'INDEPENDENCE_DAY')
        self.assertEqual([(l.date_from, l.date_to) for l in december],
                         [('2026-12-15 19:00:00', '2026-12-16 18:59:59')])
        # a second synchronisation replaces, never doubles
        count = len(self.calendar.leave_ids)
        self.calendar.kz_sync_public_holidays((2026,))
        self.calendar.invalidate_cache()
        self.assertEqual(len(self.calendar.leave_ids), count)

    def test_time_sheet_marks_the_holidays_as_days_off_ACC12(self):
        employee = self.employee.sudo(self.hr_officer)
        december = employee._kz_timesheet_days(2026, 12)[self.employee.id]      # one item a day, from the 1st
        self.assertEqual(december[16 - 1], ('dayoff', None))
        self.assertEqual(december[15 - 1][0], 'work')
        march = employee._kz_timesheet_days(2026, 3)[self.employee.id]
        for day in (9, 23, 24, 25):
            self.assertEqual(march[day - 1], ('dayoff', None), day)
        self.assertEqual(march[10 - 1][0], 'work')

    def test_payslip_norm_leaves_the_holidays_out_ACC12(self):
        Slip = self.env['hr.payslip']
        lines = Slip.get_worked_day_lines(self.contract, '2026-12-01', '2026-12-31')
        # December 2026: 23 weekdays, 16 December a holiday; no line without a code (Odoo's «global leaves»)
        self.assertEqual([(l['code'], l['number_of_days']) for l in lines], [('WORK100', 22.0)])
        lines = Slip.get_worked_day_lines(self.contract, '2026-03-01', '2026-03-31')
        # March 2026: 22 weekdays; 9, 23, 24 and 25 March are not working days
        self.assertEqual([(l['code'], l['number_of_days']) for l in lines], [('WORK100', 18.0)])
