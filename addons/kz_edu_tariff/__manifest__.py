# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Tariffication',
    'summary': 'Working curriculum, teaching load and the tariffication list (тарификационный список) that sets '
               'each teacher\'s pay for payroll',
    'version': '11.0.1.0.0',
    'category': 'Human Resources',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_edu_contingent', 'kz_payroll', 'report_xlsx'],
    'data': [
        'security/kz_edu_tariff_security.xml',
        'security/ir.model.access.csv',
        # curriculum and teaching load (helper "load")
        'data/kz_edu_subject_data.xml',
        'views/kz_edu_curriculum_views.xml',
        # parameters, tariffication list, payroll flow, documents (helper "list")
        'data/kz_edu_tariff_parameter_data.xml',
        'views/kz_edu_tariff_views.xml',
        'report/kz_edu_tariff_reports.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/kz_edu_curriculum_demo.xml',
        'demo/kz_edu_tariff_demo.xml',
    ],
    'installable': True,
}
