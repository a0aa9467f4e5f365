"""The director's and the district's dashboards (issue #18) on a school built by the test: every figure against the
records it counts, as the user who reads it; who gets which dashboard; what the figures open."""
import datetime
import io
from decimal import Decimal

import xlrd

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from odoo.addons.kz_edu_access.tests.common import AccessCase

DAY = '2026-11-20'        # AccessCase.NOW: a Friday, 11:00 in Almaty; the next school day is Monday 23.11


@at_install(False)
@post_install(True)
class DashboardCase(AccessCase):

    @classmethod
    def setUpClass(cls):
        super(DashboardCase, cls).setUpClass()
        mk = cls.make_user
        cls.director = mk('dash_director', ['kz_edu_base.group_director'], cls.school_a)
        cls.deputy = mk('dash_deputy', ['kz_edu_base.group_deputy_director'], cls.school_a)
        cls.teacher = mk('dash_teacher', ['kz_edu_base.group_teacher'], cls.school_a)
        cls.bookkeeper = mk('dash_bookkeeper', ['kz_edu_base.group_bookkeeper'], cls.school_a)
        cls.cashier = mk('dash_cashier', ['kz_edu_base.group_canteen_cashier'], cls.school_a)
        cls.district = mk('dash_district', ['kz_edu_base.group_district'], cls.department,
                          cls.department | cls.school_a | cls.school_b)
        # school A's morning: kids[0] and kids[3] come in by card, kids[1] not yet; kids[2] taps without the
        # parents' consent to card entry (kept, not linked: absent); the staff member comes in
        cls.school_a.write({'kz_authority_email': 'bilim@example.kz'})
        Event = cls.env['kz.edu.access.event']
        Event.ingest(cls.device, {'events': [
            cls.ev('e1', cls.cards[0].uid), cls.ev('e2', cls.cards[3].uid), cls.ev('e3', cls.cards[2].uid),
            cls.ev('e4', cls.staff.barcode), cls.ev('e5', cls.cards[0].uid, 'out', '2026-11-20T10:30:00+05:00'),
            cls.ev('e6', cls.cards[1].uid, time='2026-11-19T07:50:00+05:00')]}, now=cls.NOW)

    def board(self, user):
        return self.env['kz.edu.dashboard'].sudo(user).with_context(kz_dashboard_today=DAY, lang='en_US')

    def count_as(self, user, action):
        """How many records the action lists for `user` (its domain and context, the user's record rules)."""
        Model = self.env[action['res_model']].sudo(user).with_context(**(action.get('context') or {}))
        return Model.search_count(action['domain'])


