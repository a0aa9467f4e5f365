# -*- coding: utf-8 -*-
"""The audit rules of the suite (audit_scope.py) kept in OCA auditlog, and the way entries are written.

- Rules: whenever the registry loads (server start, after an addon is installed or updated), a rule is made and
  subscribed for each model of audit_scope.SCOPE that is installed and has none yet: create, write and unlink,
  "full" log (values read before and after). A rule an administrator changed or unsubscribed is left as it is.
- Entries: auditlog 11.0 writes one ORM record per changed field and keeps no values on unlink. Here each entry
  gets the organisation and the kind of data of its record; its lines are: the fields given a value on create,
  the fields changed on write, the fields that had a value on unlink (what was deleted), inserted with one
  statement per entry (kz.edu.demo.bulk_insert: a line through the ORM costs 2-3 ms, a created journal item
  has about 40 fields). Binary fields (images, scans) and one2many lists are not logged; the records of an
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
                        'name': entry.model[:32], 'model_id': model.id, 'log_create': True, 'log_write': True,
                        'log_unlink': True, 'log_read': False, 'log_type': 'full'})
                    rule.subscribe()
            except psycopg2.IntegrityError:
                # another server process made it at the same moment
                continue
            made |= rule
        if made:
            _logger.info('audit rules made for %s', ', '.join(made.mapped('model_id.model')))
        return made

    @api.model
    def get_auditlog_fields(self, model):
        names = super(AuditlogRule, self).get_auditlog_fields(model)
        names = [name for name in names
                 if model._fields[name].type not in ('binary', 'one2many')
                 and not name.startswith(('message_', 'activity_', 'website_message'))]
        return audit_scope.fields_to_log(model._name, names)

    def create_logs(self, uid, res_model, res_ids, method, old_values=None, new_values=None,
                    additional_log_values=None):
        if method not in ('create', 'write', 'unlink'):
            return super(AuditlogRule, self).create_logs(uid, res_model, res_ids, method, old_values, new_values,
                                                         additional_log_values)
        old_values, new_values = old_values or {}, new_values or {}
        entry = audit_scope.entry_for(res_model)
        Model = self.env[res_model].sudo()
        model = self.env['ir.model'].browse(self.pool._auditlog_model_cache[res_model])
        common = {
            'model_id': model.id, 'method': method, 'user_id': uid,
            'http_request_id': self.env['auditlog.http.request'].current_http_request(),
            'http_session_id': self.env['auditlog.http.session'].current_http_session(),
            'kz_scope': entry.scope if entry else False,
        }
        common.update(additional_log_values or {})
        company_path = entry.company_path if entry else ('company_id' if 'company_id' in Model._fields else None)
        rows = []
        for record in Model.browse(res_ids):
            company = record.mapped(company_path)[:1] if company_path else None
            log = self.env['auditlog.log'].create(dict(
                common, name=record.display_name, res_id=record.id, kz_company_id=company.id if company else False))
            old, new = old_values.get(record.id, {}), new_values.get(record.id, {})
            names = sorted((set(old) | set(new)) - set(FIELDS_BLACKLIST))
            for name, before, after in audit_scope.changed_lines(method, old, new, names):
                field = self._get_field(model, name)
                if not field:
                    continue
                rows.append({
                    'log_id': log.id, 'field_id': field['id'],
                    'old_value': self._kz_raw(before), 'new_value': self._kz_raw(after),
                    'old_value_text': self._kz_text(field, before), 'new_value_text': self._kz_text(field, after),
                })
        if rows:
            self.env['kz.edu.demo'].sudo().bulk_insert('auditlog.log.line', rows)

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
