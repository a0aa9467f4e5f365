# -*- coding: utf-8 -*-
"""The parameters of the typical rules of assessment as dated rows with their source and status, loaded once from
``data/kz_assessment_parameters.csv`` and kept by the deputy director: a new scale or new weights (the 2026 debate on
dropping СОр/СОч) is a new row from a date, not a release. ``engine_rows()`` hands them to ``assessment_rules``."""
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import assessment_rules

STATUSES = [('CONFIRMED', 'Confirmed'), ('UNCONFIRMED', 'Unconfirmed')]
CODES = [(code, code) for code in assessment_rules.CODES]


class KzEduAssessmentParameter(models.Model):
    _name = 'kz.edu.assessment.parameter'
    _description = 'Assessment parameter (dated)'
    _order = 'code, date_from desc'

    code = fields.Selection(CODES, required=True, index=True)
    date_from = fields.Date(string='Valid from', required=True)
    date_to = fields.Date(string='Valid to', help='Empty: still in force.')
    value = fields.Float(required=True, digits=(16, 4))
    unit = fields.Char()
    source = fields.Text(required=True, help='The legal act or publication the value comes from.')
    status = fields.Selection(STATUSES, required=True, default='UNCONFIRMED')

    _sql_constraints = [
        ('code_date_unique', 'unique(code, date_from)', 'A parameter has one value per start date.'),
    ]

    @api.constrains('code', 'date_from', 'date_to')
    def _check_periods(self):
        for row in self:
            if row.date_to and row.date_to < row.date_from:
                raise ValidationError(_('Parameter %s ends before it starts.') % row.code)
            overlap = self.search([('id', '!=', row.id), ('code', '=', row.code), ('date_from', '=', row.date_from)],
                                  limit=1)
            if overlap:
                raise ValidationError(_('Parameter %s already has a row from %s.') % (row.code, row.date_from))

    @api.model
    def load_csv(self):
        """Create the rows of the CSV that do not exist yet (by code and start date); existing rows are kept."""
        existing = {(r['code'], r['date_from']) for r in self.search_read([], ['code', 'date_from'])}
        for row in assessment_rules.load_parameters():
            key = (row['code'], fields.Date.to_string(row['date_from']))
            if key in existing:
                continue
            self.create({'code': row['code'], 'date_from': key[1],
                         'date_to': row['date_to'] and fields.Date.to_string(row['date_to']),
                         'value': float(row['value']), 'unit': row['unit'], 'source': row['source'],
                         'status': row['status']})
        return True

    @api.model
    def engine_rows(self):
        """Every row as assessment_rules expects them (exact Decimals from the numeric column)."""
        # Odoo's cursor gives dates as text and numerics as floats: back to dates and exact Decimals
        self.env.cr.execute('SELECT code, date_from, date_to, value::text, status FROM kz_edu_assessment_parameter')
        return [{'code': code, 'date_from': fields.Date.from_string(d_from),
                 'date_to': fields.Date.from_string(d_to) if d_to else None, 'value': Decimal(value).normalize(),
                 'status': status} for code, d_from, d_to, value, status in self.env.cr.fetchall()]

    @api.model
    def params_on(self, on_date):
        """The parameters in force on a date, or a translated UserError naming what is missing or wrong."""
        try:
            return assessment_rules.parameters_on(self.sudo().engine_rows(), on_date)
        except assessment_rules.AssessmentError as exc:
            raise UserError(self.env['kz.edu.lesson.entry']._kz_rules_message(exc))
