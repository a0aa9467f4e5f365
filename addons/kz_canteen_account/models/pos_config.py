# -*- coding: utf-8 -*-
"""The canteen till of a school on the chart of state institutions books on that chart: paid meals to 6110 (income
from paid services), the children's prepaid balances to 3510 (short-term advances received), partners to 1220
(receivables from buyers and customers). Codes of chart No. 281 as reconstructed in kz_gov_account (UNCONFIRMED
there). A till set up before the chart was loaded is moved onto these accounts (post-init hook)."""
import logging

from odoo import api, models

from odoo.addons.kz_gov_account.models.account import CHART_XMLID

_logger = logging.getLogger(__name__)

GOV_ACCOUNTS = {'income': '6110', 'prepaid': '3510', 'receivable': '1220'}
STAND_IN = {'ASH601': 'income', 'ASH331': 'prepaid', 'ASH121': 'receivable'}


class PosConfig(models.Model):
    _inherit = 'pos.config'

    @api.model
    def _kz_gov_canteen_accounts(self, company):
        chart = self.env.ref(CHART_XMLID, raise_if_not_found=False)
        if not chart or company.chart_template_id != chart:
            return None
        Account = self.env['account.account'].sudo()
        found = {role: Account.search([('company_id', '=', company.id), ('code', '=', code)], limit=1)
                 for role, code in GOV_ACCOUNTS.items()}
        return found if all(found.values()) else None

    @api.model
    def _kz_canteen_accounts(self, company):
        gov = self._kz_gov_canteen_accounts(company)
        if gov is None:
            return super(PosConfig, self)._kz_canteen_accounts(company)
        return {role: (lambda account=account: account) for role, account in gov.items()}

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
