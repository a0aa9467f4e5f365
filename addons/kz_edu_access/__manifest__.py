# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Card entry and attendance',
    'summary': 'Card readers and turnstiles: entry/exit of students and staff, parent notifications, monthly report',
    'version': '11.0.1.0.0',
    'category': 'Education',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_edu_contingent', 'hr_attendance', 'mail'],
    'data': [
        'security/ir.model.access.csv',
        'security/kz_edu_access_security.xml',
        'views/kz_edu_access_device_views.xml',
        'views/kz_edu_access_event_views.xml',
        'views/res_company_views.xml',
        'wizards/kz_edu_access_report_wizard_views.xml',
        'report/kz_edu_access_reports.xml',
        'views/portal_templates.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/kz_edu_access_demo.xml',
    ],
    'installable': True,
}
