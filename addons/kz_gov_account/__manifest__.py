# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Public-sector bookkeeping',
    'summary': 'Chart of accounts of state institutions, budget classification (ЕБК), funding sources, '
               'financing plans with blocking, Журнал-Главная, turnover sheet and ФО-1…ФО-4',
    'version': '11.0.1.0.0',
    'category': 'Accounting',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_edu_base', 'account', 'l10n_multilang', 'report_xlsx'],
    'data': [
        'security/kz_gov_account_security.xml',
        'security/ir.model.access.csv',
        'security/kz_gov_finplan_security.xml',
        # reference data (generated from data/src/*.csv by data/src/build.py)
        'data/kz.gov.funding.source.csv',
        'data/kz.gov.ebk.csv',
        'data/account_chart_template_data.xml',
        'data/account.account.template.csv',
        'data/account_chart_template_post.xml',
        'data/kz.gov.report.line.csv',
        'data/kz_gov_account_data.xml',
        'views/kz_gov_reference_views.xml',
        'views/account_views.xml',
        'views/kz_gov_finplan_views.xml',
        'wizards/kz_gov_report_wizard_views.xml',
        'report/kz_gov_reports.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/kz_gov_account_demo.xml',
    ],
    'post_init_hook': 'post_init_hook',
    'installable': True,
}
