"""Import of the students of one school from an XLSX workbook, with a row-by-row error report (ACC-14).

The rules of a row live in ../contingent_import.py (pure Python, unit-tested without Odoo); this wizard adds what
only the database knows, then writes the good rows set-based. Odoo 11 creates records one at a time (about 90 ms a
partner here, 20-40 ms a student, guardian, order line or enrollment with their constraints and tracking): 3 000
students with their parents through create() take 10-15 minutes. Every table is therefore written with one
parametrised INSERT per 1 000 rows (kz_edu_base/bulk_sql.py), with Odoo's own defaults (default_get), the audit
columns and the stored computed/related columns filled in by the insert itself; about 5 s for 3 000 students.

A row is imported entirely or not at all: every row is validated first (file rules, then database rules), then the
good rows are inserted in one savepoint of the request's transaction; the admission order is created confirmed.
"""
import base64
import logging
import os

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.bulk_sql import insert_records, insert_rows
from odoo.addons.kz_edu_base.internal import internal_context
from odoo.addons.kz_edu_base.models.kz_iin_mixin import iin_error_message

from .. import contingent_import as ci

_logger = logging.getLogger(__name__)

DEFAULT_REASON_CODE = 'IN_DISTRICT'
# database rules (message keys, translated in _error_texts like the file rules)
E_DB_REGISTERED = 'The IIN %(iin)s is already registered in the database (in this or another organisation).'
E_DB_ENROLLED = 'The IIN %(iin)s is already registered: the student is already enrolled in class %(class)s.'
E_DB_PARENT_OTHER = ('The parent IIN %(iin)s is already registered for a person of another organisation: '
                     'the school office of that organisation can add them.')
E_DB_PARENT_NAME = 'The parent %(iin)s is not in the database yet: give their name.'
E_DB_GRADE = 'Grade %(value)s does not exist in the list of grades.'
PARTNER_LANGS = {'kk': 'kk_KZ', 'ru': 'ru_RU', 'en': 'en_US'}


