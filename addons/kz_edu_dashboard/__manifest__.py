{
    'name': 'Kazakhstan Education: Director and district dashboards',
    'summary': "The director's dashboard (contingent, attendance this morning, meals, budget execution, payroll "
               "fund, teachers, what needs attention) and the district's dashboard (the same figures per school, "
               "totals, ranking, period, XLSX); every figure opens its records",
    'version': '11.0.1.0.0',
    'category': 'Education',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': [
        'kz_edu_contingent',
        'kz_edu_access',
        'kz_canteen',
        'kz_gov_account',
        'kz_payroll',
        'kz_payroll_account',
        'report_xlsx',
    ],
    'data': [
        'views/kz_edu_dashboard_templates.xml',
        'views/kz_edu_dashboard_views.xml',
        'report/kz_edu_dashboard_reports.xml',
        'data/kz_edu_dashboard_data.xml',
    ],
    'installable': True,
}
