"""The dashboards on the demo database, as the demo users who open them (issue #18): the director's budget block is
kz_gov_account's budget execution as the bookkeeper sees it; the payroll fund is the total of the confirmed payslips
the director may not open one by one; the district reads every school and changes nothing; no other role gets a
dashboard (server, home action, menu)."""
from decimal import Decimal

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase, at_install, post_install

from odoo.addons.kz_edu_base import demo_calendar
from odoo.addons.kz_edu_dashboard import dashboard_rules as dr
from odoo.addons.kz_gov_account import gov_demo

OTHER_ROLES = ('teacher', 'class_teacher', 'bookkeeper', 'chief_bookkeeper', 'cashier', 'hr', 'tutor')


@at_install(False)
@post_install(True)
class DemoDashboardCase(TransactionCase):

    def setUp(self):
        super(DemoDashboardCase, self).setUp()
        Users = self.env['res.users']
        self.users = {u.login: u for u in Users.search([('login', 'in', ('director', 'district', 'bookkeeper')
                                                                      + OTHER_ROLES)])}
        if 'director' not in self.users or 'district' not in self.users:
            self.skipTest('needs the demo data (users director and district)')
        self.director, self.district = self.users['director'], self.users['district']
        self.school = self.director.company_id
        self.schools = self.env['res.company'].search([('id', 'child_of', self.district.company_id.id),
                                                       ('kz_is_education_org', '=', True)])

    def board(self, user, **context):
        return self.env['kz.edu.dashboard'].sudo(user).with_context(lang='en_US', **context)


class TestDemoDirector(DemoDashboardCase):

    def test_budget_block_is_the_bookkeepers_budget_execution_ACC17(self):
        # the last day of the demo's financing plan (the demo calendar: its money stops at the last month with
        # known rates, so in a year without them the director's «today» shows an empty plan, as it should)
        span = gov_demo.span(self.env['kz.edu.demo'].demo_today())
        day = demo_calendar.month_end(span['plan_year'], span['plan_last_month'])
        budget = self.board(self.director, kz_dashboard_today=str(day)).director_data()['budget']
        self.assertTrue(budget['rows'], 'the demo school has a financing plan and a year of ledger')
        self.assertEqual((budget['date_from'], budget['date_to']), (day.replace(month=1, day=1), day))
        wizard = self.env['kz.gov.budget.execution'].sudo(self.users['bookkeeper']).create({
            'company_id': self.school.id, 'date_from': str(budget['date_from']), 'date_to': str(budget['date_to'])})
        rows, total = wizard.compute_rows()
        keys = ('ebk', 'plan_obligations', 'plan_payments', 'registered', 'payments', 'percent')
        self.assertEqual([tuple(r[k] for k in keys) for r in budget['rows']],
                         [tuple(r[k] for k in keys) for r in rows])
        self.assertEqual(budget['summary']['paid'], dr.dec(total['payments']))
        self.assertEqual(budget['summary']['percent'], dr.percent(total['payments'], total['plan_payments']))
        # overspending marked where the payments exceed the plan of payments or obligations exceed theirs
        for row in budget['rows']:
            self.assertEqual(row['overspent'], dr.dec(row['payments']) > dr.dec(row['plan_payments']) or
                             dr.dec(row['registered']) > dr.dec(row['plan_obligations']), row['ebk'])
        self.assertEqual(budget['summary']['overspent'], [r['ebk'] for r in budget['rows'] if r['overspent']])

    def test_payroll_fund_is_the_total_of_confirmed_payslips_the_director_cannot_open_one_by_one_ACC12(self):
        Slip = self.env['hr.payslip']
        slip = Slip.search([('company_id', '=', self.school.id), ('state', '=', 'done')], order='date_from desc',
                           limit=1)
        if not slip:
            self.skipTest('no confirmed payslip in the demo')
        month = dr.to_date(slip.date_from).replace(day=1)
        first, last = dr.month_bounds(month)
        # seen from the month after: the slips' month is "last month"
        day = (last + dr.ONE_DAY).replace(day=10)
        lines = self.env['hr.payslip.line'].search([
            ('slip_id.company_id', '=', self.school.id), ('slip_id.state', '=', 'done'), ('code', '=', 'GROSS'),
            ('slip_id.date_from', '>=', str(first)), ('slip_id.date_from', '<=', str(last))])
        expected = sum((dr.dec(l.total) for l in lines), Decimal('0'))
        self.assertTrue(expected)
        payroll = self.board(self.director, kz_dashboard_today=str(day)).director_data()['payroll']
        self.assertEqual(payroll['month_last'], month)
        self.assertEqual(payroll['last'], expected)
        self.assertEqual(payroll['employees_last'], len(lines.mapped('slip_id.employee_id')))
        # the district sees the same total for the school; the director cannot read other people's payslips
        district = self.board(self.district, kz_dashboard_today=str(day)).fig_payroll(self.schools.ids, dr.to_date(day))
        self.assertEqual(district[self.school.id]['last'], expected)
        own = self.director.employee_ids
        readable = Slip.sudo(self.director).search([('id', 'in', lines.mapped('slip_id').ids)])
        self.assertLessEqual(set(readable.mapped('employee_id').ids), set(own.ids))

    def test_director_figures_are_her_schools_records_only_SEC05(self):
        board = self.board(self.director)
        data = board.director_data()
        self.assertEqual(data['company_id'], self.school.id)
        Student = self.env['kz.edu.student'].sudo(self.director)
        self.assertEqual(data['contingent']['total'],
                         Student.search_count([('company_id', '=', self.school.id), ('state', '=', 'enrolled')]))
        with self.assertRaises(AccessError):
            board.district_data()
        for other in self.schools - self.school:
            with self.assertRaises(AccessError):
                board.open_figure('students', other.id, {})
            # asked for another school's figures directly, the record rules leave nothing to count
            self.assertEqual(board.fig_students([other.id])[other.id]['total'], 0)
            self.assertEqual(board.fig_meals([other.id], '2000-01-01', '2100-01-01',
                                             dr.to_date('2100-01-01'))[other.id]['free']['meals'], 0)


