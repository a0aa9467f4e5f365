# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Payroll posting to public-sector accounts',
    'summary': 'Posts confirmed payslips to the chart of state institutions by ЕБК specific '
               '(111/131 pay, 116/135 ОПВР, 121 СН, 122 СО, 124 ООСМС) and funding source',
    'version': '11.0.1.0.0',
    'category': 'Human Resources',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_payroll', 'kz_gov_account'],
    'data': [
        'views/hr_payroll_views.xml',
    ],
    'demo': [
        'demo/kz_payroll_account_demo.xml',
    ],
    'auto_install': True,
    'installable': True,
}
