# -*- coding: utf-8 -*-
"""The parameters of the typical rules of assessment are rows of the suite's one dated-parameter store
(kz.edu.parameter, domain assessment), loaded from ``data/kz_assessment_parameters.csv`` and kept by the deputy
director: a new scale or new weights (the 2026 debate on dropping СОр/СОч) is a new row from a date, not a release.
``kz_assessment_params`` hands them to ``assessment_rules``."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import assessment_rules

#: the domains of kz.edu.parameter the assessment rules read
ASSESSMENT_DOMAINS = ('assessment',)


class KzEduParameter(models.Model):
    _inherit = 'kz.edu.parameter'

    domain = fields.Selection(selection_add=[('assessment', 'Assessment')])

    @api.model
    def kz_assessment_params(self, on_date, company=None):
        """The assessment parameters in force on a date for the school (``company`` as in ``get``), or a translated
        UserError naming what is missing or wrong."""
        try:
            return assessment_rules.parameters_on(self.sudo().rows_for(ASSESSMENT_DOMAINS, company), on_date)
        except assessment_rules.AssessmentError as exc:
            raise UserError(self.env['kz.edu.lesson.entry']._kz_rules_message(exc))
