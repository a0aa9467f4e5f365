# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Personnel',
    'summary': 'Personnel records of a state school without the payroll: personnel orders (бұйрық / приказ), '
               'staff schedule, the teacher profile (education, qualification category, NQT, professional '
               'development, certificates), printed orders and personal cards',
    'version': '11.0.1.0.0',
    'category': 'Human Resources',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    # hr_holidays: a leave order grants a leave request, the personal card lists the leaves
    'depends': ['kz_edu_base', 'hr', 'hr_holidays'],
    'data': [
        'security/kz_hr_personnel_access.xml',
        'data/kz_hr_personnel_data.xml',
        'views/kz_hr_personnel_views.xml',
        'report/kz_hr_personnel_reports.xml',
    ],
    'pre_init_hook': 'pre_init_hook',
    'installable': True,
}
