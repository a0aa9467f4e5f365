# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Login and Session Security',
    'summary': 'Login throttling, a new session id at every login, sessions that end after 8 idle hours, '
               'no error tracebacks for callers who are not administrators',
    'version': '11.0.1.0.0',
    'category': 'Education',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_edu_base', 'auth_brute_force'],
    'data': [
        'security/kz_edu_security_access.xml',
        'data/ir_config_parameter_data.xml',
        'views/res_authentication_attempt_views.xml',
    ],
    'post_load': 'post_load',
    'installable': True,
}
