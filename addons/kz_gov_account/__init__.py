# -*- coding: utf-8 -*-
from . import models
from . import wizards
from . import report

from odoo import api, SUPERUSER_ID


def post_init_hook(cr, registry):
    """Load the chart of state institutions into every company of the organisation tree that has no accounting
    yet, instead of Odoo's generic chart that account's own post-init hook may have queued (see
    kz_gov_cancel_generic_chart_install). Runs after the module's translations are loaded, so the kk/ru names of
    the accounts and journals of companies loaded by the demo are copied here too."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['account.chart.template'].kz_gov_cancel_generic_chart_install()
    # the organisation tree only: a demo company of another module (stock's "My Company, Chicago") is left alone
    main = env.ref('base.main_company', raise_if_not_found=False)
    companies = env['res.company'].search(['|', ('kz_org_type', '!=', False), ('id', '=', main.id if main else 0)])
    env['account.chart.template'].kz_gov_load_for_companies(companies)
