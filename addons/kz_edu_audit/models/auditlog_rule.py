# -*- coding: utf-8 -*-
"""The audit rules of the suite (audit_scope.py) kept in OCA auditlog, and the way entries are written.

- Rules: whenever the registry loads (server start, after an addon is installed or updated), a rule is made and
  subscribed for each model of audit_scope.SCOPE that is installed and has none yet: create, write and unlink
  (the entry's operations), "full" log (values read before and after). A rule an administrator changed or unsubscribed is left as it is.
- Entries: auditlog 11.0 writes one ORM record per changed field and keeps no values on unlink. Here each entry
  gets the organisation and the kind of data of its record; its lines are: the fields given a value on create,
  the fields changed on write, the fields that had a value on unlink (what was deleted). The entries of one
  call and their lines are inserted with one statement each (kz.edu.demo.bulk_insert: through the ORM an entry
  cost about 10 ms and a line 2-3 ms here; a created journal item has about 40 fields, a confirmed payroll batch
  4 000 payslips). Binary fields (images, scans) and one2many lists are not logged; the records of an
  audited one2many are audited themselves.
"""
import logging

import psycopg2

from odoo import api, models

from odoo.addons.auditlog.models.rule import FIELDS_BLACKLIST

from .. import audit_scope

_logger = logging.getLogger(__name__)


class AuditlogRule(models.Model):
    _inherit = 'auditlog.rule'

    def _register_hook(self):
        if not self:
            self.sudo().kz_sync_rules()
        return super(AuditlogRule, self)._register_hook()

    @api.model
    def kz_sync_rules(self):
        """Make and subscribe the missing rules of audit_scope.SCOPE; returns the rules made."""
        made = self.browse()
        IrModel = self.env['ir.model']
        for entry in audit_scope.entries_present(name for name in self.env.registry.models):
            model = IrModel.search([('model', '=', entry.model)], limit=1)
            if not model or self.with_context(active_test=False).search_count([('model_id', '=', model.id)]):
                continue
            try:
                with self.env.cr.savepoint():
                    rule = self.create({
                        'name': entry.model[:32], 'model_id': model.id, 'log_read': False, 'log_type': 'full',
                        'log_create': 'create' in entry.operations, 'log_write': 'write' in entry.operations,
                        'log_unlink': 'unlink' in entry.operations})
                    rule.subscribe()
            except psycopg2.IntegrityError:
                # another server process made it at the same moment
                continue
            made |= rule
        if made:
            _logger.info('audit rules made for %s', ', '.join(made.mapped('model_id.model')))
        # auditlog's "View logs" entry in the Action menu of the audited records: only for those who may read the
        # trail (a teacher would get an access error)
        actions = self.search([('model_id.model', 'in', [e.model for e in audit_scope.SCOPE])]).mapped('action_id')
        actions.filtered(lambda a: not a.groups_id).sudo().write(
            {'groups_id': [(6, 0, self._kz_reader_groups().ids)]})
        return made

    @api.model
    def _kz_reader_groups(self):
        return (self.env.ref('kz_edu_base.group_director') | self.env.ref('kz_edu_base.group_chief_bookkeeper')
                | self.env.ref('base.group_system'))

    @api.model
    def get_auditlog_fields(self, model):
        names = super(AuditlogRule, self).get_auditlog_fields(model)
        # what auditlog would read before and after a write and then never log (its FIELDS_BLACKLIST: the ids
        # and dates of the last change, whose user names cost a name_get each time) is not read at all
        names = [name for name in names
                 if model._fields[name].type not in ('binary', 'one2many') and name not in FIELDS_BLACKLIST
                 and not name.startswith(('message_', 'activity_', 'website_message'))]
        return audit_scope.fields_to_log(model._name, names)

    def create_logs(self, uid, res_model, res_ids, method, old_values=None, new_values=None,
                    additional_log_values=None):
        if method not in ('create', 'write', 'unlink'):
            return super(AuditlogRule, self).create_logs(uid, res_model, res_ids, method, old_values, new_values,
                                                         additional_log_values)
        if not res_ids:
            return
        old_values, new_values = old_values or {}, new_values or {}
        entry = audit_scope.entry_for(res_model)
        records = self.env[res_model].sudo().browse(res_ids)
        model = self.env['ir.model'].browse(self.pool._auditlog_model_cache[res_model])
        common = {
            'model_id': model.id, 'method': method, 'user_id': uid, 'log_type': 'full',
            'http_request_id': self.env['auditlog.http.request'].current_http_request() or None,
            'http_session_id': self.env['auditlog.http.session'].current_http_session() or None,
            'kz_scope': entry.scope if entry else None,
        }
        common.update(additional_log_values or {})
        company_path = entry.company_path if entry else ('company_id' if 'company_id' in records._fields else None)
        names = dict(records.name_get())
        # one INSERT for the entries of the call (a batch of 4 000 payslips confirmed at once: 4 000 entries; through
        # the ORM that was 10 ms an entry on the reference machine), then one for their lines
        Bulk = self.env['kz.edu.demo'].sudo()
        log_ids = Bulk.bulk_insert('auditlog.log', [dict(
            common, res_id=record.id, name=(names.get(record.id) or '')[:64],
            kz_company_id=(record.mapped(company_path)[:1].id or None) if company_path else None)
            for record in records])
        self.env.cr.execute('SELECT id, res_id FROM auditlog_log WHERE id IN %s', (tuple(log_ids),))
        log_of = {res_id: log_id for log_id, res_id in self.env.cr.fetchall()}
        rows = []
        for res_id in res_ids:
            old, new = old_values.get(res_id, {}), new_values.get(res_id, {})
            logged = sorted((set(old) | set(new)) - set(FIELDS_BLACKLIST))
            for name, before, after in audit_scope.changed_lines(method, old, new, logged):
                field = self._get_field(model, name)
                if not field:
                    continue
                rows.append({
                    'log_id': log_of[res_id], 'field_id': field['id'],
                    'old_value': self._kz_raw(before), 'new_value': self._kz_raw(after),
                    'old_value_text': self._kz_text(field, before), 'new_value_text': self._kz_text(field, after),
                })
        if rows:
            Bulk.bulk_insert('auditlog.log.line', rows)
        self.env['auditlog.log'].invalidate_cache()

    @staticmethod
    def _kz_raw(value):
        return None if audit_scope.is_empty(value) else str(value)

    def _kz_text(self, field, value):
        """The value as a person reads it: the name of a linked record, the names of linked records."""
        if audit_scope.is_empty(value):
            return None
        if field['ttype'] == 'many2one' and isinstance(value, (tuple, list)) and len(value) == 2:
            return str(value[1])
        if field['ttype'] == 'many2many' and field['relation'] and isinstance(value, (list, tuple)):
            Related = self.env[field['relation']].sudo()
            existing = Related.browse(value).exists()
            names = dict(existing.name_get())
            return ', '.join(names.get(rid, 'DELETED (%s)' % rid) for rid in value)
        return str(value)
