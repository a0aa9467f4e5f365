# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Audit Log',
    'summary': 'Who created, changed or deleted money and personal data, when, with the values before and after; '
               'read by the director (and the chief bookkeeper for money) of the organisation',
    'version': '11.0.1.0.0',
    'category': 'Education',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_edu_base', 'auditlog'],
    'data': [
        'security/ir.model.access.csv',
        'security/kz_edu_audit_rules.xml',
        'views/auditlog_log_views.xml',
    ],
    'installable': True,
}