class TestDirectorDashboard(DashboardCase):

    def test_attendance_today_arrived_and_not_yet_by_class_against_the_records_HSC12(self):
        data = self.board(self.director).director_data()
        att = data['attendance']
        self.assertEqual((att['enrolled'], att['arrived'], att['not_arrived']), (4, 2, 2))
        self.assertEqual(att['percent'], Decimal('50.0'))
        by_class = {c['name']: (c['enrolled'], c['arrived'], c['missing'])
                    for shift in att['shifts'] for c in shift['classes']}
        self.assertEqual(by_class, {self.c5a.name: (3, 1, 2), self.c5b.name: (1, 1, 0)})
        self.assertEqual(att['staff_present'], 1)
        self.assertEqual(att['staff'], self.env['hr.employee'].search_count([('company_id', '=', self.school_a.id)]))
        # the figures open exactly the students they count, as the director reads them
        board = self.board(self.director)
        # the second shift's classes are counted apart: they have not come yet in the morning
        self.c5b.shift = '2'
        shifts = board.director_data()['attendance']['shifts']
        self.assertEqual([(s['shift'], s['missing']) for s in shifts], [('1', 2), ('2', 0)])
        first_shift = board.open_figure('not_arrived', self.school_a.id, {'shift': '1'})
        self.assertEqual(self.count_as(self.director, first_shift), 2)
        not_yet = board.open_figure('not_arrived', self.school_a.id, {})
        students = self.env['kz.edu.student'].sudo(self.director).with_context(**not_yet['context']).search(
            not_yet['domain'])
        self.assertEqual(students, self.kids[1] | self.kids[2])
        self.assertEqual(self.count_as(self.director, board.open_figure('arrived', self.school_a.id,
                                                                         {'class_id': self.c5a.id})), 1)
        self.assertEqual(self.count_as(self.director, board.open_figure('staff_present', self.school_a.id, {})), 1)

    def test_a_day_without_card_entries_has_no_attendance_percentage(self):
        data = self.board(self.director).with_context(kz_dashboard_today='2026-11-22').director_data()
        self.assertFalse(data['attendance']['has_events'])
        self.assertIsNone(data['attendance']['percent'])
        self.assertEqual(data['attendance']['not_arrived'], 4)

    def test_contingent_by_grade_and_movements_of_the_period_ACC14(self):
        self.order('departure', '2026-11-10', [{'student_id': self.kids[1].id, 'from_class_id': self.c5a.id,
                                                'destination': 'Алматы қаласы'}], reason=self.reason_out).action_confirm()
        board = self.board(self.director)
        data = board.director_data()['contingent']
        self.assertEqual(data['total'], 3)
        self.assertEqual([(label, n) for label, _g, n, _short in data['by_grade']], [(self.grade[5].name, 3)])
        # the school's 2nd quarter (3 November - 28 December) up to today: the departure, not the admissions
        self.assertEqual(data['quarter'], (datetime.date(2026, 11, 3), datetime.date(2026, 11, 20)))
        self.assertEqual(data['movements'], {'arrived': 0, 'left': 1, 'transferred': 0})
        autumn = board.fig_movements([self.school_a.id], '2026-09-01', '2026-11-20')[self.school_a.id]
        self.assertEqual(autumn, {'arrived': 4, 'left': 1, 'transferred': 0})
        action = board.open_figure('movements', self.school_a.id,
                                   {'kind': 'arrived', 'date_from': '2026-09-01', 'date_to': '2026-11-20'})
        self.assertEqual(self.count_as(self.director, action), 4)
        action = board.open_figure('students', self.school_a.id, {'grade_id': self.grade[5].id})
        self.assertEqual(self.count_as(self.director, action), 3)

    def _meal(self, kid, day, kind, key, price='450.00', funding='450.00'):
        dish = self.env['product.product'].create({'name': 'Test soup', 'type': 'service', 'kz_is_dish': True})
        child = Decimal(price) - Decimal(funding)
        return {'company_id': self.school_a.id, 'date': day, 'served_at': day + ' 06:00:00', 'student_id': kid.id,
                'class_id': kid.class_id.id, 'grade': 5, 'product_id': dish.id, 'qty': 1, 'price': price,
                'child_amount': str(child), 'funding_amount': funding, 'kind': kind, 'category': 'PRIMARY',
                'funding': 'LOC', 'order_key': key, 'line_no': 0, 'review': False}

    def test_meals_today_and_this_month_by_kind_HSC09(self):
        Meal = self.env['kz.canteen.meal']
        Meal.kz_bulk_record([
            self._meal(self.kids[0], DAY, 'free', 'T-1'), self._meal(self.kids[3], DAY, 'free', 'T-2'),
            self._meal(self.kids[1], '2026-11-18', 'free', 'T-3'),
            self._meal(self.kids[2], DAY, 'paid', 'T-4', funding='0.00'),
            self._meal(self.kids[2], '2026-10-30', 'paid', 'T-5', funding='0.00'),      # last month: not counted
        ])
        board = self.board(self.director)
        meals = {k: v for k, _label, v in board.director_data()['meals']['kinds']}
        self.assertEqual((meals['free']['today'], meals['free']['meals'], meals['free']['children']), (2, 3, 3))
        self.assertEqual(meals['free']['funding'], Decimal('1350.00'))
        self.assertEqual((meals['paid']['today'], meals['paid']['meals'], meals['paid']['paid']),
                         (1, 1, Decimal('450.00')))
        self.assertEqual(meals['subsidised']['meals'], 0)
        action = board.open_figure('meals', self.school_a.id,
                                   {'kind': 'free', 'date_from': '2026-11-01', 'date_to': DAY})
        self.assertEqual(self.count_as(self.director, action), 3)
        self.assertEqual(action['views'][0][1], 'graph')

    def test_teachers_by_category_and_categories_expiring_LMS02(self):
        Employee = self.env['hr.employee']
        Qualification = self.env['kz.hr.qualification']
        t1 = Employee.create({'name': 'Expert', 'company_id': self.school_a.id})
        t2 = Employee.create({'name': 'Moderator', 'company_id': self.school_a.id})
        t3 = Employee.create({'name': 'Was moderator, now expert', 'company_id': self.school_a.id})
        Qualification.create({'employee_id': t1.id, 'category': 'expert', 'attestation_date': '2024-05-01'})
        # 5 years from 2021-12-10: expires 2026-12-10, within 60 days of the 20th of November
        Qualification.create({'employee_id': t2.id, 'category': 'moderator', 'attestation_date': '2021-12-10'})
        Qualification.create({'employee_id': t3.id, 'category': 'moderator', 'attestation_date': '2019-01-10'})
        Qualification.create({'employee_id': t3.id, 'category': 'expert', 'attestation_date': '2025-01-10'})
        board = self.board(self.director)
        t = board.director_data()['teachers']
        self.assertEqual(t['by_category'], {'expert': 2, 'moderator': 1})
        self.assertEqual((t['total'], t['high']), (3, 2))
        self.assertEqual(t['expiring'] + t['expired'], 1)
        action = board.open_figure('attestation', self.school_a.id, {})
        self.assertEqual(self.env['hr.employee'].sudo(self.director).search(action['domain']), t2)
        action = board.open_figure('teachers', self.school_a.id, {'category': 'expert'})
        self.assertEqual(self.env['hr.employee'].sudo(self.director).search(action['domain']), t1 | t3)

    def test_what_needs_attention_documents_reports_and_tomorrows_menus(self):
        order = self.order('admission', DAY, [{'student_id': self.kids[4].id, 'to_class_id': self.c5b.id}],
                           reason=self.reason_in)        # left in draft
        Menu = self.env['kz.canteen.menu']
        Menu.create({'company_id': self.school_a.id, 'date': '2026-11-16', 'meal': 'lunch', 'age_group': '7-10',
                     'state': 'approved'})
        Menu.create({'company_id': self.school_a.id, 'date': '2026-11-17', 'meal': 'breakfast',
                     'age_group': '7-10', 'state': 'approved'})
        Menu.create({'company_id': self.school_a.id, 'date': '2026-11-23', 'meal': 'breakfast',
                     'age_group': '7-10'})
        board = self.board(self.director)
        attention = board.director_data()['attention']
        self.assertEqual(attention['drafts']['draft_movement_orders'], 1)
        action = board.open_figure('draft_movement_orders', self.school_a.id, {})
        self.assertEqual(self.env['kz.edu.movement.order'].sudo(self.director).search(action['domain']), order)
        # last month's reports on the 20th: the attendance report, with a recipient, is overdue; the canteen
        # report has no recipient set
        self.assertEqual(attention['reports']['attendance'], 'overdue')
        self.assertEqual(attention['reports']['canteen'], 'no_recipient')
        self.assertEqual(attention['reports']['month'], datetime.date(2026, 10, 1))
        # Monday 23 November: breakfast in draft, lunch (served last week) missing
        menus = attention['menus']
        self.assertEqual(menus['day'], datetime.date(2026, 11, 23))
        self.assertEqual(menus['menus'], [('breakfast', '7-10', 'draft'), ('lunch', '7-10', 'missing')])
        self.assertEqual(menus['not_approved'], 2)
        self.assertEqual(self.count_as(self.director, board.open_figure('menus', self.school_a.id, {})), 1)

    def test_attendance_report_sent_is_no_longer_due_HSC13(self):
        name = 'attendance_%s_%04d-%02d.xlsx' % (self.school_a.id, 2026, 10)
        self.env['ir.attachment'].create({'name': name, 'datas_fname': name, 'res_model': 'res.company',
                                          'res_id': self.school_a.id, 'datas': b'UEs='})
        reports = self.board(self.director).director_data()['attention']['reports']
        self.assertEqual(reports['attendance'], 'sent')

    def test_the_page_is_rendered_in_the_users_language_with_the_figures_SEC04(self):
        html = self.board(self.director).with_context(lang='kk_KZ').render_dashboard('director')
        self.assertIn(self.school_a.name, html)
        self.assertIn('o_kz_att_arrived">2<', html)
        self.assertIn('Бүгінгі қатысу', html)          # "Attendance today" from the addon's kk.po
        html = self.board(self.director).with_context(lang='ru_RU').render_dashboard('director')
        self.assertIn('Посещаемость сегодня', html)


