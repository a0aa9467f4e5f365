# -*- coding: utf-8 -*-
"""Canteen documents (HSC-05, HSC-10): the monthly meal report, the табель and the reconciliation as XLSX and PDF
through the suite's one document renderer (kz_edu_base). The document itself is described once, as a
kz_document.Document, by ``kz_document()`` of kz.canteen.report.wizard or kz.canteen.reconcile.wizard."""
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

document_reports(__name__, 'meal_report_xlsx', 'meal_report_pdf', 'reconcile_xlsx', 'reconcile_pdf')
