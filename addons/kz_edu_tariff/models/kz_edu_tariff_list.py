# -*- coding: utf-8 -*-
"""The tariffication list (тарификационный список) of a school on a date, and its change orders.

* Compute: the teaching load on the date (``kz.edu.teaching.load.kz_load_summary``), the teacher's data from HR (block,
  service, category at the date, education, duties), the organisation (rural) and the dated parameters go through
  ``tariff.teacher_pay``; every line keeps its figures and the codes of the unconfirmed parameters it used.
* Approve (the director only): the list becomes read-only and sets each teacher's contract wage from its date
  (``_apply_to_contracts``); a later change (attestation, a new service step, a new diploma, a new load) is a new list
  of kind "change" with its effective date, created from the approved one.
"""
import datetime
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kz_edu_base.internal import internal_context, is_internal
from odoo.addons.kz_edu_base.kz_dates import format_date, to_date
from odoo.addons.kz_edu_base.kz_document import Column, Document, Table
from odoo.addons.kz_edu_base.kz_money import money, to_number
from odoo.addons.kz_edu_base.user_errors import translate

from .. import tariff
from .kz_edu_tariff import TARIFF_DOMAINS
from .hr_employee import format_service
from odoo.addons.kz_hr.models.kz_hr_personnel import QUALIFICATION_CATEGORIES

TIYN = Decimal('0.01')
ZERO = Decimal('0.00')
#: grade band of tariff.grade_band → field suffix
BANDS = tuple((band, band.replace('-', '_')) for band in tariff.BANDS)
CHANGE_REASONS = [
    ('attestation', 'Attestation: new qualification category'),
    ('experience', 'Length of service reached a new step'),
    ('diploma', 'New diploma'),
    ('load', 'Change of the teaching load'),
    ('other', 'Other'),
]
EDUCATION_LEVELS = [
    ('tvet', 'Technical and vocational'),
    ('bachelor', 'Higher (bachelor / specialist)'),
    ('master', 'Master'),
    ('doctor', 'Doctor (PhD) / candidate of sciences'),
]
#: categories of kz.hr.qualification that carry no supplement (the rule: tariff.category_on)
NO_SUPPLEMENT_CATEGORIES = tariff.NO_SUPPLEMENT_CATEGORIES
#: who may read the amounts of the whole list (a teacher reads only their own line)
LIST_AMOUNT_GROUPS = ('kz_edu_base.group_deputy_director,kz_edu_base.group_hr_officer,kz_edu_base.group_bookkeeper,'
                      'kz_edu_base.group_district')
#: keys of a write that never change the content of an approved list (chatter, followers, activities)
_FREE_PREFIXES = ('message_', 'activity_', 'website_message')


def _dec(value):
    """A Decimal of a float read from a numeric column (exact for the 2-4 decimals stored); empty is 0."""
    return to_number(value or 0)


