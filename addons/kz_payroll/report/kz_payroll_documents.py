"""Payroll documents (ACC-11, ACC-12) through the suite's one renderer (kz_edu_base): the XLSX and PDF reports print
kz.payroll.document.wizard.kz_documents() (payslips, summary, bank register, contribution lists, form 200.00 data,
the time sheet with a column per day)."""
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

document_reports(__name__, 'payroll_document_xlsx', 'payroll_document_pdf')
