# -*- coding: utf-8 -*-
"""The director's and the district's dashboards (issue #18): the figures and the records behind them.

One set of figure families serves both dashboards: each family (students, movements, attendance today, attendance
over a period, meals, payroll fund, teachers, documents to finish, reports due, menus) is ONE grouped SQL statement
for all the schools shown - the director's one school or the district's 150 - never a query per school. Each
statement selects from its table only the ids that Odoo's query builder allows the reading user (the domain and the
record rules, as ``search`` applies them: kz.edu.contingent.report.wizard._rule_ids_sql), so a director counts her
school only and the district its schools. Going through the ORM (read_group per school and figure) would cost one
query per school and figure: about 12 x 150 queries for the district.

Two figures are not read through the record rules that way, on purpose:

* the budget execution is kz_gov_account's own computation (kz.gov.budget.execution._compute_rows_by_company,
  the grouped form of the bookkeeper's report, called once for all the schools shown, with the report's access
  check): the dashboards show what the bookkeeper's report shows and follow its rules when they change, instead of
  recomputing plan, obligations and payments here;
* the payroll fund is the total of the confirmed payslips (rule GROSS) of a school and month. The payslip record
  rules let a director or the district read no one's payslip but their own, while their groups entitle them to the
  school's totals («sees everything of it», «reads the data and reports of all the schools»): the total is read in
  SQL for the schools the user may see, no person's pay is shown, and the figure opens the posted payroll entries,
  which they may read.

The rules (periods, percentages, ranking, report deadlines, menus of the next school day, chart geometry) are in
../dashboard_rules.py (pure Python).
"""
import datetime
import json
import logging
from collections import OrderedDict, defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_access import access_rules
from odoo.addons.kz_edu_access.wizards.kz_edu_access_report_wizard import SENT_NAME as ATTENDANCE_SENT_NAME
from odoo.addons.web.controllers.main import clean_action
from odoo.addons.kz_hr.models.kz_hr_personnel import QUALIFICATION_CATEGORIES, REMIND_DAYS_BEFORE

from .. import dashboard_rules as dr

_logger = logging.getLogger(__name__)

#: who gets which dashboard (the group descriptions of kz_edu_base/security/kz_edu_security.xml): the director
#: «sees everything of» the school, the deputy director «manages the educational process: classes, contingent ...
#: and attendance of the whole organisation» and gets those parts only; the district «reads the data and reports of
#: all the schools». Other roles (teachers, bookkeepers, HR, cashier) have their own screens and no dashboard.
DIRECTOR_DASHBOARD_GROUPS = 'kz_edu_base.group_deputy_director'
DISTRICT_DASHBOARD_GROUPS = 'kz_edu_base.group_district,base.group_system'
FULL_GROUPS = 'kz_edu_base.group_director,kz_edu_base.group_district'
#: the parts of the director's dashboard and who sees them
BLOCK_GROUPS = OrderedDict([
    ('contingent', 'kz_edu_base.group_deputy_director,kz_edu_base.group_district'),
    ('attendance', 'kz_edu_base.group_deputy_director,kz_edu_base.group_district'),
    ('meals', FULL_GROUPS),
    ('budget', FULL_GROUPS),
    ('payroll', FULL_GROUPS),
    ('teachers', FULL_GROUPS),
    ('attention', FULL_GROUPS),
])
MEAL_KINDS = ('free', 'subsidised', 'paid')
LEFT_KINDS = ('departure', 'graduation')
HIGH_CATEGORIES = ('expert', 'researcher', 'master')
#: documents still to finish: (key, model, domain, xml id of the action that lists them)
DRAFT_DOCUMENTS = [
    ('draft_moves', 'account.move', [('state', '=', 'draft')], 'kz_gov_account.action_kz_gov_move'),
    ('draft_bills', 'account.invoice', [('type', '=', 'in_invoice'), ('state', '=', 'draft')],
     'account.action_invoice_tree2'),
    ('draft_obligations', 'kz.gov.obligation', [('state', '=', 'draft')], 'kz_gov_account.action_kz_gov_obligation'),
    ('draft_movement_orders', 'kz.edu.movement.order', [('state', '=', 'draft')],
     'kz_edu_contingent.kz_edu_movement_order_action'),
    ('draft_hr_orders', 'kz.hr.order', [('state', '=', 'draft')], 'kz_hr.kz_hr_order_action'),
]
RANK_FIGURES = ('attendance_today', 'attendance_period', 'budget_percent', 'free_meals', 'students')


def _fmt_money(value):
    """12 345 678 (whole tenge, space-separated thousands: the way both languages write amounts)."""
    return '{:,.0f}'.format(dr.dec(value)).replace(',', '\u00a0')


def _fmt_int(value):
    return '{:,d}'.format(int(value or 0)).replace(',', '\u00a0')


def _fmt_pct(value):
    return '—' if value is None else ('%s\u00a0%%' % value)


def _fmt_date(day):
    return dr.to_date(day).strftime('%d.%m.%Y') if day else ''


