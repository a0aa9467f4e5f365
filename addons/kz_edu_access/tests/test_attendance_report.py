"""The monthly attendance report (HSC-13, HSC-11) on a small district, events ingested as the readers send them.

School A: 5 «А» (kids 0, 1, 2) and 5 «Б» (kids 3, 4; kid 5 admitted on Tuesday 6 October 2026); kid 4 has no
card-entry consent (their taps are kept, not linked: counted absent). Staff: two badges at school A, one at B.
Every employee has a badge ID (hr_attendance), so school A's staff is three with «Class teacher A» of the
contingent tests. School B: 5 «А» with one student. Events of October 2026 (local time, UTC+5):
    Mon 5:  kid0 in 07:55, out 13:10, in 14:00, out 15:20; kid1 in 08:01; kid3 in 08:10, out 14:00; kid4 in 08:00;
            staff1 in 07:30, out 17:45; school B: kid_b in 08:20
    Tue 6:  kid0 in 07:50; kid1 out 13:00 (an exit alone); kid5 in 08:05; staff1 in 07:40; staff2 in 07:35, out 16:00
    Wed 7:  an unknown card (the school was open); kid3 in 08:00
    Sat 10: kid0 in 09:00 (a Saturday: no school day)
School days: A 5, 6, 7 October; B 5 October (every other weekday had no event: holidays by the rule).
Hand-computed, school A:       5.10  6.10  7.10   total
    5 «А» enrolled / present     3/2   3/1   3/0     9/3   absent 6
    5 «Б» enrolled / present     2/1   3/1   3/1     8/3   absent 5
    school                       5/3   6/2   6/1    17/6   absent 11; staff present 1, 2, 0 of 3
"""
import datetime
import re
import io
from unittest.mock import patch

import xlrd
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from odoo.addons.kz_edu_contingent.tests.common import ContingentCase

UTC = datetime.timezone.utc
D = datetime.date


