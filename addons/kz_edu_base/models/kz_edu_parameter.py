# -*- coding: utf-8 -*-
"""The one dated-parameter store of the suite (issue #15): every rate, threshold and indicator with a validity
period and the legal act it comes from, МРП and МЗП entered once for payroll and tariffication alike.

A capability adds its domain to ``domain`` (``selection_add``), loads its CSV with ``load_csv`` from a data file
and reads values with ``get`` / ``get_many`` (one code) or ``engine_rows`` (every row its rule module needs, one
query). Only confirmed rows are read; a confirmed row is never edited: a new value is a new dated row. The pure
side (reading the CSV, overlaps, a school's own rows over the country's) is ``kz_edu_base/kz_parameters.py``.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_resource

from .. import dated_rows, kz_parameters
from ..kz_dates import format_date, to_date
from ..internal import internal_context

STATES = [('draft', 'Draft'), ('confirmed', 'Confirmed')]
SOURCE_STATUSES = [('CONFIRMED', 'Stated by the act'), ('UNCONFIRMED', 'UNCONFIRMED (to be checked)')]


class KzEduParameter(models.Model):
    _name = 'kz.edu.parameter'
    _inherit = 'kz.edu.lock.mixin'
    _description = 'Dated parameter'
    _order = 'domain, code, company_id, date_from desc'

    _kz_lock_open_states = ('draft',)
    # a confirmed row keeps its code, value and period; its name, the wording of its source and how sure that source
    # is may still be corrected (the value the engines read does not change)
    _kz_lock_free_fields = ('name', 'source', 'source_status')

    code = fields.Char(required=True, index=True, help='The code the rules read, e.g. MRP, OPV_RATE, BDO.')
    name = fields.Char(translate=True, help='What the parameter is, in the user\'s language (МРП, АЕК).')
    date_from = fields.Date(string='Valid from', required=True, index=True)
    date_to = fields.Date(string='Valid to', help='Empty: until a new row replaces it.')
    value = fields.Char(help='The exact value as written in the act: a number (4325, 0.035) read as an exact '
                             'decimal, never as a float; or a code / list of codes when the unit says so.')
    unit = fields.Char(help='KZT, rate, MRP, MZP, hours, years; "code" or "codes" for a value that is not a number.')
    domain = fields.Selection([('general', 'Country-wide indicators')], required=True, default='general',
                              index=True, help='The capability that reads the parameter.')
    source = fields.Text(string='Legal source', required=True,
                         help='The act and its article (name, date, number) the value comes from.')
    source_status = fields.Selection(SOURCE_STATUSES, string='Source', required=True, default='CONFIRMED',
                                     help='UNCONFIRMED: read from a calculator, the press or inferred; the documents '
                                          'that use it show its code.')
    state = fields.Selection(STATES, string='Status', required=True, default='draft', readonly=True, copy=False,
                             help='Only confirmed rows are used; a confirmed row changes only by a new dated row.')
    company_id = fields.Many2one('res.company', string='School', index=True,
                                 default=lambda self: self._kz_default_company(),
                                 help='Empty: the whole country (kept by the administrator). A school\'s own row wins '
                                      'over the country\'s on the days it covers.')

    @api.model
    def _kz_default_company(self):
        """A school's officer enters rows of her own school (the country's rows are the administrator's, see the
        record rules); the administrator starts from a country-wide row."""
        user = self.env.user
        return False if user.has_group('base.group_system') else user.company_id

    @api.constrains('value', 'unit', 'date_from', 'date_to')
    def _check_value(self):
        for row in self.sudo():          # see _check_overlap
            if row.date_to and row.date_to < row.date_from:
                raise ValidationError(_('Parameter %s ends before it starts.') % row.code)
            if (row.unit or '').strip() not in kz_parameters.TEXT_UNITS:
                kz_parameters.number(row.value, row.code, error=lambda message, row=row: ValidationError(
                    _('The value of parameter %s must be a number, got "%s".') % (row.code, row.value)))

    @api.constrains('code', 'date_from', 'date_to', 'state', 'company_id')
    def _check_overlap(self):
        # read as the system: a row the user may not keep (another school's) is refused by the record rules after
        # the constraints, with Odoo's access error, not with a constraint's failure to read it
        for row in self.sudo().filtered(lambda r: r.state == 'confirmed'):
            overlap = self.sudo().search([
                ('id', '!=', row.id), ('state', '=', 'confirmed'), ('code', '=', row.code),
                ('company_id', '=', row.company_id.id), ('date_from', '<=', row.date_to or '9999-12-31'),
                '|', ('date_to', '=', False), ('date_to', '>=', row.date_from)], limit=1)
            if overlap:
                raise ValidationError(_('Parameter %s: the confirmed rows from %s and from %s are valid on the same '
                                        'day. Close the earlier row (its end date) first.')
                                      % (row.code, format_date(overlap.date_from), format_date(row.date_from)))

    # ------------------------------------------------------------------------------------------- CRUD
    def _kz_check_school(self, company_id):
        """Say up front, in the user's words, why a row for the country or for another school is refused (the
        record rules refuse it anyway, with Odoo's general message that names no school)."""
        user = self.env.user
        if self.env.uid == SUPERUSER_ID or user.has_group('base.group_system') or self._kz_lock_internal():
            return
        own = self.env['res.company'].sudo().search([('id', 'child_of', user.company_id.id)])
        if not company_id:
            raise AccessError(_('A country-wide parameter (МРП, МЗП, the rates and norms of the law) is kept by the '
                                'administrator for every school. Enter a row of your own school, %s.')
                              % user.company_id.name)
        if company_id not in own.ids:
            raise AccessError(_('You keep the parameters of %s, not of %s.')
                              % (user.company_id.name, self.env['res.company'].sudo().browse(company_id).name))

    @api.model
    def create(self, vals):
        if 'company_id' in vals:
            self._kz_check_school(vals['company_id'])
        return super(KzEduParameter, self).create(vals)

    @api.multi
    def write(self, vals):
        """A confirmed row without an end date may be closed (``date_to`` set once, when its successor is
        entered); anything else of its value and period stays as it is (kz.edu.lock.mixin)."""
        closing = set(vals) - set(self._kz_lock_free_fields) == {'date_to'} and vals['date_to']
        if closing and not self._kz_lock_internal():
            closed = self._kz_closed()
            if closed and not closed.filtered('date_to'):
                self.check_access_rights('write')
                self.check_access_rule('write')
                return self._kz_write_internal(vals)
        if 'company_id' in vals:
            self._kz_check_school(vals['company_id'])
        return super(KzEduParameter, self).write(vals)

    def _kz_lock_message(self, record, operation):
        return _('Parameter %s from %s is confirmed: it is no longer changed or deleted. A new value is a new row '
                 'from the date it applies.') % (record.name or record.code, format_date(record.date_from))

    def _kz_state_message(self):
        return _('A parameter is confirmed only with its Confirm button.')

    # ------------------------------------------------------------------------------------------- actions
    @api.multi
    def action_confirm(self):
        self.check_access_rights('write')
        self.check_access_rule('write')
        self.filtered(lambda r: r.state == 'draft')._kz_write_internal({'state': 'confirmed'})
        return True

    # ------------------------------------------------------------------------------------------- loading
    @api.model
    def load_csv(self, module, path, domain):
        """Create the confirmed rows of ``module``'s CSV ``path`` (e.g. 'data/kz_payroll_parameters.csv') that are
        not in the store yet (same code, start date, country-wide), in ``domain``. Rows already there are kept as
        they are: a later year is entered in the screen, never overwritten by an update. Called from the addon's
        data file (``<function model="kz.edu.parameter" name="load_csv" eval="[module, path, domain]"/>``)."""
        rows = kz_parameters.read_csv(get_module_resource(module, *path.split('/')))
        codes = {row['code'] for row in rows}
        Store = self.sudo().with_context(**internal_context(kz_lock_internal=True))
        existing = [r for r in Store.engine_rows(codes=sorted(codes)) if not r['company_id']]
        foreign = Store.search([('code', 'in', sorted(codes)), ('domain', '!=', domain)], limit=1)
        if foreign:
            raise UserError(_('Parameter %s belongs to %s, not to %s: a code is defined in one place.')
                            % (foreign.code, foreign.domain, domain))
        langs = set(self.env['res.lang'].search([]).mapped('code'))
        self._kz_name_unnamed(Store, rows, langs)
        self._kz_update_sources(Store, rows)
        for row in rows:
            if any(kz_parameters.overlap(row, other) for other in existing if other['code'] == row['code']):
                # the same row, or a value entered in the screen for that period: the store keeps what it has
                continue
            start = fields.Date.to_string(row['date_from'])
            record = Store.create({
                'code': row['code'], 'name': row.get('name') or row['code'], 'date_from': start,
                'date_to': row['date_to'] and fields.Date.to_string(row['date_to']) or False,
                'value': row['value'], 'unit': row['unit'], 'domain': domain, 'source': row['source'],
                'source_status': row['status'], 'state': 'confirmed'})
            for lang, key in (('kk_KZ', 'name_kk'), ('ru_RU', 'name_ru')):
                if row.get(key) and lang in langs:
                    record.with_context(lang=lang).write({'name': row[key]})
        return True

    @api.model
    def _kz_update_sources(self, Store, rows):
        """A row loaded by an earlier version of the CSV keeps its value and period, but the CSV's word on where the
        value comes from wins: its source and status (a row found UNCONFIRMED, or since confirmed by the act) are
        brought up to date. A row whose value or period differs from the CSV's (entered in the screen) is left."""
        by_key = {(row['code'], row['date_from']): row for row in rows}
        for record in Store.search([('code', 'in', sorted({code for code, _day in by_key})),
                                    ('company_id', '=', False)]):
            row = by_key.get((record.code, fields.Date.from_string(record.date_from)))
            if not row or record.value != row['value'] or \
                    fields.Date.from_string(record.date_to) != (row['date_to'] or None):
                continue
            changes = {key: row[field] for key, field in (('source', 'source'), ('source_status', 'status'))
                       if row[field] and record[key] != row[field]}
            if changes:
                record.write(changes)

    @api.model
    def _kz_name_unnamed(self, Store, rows, langs):
        """Rows loaded before the CSV named its codes show the bare code: give them the CSV's names (en, kk, ru) on
        the update. A name typed in the screen (not the code) is kept."""
        names = {row['code']: row for row in rows if row.get('name')}
        if not names:
            return
        for record in Store.search([('code', 'in', sorted(names)), ('company_id', '=', False)]):
            row = names[record.code]
            if record.with_context(lang='en_US').name != record.code:
                continue
            record.with_context(lang='en_US').write({'name': row['name']})
            for lang, key in (('kk_KZ', 'name_kk'), ('ru_RU', 'name_ru')):
                if row.get(key) and lang in langs:
                    record.with_context(lang=lang).write({'name': row[key]})

    # ------------------------------------------------------------------------------------------- reading
    @api.model
    def engine_rows(self, codes=None, domains=None):
        """The confirmed rows (of ``codes`` / ``domains`` when given) as the dicts of ``kz_parameters``: dates as
        dates, ``value`` its exact text, ``status`` how sure the source is, ``company_id`` (None = the country).
        One query; a caller computing a batch reads its rows once and resolves every date in memory
        (``kz_parameters.company_view``, ``dated_rows.in_force``)."""
        self.check_access_rights('read')
        query = ['SELECT code, date_from, date_to, value, unit, source, source_status, company_id '
                 'FROM kz_edu_parameter WHERE state = %s']
        params = ['confirmed']
        if codes is not None:
            query.append('AND code IN %s')
            params.append(tuple(codes) or ('',))
        if domains is not None:
            query.append('AND domain IN %s')
            params.append(tuple(domains) or ('',))
        # parametrised SQL: the ORM's read of 60 rows costs its prefetch and float conversions on every batch
        self.env.cr.execute(' '.join(query), params)
        return [{'code': code, 'date_from': to_date(d_from), 'date_to': to_date(d_to, required=False),
                 'value': value, 'unit': unit or '', 'source': source or '', 'status': status,
                 'company_id': company_id or None}
                for code, d_from, d_to, value, unit, source, status, company_id in self.env.cr.fetchall()]

    @api.model
    def rows_for(self, domains, company=None):
        """The confirmed rows of ``domains`` one school uses (``company`` as in ``get``): its own rows on the days
        they cover, the country's on the others; what a rule module's ``parameters=`` takes. One query."""
        return kz_parameters.company_view(self.engine_rows(domains=domains), self._kz_company_id(company))

    def _kz_company_id(self, company):
        if company is None:
            return self.env.user.company_id.id
        return company.id if isinstance(company, models.BaseModel) else (company or None)

    @api.model
    def _kz_typed(self, row):
        if row['unit'] in kz_parameters.TEXT_UNITS:
            return row['value']
        return kz_parameters.number(row['value'], row['code'])

    @api.model
    def _kz_missing(self, code, day):
        named = self.search([('code', '=', code)], order='date_from desc', limit=1)
        raise UserError(_('No confirmed value of %(name)s on %(date)s.')
                        % {'name': named.name or code, 'date': format_date(day)})

    @api.model
    def get(self, code, date, company=None):
        """The value of ``code`` on ``date`` (a date or 'YYYY-MM-DD'): an exact Decimal, or the text of a code
        parameter. ``company`` (a record or an id; None = the user's school, False = only the country's rows): the
        school's own row wins. No confirmed row: a UserError in the user's language naming the parameter and day."""
        return self.get_many(code, [date], company)[to_date(date)]

    @api.model
    def get_many(self, code, dates, company=None):
        """``{date: value}`` of ``code`` for a batch of dates, read in one query (see ``get``)."""
        rows = kz_parameters.company_view(self.engine_rows(codes=[code]), self._kz_company_id(company))
        result = {}
        for day in dates:
            day = to_date(day)
            row = dated_rows.in_force(rows, day).get(code)
            if row is None:
                self._kz_missing(code, day)
            result[day] = self._kz_typed(row)
        return result
