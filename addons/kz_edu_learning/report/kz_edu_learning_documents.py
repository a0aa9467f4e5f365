# -*- coding: utf-8 -*-
"""The journal's documents as XLSX and PDF through kz_edu_base's one document renderer (issue #15): the wizard's
``kz_document()`` describes the document once (a kz_document.Document in the wizard's language)."""
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

document_reports(__name__, 'learning_report_xlsx', 'learning_report_pdf')
