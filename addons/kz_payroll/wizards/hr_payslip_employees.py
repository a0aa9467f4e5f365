# -*- coding: utf-8 -*-
"""«Generate payslips» of a batch (issue #13.7): the employees offered and preselected are the school's own —
every employee of the batch's school with a contract running in the batch's period — never another school's staff
or an employee without a contract (stock Odoo lists every employee it can read and fails on the first one without
a contract). A batch has no company of its own: its school is that of its payslips, else the user's school."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kz_edu_base import kz_format


class HrPayslipEmployees(models.TransientModel):
    _inherit = 'hr.payslip.employees'

    kz_company_id = fields.Many2one('res.company', string='School', readonly=True,
                                    default=lambda self: self._kz_default_company())
    employee_ids = fields.Many2many(default=lambda self: self._kz_default_employees())

    @api.model
    def _kz_run(self):
        run_id = self.env.context.get('active_id')
        if self.env.context.get('active_model', 'hr.payslip.run') != 'hr.payslip.run' or not run_id:
            return self.env['hr.payslip.run']
        return self.env['hr.payslip.run'].browse(run_id).exists()

    @api.model
    def _kz_default_company(self):
        run = self._kz_run()
        return run.slip_ids.mapped('company_id')[:1] or self.env.user.company_id

    @api.model
    def kz_employees_with_contract(self, company, date_from, date_to):
        """The employees of ``company`` with a contract (open or about to end) overlapping the period."""
        contracts = self.env['hr.contract'].search([
            ('company_id', '=', company.id), ('state', 'in', ('open', 'pending')),
            ('date_start', '<=', date_to), '|', ('date_end', '=', False), ('date_end', '>=', date_from)])
        return contracts.mapped('employee_id').filtered(lambda e: e.active and e.company_id == company)

    @api.model
    def _kz_default_employees(self):
        run = self._kz_run()
        if not run:
            return []
        employees = self.kz_employees_with_contract(self._kz_default_company(), run.date_start, run.date_end)
        return [(6, 0, (employees - run.slip_ids.mapped('employee_id')).ids)]

    @api.multi
    def compute_sheet(self):
        run = self._kz_run()
        company = self.kz_company_id or self._kz_default_company()
        if run:
            # another school's employees: named when the user may read them, counted when not (the record rules
            # hide them from employee_ids; dropping them silently would pay a batch the user did not ask for)
            hidden = self.sudo().employee_ids - self.employee_ids
            if hidden:
                raise UserError(_('%s of the chosen employees are not employees of %s. A batch pays the staff of '
                                  'one school.') % (len(hidden), company.name))
            foreign = self.employee_ids.filtered(lambda e: e.company_id != company)
            if foreign:
                raise UserError(_('%s: not employees of %s. A batch pays the staff of one school.')
                                % (', '.join(foreign.mapped('name')), company.name))
            allowed = self.kz_employees_with_contract(company, run.date_start, run.date_end)
            missing = self.employee_ids - allowed
            if missing:
                raise UserError(_('%s: no contract running between %s and %s. Add a contract or leave them out '
                                  'of the batch.') % (', '.join(missing.mapped('name')),
                                                     kz_format.format_date(run.date_start),
                                                     kz_format.format_date(run.date_end)))
        return super(HrPayslipEmployees, self).compute_sheet()
