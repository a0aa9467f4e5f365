# -*- coding: utf-8 -*-
"""The one renderer of the suite's documents (issue #15). A record that prints documents (a report wizard, a
tariffication list) describes them as ``kz_document.Document`` objects: ``kz_document()`` for one record, or
``kz_documents()`` for a recordset when one record prints several (payslips, registers). The report models only
name themselves: ``document_reports(__name__, 'meal_report_xlsx', 'meal_report_pdf')`` in the addon declares
``report.<addon>.meal_report_xlsx`` on ``kz.edu.document.xlsx`` (written by ``kz_xlsx.write``, OCA report_xlsx) and
``report.<addon>.meal_report_pdf`` on ``kz.edu.document.pdf`` (the QWeb layout ``kz_edu_base.document_report``).
The records are asked in the context ``kz_document_format`` ('xlsx' or 'pdf'): a document may be fuller in a
spreadsheet than on paper."""
from odoo import api, models

from .. import kz_xlsx


class KzEduDocumentReport(models.AbstractModel):
    _name = 'kz.edu.document.report'
    _description = 'Document report (shared)'

    #: the format the report renders, given to the records as the context key kz_document_format
    _kz_format = None

    @api.model
    def _kz_documents(self, records, data=None):
        """The documents to print for ``records`` (a list of kz_document.Document): the records' ``kz_documents()``
        if their model has it, else the ``kz_document()`` of each."""
        records = records.with_context(kz_document_format=self._kz_format)
        if hasattr(records, 'kz_documents'):
            return list(records.kz_documents())
        return [record.kz_document() for record in records]

    @api.model
    def _kz_records(self, docids, data=None):
        report = self.env['ir.actions.report']._get_report_from_name(self._name[len('report.'):])
        return self.env[report.model].browse(docids or (data or {}).get('context', {}).get('active_ids', []))


class KzEduDocumentXlsx(models.AbstractModel):
    _name = 'kz.edu.document.xlsx'
    _inherit = ['report.report_xlsx.abstract', 'kz.edu.document.report']
    _description = 'Document report, XLSX (shared)'
    _kz_format = 'xlsx'

    def generate_xlsx_report(self, workbook, data, objs):
        styles = kz_xlsx.Styles(workbook)
        for document in self._kz_documents(objs, data):
            kz_xlsx.write(workbook, document, styles)


class KzEduDocumentPdf(models.AbstractModel):
    _name = 'kz.edu.document.pdf'
    _inherit = 'kz.edu.document.report'
    _description = 'Document report, PDF (shared)'
    _kz_format = 'pdf'

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


_RENDERERS = {'xlsx': 'kz.edu.document.xlsx', 'pdf': 'kz.edu.document.pdf'}


def document_reports(module, *report_names):
    """Declare the report models of an addon's documents, one per report action: ``report_names`` are the actions'
    ``report_name`` without the addon (``'meal_report_xlsx'``); the ending ``_xlsx`` or ``_pdf`` chooses the renderer.
    Called at import by the addon's module ``module`` (its ``__name__``), which makes the models the addon's."""
    addon = module.split('.')[2]
    declared = []
    for report_name in report_names:
        renderer = _RENDERERS[report_name.rsplit('_', 1)[-1]]
        name = 'report.%s.%s' % (addon, report_name)
        declared.append(type(str(name.replace('.', '_')), (models.AbstractModel,), {
            '__module__': module, '_name': name, '_inherit': renderer, '_description': name}))
    return declared
