# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education (all)',
    'summary': 'Installs the whole suite for a Kazakh education organisation',
    'version': '11.0.1.0.0',
    'category': 'Education',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': [
        'kz_edu_base',
        'kz_edu_contingent',
        'kz_edu_access',
        'kz_payroll',
        'web_responsive',    # OCA: app drawer home screen, usable on phones and tablets
    ],
    'data': [],
    'application': True,
    'installable': True,
}
