# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Canteen meal costs in public-sector accounts',
    'summary': 'Posts the month\'s free and subsidised meals of the school canteen to the chart of state '
               'institutions: ЕБК specific 141 (food), one entry per funding source, once per month',
    'version': '11.0.1.0.0',
    'category': 'Accounting',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_canteen', 'kz_gov_account'],
    'data': [
        'security/kz_canteen_account_security.xml',
        'security/ir.model.access.csv',
        'views/kz_canteen_posting_views.xml',
        'wizards/kz_canteen_post_wizard_views.xml',
    ],
    'post_init_hook': 'post_init_hook',
    'auto_install': True,
    'installable': True,
}
