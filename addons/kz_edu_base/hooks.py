def post_init_hook(cr, registry):
    """Kazakh is created by this addon after the core modules were installed: load the Kazakh terms Odoo's own
    modules ship (i18n/kk.po) for everything already installed. Modules installed later get them as usual."""
    from odoo import SUPERUSER_ID, api
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['ir.module.module'].search([('state', '=', 'installed')])._update_translations('kk_KZ')
