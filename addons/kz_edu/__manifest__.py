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
        'kz_hr',                # personnel orders, staff schedule, teacher profile
        'kz_payroll',
        'kz_gov_account',       # public-sector bookkeeping: chart No. 170, ЕБК No. 151, financing plans, ФО-1…ФО-4
        'kz_payroll_account',   # payroll posting to the public-sector ledger by ЕБК (auto-installed)
        'kz_edu_tariff',        # working curriculum, teaching load and the tariffication list
        'kz_canteen',           # school canteen: menus, free/subsidised/paid meals at the POS by card, reports
        'kz_canteen_account',   # meal costs posted to the public-sector ledger by ЕБК 141 (auto-installed)
        'kz_edu_security',      # login throttling, session id rotated at login, idle sessions end, no tracebacks
        'kz_edu_audit',         # audit trail of money and personal data (OCA auditlog), read by the director
        'kz_edu_learning',      # timetable, class journal, quarter marks, homework, parents' and students' portal
        'kz_edu_dashboard',     # the director's and the district's dashboards; every figure opens its records
        'web_responsive',    # OCA: app drawer home screen, usable on phones and tablets
    ],
    'data': [
        'views/web_responsive_templates.xml',
    ],
    'application': True,
    'installable': True,
}
