"""The monthly attendance report (HSC-13): the wizard that asks for the month, the ORM layer that fetches plain
rows, and the automatic sending to the education authority by the 5th of the following month.

The counting rules (school days, present, absent, the register) are in ../attendance_report.py (pure Python,
tested without a database). This layer runs five set-based queries, never one per student or per day: the class
history and the events are selected through Odoo's own query builder (``_where_calc`` + ``_apply_ir_rules``, the
domain and the record rules of the reading user, as ``search`` would apply them; see
kz.edu.contingent.report.wizard._rule_ids_sql) and grouped per person and day in PostgreSQL. A month of a
600-student school is about 12 000 events; loading them as records only to take a minimum and a maximum per
person and day would cost seconds instead of milliseconds.
"""
import base64
import datetime
import logging

import pytz

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from .. import access_rules
from .. import attendance_report as ar

_logger = logging.getLogger(__name__)

XLSX_REPORT = 'kz_edu_access.kz_edu_access_attendance_xlsx'
PDF_REPORT = 'kz_edu_access.kz_edu_access_attendance_pdf'
# the name of the files sent to the authority; the XLSX one also records that the month was sent
SENT_NAME = 'attendance_%s_%04d-%02d.%s'     # company id, year, month, extension
LAST_SENDING_DAY = 5                         # HSC-13: by the 5th of the following month
# who reads every class of an organisation (the "all of the organisation" rules on the events); other readers
# (a class teacher) get the classes they lead, as the class-teacher rule on the events lets them see
FULL_READERS = 'kz_edu_base.group_deputy_director,kz_edu_base.group_district'
STAFF_READERS = 'kz_edu_base.group_deputy_director,kz_edu_base.group_district,kz_edu_base.group_hr_officer'


