"""Payroll documents (ACC-11, ACC-12) through the suite's one renderer (kz_edu_base: kz_document, kz_xlsx and the
QWeb layout kz_edu_base.document_report): the XLSX (OCA report_xlsx) and PDF report models share
``_kz_documents``, which asks kz.payroll.document.wizard.kz_documents() for the Documents (payslips, summary, bank
register, contribution lists, form 200.00 data, the time sheet with a column per day)."""
from odoo import api, models


class KzPayrollDocumentReport(models.AbstractModel):
    _name = 'kz.payroll.document.report'
    _inherit = 'kz.edu.document.report'
    _description = 'Payroll document (shared by the XLSX and PDF reports)'

    @api.model
    def _kz_documents(self, records, data=None):
        return records[:1].kz_documents()


class KzPayrollDocumentXlsx(models.AbstractModel):
    _name = 'report.kz_payroll.payroll_document_xlsx'
    _inherit = ['kz.edu.document.xlsx', 'kz.payroll.document.report']
    _description = 'Payroll document: XLSX'


class KzPayrollDocumentPdf(models.AbstractModel):
    _name = 'report.kz_payroll.payroll_document_pdf'
    _inherit = ['kz.edu.document.pdf', 'kz.payroll.document.report']
    _description = 'Payroll document: PDF'
