# -*- coding: utf-8 -*-
"""The district's dashboard as XLSX (OCA report_xlsx): one row per school in the order of the ranking, the totals
row, the period and the day; amounts as numbers with the ₸ format, percentages as numbers."""
from odoo import _, models

from .. import dashboard_rules as dr


def columns():
    """(key, header, kind) of the exported columns; kind: int, money, pct, text."""
    return [
        ('rank', _('Rank'), 'int'), ('name', _('School'), 'text'), ('students', _('Students'), 'int'),
        ('arrived', _('Arrived in the period'), 'int'), ('left', _('Left in the period'), 'int'),
        ('present_today', _('Present today'), 'int'), ('attendance_today', _('Attendance today, %'), 'pct'),
        ('attendance_period', _('Attendance in the period, %'), 'pct'),
        ('free_meals', _('Free meals'), 'int'), ('subsidised_meals', _('Subsidised meals'), 'int'),
        ('paid_meals', _('Paid meals'), 'int'), ('meal_funding', _('Meals paid by the budget, ₸'), 'money'),
        ('budget_plan', _('Plan of payments, ₸'), 'money'), ('budget_paid', _('Paid, ₸'), 'money'),
        ('budget_percent', _('Budget executed, %'), 'pct'), ('overspent', _('Specifics overspent'), 'int'),
        ('payroll_last', _('Payroll fund of last month, ₸'), 'money'),
        ('payroll_this', _('Payroll fund of this month, ₸'), 'money'),
        ('teachers', _('Teachers'), 'int'), ('teachers_high', _('Expert, researcher, master'), 'int'),
        ('attestation_expiring', _('Category expiring or expired'), 'int'),
        ('drafts', _('Unposted journal entries'), 'int'), ('reports_late', _('Reports overdue'), 'int'),
    ]


class KzEduDashboardDistrictXlsx(models.AbstractModel):
    _name = 'report.kz_edu_dashboard.district_xlsx'
    _inherit = 'report.report_xlsx.abstract'

    def generate_xlsx_report(self, workbook, data, objs):
        export = objs[:1]
        d = export.report_data()
        Dashboard = self.env['kz.edu.dashboard']
        bold = workbook.add_format({'bold': True})
        title = workbook.add_format({'bold': True, 'font_size': 13})
        head = workbook.add_format({'bold': True, 'text_wrap': True, 'valign': 'top', 'border': 1, 'bg_color': '#EEEEEE'})
        fmts = {
            'int': workbook.add_format({'num_format': '0', 'border': 1}),
            'money': workbook.add_format({'num_format': '# ##0', 'border': 1}),
            'pct': workbook.add_format({'num_format': '0.0', 'border': 1}),
            'text': workbook.add_format({'border': 1}),
        }
        total_fmts = {k: workbook.add_format(dict(bold=True, border=1, num_format=f.num_format))
                      for k, f in fmts.items()}
        sheet = workbook.add_worksheet(_('Schools')[:31])
        cols = columns()
        sheet.write(0, 0, _('District education department dashboard'), title)
        sheet.write(1, 0, '%s: %s (%s – %s)' % (_('Period'), Dashboard.period_labels()[d['period']],
                                               d['date_from'].strftime('%d.%m.%Y'),
                                               d['date_to'].strftime('%d.%m.%Y')))
        sheet.write(2, 0, '%s: %s; %s: %s' % (_('Ranked by'), Dashboard.rank_labels()[d['rank_by']], _('Day'),
                                             d['day'].strftime('%d.%m.%Y')))
        sheet.write(3, 0, _('Budget: kz_gov_account budget execution from %s; payroll fund: confirmed payslips.')
                    % d['budget_from'].strftime('%d.%m.%Y'))
        row = 5
        for col, (_key, header, _kind) in enumerate(cols):
            sheet.write(row, col, header, head)
            sheet.set_column(col, col, 34 if col == 1 else 12)
        sheet.set_row(row, 45)
        for r in d['rows']:
            row += 1
            for col, (key, _header, kind) in enumerate(cols):
                value = r.get(key)
                if value is None:
                    sheet.write_blank(row, col, None, fmts[kind])
                elif kind in ('money', 'pct'):
                    sheet.write_number(row, col, float(dr.dec(value)), fmts[kind])
                elif kind == 'int':
                    sheet.write_number(row, col, int(value), fmts[kind])
                else:
                    sheet.write_string(row, col, value, fmts[kind])
        row += 1
        sheet.write(row, 1, _('Total'), total_fmts['text'])
        for col, (key, _header, kind) in enumerate(cols):
            if key in d['total'] and d['total'][key] is not None:
                value = d['total'][key]
                sheet.write_number(row, col, float(dr.dec(value)) if kind in ('money', 'pct') else int(value),
                                   total_fmts[kind])
        sheet.freeze_panes(6, 2)
        sheet.write(row + 2, 0, '%s: %d' % (_('Schools'), d['schools']), bold)