class KzEduAccessReportWizard(models.TransientModel):
    _name = 'kz.edu.access.report.wizard'
    _description = 'Monthly attendance report'

    def _default_company_ids(self):
        # the user's organisation and, for an education department, all its schools
        return self.env['res.company'].search([('id', 'child_of', self.env.user.company_id.ids)])

    def _default_month(self):
        # the last finished month: the report the authority expects by the 5th
        return fields.Date.to_string(ar.previous_month(self._today()))

    month = fields.Date(string='Month', required=True, default=_default_month,
                        help='Any day of the month reported on.')
    company_id = fields.Many2one('res.company', string='Printed by', default=lambda self: self.env.user.company_id)
    company_ids = fields.Many2many('res.company', 'kz_edu_access_report_company_rel', 'wizard_id', 'company_id',
                                   string='Organisations', default=_default_company_ids,
                                   help='The schools reported on; a department may choose several or all of its '
                                        'schools.')
    output = fields.Selection([('xlsx', 'Excel (XLSX)'), ('pdf', 'PDF')], string='Format', required=True,
                              default='xlsx')
    with_register = fields.Boolean(
        string='With the register', default=False,
        help='The PDF also lists every student and staff member with their first entry and last exit of each '
             'day (the XLSX always has it).')
    is_preliminary = fields.Boolean(
        string='Preliminary',
        help='Print the report for a month not yet finished; it is marked PRELIMINARY.')

    # ------------------------------------------------------------------------------------------------ checks

    def _today(self):
        return fields.Date.from_string(fields.Date.context_today(self))

    def _check_month(self):
        today = self._today()
        for wiz in self:
            if not wiz.month:
                raise UserError(_('State the month of the report.'))
            if not ar.is_month_finished(wiz.month, today) and not wiz.is_preliminary:
                raise UserError(_('The month %s is not finished yet: a report for a month not yet finished can '
                                  'only be printed as preliminary. Tick "Preliminary" to print it marked '
                                  'PRELIMINARY.') % ar.format_month(wiz.month))

    @api.model
    def _allowed_companies(self, companies):
        """The organisations of ``companies`` whose attendance the user may read: the record rules on the events
        and the class history let a user read their own organisation and those below it (SEC-05). Raises
        AccessError for a user who may read neither (a canteen cashier)."""
        self.env['kz.edu.access.event'].check_access_rights('read')
        self.env['kz.edu.enrollment'].check_access_rights('read')
        if self.env.uid == SUPERUSER_ID:
            return companies
        readable = self.env['res.company'].sudo().search([('id', 'child_of', self.env.user.company_id.ids)])
        return companies & readable

    def _is_full_reader(self):
        return self.env.uid == SUPERUSER_ID or self.user_has_groups(FULL_READERS)

    def _may_read_staff(self):
        return self.env.uid == SUPERUSER_ID or self.user_has_groups(STAFF_READERS)

    # ------------------------------------------------------------------------------------------------ actions

    @api.multi
    def action_print(self):
        self.ensure_one()
        self._check_month()
        if not self._allowed_companies(self.company_ids):
            raise UserError(_('Choose at least one organisation whose attendance you may see.'))
        xml_id = PDF_REPORT if self.output == 'pdf' else XLSX_REPORT
        return self.env.ref(xml_id).report_action(self, config=False)

    @api.multi
    def report_data(self):
        """Everything the XLSX and the PDF show, labels resolved, in the language of the context."""
        self.ensure_one()
        self._check_month()
        companies = self._allowed_companies(self.company_ids)
        if not companies:
            raise UserError(_('Choose at least one organisation whose attendance you may see.'))
        data = self.attendance_report(companies.sorted(lambda c: (c.name, c.id)).ids, self.month)
        data.update({
            'title': _('Attendance: entry and exit by card'),
            'period': _('Month: %s') % ar.format_month(self.month),
            'preliminary': self.is_preliminary,
            'with_register': self.with_register,
            'companies': [c.name for c in companies.sorted('name')],
        })
        return data

    # ------------------------------------------------------------------------------------------------ queries

    def _rule_ids_sql(self, model_name, domain):
        # one query builder for every report of the suite: the domain and the record rules of the reader
        return self.env['kz.edu.contingent.report.wizard']._rule_ids_sql(model_name, domain)

    @api.model
    def _local(self, value, tz):
        """A naive UTC timestamp (text from Odoo's cursor) as a local naive datetime of ``tz``; None stays."""
        if not value:
            return None
        utc = fields.Datetime.from_string(value)
        return pytz.utc.localize(utc).astimezone(tz).replace(tzinfo=None)

    @api.model
    def attendance_report(self, company_ids, month):
        """The attendance of ``company_ids`` in the month of ``month`` (HSC-13), ready to print."""
        first, last = ar.month_bounds(month)
        day_from, day_to = fields.Date.to_string(first), fields.Date.to_string(last)
        cr = self.env.cr
        class_domain = [('company_id', 'in', list(company_ids))]
        if not self._is_full_reader():
            class_domain.append(('class_teacher_user_id', '=', self.env.uid))
        class_sub, class_params = self._rule_ids_sql('kz.edu.class', class_domain)

        # 1. the class history of the month in the classes the reader may see
        enr_sub, enr_params = self._rule_ids_sql('kz.edu.enrollment', [
            ('company_id', 'in', list(company_ids)), ('date_from', '<=', day_to),
            '|', ('date_to', '=', False), ('date_to', '>=', day_from)])
        cr.execute("""
            SELECT e.student_id, e.class_id, e.date_from, e.date_to FROM kz_edu_enrollment e
             WHERE e.id IN (%s) AND e.class_id IN (%s)""" % (enr_sub, class_sub), enr_params + class_params)
        enrollments = [(s, c, ar.to_date(f), ar.to_date(t)) for s, c, f, t in cr.fetchall()]

        # 2. the classes and their labels
        class_ids = sorted({e[1] for e in enrollments})
        cr.execute("""
            SELECT c.id, c.company_id, c.name, c.grade_sequence, c.letter, c.kind, c.class_teacher_id
              FROM kz_edu_class c WHERE c.id IN %s""", (tuple(class_ids) or (0,),))
        classes = {cid: {'company': company, 'name': name or '', 'teacher_id': teacher,
                         'order': (kind != 'class', grade or 0, letter or name or '')}
                   for cid, company, name, grade, letter, kind, teacher in cr.fetchall()}

        # 3. per student and day the first entry and the last exit (UTC), the record rules of the reader applied
        tzs = {c.id: pytz.timezone(c.kz_timezone or 'Asia/Almaty')
               for c in self.env['res.company'].sudo().browse(list(company_ids))}
        student_ids = sorted({e[0] for e in enrollments})
        ev_sub, ev_params = self._rule_ids_sql('kz.edu.access.event', [
            ('company_id', 'in', list(company_ids)), ('local_date', '>=', day_from), ('local_date', '<=', day_to),
            ('state', '=', 'accepted'), ('student_id', 'in', student_ids or [0])])
        cr.execute("""
            SELECT e.student_id, e.company_id, e.local_date, %s
              FROM kz_edu_access_event e WHERE e.id IN (%s)
             GROUP BY e.student_id, e.company_id, e.local_date""" % (access_rules.day_bounds_sql('e'), ev_sub),
                   ev_params)
        student_days = [(s, ar.to_date(day), self._local(t_in, tzs[company]), self._local(t_out, tzs[company]))
                        for s, company, day, t_in, t_out in cr.fetchall()]

        # 4. the staff: the active employees of the schools (hr_attendance gives each a badge ID), and any other
        # employee whose badge was used this month
        include_staff = self._may_read_staff()
        staff, staff_days = [], []
        if include_staff:
            st_sub, st_params = self._rule_ids_sql('kz.edu.access.event', [
                ('company_id', 'in', list(company_ids)), ('local_date', '>=', day_from),
                ('local_date', '<=', day_to), ('state', '=', 'staff')])
            cr.execute("""
                SELECT e.employee_id, e.company_id, e.local_date, %s
                  FROM kz_edu_access_event e WHERE e.id IN (%s)
                 GROUP BY e.employee_id, e.company_id, e.local_date""" % (access_rules.day_bounds_sql('e'), st_sub),
                       st_params)
            rows = cr.fetchall()
            staff_days = [(emp, ar.to_date(day), self._local(t_in, tzs[company]), self._local(t_out, tzs[company]))
                          for emp, company, day, t_in, t_out in rows]
            # the list of staff is not personal data beyond what the events show; the reader has the event rights
            Employee = self.env['hr.employee'].sudo()
            employees = Employee.search([('company_id', 'in', list(company_ids))])
            employees |= Employee.browse(list({r[0] for r in rows})).filtered(lambda e: e.company_id.id in company_ids)
            staff = [(e.id, e.company_id.id) for e in employees]
            staff_names = {('staff', e.id): e.name or '' for e in employees}
        else:
            staff_names = {}

        # 5. the school calendar: the dates on which each school recorded any event. Only dates, no person: read
        # without the reader's rules, so a class teacher's school days are the director's (the companies were
        # already limited to those the reader may see).
        cr.execute("""
            SELECT company_id, local_date FROM kz_edu_access_event
             WHERE company_id IN %s AND local_date BETWEEN %s AND %s
             GROUP BY company_id, local_date""", (tuple(company_ids) or (0,), day_from, day_to))
        event_dates = {}
        for company, day in cr.fetchall():
            event_dates.setdefault(company, []).append(ar.to_date(day))

        # names: students through search (their record rules), at most a school's contingent
        Student = self.env['kz.edu.student'].with_context(active_test=False)
        names = {('student', s['id']): s['name'] or '' for s in
                 Student.search([('id', 'in', student_ids)]).read(['name'])}
        names.update(staff_names)
        res = ar.monthly_attendance(first, company_ids, classes, enrollments, student_days, staff, staff_days,
                                    event_dates, names=names, include_staff=include_staff)
        return self._labels(res, classes, names)

    def _labels(self, res, classes, names):
        """Adds the names and the printed day headers to the result of attendance_report.monthly_attendance."""
        companies = {c.id: c.name
                     for c in self.env['res.company'].sudo().browse([s['company'] for s in res['schools']])}
        for school in res['schools']:
            school['name'] = companies.get(school['company'], '')
            school['day_labels'] = [ar.format_day(d) for d in school['days']]
            for row in school['classes']:
                row['name'] = classes[row['class']]['name']
                row['total']['rate'] = ar.attendance_rate(row['total']['present'], row['total']['enrolled'])
            school['total']['rate'] = ar.attendance_rate(school['total']['present'], school['total']['enrolled'])
            for row in school['register']:
                row['name'] = names.get(('student', row['student']), '')
                row['class_name'] = classes[row['class']]['name']
            for row in school['staff_register']:
                row['name'] = names.get(('staff', row['employee']), '')
        res['total']['rate'] = ar.attendance_rate(res['total']['present'], res['total']['enrolled'])
        res['has_staff'] = any(s['staff'] is not None for s in res['schools'])
        return res

    # ------------------------------------------------------------------------------------------------ sending

    @api.model
    def _school_lang(self, company):
        """The language of the letter and the files: Russian for a Russian-language school, else Kazakh."""
        code = 'ru_RU' if company.kz_instruction_lang == 'ru' else 'kk_KZ'
        if not self.env['res.lang'].search_count([('code', '=', code)]):
            code = 'kk_KZ' if code != 'kk_KZ' and self.env['res.lang'].search_count([('code', '=', 'kk_KZ')]) \
                else 'en_US'
        return code

    @api.model
    def _sent_attachment_name(self, company, month, ext):
        return SENT_NAME % (company.id, month.year, month.month, ext)

    @api.model
    def _already_sent(self, company, month):
        return bool(self.env['ir.attachment'].sudo().search_count([
            ('res_model', '=', 'res.company'), ('res_id', '=', company.id),
            ('name', '=', self._sent_attachment_name(company, month, 'xlsx'))]))

    @api.model
    def _cron_send_monthly_reports(self, today=None):
        """Daily: from the 1st to the 5th, send the last month's report (XLSX and PDF) of every school with an
        education authority e-mail that has not received it yet (HSC-13). The files stay attached to the
        school (ir.attachment on res.company), which is also the record that the month was sent."""
        today = ar.to_date(today) if today else self._today()
        if today.day > LAST_SENDING_DAY:
            return 0
        month = ar.previous_month(today)
        schools = self.env['res.company'].sudo().search([('kz_authority_email', '!=', False)])
        sent = 0
        for school in schools:
            if self._already_sent(school, month):
                continue
            try:
                with self.env.cr.savepoint():
                    self.sudo().with_context(lang=self._school_lang(school))._send_monthly_report(school, month)
                sent += 1
            except Exception:     # one school's failure must not stop the others; the next run tries again
                _logger.exception('Monthly attendance report of %s for %s not sent', school.name,
                                  ar.format_month(month))
        return sent

    @api.model
    def _send_monthly_report(self, school, month):
        """Render the month's XLSX and PDF of ``school`` in the context's language and queue them to its
        education authority (mail.mail, sent by the mail queue)."""
        wizard = self.create({'month': fields.Date.to_string(month), 'company_ids': [(6, 0, school.ids)],
                              'company_id': school.id, 'with_register': True})
        xlsx = self.env.ref(XLSX_REPORT).render_xlsx(wizard.ids, None)[0]
        pdf = self.env.ref(PDF_REPORT).render_qweb_pdf(wizard.ids)[0]
        Attachment = self.env['ir.attachment']
        attachments = Attachment.browse()
        for ext, content, mimetype in (
                ('xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
                ('pdf', pdf, 'application/pdf')):
            name = self._sent_attachment_name(school, month, ext)
            attachments |= Attachment.create({
                'name': name, 'datas_fname': name, 'datas': base64.b64encode(content), 'mimetype': mimetype,
                'res_model': 'res.company', 'res_id': school.id,
                'description': _('Monthly attendance report sent to %s') % school.kz_authority_email,
            })
        period = ar.format_month(month)
        mail = self.env['mail.mail'].create({
            'subject': _('Attendance report of %s for %s') % (school.name, period),
            'body_html': '<p>%s</p><p>%s</p>' % (
                _('The monthly report on the attendance of %s for %s (entry and exit by card, number of '
                  'students and staff) is attached in Excel and PDF.') % (school.name, period),
                _('Sent automatically by the school information system.')),
            'email_from': school.email or school.parent_id.email or self.env.user.email or False,
            'email_to': school.kz_authority_email,
            'attachment_ids': [(6, 0, attachments.ids)],
            'auto_delete': False,
        })
        wizard.unlink()
        return mail
