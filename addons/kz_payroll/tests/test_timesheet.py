# -*- coding: utf-8 -*-
"""Time sheet (табель) of a month (ACC-12, issue #4): day marks from the contracts' working schedule, the schedule's
public holidays and the approved leaves by leave type, totals per employee, department and school, kk/ru, PDF and
XLSX, preliminary for a month not finished, refused for a month not begun, printed by HR officers and bookkeepers
only.

March 2026: Sunday 1st, 22 weekdays; Nauryz on Monday 23rd is a public holiday of the test schedule (encoded in
Asia/Almaty time), so the norm is 21 working days of 8 hours (9–13, 14–18)."""
import datetime
from decimal import Decimal as D

import pytz
import xlrd

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import PayrollCase

# Aigul: sick 2–4, annual leave 9–13 (to Sunday 15), Nauryz on the 23rd
AIGUL_RU = 'ВБББЯЯВВОООООВВЯЯЯЯЯВВВЯЯЯЯВВЯЯ'
AIGUL_KK = 'ДАААЖЖДДЕЕЕЕЕДДЖЖЖЖЖДДДЖЖЖЖДДЖЖ'


def _utc(day, hour=0, minute=0, second=0, tz='Asia/Almaty'):
    local = pytz.timezone(tz).localize(datetime.datetime(2026, 3, day, hour, minute, second))
    return fields.Datetime.to_string(local.astimezone(pytz.UTC).replace(tzinfo=None))


