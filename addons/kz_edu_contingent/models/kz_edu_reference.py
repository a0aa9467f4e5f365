from odoo import fields, models


class KzEduGrade(models.Model):
    """Grade (сынып/класс) 0 (pre-school) to 12; TVET courses use kz.edu.class.course instead."""
    _name = 'kz.edu.grade'
    _description = 'Grade'
    _order = 'sequence'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(required=True, help='0 for the pre-school class, then 1 to 12.')
    level = fields.Selection([('preschool', 'Pre-school'), ('primary', 'Primary (1-4)'), ('basic', 'Basic (5-9)'),
                              ('upper', 'Upper secondary (10-12)')], required=True)
    next_grade_id = fields.Many2one('kz.edu.grade', string='Next grade',
                                    help='Empty for the final grade: its students graduate.')

    _sql_constraints = [('sequence_unique', 'unique(sequence)', 'Each grade number exists once.')]


class KzEduSpecialty(models.Model):
    """TVET specialty and qualification (classifier of specialties of TVET) for college groups (TVET-04)."""
    _name = 'kz.edu.specialty'
    _description = 'TVET specialty'
    _order = 'code'

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    qualification = fields.Char(translate=True)
    duration_years = fields.Integer(default=3)


class KzEduMovementReason(models.Model):
    """Reasons of arrival and departure, as counted in the movement report.

    Designed from the data items of the administrative data forms of order of the MES No. 570 of 27.12.2012
    (НОБД); the exact official list is not in ../shared/domain (UNCONFIRMED): the list is data, editable."""
    _name = 'kz.edu.movement.reason'
    _description = 'Movement reason'
    _order = 'kind, sequence'

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection([('arrival', 'Arrival'), ('departure', 'Departure'), ('internal', 'Inside the school')],
                            required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_unique', 'unique(code)', 'The reason code must be unique.')]


class KzEduSocialCategory(models.Model):
    """Social category of a student: drives free meals and counts in reports."""
    _name = 'kz.edu.social.category'
    _description = 'Social category'
    _order = 'sequence'

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    free_meals = fields.Boolean(string='Free meals', default=True,
                                help='Students of this category in grades 5-11 get free meals.')
    legal_source = fields.Char(string='Legal source')
    active = fields.Boolean(default=True)

    _sql_constraints = [('code_unique', 'unique(code)', 'The category code must be unique.')]


class KzEduAllergen(models.Model):
    """Allergens a student's health record names; the canteen refuses dishes containing them (HSC-08)."""
    _name = 'kz.edu.allergen'
    _description = 'Allergen'
    _order = 'sequence, id'

    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [('code_unique', 'unique(code)', 'The allergen code must be unique.')]
