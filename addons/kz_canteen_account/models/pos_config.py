# -*- coding: utf-8 -*-
"""The canteen till of a school on the chart of state institutions books on that chart, on its standard entries
(kz_gov_account/data/src/standard_entries.csv): a paid meal sold is income from the sale of services — entry 334,
Dr 1231 «Краткосрочная дебиторская задолженность покупателей и заказчиков» / Cr 6110 «Доходы от реализации
товаров, работ и услуг» — and paid from the child's prepaid balance, an advance received — entry 300, Dr 3410
«Краткосрочные авансы полученные» / Cr 1231 (the top-up itself is entry 299, Dr 1042 / Cr 3410, not posted by the
till yet). The session's entry is of the paid services' money (funding source PAID), which 6110 requires. A till set
up before the chart was loaded is moved onto these accounts (post-init hook)."""
import logging

from odoo import _, api, models

from odoo.addons.kz_gov_account import gov_entries
from odoo.addons.kz_gov_account.models.account import CHART_XMLID

_logger = logging.getLogger(__name__)

STAND_IN = {'ASH601': 'income', 'ASH331': 'prepaid', 'ASH121': 'receivable'}
#: the funding source of the till's sales: the meals paid by the parents are paid services (order 230, rules item 19)
TILL_FUNDING = 'PAID'


def gov_accounts():
    """{role: account code} of the till, from the standard entries: income and receivable of the sale (334), the
    prepaid balance of the advance offset (300)."""
    sale, prepaid = gov_entries.posting('till_sale'), gov_entries.posting('till_prepaid')
    return {'income': sale.credit, 'receivable': sale.debit, 'prepaid': prepaid.debit}


class PosConfig(models.Model):
    _inherit = 'pos.config'

    @api.model
    def _kz_gov_canteen_accounts(self, company):
        chart = self.env.ref(CHART_XMLID, raise_if_not_found=False)
        if not chart or company.chart_template_id != chart:
            return None
        Account = self.env['account.account'].sudo()
        found = {role: Account.search([('company_id', '=', company.id), ('code', '=', code)], limit=1)
                 for role, code in gov_accounts().items()}
        return found if all(found.values()) else None

    @api.model
    def _kz_canteen_accounts(self, company):
        gov = self._kz_gov_canteen_accounts(company)
        if gov is None:
            return super(PosConfig, self)._kz_canteen_accounts(company)
        return {role: (lambda account=account: account) for role, account in gov.items()}

    @api.model
    def kz_canteen_translate_journals(self):
        """The journals of the canteen tills of schools on the chart of state institutions named in kk/ru."""
        chart = self.env.ref(CHART_XMLID, raise_if_not_found=False)
        if not chart:
            return True
        installed = dict(self.env['res.lang'].get_installed())
        langs = [l for l in (chart.spoken_languages or '').split(';') if l in installed]
        for company in self.sudo().search([('kz_is_canteen', '=', True)]).mapped('company_id'):
            if company.chart_template_id == chart:
                chart.sudo()._kz_gov_translate_other_journals(company, langs)
        return True

    @api.model
    def kz_canteen_use_gov_accounts(self):
        """Move the stand-in accounts (ASH...) of the canteen tills of schools on the chart of state institutions
        to the chart's accounts: journals, account properties, and journal items; then delete the stand-ins."""
        Account = self.env['account.account'].sudo()
        cr = self.env.cr
        for company in self.sudo().search([('kz_is_canteen', '=', True)]).mapped('company_id'):
            gov = self._kz_gov_canteen_accounts(company)
            if gov is None:
                continue
            for stand_in in Account.search([('company_id', '=', company.id), ('code', 'in', list(STAND_IN))]):
                target = gov[STAND_IN[stand_in.code]]
                cr.execute("UPDATE account_journal SET default_debit_account_id = %s WHERE default_debit_account_id = %s",
                           (target.id, stand_in.id))
                cr.execute("UPDATE account_journal SET default_credit_account_id = %s "
                           "WHERE default_credit_account_id = %s", (target.id, stand_in.id))
                cr.execute("UPDATE ir_property SET value_reference = %s WHERE value_reference = %s",
                           ('account.account,%d' % target.id, 'account.account,%d' % stand_in.id))
                cr.execute("UPDATE account_move_line SET account_id = %s WHERE account_id = %s",
                           (target.id, stand_in.id))
                self.env['account.account'].invalidate_cache()
                _logger.info('%s: canteen account %s replaced by %s', company.name, stand_in.code, target.code)
                stand_in.unlink()
        return True


class PosOrder(models.Model):
    _inherit = 'pos.order'

    def _create_account_move_line(self, session=None, move=None):
        """The sale entry of a canteen session on the chart of state institutions: its items carry the funding
        source of paid services (6110 requires one) and the number of the standard entry (334)."""
        config = (session or self[:1].session_id).config_id
        if config.kz_is_canteen and config._kz_gov_canteen_accounts(config.company_id) is not None:
            funding = self.env['kz.gov.funding.source'].sudo().search([('code', '=', TILL_FUNDING)], limit=1)
            defaults = dict(kz_default_funding_id=funding.id,
                            kz_default_std_entry=gov_entries.label(gov_entries.posting('till_sale')))
            self = self.with_context(**defaults)
            if move:        # the session's entry, made before: point_of_sale writes the items through it
                move = move.with_context(**defaults)
        return super(PosOrder, self)._create_account_move_line(session=session, move=move)


class AccountChartTemplate(models.Model):
    _inherit = 'account.chart.template'

    @api.model
    def _kz_other_journal_names(self):
        """The canteen till's payment method is a journal of the school too: named in the reader's language."""
        names = super(AccountChartTemplate, self)._kz_other_journal_names()
        self = self.with_context(lang='en_US')
        return names + [([('code', '=', 'ASHB')], _('Prepaid balance'))]
