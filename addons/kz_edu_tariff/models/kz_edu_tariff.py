# -*- coding: utf-8 -*-
"""Tariffication parameters in the database: dated rows with their legal source and status, kept by the chief
bookkeeper (a new БДО or МРП is a new row, not a release). The parameters (``data/kz_tariff_parameters.csv``) are
rows of the suite's one store, kz.edu.parameter (domain tariff), read with the country-wide МРП through
``rows_for(TARIFF_DOMAINS, company)``; the coefficient grid (``data/kz_tariff_coefficients.csv``) is this addon's
own table. ``engine_rows()`` hands it to the pure rules of ``tariff.py``."""
from decimal import Decimal

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import tariff

STATUSES = [('CONFIRMED', 'Confirmed'), ('UNCONFIRMED', 'Unconfirmed')]
#: the domains of kz.edu.parameter tariff.py reads: the country-wide МРП and the tariffication parameters
TARIFF_DOMAINS = ('general', 'tariff')


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


class KzEduParameter(models.Model):
    """The tariffication rows of the suite's one dated-parameter store; tariff.py reads them with the country-wide
    МРП (``TARIFF_DOMAINS``)."""
    _inherit = 'kz.edu.parameter'

    domain = fields.Selection(selection_add=[('tariff', 'Tariffication')])


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
