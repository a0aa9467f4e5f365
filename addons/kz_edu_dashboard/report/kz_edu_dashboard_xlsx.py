# -*- coding: utf-8 -*-
"""The district's dashboard as XLSX through the suite's one document renderer (kz_edu_base ``kz.edu.document.xlsx``):
one row per school in the order of the ranking, the totals row, the period and the day; amounts as numbers in
tenge, percentages as numbers with one decimal."""
from odoo import _, api, models

from odoo.addons.kz_edu_base.kz_document import Column, Document, Table

from odoo.addons.kz_edu_base.models.kz_edu_document_report import document_reports

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


def _column(header, kind):
    if kind == 'pct':
        return Column(header, 'number', width=12, digits=1)
    if kind == 'money':
        return Column(header, 'money', width=14, digits=0)      # whole tenge, as the dashboard shows them
    return Column(header, kind, width=34 if kind == 'text' else 12)


def _value(value, kind):
    """A cell of the kind's type: amounts and percentages as Decimals, counts as ints, None stays empty."""
    if value is None or value is False:
        return None
    if kind in ('money', 'pct'):
        return dr.dec(value)
    if kind == 'int':
        return int(value)
    return value


class KzEduDashboardExport(models.TransientModel):
    _inherit = 'kz.edu.dashboard.export'

    @api.multi
    def kz_document(self):
        """The district's table as a kz_document.Document in the user's language."""
        self.ensure_one()
        d = self.report_data()
        Dashboard = self.env['kz.edu.dashboard']
        lang = self.env.context.get('lang') or self.env.user.lang or 'ru_RU'
        cols = columns()
        rows = [[_value(r.get(key), kind) for key, _header, kind in cols] for r in d['rows']]
        total = [_value(d['total'].get(key), kind) if kind != 'text' else None for key, _header, kind in cols]
        total[[key for key, _header, _kind in cols].index('name')] = _('Total')
        total[0] = None
        doc = Document(
            _('District education department dashboard'), lang=lang, sheet=_('Schools'), landscape=True,
            header=[(_('Period'), '%s (%s – %s)' % (Dashboard.period_labels()[d['period']],
                                                   d['date_from'].strftime('%d.%m.%Y'),
                                                   d['date_to'].strftime('%d.%m.%Y'))),
                    (_('Ranked by'), Dashboard.rank_labels()[d['rank_by']]),
                    (_('Day'), d['day'])],
            notes=[_('Budget: kz_gov_account budget execution from %s; payroll fund: confirmed payslips.')
                   % d['budget_from'].strftime('%d.%m.%Y'),
                   '%s: %d' % (_('Schools'), d['schools'])])
        doc.section(tables=[Table([_column(header, kind) for _key, header, kind in cols], rows=rows, total=total,
                                  freeze=2)])
        return doc


document_reports(__name__, 'district_xlsx')