class TestDashboardAccess(DashboardCase):

    def test_director_sees_her_school_only_SEC05(self):
        board = self.board(self.director)
        self.assertEqual(board.director_data()['company_id'], self.school_a.id)
        with self.assertRaises(AccessError):
            board.open_figure('students', self.school_b.id, {})
        with self.assertRaises(AccessError):
            board.district_data()
        # the figure families count only what her record rules let her read, even when asked for school B
        self.assertEqual(board.fig_students([self.school_b.id])[self.school_b.id]['total'], 0)

    def test_deputy_director_gets_the_contingent_and_attendance_only_LMS18(self):
        data = self.board(self.deputy).director_data()
        self.assertEqual(data['blocks'], ['contingent', 'attendance'])
        self.assertNotIn('budget', data)
        self.assertNotIn('meals', data)
        with self.assertRaises(AccessError):
            self.board(self.deputy).open_figure('payroll', self.school_a.id, {'month': 'last'})
        with self.assertRaises(AccessError):
            self.board(self.deputy).fig_payroll([self.school_a.id], datetime.date(2026, 11, 20))
        self.assertEqual(self.board(self.deputy).fig_students([self.school_a.id])[self.school_a.id]['total'], 4)

    def test_other_roles_get_no_dashboard_LMS18(self):
        for user in (self.teacher, self.bookkeeper, self.cashier):
            with self.assertRaises(AccessError):
                self.board(user).director_data()
            with self.assertRaises(AccessError):
                self.board(user).district_data()
            with self.assertRaises(AccessError):
                self.board(user).open_figure('students', self.school_a.id, {})
            # the figure families are callable over RPC: refused too (the payroll fund is read past the payslip
            # rules, for the director and the district only)
            with self.assertRaises(AccessError):
                self.board(user).fig_payroll([self.school_a.id], datetime.date(2026, 11, 20))
            with self.assertRaises(AccessError):
                self.board(user).fig_students([self.school_a.id])

    def test_directors_and_the_district_land_on_their_dashboards(self):
        director = self.env.ref('kz_edu_dashboard.kz_edu_dashboard_director_action').id
        self.assertEqual(self.director.action_id.id, director)
        self.assertEqual(self.district.action_id.id,
                         self.env.ref('kz_edu_dashboard.kz_edu_dashboard_district_action').id)
        self.assertFalse(self.teacher.action_id)
        self.teacher.write({'groups_id': [(4, self.env.ref('kz_edu_base.group_director').id)]})
        self.assertEqual(self.teacher.action_id.id, director)
        demo = self.env['res.users'].search([('login', 'in', ('director', 'district'))])
        for user in demo:
            self.assertTrue(user.action_id, user.login)

    def test_unknown_figure_or_period_is_refused_with_a_message(self):
        board = self.board(self.director)
        with self.assertRaises(UserError):
            board.open_figure('_check_company', self.school_a.id, {})
        with self.assertRaises(UserError):
            self.board(self.district).district_data(period='week')
        with self.assertRaises(UserError):
            board.open_figure('meals', self.school_a.id, {'date_from': '2026-11-20', 'date_to': '2026-11-01'})