@at_install(False)
@post_install(True)
class TestAttendanceReport(ContingentCase):

    NOW = datetime.datetime(2026, 11, 2, 4, 0, tzinfo=UTC)

    @classmethod
    def setUpClass(cls):
        super(TestAttendanceReport, cls).setUpClass()
        env = cls.env
        k = cls.kids
        cls.admit(k[0:3], cls.c5a)
        cls.admit(k[3:5], cls.c5b)
        cls.admit(k[5:6], cls.c5b, date='2026-10-06')
        o = cls.order('admission', '2026-09-01', [{'student_id': cls.kid_b.id, 'to_class_id': cls.c5a_b.id}],
                      company=cls.school_b, reason=cls.reason_in)
        o.action_confirm()
        Card, Consent = env['kz.edu.card'], env['kz.edu.consent']
        for n, kid in enumerate(k):
            Card.create({'uid': 'R%07d' % n, 'student_id': kid.id})
        Card.create({'uid': 'RB000001', 'student_id': cls.kid_b.id})
        for kid in (k - k[4]) | cls.kid_b:
            Consent.create({'partner_id': kid.partner_id.id, 'purpose': 'card_entry', 'given_by_id': cls.mother_a.id,
                            'date_given': '2026-09-01', 'company_id': kid.company_id.id})
        Employee = env['hr.employee']
        cls.staff1 = Employee.create({'name': 'Сейтқали Мұғалім', 'company_id': cls.school_a.id,
                                      'barcode': 'S0001'})
        cls.staff2 = Employee.create({'name': 'Айжан Мұғалім', 'company_id': cls.school_a.id,
                                      'barcode': 'S0002'})
        cls.staff_b = Employee.create({'name': 'Басқа Мұғалім', 'company_id': cls.school_b.id,
                                       'barcode': 'S0003'})
        Device = env['kz.edu.access.device']
        cls.device_a = Device.create({'name': 'Entrance A', 'company_id': cls.school_a.id})
        cls.device_b = Device.create({'name': 'Entrance B', 'company_id': cls.school_b.id})

        def ev(eid, card, day, hm, direction='in'):
            return {'id': eid, 'card': card, 'direction': direction,
                    'time': '2026-10-%02dT%s:00+05:00' % (day, hm)}
        events_a = [
            ev('a1', 'R0000000', 5, '07:55'), ev('a2', 'R0000000', 5, '13:10', 'out'),
            ev('a3', 'R0000000', 5, '14:00'), ev('a4', 'R0000000', 5, '15:20', 'out'),
            ev('a5', 'R0000001', 5, '08:01'), ev('a6', 'R0000003', 5, '08:10'),
            ev('a7', 'R0000003', 5, '14:00', 'out'), ev('a8', 'R0000004', 5, '08:00'),
            ev('a9', 'S0001', 5, '07:30'), ev('a10', 'S0001', 5, '17:45', 'out'),
            ev('b1', 'R0000000', 6, '07:50'), ev('b2', 'R0000001', 6, '13:00', 'out'),
            ev('b3', 'R0000005', 6, '08:05'), ev('b4', 'S0001', 6, '07:40'),
            ev('b5', 'S0002', 6, '07:35'), ev('b6', 'S0002', 6, '16:00', 'out'),
            ev('c1', 'FFFF0001', 7, '08:00'), ev('c2', 'R0000003', 7, '08:00'),
            ev('d1', 'R0000000', 10, '09:00'),
        ]
        Event = env['kz.edu.access.event'].with_context(kz_no_notify=True)
        Event.ingest(cls.device_a, {'events': events_a}, now=cls.NOW)
        Event.ingest(cls.device_b, {'events': [ev('x1', 'RB000001', 5, '08:20')]}, now=cls.NOW)

        cls.school_a.kz_authority_email = 'roo-a@example.kz'
        cls.school_b.write({'kz_authority_email': 'roo-b@example.kz', 'kz_instruction_lang': 'ru'})
        cls.district_user = cls.make_user('att_district', ['kz_edu_base.group_district'], cls.department,
                                          cls.department | cls.school_a | cls.school_b)
        cls.deputy = cls.make_user('att_deputy', ['kz_edu_base.group_deputy_director'], cls.school_a)
        cls.cashier = cls.make_user('att_cashier', ['kz_edu_base.group_canteen_cashier'], cls.school_a)
        cls.Wizard = env['kz.edu.access.report.wizard']

    def today(self, day):
        return patch.object(type(self.Wizard), '_today', lambda self: day)

    def wizard(self, user=None, **vals):
        values = {'month': '2026-10-01', 'company_ids': [(6, 0, (self.school_a | self.school_b).ids)],
                  'company_id': self.school_a.id, 'output': 'xlsx'}
        values.update(vals)
        return (self.Wizard.sudo(user) if user else self.Wizard).create(values)

    def data(self, user=None, **vals):
        with self.today(D(2026, 11, 22)):
            return self.wizard(user, **vals).report_data()

    @staticmethod
    def school(data, company):
        return next(s for s in data['schools'] if s['company'] == company.id)

    @staticmethod
    def by_class(school):
        return {r['name']: r for r in school['classes']}

    # ------------------------------------------------------------------------------------------------ counts

    def test_counts_per_class_and_day_HSC13(self):
        a = self.school(self.data(), self.school_a)
        self.assertEqual(a['days'], [D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)])
        self.assertEqual(a['day_labels'], ['05.10', '06.10', '07.10'])
        rows = self.by_class(a)
        c5a, c5b = rows[self.c5a.name], rows[self.c5b.name]
        self.assertEqual((c5a['enrolled'], c5a['present'], c5a['absent']), ([3, 3, 3], [2, 1, 0], [1, 2, 3]))
        self.assertEqual((c5b['enrolled'], c5b['present'], c5b['absent']), ([2, 3, 3], [1, 1, 1], [1, 2, 2]))
        self.assertEqual(c5a['total'], {'enrolled': 9, 'present': 3, 'absent': 6, 'rate': 33.3})
        self.assertEqual(a['day_totals'], {'enrolled': [5, 6, 6], 'present': [3, 2, 1], 'absent': [2, 4, 5]})
        self.assertEqual((a['total']['enrolled'], a['total']['present'], a['total']['absent']), (17, 6, 11))

    def test_staff_present_per_day_HSC11(self):
        data = self.data()
        self.assertEqual(self.school(data, self.school_a)['staff'], {'count': 3, 'present': [1, 2, 0], 'total': 3})
        self.assertEqual(self.school(data, self.school_b)['staff'], {'count': 1, 'present': [0], 'total': 0})
        b = self.school(data, self.school_b)
        self.assertEqual((b['days'], b['total']['present']), ([D(2026, 10, 5)], 1))
        self.assertEqual(data['total']['staff_present'], 3)

    def test_register_first_entry_last_exit_local_time_HSC13(self):
        a = self.school(self.data(), self.school_a)
        reg = {r['name']: [c['text'] for c in r['cells']] for r in a['register']}
        self.assertEqual(reg[self.kids[0].name], ['07:55-15:20', '07:50-', ''])
        self.assertEqual(reg[self.kids[1].name], ['08:01-', '-13:00', ''])
        self.assertEqual(reg[self.kids[4].name], ['', '', ''])       # no consent: the taps are not linked
        self.assertEqual(reg[self.kids[5].name], ['', '08:05-', ''])
        staff = {r['name']: [c['text'] for c in r['cells']] for r in a['staff_register']}
        self.assertEqual(staff, {self.staff1.name: ['07:30-17:45', '07:40-', ''],
                                 self.staff2.name: ['', '07:35-16:00', ''], 'Class teacher A': ['', '', '']})
        # by class, then Kazakh alphabetical order of the names
        self.assertEqual([r['class_name'] for r in a['register']], [self.c5a.name] * 3 + [self.c5b.name] * 3)
        self.assertEqual([r['name'] for r in a['staff_register']], [self.staff2.name, self.staff1.name,
                                                                    'Class teacher A'])

    # ------------------------------------------------------------------------------------------------ output

    def test_xlsx_sheets_read_back_HSC13(self):
        with self.today(D(2026, 11, 22)):
            wiz = self.wizard()
            content, kind = self.env.ref('kz_edu_access.kz_edu_access_attendance_xlsx').render(wiz.ids)
        self.assertEqual(kind, 'xlsx')
        book = xlrd.open_workbook(file_contents=content)
        self.assertEqual(book.sheet_names(), ['Summary', 'Register', 'Staff'])
        summary = book.sheet_by_name('Summary')
        rows = [summary.row_values(i) for i in range(summary.nrows)]
        head = next(r for r in rows if r[0] == 'Class')
        self.assertEqual(head[2:7], ['05.10', '06.10', '07.10', 'Total, student-days', 'Attendance, %'])
        c5a = {}
        for r in rows:      # school A comes first; school B has a 5 «А» too
            if r[0] == self.c5a.name:
                c5a.setdefault(r[1], r[2:6])
        self.assertEqual(c5a['Present'], [2, 1, 0, 3])
        self.assertEqual(c5a['Absent'], [1, 2, 3, 6])
        totals = [r for r in rows if r[0] == 'School total']
        self.assertEqual([r[2:6] for r in totals[:3]], [[5, 6, 6, 17], [3, 2, 1, 6], [2, 4, 5, 11]])
        staff = [r for r in rows if r[0] == 'Staff' and r[1] == 'Present']
        self.assertEqual(staff[0][2:6], [1, 2, 0, 3])
        register = book.sheet_by_name('Register')
        reg = {register.cell_value(i, 1): register.row_values(i)[2:6] for i in range(register.nrows)}
        self.assertEqual(reg[self.kids[0].name], ['07:55-15:20', '07:50-', '', 2])
        staff_sheet = book.sheet_by_name('Staff')
        srows = {staff_sheet.cell_value(i, 0): staff_sheet.row_values(i)[1:5] for i in range(staff_sheet.nrows)}
        self.assertEqual(srows[self.staff1.name], ['07:30-17:45', '07:40-', '', 2])

    def test_xlsx_in_kazakh_as_the_deputy_HSC13(self):
        with self.today(D(2026, 11, 22)):
            wiz = self.wizard(self.deputy)
            content, kind = self.env.ref('kz_edu_access.kz_edu_access_attendance_xlsx').sudo(
                self.deputy).with_context(lang='kk_KZ').render_xlsx(wiz.ids, None)
        book = xlrd.open_workbook(file_contents=content)
        summary = book.sheet_by_index(0)
        rows = [summary.row_values(i) for i in range(summary.nrows)]
        self.assertIn('Қатысу: карта арқылы кіру және шығу', [r[0] for r in rows])
        school_total = self.env['ir.translation']._get_source(None, ('code',), 'kk_KZ', 'School total')
        self.assertNotEqual(school_total, 'School total')
        self.assertEqual([r[2:6] for r in rows if r[0] == school_total],
                         [[5, 6, 6, 17], [3, 2, 1, 6], [2, 4, 5, 11]])
        self.assertEqual(book.nsheets, 3)       # the deputy reads the staff too

    def test_pdf_summary_and_register_numbers_HSC13(self):
        with self.today(D(2026, 11, 22)):
            wiz = self.wizard(output='pdf', with_register=True, company_ids=[(6, 0, self.school_a.ids)])
            html = self.env.ref('kz_edu_access.kz_edu_access_attendance_pdf').render_qweb_html(wiz.ids)[0]
        doc = lxml_html.fromstring(html)
        # the shared layout (kz_edu_base.document_report): one bordered table per school and document
        lines = [[td.text_content().strip() for td in tr.xpath('./td')]
                 for tr in doc.xpath('//table[contains(@class, "kz-document-table")]/tbody/tr')]

        def numbers(first, second):
            return [[int(n) for n in line[2:6]] for line in lines if line[0] in first and line[1] == second]
        self.assertEqual(numbers((self.c5a.name, self.c5b.name), 'Present'), [[2, 1, 0, 3], [1, 1, 1, 3]])
        self.assertEqual([[line[5], line[6].replace(',', '.')] for line in lines
                          if line[0] == self.c5a.name and line[1] == 'Present'], [['3', '33.3']])
        self.assertEqual(numbers(('School total',), 'Enrolled') + numbers(('School total',), 'Present')
                         + numbers(('School total',), 'Absent'), [[5, 6, 6, 17], [3, 2, 1, 6], [2, 4, 5, 11]])
        self.assertEqual(numbers(('Staff',), 'Present'), [[1, 2, 0, 3]])
        persons = {line[1]: line[2:5] for line in lines if line[0] in (self.c5a.name, self.c5b.name)}
        persons.update({line[0]: line[1:4] for line in lines if len(line) == 5})   # the staff register
        self.assertEqual(persons[self.kids[0].name], ['07:55-15:20', '07:50-', ''])
        self.assertEqual(persons[self.staff2.name], ['', '07:35-16:00', ''])
        text = doc.text_content()
        self.assertIn('Attendance: entry and exit by card', text)
        self.assertIn('Organisations: %s' % self.school_a.name, text)
        self.assertNotIn('PRELIMINARY', text)

    # ------------------------------------------------------------------------------------------------ checks

    def test_month_not_finished_refused_unless_preliminary(self):
        with self.today(D(2026, 10, 31)):
            wiz = self.wizard()
            with self.assertRaisesRegex(UserError, 'not finished'):
                wiz.action_print()
            wiz.is_preliminary = True
            data = wiz.report_data()
            html = self.env.ref('kz_edu_access.kz_edu_access_attendance_pdf').render_qweb_html(wiz.ids)[0]
        self.assertTrue(data['preliminary'])
        self.assertIn(b'PRELIMINARY', html)
        with self.today(D(2026, 11, 1)):
            action = self.wizard().action_print()
        self.assertEqual(action['report_name'], 'kz_edu_access.attendance_xlsx')

    # ------------------------------------------------------------------------------------------------ sending

    def mails(self, address):
        return self.env['mail.mail'].search([('email_to', '=', address)])

    def test_cron_sends_each_school_once_a_month_with_both_files_HSC13(self):
        with self.today(D(2026, 11, 1)):
            self.Wizard._cron_send_monthly_reports()
        with self.today(D(2026, 11, 3)):
            self.Wizard._cron_send_monthly_reports()      # the next days: already sent
        for school, address in ((self.school_a, 'roo-a@example.kz'), (self.school_b, 'roo-b@example.kz')):
            mail = self.mails(address)
            self.assertEqual(len(mail), 1, address)
            names = sorted(mail.attachment_ids.mapped('name'))
            self.assertEqual(names, ['attendance_%d_2026-10.pdf' % school.id, 'attendance_%d_2026-10.xlsx' % school.id])
            self.assertIn('10.2026', mail.subject)
            self.assertEqual(set(mail.attachment_ids.mapped('res_model')), {'res.company'})
            self.assertEqual(set(mail.attachment_ids.mapped('res_id')), {school.id})
        # the XLSX sent to school A has the school's numbers and nothing of school B
        xlsx = self.mails('roo-a@example.kz').attachment_ids.filtered(lambda a: a.name.endswith('.xlsx'))
        book = xlrd.open_workbook(file_contents=__import__('base64').b64decode(xlsx.datas))
        summary = book.sheet_by_index(0)
        cells = [summary.cell_value(i, 0) for i in range(summary.nrows)]
        self.assertIn(self.school_a.name, cells)
        self.assertNotIn(self.school_b.name, cells)

    def test_cron_waits_outside_days_1_to_5_and_sends_the_next_month_again(self):
        with self.today(D(2026, 11, 6)):
            self.assertEqual(self.Wizard._cron_send_monthly_reports(), 0)
        self.assertFalse(self.mails('roo-a@example.kz'))
        with self.today(D(2026, 11, 5)):
            self.Wizard._cron_send_monthly_reports()
        with self.today(D(2026, 12, 2)):
            self.Wizard._cron_send_monthly_reports()
        self.assertEqual(len(self.mails('roo-a@example.kz')), 2)
        months = sorted(re.search(r'\d{2}\.\d{4}', subject).group(0)
                        for subject in self.mails('roo-a@example.kz').mapped('subject'))
        self.assertEqual(months, ['10.2026', '11.2026'])   # the school's language decides the word order

    def test_cron_writes_in_the_school_language(self):
        with self.today(D(2026, 11, 2)):
            wizard = self.Wizard
            self.assertEqual(wizard._school_lang(self.school_a), 'kk_KZ')
            self.assertEqual(wizard._school_lang(self.school_b), 'ru_RU')

    # ------------------------------------------------------------------------------------------------ access

    def test_district_reads_both_schools_SEC05(self):
        data = self.data(self.district_user)
        self.assertEqual(data['companies'], ['Test school A', 'Test school B'])
        self.assertEqual(self.school(data, self.school_a)['total']['present'], 6)
        self.assertEqual(self.school(data, self.school_b)['total']['present'], 1)
        self.assertEqual(self.school(data, self.school_a)['staff']['present'], [1, 2, 0])

    def test_deputy_reads_own_school_only(self):
        data = self.data(self.deputy)
        self.assertEqual([s['company'] for s in data['schools']], [self.school_a.id])
        self.assertEqual(self.school(data, self.school_a)['total']['enrolled'], 17)

    def test_class_teacher_gets_own_class_without_staff(self):
        data = self.data(self.teacher_user)
        a = self.school(data, self.school_a)
        self.assertEqual([r['name'] for r in a['classes']], [self.c5a.name])
        self.assertEqual(a['classes'][0]['present'], [2, 1, 0])
        self.assertEqual(a['days'], [D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7)])   # the school's calendar
        self.assertIsNone(a['staff'])
        self.assertFalse(a['staff_register'])
        self.assertFalse(data['has_staff'])

    def test_cashier_refused(self):
        with self.today(D(2026, 11, 22)):
            wiz = self.wizard(self.cashier)
            with self.assertRaises(AccessError):
                wiz.action_print()
