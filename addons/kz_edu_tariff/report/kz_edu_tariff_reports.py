# -*- coding: utf-8 -*-
"""The tariffication list as XLSX and PDF through the suite's one renderer (kz_edu_base): both print
``kz.edu.tariff.list.kz_document()`` in the language of the context (the print wizard sets kk_KZ or ru_RU)."""
from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

document_reports(__name__, 'tariff_list_xlsx', 'tariff_list_pdf')