class TestDemoDistrict(DemoDashboardCase):

    def test_district_reads_every_school_side_by_side_with_totals(self):
        data = self.board(self.district).district_data('year', 'students')
        rows = {r['company_id']: r for r in data['rows']}
        self.assertEqual(set(rows), set(self.schools.ids))
        self.assertGreaterEqual(len(rows), 2)
        Student = self.env['kz.edu.student'].sudo(self.district)
        for school in self.schools:
            self.assertEqual(rows[school.id]['students'], Student.search_count(
                [('company_id', '=', school.id), ('state', '=', 'enrolled')]), school.name)
        self.assertEqual(data['total']['students'], sum(r['students'] for r in data['rows']))
        ranked = [r['students'] for r in data['rows']]
        self.assertEqual(ranked, sorted(ranked, reverse=True))
        self.assertEqual(data['rows'][0]['rank'], 1)

    def test_district_reads_what_the_figures_open_and_changes_nothing_SEC05(self):
        board = self.board(self.district)
        opened = [('students', {}), ('meals', {'date_from': '2000-01-01'}), ('draft_moves', {}),
                  ('movements', {'date_from': '2000-01-01'})]
        for school in self.schools:
            for figure, params in opened:
                action = board.open_figure(figure, school.id, params)
                Model = self.env[action['res_model']].sudo(self.district)
                records = Model.search(action['domain'], limit=5)
                self.assertTrue(all(r.company_id == school for r in records), figure)
                if not records:
                    continue
                # read, read_group, name_search and export as the district: allowed
                records.read(['display_name'])
                Model.read_group(action['domain'], ['company_id'], ['company_id'])
                Model.name_search(records[0].display_name[:3])
                records.export_data(['display_name'])
                # write, create, unlink: refused
                # refused: by the access rights, or first by the record's own lock (a confirmed movement order, a
                # student's school changes only by an order); the rights themselves are checked below
                with self.assertRaises((AccessError, UserError), msg='%s: write' % figure):
                    records[:1].write({'company_id': school.id})
                for operation in ('create', 'write', 'unlink'):
                    self.assertFalse(Model.check_access_rights(operation, raise_exception=False),
                                     '%s: %s' % (figure, operation))

    def test_district_budget_is_each_schools_budget_execution_in_one_computation_ACC17(self):
        """The district's budget figures, computed once for all its schools, are each school's budget execution as
        its own report gives it (rows, totals, overspent specifics); the director cannot get another school's
        budget through the figure family."""
        # the last day of the demo's financing plan, as for the director: on a day of a year without rates the
        # demo has no plan and every school's budget is empty, as it should be
        span = gov_demo.span(self.env['kz.edu.demo'].demo_today())
        day = demo_calendar.month_end(span['plan_year'], span['plan_last_month'])
        board = self.board(self.district, kz_dashboard_today=str(day))
        data = board.district_data('year', 'budget_percent')
        rows = {r['company_id']: r for r in data['rows']}
        budget = board.fig_budget(self.schools.ids, day.replace(month=1, day=1), day)
        self.assertEqual(set(budget), set(self.schools.ids))
        for school in self.schools:
            fig = budget[school.id]
            wizard = self.env['kz.gov.budget.execution'].sudo(self.district).create({
                'company_id': school.id, 'date_from': str(fig['date_from']), 'date_to': str(fig['date_to'])})
            self.assertEqual((fig['rows'], fig['total']), wizard.compute_rows(), school.name)
            self.assertEqual(fig['summary']['overspent'], [r['ebk'] for r in fig['rows'] if dr.overspent(r)])
            self.assertEqual((rows[school.id]['budget_paid'], rows[school.id]['budget_percent'],
                              rows[school.id]['overspent']),
                             (fig['summary']['paid'], fig['summary']['percent'], len(fig['summary']['overspent'])),
                             school.name)
        self.assertTrue(any(budget[s]['rows'] for s in self.schools.ids))
        for other in self.schools - self.school:
            with self.assertRaises(AccessError):
                self.board(self.director).fig_budget([other.id], day.replace(month=1, day=1), day)

    def test_xlsx_export_is_the_districts_and_no_one_elses(self):
        action = self.board(self.district).district_export('quarter', 'budget_percent')
        self.assertEqual(action['report_name'], 'kz_edu_dashboard.district_xlsx')
        with self.assertRaises(AccessError):
            self.board(self.director).district_export('quarter', 'budget_percent')


