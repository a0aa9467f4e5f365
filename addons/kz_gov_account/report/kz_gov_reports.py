# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4 and the ledgers (ACC-02, ACC-13) as XLSX and PDF, on the suite's one document
renderer (kz_edu_base: kz_document, kz_xlsx and the QWeb layout kz_edu_base.document_report); the document is
kz.gov.report.wizard.kz_document() (the mixins' default _kz_documents). One XLSX and one PDF report model per report:
their names are the report actions' names in kz_gov_reports.xml."""
from odoo import models

REPORTS = ('fo1', 'fo2', 'fo3', 'fo4', 'turnover', 'journal_main', 'account_card')

for _report in REPORTS:
    for _kind, _base in (('xlsx', 'kz.edu.document.xlsx'), ('pdf', 'kz.edu.document.pdf')):
        type('KzGov%s%s' % (_report.title().replace('_', ''), _kind.title()), (models.AbstractModel,), {
            '__module__': __name__,
            '_name': 'report.kz_gov_account.%s_%s' % (_report, _kind),
            '_inherit': _base,
        })
