# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Canteen meal costs in public-sector accounts',
    'summary': 'The school canteen on the chart of state institutions: the month\'s free and subsidised meals '
               'posted once on the standard entries (ЕБК 159, 141 or 163), the till\'s sales',
    'version': '11.0.2.0.0',
    'category': 'Accounting',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_canteen', 'kz_gov_account'],
    'data': [
        'security/kz_canteen_account_security.xml',
        'security/ir.model.access.csv',
        'views/kz_canteen_posting_views.xml',
        'views/res_company_views.xml',
        'wizards/kz_canteen_post_wizard_views.xml',
    ],
    'demo': [
        'demo/kz_canteen_account_demo.xml',
    ],
    'post_init_hook': 'post_init_hook',
    'auto_install': True,
    'installable': True,
}
