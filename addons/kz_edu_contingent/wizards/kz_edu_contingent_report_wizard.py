"""Contingent reports (ACC-14, SEC-06): the wizard that asks what to print and the ORM layer that fetches the rows.

The counting rules are in ../movement_report.py (pure Python, tested without a database). This layer fetches plain
rows with a handful of set-based queries, never record by record: each query selects from its table the ids that
Odoo's own query builder allows (``_where_calc`` + ``_apply_ir_rules``: the domain and the record rules of the
reading user, as ``search`` would apply them) and groups the rows in PostgreSQL. The ORM alternative would load
every class-history record of a city (100 000 and more) into the cache before counting; these queries take about
half a second for 150 schools and 100 000 students on the 2-core reference machine
(tests/benchmarks/bench_contingent_report.py).
"""
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import movement_report as mr

REPORT_KINDS = [
    ('movement', 'Movement of students'),
    ('social', 'Students by social category'),
    ('class_list', 'Class lists'),
    ('nobd', 'Contingent export for NOBD'),
]

# report kind -> (XLSX action, PDF action) xml ids
REPORT_ACTIONS = {
    'movement': ('kz_edu_contingent.kz_edu_contingent_movement_xlsx', 'kz_edu_contingent.kz_edu_contingent_movement_pdf'),
    'social': ('kz_edu_contingent.kz_edu_contingent_social_xlsx', 'kz_edu_contingent.kz_edu_contingent_social_pdf'),
    'class_list': ('kz_edu_contingent.kz_edu_contingent_class_list_xlsx',
                   'kz_edu_contingent.kz_edu_contingent_class_list_pdf'),
    'nobd': ('kz_edu_contingent.kz_edu_contingent_nobd_xlsx', None),
}


