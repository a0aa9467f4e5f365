# -*- coding: utf-8 -*-
"""Budget execution as XLSX and PDF (ACC-17), on the suite's one document renderer (kz_edu_base); the document is
kz.gov.budget.execution.kz_document()."""
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

document_reports(__name__, 'budget_execution_xlsx', 'budget_execution_pdf')
