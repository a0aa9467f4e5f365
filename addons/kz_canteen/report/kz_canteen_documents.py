# -*- coding: utf-8 -*-
"""Canteen documents (HSC-05, HSC-10): the monthly meal report, the табель and the reconciliation as XLSX and PDF
through the suite's one document renderer (kz_edu_base: ``kz.edu.document.xlsx`` / ``kz.edu.document.pdf``, the
QWeb layout ``kz_edu_base.document_report``). The document itself is described once, as a kz_document.Document, by
``report_data()`` of kz.canteen.report.wizard or kz.canteen.reconcile.wizard."""
from odoo import api, models


class KzCanteenDocumentReport(models.AbstractModel):
    """The canteen's documents of the printed wizards, one per wizard (the XLSX and the PDF models inherit it)."""
    _name = 'kz.canteen.document.report'
    _inherit = 'kz.edu.document.report'
    _description = 'Canteen document report'

    @api.model
    def _kz_documents(self, records, data=None):
        return [record.report_data() for record in records]


class KzCanteenMealReportXlsx(models.AbstractModel):
    _name = 'report.kz_canteen.meal_report_xlsx'
    _inherit = ['kz.canteen.document.report', 'kz.edu.document.xlsx']


class KzCanteenReconcileXlsx(models.AbstractModel):
    _name = 'report.kz_canteen.reconcile_xlsx'
    _inherit = ['kz.canteen.document.report', 'kz.edu.document.xlsx']


class KzCanteenMealReportPdf(models.AbstractModel):
    _name = 'report.kz_canteen.meal_report_pdf'
    _inherit = ['kz.canteen.document.report', 'kz.edu.document.pdf']


class KzCanteenReconcilePdf(models.AbstractModel):
    _name = 'report.kz_canteen.reconcile_pdf'
    _inherit = ['kz.canteen.document.report', 'kz.edu.document.pdf']
