from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KzEduAcademicYear(models.Model):
    """Academic year: 1 September - 31 August (Law on Education, art. 1; order No. 125 on the school year)."""
    _name = 'kz.edu.academic.year'
    _description = 'Academic year'
    _order = 'date_start desc'

    name = fields.Char(required=True, help='e.g. 2026-2027')
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    period_ids = fields.One2many('kz.edu.academic.period', 'year_id', string='Quarters and terms', copy=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [('name_unique', 'unique(name)', 'An academic year with this name already exists.')]

    @api.constrains('date_start', 'date_end')
    def _check_dates(self):
        for year in self:
            if year.date_end <= year.date_start:
                raise ValidationError(_('The academic year must end after it starts.'))
            overlap = self.search_count([('id', '!=', year.id), ('date_start', '<=', year.date_end),
                                         ('date_end', '>=', year.date_start)])
            if overlap:
                raise ValidationError(_('Academic year %s overlaps another academic year.') % year.name)

    @api.model
    def for_date(self, date):
        """The academic year containing `date` (a string or date), or an empty recordset."""
        return self.search([('date_start', '<=', date), ('date_end', '>=', date)], limit=1)

    @api.model
    def ensure_year(self, start_year):
        """The academic year starting on 1 September of `start_year`, created with four quarters if missing."""
        name = '%d-%d' % (start_year, start_year + 1)
        year = self.search([('name', '=', name)])
        if year:
            return year
        # Quarters as a school calendar usually has them; adjust each year to the Ministry's order on holidays.
        quarters = [('1', '%d-09-01' % start_year, '%d-10-26' % start_year),
                    ('2', '%d-11-03' % start_year, '%d-12-28' % start_year),
                    ('3', '%d-01-08' % (start_year + 1), '%d-03-18' % (start_year + 1)),
                    ('4', '%d-03-30' % (start_year + 1), '%d-05-25' % (start_year + 1))]
        return self.create({
            'name': name, 'date_start': '%d-09-01' % start_year, 'date_end': '%d-08-31' % (start_year + 1),
            'period_ids': [(0, 0, {'name': q, 'kind': 'quarter', 'sequence': int(q), 'date_start': a,
                                   'date_end': b}) for q, a, b in quarters],
        })

    @api.multi
    def next_year(self):
        self.ensure_one()
        return self.ensure_year(fields.Date.from_string(self.date_start).year + 1)


class KzEduAcademicPeriod(models.Model):
    _name = 'kz.edu.academic.period'
    _description = 'Quarter or term'
    _order = 'year_id, sequence'

    year_id = fields.Many2one('kz.edu.academic.year', required=True, ondelete='cascade')
    name = fields.Char(required=True)
    kind = fields.Selection([('quarter', 'Quarter'), ('semester', 'Semester'), ('term', 'Term')],
                            required=True, default='quarter')
    sequence = fields.Integer(default=1)
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)

    @api.constrains('date_start', 'date_end', 'year_id')
    def _check_inside_year(self):
        for period in self:
            year = period.year_id
            if not (year.date_start <= period.date_start <= period.date_end <= year.date_end):
                raise ValidationError(_('A quarter or term must lie inside its academic year.'))
