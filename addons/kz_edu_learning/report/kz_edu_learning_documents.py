# -*- coding: utf-8 -*-
"""The journal's documents as XLSX and PDF through kz_edu_base's one document renderer (issue #15): the wizard's
report_data() describes the document once (a kz_document.Document in the wizard's language); the report models
inherit kz.edu.document.xlsx / kz.edu.document.pdf and this one mixin."""
from odoo import api, models


class KzEduLearningDocuments(models.AbstractModel):
    """The documents of kz.edu.learning.report.wizard: the one the wizard describes."""
    _name = 'kz.edu.learning.documents'
    _inherit = 'kz.edu.document.report'
    _description = 'School journal documents (report)'

    @api.model
    def _kz_documents(self, records, data=None):
        return [wizard.report_data() for wizard in records[:1]]


class KzEduLearningReportXlsx(models.AbstractModel):
    _name = 'report.kz_edu_learning.learning_report_xlsx'
    _inherit = ['kz.edu.learning.documents', 'kz.edu.document.xlsx']


class KzEduLearningReportPdf(models.AbstractModel):
    _name = 'report.kz_edu_learning.learning_report_pdf'
    _inherit = ['kz.edu.learning.documents', 'kz.edu.document.pdf']