class TestTimesheet(PayrollCase):

    @classmethod
    def setUpClass(cls):
        super(TestTimesheet, cls).setUpClass()
        env = cls.env
        cls.school = cls.school_a
        cls.calendar = env['resource.calendar'].create({
            'name': 'KZ time sheet 5 days', 'company_id': cls.school.id,
            'attendance_ids': [(0, 0, {'name': 'Day %d %s' % (d, part), 'dayofweek': str(d), 'hour_from': start,
                                       'hour_to': start + 4})
                               for d in range(5) for part, start in (('am', 9), ('pm', 14))]})
        # this test's own public holidays only: not the Kazakh calendar every new schedule gets (kz_public_holiday)
        cls.calendar.leave_ids.filtered('kz_holiday_code').unlink()
        env['resource.calendar.leaves'].create({
            'name': 'Наурыз', 'calendar_id': cls.calendar.id, 'tz': 'Asia/Almaty',
            'date_from': _utc(23), 'date_to': _utc(23, 23, 59, 59)})
        Department = env['hr.department']
        cls.teachers = Department.create({'name': 'Teachers (test)', 'company_id': cls.school.id})
        cls.admin_dep = Department.create({'name': 'Administration (test)', 'company_id': cls.school.id})
        job = env['hr.job'].create({'name': 'Мұғалім', 'company_id': cls.school.id})
        cls.aigul = cls._employee('Ахметова Айгүл', cls.teachers, job)
        cls.bolat = cls._employee('Бекенов Болат', cls.teachers, job)
        cls.serik = cls._employee('Серіков Серік', cls.admin_dep, job, date_start='2026-03-16')
        cls.dana = cls._employee('Данаева Дана', cls.admin_dep, job, contract=False)
        cls.old = cls._employee('Ескі Қызметкер', cls.admin_dep, job, date_start='2020-09-01',
                                date_end='2025-06-30', state='close')
        cls.old.active = False
        Status = env['hr.holidays.status']
        cls.trip = Status.create({'name': 'Business trip (test)', 'limit': True, 'kz_timesheet_mark': 'trip'})
        cls.absence = Status.create({'name': 'Absence (test)', 'limit': True, 'kz_payroll_kind': 'unpaid',
                                     'kz_timesheet_mark': 'absence'})
        cls._leave(cls.aigul, env.ref('hr_holidays.holiday_status_sl'), 2, 4, 3)
        cls._leave(cls.aigul, env.ref('hr_holidays.holiday_status_cl'), 9, 15, 5)   # the weekend stays a day off
        cls._leave(cls.bolat, cls.trip, 16, 17, 2)
        cls._leave(cls.bolat, cls.absence, 18, 18, 1)
        refused = cls._leave(cls.bolat, env.ref('hr_holidays.holiday_status_sl'), 25, 27, 3, validate=False)
        refused.action_refuse()
        cls.teacher = cls.teacher_user

    @classmethod
    def _employee(cls, name, department, job, contract=True, date_start='2025-09-01', date_end=False, state='open'):
        employee = cls.env['hr.employee'].create({
            'name': name, 'kz_iin': cls.new_iin(datetime.date(1985, 3, 4), 'F'), 'company_id': cls.school.id,
            'department_id': department.id, 'job_id': job.id, 'resource_calendar_id': cls.calendar.id})
        if contract:
            cls.env['hr.contract'].create({
                'name': 'Contract %s' % name, 'employee_id': employee.id, 'wage': 300000, 'state': state,
                'date_start': date_start, 'date_end': date_end, 'company_id': cls.school.id,
                'resource_calendar_id': cls.calendar.id})
        return employee

    @classmethod
    def _leave(cls, employee, status, first, last, days, validate=True):
        # leaves encoded by an HR officer in Almaty: whole local days
        Holidays = cls.env['hr.holidays'].with_context(tz='Asia/Almaty', mail_create_nolog=True)
        if not status.limit:   # legal leaves and sick leave of the demo need an allocation first
            alloc = Holidays.create({'name': 'Allocation', 'type': 'add', 'holiday_type': 'employee',
                                     'employee_id': employee.id, 'holiday_status_id': status.id,
                                     'number_of_days_temp': 24})
            alloc.action_approve()
            if alloc.state != 'validate':
                alloc.action_validate()
        leave = Holidays.create({
            'name': 'Leave', 'type': 'remove', 'holiday_type': 'employee', 'employee_id': employee.id,
            'holiday_status_id': status.id, 'date_from': _utc(first, 8), 'date_to': _utc(last, 19),
            'number_of_days_temp': days})
        if validate:
            leave.action_approve()
            if leave.state != 'validate':
                leave.action_validate()
        return leave

    def wizard(self, user=None, **vals):
        values = {'document_kind': 'timesheet', 'company_id': self.school.id, 'year': 2026, 'month': '3',
                  'lang': 'ru_RU', 'output': 'pdf'}
        values.update(vals)
        Wizard = self.env['kz.payroll.document.wizard']
        return (Wizard.sudo(user) if user else Wizard).create(values)

    @staticmethod
    def rows(data):
        return {row['employee_id']: row for group in data['timesheet']['groups'] for row in group['rows']}

    @staticmethod
    def codes(row):
        return ''.join(cell['code'] or '.' for cell in row['cells'])

    # ------------------------------------------------------------------------------------------------ marks

    def test_leave_and_sick_leave_marks_and_totals_ACC12(self):
        data = self.wizard().timesheet_data()
        aigul = self.rows(data)[self.aigul.id]
        self.assertEqual(self.codes(aigul), AIGUL_RU)
        self.assertEqual(aigul['cells'][4], {'kind': 'work', 'code': 'Я', 'hours': D('8.00')})
        self.assertEqual(aigul['cells'][1]['hours'], None)
        # 21 working days (22 weekdays − Nauryz) − 3 sick − 5 leave
        self.assertEqual(dict(aigul['totals']), {
            'work_days': 13, 'work_hours': D('104.00'), 'vacation_days': 5, 'sick_days': 3, 'trip_days': 0,
            'unpaid_days': 0, 'absence_days': 0})
        self.assertEqual(aigul['iin'], self.aigul.kz_iin)
        self.assertEqual(aigul['position'], 'Мұғалім')
        kk = self.rows(self.wizard(lang='kk_KZ').timesheet_data())[self.aigul.id]
        self.assertEqual(self.codes(kk), AIGUL_KK)
        self.assertEqual(data['timesheet']['working_days'], 21)

    def test_same_days_as_the_payslip_worked_days(self):
        """The sheet and stock get_worked_day_lines (what the payslip pays) count the same days."""
        contract = self.aigul.contract_ids.with_context(tz='Asia/Almaty')
        lines = self.env['hr.payslip'].with_context(tz='Asia/Almaty').get_worked_day_lines(
            contract, '2026-03-01', '2026-03-31')
        days = {line['code']: line['number_of_days'] for line in lines}
        totals = self.rows(self.wizard().timesheet_data())[self.aigul.id]['totals']
        self.assertEqual(days['WORK100'], totals['work_days'])
        self.assertEqual(days[self.env.ref('hr_holidays.holiday_status_cl').name], totals['vacation_days'])
        self.assertEqual(days[self.env.ref('hr_holidays.holiday_status_sl').name], totals['sick_days'])

    def test_trip_absence_refused_leave_and_contract_from_mid_month(self):
        rows = self.rows(self.wizard().timesheet_data())
        bolat = rows[self.bolat.id]
        self.assertEqual(self.codes(bolat)[15:18], 'ККП')                  # leave types marked trip and absence
        self.assertEqual(self.codes(bolat)[24:27], 'ЯЯЯ')                  # the refused sick leave counts nothing
        self.assertEqual((bolat['totals']['trip_days'], bolat['totals']['absence_days'],
                          bolat['totals']['work_days'], bolat['totals']['sick_days']), (2, 1, 18, 0))
        serik = rows[self.serik.id]
        self.assertEqual(self.codes(serik), '...............ЯЯЯЯЯВВВЯЯЯЯВВЯЯ')
        self.assertEqual(serik['totals']['work_days'], 11)
        self.assertNotIn(self.dana.id, rows)                               # no contract: a note, not a row
        self.assertNotIn(self.old.id, rows)

    def test_department_totals_notes_and_department_filter(self):
        data = self.wizard().timesheet_data()
        groups = [g for g in data['timesheet']['groups']
                  if g['department'] in (self.teachers.name, self.admin_dep.name)]
        self.assertEqual([g['department'] for g in groups], [self.admin_dep.name, self.teachers.name])
        teachers = groups[1]
        self.assertEqual([r['employee_id'] for r in teachers['rows']], [self.aigul.id, self.bolat.id])
        self.assertEqual((teachers['count'], teachers['totals']['work_days'], teachers['totals']['work_hours']),
                         (2, 13 + 18, D('248.00')))
        self.assertTrue(any(self.dana.name in note for note in data['notes']))
        self.assertFalse(any(self.old.name in note for note in data['notes']))
        self.assertEqual(len(data['signatures']), 3)
        only = self.wizard(department_id=self.teachers.id).timesheet_data()
        self.assertEqual(only['department'], self.teachers.name)
        self.assertEqual(only['timesheet']['count'], 2)
        self.assertEqual(only['timesheet']['totals']['sick_days'], 3)
        self.assertFalse(any(self.dana.name in note for note in only['notes']))

    # ------------------------------------------------------------------------------------------------ output

    def test_xlsx_has_a_column_per_day_marks_and_hours(self):
        wiz = self.wizard(output='xlsx', department_id=self.teachers.id)
        data = wiz.timesheet_data()
        content, fmt = self.env.ref('kz_payroll.kz_payroll_document_xlsx').render_xlsx([wiz.id], {})
        self.assertEqual(fmt, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        self.assertIn(data['title'], [r[0] for r in rows])
        head = next(r for r in rows if r[4:6] == ['1', '2'])
        self.assertEqual(head[34], '31')
        self.assertEqual(head[35], data['timesheet']['total_columns'][0])
        i = next(i for i, r in enumerate(rows) if r[1] == self.aigul.name)
        marks, hours = rows[i], rows[i + 1]
        self.assertEqual(marks[2], self.aigul.kz_iin)
        self.assertEqual(''.join(marks[4:35]), AIGUL_RU)
        self.assertEqual(marks[4:10], ['В', 'Б', 'Б', 'Б', 'Я', 'Я'])
        self.assertEqual(hours[4:10], ['', '', '', '', '8', '8'])
        self.assertEqual(marks[35:42], [13.0, 104.0, 5.0, 3.0, 0.0, 0.0, 0.0])
        total = next(r for r in rows if r[1] == data['timesheet']['department_total_label'])
        self.assertEqual(total[35:37], [31.0, 248.0])
        texts = [r[0] for r in rows]
        self.assertIn('Б — %s' % data['timesheet']['legend'][3][1], texts)
        self.assertTrue(any(str(t).startswith(data['signatures'][0]) for t in texts))

    def test_pdf_renders_in_kazakh_and_russian(self):
        report = self.env.ref('kz_payroll.kz_payroll_document_pdf')
        for lang, code in (('ru_RU', 'Б'), ('kk_KZ', 'А')):
            wiz = self.wizard(lang=lang)
            data = wiz.timesheet_data()
            html = report.render_qweb_html([wiz.id])[0].decode()
            self.assertIn('kz-document', html)
            self.assertIn(self.aigul.name, html)
            self.assertIn('%s — %s' % (code, data['timesheet']['legend'][3][1]), html)
            self.assertIn(data['signatures'][2], html)
            self.assertIn(data['title'], html)
            self.assertNotIn(data['title'] + ' — ', html)              # not preliminary
            self.assertIn('background-color: #e7e6e6;', html)          # the days off are shaded
        self.assertTrue(report._run_wkhtmltopdf([html.encode()]).startswith(b'%PDF'))

    # ------------------------------------------------------------------------------------------------ periods

    def test_current_month_is_preliminary_and_next_month_refused(self):
        # the user's day (Asia/Almaty), as the wizard takes it: from 19:00 UTC it is already tomorrow there
        today = fields.Date.from_string(fields.Date.context_today(self.wizard()))
        current = self.wizard(year=today.year, month=str(today.month))
        data = current.timesheet_data()
        self.assertTrue(data['preliminary'])
        plain = self.wizard().timesheet_data()
        self.assertFalse(plain['preliminary'])
        self.assertNotEqual(data['title'], plain['title'])
        self.assertTrue(data['title'].startswith(plain['title']))
        self.assertIn(today.strftime('%d.%m.%Y'), data['notes'][0])
        html = self.env.ref('kz_payroll.kz_payroll_document_pdf').render_qweb_html([current.id])[0].decode()
        self.assertIn(data['title'], html)
        self.assertIn(today.strftime('%d.%m.%Y'), html)
        upcoming = (today.replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
        with self.assertRaisesRegex(UserError, 'has not begun'):
            self.wizard(year=upcoming.year, month=str(upcoming.month)).action_print()
        with self.assertRaisesRegex(UserError, 'no employee with an employment contract'):
            self.wizard(year=2020, month='1', department_id=self.admin_dep.id).action_print()

    def test_print_action_ignores_the_payslip_batch_choice(self):
        action = self.wizard(period_kind='batch', lang='kk_KZ').action_print()
        self.assertEqual(action['report_name'], 'kz_payroll.payroll_document_pdf')
        self.assertEqual(action['context']['lang'], 'kk_KZ')

    # ------------------------------------------------------------------------------------------------ access

    def test_cashier_and_teacher_may_not_print_the_time_sheet(self):
        for user in (self.cashier, self.teacher):
            with self.assertRaises(AccessError):
                self.wizard(user=user).action_print()
            with self.assertRaises(AccessError):
                self.wizard(user=user).timesheet_data()

    def test_hr_officer_prints_the_time_sheet(self):
        data = self.wizard(user=self.hr_officer, department_id=self.teachers.id).timesheet_data()
        self.assertEqual(data['timesheet']['totals']['vacation_days'], 5)
        self.assertEqual(self.rows(data)[self.aigul.id]['iin'], self.aigul.kz_iin)
