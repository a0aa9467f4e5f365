# -*- coding: utf-8 -*-
"""Tariffication parameters in the database: dated rows with their legal source and status, loaded once from
``data/kz_tariff_parameters.csv`` and ``data/kz_tariff_coefficients.csv`` and kept by the chief bookkeeper (a new
БДО or МРП is a new row, not a release). ``engine_rows()`` hands them to the pure rules of ``tariff.py``."""
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import tariff

STATUSES = [('CONFIRMED', 'Confirmed'), ('UNCONFIRMED', 'Unconfirmed')]


def _clean(number):
    """A Decimal read from a numeric column without its trailing zeros ('17697.0000' → '17697', '0.3000' → '0.3')."""
    if number is None:
        return None
    number = Decimal(number)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _date_str(value):
    return fields.Date.to_string(value) if value else False


class KzEduTariffParameter(models.Model):
    _name = 'kz.edu.tariff.parameter'
    _description = 'Tariffication parameter (dated)'
    _order = 'code, date_from desc'

    code = fields.Char(required=True, index=True, help='e.g. BDO, NORM_WEEKLY_HOURS, CATEGORY_MODERATOR_RATE')
    date_from = fields.Date(string='Valid from', required=True)
    date_to = fields.Date(string='Valid to', help='Empty: still in force.')
    value = fields.Float(required=True, digits=(16, 4))
    unit = fields.Char()
    source = fields.Text(required=True, help='The legal act or publication the value comes from.')
    status = fields.Selection(STATUSES, required=True, default='UNCONFIRMED',
                              help='Confirmed: stated by the act, the Ministry or an official clarification. '
                                   'Unconfirmed: a calculator, ambiguous press or an inference; lists that use it '
                                   'show its code.')

    _sql_constraints = [
        ('code_date_unique', 'unique(code, date_from)', 'A parameter has one value per start date.'),
    ]

    @api.constrains('code', 'date_from', 'date_to')
    def _check_periods(self):
        for row in self:
            if row.date_to and row.date_to < row.date_from:
                raise ValidationError(_('Parameter %s ends before it starts.') % row.code)
            overlap = self.search([('id', '!=', row.id), ('code', '=', row.code),
                                   ('date_from', '<=', row.date_to or '9999-12-31'),
                                   '|', ('date_to', '=', False), ('date_to', '>=', row.date_from)], limit=1)
            if overlap:
                raise ValidationError(_('Parameter %s: the rows from %s and from %s overlap.')
                                      % (row.code, overlap.date_from, row.date_from))

    @api.model
    def load_csv(self):
        """Create the rows of data/kz_tariff_parameters.csv that do not exist yet (by code and start date); called
        from data/kz_edu_tariff_parameter_data.xml at install and update. Existing rows are never overwritten."""
        existing = {(r['code'], r['date_from']) for r in self.search_read([], ['code', 'date_from'])}
        for row in tariff.load_parameters():
            key = (row['code'], _date_str(row['date_from']))
            if key in existing:
                continue
            self.create({'code': row['code'], 'date_from': key[1], 'date_to': _date_str(row['date_to']),
                         'value': float(row['value']), 'unit': row['unit'], 'source': row['source'],
                         'status': row['status']})
        return True

    @api.model
    def engine_rows(self):
        """Every row as the dicts ``tariff.teacher_pay(parameters=...)`` expects (values as exact Decimals)."""
        # one query; the numeric column comes back as Decimal, the ORM would give floats
        self.env.cr.execute('SELECT code, date_from, date_to, value, unit, source, status FROM kz_edu_tariff_parameter')
        return [{'code': code, 'date_from': d_from, 'date_to': d_to, 'value': _clean(value), 'unit': unit or '',
                 'source': source or '', 'status': status}
                for code, d_from, d_to, value, unit, source, status in self.env.cr.fetchall()]


class KzEduTariffCoefficient(models.Model):
    _name = 'kz.edu.tariff.coefficient'
    _description = 'Coefficient grid row (block × years of service)'
    _order = 'block, date_from desc, exp_from_years'

    block = fields.Char(string='Pay block', required=True, index=True,
                        help='Functional block of the register, e.g. В2-3 (Government decree No. 1193 of 31.12.2015, '
                             'appendix 2).')
    exp_from_years = fields.Float(string='Service from (years)', required=True, digits=(4, 1))
    exp_to_years = fields.Float(string='Service to (years)', digits=(4, 1),
                                help='Not included: the step is from ≤ years < to. Empty: and more.')
    coefficient = fields.Float(required=True, digits=(6, 3))
    date_from = fields.Date(string='Valid from', required=True)
    date_to = fields.Date(string='Valid to')
    source = fields.Text(required=True)
    status = fields.Selection(STATUSES, required=True, default='UNCONFIRMED')

    _sql_constraints = [
        ('step_unique', 'unique(block, exp_from_years, date_from)', 'A grid step has one coefficient per start date.'),
        ('coefficient_positive', 'CHECK(coefficient > 0)', 'The coefficient must be positive.'),
    ]

    @api.constrains('exp_from_years', 'exp_to_years', 'date_from', 'date_to')
    def _check_step(self):
        for row in self:
            if row.exp_from_years < 0 or (row.exp_to_years and row.exp_to_years <= row.exp_from_years):
                raise ValidationError(_('Grid row %s: the service step %s – %s is not valid.')
                                      % (row.block, row.exp_from_years, row.exp_to_years))
            if row.date_to and row.date_to < row.date_from:
                raise ValidationError(_('Grid row %s ends before it starts.') % row.block)

    @api.model
    def load_csv(self):
        """Create the grid rows of data/kz_tariff_coefficients.csv that do not exist yet (block, step, start)."""
        existing = {(r['block'], r['exp_from_years'], r['date_from'])
                    for r in self.search_read([], ['block', 'exp_from_years', 'date_from'])}
        for row in tariff.load_coefficients():
            key = (row['block'], float(row['exp_from_years']), _date_str(row['date_from']))
            if key in existing:
                continue
            self.create({'block': row['block'], 'exp_from_years': key[1],
                         'exp_to_years': float(row['exp_to_years']) if row['exp_to_years'] is not None else False,
                         'coefficient': float(row['coefficient']), 'date_from': key[2],
                         'date_to': _date_str(row['date_to']), 'source': row['source'], 'status': row['status']})
        return True

    @api.model
    def engine_rows(self):
        """Every grid row as the dicts ``tariff.coefficient_for(table=...)`` expects (exact Decimals)."""
        self.env.cr.execute('SELECT block, exp_from_years, exp_to_years, coefficient, date_from, date_to, source, '
                            'status FROM kz_edu_tariff_coefficient')
        return [{'block': block, 'exp_from_years': _clean(exp_from),
                 'exp_to_years': _clean(exp_to) if exp_to else None, 'coefficient': _clean(coefficient),
                 'date_from': d_from, 'date_to': d_to, 'source': source or '', 'status': status}
                for block, exp_from, exp_to, coefficient, d_from, d_to, source, status in self.env.cr.fetchall()]