class TestDemoOtherRoles(DemoDashboardCase):

    def test_other_roles_get_no_dashboard_home_or_menu_LMS18(self):
        menu = self.env.ref('kz_edu_dashboard.kz_edu_dashboard_menu_root')
        homes = {self.env.ref('kz_edu_dashboard.kz_edu_dashboard_director_action').id,
                 self.env.ref('kz_edu_dashboard.kz_edu_dashboard_district_action').id}
        checked = 0
        for login in OTHER_ROLES:
            user = self.users.get(login)
            if not user or user.has_group('kz_edu_base.group_deputy_director') or \
                    user.has_group('kz_edu_base.group_district'):
                continue
            checked += 1
            with self.assertRaises(AccessError, msg=login):
                self.board(user).director_data()
            with self.assertRaises(AccessError, msg=login):
                self.board(user).district_data()
            with self.assertRaises(AccessError, msg=login):
                self.board(user).render_dashboard('director')
            self.assertNotIn(user.action_id.id, homes, login)
            visible = self.env['ir.ui.menu'].sudo(user)._visible_menu_ids()
            self.assertNotIn(menu.id, visible, login)
        self.assertGreaterEqual(checked, 4)
        # the director and the district do have it
        for user in (self.director, self.district):
            self.assertIn(menu.id, self.env['ir.ui.menu'].sudo(user)._visible_menu_ids())
            self.assertIn(user.action_id.id, homes)