class TestDistrictDashboard(DashboardCase):

    def test_schools_side_by_side_with_totals_and_ranking(self):
        data = self.board(self.district).district_data('month', 'students')
        rows = {r['company_id']: r for r in data['rows']}
        self.assertEqual(set(rows), {self.school_a.id, self.school_b.id})
        self.assertEqual((rows[self.school_a.id]['students'], rows[self.school_b.id]['students']), (4, 0))
        self.assertEqual([r['company_id'] for r in data['rows']], [self.school_a.id, self.school_b.id])
        self.assertEqual((rows[self.school_a.id]['rank'], rows[self.school_b.id]['rank']), (1, 2))
        self.assertEqual(data['total']['students'], 4)
        self.assertEqual(rows[self.school_a.id]['attendance_today'], Decimal('50.0'))
        self.assertIsNone(rows[self.school_b.id]['attendance_today'])       # no entries at school B
        self.assertEqual(data['total']['attendance_today'], Decimal('50.0'))
        self.assertEqual((data['date_from'], data['date_to']), (datetime.date(2026, 11, 1),
                                                                 datetime.date(2026, 11, 20)))
        # the period: entries on the 19th (kids[1]) and the 20th (kids[0], kids[3]; kids[2] without consent), two
        # school days of 4 students: 3 of 8 student-days present
        self.assertEqual(rows[self.school_a.id]['attendance_period'], Decimal('37.5'))
        # what the district opens, it reads: school A's students from the district's chair
        action = self.board(self.district).open_figure('students', self.school_a.id, {})
        self.assertEqual(self.count_as(self.district, action), 4)

    def test_period_selector(self):
        board = self.board(self.district)
        data = board.district_data('last_month')
        self.assertEqual((data['date_from'], data['date_to']), (datetime.date(2026, 10, 1),
                                                                 datetime.date(2026, 10, 31)))
        data = board.district_data('year')
        self.assertEqual(data['date_from'], datetime.date(2026, 1, 1))
        data = board.district_data('quarter')
        self.assertEqual(data['date_from'], datetime.date(2026, 11, 3))

    def test_district_changes_nothing_through_the_dashboard_SEC05(self):
        board = self.board(self.district)
        action = board.open_figure('students', self.school_a.id, {})
        students = self.env['kz.edu.student'].sudo(self.district).search(action['domain'])
        with self.assertRaises(AccessError):
            students[:1].write({'name': 'Changed'})

    def test_xlsx_export_has_a_row_per_school_and_the_totals(self):
        action = self.board(self.district).district_export('month', 'students')
        self.assertEqual(action['type'], 'ir.actions.report')
        export = self.env['kz.edu.dashboard.export'].sudo(self.district).browse(action['context']['active_ids'])
        report = self.env.ref('kz_edu_dashboard.kz_edu_dashboard_district_xlsx')
        content, fmt = report.sudo(self.district).with_context(kz_dashboard_today=DAY, lang='en_US').render_xlsx(
            export.ids, {})
        self.assertEqual(fmt, 'xlsx')
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        cells = [sheet.row_values(r) for r in range(sheet.nrows)]
        names = [row[1] for row in cells]
        self.assertIn(self.school_a.name, names)
        self.assertIn(self.school_b.name, names)
        first = names.index(self.school_a.name)
        self.assertEqual(cells[first][0], 1)            # rank
        self.assertEqual(cells[first][2], 4)            # students
        total = names.index('Total')
        self.assertEqual(cells[total][2], 4)
        # the same file in Russian: the heading and the column labels translated, the numbers the same
        content, fmt = report.sudo(self.district).with_context(kz_dashboard_today=DAY, lang='ru_RU').render_xlsx(
            export.ids, {})
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        ru = [sheet.row_values(r) for r in range(sheet.nrows)]
        self.assertIn('Панель показателей районного отдела образования', [row[0] for row in ru])
        self.assertEqual(next(row for row in ru if row[1] == self.school_a.name)[:3], [1, self.school_a.name, 4])
        self.assertNotIn('Total', [row[1] for row in ru])
