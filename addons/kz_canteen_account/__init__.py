# -*- coding: utf-8 -*-
from . import models
from . import wizards

from odoo import api, SUPERUSER_ID


def post_init_hook(cr, registry):
    """Tills set up before this glue was installed move onto the chart of state institutions."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['pos.config'].kz_canteen_use_gov_accounts()
    env['pos.config'].kz_canteen_translate_journals()