class KzEduDashboard(models.AbstractModel):
    _name = 'kz.edu.dashboard'
    _description = 'Director and district dashboards'

    # ------------------------------------------------------------------------------------------------ who, when

    @api.model
    def _today(self):
        """The dashboards' day: the user's today (``kz_dashboard_today`` in the context for tests)."""
        return dr.to_date(self.env.context.get('kz_dashboard_today') or fields.Date.context_today(self))

    @api.model
    def _has(self, groups):
        return self.env.user._is_superuser() or self.user_has_groups(groups)

    @api.model
    def _check_dashboard(self, kind):
        groups = DIRECTOR_DASHBOARD_GROUPS if kind == 'director' else DISTRICT_DASHBOARD_GROUPS
        if not self._has(groups):
            raise AccessError(_('This dashboard is for the director of a school and the district education '
                                'department; your role has its own screens.'))

    @api.model
    def _check_figures(self, full=False):
        """The figure families are public methods (callable over RPC): only the dashboards' users may call them,
        and the figures of the director's and the district's blocks only (``full``: meals, money, staff, documents)
        by the director, the district and the administrator. The payroll fund in particular is read in SQL past the
        payslip rules (see the module docstring): no other role may ask for it."""
        if not (self._has(DIRECTOR_DASHBOARD_GROUPS) or self._has(DISTRICT_DASHBOARD_GROUPS)):
            self._check_dashboard('director')
        if full and not self._has(FULL_GROUPS + ',base.group_system'):
            raise AccessError(_('These figures are shown to the director and the district only.'))

    @api.model
    def _readable_companies(self):
        """The organisations whose data the user may read: their own and those below it (the company record rules
        of every kz_* model: company_id child_of the user's company)."""
        return self.env['res.company'].sudo().search([('id', 'child_of', self.env.user.company_id.ids)])

    @api.model
    def _district_schools(self):
        return self._readable_companies().filtered('kz_is_education_org').sorted('name')

    @api.model
    def _check_company(self, company_id):
        company = self.env['res.company'].sudo().browse(int(company_id))
        if company not in self._readable_companies():
            raise AccessError(_('You may not see the figures of %s.') % company.name)
        return company

    @api.model
    def _blocks(self):
        return [block for block, groups in BLOCK_GROUPS.items() if self._has(groups)]

    @api.model
    def _ids_sql(self, model_name, domain):
        """(SQL selecting the ids of ``model_name`` the user may read matching ``domain``, params): the domain and
        the record rules, as search() applies them."""
        return self.env['kz.edu.contingent.report.wizard']._rule_ids_sql(model_name, domain)

    @api.model
    def _rows_sql(self, model_name, domain, columns):
        """(SQL selecting ``columns`` of the rows of ``model_name`` matching ``domain`` that the user may read,
        params): Odoo's own from and where clauses (the domain and the record rules, as search() builds them) with
        the columns taken from the same scan. Used inside a WITH for the big tables (card entries): the ids form
        (_ids_sql, ``id IN (...)``) reads such a table twice, which cost 1.9 s instead of 0.8 s for the attendance
        of a month in 150 schools (tests/benchmarks/bench_dashboard.py). Column names are fixed strings of this
        module, never input."""
        Model = self.env[model_name]
        Model.check_access_rights('read')
        query = Model._where_calc(domain, active_test=False)
        Model._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        table = '"%s"' % Model._table
        return ('SELECT %s FROM %s WHERE %s' % (', '.join('%s.%s' % (table, c) for c in columns), from_clause,
                                                where_clause or 'TRUE'), list(params))

    @api.model
    def _may_read(self, model_name):
        return self.env[model_name].check_access_rights('read', raise_exception=False)

    @api.model
    def _quarters(self, day):
        """(start, end) of the school quarters of the academic year of ``day``."""
        Period = self.env['kz.edu.academic.period'].sudo()
        periods = Period.search([('kind', '=', 'quarter'), ('year_id.date_start', '<=', fields.Date.to_string(day)),
                                 ('year_id.date_end', '>=', fields.Date.to_string(day))])
        return [(p.date_start, p.date_end) for p in periods]

    # ------------------------------------------------------------------------------------------------ figure families

    @api.model
    def fig_students(self, company_ids):
        """{company: {'total', 'by_grade': {grade id or None: n}}}: the enrolled students."""
        self._check_figures(full=False)
        sub, params = self._ids_sql('kz.edu.student', [('company_id', 'in', company_ids), ('state', '=', 'enrolled')])
        self.env.cr.execute('SELECT company_id, grade_id, count(*) FROM kz_edu_student WHERE id IN (%s) '
                            'GROUP BY company_id, grade_id' % sub, params)
        out = {c: {'total': 0, 'by_grade': {}} for c in company_ids}
        for company, grade, count in self.env.cr.fetchall():
            out[company]['by_grade'][grade] = count
            out[company]['total'] += count
        return out

    @api.model
    def fig_movements(self, company_ids, date_from, date_to):
        """{company: {'arrived', 'left', 'transferred'}}: the confirmed movements dated in the period."""
        self._check_figures(full=False)
        sub, params = self._ids_sql('kz.edu.movement.line', [
            ('company_id', 'in', company_ids), ('state', '=', 'done'), ('date', '>=', str(date_from)),
            ('date', '<=', str(date_to)), ('kind', 'in', ('admission', 'transfer') + LEFT_KINDS)])
        self.env.cr.execute('SELECT company_id, kind, count(*) FROM kz_edu_movement_line WHERE id IN (%s) '
                            'GROUP BY company_id, kind' % sub, params)
        out = {c: {'arrived': 0, 'left': 0, 'transferred': 0} for c in company_ids}
        for company, kind, count in self.env.cr.fetchall():
            key = 'arrived' if kind == 'admission' else 'transferred' if kind == 'transfer' else 'left'
            out[company][key] += count
        return out

    @api.model
    def fig_attendance_today(self, company_ids, day):
        """{company: {'enrolled', 'arrived', 'has_events', 'by_class': {class: (enrolled, arrived)}, 'staff',
        'staff_present'}}: who has come in by card today (an accepted entry), by class, and the staff."""
        self._check_figures(full=False)
        st_sql, st_params = self._rows_sql('kz.edu.student', [('company_id', 'in', company_ids),
                                                               ('state', '=', 'enrolled')],
                                           ['id', 'company_id', 'class_id'])
        ev_sql, ev_params = self._rows_sql('kz.edu.access.event', [
            ('company_id', 'in', company_ids), ('local_date', '=', str(day))],
            ['company_id', 'student_id', 'employee_id', 'direction', 'state'])
        emp_sql, emp_params = self._rows_sql('hr.employee', [('company_id', 'in', company_ids)],
                                             ['id', 'company_id'])
        # one statement: the day's events once, then students and staff against them. A student has come in with
        # an accepted entry; a staff member with a recorded badge entry (state staff); any tap at all (also an
        # unknown card) means the school's readers worked today
        self.env.cr.execute("""
            WITH ev AS (%s), st AS (%s), emp AS (%s),
                 came AS (SELECT DISTINCT student_id FROM ev WHERE %s AND student_id IS NOT NULL),
                 staff_came AS (SELECT DISTINCT employee_id FROM ev WHERE %s AND employee_id IS NOT NULL)
            SELECT 'class', st.company_id, st.class_id, count(*), count(came.student_id)
              FROM st LEFT JOIN came ON came.student_id = st.id
             GROUP BY st.company_id, st.class_id
            UNION ALL
            SELECT 'staff', emp.company_id, NULL, count(*), count(staff_came.employee_id)
              FROM emp LEFT JOIN staff_came ON staff_came.employee_id = emp.id
             GROUP BY emp.company_id
            UNION ALL
            SELECT 'events', company_id, NULL, count(*), 0 FROM ev GROUP BY company_id""" % (
                ev_sql, st_sql, emp_sql, access_rules.came_in_sql(), access_rules.came_in_sql(staff=True)),
            ev_params + st_params + emp_params)
        out = {c: {'enrolled': 0, 'arrived': 0, 'has_events': False, 'by_class': {}, 'staff': 0,
                   'staff_present': 0} for c in company_ids}
        for what, company, class_id, total, present in self.env.cr.fetchall():
            fig = out[company]
            if what == 'class':
                fig['by_class'][class_id] = (total, present)
                fig['enrolled'] += total
                fig['arrived'] += present
            elif what == 'staff':
                fig['staff'], fig['staff_present'] = total, present
            else:
                fig['has_events'] = bool(total)
        for fig in out.values():
            fig['not_arrived'] = fig['enrolled'] - fig['arrived']
            fig['percent'] = dr.percent(fig['arrived'], fig['enrolled']) if fig['has_events'] else None
        return out

    @api.model
    def fig_attendance_period(self, company_ids, date_from, date_to, enrolled):
        """{company: {'days', 'present', 'percent'}}: the average daily attendance over the period: student-days
        with an accepted entry / (school days x students enrolled now). School days: Monday to Friday with any
        event at the school, as the monthly attendance report counts them (kz_edu_access/attendance_report.py)."""
        self._check_figures(full=False)
        ev_sql, params = self._rows_sql('kz.edu.access.event', [
            ('company_id', 'in', company_ids), ('local_date', '>=', str(date_from)), ('local_date', '<=', str(date_to))],
            ['company_id', 'student_id', 'local_date', 'state', 'direction'])
        # one pass over the events, grouped by school and day: the days with any event, and in each the distinct
        # students with an accepted entry (a small sort per day). Two passes over the events of a CTE (days, then
        # the distinct student-days of the whole period sorted at once) took twice as long: 0.8 s instead of 0.4 s
        # for a month in 150 schools (tests/benchmarks/bench_dashboard.py); count(DISTINCT (student_id,
        # local_date)) sorted row values and took three times as long
        self.env.cr.execute("""
            SELECT company_id, count(*), sum(present)::bigint
              FROM (SELECT company_id, local_date,
                           count(DISTINCT student_id) FILTER (WHERE %s) AS present
                      FROM (%s) ev
                     WHERE EXTRACT(ISODOW FROM local_date) < 6
                     GROUP BY company_id, local_date) days
             GROUP BY company_id""" % (access_rules.came_in_sql(), ev_sql), params)
        out = {c: {'days': 0, 'present': 0, 'percent': None} for c in company_ids}
        for company, days, present in self.env.cr.fetchall():
            out[company] = {'days': days, 'present': present,
                            'percent': dr.percent(present, days * enrolled.get(company, 0))}
        return out

    @api.model
    def fig_meals(self, company_ids, date_from, date_to, day):
        """{company: {kind: {'today', 'today_children', 'meals', 'children', 'amount', 'funding', 'paid'}}}: meals
        served (one order at the till is one meal, as the voucher reconciliation counts them) today and over the
        period, by kind; amounts Decimal."""
        self._check_figures(full=True)
        low, high = min(dr.to_date(date_from), day), max(dr.to_date(date_to), day)
        # the rows form (one scan of the meals, see _rows_sql): the ids form read the table twice, 0.45 s instead of
        # 0.33 s for the 173 000 meals of a week in 150 schools (tests/benchmarks/bench_dashboard.py)
        rows, params = self._rows_sql('kz.canteen.meal', [
            ('company_id', 'in', company_ids), ('date', '>=', str(low)), ('date', '<=', str(high))],
            ['id', 'company_id', 'kind', 'date', 'order_key', 'student_id', 'price', 'qty', 'funding_amount',
             'child_amount'])
        self.env.cr.execute("""
            SELECT company_id, kind,
                   count(DISTINCT COALESCE(order_key, id::text)) FILTER (WHERE date = %%s),
                   count(DISTINCT student_id) FILTER (WHERE date = %%s),
                   count(DISTINCT COALESCE(order_key, id::text)) FILTER (WHERE date BETWEEN %%s AND %%s),
                   count(DISTINCT student_id) FILTER (WHERE date BETWEEN %%s AND %%s),
                   (sum(price * qty) FILTER (WHERE date BETWEEN %%s AND %%s))::text,
                   (sum(funding_amount) FILTER (WHERE date BETWEEN %%s AND %%s))::text,
                   (sum(child_amount) FILTER (WHERE date BETWEEN %%s AND %%s))::text
              FROM (%s) meals
             GROUP BY company_id, kind""" % rows,
            [str(day), str(day)] + [str(date_from), str(date_to)] * 5 + params)
        empty = {'today': 0, 'today_children': 0, 'meals': 0, 'children': 0, 'amount': dr.ZERO, 'funding': dr.ZERO,
                 'paid': dr.ZERO}
        out = {c: {k: dict(empty) for k in MEAL_KINDS} for c in company_ids}
        for company, kind, today, today_children, meals, children, amount, funding, paid in self.env.cr.fetchall():
            out[company][kind] = {'today': today, 'today_children': today_children, 'meals': meals,
                                  'children': children, 'amount': dr.dec(amount), 'funding': dr.dec(funding),
                                  'paid': dr.dec(paid)}
        return out

    @api.model
    def fig_meals_by_day(self, company_ids, date_from, date_to):
        """[(day, {kind: meals})] of the period, for the chart."""
        self._check_figures(full=True)
        sub, params = self._ids_sql('kz.canteen.meal', [('company_id', 'in', company_ids),
                                                         ('date', '>=', str(date_from)), ('date', '<=', str(date_to))])
        self.env.cr.execute('SELECT date, kind, count(DISTINCT COALESCE(order_key, id::text)) FROM kz_canteen_meal '
                            'WHERE id IN (%s) GROUP BY date, kind ORDER BY date' % sub, params)
        days = OrderedDict()
        for day, kind, count in self.env.cr.fetchall():
            days.setdefault(dr.to_date(day), {})[kind] = count
        return list(days.items())

    @api.model
    def fig_budget(self, company_ids, date_from, date_to):
        """{company: {'rows', 'total', 'summary'}}: kz_gov_account's budget execution of the schools for the part of
        the period in one budget year (see the module docstring: reused, not recomputed), all schools at once."""
        self._check_figures(full=True)
        start, end = dr.budget_span(date_from, date_to)
        by_company = self.env['kz.gov.budget.execution']._compute_rows_by_company(
            self.env['res.company'].browse(company_ids), start, end)
        return {company_id: {'rows': rows, 'total': total, 'summary': dr.budget_summary(rows, total),
                             'date_from': start, 'date_to': end}
                for company_id, (rows, total) in by_company.items()}

    @api.model
    def fig_payroll(self, company_ids, day):
        """{company: {'this', 'last', 'before', 'employees_this', 'employees_last'}}: the payroll fund (rule GROSS of
        the confirmed payslips) of this month, last month and the month before (see the module docstring)."""
        self._check_figures(full=True)
        this = day.replace(day=1)
        last = dr.previous_month(this)
        before = dr.previous_month(last)
        allowed = set(self._readable_companies().ids)
        companies = [c for c in company_ids if c in allowed or self.env.user._is_superuser()]
        out = {c: {'this': dr.ZERO, 'last': dr.ZERO, 'before': dr.ZERO, 'employees_this': 0, 'employees_last': 0,
                   'month_this': this, 'month_last': last} for c in company_ids}
        if not companies:
            return out
        self.env.cr.execute("""
            SELECT p.company_id, date_trunc('month', p.date_from)::date, sum(l.total)::text,
                   count(DISTINCT p.employee_id)
              FROM hr_payslip p JOIN hr_payslip_line l ON l.slip_id = p.id
             WHERE p.state = 'done' AND l.code = 'GROSS' AND p.company_id IN %s
               AND p.date_from >= %s AND p.date_from <= %s
             GROUP BY 1, 2""", (tuple(companies), str(before), str(dr.month_bounds(this)[1])))
        for company, month, amount, employees in self.env.cr.fetchall():
            month = dr.to_date(month)
            key = 'this' if month == this else 'last' if month == last else 'before'
            out[company][key] = dr.dec(amount)
            if key in ('this', 'last'):
                out[company]['employees_' + key] = employees
        for fig in out.values():
            fig['change'] = dr.change(fig['last'], fig['before'])
        return out

    @api.model
    def _latest_qualifications_sql(self, company_ids):
        sub, params = self._ids_sql('kz.hr.qualification', [('company_id', 'in', company_ids)])
        return ("""SELECT DISTINCT ON (q.employee_id) q.company_id, q.employee_id, q.category, q.expiry_date
                     FROM kz_hr_qualification q JOIN hr_employee e ON e.id = q.employee_id
                    WHERE q.id IN (%s) AND e.active
                    ORDER BY q.employee_id, q.attestation_date DESC, q.id DESC""" % sub, params)

    @api.model
    def fig_teachers(self, company_ids, day):
        """{company: {'total', 'by_category': {category: n}, 'expiring', 'expired', 'high'}}: teachers by their
        current qualification category (the latest attestation), those whose category expires within the reminder
        window of kz_hr (REMIND_DAYS_BEFORE days) and those already expired."""
        self._check_figures(full=True)
        latest, params = self._latest_qualifications_sql(company_ids)
        limit = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
        self.env.cr.execute("""
            SELECT company_id, category, count(*),
                   count(*) FILTER (WHERE expiry_date >= %%s AND expiry_date <= %%s),
                   count(*) FILTER (WHERE expiry_date < %%s)
              FROM (%s) latest GROUP BY company_id, category""" % latest,
            [str(day), str(limit), str(day)] + params)
        out = {c: {'total': 0, 'by_category': {}, 'expiring': 0, 'expired': 0, 'high': 0} for c in company_ids}
        for company, category, count, expiring, expired in self.env.cr.fetchall():
            fig = out[company]
            fig['by_category'][category] = count
            fig['total'] += count
            fig['expiring'] += expiring
            fig['expired'] += expired
            if category in HIGH_CATEGORIES:
                fig['high'] += count
        return out

    @api.model
    def fig_drafts(self, company_ids):
        """{company: {key: n}} of the documents still to finish (DRAFT_DOCUMENTS), one statement; None for the
        documents the user may not read."""
        self._check_figures(full=True)
        parts, params, unreadable = [], [], []
        for key, model, domain, _action in DRAFT_DOCUMENTS:
            if model not in self.env or not self._may_read(model):
                unreadable.append(key)
                continue
            sub, sub_params = self._ids_sql(model, [('company_id', 'in', company_ids)] + domain)
            parts.append("SELECT %%s, company_id, count(*) FROM %s WHERE id IN (%s) GROUP BY company_id"
                         % (self.env[model]._table, sub))
            params += [key] + sub_params
        out = {c: dict.fromkeys([d[0] for d in DRAFT_DOCUMENTS], 0) for c in company_ids}
        if parts:
            self.env.cr.execute(' UNION ALL '.join(parts), params)
            for key, company, count in self.env.cr.fetchall():
                out[company][key] = count
        for fig in out.values():
            fig['total'] = sum(fig[d[0]] for d in DRAFT_DOCUMENTS)
            fig.update(dict.fromkeys(unreadable))       # not shown: the user may not read these documents
        return out

    @api.model
    def fig_reports(self, company_ids, day):
        """{company: {'attendance': state, 'canteen': state, 'month': first day}}: last month's attendance report
        (HSC-13: the files kz_edu_access attaches to the school when it sends them) and canteen report (HSC-09:
        kz.canteen.monthly.report sent), by the rule of dashboard_rules.report_state."""
        self._check_figures(full=True)
        month = dr.previous_month(day)
        Company = self.env['res.company'].sudo().browse(company_ids)
        names = [ATTENDANCE_SENT_NAME % (c, month.year, month.month, 'xlsx') for c in company_ids]
        self.env.cr.execute("""
            SELECT 'attendance', res_id FROM ir_attachment
             WHERE res_model = 'res.company' AND res_id IN %s AND name IN %s
            UNION ALL
            SELECT 'canteen', company_id FROM kz_canteen_monthly_report
             WHERE company_id IN %s AND month = %s AND state = 'sent'""",
                            (tuple(company_ids), tuple(names), tuple(company_ids), str(month)))
        sent = set(self.env.cr.fetchall())
        out = {}
        for company in Company:
            out[company.id] = {
                'month': month,
                'attendance': dr.report_state(day, ('attendance', company.id) in sent,
                                              bool(company.kz_authority_email)),
                'canteen': dr.report_state(day, ('canteen', company.id) in sent,
                                           bool(company.kz_canteen_authority_email)),
            }
        return out

    @api.model
    def fig_menus(self, company_ids, day):
        """{company: {'day': next school day, 'menus': [(meal, age group, state)], 'not_approved': n}}."""
        self._check_figures(full=True)
        next_day = dr.next_school_day(day)
        sub, params = self._ids_sql('kz.canteen.menu', [
            ('company_id', 'in', company_ids),
            ('date', '>=', str(next_day - datetime.timedelta(days=dr.MENU_LOOKBACK_DAYS))),
            ('date', '<=', str(next_day))])
        self.env.cr.execute('SELECT company_id, date, meal, age_group, state FROM kz_canteen_menu WHERE id IN (%s)'
                            % sub, params)
        recent, of_day = defaultdict(list), defaultdict(list)
        for company, date, meal, group, state in self.env.cr.fetchall():
            if dr.to_date(date) == next_day:
                of_day[company].append((meal, group, state))
            elif state == 'approved':
                recent[company].append((meal, group))
        out = {}
        for company in company_ids:
            menus = dr.menu_states(dr.menus_expected(recent[company]), of_day[company])
            out[company] = {'day': next_day, 'menus': menus,
                            'not_approved': sum(1 for m in menus if m[2] != 'approved')}
        return out

    # ------------------------------------------------------------------------------------------------ the dashboards

    @api.model
    def _selection(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    @api.model
    def _now_label(self):
        now = fields.Datetime.context_timestamp(self, datetime.datetime.now())
        return now.strftime('%H:%M')

    @api.model
    def director_data(self):
        """Everything the director's dashboard shows, for the user's school; the parts by BLOCK_GROUPS."""
        self._check_dashboard('director')
        day = self._today()
        company = self.env.user.company_id
        cid = company.id
        blocks = self._blocks()
        data = OrderedDict(company=company.name, company_id=cid, day=day, blocks=blocks, updated=self._now_label())
        if 'contingent' in blocks:
            quarter = dr.period_bounds('quarter', day, self._quarters(day))
            students = self.fig_students([cid])[cid]
            grades = self.env['kz.edu.grade'].search([])
            by_grade = [(g.name, g.id, students['by_grade'].get(g.id, 0), str(g.sequence)) for g in grades
                        if students['by_grade'].get(g.id)]
            if students['by_grade'].get(None):
                by_grade.append((_('Groups'), None, students['by_grade'][None], '—'))
            data['contingent'] = {
                'total': students['total'], 'by_grade': by_grade,
                'chart': dr.bar_chart([(short, n) for _label, _g, n, short in by_grade], width=360, height=110),
                'quarter': quarter, 'movements': self.fig_movements([cid], *quarter)[cid],
            }
        if 'attendance' in blocks:
            att = self.fig_attendance_today([cid], day)[cid]
            classes = self.env['kz.edu.class'].browse([c for c in att['by_class'] if c]).sorted(
                lambda c: (c.shift or '1', c.grade_sequence, c.letter or '', c.name or ''))
            shifts = self._selection('kz.edu.class', 'shift')
            by_shift = OrderedDict()
            for c in classes:
                enrolled, arrived = att['by_class'][c.id]
                block = by_shift.setdefault(c.shift or '1', {'shift': c.shift or '1',
                                                            'label': shifts.get(c.shift or '1', ''),
                                                            'classes': [], 'missing': 0})
                block['classes'].append({'class_id': c.id, 'name': c.name, 'enrolled': enrolled, 'arrived': arrived,
                                         'missing': enrolled - arrived, 'bar': dr.share_width(arrived, enrolled)})
                block['missing'] += enrolled - arrived
            data['attendance'] = dict(att, shifts=list(by_shift.values()))
        if 'meals' in blocks:
            month_from = day.replace(day=1)
            meals = self.fig_meals([cid], month_from, day, day)[cid]
            series = self.fig_meals_by_day([cid], month_from, day)
            data['meals'] = {
                'kinds': [(k, self._selection('kz.canteen.meal', 'kind')[k], meals[k]) for k in MEAL_KINDS],
                'month_from': month_from,
                'total_today': sum(meals[k]['today'] for k in MEAL_KINDS),
                'total_month': sum(meals[k]['meals'] for k in MEAL_KINDS),
                'funding_month': sum((meals[k]['funding'] for k in MEAL_KINDS), dr.ZERO),
                'chart': dr.stacked_bars([(d.strftime('%d'), v) for d, v in series], MEAL_KINDS,
                                         width=360, height=100),
            }
        if 'budget' in blocks:
            budget = self.fig_budget([cid], day.replace(month=1, day=1), day)[cid]
            names = {e.code: e.name for e in self.env['kz.gov.ebk'].search(
                [('code', 'in', [r['ebk'] for r in budget['rows']])])}
            top = max([dr.dec(r['plan_payments']) for r in budget['rows']] +
                      [dr.dec(r['payments']) for r in budget['rows']] + [dr.ZERO])
            data['budget'] = dict(budget, rows=[dict(
                r, name=names.get(r['ebk'], ''), overspent=dr.overspent(r),
                plan_bar=dr.share_width(r['plan_payments'], top), paid_bar=dr.share_width(r['payments'], top))
                for r in budget['rows']])
        if 'payroll' in blocks:
            data['payroll'] = self.fig_payroll([cid], day)[cid]
        if 'teachers' in blocks:
            teachers = self.fig_teachers([cid], day)[cid]
            labels = self._selection('kz.hr.qualification', 'category')
            teachers['categories'] = [(key, labels[key], teachers['by_category'].get(key, 0))
                                      for key, _label in QUALIFICATION_CATEGORIES
                                      if teachers['by_category'].get(key)]
            teachers['chart'] = dr.bar_chart([(label, n) for _k, label, n in teachers['categories']],
                                             width=300, height=90)
            data['teachers'] = teachers
        if 'attention' in blocks:
            drafts = self.fig_drafts([cid])[cid]
            reports = self.fig_reports([cid], day)[cid]
            menus = self.fig_menus([cid], day)[cid]
            meals_sel = self._selection('kz.canteen.menu', 'meal')
            groups_sel = self._selection('kz.canteen.menu', 'age_group')
            menus['rows'] = [(meals_sel.get(m, m), groups_sel.get(g, g), state) for m, g, state in menus['menus']]
            data['attention'] = {'drafts': drafts, 'draft_labels': self._draft_labels(), 'reports': reports,
                                 'menus': menus}
        return data

    @api.model
    def _draft_labels(self):
        return OrderedDict([
            ('draft_moves', _('Unposted journal entries')),
            ('draft_bills', _('Vendor bills in draft')),
            ('draft_obligations', _('Obligations not registered')),
            ('draft_movement_orders', _('Movement orders not confirmed')),
            ('draft_hr_orders', _('Personnel orders not confirmed')),
        ])

    @api.model
    def district_data(self, period='month', rank_by='attendance_today'):
        """The district's dashboard: the same figures per school, totals and a ranking by ``rank_by``."""
        self._check_dashboard('district')
        if period not in dr.PERIODS:
            raise UserError(_('Choose the period: this month, last month, this quarter or this year.'))
        if rank_by not in RANK_FIGURES:
            raise UserError(_('Choose the figure the schools are ranked by.'))
        day = self._today()
        date_from, date_to = dr.period_bounds(period, day, self._quarters(day))
        schools = self._district_schools()
        cids = schools.ids
        rows = []
        if cids:
            movements = self.fig_movements(cids, date_from, date_to)
            # the enrolled students are counted by the attendance of today (by class, the same rows as
            # fig_students): not a second pass over the district's students
            today = self.fig_attendance_today(cids, day)
            students = {c: {'total': today[c]['enrolled']} for c in cids}
            period_att = self.fig_attendance_period(cids, date_from, date_to,
                                                    {c: students[c]['total'] for c in cids})
            meals = self.fig_meals(cids, date_from, date_to, day)
            budget = self.fig_budget(cids, date_from, date_to)
            payroll = self.fig_payroll(cids, day)
            teachers = self.fig_teachers(cids, day)
            drafts = self.fig_drafts(cids)
            reports = self.fig_reports(cids, day)
            for school in schools:
                c = school.id
                b = budget[c]['summary']
                rows.append({
                    'company_id': c, 'name': school.name,
                    'students': students[c]['total'], 'arrived': movements[c]['arrived'],
                    'left': movements[c]['left'],
                    'present_today': today[c]['arrived'], 'attendance_today': today[c]['percent'],
                    'attendance_period': period_att[c]['percent'],
                    'free_meals': meals[c]['free']['meals'], 'subsidised_meals': meals[c]['subsidised']['meals'],
                    'paid_meals': meals[c]['paid']['meals'],
                    'meal_funding': sum((meals[c][k]['funding'] for k in MEAL_KINDS), dr.ZERO),
                    'budget_plan': b['plan'], 'budget_paid': b['paid'], 'budget_percent': b['percent'],
                    'overspent': len(b['overspent']),
                    'payroll_last': payroll[c]['last'], 'payroll_this': payroll[c]['this'],
                    'teachers': teachers[c]['total'], 'teachers_high': teachers[c]['high'],
                    'attestation_expiring': teachers[c]['expiring'] + teachers[c]['expired'],
                    'drafts': drafts[c]['draft_moves'],
                    'reports_late': sum(1 for k in ('attendance', 'canteen') if reports[c][k] == 'overdue'),
                    'reports': reports[c],
                    'enrolled_today': today[c]['enrolled'],
                    'has_events': today[c]['has_events'],
                })
        ranks = dr.competition_ranks({r['company_id']: r.get(rank_by) for r in rows})
        for r in rows:
            r['rank'] = ranks[r['company_id']]
        rows.sort(key=lambda r: (r['rank'] is None, r['rank'] or 0, r['name']))
        sums = dr.sum_rows(rows, ['students', 'arrived', 'left', 'present_today', 'free_meals', 'subsidised_meals',
                                  'paid_meals', 'meal_funding', 'budget_plan', 'budget_paid', 'overspent',
                                  'payroll_last', 'payroll_this', 'teachers', 'teachers_high',
                                  'attestation_expiring', 'drafts', 'reports_late'])
        with_events = [r for r in rows if r['has_events']]
        sums['attendance_today'] = dr.percent(sum(r['present_today'] for r in with_events),
                                              sum(r['enrolled_today'] for r in with_events))
        sums['budget_percent'] = dr.percent(sums['budget_paid'], sums['budget_plan'])
        present = [r for r in rows if r['attendance_period'] is not None]
        sums['attendance_period'] = dr.percent(
            sum(r['attendance_period'] * r['students'] for r in present), sum(r['students'] for r in present) * 100) \
            if present else None
        for r in rows:
            r['budget_bar'] = dr.share_width(r['budget_percent'] or 0, 100)
            r['attendance_bar'] = dr.share_width(r['attendance_today'] or 0, 100)
        return {'day': day, 'period': period, 'date_from': date_from, 'date_to': date_to, 'rank_by': rank_by,
                'rows': rows, 'total': sums, 'schools': len(rows), 'updated': self._now_label(),
                'budget_from': dr.budget_span(date_from, date_to)[0]}

    @api.model
    def period_labels(self):
        return OrderedDict([('month', _('This month')), ('last_month', _('Last month')),
                            ('quarter', _('This quarter')), ('year', _('This year'))])

    @api.model
    def rank_labels(self):
        return OrderedDict([('attendance_today', _('Attendance today')),
                            ('attendance_period', _('Attendance in the period')),
                            ('budget_percent', _('Budget executed')), ('free_meals', _('Free meals')),
                            ('students', _('Students'))])

    # ------------------------------------------------------------------------------------------------ rendering

    @api.model
    def _format_helpers(self):
        return {'money': _fmt_money, 'num': _fmt_int, 'pct': _fmt_pct, 'date': _fmt_date,
                'json': lambda value: json.dumps(value, default=str),
                'month': lambda d: dr.to_date(d).strftime('%m.%Y')}

    @api.model
    def render_dashboard(self, kind, options=None):
        """The dashboard's HTML, rendered on the server in the user's language (the client action shows it)."""
        if not self.env.context.get('lang'):        # a call without the web client's context: the user's language
            return self.with_context(lang=self.env.user.lang).render_dashboard(kind, options)
        options = options or {}
        if kind == 'district':
            data = self.district_data(options.get('period') or 'month', options.get('rank_by') or 'attendance_today')
            values = {'d': data, 'f': self._format_helpers(), 'periods': self.period_labels(),
                      'ranks': self.rank_labels(), 'report_states': self._report_state_labels()}
            template = 'kz_edu_dashboard.district_dashboard'
        else:
            data = self.director_data()
            values = {'d': data, 'f': self._format_helpers(), 'report_states': self._report_state_labels(),
                      'movement_labels': {'arrived': _('Arrived'), 'left': _('Left'),
                                          'transferred': _('Changed class')}}
            template = 'kz_edu_dashboard.director_dashboard'
        html = self.env['ir.ui.view'].render_template(template, values)
        return html.decode() if isinstance(html, bytes) else html

    @api.model
    def _report_state_labels(self):
        return {'sent': _('sent'), 'due': _('due by the 5th'), 'overdue': _('overdue'),
                'no_recipient': _('no recipient set'), 'approved': _('approved'), 'draft': _('not approved'),
                'missing': _('missing')}

    # ------------------------------------------------------------------------------------------------ the records behind

    OPENERS = ('students', 'movements', 'arrived', 'not_arrived', 'staff_present', 'meals', 'budget', 'budget_ebk',
               'payroll', 'teachers', 'attestation', 'report_attendance', 'report_canteen', 'menus', 'reconcile') + \
        tuple(d[0] for d in DRAFT_DOCUMENTS)

    @api.model
    def open_figure(self, figure, company_id, params=None):
        """The action listing the records behind a figure of the dashboards, as the user may read them. The domain
        is built here from the figure's name and its parameters (never taken from the browser)."""
        if figure not in self.OPENERS:
            raise UserError(_('This figure cannot be opened.'))
        if not (self._has(DIRECTOR_DASHBOARD_GROUPS) or self._has(DISTRICT_DASHBOARD_GROUPS)):
            self._check_dashboard('director')
        company = self._check_company(company_id)
        params = dict(params or {})
        if figure in [d[0] for d in DRAFT_DOCUMENTS]:
            action = self._open_drafts(figure, company)
        else:
            action = getattr(self, '_open_' + figure)(company, self._today(), params)
        # what the web client's /web/action/load and call_button do to an action (views from view_mode, 'tree' as
        # 'list'); an action returned by call_kw does not get it
        return clean_action(action)

    @api.model
    def _action(self, xmlid, name, domain, context=None, views=None):
        action = self.env.ref(xmlid).read()[0]
        action.update({'name': name, 'display_name': name, 'domain': domain, 'context': dict(context or {}),
                       'target': 'current'})
        action.pop('id', None)          # not the menu's action: no search defaults of its own, no breadcrumb clash
        if views:
            action['views'] = [(self.env.ref(v).id if v else False, mode) for v, mode in views]
            action['view_mode'] = ','.join(mode for _v, mode in views)
        return action

    @api.model
    def _period(self, params, day):
        date_from = dr.to_date(params.get('date_from')) or day.replace(day=1)
        date_to = dr.to_date(params.get('date_to')) or day
        if date_to < date_from:
            raise UserError(_('The period ends before it starts.'))
        return date_from, date_to

    def _open_students(self, company, day, params):
        domain = [('company_id', '=', company.id), ('state', '=', 'enrolled')]
        name = _('Students of %s') % company.name
        if 'grade_id' in params:
            grade = params['grade_id'] or False
            domain.append(('grade_id', '=', grade))
            if grade:
                name = _('Students of grade %s') % self.env['kz.edu.grade'].browse(grade).name
        return self._action('kz_edu_contingent.kz_edu_student_action', name, domain)

    def _open_movements(self, company, day, params):
        date_from, date_to = self._period(params, day)
        kinds = {'arrived': ['admission'], 'left': list(LEFT_KINDS), 'transferred': ['transfer']}.get(
            params.get('kind'), ['admission', 'transfer'] + list(LEFT_KINDS))
        return {
            'type': 'ir.actions.act_window', 'res_model': 'kz.edu.movement.line', 'target': 'current',
            'name': _('Movements from %s to %s') % (_fmt_date(date_from), _fmt_date(date_to)),
            'views': [(self.env.ref('kz_edu_dashboard.kz_edu_movement_line_view_tree').id, 'tree')],
            'view_mode': 'tree', 'context': {},
            'domain': [('company_id', '=', company.id), ('state', '=', 'done'), ('kind', 'in', kinds),
                       ('date', '>=', str(date_from)), ('date', '<=', str(date_to))]}

    def _attendance_domain(self, company, params):
        domain = [('company_id', '=', company.id), ('state', '=', 'enrolled')]
        if params.get('class_id'):
            domain.append(('class_id', '=', int(params['class_id'])))
        if params.get('shift'):
            domain.append(('class_id.shift', '=', str(params['shift'])))
        return domain

    def _today_context(self, day):
        real = dr.to_date(fields.Date.context_today(self))
        return {} if day == real else {'kz_today_override': str(day)}

    def _open_arrived(self, company, day, params):
        return self._action('kz_edu_access.kz_edu_student_action_not_arrived', _('Arrived today'),
                            self._attendance_domain(company, params) + [('kz_arrived_today', '=', True)],
                            context=self._today_context(day))

    def _open_not_arrived(self, company, day, params):
        return self._action('kz_edu_access.kz_edu_student_action_not_arrived', _('Not arrived yet today'),
                            self._attendance_domain(company, params) + [('kz_arrived_today', '=', False)],
                            context=self._today_context(day))

    def _open_staff_present(self, company, day, params):
        return self._action('kz_edu_access.kz_edu_access_event_action', _('Staff entries today'), [
            ('company_id', '=', company.id), ('employee_id', '!=', False), ('local_date', '=', str(day)),
            ('direction', '=', 'in'), ('state', '=', 'staff')])

    def _open_meals(self, company, day, params):
        date_from, date_to = self._period(params, day)
        domain = [('company_id', '=', company.id), ('date', '>=', str(date_from)), ('date', '<=', str(date_to))]
        kinds = self._selection('kz.canteen.meal', 'kind')
        name = _('Meals served from %s to %s') % (_fmt_date(date_from), _fmt_date(date_to))
        if params.get('kind') in MEAL_KINDS:
            domain.append(('kind', '=', params['kind']))
            name = '%s: %s' % (name, kinds[params['kind']])
        return self._action('kz_canteen.action_kz_canteen_meal', name, domain, views=[
            ('kz_edu_dashboard.kz_canteen_meal_view_graph', 'graph'), (None, 'pivot'), (None, 'tree')])

    def _open_budget(self, company, day, params):
        date_from, date_to = dr.budget_span(*self._period(params, day.replace(month=1, day=1)))
        wizard = self.env['kz.gov.budget.execution'].create({
            'company_id': company.id, 'date_from': str(date_from), 'date_to': str(date_to)})
        return wizard.action_show()

    def _open_budget_ebk(self, company, day, params):
        date_from, date_to = dr.budget_span(*self._period(params, day.replace(month=1, day=1)))
        code = str(params.get('ebk') or '')
        return self._action('kz_gov_account.action_kz_gov_move_line', _('Journal items of specific %s') % code, [
            ('company_id', '=', company.id), ('kz_ebk_id.code', '=', code), ('move_id.state', '=', 'posted'),
            ('date', '>=', str(date_from)), ('date', '<=', str(date_to))])

    def _open_payroll(self, company, day, params):
        month = day.replace(day=1) if params.get('month') == 'this' else dr.previous_month(day)
        if not (self._has(FULL_GROUPS)):
            raise AccessError(_('The payroll fund is shown to the director and the district only.'))
        self.env.cr.execute("""SELECT DISTINCT kz_move_id FROM hr_payslip WHERE state = 'done' AND company_id = %s
                                  AND kz_move_id IS NOT NULL AND date_from >= %s AND date_from <= %s""",
                            (company.id, str(month), str(dr.month_bounds(month)[1])))
        move_ids = [r[0] for r in self.env.cr.fetchall()]
        if not move_ids:
            raise UserError(_('The payroll of %s is not posted to the ledger yet.') % month.strftime('%m.%Y'))
        return self._action('kz_gov_account.action_kz_gov_move', _('Payroll of %s in the ledger')
                            % month.strftime('%m.%Y'), [('id', 'in', move_ids)])

    def _teacher_rows(self, company, day):
        latest, params = self._latest_qualifications_sql([company.id])
        self.env.cr.execute('SELECT employee_id, category, expiry_date FROM (%s) latest' % latest, params)
        return [(e, c, dr.to_date(x)) for e, c, x in self.env.cr.fetchall()]

    def _open_teachers(self, company, day, params):
        category = params.get('category')
        ids = [e for e, c, _x in self._teacher_rows(company, day) if not category or c == category]
        name = _('Teachers')
        if category:
            name = '%s: %s' % (name, self._selection('kz.hr.qualification', 'category').get(category, category))
        return self._action('hr.open_view_employee_list_my', name, [('id', 'in', ids)])

    def _open_attestation(self, company, day, params):
        limit = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
        ids = [e for e, _c, x in self._teacher_rows(company, day) if x and x <= limit]
        return self._action('hr.open_view_employee_list_my', _('Qualification category expires by %s')
                            % _fmt_date(limit), [('id', 'in', ids)])

    def _open_drafts(self, figure, company):
        key, model, domain, xmlid = [d for d in DRAFT_DOCUMENTS if d[0] == figure][0]
        return self._action(xmlid, self._draft_labels()[key], [('company_id', '=', company.id)] + domain)

    def _open_report_attendance(self, company, day, params):
        action = self.env.ref('kz_edu_access.kz_edu_access_report_wizard_action').read()[0]
        action['context'] = {'default_month': str(dr.previous_month(day)), 'default_company_ids': [company.id]}
        return action

    def _open_report_canteen(self, company, day, params):
        return self._action('kz_canteen.kz_canteen_monthly_report_action', _('Monthly meal reports'),
                            [('company_id', '=', company.id)])

    def _open_menus(self, company, day, params):
        next_day = dr.next_school_day(day)
        return self._action('kz_canteen.action_kz_canteen_menu', _('Menus of %s') % _fmt_date(next_day),
                            [('company_id', '=', company.id), ('date', '=', str(next_day))])

    def _open_reconcile(self, company, day, params):
        return self.env.ref('kz_canteen.kz_canteen_reconcile_wizard_action').read()[0]

    # ------------------------------------------------------------------------------------------------ export, home

    @api.model
    def district_export(self, period='month', rank_by='attendance_today'):
        """The district's table as XLSX (report_xlsx): the action that downloads it."""
        self._check_dashboard('district')
        if period not in dr.PERIODS or rank_by not in RANK_FIGURES:
            raise UserError(_('Choose the period and the figure the schools are ranked by.'))
        export = self.env['kz.edu.dashboard.export'].create({'period': period, 'rank_by': rank_by})
        return clean_action(self.env.ref('kz_edu_dashboard.kz_edu_dashboard_district_xlsx').report_action(
            export, config=False))

    @api.model
    def _set_home_actions(self, users=None):
        """Directors and deputy directors land on the director's dashboard, the district's users on the district's
        (res.users.action_id, the web client's home action), unless they have a home action already. Called at
        install and when a user's groups change."""
        Users = self.env['res.users'].sudo()
        users = Users.browse(users.ids) if users is not None else Users.search([('share', '=', False)])
        director = self.env.ref('kz_edu_dashboard.kz_edu_dashboard_director_action', raise_if_not_found=False)
        district = self.env.ref('kz_edu_dashboard.kz_edu_dashboard_district_action', raise_if_not_found=False)
        if not (director and district):
            return False
        g_district = self.env.ref('kz_edu_base.group_district')
        g_director = self.env.ref('kz_edu_base.group_deputy_director')
        g_system = self.env.ref('base.group_system')
        for user in users.filtered(lambda u: not u.action_id and g_system not in u.groups_id):
            if g_district in user.groups_id:
                user.write({'action_id': district.id})
            elif g_director in user.groups_id:
                user.write({'action_id': director.id})
        return True