class KzEduStudentImport(models.TransientModel):
    """Import students with their parents from Excel (ACC-14): the good rows are admitted by one confirmed
    admission order, the refused rows come back in an error workbook, to be corrected and imported again."""
    _name = 'kz.edu.student.import'
    _description = 'Import of students from Excel'

    def _default_academic_year(self):
        return self.env['kz.edu.academic.year'].for_date(fields.Date.context_today(self))

    company_id = fields.Many2one('res.company', string='School', required=True,
                                 default=lambda self: self.env.user.company_id,
                                 domain=lambda self: [('id', 'in', self.env.user.company_ids.ids)])
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True,
                                       default=_default_academic_year)
    date = fields.Date(string='Admission date', required=True, default=fields.Date.context_today,
                       help='Date of the admission order, and admission date of the rows that do not give one.')
    file = fields.Binary(string='File (.xlsx)', attachment=False)
    filename = fields.Char(string='File name')
    state = fields.Selection([('draft', 'To import'), ('done', 'Imported')], default='draft', readonly=True)
    imported_count = fields.Integer(string='Students imported', readonly=True)
    refused_count = fields.Integer(string='Rows refused', readonly=True)
    parent_count = fields.Integer(string='New parents', readonly=True)
    class_count = fields.Integer(string='Classes created', readonly=True)
    order_id = fields.Many2one('kz.edu.movement.order', string='Admission order', readonly=True)
    error_file = fields.Binary(string='Error report', readonly=True, attachment=False)
    error_filename = fields.Char(readonly=True)
    template_file = fields.Binary(string='Template', readonly=True, attachment=False)
    template_filename = fields.Char(readonly=True)

    # ------------------------------------------------------------------------------------------------ actions
    @api.multi
    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_('Choose the Excel file (.xlsx) to import.'))
        res = self._import_file(base64.b64decode(self.file))
        base_name = os.path.splitext(self.filename or 'students')[0]
        self.write({
            'state': 'done', 'imported_count': res['imported'], 'refused_count': res['refused'],
            'parent_count': res['parents_created'], 'class_count': res['classes_created'],
            'order_id': res['order'].id,
            'error_file': base64.b64encode(res['error_report']) if res['error_report'] else False,
            'error_filename': ('%s - %s.xlsx' % (base_name, _('errors'))) if res['error_report'] else False,
        })
        return self._reopen()

    @api.multi
    def action_download_template(self):
        self.ensure_one()
        data = ci.write_template(
            self.env['kz.edu.social.category'].search([]).mapped('code'),
            self.env['kz.edu.allergen'].search([]).mapped('code'),
            self.env['kz.edu.movement.reason'].search([('kind', '=', 'arrival')]).mapped('code'))
        self.write({'template_file': base64.b64encode(data),
                    'template_filename': '%s.xlsx' % _('students_import_template')})
        return {'type': 'ir.actions.act_url', 'target': 'self',
                'url': '/web/content/?model=%s&id=%d&field=template_file&filename_field=template_filename'
                       '&download=true' % (self._name, self.id)}

    @api.multi
    def action_open_order(self):
        self.ensure_one()
        return {'type': 'ir.actions.act_window', 'res_model': 'kz.edu.movement.order', 'view_mode': 'form',
                'res_id': self.order_id.id}

    def _reopen(self):
        return {'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': self.id, 'view_mode': 'form',
                'target': 'new', 'name': _('Import students')}

    # ------------------------------------------------------------------------------------------ the import
    def _check_import_rights(self):
        user = self.env.user
        if not user.has_group('kz_edu_base.group_deputy_director'):
            raise AccessError(_('Only a deputy director may import students.'))
        allowed = self.env['res.company'].search([('id', 'child_of', user.company_id.id)]) & user.company_ids
        if self.company_id not in allowed:
            raise AccessError(_('You may import students only into your own organisation.'))

    @api.multi
    def _import_file(self, data):
        """Validate the workbook `data` (bytes), insert the good rows, build the error report.
        Return {'imported', 'refused', 'parents_created', 'classes_created', 'order', 'student_ids',
        'errors' {row: [(key, params)]}, 'error_report' (bytes or None)}."""
        self.ensure_one()
        self._check_import_rights()
        formatter = self._error_formatter()
        try:
            sheet = ci.read_workbook(data)
        except ci.ImportFileError as exc:
            raise UserError(formatter(exc.key, exc.params))
        ref = self._reference_data()
        year = self.academic_year_id
        if not year.date_start <= self.date <= year.date_end:
            raise UserError(_('The admission date %s is outside the academic year %s.') % (self.date, year.name))
        if self.date > fields.Date.context_today(self):
            raise UserError(_('The admission date %s is in the future.') % self.date)
        checked = ci.validate_sheet(
            sheet, category_codes=list(ref['categories']), allergen_codes=list(ref['allergens']),
            reason_codes=list(ref['reasons']), today=fields.Date.from_string(fields.Date.context_today(self)),
            default_date=fields.Date.from_string(self.date),
            default_lang=self.company_id.kz_instruction_lang or 'kk',
            year_bounds=(fields.Date.from_string(year.date_start), fields.Date.from_string(year.date_end),
                         year.name))
        good, bad = checked['good'], dict(checked['bad'])
        good, parents = self._check_database(good, bad, ref)
        res = {'imported': 0, 'parents_created': 0, 'classes_created': 0, 'student_ids': [],
               'order': self.env['kz.edu.movement.order']}
        if good:
            try:
                with self.env.cr.savepoint():  # all the good rows or none of them
                    res.update(self._insert(good, parents, ref))
            except psycopg2.IntegrityError:
                # only a concurrent import or entry of the same people gets here: the checks above ran first
                _logger.exception('student import into %s failed', self.company_id.name)
                raise UserError(_('Some of these people were registered by someone else during the import: '
                                  'nothing was imported. Import the file again.'))
        res['refused'] = len(bad)
        res['errors'] = bad
        res['error_report'] = ci.write_error_report(
            sheet, bad, error_title=_('Error'), formatter=formatter) if bad else None
        _logger.info('student import into %s: %d imported, %d refused', self.company_id.name, res['imported'],
                     res['refused'])
        return res

    def _reference_data(self):
        grades = {g.sequence: g.id for g in self.env['kz.edu.grade'].search([])}
        reasons = {r.code.upper(): r.id for r in self.env['kz.edu.movement.reason'].search([('kind', '=', 'arrival')])}
        if DEFAULT_REASON_CODE not in reasons:
            raise UserError(_('The admission reason %s is missing or archived: restore it under Configuration.')
                            % DEFAULT_REASON_CODE)
        return {
            'grades': grades, 'reasons': reasons,
            'categories': {c.code.upper(): c.id for c in self.env['kz.edu.social.category'].search([])},
            'allergens': {a.code.upper(): a.id for a in self.env['kz.edu.allergen'].search([])},
        }

    def _check_database(self, good, bad, ref):
        """The rules only the database knows. Move refused rows from `good` into `bad`; return the good rows
        and {parent IIN: existing partner id or None}."""
        cr = self.env.cr
        iins = [rec['iin'] for _row, rec in good]
        registered = {}
        if iins:
            # sudo-level SQL on purpose: an IIN of any organisation counts; the message does not say which
            cr.execute("""
                SELECT p.kz_iin, s.company_id, s.state, c.name
                  FROM res_partner p
                  LEFT JOIN kz_edu_student s ON s.partner_id = p.id
                  LEFT JOIN kz_edu_class c ON c.id = s.class_id
                 WHERE p.kz_iin IN %s""", (tuple(iins),))
            for iin, company_id, state, class_name in cr.fetchall():
                if company_id == self.company_id.id and state == 'enrolled' and class_name:
                    registered[iin] = (E_DB_ENROLLED, {'iin': iin, 'class': class_name})
                else:
                    registered.setdefault(iin, (E_DB_REGISTERED, {'iin': iin}))
        parent_iins = list({rec['parent']['iin'] for _row, rec in good if rec['parent']})
        parents = dict.fromkeys(parent_iins)
        hidden = set()
        if parent_iins:
            cr.execute('SELECT kz_iin, id FROM res_partner WHERE kz_iin IN %s', (tuple(parent_iins),))
            found = dict(cr.fetchall())
            # a parent already known is linked only when this user may see them (record rules of res.partner)
            visible = set(self.env['res.partner'].with_context(active_test=False).search(
                [('id', 'in', list(found.values()))]).ids)
            for iin, pid in found.items():
                if pid in visible:
                    parents[iin] = pid
                else:
                    hidden.add(iin)
        keep = []
        for row, rec in good:
            errors = []
            if rec['iin'] in registered:
                errors.append(registered[rec['iin']])
            if rec['grade'] not in ref['grades']:
                errors.append((E_DB_GRADE, {'value': rec['grade']}))
            parent = rec['parent']
            if parent:
                if parent['iin'] in hidden:
                    errors.append((E_DB_PARENT_OTHER, {'iin': parent['iin']}))
                elif not parents.get(parent['iin']) and not parent['name']:
                    errors.append((E_DB_PARENT_NAME, {'iin': parent['iin']}))
            if errors:
                bad[row] = errors
            else:
                keep.append((row, rec))
        return keep, parents

    def _insert(self, good, parents, ref):
        """Write the good rows; every statement is set-based. `parents`: {IIN: existing partner id or None}."""
        env, cr, company = self.env, self.env.cr, self.company_id
        year = self.academic_year_id
        classes, created = self._find_or_create_classes(good, ref)
        active_langs = set(env['res.lang'].search([]).mapped('code'))

        def partner_lang(class_lang):
            code = PARTNER_LANGS.get(class_lang)
            return code if code in active_langs else None

        # people: students and the parents not yet in the database, one INSERT
        new_parents, phones = [], {}
        for _row, rec in good:
            p = rec['parent']
            if p and p['phone']:
                phones.setdefault(p['iin'], p['phone'])  # siblings' rows: the first phone given counts
        for _row, rec in good:
            p = rec['parent']
            if p and not parents.get(p['iin']) and p['iin'] not in new_parents:
                new_parents.append(p['iin'])
                parents[p['iin']] = {'name': p['name'], 'kz_iin': p['iin'], 'kz_iin_sex': p['sex'],
                                     'kz_iin_birth_date': p['birth_date'], 'phone': phones.get(p['iin']),
                                     'lang': partner_lang(rec['lang'])}
        person_rows = [{'name': rec['name'], 'kz_iin': rec['iin'], 'kz_iin_birth_date': rec['birth_date'],
                        'kz_iin_sex': rec['sex'], 'kz_patronymic': rec['patronymic'], 'phone': rec['phone'],
                        'lang': partner_lang(rec['lang'])} for _row, rec in good]
        person_rows += [parents[iin] for iin in new_parents]
        partner_ids = self._insert_partners(person_rows)
        student_partner_ids = partner_ids[:len(good)]
        for iin, pid in zip(new_parents, partner_ids[len(good):]):
            parents[iin] = pid
        tags = [(env.ref('kz_edu_base.partner_category_student', raise_if_not_found=False), student_partner_ids),
                (env.ref('kz_edu_base.partner_category_parent', raise_if_not_found=False), partner_ids[len(good):])]
        tag_rows = [(pid, tag.id) for tag, pids in tags if tag for pid in pids]
        if tag_rows:
            insert_rows(cr, 'res_partner_res_partner_category_rel', ('partner_id', 'category_id'), tag_rows,
                        on_conflict='DO NOTHING')

        # students, enrolled in their class (related stored columns of the class filled here)
        numbers = self._reserve_student_numbers(len(good))
        student_rows = []
        for (_row, rec), pid, number in zip(good, student_partner_ids, numbers):
            cls = classes[rec['grade'], rec['letter']]
            student_rows.append({
                'partner_id': pid, 'company_id': company.id, 'student_number': number, 'state': 'enrolled',
                'class_id': cls['id'], 'academic_year_id': year.id, 'grade_id': cls['grade_id'],
                'instruction_lang': cls['instruction_lang'], 'admission_date': rec['admission_date']})
        student_ids = insert_records(self.env['kz.edu.student'], student_rows)

        # parents and legal representatives, social categories, allergies
        guardian_rows, social_rows, allergen_rows = [], [], []
        for (_row, rec), sid in zip(good, student_ids):
            p = rec['parent']
            if p:
                guardian_rows.append({
                    'student_id': sid, 'partner_id': parents[p['iin']], 'relation': p['relation'],
                    'is_legal_representative': p['relation'] != 'other', 'company_id': company.id,
                    'notify_by': 'sms' if phones.get(p['iin']) else 'mail', 'sequence': 10})
            for code in rec['social_codes']:
                social_rows.append({'student_id': sid, 'category_id': ref['categories'][code],
                                    'date_from': rec['admission_date'], 'company_id': company.id})
            allergen_rows += [(sid, ref['allergens'][code]) for code in rec['allergen_codes']]
        insert_records(self.env['kz.edu.guardian'], guardian_rows)
        self.env['res.partner']._kz_mark_family([r['partner_id'] for r in student_rows],
                                                [r['partner_id'] for r in guardian_rows])
        insert_records(self.env['kz.edu.student.social'], social_rows)
        if allergen_rows:
            field = env['kz.edu.student']._fields['allergen_ids']
            insert_rows(cr, field.relation, (field.column1, field.column2), allergen_rows, on_conflict='DO NOTHING')

        # one confirmed admission order for the whole import, one line and one class stay per student
        order = self._create_order(len(good), ref)
        line_ids = insert_records(self.env['kz.edu.movement.line'], [{
            'order_id': order.id, 'kind': 'admission', 'state': 'done', 'date': order.date,
            'company_id': company.id, 'student_id': sid, 'to_class_id': classes[rec['grade'], rec['letter']]['id'],
            'reason_id': ref['reasons'][rec['reason_code']] if rec['reason_code'] else order.reason_id.id,
        } for (_row, rec), sid in zip(good, student_ids)])
        insert_records(self.env['kz.edu.enrollment'], [{
            'student_id': sid, 'class_id': classes[rec['grade'], rec['letter']]['id'],
            'date_from': rec['admission_date'], 'order_line_id': lid, 'company_id': company.id,
        } for (_row, rec), sid, lid in zip(good, student_ids, line_ids)])

        for model in ('res.partner', 'kz.edu.student', 'kz.edu.guardian', 'kz.edu.student.social',
                      'kz.edu.movement.order', 'kz.edu.movement.line', 'kz.edu.enrollment', 'kz.edu.class'):
            env[model].invalidate_cache()
        return {'imported': len(student_ids), 'parents_created': len(new_parents), 'classes_created': created,
                'order': order, 'student_ids': student_ids}

    def _find_or_create_classes(self, good, ref):
        """{(grade, letter): {'id', 'grade_id', 'instruction_lang'}}; a missing class is created (ORM: a few
        records) with the language and shift of its first row."""
        Class = self.env['kz.edu.class'].with_context(tracking_disable=True, active_test=False)
        existing = Class.search([('company_id', '=', self.company_id.id),
                                 ('academic_year_id', '=', self.academic_year_id.id), ('kind', '=', 'class')])
        by_key = {(c.grade_id.sequence, (c.letter or '').upper()): c for c in existing}
        out, created = {}, 0
        for _row, rec in good:
            key = (rec['grade'], rec['letter'])
            if key in out:
                continue
            cls = by_key.get(key)
            if not cls:
                cls = Class.create({'company_id': self.company_id.id, 'academic_year_id': self.academic_year_id.id,
                                    'kind': 'class', 'grade_id': ref['grades'][rec['grade']], 'letter': rec['letter'],
                                    'instruction_lang': rec['lang'], 'shift': rec['shift']})
                created += 1
            out[key] = {'id': cls.id, 'grade_id': cls.grade_id.id, 'instruction_lang': cls.instruction_lang}
        return out, created

    def _create_order(self, count, ref):
        """The admission order, created confirmed (its lines are inserted in bulk, already applied)."""
        Order = self.env['kz.edu.movement.order'].with_context(tracking_disable=True, mail_create_nolog=True)
        name = self.env['ir.sequence'].with_context(
            force_company=self.company_id.id, ir_sequence_date=self.date).next_by_code('kz.edu.movement.order')
        # the import is the admission itself (the students were written enrolled above): its order is created
        # confirmed, which only server code may do
        order = Order.with_context(**internal_context(kz_lock_internal=True)).create({
            'name': name or '/', 'kind': 'admission', 'date': self.date, 'company_id': self.company_id.id,
            'reason_id': ref['reasons'][DEFAULT_REASON_CODE], 'state': 'done', 'confirmed_by_id': self.env.uid,
            'note': _('Imported from the file %s: %d students.') % (self.filename or '', count),
        })
        if self.file:  # the file itself stays with the order, as the source of the admission
            self.env['ir.attachment'].create({
                'name': self.filename or 'students.xlsx', 'datas_fname': self.filename or 'students.xlsx',
                'datas': self.file, 'res_model': order._name, 'res_id': order.id})
        return order

    def _reserve_student_numbers(self, count):
        """`count` student numbers from the sequence 'kz.edu.student' (the one next_by_code would use), taken in
        one query when it is a standard PostgreSQL sequence."""
        Sequence = self.env['ir.sequence'].sudo()
        seq = Sequence.search([('code', '=', 'kz.edu.student'), ('company_id', 'in', [self.company_id.id, False])],
                              order='company_id', limit=1)
        if not seq:
            raise UserError(_('The sequence of student numbers is missing.'))
        seq = seq.with_context(force_company=self.company_id.id)
        if seq.implementation == 'standard' and not seq.use_date_range:
            self.env.cr.execute('SELECT nextval(%s::regclass) FROM generate_series(1, %s)',
                                ('ir_sequence_%03d' % seq.id, count))
            prefix, suffix = seq._get_prefix_suffix()
            return ['%s%0*d%s' % (prefix, seq.padding, n, suffix) for n in sorted(r[0] for r in self.env.cr.fetchall())]
        return [seq.next_by_id() for _i in range(count)]

    # ---------------------------------------------------------------------------------------- bulk inserts
    def _insert_partners(self, rows):
        """res.partner persons of the school, with display_name, commercial_partner_id and partner_share as
        create() computes them for a person without parent company."""
        rows = [dict(r, display_name=r['name'], lang=r.get('lang') or None) for r in rows]
        default_lang = self.env['res.partner'].default_get(['lang']).get('lang')
        for r in rows:
            if not r['lang']:
                r['lang'] = default_lang
        ids = insert_records(self.env['res.partner'], rows, extra={
            'company_id': self.company_id.id, 'active': True, 'type': 'contact', 'is_company': False,
            'customer': False, 'supplier': False, 'employee': False, 'partner_share': True})
        self.env.cr.execute('UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s', (tuple(ids),))
        return ids

    # ----------------------------------------------------------------------------------------- messages
    def _error_texts(self):
        """The translated texts of the message keys of contingent_import and of the database rules."""
        return {
            ci.E_IIN_MISSING: _('The IIN is missing.'),
            ci.E_IIN_INVALID: _('Invalid IIN %(iin)s: %(reason)s'),
            ci.E_IIN_DUPLICATE: _('The IIN %(iin)s appears more than once in the file (rows %(rows)s).'),
            ci.E_LAST_NAME: _('The surname is missing.'),
            ci.E_FIRST_NAME: _('The name is missing.'),
            ci.E_GRADE: _('Unknown grade "%(value)s": a grade is a number from 0 to 12.'),
            ci.E_LETTER: _('The class letter is missing.'),
            ci.E_LETTER_LONG: _('The class letter "%(value)s" is too long.'),
            ci.E_LANG: _('Unknown language of instruction "%(value)s".'),
            ci.E_SHIFT: _('Unknown shift "%(value)s": a shift is 1, 2 or 3.'),
            ci.E_DATE: _('The admission date "%(value)s" is not a date.'),
            ci.E_DATE_MISSING: _('The admission date is missing.'),
            ci.E_DATE_FUTURE: _('The admission date %(date)s is in the future.'),
            ci.E_DATE_YEAR: _('The admission date %(date)s is outside the academic year %(year)s.'),
            ci.E_PARENT_IIN: _('Invalid parent IIN %(iin)s: %(reason)s'),
            ci.E_PARENT_IIN_MISSING: _('The parent IIN is missing (a parent is named).'),
            ci.E_PARENT_SELF: _('The parent IIN is the student\'s own IIN.'),
            ci.E_PARENT_IS_STUDENT: _('The parent IIN %(iin)s is the IIN of a student of this file.'),
            ci.E_RELATION: _('Unknown relation "%(value)s".'),
            ci.E_RELATION_MISSING: _('The relation of the parent to the student is missing.'),
            ci.E_CATEGORY: _('Unknown social category code "%(value)s".'),
            ci.E_ALLERGEN: _('Unknown allergen code "%(value)s".'),
            ci.E_REASON: _('Unknown admission reason code "%(value)s".'),
            ci.F_NOT_XLSX: _('The file is not an Excel workbook (.xlsx): %(reason)s'),
            ci.F_EMPTY: _('The first sheet of the workbook is empty.'),
            ci.F_NO_HEADER: _('No header row found: the first sheet must start with the column titles of the '
                              'template.'),
            ci.F_MISSING_COLUMNS: _('Required columns are missing: %(columns)s.'),
            ci.F_NO_ROWS: _('The file has no student rows.'),
            E_DB_REGISTERED: _('The IIN %(iin)s is already registered in the database (in this or another '
                               'organisation).'),
            E_DB_ENROLLED: _('The IIN %(iin)s is already registered: the student is already enrolled in class '
                             '%(class)s.'),
            E_DB_PARENT_OTHER: _('The parent IIN %(iin)s is already registered for a person of another '
                                 'organisation: the school office of that organisation can add them.'),
            E_DB_PARENT_NAME: _('The parent %(iin)s is not in the database yet: give their name.'),
            E_DB_GRADE: _('Grade %(value)s does not exist in the list of grades.'),
        }

    def _error_formatter(self):
        """formatter(key, params) -> the translated message (for the report and the whole-file errors)."""
        texts = self._error_texts()

        def formatter(key, params=None):
            params = dict(params or {})
            if 'reason' in params and key in (ci.E_IIN_INVALID, ci.E_PARENT_IIN):
                params['reason'] = iin_error_message(params['reason'])
            template = texts.get(key, key)
            try:
                return template % params if params else template
            except (KeyError, ValueError, TypeError):  # a translation with a broken placeholder: the English
                return ci.format_error(key, params)
        return formatter
