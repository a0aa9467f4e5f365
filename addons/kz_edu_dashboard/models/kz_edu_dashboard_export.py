# -*- coding: utf-8 -*-
from odoo import api, fields, models


class KzEduDashboardExport(models.TransientModel):
    """What the district's table was exported with: the period and the ranking (the XLSX report's record)."""
    _name = 'kz.edu.dashboard.export'
    _description = 'District dashboard export'

    period = fields.Selection([('month', 'This month'), ('last_month', 'Last month'), ('quarter', 'This quarter'),
                               ('year', 'This year')], required=True, default='month')
    rank_by = fields.Selection([('attendance_today', 'Attendance today'),
                                ('attendance_period', 'Attendance in the period'),
                                ('budget_percent', 'Budget executed'), ('free_meals', 'Free meals'),
                                ('students', 'Students')], required=True, default='attendance_today')

    @api.multi
    def report_data(self):
        self.ensure_one()
        return self.env['kz.edu.dashboard'].district_data(self.period, self.rank_by)