class KzEduContingentReportWizard(models.TransientModel):
    _name = 'kz.edu.contingent.report.wizard'
    _description = 'Contingent report'

    def _default_company_ids(self):
        # the user's organisation and, for an education department, all its schools
        return self.env['res.company'].search([('id', 'child_of', self.env.user.company_id.ids)])

    def _default_date_from(self):
        # the last finished month: the usual monthly report
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string((today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1))

    def _default_date_to(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(today.replace(day=1) - datetime.timedelta(days=1))

    report_kind = fields.Selection(REPORT_KINDS, string='Report', required=True, default='movement')
    date_from = fields.Date(string='From', default=_default_date_from)
    date_to = fields.Date(string='To', default=_default_date_to)
    date_on = fields.Date(string='On date', default=fields.Date.context_today)
    company_id = fields.Many2one('res.company', string='Printed by', default=lambda self: self.env.user.company_id)
    company_ids = fields.Many2many('res.company', 'kz_edu_contingent_report_company_rel', 'wizard_id', 'company_id',
                                   string='Organisations', default=_default_company_ids,
                                   help='The schools reported on; a department may choose several or all of its '
                                        'schools.')
    group_school = fields.Boolean(string='By school', default=True)
    group_grade = fields.Boolean(string='By grade')
    group_lang = fields.Boolean(string='By language of instruction')
    group_class = fields.Boolean(string='By class', default=True)
    output = fields.Selection([('xlsx', 'Excel (XLSX)'), ('pdf', 'PDF')], string='Format', required=True,
                              default='xlsx')
    is_preliminary = fields.Boolean(
        string='Preliminary',
        help='Print a report for a period or date not yet finished; it is marked PRELIMINARY.')

    # ------------------------------------------------------------------------------------------------ checks

    def _check_dates(self):
        today = fields.Date.context_today(self)
        for wiz in self:
            if wiz.report_kind == 'movement':
                if not wiz.date_from or not wiz.date_to:
                    raise UserError(_('State the first and the last day of the period.'))
                if wiz.date_to < wiz.date_from:
                    raise UserError(_('The period ends (%s) before it starts (%s).')
                                    % (mr.format_date(wiz.date_to), mr.format_date(wiz.date_from)))
                last = wiz.date_to
            else:
                if not wiz.date_on:
                    raise UserError(_('State the date of the report.'))
                last = wiz.date_on
            if last > today and not wiz.is_preliminary:
                raise UserError(_('The report covers %s, which has not come yet: a report for a month not yet '
                                  'finished can only be printed as preliminary. Tick "Preliminary" to print it '
                                  'marked PRELIMINARY.') % mr.format_date(last))

    def _group_by(self):
        self.ensure_one()
        return tuple(f for f, on in (('company', self.group_school), ('grade', self.group_grade),
                                     ('lang', self.group_lang), ('class', self.group_class)) if on)

    @api.model
    def _allowed_companies(self, companies):
        """The organisations of ``companies`` whose contingent the user may read: the record rules on the class
        history let a user read their own organisation and those below it (SEC-05)."""
        self.env['kz.edu.enrollment'].check_access_rights('read')
        if self.env.uid == 1:
            return companies
        readable = self.env['res.company'].sudo().search([('id', 'child_of', self.env.user.company_id.ids)])
        return companies & readable

    # ------------------------------------------------------------------------------------------------ actions

    @api.multi
    def action_print(self):
        self.ensure_one()
        self._check_dates()
        if not self._allowed_companies(self.company_ids):
            raise UserError(_('Choose at least one organisation whose students you may see.'))
        xlsx, pdf = REPORT_ACTIONS[self.report_kind]
        xml_id = pdf if self.output == 'pdf' and pdf else xlsx
        return self.env.ref(xml_id).report_action(self, config=False)

    @api.multi
    def report_data(self):
        """Everything a report of this wizard shows, ready for the XLSX and PDF renderers."""
        self.ensure_one()
        self._check_dates()
        companies = self._allowed_companies(self.company_ids)
        if not companies:
            raise UserError(_('Choose at least one organisation whose students you may see.'))
        if self.report_kind == 'movement':
            data = self.movement_report(companies.ids, self.date_from, self.date_to, self._group_by())
            data['period'] = _('from %s to %s') % (mr.format_date(self.date_from), mr.format_date(self.date_to))
        elif self.report_kind == 'social':
            data = self.social_report(companies.ids, self.date_on, self._group_by())
            data['period'] = _('on %s') % mr.format_date(self.date_on)
        elif self.report_kind == 'class_list':
            data = self.class_list_report(companies.ids, self.date_on)
            data['period'] = _('on %s') % mr.format_date(self.date_on)
        else:
            data = self.nobd_report(companies.ids, self.date_on)
            data['period'] = _('on %s') % mr.format_date(self.date_on)
        data.update({
            'kind': self.report_kind,
            'title': dict(self._fields['report_kind']._description_selection(self.env))[self.report_kind],
            'preliminary': self.is_preliminary,
            'companies': [c.name for c in companies.sorted('name')],
        })
        return data

    # ------------------------------------------------------------------------------------------------ queries

    @api.model
    def _rule_ids_sql(self, model_name, domain):
        """(SQL selecting the ids of ``model_name`` matching ``domain`` that the user may read, params).

        The same query builder as ``search`` (domain, record rules); the from and where clauses come from Odoo,
        the values travel as parameters."""
        Model = self.env[model_name]
        Model.check_access_rights('read')
        query = Model._where_calc(domain, active_test=False)
        Model._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        return ('SELECT "%s".id FROM %s WHERE %s' % (Model._table, from_clause, where_clause or 'TRUE'),
                list(params))

    @api.model
    def _fetch_classes(self, company_ids, day_from, day_to, extra_ids=()):
        """{class_id: info} for the classes of ``company_ids`` whose academic year overlaps [day_from, day_to],
        and those of ``extra_ids``."""
        sub, params = self._rule_ids_sql('kz.edu.class', [
            ('company_id', 'in', list(company_ids)), '|', ('id', 'in', list(extra_ids) or [0]), '&',
            ('academic_year_id.date_start', '<=', fields.Date.to_string(day_to)),
            ('academic_year_id.date_end', '>=', fields.Date.to_string(day_from))])
        self.env.cr.execute("""
            SELECT c.id, c.company_id, c.grade_sequence, c.name, c.instruction_lang, c.letter, c.shift, c.kind,
                   y.date_start, y.name, c.class_teacher_id, c.grade_id
              FROM kz_edu_class c JOIN kz_edu_academic_year y ON y.id = c.academic_year_id
             WHERE c.id IN (%s)""" % sub, params)
        classes = {}
        for (cid, company, grade, name, lang, letter, shift, kind, year_start, year_name, teacher,
             grade_id) in self.env.cr.fetchall():
            classes[cid] = {
                'company': company, 'grade': grade if kind == 'class' else None, 'lang': lang, 'name': name,
                'letter': letter, 'shift': shift, 'year_start': mr.to_date(year_start), 'year_name': year_name,
                'teacher_id': teacher, 'grade_id': grade_id,
                'order': (company, year_start, kind != 'class', grade or 0, letter or name or '', cid),
            }
        return classes

    @api.model
    def _fetch_enrollments(self, company_ids, day_from, day_to):
        """Class history rows (class_id, date_from, date_to, count) of stays overlapping [day_from, day_to]."""
        sub, params = self._rule_ids_sql('kz.edu.enrollment', [
            ('company_id', 'in', list(company_ids)), ('date_from', '<=', str(day_to)),
            '|', ('date_to', '=', False), ('date_to', '>=', str(day_from))])
        self.env.cr.execute("""
            SELECT class_id, date_from, date_to, count(*) FROM kz_edu_enrollment
             WHERE id IN (%s) GROUP BY class_id, date_from, date_to""" % sub, params)
        return self.env.cr.fetchall()

    @api.model
    def _complete_classes(self, classes, company_ids, class_ids, day_from, day_to):
        missing = set(class_ids) - set(classes) - {None}
        if missing:
            classes.update(self._fetch_classes(company_ids, day_from, day_to, extra_ids=missing))
        return classes

    def _group_label(self, classes, field, value, companies, langs):
        if field == 'company':
            return companies.get(value, '')
        if field == 'grade':
            return '' if value is None else str(value)
        if field == 'lang':
            return langs.get(value, value or '')
        info = classes.get(value, {})
        return '%s (%s)' % (info.get('name') or '', info.get('year_name') or '')

    def _group_headers(self, group_by):
        names = {'company': _('School'), 'grade': _('Grade'), 'lang': _('Language of instruction'),
                 'class': _('Class')}
        return [names[f] for f in group_by]

    def _label_maps(self, company_ids):
        companies = {c.id: c.name for c in self.env['res.company'].sudo().browse(list(company_ids))}
        langs = dict(self.env['kz.edu.class']._fields['instruction_lang']._description_selection(self.env))
        return companies, langs

    @api.model
    def movement_report(self, company_ids, date_from, date_to, group_by=('company',)):
        """The movement of students of ``company_ids`` over [date_from, date_to] (ACC-14) as a dict of rows ready
        to print: three queries (classes, class history, confirmed movement lines), counted by movement_report."""
        start, end = mr.to_date(date_from), mr.to_date(date_to)
        eve = start - mr.ONE_DAY
        classes = self._fetch_classes(company_ids, eve, end)
        enrollments = self._fetch_enrollments(company_ids, eve, end)
        promoted_into = [cid for cid, c in classes.items() if c['year_start'] and start <= c['year_start'] <= end]
        sub, params = self._rule_ids_sql('kz.edu.movement.line', [
            ('state', '=', 'done'), ('company_id', 'in', list(company_ids)),
            '|', '&', '&', ('kind', '!=', 'promotion'), ('date', '>=', str(start)), ('date', '<=', str(end)),
            '&', ('kind', '=', 'promotion'), ('to_class_id', 'in', promoted_into or [0])])
        self.env.cr.execute("""
            SELECT kind, date, from_class_id, to_class_id, reason_id, count(*) FROM kz_edu_movement_line
             WHERE id IN (%s) GROUP BY kind, date, from_class_id, to_class_id, reason_id""" % sub, params)
        moves = self.env.cr.fetchall()
        self._complete_classes(classes, company_ids, [e[0] for e in enrollments] + [m[2] for m in moves] +
                               [m[3] for m in moves], eve, end)
        res = mr.movement(enrollments, moves, classes, start, end, group_by=tuple(group_by))

        Reason = self.env['kz.edu.movement.reason'].with_context(active_test=False)
        arrival_ids = Reason.search([('kind', '=', 'arrival'), ('active', '=', True)]).ids
        departure_ids = Reason.search([('kind', '=', 'departure'), ('active', '=', True)]).ids
        arrival_ids += [r for r in res['arrival_reasons'] if r not in arrival_ids]
        departure_ids += [r for r in res['departure_reasons'] if r not in departure_ids]
        names = {r.id: r.name for r in Reason.browse([r for r in arrival_ids + departure_ids if r])}
        names[None] = _('Reason not stated')
        companies, langs = self._label_maps(company_ids)

        def row(g, labels):
            return {
                'labels': labels, 'start': g['start'], 'arrived': g['arrived'],
                'arrived_by_reason': [g['arrived_by_reason'].get(r, 0) for r in arrival_ids],
                'left': g['left'], 'left_by_reason': [g['left_by_reason'].get(r, 0) for r in departure_ids],
                'internal_in': g['internal_in'], 'internal_out': g['internal_out'], 'end': g['end'],
                'expected_end': g['expected_end'], 'difference': g['difference'], 'balanced': g['balanced'],
            }
        rows = self._rows_with_subtotals(res, row, classes, group_by, companies, langs)
        total_labels = [_('Total')] + [''] * (len(group_by) - 1) if group_by else [_('Total')]
        return {
            'group_headers': self._group_headers(group_by) or [''],
            'arrival_reasons': [names[r] for r in arrival_ids],
            'departure_reasons': [names[r] for r in departure_ids],
            'rows': rows,
            'total': row(res['total'], total_labels),
            'balanced': res['balanced'],
            'raw': res,
        }

    @api.model
    def social_report(self, company_ids, date_on, group_by=('company',)):
        """Students present on ``date_on`` by social category in force that day (SEC-06: counts, no names)."""
        day = mr.to_date(date_on)
        classes = self._fetch_classes(company_ids, day, day)
        enrollments = self._fetch_enrollments(company_ids, day, day)
        soc_sub, soc_params = self._rule_ids_sql('kz.edu.student.social', [
            ('company_id', 'in', list(company_ids)), ('date_from', '<=', str(day)),
            '|', ('date_to', '=', False), ('date_to', '>=', str(day))])
        enr_sub, enr_params = self._rule_ids_sql('kz.edu.enrollment', [
            ('company_id', 'in', list(company_ids)), ('date_from', '<=', str(day)),
            '|', ('date_to', '=', False), ('date_to', '>=', str(day))])
        self.env.cr.execute("""
            SELECT s.student_id, e.class_id, s.category_id, s.date_from, s.date_to
              FROM kz_edu_student_social s JOIN kz_edu_enrollment e ON e.student_id = s.student_id
             WHERE s.id IN (%s) AND e.id IN (%s)""" % (soc_sub, enr_sub), soc_params + enr_params)
        rows = self.env.cr.fetchall()
        self._complete_classes(classes, company_ids, [e[0] for e in enrollments] + [r[1] for r in rows], day, day)
        res = mr.social_counts(rows, enrollments, classes, day, group_by=tuple(group_by))
        Category = self.env['kz.edu.social.category'].with_context(active_test=False)
        cat_ids = Category.search([('active', '=', True)]).ids
        cat_ids += [c for c in res['categories'] if c not in cat_ids]
        cats = Category.browse(cat_ids)
        companies, langs = self._label_maps(company_ids)

        def row(g, labels):
            return {'labels': labels, 'students': g['students'], 'any': g['any'],
                    'by_category': [g['by_category'].get(c, 0) for c in cat_ids]}
        total_labels = [_('Total')] + [''] * (len(group_by) - 1) if group_by else [_('Total')]
        return {
            'group_headers': self._group_headers(group_by) or [''],
            'categories': [c.name for c in cats],
            'rows': self._rows_with_subtotals(res, row, classes, group_by, companies, langs),
            'total': row(res['total'], total_labels),
            'raw': res,
        }

    def _rows_with_subtotals(self, res, row, classes, group_by, companies, langs):
        """The printed rows: each group, and after a school's groups its subtotal (when the report splits the
        schools further), marked ``subtotal`` for the renderers (issue #13.14)."""
        rows = []
        for g, is_subtotal in mr.with_subtotals(res['groups'], res.get('subtotals')):
            if is_subtotal:
                school = self._group_label(classes, 'company', g['key'][0], companies, langs)
                r = row(g, [_('Total: %s') % school] + [''] * (len(group_by) - 1))
            else:
                r = row(g, [self._group_label(classes, f, v, companies, langs) for f, v in zip(group_by, g['key'])])
            r['subtotal'] = is_subtotal
            rows.append(r)
        return rows

    def _students_present(self, company_ids, day):
        """(classes, students): the students present on ``day`` that the user may read, one read for all."""
        classes = self._fetch_classes(company_ids, day, day)
        sub, params = self._rule_ids_sql('kz.edu.enrollment', [
            ('company_id', 'in', list(company_ids)), ('date_from', '<=', str(day)),
            '|', ('date_to', '=', False), ('date_to', '>=', str(day))])
        self.env.cr.execute('SELECT student_id, class_id FROM kz_edu_enrollment WHERE id IN (%s)' % sub, params)
        class_of = dict(self.env.cr.fetchall())
        self._complete_classes(classes, company_ids, class_of.values(), day, day)
        Student = self.env['kz.edu.student']
        # search() applies the student rules (a class teacher sees their own classes only)
        students = Student.search([('id', 'in', list(class_of))])
        wanted = ['name', 'kz_patronymic', 'student_number', 'admission_date', 'kz_iin', 'kz_iin_birth_date', 'kz_iin_sex']
        readable = [f for f in wanted if not Student._fields[f].groups
                    or self.user_has_groups(Student._fields[f].groups)]
        rows = students.read(readable)
        social = {}
        if rows:
            soc_sub, soc_params = self._rule_ids_sql('kz.edu.student.social', [
                ('student_id', 'in', students.ids), ('date_from', '<=', str(day)),
                '|', ('date_to', '=', False), ('date_to', '>=', str(day))])
            self.env.cr.execute("""
                SELECT s.student_id, c.code, c.name FROM kz_edu_student_social s
                  JOIN kz_edu_social_category c ON c.id = s.category_id
                 WHERE s.id IN (%s) ORDER BY c.sequence""" % soc_sub, soc_params)
            for student_id, code, _name in self.env.cr.fetchall():
                social.setdefault(student_id, []).append(code)
        for r in rows:
            r['class_id'] = class_of[r['id']]
            r['social_codes'] = social.get(r['id'], [])
        return classes, rows, 'kz_iin' in readable

    @api.model
    def class_list_report(self, company_ids, date_on):
        """The class lists on ``date_on``: one block per class, students by name (dates 'YYYY-MM-DD')."""
        day = mr.to_date(date_on)
        classes, rows, has_iin = self._students_present(company_ids, day)
        companies, langs = self._label_maps(company_ids)
        Teacher = self.env['hr.employee'].sudo()
        teachers = {t.id: t.name for t in Teacher.browse(
            list({c['teacher_id'] for c in classes.values() if c['teacher_id']}))}
        shifts = dict(self.env['kz.edu.class']._fields['shift']._description_selection(self.env))
        blocks = []
        for class_id, students in mr.class_list_rows(rows, classes):
            info = classes[class_id]
            blocks.append({
                'school': companies.get(info['company'], ''),
                'name': info['name'], 'year': info['year_name'], 'lang': langs.get(info['lang'], ''),
                'shift': shifts.get(info['shift'], ''), 'teacher': teachers.get(info['teacher_id'], ''),
                'count': len(students),
                'students': [{
                    'no': s['no'], 'name': s['name'], 'iin': s.get('kz_iin') or '',
                    'birth_date': s.get('kz_iin_birth_date') or '',
                    'number': s.get('student_number') or '',
                    'admission_date': s.get('admission_date') or '',
                } for s in students],
            })
        return {'classes': blocks, 'has_iin': has_iin, 'total': sum(b['count'] for b in blocks)}

    @api.model
    def nobd_report(self, company_ids, date_on):
        """The НОБД contingent export on ``date_on`` (layout: movement_report.NOBD_COLUMNS, our design)."""
        day = mr.to_date(date_on)
        classes, rows, has_iin = self._students_present(company_ids, day)
        if not has_iin:
            raise UserError(_('The NOBD export contains IINs, which you are not allowed to read.'))
        bins = {c.id: c.kz_bin or '' for c in self.env['res.company'].sudo().browse(list(company_ids))}
        students = []
        for s in rows:
            info = classes[s['class_id']]
            students.append({
                'iin': s.get('kz_iin'), 'name': s['name'], 'patronymic': s.get('kz_patronymic'),
                'birth_date': s.get('kz_iin_birth_date'), 'sex': s.get('kz_iin_sex'), 'grade': info['grade'],
                'letter': info['letter'], 'instruction_lang': info['lang'], 'shift': info['shift'],
                'admission_date': s.get('admission_date'), 'social_codes': s['social_codes'],
                'school_bin': bins.get(info['company'], ''),
            })
        labels = {
            'iin': _('IIN'), 'surname': _('Surname'), 'given_name': _('Given name'), 'patronymic': _('Patronymic'),
            'birth_date': _('Birth date'), 'sex': _('Sex'), 'grade': _('Grade'), 'letter': _('Class letter'),
            'instruction_lang': _('Language of instruction'), 'shift': _('Shift'),
            'admission_date': _('Admission date'), 'social_categories': _('Social categories'),
            'school_bin': _('School BIN'),
        }
        return {
            'columns': [(labels[key], width, kind) for key, width, kind in mr.NOBD_COLUMNS],
            'rows': mr.nobd_rows(students),
        }
