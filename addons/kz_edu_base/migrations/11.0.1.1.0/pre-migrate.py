# -*- coding: utf-8 -*-
"""The notification queue (kz.edu.notification, table kz_edu_notification) moves from kz_edu_access to kz_edu_base
(issue #15), with the organisation's time zone (res.company.kz_timezone), and its student_id to kz_edu_contingent.

Before kz_edu_base loads its data, the external ids of what moves are given to their new module, so an existing
database keeps the table, its rows, the access rights, record rules, view, action, menu and cron as they are:
otherwise the end of the kz_edu_access update (ir.model.data._process_end) would delete the records that
kz_edu_access no longer declares (and its cron, kept as noupdate, would be doubled by kz_edu_base's), and a later
uninstall of kz_edu_access would take the model's fields and foreign keys with it. What stays kz_edu_access's
(the field event_id) keeps its id. A database without kz_edu_access has nothing to move."""

MOVES = {
    'kz_edu_base': [
        'model_kz_edu_notification',
        'access_notification_deputy', 'access_notification_district', 'access_notification_parent',
        'kz_edu_notification_rule_company', 'kz_edu_notification_rule_parent',
        'kz_edu_notification_view_tree', 'kz_edu_notification_action', 'kz_edu_notification_menu',
        'cron_send_notifications', 'cron_send_notifications_ir_actions_server',
    ] + ['field_kz_edu_notification_%s' % f for f in (
        'id', 'partner_id', 'company_id', 'channel', 'state', 'body', 'sent_at', 'error', 'display_name',
        '__last_update', 'create_uid', 'create_date', 'write_uid', 'write_date')]
    + ['field_res_company_kz_timezone'],      # the organisation's time zone, which the canteen reads too
    'kz_edu_contingent': ['field_kz_edu_notification_student_id'],
}
CONSTRAINTS = {
    'kz_edu_base': ['kz_edu_notification_%s_fkey' % f for f in ('partner_id', 'company_id', 'create_uid',
                                                                'write_uid')],
    'kz_edu_contingent': ['kz_edu_notification_student_id_fkey'],
}


def migrate(cr, version):
    if not version:
        return
    for module, names in MOVES.items():
        cr.execute("""
            UPDATE ir_model_data d SET module = %s
             WHERE d.module = 'kz_edu_access' AND d.name = ANY(%s)
               AND NOT EXISTS (SELECT 1 FROM ir_model_data o WHERE o.module = %s AND o.name = d.name)""",
                   (module, names, module))
    for module, names in CONSTRAINTS.items():
        cr.execute("""
            UPDATE ir_model_constraint SET module = (SELECT id FROM ir_module_module WHERE name = %s)
             WHERE name = ANY(%s)
               AND module = (SELECT id FROM ir_module_module WHERE name = 'kz_edu_access')""", (module, names))
