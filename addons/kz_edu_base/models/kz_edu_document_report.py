# -*- coding: utf-8 -*-
"""The one renderer of the suite's documents (issue #15): a capability's report builds ``kz_document.Document``
objects in ``_kz_documents(records, data)``; ``kz.edu.document.xlsx`` writes them with ``kz_xlsx.write`` (OCA
report_xlsx), ``kz.edu.document.pdf`` gives them to the QWeb layout ``kz_edu_base.document_report``. A report that
offers both formats defines ``_kz_documents`` once, in a mixin of its own, and inherits it in both — or, when its
records have a ``kz_document()`` method, nothing: that is the default."""
from odoo import api, models

from .. import kz_xlsx


class KzEduDocumentReport(models.AbstractModel):
    _name = 'kz.edu.document.report'
    _description = 'Document report (shared)'

    @api.model
    def _kz_documents(self, records, data=None):
        """The documents to print for ``records`` (a list of kz_document.Document): by default each record's
        ``kz_document()``; a report whose records name it otherwise defines this method."""
        if not hasattr(records, 'kz_document'):
            raise NotImplementedError('%s must define _kz_documents (or %s kz_document)' % (self._name, records._name))
        return [record.kz_document() for record in records]

    @api.model
    def _kz_records(self, docids, data=None):
        report = self.env['ir.actions.report']._get_report_from_name(self._name[len('report.'):])
        return self.env[report.model].browse(docids or (data or {}).get('context', {}).get('active_ids', []))


class KzEduDocumentXlsx(models.AbstractModel):
    _name = 'kz.edu.document.xlsx'
    _inherit = ['report.report_xlsx.abstract', 'kz.edu.document.report']
    _description = 'Document report, XLSX (shared)'

    def generate_xlsx_report(self, workbook, data, objs):
        styles = kz_xlsx.Styles(workbook)
        for document in self._kz_documents(objs, data):
            kz_xlsx.write(workbook, document, styles)


class KzEduDocumentPdf(models.AbstractModel):
    _name = 'kz.edu.document.pdf'
    _inherit = 'kz.edu.document.report'
    _description = 'Document report, PDF (shared)'

    @api.model
    def get_report_values(self, docids, data=None):
        records = self._kz_records(docids, data)
        documents = [document.check() for document in self._kz_documents(records, data)]
        return {
            'doc_ids': records.ids,
            'doc_model': records._name,
            'docs': records,
            'documents': documents,
            'kz_cell_style': self._kz_cell_style,
        }

    @staticmethod
    def _kz_cell_style(value):
        style = getattr(value, 'style', '')
        return {'bold': 'font-weight: bold;', 'shaded': 'background-color: #e7e6e6;', 'small': 'font-size: 8px;',
                'warning': 'font-weight: bold; color: #c00000;', 'ok': 'color: #006100;',
                'crossed': 'text-align: center;'}.get(style)
