# -*- coding: utf-8 -*-
"""The tariffication list as XLSX (OCA report_xlsx) and PDF (QWeb), through the suite's one renderer (kz_edu_base:
kz_document, kz_xlsx and the layout kz_edu_base.document_report). Both print ``kz.edu.tariff.list.kz_document()``
in the language of the context (the print wizard sets kk_KZ or ru_RU)."""
from odoo import api, models


class KzEduTariffListReport(models.AbstractModel):
    _name = 'kz.edu.tariff.list.report'
    _inherit = 'kz.edu.document.report'
    _description = 'Tariffication list (shared by the XLSX and PDF reports)'

    @api.model
    def _kz_documents(self, records, data=None):
        lang = self.env.context.get('lang')
        return [tlist.with_context(lang=lang).kz_document() for tlist in records]


class KzEduTariffListXlsx(models.AbstractModel):
    _name = 'report.kz_edu_tariff.tariff_list_xlsx'
    _inherit = ['kz.edu.document.xlsx', 'kz.edu.tariff.list.report']
    _description = 'Tariffication list: XLSX'


class KzEduTariffListPdf(models.AbstractModel):
    _name = 'report.kz_edu_tariff.tariff_list_pdf'
    _inherit = ['kz.edu.document.pdf', 'kz.edu.tariff.list.report']
    _description = 'Tariffication list: PDF'
