# -*- coding: utf-8 -*-
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from .. import audit_scope


class AuditlogLog(models.Model):
    """An audit entry knows the organisation of the record it is about (auditlog logs have no company), so a
    director reads the trail of their own school only, and whether it is about money or personal data, so the
    chief bookkeeper reads the money part."""
    _inherit = 'auditlog.log'

    kz_company_id = fields.Many2one('res.company', string='Organisation', readonly=True, index=True)
    kz_scope = fields.Selection([(audit_scope.MONEY, 'Money'), (audit_scope.PERSONAL, 'Personal data')],
                                string='Kind of data', readonly=True, index=True)

    @api.multi
    def write(self, vals):
        self._kz_check_immutable('write')
        return super(AuditlogLog, self).write(vals)

    @api.multi
    def unlink(self):
        self._kz_check_immutable('unlink')
        return super(AuditlogLog, self).unlink()

    @api.model
    def _kz_check_immutable(self, operation):
        # who has no right to change it at all is told so first (AccessError); then even those Odoo's access rights
        # let manage auditlog's records are refused: only the superuser (the system's own jobs, e.g. auditlog's
        # vacuum of old entries) changes the trail
        self.check_access_rights(operation)
        if self.env.uid != SUPERUSER_ID:
            raise UserError(_('The audit log cannot be changed or deleted.'))


class AuditlogLogLine(models.Model):
    _inherit = 'auditlog.log.line'

    @api.multi
    def write(self, vals):
        self.check_access_rights('write')
        self.env['auditlog.log']._kz_check_immutable('write')
        return super(AuditlogLogLine, self).write(vals)

    @api.multi
    def unlink(self):
        self.check_access_rights('unlink')
        self.env['auditlog.log']._kz_check_immutable('unlink')
        return super(AuditlogLogLine, self).unlink()
