# -*- coding: utf-8 -*-
{
    'name': 'Kazakhstan Education: Payroll',
    'summary': 'Kazakh payroll for state schools (ОПВ, ВОСМС, ИПН, ОПВР, СО, ООСМС, СН) and payroll documents; '
               'the personnel records are kz_hr',
    'version': '11.0.1.0.0',
    'category': 'Human Resources',
    'author': 'KZ Edu contributors',
    'license': 'LGPL-3',
    'website': 'https://example.invalid/kz-edu',
    'depends': ['kz_edu_base', 'kz_hr', 'hr_payroll', 'hr_holidays', 'report_xlsx'],
    'data': [
        # core payroll (engine binding, parameters, structures, batches)
        'security/kz_payroll_security.xml',
        'security/ir.model.access.csv',
        'data/kz_payroll_parameter_data.xml',
        'data/hr_salary_rule_data.xml',
        'data/kz_public_holiday_data.xml',
        'views/kz_payroll_parameter_views.xml',
        'views/hr_employee_views.xml',
        'views/hr_payslip_views.xml',
        # payroll documents
        'report/kz_payroll_reports.xml',
        'wizards/kz_payroll_document_wizard_views.xml',
        'views/menus.xml',
    ],
    'demo': [
        'demo/kz_payroll_demo.xml',
    ],
    'installable': True,
}