class KzEduTariffList(models.Model):
    _name = 'kz.edu.tariff.list'
    _description = 'Tariffication list'
    _inherit = ['mail.thread']
    _order = 'date desc, id desc'

    name = fields.Char(compute='_compute_name', store=True)
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id, readonly=True,
                                 states={'draft': [('readonly', False)]})
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True, index=True,
                                       readonly=True, states={'draft': [('readonly', False)]})
    date = fields.Date(string='Effective date', required=True, index=True, readonly=True,
                       states={'draft': [('readonly', False)]}, track_visibility='onchange',
                       help='1 September for the list of the year; for a change order the day the change takes effect '
                            '(the attestation date, the day the service reaches a new step, the date of the diploma, '
                            'the day the load changes).')
    kind = fields.Selection([('initial', 'Tariffication of the year'), ('change', 'Change order')], required=True,
                            default='initial', readonly=True, states={'draft': [('readonly', False)]})
    reason = fields.Selection(CHANGE_REASONS, string='Reason of the change', readonly=True,
                              states={'draft': [('readonly', False)]})
    reason_note = fields.Char(string='Basis', readonly=True, states={'draft': [('readonly', False)]},
                              help='e.g. the attestation order No. and date, the diploma')
    previous_list_id = fields.Many2one('kz.edu.tariff.list', string='Changes the list', readonly=True, copy=False,
                                       ondelete='restrict')
    state = fields.Selection([('draft', 'Draft'), ('approved', 'Approved')], default='draft', required=True,
                             readonly=True, copy=False, index=True, track_visibility='onchange')
    approved_by_id = fields.Many2one('res.users', string='Approved by', readonly=True, copy=False)
    approved_date = fields.Datetime(string='Approved on', readonly=True, copy=False)
    is_computed = fields.Boolean(string='Computed', readonly=True, copy=False,
                                 help='Computed after the last change of the date, school or year.')
    computed_date = fields.Datetime(string='Computed on', readonly=True, copy=False)
    line_ids = fields.One2many('kz.edu.tariff.list.line', 'list_id', string='Teachers', readonly=True)
    line_count = fields.Integer(compute='_compute_line_count')
    unconfirmed_codes = fields.Char(string='Unconfirmed parameters used', readonly=True, copy=False)
    note = fields.Text(string='Notes', readonly=True, copy=False,
                       help='Upcoming changes found at the last compute: service steps and categories expiring '
                            'before the end of the academic year.')

    # header block by grade groups 1–4 / 5–9 / 10–11 (written by the compute)
    classes_1_4 = fields.Integer('Classes 1–4', readonly=True, copy=False)
    classes_5_9 = fields.Integer('Classes 5–9', readonly=True, copy=False)
    classes_10_11 = fields.Integer('Classes 10–11', readonly=True, copy=False)
    pupils_1_4 = fields.Integer('Pupils 1–4', readonly=True, copy=False)
    pupils_5_9 = fields.Integer('Pupils 5–9', readonly=True, copy=False)
    pupils_10_11 = fields.Integer('Pupils 10–11', readonly=True, copy=False)
    teachers_1_4 = fields.Integer('Teachers 1–4', readonly=True, copy=False)
    teachers_5_9 = fields.Integer('Teachers 5–9', readonly=True, copy=False)
    teachers_10_11 = fields.Integer('Teachers 10–11', readonly=True, copy=False)
    hours_1_4 = fields.Float('Hours 1–4', digits=(10, 2), readonly=True, copy=False)
    hours_5_9 = fields.Float('Hours 5–9', digits=(10, 2), readonly=True, copy=False)
    hours_10_11 = fields.Float('Hours 10–11', digits=(10, 2), readonly=True, copy=False)
    hours_total = fields.Float('Hours a week', digits=(10, 2), readonly=True, copy=False)
    teacher_count = fields.Integer('Teachers', readonly=True, copy=False)
    amount_1_4 = fields.Monetary('Pay for the hours 1–4', readonly=True, copy=False, groups=LIST_AMOUNT_GROUPS)
    amount_5_9 = fields.Monetary('Pay for the hours 5–9', readonly=True, copy=False, groups=LIST_AMOUNT_GROUPS)
    amount_10_11 = fields.Monetary('Pay for the hours 10–11', readonly=True, copy=False, groups=LIST_AMOUNT_GROUPS)
    load_pay_total = fields.Monetary('Pay for the load', readonly=True, copy=False, groups=LIST_AMOUNT_GROUPS)
    supplement_total = fields.Monetary('Supplements', readonly=True, copy=False, groups=LIST_AMOUNT_GROUPS)
    amount_total = fields.Monetary('Monthly total', readonly=True, copy=False, groups=LIST_AMOUNT_GROUPS)

    @api.depends('academic_year_id.name', 'date', 'kind')
    def _compute_name(self):
        for tlist in self:
            date = to_date(tlist.date)
            tlist.name = '%s · %s%s' % (tlist.academic_year_id.name or '', date and date.strftime('%d.%m.%Y') or '',
                                        ' *' if tlist.kind == 'change' else '')

    @api.multi
    def name_get(self):
        kinds = dict(self._fields['kind']._description_selection(self.env))
        result = []
        for tlist in self:
            date = to_date(tlist.date)
            result.append((tlist.id, '%s %s (%s)' % (kinds.get(tlist.kind, ''), date and date.strftime('%d.%m.%Y')
                                                     or '', tlist.academic_year_id.name or '')))
        return result

    def _compute_line_count(self):
        for tlist in self:
            tlist.line_count = len(tlist.line_ids)

    @api.constrains('date', 'academic_year_id')
    def _check_date_in_year(self):
        for tlist in self:
            year = tlist.academic_year_id
            if not (year.date_start <= tlist.date <= year.date_end):
                raise ValidationError(_('The effective date %s is outside the academic year %s.')
                                      % (tlist.date, year.name))

    @api.constrains('kind', 'reason', 'previous_list_id', 'date')
    def _check_change(self):
        for tlist in self.filtered(lambda l: l.kind == 'change'):
            if tlist.previous_list_id and tlist.date < tlist.previous_list_id.date:
                raise ValidationError(_('A change order takes effect on or after the list it changes (%s).')
                                      % tlist.previous_list_id.date)

    @api.onchange('academic_year_id', 'kind')
    def _onchange_academic_year_id(self):
        if self.academic_year_id and self.kind == 'initial':
            self.date = self.academic_year_id.date_start

    # ------------------------------------------------------------------------------------------- locking
    def _check_editable(self):
        if is_internal(self.env.context, 'kz_tariff_approve'):
            return
        if self.filtered(lambda l: l.state == 'approved'):
            raise UserError(_('The tariffication list is approved and can no longer be changed; a change takes '
                              'effect only by a new change order (button "Change order").'))

    @api.model
    def create(self, vals):
        if not is_internal(self.env.context, 'kz_tariff_approve'):
            vals = dict(vals, state='draft')
        return super(KzEduTariffList, self).create(vals)

    @api.multi
    def write(self, vals):
        if any(not key.startswith(_FREE_PREFIXES) for key in vals):
            self.check_access_rights('write')
            self._check_editable()
            if 'state' in vals and not is_internal(self.env.context, 'kz_tariff_approve'):
                raise UserError(_('A tariffication list is approved only by the director with the button "Approve".'))
            if {'date', 'company_id', 'academic_year_id'} & set(vals) and 'is_computed' not in vals:
                vals = dict(vals, is_computed=False)
        return super(KzEduTariffList, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_editable()
        return super(KzEduTariffList, self).unlink()

    @api.multi
    def copy(self, default=None):
        raise UserError(_('Use the button "Change order" on an approved list, or create a new list.'))

    # ------------------------------------------------------------------------------------------- actions
    @api.multi
    def action_compute(self):
        for tlist in self:
            if tlist.state != 'draft':
                raise UserError(_('Only a draft list is computed; an approved list changes by a change order.'))
            tlist._compute_lines()
        return True

    @api.multi
    def action_approve(self):
        if not (self.env.user.has_group('kz_edu_base.group_director') or self.env.user._is_superuser()):
            raise AccessError(_('Only the director approves the tariffication list.'))
        for tlist in self:
            if tlist.state != 'draft':
                raise UserError(_('The list %s is already approved.') % tlist.display_name)
            if not tlist.is_computed or not tlist.line_ids:
                raise UserError(_('Compute the list before approving it (the date, school or year changed since '
                                  'the last compute, or it has no teacher).'))
            if tlist.kind == 'initial' and self.search_count([
                    ('company_id', '=', tlist.company_id.id), ('academic_year_id', '=', tlist.academic_year_id.id),
                    ('kind', '=', 'initial'), ('state', '=', 'approved'), ('id', '!=', tlist.id)]):
                raise UserError(_('%s already has an approved tariffication list for %s; changes during the year '
                                  'are change orders.') % (tlist.company_id.name, tlist.academic_year_id.name))
            if tlist.kind == 'change' and not tlist.reason:
                raise UserError(_('A change order needs the reason of the change.'))
            tlist._check_still_current()
            tlist.with_context(**internal_context(kz_tariff_approve=True)).write({
                'state': 'approved', 'approved_by_id': self.env.uid, 'approved_date': fields.Datetime.now()})
            tlist._apply_to_contracts()
        return True

    @api.multi
    def action_create_change(self):
        """A draft change order from this approved list: same school and year, effective today (inside the year)
        or the list's own date; the user sets the date and the reason, then computes it."""
        self.ensure_one()
        if self.state != 'approved':
            raise UserError(_('A change order is made from an approved list.'))
        year = self.academic_year_id
        today = fields.Date.context_today(self)
        date = min(max(today, self.date), year.date_end)
        change = self.create({
            'company_id': self.company_id.id, 'academic_year_id': year.id, 'date': date, 'kind': 'change',
            'previous_list_id': self.id, 'reason': 'attestation'})
        return {
            'type': 'ir.actions.act_window', 'res_model': self._name, 'res_id': change.id, 'view_mode': 'form',
            'target': 'current',
        }

    @api.multi
    def action_open_lines(self):
        self.ensure_one()
        action = self.env.ref('kz_edu_tariff.action_kz_edu_tariff_list_line').read()[0]
        action['domain'] = [('list_id', '=', self.id)]
        action['context'] = {'search_default_list_id': self.id}
        return action

    @api.multi
    def action_print(self):
        self.ensure_one()
        return {
            'type': 'ir.actions.act_window', 'res_model': 'kz.edu.tariff.print.wizard', 'view_mode': 'form',
            'target': 'new', 'context': {'default_list_id': self.id},
        }

    # ------------------------------------------------------------------------------------------- compute
    def _load_summary(self):
        """{employee id: {'hours', 'bands', 'subjects', 'classes'}} of the teaching load on the list's date."""
        return self.env['kz.edu.teaching.load'].sudo().kz_load_summary(
            self.company_id, self.academic_year_id, on_date=self.date)

    def _teacher_data(self, employees):
        """Everything the compute reads about ``employees``, with one query per table (no search per teacher)."""
        ids = employees.ids
        sudo = self.env['hr.employee'].sudo()
        records = {e['id']: e for e in sudo.with_context(active_test=False).browse(ids).read(
            ['name', 'job_id', 'kz_pay_block', 'kz_hire_date', 'kz_dismissal_date', 'kz_tariff_cabinet',
             'kz_tariff_workshop', 'kz_tariff_notebooks', 'kz_tariff_mentoring', 'kz_tariff_sports_section',
             'kz_tariff_special_conditions'], load='_classic_write')}
        for rec in records.values():
            rec.update(qualifications=[], educations=[], periods=[], classes=[])
        for row in self.env['kz.hr.qualification'].sudo().search_read(
                [('employee_id', 'in', ids)], ['employee_id', 'category', 'attestation_date', 'expiry_date'],
                order='attestation_date desc, id desc'):
            records[row['employee_id'][0]]['qualifications'].append(row)
        for row in self.env['kz.hr.education'].sudo().search_read(
                [('employee_id', 'in', ids)],
                ['employee_id', 'level', 'institution', 'specialty', 'year', 'diploma_number', 'diploma_date']):
            records[row['employee_id'][0]]['educations'].append(row)
        for row in self.env['kz.edu.tariff.service'].sudo().search_read(
                [('employee_id', 'in', ids)], ['employee_id', 'date_from', 'date_to']):
            records[row['employee_id'][0]]['periods'].append((row['date_from'], row['date_to'] or None))
        for rec in records.values():
            if rec['kz_hire_date']:
                rec['periods'].append((rec['kz_hire_date'], rec['kz_dismissal_date'] or None))
        classes = self.env['kz.edu.class'].sudo().search_read(
            [('class_teacher_id', 'in', ids), ('academic_year_id', '=', self.academic_year_id.id),
             ('company_id', '=', self.company_id.id), ('kind', '=', 'class')],
            ['class_teacher_id', 'grade_sequence', 'name'], order='grade_sequence, letter')
        sizes = self._class_sizes([c['id'] for c in classes])
        for row in classes:
            row['size'] = sizes.get(row['id'], 0)
            records[row['class_teacher_id'][0]]['classes'].append(row)
        return records

    def _class_sizes(self, class_ids):
        if not class_ids:
            return {}
        groups = self.env['kz.edu.student'].sudo().read_group(
            [('class_id', 'in', class_ids), ('state', '=', 'enrolled')], ['class_id'], ['class_id'])
        return {g['class_id'][0]: g['class_id_count'] for g in groups}

    def _notebook_hours(self, employee_ids, small_limit):
        """{employee id: (hours in full classes, hours in small classes)} of the subjects marked for notebook
        checking in the load on the list's date."""
        if not employee_ids:
            return {}
        rows = self.env['kz.edu.teaching.load'].sudo().search_read([
            ('employee_id', 'in', employee_ids), ('company_id', '=', self.company_id.id),
            ('academic_year_id', '=', self.academic_year_id.id), ('subject_id.notebook_checking', '=', True),
            '|', ('date_from', '=', False), ('date_from', '<=', self.date),
            '|', ('date_to', '=', False), ('date_to', '>=', self.date)], ['employee_id', 'class_id', 'hours'])
        sizes = self._class_sizes(list({r['class_id'][0] for r in rows}))
        result = {}
        for row in rows:
            full, small = result.get(row['employee_id'][0], (ZERO, ZERO))
            hours = _dec(row['hours'])
            if sizes.get(row['class_id'][0], 0) < small_limit:
                small += hours
            else:
                full += hours
            result[row['employee_id'][0]] = (full, small)
        return result

    def _band_header(self):
        """{band: (classes, pupils)} of the school's classes of the academic year."""
        classes = self.env['kz.edu.class'].sudo().search_read(
            [('company_id', '=', self.company_id.id), ('academic_year_id', '=', self.academic_year_id.id),
             ('kind', '=', 'class')], ['grade_sequence'])
        sizes = self._class_sizes([c['id'] for c in classes])
        header = {band: [0, 0] for band, _suffix in BANDS}
        for row in classes:
            if 1 <= (row['grade_sequence'] or 0) <= 11:
                band = tariff.grade_band(row['grade_sequence'])
                header[band][0] += 1
                header[band][1] += sizes.get(row['id'], 0)
        return header

    def _previous_totals(self):
        """{employee id: total} of the latest approved list of the school and year in force on this list's date."""
        previous = self.search([('company_id', '=', self.company_id.id),
                                ('academic_year_id', '=', self.academic_year_id.id), ('state', '=', 'approved'),
                                ('date', '<=', self.date), ('id', '!=', self.id)], order='date desc, id desc',
                               limit=1)
        return {line.employee_id.id: money(line.total) for line in previous.line_ids.sudo()}

    def _compute_lines(self):
        self.ensure_one()
        values, totals = self._compute_values()
        self.sudo().write(dict(totals, line_ids=[(5, 0, 0)] + [(0, 0, v) for v in values]))
        return True

    def _check_still_current(self):
        """Refuse to approve figures that the data no longer gives (an attestation, a load row, a parameter changed
        after the compute): the list is computed again in memory and compared teacher by teacher."""
        self.ensure_one()
        values, _totals = self._compute_values()
        fresh = {v['employee_id']: money(v['total']) for v in values}
        stored = {line.employee_id.id: money(line.total) for line in self.line_ids.sudo()}
        if fresh != stored:
            changed = set(fresh) ^ set(stored) | {e for e in set(fresh) & set(stored) if fresh[e] != stored[e]}
            names = self.env['hr.employee'].sudo().browse(sorted(changed)).mapped('name')
            raise UserError(_('The data of these teachers changed since the list was computed; compute it again '
                              'before approving: %s') % ', '.join(sorted(names)))

    def _compute_values(self):
        """([line values], {header values}) of the list on its date, without writing anything."""
        self.ensure_one()
        on_date = to_date(self.date)
        summary = self._load_summary()
        if not summary:
            raise UserError(_('The teaching load of %s for %s has no teacher on %s.')
                            % (self.company_id.name, self.academic_year_id.name, self.date))
        employees = self.env['hr.employee'].browse(list(summary))
        data = self._teacher_data(employees)
        params = self.env['kz.edu.parameter'].sudo().rows_for(TARIFF_DOMAINS, self.company_id)
        grid = self.env['kz.edu.tariff.coefficient'].sudo().engine_rows()
        try:
            base = tariff.base_rows(on_date, params)
            small_limit = tariff.parameter('SMALL_CLASS_PUPILS', on_date, params)
        except tariff.TariffError as exc:
            raise UserError(_('The tariffication parameters are incomplete: %s') % translate(self.env, exc))
        subject_ids = self._subject_ids_by_name()
        hourly = [eid for eid, rec in data.items() if rec['kz_tariff_notebooks'] == 'hourly']
        notebook_hours = self._notebook_hours(hourly, small_limit)

        # 1. refuse missing teacher data, naming every teacher concerned
        missing = {'category': [], 'block': [], 'service': []}
        prepared = {}
        for eid, rec in data.items():
            qualification = tariff.qualification_on(rec['qualifications'], on_date)
            education = tariff.highest_education(rec['educations'])
            if qualification is None:
                missing['category'].append(rec['name'])
            category, _key, expired = tariff.category_on(qualification, on_date)
            block = rec['kz_pay_block'] or tariff.default_block(education and education['level'],
                                                                'none' if expired else category)
            if not block:
                missing['block'].append(rec['name'])
            if not rec['periods']:
                missing['service'].append(rec['name'])
            prepared[eid] = (qualification, education, block)
        problems = []
        if missing['category']:
            problems.append(_('No qualification category data on %s (add the attestation to the teacher profile, '
                              'or a record "Without category"): %s') % (self.date,
                                                                         ', '.join(sorted(missing['category']))))
        if missing['block']:
            problems.append(_('No pay block (set it in the employee\'s tariffication data, or record the '
                              'education): %s') % ', '.join(sorted(missing['block'])))
        if missing['service']:
            problems.append(_('No pedagogical service (record the service periods or the hire date): %s')
                            % ', '.join(sorted(missing['service'])))
        if problems:
            raise UserError('\n'.join(problems))

        # 2. pay of every teacher
        previous = self._previous_totals() if self.kind == 'change' else {}
        values, errors, notes, unconfirmed_all = [], [], [], set()
        year_end = to_date(self.academic_year_id.date_end)
        for eid in sorted(data, key=lambda i: data[i]['name']):
            rec, load = data[eid], summary[eid]
            qualification, education, block = prepared[eid]
            try:
                vals, unconfirmed, line_notes = self._line_values(
                    rec, load, qualification, education, block, base, params, grid, notebook_hours.get(eid), on_date,
                    year_end)
            except tariff.TariffError as exc:
                errors.append('%s: %s' % (rec['name'], translate(self.env, exc)))
                continue
            vals['subject_ids'] = [(6, 0, [subject_ids[n] for n in load.get('subjects') or [] if n in subject_ids])]
            if self.kind == 'change':
                vals['previous_total'] = float(previous.get(eid, ZERO))
                vals['is_changed'] = eid not in previous or previous[eid] != money(vals['total'])
            unconfirmed_all |= unconfirmed
            notes += ['%s: %s' % (rec['name'], note) for note in line_notes]
            values.append(vals)
        if errors:
            raise UserError(_('The pay of these teachers cannot be computed:\n%s') % '\n'.join(errors))

        # parameters used that change before the end of the academic year (a new МРП on 1 January ...)
        used_codes = set().union(*(v.pop('_used_codes') for v in values))
        sums = tariff.list_totals([v.pop('_line') for v in values])
        changes = sorted({(row['date_from'], row['code']) for row in params if row['code'] in used_codes
                          and self.date < str(row['date_from']) <= self.academic_year_id.date_end})
        notes = [_('Parameter %s changes on %s: a change order from that date.') % (code, day)
                 for day, code in changes] + notes

        # 3. header block by grade groups
        header = self._band_header()
        totals = {'teacher_count': len(values), 'is_computed': True, 'computed_date': fields.Datetime.now(),
                  'unconfirmed_codes': ', '.join(sorted(unconfirmed_all)), 'note': '\n'.join(notes)}
        for band, suffix in BANDS:
            totals.update({
                'hours_' + suffix: float(sums['bands'][band]['hours']),
                'teachers_' + suffix: sums['bands'][band]['teachers'],
                'amount_' + suffix: float(sums['bands'][band]['amount']),
                'classes_' + suffix: header[band][0], 'pupils_' + suffix: header[band][1],
            })
        totals.update({key: float(sums[key])
                       for key in ('hours_total', 'load_pay_total', 'amount_total', 'supplement_total')})
        for sequence, vals in enumerate(values, start=1):
            vals['sequence'] = sequence
        return values, totals

    def _subject_ids_by_name(self):
        """{subject name in the current language: id} to link the summary's subject names to the subjects."""
        return {row['name']: row['id'] for row in self.env['kz.edu.subject'].sudo().with_context(
            active_test=False).search_read([], ['name'])}

    def _line_values(self, rec, load, qualification, education, block, base, params, grid, notebook_hours, on_date,
                     year_end):
        """The values of one line and (unconfirmed codes, notes): the line is tariff.tariff_line (pure), here only
        its data is gathered and its notes worded in the user's language; raises tariff.TariffError."""
        line = tariff.tariff_line(
            on_date, rec['periods'], block, load['bands'], total_hours=load['hours'], qualification=qualification,
            educations=rec['educations'], classes=rec['classes'], rural=self.company_id.kz_is_rural,
            special_conditions=rec['kz_tariff_special_conditions'], cabinet=rec['kz_tariff_cabinet'],
            workshop=rec['kz_tariff_workshop'], mentoring=rec['kz_tariff_mentoring'],
            sports_section=rec['kz_tariff_sports_section'], notebooks=rec['kz_tariff_notebooks'] or None,
            notebook_hours=notebook_hours, year_end=year_end, parameters=params, table=grid, base=base)
        notes = [self._line_note(code, params) for code, params in line['notes']]
        pay, service, grid_row, managed = line['pay'], line['service'], line['coefficient_row'], line['managed_class']
        next_step = line['next_step_date'] and fields.Date.to_string(line['next_step_date'])
        vals = {
            '_used_codes': line['used_codes'], '_line': line,
            'employee_id': rec['id'], 'job_id': rec['job_id'] or False,
            'subject_names': ', '.join(load.get('subjects') or []),
            'class_names': ', '.join(load.get('classes') or []),
            'education_level': education and education['level'] or False,
            'education_institution': education and ', '.join(
                x for x in (education['institution'], education['specialty'],
                            education['year'] and '%s' % education['year']) if x) or False,
            'diploma_number': education and education['diploma_number'] or False,
            'diploma_date': education and education['diploma_date'] or False,
            'hours_total': float(line['total_hours']),
            'exp_years': service.years, 'exp_months': service.months, 'exp_days': service.days,
            'next_step_date': next_step or False,
            'block': grid_row['block'], 'coefficient': float(grid_row['coefficient']),
            'category': line['category'],
            'attestation_date': qualification and qualification['attestation_date'] or False,
            'category_expiry_date': qualification and qualification['expiry_date'] or False,
            'is_rural': bool(self.company_id.kz_is_rural), 'managed_class_id': managed and managed['id'] or False,
            'class_size': managed and managed['size'] or 0,
            'bdo': float(base['BDO']['value']), 'official_salary': float(pay['official_salary']),
            'load_pay': float(pay['load_pay']), 'total': float(pay['total']),
            'unconfirmed': ', '.join(sorted(line['unconfirmed'])), 'warning': '; '.join(notes) or False,
        }
        for band, suffix in BANDS:
            vals['hours_' + suffix] = float(line['hours'][band])
            vals['pay_' + suffix] = float(line['band_pay'][band])
        for key in tariff.SUPPLEMENT_KEYS:
            vals[key] = float(pay[key])
        return vals, line['unconfirmed'], notes

    def _line_note(self, code, params):
        """The text of a note of tariff.tariff_line in the user's language."""
        if code == 'class_without_pupils':
            return _('class %s has no pupils on the list date: no class management supplement') % params['class']
        if code == 'several_classes':
            return _('manages %d classes; the supplement is counted for %s only') % (params['count'], params['class'])
        if code == 'category_expired':
            return _('the category expired on %s: no category supplement') % fields.Date.to_string(params['date'])
        if code == 'above_maximum_hours':
            return translate(self.env, params['error'])
        if code == 'next_step':
            return _('service reaches %s years on %s (new coefficient step: change order)') % (
                params['years'], fields.Date.to_string(params['date']))
        if code == 'category_expires':
            return _('the category expires on %s') % fields.Date.to_string(params['date'])
        raise ValueError('unknown note %s' % code)

    # ------------------------------------------------------------------------------------------- payroll
    def _apply_to_contracts(self):
        """Set every teacher's contract wage to their line's total from the list's date: the running contract ends
        the day before and a copy with the new wage starts on the date (a contract starting on the date is updated
        in place; an equal wage changes nothing; a teacher without a contract gets one of the teachers' structure).
        Employees whose running contract is of another structure (a director or deputy who also teaches) keep it:
        their teaching hours are a combined post, not their contract wage. The approval of the director authorises
        the change (sudo)."""
        self.ensure_one()
        effective = to_date(self.date)
        day_before = fields.Date.to_string(effective - datetime.timedelta(days=1))
        lines = self.line_ids.sudo()
        Contract = self.env['hr.contract'].sudo().with_context(**internal_context(kz_tariff_apply=True))
        contracts = Contract.search([('employee_id', 'in', lines.mapped('employee_id').ids),
                                     ('state', 'in', ('open', 'pending'))], order='date_start desc, id desc')
        running = {}
        for contract in contracts:
            if contract.date_start <= self.date and (not contract.date_end or contract.date_end >= self.date):
                running.setdefault(contract.employee_id.id, contract)
        struct = self.env.ref('kz_payroll.hr_payroll_structure_kz_teacher')
        other_post = {eid for eid, c in running.items() if c.struct_id and c.struct_id != struct}
        later = contracts.filtered(lambda c: c.date_start > self.date and c.employee_id.id not in other_post)
        if later:
            raise UserError(_('These teachers already have a contract starting after %s; a change order cannot take '
                              'effect before it: %s') % (self.date, ', '.join(
                                  '%s (%s)' % (c.employee_id.name, c.date_start) for c in later)))
        old_wages = {}
        for line in lines:
            total = money(line.total)
            contract = running.get(line.employee_id.id)
            status = 'set'
            if line.employee_id.id in other_post:
                new, status = contract, 'other_post'
            elif contract and money(contract.wage) == total:
                new, status = contract, 'unchanged'
            elif contract and contract.date_start == self.date:
                old_wages[line.employee_id.id] = money(contract.wage)
                contract.write({'wage': float(total), 'kz_tariff_line_id': line.id})
                new = contract
            elif contract:
                old_wages[line.employee_id.id] = money(contract.wage)
                end = contract.date_end
                contract.write({'date_end': day_before})
                new = contract.copy({
                    'name': _('%s: tariffication from %s') % (line.employee_id.name, effective.strftime('%d.%m.%Y')),
                    'date_start': self.date, 'date_end': end, 'wage': float(total), 'state': 'open',
                    'kz_tariff_line_id': line.id})
            else:
                employee = line.employee_id
                new = Contract.create({
                    'name': _('%s: tariffication from %s') % (employee.name, effective.strftime('%d.%m.%Y')),
                    'employee_id': employee.id, 'company_id': self.company_id.id, 'job_id': line.job_id.id,
                    'department_id': employee.department_id.id,
                    'resource_calendar_id': employee.resource_calendar_id.id or self.company_id.resource_calendar_id.id,
                    'struct_id': struct.id, 'wage': float(total), 'state': 'open', 'date_start': self.date,
                    'kz_tariff_line_id': line.id})
            line.with_context(**internal_context(kz_tariff_approve=True)).write({'contract_id': new.id, 'payroll_status': status})
        self._post_paid_periods(old_wages, lines)
        others = lines.filtered(lambda l: l.payroll_status == 'other_post')
        if others:
            self._post_note(_('Not applied to the contracts (their main post is paid by another salary structure; '
                              'pay their teaching hours as a combined post): %s')
                            % ', '.join(others.mapped('employee_id.name')))
        return True

    def _post_note(self, body):
        """A note in the list's chatter by the approving user."""
        self.message_post(body=body, subtype='mail.mt_note')

    def _post_paid_periods(self, old_wages, lines):
        """A message on the list naming the payslips already paid (done) from its date at the old wage: their
        difference is recalculated by the bookkeeper (e.g. a one-off payment in the next payslip)."""
        if not old_wages:
            return
        slips = self.env['hr.payslip'].sudo().search_read(
            [('employee_id', 'in', list(old_wages)), ('state', '=', 'done'), ('date_to', '>=', self.date),
             ('credit_note', '=', False)], ['employee_id', 'date_from', 'date_to'], order='date_from')
        if not slips:
            return
        totals = {line.employee_id.id: money(line.total) for line in lines}
        periods = {}
        for slip in slips:
            periods.setdefault(slip['employee_id'][0], []).append(to_date(slip['date_from']).strftime('%m.%Y'))
        names = dict((e.id, e.name) for e in self.env['hr.employee'].sudo().browse(list(periods)))
        rows = ['%s: %s (%s → %s)' % (names[eid], ', '.join(months), old_wages[eid], totals[eid])
                for eid, months in sorted(periods.items(), key=lambda item: names[item[0]])]
        self._post_note('<p>%s</p><ul>%s</ul>' % (
            _('Already paid from %s at the previous wage — recalculate the difference:') % self.date,
            ''.join('<li>%s</li>' % row for row in rows)))

    # ------------------------------------------------------------------------------------------- documents
    def kz_document(self):
        """The printed list (a ``kz_document.Document`` for the suite's one renderer, kz_edu_base) in the language
        of the environment: the approval and agreement lines, the classes / pupils / teachers / hours / pay by
        grade groups 1–4, 5–9, 10–11, the table of teachers with one column per supplement used, the totals,
        notes and signatures. Money as Decimal, hours and coefficients as Decimal numbers, counts as int."""
        self.ensure_one()
        tlist = self.sudo()
        Line = self.env['kz.edu.tariff.list.line']
        labels = {k: v['string'] for k, v in Line.fields_get(
            list(tariff.SUPPLEMENT_KEYS) + ['official_salary', 'load_pay', 'total'], ['string']).items()}
        categories = dict(Line._fields['category']._description_selection(self.env))
        levels = dict(Line._fields['education_level']._description_selection(self.env))
        lines = tlist.line_ids.sorted('sequence')
        used = [k for k in tariff.SUPPLEMENT_KEYS if k == 'category_supplement' or any(lines.mapped(k))]
        columns = [Column(_('No.'), 'int', 5), Column(_('Full name'), 'text', 24), Column(_('Position'), 'text', 16),
                   Column(_('Subjects'), 'text', 20), Column(_('Education'), 'text', 22),
                   Column(_('Diploma (No., date)'), 'text', 14), Column(_('Hours 1–4'), 'number', 7),
                   Column(_('Hours 5–9'), 'number', 7), Column(_('Hours 10–11'), 'number', 7),
                   Column(_('Hours total'), 'number', 7), Column(_('Pedagogical service'), 'text', 12),
                   Column(_('Pay block'), 'code', 7), Column(_('Coefficient'), 'number', 8),
                   Column(_('Category'), 'text', 18), Column(labels['official_salary'], 'money', 13),
                   Column(labels['load_pay'], 'money', 13)] + \
            [Column(labels[k], 'money', 12) for k in used] + [Column(labels['total'], 'money', 14)]
        rows = []
        for line in lines:
            category = categories.get(line.category, '')
            if line.attestation_date and line.category not in NO_SUPPLEMENT_CATEGORIES:
                category = '%s (%s)' % (category, format_date(line.attestation_date))
            education = ', '.join(x for x in (levels.get(line.education_level, ''), line.education_institution) if x)
            diploma = ', '.join(x for x in (line.diploma_number and '№ %s' % line.diploma_number,
                                            format_date(line.diploma_date)) if x)
            rows.append([line.sequence, line.employee_id.name, line.job_id.name or '',
                         ', '.join(line.subject_ids.mapped('name')) or line.subject_names or '', education, diploma,
                         _dec(line.hours_1_4), _dec(line.hours_5_9), _dec(line.hours_10_11), _dec(line.hours_total),
                         format_service(self, tariff.ServiceLength(line.exp_years, line.exp_months, line.exp_days)),
                         line.block or '', _dec(line.coefficient).quantize(TIYN), category,
                         money(line.official_salary), money(line.load_pay)] + [money(line[k]) for k in used] +
                        [money(line.total)])
        total = ['', _('Total'), '', '', '', '', _dec(tlist.hours_1_4), _dec(tlist.hours_5_9),
                 _dec(tlist.hours_10_11), _dec(tlist.hours_total), '', '', None, '', None,
                 sum((money(l.load_pay) for l in lines), ZERO)] + \
            [sum((money(l[k]) for l in lines), ZERO) for k in used] + [sum((money(l.total) for l in lines), ZERO)]
        bands = []
        for band, suffix in BANDS:
            bands.append([band, tlist['classes_' + suffix], tlist['pupils_' + suffix], tlist['teachers_' + suffix],
                          _dec(tlist['hours_' + suffix]), money(tlist['amount_' + suffix])])
        bands_total = [_('Total'), sum(b[1] for b in bands), sum(b[2] for b in bands), len(lines),
                       _dec(tlist.hours_total), sum((b[5] for b in bands), ZERO)]
        kinds = dict(self._fields['kind']._description_selection(self.env))
        reasons = dict(self._fields['reason']._description_selection(self.env))
        notes = []
        if self.kind == 'change':
            notes.append(_('Change order to the list of %s: %s%s') % (
                format_date(tlist.previous_list_id.date), reasons.get(tlist.reason, ''),
                tlist.reason_note and ' (%s)' % tlist.reason_note or ''))
        if tlist.unconfirmed_codes:
            notes.append(_('Parameters without a confirmed source used (check them under Tariffication → '
                           'Configuration): %s') % tlist.unconfirmed_codes)
        if tlist.state != 'approved':
            notes.append(_('DRAFT: not approved by the director.'))
        lang = self.env.context.get('lang') or 'ru_RU'
        approved = '%s: %s ____________ %s' % (_('APPROVED'), _('Director'), tlist.approved_by_id.name or '')
        document = Document(
            _('Tariffication list of the teachers'), lang=lang, landscape=True, sheet='tariff',
            subtitle='%s: %s, %s %s' % (kinds.get(tlist.kind, ''), format_date(tlist.date), _('academic year'),
                                        tlist.academic_year_id.name),
            organisation=tlist.company_id.name, form=approved,
            form_note=format_date(tlist.approved_date and tlist.approved_date[:10]),
            header=[(_('AGREED'), '%s ____________' % _('Chair of the trade union committee'))],
            notes=notes, signatures=[_('Director'), _('Chief bookkeeper'), _('Chair of the trade union committee')])
        document.section(tables=[
            Table([Column(_('Grade group'), 'code'), Column(_('Classes'), 'int'), Column(_('Pupils'), 'int'),
                   Column(_('Teachers'), 'int'), Column(_('Hours a week'), 'number'),
                   Column(_('Pay for the hours'), 'money')], rows=bands, total=bands_total,
                  caption=_('Classes, pupils and teaching hours by grade groups')),
            Table(columns, rows=rows, total=total, freeze=2),
        ])
        return document


class KzEduTariffListLine(models.Model):
    _name = 'kz.edu.tariff.list.line'
    _description = 'Tariffication list: a teacher'
    _order = 'list_id, sequence, id'

    list_id = fields.Many2one('kz.edu.tariff.list', string='Tariffication list', required=True, ondelete='cascade',
                              index=True)
    company_id = fields.Many2one(related='list_id.company_id', store=True, readonly=True, index=True)
    currency_id = fields.Many2one(related='list_id.currency_id', readonly=True)
    date = fields.Date(related='list_id.date', store=True, readonly=True, string='Effective date')
    state = fields.Selection(related='list_id.state', store=True, readonly=True)
    sequence = fields.Integer(string='No.')
    employee_id = fields.Many2one('hr.employee', string='Teacher', required=True, index=True, ondelete='restrict')
    job_id = fields.Many2one('hr.job', string='Position')
    subject_ids = fields.Many2many('kz.edu.subject', string='Subjects')
    subject_names = fields.Char(string='Subjects (as computed)')
    class_names = fields.Char(string='Classes')
    education_level = fields.Selection(EDUCATION_LEVELS, string='Education')
    education_institution = fields.Char(string='Institution, specialty, year')
    diploma_number = fields.Char(string='Diploma No.')
    diploma_date = fields.Date(string='Diploma date')
    hours_1_4 = fields.Float('Hours 1–4', digits=(6, 2))
    hours_5_9 = fields.Float('Hours 5–9', digits=(6, 2))
    hours_10_11 = fields.Float('Hours 10–11', digits=(6, 2))
    hours_total = fields.Float('Hours a week', digits=(6, 2))
    exp_years = fields.Integer('Service: years')
    exp_months = fields.Integer('Service: months')
    exp_days = fields.Integer('Service: days')
    experience = fields.Char('Pedagogical service', compute='_compute_experience')
    next_step_date = fields.Date('Next service step on',
                                 help='The service reaches the next step of the grid on this day of the academic year: '
                                      'the coefficient changes by a change order from that day.')
    block = fields.Char(string='Pay block')
    coefficient = fields.Float(digits=(6, 3))
    category = fields.Selection(QUALIFICATION_CATEGORIES, string='Category')
    attestation_date = fields.Date()
    category_expiry_date = fields.Date('Category expires')
    is_rural = fields.Boolean('Rural')
    managed_class_id = fields.Many2one('kz.edu.class', string='Class management')
    class_size = fields.Integer('Pupils of the class')
    bdo = fields.Monetary('БДО')
    official_salary = fields.Monetary('Official salary (ДО)')
    load_pay = fields.Monetary('Pay for the load')
    category_supplement = fields.Monetary('Category supplement')
    rural_supplement = fields.Monetary('Rural supplement')
    special_conditions_supplement = fields.Monetary('Special working conditions')
    class_management_supplement = fields.Monetary('Class management')
    notebook_supplement = fields.Monetary('Checking notebooks')
    cabinet_supplement = fields.Monetary('Cabinet management')
    workshop_supplement = fields.Monetary('Workshop management')
    master_degree_supplement = fields.Monetary("Master's degree")
    mentoring_supplement = fields.Monetary('Mentoring')
    sports_section_supplement = fields.Monetary('Sports section')
    total = fields.Monetary('Monthly total')
    pay_1_4 = fields.Monetary('Pay for the hours 1–4')
    pay_5_9 = fields.Monetary('Pay for the hours 5–9')
    pay_10_11 = fields.Monetary('Pay for the hours 10–11')
    unconfirmed = fields.Char('Unconfirmed parameters')
    warning = fields.Char('Remarks')
    previous_total = fields.Monetary('Previous total', help='The total of the list this change order changes.')
    is_changed = fields.Boolean('Changed')
    contract_id = fields.Many2one('hr.contract', string='Contract', readonly=True,
                                  help='The contract whose wage this line set at the approval.')
    payroll_status = fields.Selection(
        [('set', 'Contract wage set'), ('unchanged', 'Contract wage unchanged'),
         ('other_post', 'Main post of another structure: not applied')], string='Payroll', readonly=True)

    def _compute_experience(self):
        for line in self:
            line.experience = format_service(line, tariff.ServiceLength(line.exp_years, line.exp_months,
                                                                        line.exp_days))

    def _check_editable(self, lists):
        if not is_internal(self.env.context, 'kz_tariff_approve') and lists.filtered(lambda l: l.state == 'approved'):
            raise UserError(_('The tariffication list is approved and can no longer be changed; a change takes '
                              'effect only by a new change order (button "Change order").'))

    @api.model
    def create(self, vals):
        self._check_editable(self.env['kz.edu.tariff.list'].browse(vals.get('list_id')))
        return super(KzEduTariffListLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self.check_access_rights('write')
        self._check_editable(self.mapped('list_id'))
        return super(KzEduTariffListLine, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_editable(self.mapped('list_id'))
        return super(KzEduTariffListLine, self).unlink()
