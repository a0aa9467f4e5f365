# -*- coding: utf-8 -*-
"""The personnel records move from kz_payroll to kz_hr (issue #15).

A database built before the move has kz_payroll's external ids for them. Updating kz_payroll (which now depends on
kz_hr) installs kz_hr first, and this hook runs before kz_hr loads anything: it gives the external ids of what moves
to kz_hr, so kz_hr's data files update the existing groups' rights, rules, views, menus, reports and crons in place
(same ids, no duplicates), the tables, their rows and their foreign keys stay, and the end of kz_payroll's update
(ir.model.data._process_end) does not delete the records kz_payroll no longer declares. A later uninstall of
kz_payroll then leaves the personnel models alone. A new database (no kz_payroll rows) has nothing to move."""

OLD, NEW = 'kz_payroll', 'kz_hr'

MODELS = ['kz.hr.order', 'kz.hr.staff.schedule', 'kz.hr.staff.schedule.line', 'kz.hr.profile.mixin',
          'kz.hr.education', 'kz.hr.qualification', 'kz.hr.nqt', 'kz.hr.training', 'kz.hr.certificate']

# the fields kz_hr adds to hr.employee (kz_payroll's own employee fields stay kz_payroll's)
EMPLOYEE_FIELDS = ['kz_staff_rate', 'kz_hire_date', 'kz_dismissal_date', 'kz_hr_order_ids', 'kz_education_ids',
                   'kz_qualification_ids', 'kz_nqt_ids', 'kz_training_ids', 'kz_certificate_ids', 'kz_category',
                   'kz_category_expiry_date', 'kz_next_course_date']

_PROFILE = ['education', 'qualification', 'nqt', 'training', 'certificate']
_ACCESS = (['kz_hr_order_%s' % g for g in ('hr', 'mgr', 'dir', 'dist')]
           + ['kz_hr_staff_schedule%s_%s' % (line, g) for line in ('', '_line')
              for g in ('hr', 'mgr', 'dir', 'dist', 'book')]
           + ['kz_hr_%s_%s' % (m, g) for m in _PROFILE for g in ('hr', 'mgr', 'dir', 'dist', 'teacher', 'meth')])

# the records of kz_hr's data files (security, data, views, reports), by their external id
RECORDS = (
    ['model_' + m.replace('.', '_') for m in MODELS]
    + ['access_' + a for a in _ACCESS]
    + ['kz_hr_order_rule_company', 'kz_hr_staff_schedule_rule_company', 'kz_hr_staff_schedule_line_rule_company']
    + ['kz_hr_%s_rule_%s' % (m, who) for m in _PROFILE for who in ('company', 'teacher')]
    + ['kz_hr_profile_reminder_cron', 'kz_hr_profile_reminder_cron_ir_actions_server',
       'kz_hr_dismissal_cron', 'kz_hr_dismissal_cron_ir_actions_server']
    + ['kz_hr_order_view_tree', 'kz_hr_order_view_form', 'kz_hr_order_view_search', 'kz_hr_order_action',
       'kz_hr_staff_schedule_view_tree', 'kz_hr_staff_schedule_view_form', 'kz_hr_staff_schedule_action',
       'kz_hr_personnel_parameter_action', 'hr_employee_view_form_kz_personnel',
       'kz_hr_personnel_menu', 'kz_hr_order_menu', 'kz_hr_staff_schedule_menu', 'kz_hr_personnel_parameter_menu']
    + ['kz_hr_order_report', 'kz_hr_personal_card_report', 'kz_hr_staff_schedule_report',
       'report_kz_hr_order_document', 'report_kz_hr_order', 'report_kz_hr_personal_card_document',
       'report_kz_hr_personal_card', 'report_kz_hr_staff_schedule']
)


def moved_xmlids(cr):
    """The ids of kz_payroll's ir_model_data rows that belong to kz_hr now: RECORDS, and the fields of the moved
    models and of EMPLOYEE_FIELDS (whatever their generated external id)."""
    cr.execute("""
        SELECT d.id FROM ir_model_data d
         WHERE d.module = %s AND d.name = ANY(%s)
        UNION
        SELECT d.id FROM ir_model_data d JOIN ir_model_fields f ON f.id = d.res_id
         WHERE d.module = %s AND d.model = 'ir.model.fields'
           AND (f.model = ANY(%s) OR (f.model = 'hr.employee' AND f.name = ANY(%s)))""",
               (OLD, RECORDS, OLD, MODELS, EMPLOYEE_FIELDS))
    return [row[0] for row in cr.fetchall()]


def pre_init_hook(cr):
    cr.execute("SELECT 1 FROM ir_model_data WHERE module = %s AND name = 'model_kz_hr_order'", (OLD,))
    if not cr.fetchone():
        return
    ids = moved_xmlids(cr)
    # the translations of the moved records (terms of their views, menus, actions, field labels) follow them
    cr.execute("""
        UPDATE ir_translation t SET module = %s
          FROM ir_model_data d
         WHERE d.id = ANY(%s) AND t.module = %s AND t.type = 'model'
           AND t.res_id = d.res_id AND split_part(t.name, ',', 1) = d.model""", (NEW, ids, OLD))
    cr.execute("""
        UPDATE ir_translation SET module = %s
         WHERE module = %s AND type = 'selection' AND (split_part(name, ',', 1) = ANY(%s)
               OR name = ANY(%s))""", (NEW, OLD, MODELS, ['hr.employee,%s' % f for f in EMPLOYEE_FIELDS]))
    cr.execute("""
        UPDATE ir_model_data d SET module = %s
         WHERE d.id = ANY(%s)
           AND NOT EXISTS (SELECT 1 FROM ir_model_data o WHERE o.module = %s AND o.name = d.name)""",
               (NEW, ids, NEW))
    # the foreign keys of the moved tables
    cr.execute("""
        UPDATE ir_model_constraint c SET module = (SELECT id FROM ir_module_module WHERE name = %s)
          FROM ir_model m
         WHERE c.model = m.id AND m.model = ANY(%s)
           AND c.module = (SELECT id FROM ir_module_module WHERE name = %s)""", (NEW, MODELS, OLD))
