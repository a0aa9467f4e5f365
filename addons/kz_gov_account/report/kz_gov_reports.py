# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4 and the ledgers (ACC-02, ACC-13) as XLSX and PDF, on the suite's one document
renderer (kz_edu_base: kz_document, kz_xlsx and the QWeb layout kz_edu_base.document_report); the document is
kz.gov.report.wizard.kz_document(). One XLSX and one PDF report model per report: their names are the report
actions' names in kz_gov_reports.xml."""
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

REPORTS = ('fo1', 'fo2', 'fo3', 'fo4', 'turnover', 'journal_main', 'account_card')

document_reports(__name__, *['%s_%s' % (report, kind) for report in REPORTS for kind in ('xlsx', 'pdf')])
