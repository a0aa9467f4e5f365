# -*- coding: utf-8 -*-
"""Budget execution as XLSX and PDF (ACC-17), on the suite's one document renderer (kz_edu_base: kz_document,
kz_xlsx and the QWeb layout kz_edu_base.document_report); the document is kz.gov.budget.execution.kz_document()."""
from odoo import api, models


class KzGovBudgetExecutionDocument(models.AbstractModel):
    _name = 'kz.gov.budget.execution.document'
    _inherit = 'kz.edu.document.report'
    _description = 'Budget execution document'

    @api.model
    def _kz_documents(self, records, data=None):
        return [wizard.kz_document() for wizard in records[:1]]


class KzGovBudgetExecutionXlsx(models.AbstractModel):
    _name = 'report.kz_gov_account.budget_execution_xlsx'
    _inherit = ['kz.edu.document.xlsx', 'kz.gov.budget.execution.document']


class KzGovBudgetExecutionPdf(models.AbstractModel):
    _name = 'report.kz_gov_account.budget_execution_pdf'
    _inherit = ['kz.edu.document.pdf', 'kz.gov.budget.execution.document']
