# -*- coding: utf-8 -*-
"""Personnel records (ACC-11), teacher's digital profile (LMS-02) and professional development (TVET-24)."""
import datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from .common import HrCase


@at_install(False)
@post_install(True)
class TestPersonnel(HrCase):

    @classmethod
    def setUpClass(cls):
        super(TestPersonnel, cls).setUpClass()
        cls.Order = cls.env['kz.hr.order']

    def _order(self, employee, kind='hire', school=None, date='2025-08-25', **vals):
        values = {'kind': kind, 'employee_id': employee.id, 'company_id': (school or self.school_a).id,
                  'date': date, 'date_start': date, 'job_id': self.job_math.id, 'basis': 'Application'}
        values.update(vals)
        return self.Order.create(values)

    # --- orders -------------------------------------------------------------------------------------------------
    def test_order_numbers_run_per_school_and_restart_each_year_ACC11(self):
        a1 = self._order(self.colleague)
        a2 = self._order(self.colleague, kind='transfer', date='2025-09-01')
        b1 = self._order(self.employee_b, school=self.school_b, job_id=self.job_b.id)
        a3 = self._order(self.colleague, kind='transfer', date='2026-01-10')
        self.assertEqual(a1.name, '/')
        for order in a1 | a2 | b1 | a3:
            order.action_confirm()
        self.assertEqual([a1.name, a2.name, b1.name, a3.name], ['1-ж/қ', '2-ж/қ', '1-ж/қ', '1-ж/қ'])

    def test_only_the_director_confirms_and_confirmed_order_is_immutable_ACC11(self):
        order = self._order(self.colleague).sudo(self.hr_a)
        with self.assertRaises(AccessError):
            order.action_confirm()
        with self.assertRaises(UserError):
            order.write({'state': 'done'})
        order.sudo(self.director_a).action_confirm()
        self.assertEqual(order.state, 'done')
        self.assertEqual(order.confirmed_by_id, self.director_a)
        with self.assertRaises(UserError):
            order.write({'basis': 'changed'})
        with self.assertRaises(UserError):
            order.unlink()
        draft = self._order(self.colleague).sudo(self.hr_a)
        draft.unlink()  # a draft may still be thrown away
        self.assertFalse(draft.exists())

    def test_confirmation_context_key_from_the_client_opens_nothing_ACC11(self):
        """{'kz_hr_order_confirm': True} sent by a web client no longer confirms or reopens an order (a server-only
        token now, kz_edu_base/internal.py); the same for an approved staff schedule."""
        order = self._order(self.colleague).sudo(self.hr_a).with_context(kz_hr_order_confirm=True)
        with self.assertRaises(UserError):
            order.write({'state': 'done', 'name': 'Б-1'})
        order.sudo(self.director_a).action_confirm()
        with self.assertRaises(UserError):
            order.sudo(self.hr_a).with_context(kz_hr_order_confirm=True).write({'basis': 'changed'})
        self.assertEqual(order.state, 'done')
        schedule = self.env['kz.hr.staff.schedule'].create({'company_id': self.school_a.id})
        schedule.sudo(self.director_a).action_approve()
        with self.assertRaises(UserError):
            schedule.sudo(self.hr_a).with_context(kz_hr_schedule_approve=True).write({'date': '2020-01-01'})
        self.assertEqual(schedule.state, 'approved')

    def test_hire_sets_position_department_rate_on_the_employee_ACC11(self):
        newcomer = self.env['hr.employee'].create({'name': 'Дана Нұрова', 'company_id': self.school_a.id})
        order = self._order(newcomer, department_id=self.dept_a.id, rate=0.75, date='2025-08-20')
        order.sudo(self.director_a).action_confirm()
        self.assertEqual(newcomer.job_id, self.job_math)
        self.assertEqual(newcomer.department_id, self.dept_a)
        self.assertAlmostEqual(newcomer.kz_staff_rate, 0.75)
        self.assertEqual(newcomer.kz_hire_date, '2025-08-20')
        self.assertEqual(self.Order.search([('employee_id', '=', newcomer.id)]).state, 'done')

    def test_rate_outside_quarter_to_one_and_a_half_refused_ACC11(self):
        with self.assertRaises(Exception):
            with self.env.cr.savepoint():
                self._order(self.colleague, rate=2.0)

    def test_order_for_an_employee_of_another_school_refused_ACC11(self):
        with self.assertRaises(Exception):
            with self.env.cr.savepoint():
                self._order(self.employee_b, kind='transfer')

    def test_dismissal_archives_employee_at_the_end_date_ACC11(self):
        past = self._order(self.colleague, kind='dismissal', job_id=False, dismissal_ground='art56',
                           date='2025-05-20', date_end='2025-05-31')
        past.action_confirm()
        self.assertFalse(self.colleague.active)
        future_day = fields.Date.to_string(datetime.date.today() + datetime.timedelta(days=20))
        leaving = self.env['hr.employee'].create({'name': 'Марат Ахметов', 'company_id': self.school_a.id})
        order = self._order(leaving, kind='dismissal', job_id=False, dismissal_ground='art50',
                            date=fields.Date.today(), date_start=fields.Date.today(), date_end=future_day)
        order.action_confirm()
        self.assertTrue(leaving.active)
        self.assertEqual(leaving.kz_dismissal_date, future_day)
        self.Order._cron_archive_dismissed()
        self.assertTrue(leaving.active)
        leaving.kz_dismissal_date = fields.Date.today()
        self.Order._cron_archive_dismissed()
        self.assertFalse(leaving.active)

    def test_leave_order_prints_the_kind_of_leave_in_both_languages_ACC11(self):
        order = self._order(self.teacher, kind='leave', job_id=False, leave_kind='annual',
                            date='2025-06-01', date_start='2025-06-03', date_end='2025-07-28')
        order.action_confirm()
        kk, ru = order._kind_texts()
        self.assertIn('жыл сайынғы ақы төленетін еңбек демалысы', kk)
        self.assertIn('ежегодный оплачиваемый трудовой отпуск', ru)
        self.assertIn('03.06.2025', ru)

    def test_teacher_opens_own_employee_form_with_profile_page_LMS02(self):
        Employee = self.env['hr.employee'].sudo(self.teacher_user)
        arch = Employee.fields_view_get(view_type='form')['arch']
        self.assertIn('kz_teacher_profile', arch)
        self.assertNotIn('kz_hr_order_ids', arch)  # orders page stripped for a teacher
        self.env['kz.hr.training'].create({'employee_id': self.colleague.id, 'name': 'Other', 'date': '2025-01-10'})
        own = self.env['kz.hr.training'].create({'employee_id': self.teacher.id, 'name': 'Own',
                                                 'date': '2025-01-10'})
        self.assertEqual(self.teacher.sudo(self.teacher_user).kz_training_ids, own)
        self.assertFalse(self.colleague.sudo(self.teacher_user).kz_training_ids)

    def test_bookkeeper_opens_employee_form_without_profile_access_error_LMS02(self):
        bookkeeper = self.bookkeeper_a
        Employee = self.env['hr.employee'].sudo(bookkeeper)
        view_fields = Employee.fields_view_get(view_type='form')['fields']
        self.assertNotIn('kz_training_ids', view_fields)
        self.teacher.sudo(bookkeeper).read(list(view_fields))

    # --- printed forms -------------------------------------------------------------------------------------------
    def _html(self, xmlid, records):
        html = self.env.ref(xmlid).render_qweb_html(records.ids)[0]
        return html if isinstance(html, bytes) else html.encode('utf-8')

    def test_order_form_renders_bilingual_html_and_pdf_ACC11(self):
        order = self._order(self.colleague)
        order.action_confirm()
        html = self._html('kz_hr.kz_hr_order_report', order)
        text = html.decode('utf-8')
        self.assertIn('Ерлан Қасымов', text)
        self.assertIn(order.name, text)
        self.assertIn('БҰЙРЫҚ', text)
        self.assertIn('ПРИКАЗ', text)
        self.assertLess(text.index('қабылдансын'), text.index('Принять'))  # Kazakh first, then Russian
        pdf = self.env.ref('kz_hr.kz_hr_order_report')._run_wkhtmltopdf([html])
        self.assertTrue(pdf.startswith(b'%PDF'))

    def test_personal_card_lists_orders_education_and_category_ACC11(self):
        order = self._order(self.teacher)
        order.action_confirm()
        self.env['kz.hr.education'].create({'employee_id': self.teacher.id, 'institution': 'ҚазҰПУ',
                                            'specialty': 'Mathematics', 'year': 2010, 'diploma_number': 'ЖБ-1234'})
        self.env['kz.hr.qualification'].create({'employee_id': self.teacher.id, 'category': 'expert',
                                                'attestation_date': '2024-05-20'})
        text = self._html('kz_hr.kz_hr_personal_card_report', self.teacher).decode('utf-8')
        for expected in (self.teacher.name, order.name, 'ҚазҰПУ', 'ЖБ-1234'):
            self.assertIn(expected, text)

    # --- staff schedule ------------------------------------------------------------------------------------------
    def test_staff_schedule_counts_occupied_and_vacant_rates_ACC11(self):
        self.teacher.kz_staff_rate = 1.0
        self.colleague.write({'job_id': self.job_math.id, 'kz_staff_rate': 0.5})
        schedule = self.env['kz.hr.staff.schedule'].create({
            'company_id': self.school_a.id, 'date': '2025-09-01',
            'line_ids': [(0, 0, {'job_id': self.job_math.id, 'rate_count': 3.0, 'pay_category': 'В2-3'})]})
        line = schedule.line_ids
        self.assertAlmostEqual(line.rate_occupied, 1.5)
        self.assertAlmostEqual(line.rate_vacant, 1.5)
        with self.assertRaises(AccessError):
            schedule.sudo(self.hr_a).action_approve()
        schedule.sudo(self.director_a).action_approve()
        self.assertEqual(schedule.state, 'approved')
        with self.assertRaises(UserError):
            line.write({'rate_count': 4.0})
        self.assertIn('В2-3'.encode('utf-8'), self._html('kz_hr.kz_hr_staff_schedule_report', schedule))

    # --- profile dates and reminders ----------------------------------------------------------------------------
    def test_category_expires_after_five_years_and_course_due_after_three_LMS02_TVET24(self):
        Qual = self.env['kz.hr.qualification']
        Qual.create({'employee_id': self.teacher.id, 'category': 'moderator', 'attestation_date': '2019-03-01'})
        Qual.create({'employee_id': self.teacher.id, 'category': 'expert', 'attestation_date': '2024-05-20'})
        self.env['kz.hr.training'].create({'employee_id': self.teacher.id, 'name': 'Digital literacy',
                                           'date': '2023-02-01', 'hours': 72, 'is_it_competence': True})
        self.env['kz.hr.training'].create({'employee_id': self.teacher.id, 'name': 'Older course',
                                           'date': '2020-02-01', 'hours': 36})
        self.assertEqual(self.teacher.kz_category, 'expert')
        self.assertEqual(self.teacher.kz_category_expiry_date, '2029-05-20')
        self.assertEqual(self.teacher.kz_next_course_date, '2026-02-01')

    def _activities(self, employee):
        return self.env['mail.activity'].search([('res_model', '=', 'hr.employee'), ('res_id', '=', employee.id)])

    def test_reminder_cron_creates_activities_once_per_item_LMS02_TVET24(self):
        today = datetime.date.today()
        soon = today + datetime.timedelta(days=30)
        self.env['kz.hr.qualification'].create({
            'employee_id': self.teacher.id, 'category': 'moderator',
            'attestation_date': fields.Date.to_string(soon - relativedelta(years=5))})
        # course due in 200 days: outside the 60-day window
        self.env['kz.hr.training'].create({
            'employee_id': self.teacher.id, 'name': 'Course',
            'date': fields.Date.to_string(today + datetime.timedelta(days=200) - relativedelta(years=3))})
        Employee = self.env['hr.employee']
        Employee._cron_kz_profile_reminders()
        activities = self._activities(self.teacher)
        self.assertEqual(set(activities.mapped('user_id').ids), {self.hr_a.id, self.teacher_user.id})
        self.assertEqual(len(activities), 2)
        Employee._cron_kz_profile_reminders()
        self.assertEqual(len(self._activities(self.teacher)), 2)  # not again the next day
        Employee._cron_kz_profile_reminders(today=today + datetime.timedelta(days=150))
        self.assertEqual(len(self._activities(self.teacher)), 4)  # now the course is within 60 days

    # --- access --------------------------------------------------------------------------------------------------
    def test_teacher_reads_only_own_profile_and_changes_nothing_LMS02(self):
        Qual = self.env['kz.hr.qualification']
        own = Qual.create({'employee_id': self.teacher.id, 'category': 'expert', 'attestation_date': '2024-05-20'})
        other = Qual.create({'employee_id': self.colleague.id, 'category': 'master',
                             'attestation_date': '2024-05-20'})
        as_teacher = Qual.sudo(self.teacher_user)
        self.assertEqual(as_teacher.search([('company_id', '=', self.school_a.id)]), own)
        self.assertEqual(own.sudo(self.teacher_user).category, 'expert')
        with self.assertRaises(AccessError):
            other.sudo(self.teacher_user).read(['category'])
        with self.assertRaises(AccessError):
            own.sudo(self.teacher_user).write({'category': 'master'})
        with self.assertRaises(AccessError):
            self.env['kz.hr.order'].sudo(self.teacher_user).search([])
        self.assertEqual(self.teacher.sudo(self.teacher_user).kz_category, 'expert')

    def test_hr_officer_keeps_own_school_and_is_refused_another_ACC11(self):
        order_b = self._order(self.employee_b, school=self.school_b, job_id=self.job_b.id)
        order_a = self._order(self.colleague)
        Order = self.Order.sudo(self.hr_a)
        self.assertIn(order_a, Order.search([]))
        self.assertNotIn(order_b, Order.search([]))
        with self.assertRaises(AccessError):
            order_b.sudo(self.hr_a).read(['name'])
        with self.assertRaises(AccessError):
            self.env['kz.hr.training'].sudo(self.hr_a).create({
                'employee_id': self.employee_b.id, 'name': 'Course', 'date': '2025-01-10'})
        own = self.env['kz.hr.training'].sudo(self.hr_a).create({
            'employee_id': self.teacher.id, 'name': 'Course', 'date': '2025-01-10'})
        self.assertEqual(own.company_id, self.school_a)
