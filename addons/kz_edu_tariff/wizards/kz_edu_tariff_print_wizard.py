# -*- coding: utf-8 -*-
"""Print the tariffication list in Kazakh or Russian, as PDF or XLSX."""
from odoo import api, fields, models


class KzEduTariffPrintWizard(models.TransientModel):
    _name = 'kz.edu.tariff.print.wizard'
    _description = 'Print the tariffication list'

    def _default_lang(self):
        return 'ru_RU' if (self.env.context.get('lang') or '').startswith('ru') else 'kk_KZ'

    list_id = fields.Many2one('kz.edu.tariff.list', string='Tariffication list', required=True, ondelete='cascade')
    lang = fields.Selection([('kk_KZ', 'Kazakh'), ('ru_RU', 'Russian')], string='Language', required=True,
                            default=_default_lang)
    output = fields.Selection([('pdf', 'PDF'), ('xlsx', 'Excel (XLSX)')], string='Format', required=True,
                              default='pdf')

    @api.multi
    def action_print(self):
        self.ensure_one()
        xmlid = 'kz_edu_tariff.kz_edu_tariff_list_%s' % self.output
        report = self.env.ref(xmlid).with_context(lang=self.lang)
        return report.report_action(self.list_id.with_context(lang=self.lang))
