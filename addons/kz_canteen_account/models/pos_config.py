# -*- coding: utf-8 -*-
"""The canteen till of a school on the chart of state institutions books on that chart: paid meals to 6110 (income
from paid services), the children's prepaid balances to 3510 (short-term advances received), partners to 1220
(receivables from buyers and customers). Codes of chart No. 281 as reconstructed in kz_gov_account (UNCONFIRMED
there). A till set up before the chart was loaded is moved onto these accounts (post-init hook)."""
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kz_gov_account.models.account import CHART_XMLID

from .. import meal_posting

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

    @api.model
    def _kz_till_funding(self, company, day):
        """The funding source of the till's own money (paid meals from the prepaid balances): the canteen
        parameter FUNDING_PAID on that day, mapped to the ledger's funding source (meal_posting.ledger_funding)."""
        params = self.env['kz.canteen.pos']._kz_params(company, day)
        code = meal_posting.ledger_funding(params['FUNDING_PAID'])
        funding = self.env['kz.gov.funding.source'].sudo().search([('code', '=', code)], limit=1)
        if not funding:
            raise UserError(_('The canteen till cannot be closed: there is no funding source %s for its paid meals '
                              'in the accounts.') % code)
        return funding

    @api.model
    def _get_account_move_line_group_data_type_key(self, data_type, values, options={}):
        """The till's session entry carries the dimensions the chart of state institutions requires: an item on an
        account that requires a funding source (6110, income from paid services) gets the till's funding source;
        one that requires an ЕБК specific is left to the posting check, which names it. Odoo builds every item of
        the session entry through this key, so this is where its values are completed (issue #13.2)."""
        key = super(PosOrder, self)._get_account_move_line_group_data_type_key(data_type, values, options)
        if key and values.get('account_id') and not values.get('kz_funding_id'):
            account = self.env['account.account'].sudo().browse(values['account_id'])
            if account.kz_requires_funding:
                move = self.env['account.move'].sudo().browse(values.get('move_id'))
                company = account.company_id
                day = fields.Date.from_string(move.date) if move.date else \
                    self.env['kz.canteen.pos']._kz_local_date(company)
                values['kz_funding_id'] = self._kz_till_funding(company, day).id
        return key


class AccountChartTemplate(models.Model):
    _inherit = 'account.chart.template'

    @api.model
    def _kz_other_journal_names(self):
        """The canteen till's payment method is a journal of the school too: named in the reader's language."""
        names = super(AccountChartTemplate, self)._kz_other_journal_names()
        self = self.with_context(lang='en_US')
        return names + [([('code', '=', 'ASHB')], _('Prepaid balance'))]
