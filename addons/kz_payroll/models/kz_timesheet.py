# -*- coding: utf-8 -*-
"""ORM binding of the pure time sheet module ``timesheet_document``: the day marks of a set of employees for a month
from the same sources as the payroll's worked days (``hr_payroll`` ``get_worked_day_lines``): the contracts and their
working schedules (``resource.calendar``), the schedule's public holidays (global ``resource.calendar.leaves``) and
the approved leaves (the ``resource.calendar.leaves`` that ``hr_holidays`` creates when it validates a leave), each
leave marked by its type (``hr.holidays.status.kz_timesheet_mark``, else ``kz_payroll_kind``).

Set-based: one read of the contracts, one of the schedule lines and one SQL query for every leave and public holiday
of the month, whatever the number of employees (instead of the per-employee, per-day ``iter_leaves`` of stock
``get_worked_day_lines``, which searches the leaves again for every day)."""
import datetime

import pytz

from odoo import fields, models

from .. import timesheet_document

#: Contract states whose days are printed (a new, unsigned contract and a cancelled one are not employment).
TIMESHEET_CONTRACT_STATES = ('open', 'pending', 'close')

#: Mark of a leave type without an explicit time sheet mark, from its Kazakh payroll kind; other types (compensatory
#: days …) are printed as annual or additional leave (form 421: «очередные и дополнительные отпуска»).
MARK_BY_PAYROLL_KIND = {'vacation': 'vacation', 'sick': 'sick', 'unpaid': 'unpaid'}
DEFAULT_LEAVE_MARK = 'vacation'


def _local(value, tz_name):
    """Naive UTC datetime (as stored) → naive datetime in the leave's time zone (like ``resource.to_tz``)."""
    moment = fields.Datetime.from_string(value) if isinstance(value, str) else value
    tz = pytz.timezone(tz_name) if tz_name else pytz.UTC
    return pytz.UTC.localize(moment.replace(tzinfo=None), is_dst=False).astimezone(tz).replace(tzinfo=None)


class HrHolidaysStatus(models.Model):
    _inherit = 'hr.holidays.status'

    kz_timesheet_mark = fields.Selection(
        [('vacation', 'Annual or additional leave'), ('sick', 'Sick leave'), ('trip', 'Business trip'),
         ('unpaid', 'Leave without pay'), ('absence', 'Absence without a valid reason')],
        string='Time sheet mark',
        help='How the working days of this leave type are marked in the time sheet. Empty: from the Kazakh payroll '
             'kind (vacation: annual leave, sick leave, unpaid: leave without pay); other leave types are marked as '
             'annual or additional leave.')


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    def _kz_timesheet_days(self, year, month):
        """{employee id: ``timesheet_document.day_marks`` list} for these employees and the month; employees without
        a contract in the month are absent from the result."""
        dates = timesheet_document.month_dates(year, month)
        first, last = dates[0], dates[-1]
        if not self.ids:
            return {}
        contracts = self.env['hr.contract'].sudo().search([
            ('employee_id', 'in', self.ids), ('state', 'in', TIMESHEET_CONTRACT_STATES),
            ('date_start', '<=', fields.Date.to_string(last)),
            '|', ('date_end', '=', False), ('date_end', '>=', fields.Date.to_string(first))], order='date_start')
        rows = contracts.read(['employee_id', 'date_start', 'date_end', 'resource_calendar_id'], load='')
        employees = self.sudo().browse({r['employee_id'] for r in rows})
        emp_data = {e['id']: e for e in employees.read(['resource_id', 'resource_calendar_id', 'company_id'],
                                                       load='')}
        for row in rows:
            row['calendar_id'] = row['resource_calendar_id'] or emp_data[row['employee_id']]['resource_calendar_id']
        calendar_ids = sorted({r['calendar_id'] for r in rows if r['calendar_id']})
        attendances = {}
        for att in self.env['resource.calendar.attendance'].sudo().search(
                [('calendar_id', 'in', calendar_ids)]).read(
                ['calendar_id', 'dayofweek', 'hour_from', 'hour_to', 'date_from', 'date_to'], load=''):
            attendances.setdefault(att['calendar_id'], []).append(att)
        resource_employee = {e['resource_id']: e['id'] for e in emp_data.values()}
        holidays, leaves = self._kz_timesheet_leaves(first, last, calendar_ids, resource_employee)
        result = {}
        for row in rows:
            result.setdefault(row['employee_id'], []).append({
                'date_from': fields.Date.from_string(row['date_start']),
                'date_to': fields.Date.from_string(row['date_end']) if row['date_end'] else None,
                'attendances': attendances.get(row['calendar_id'], []),
                'holidays': holidays.get(row['calendar_id'], []),
            })
        return {emp_id: timesheet_document.day_marks(year, month, periods, leaves.get(emp_id, []))
                for emp_id, periods in result.items()}

    def _kz_timesheet_leaves(self, first, last, calendar_ids, resource_employee):
        """({calendar id: public holidays}, {employee id: leaves}) overlapping the month, as local naive intervals,
        in one query. A day of margin on each side covers the time zones (Kazakhstan is UTC+5)."""
        if not resource_employee:
            return {}, {}
        start = datetime.datetime.combine(first - datetime.timedelta(days=1), datetime.time.min)
        end = datetime.datetime.combine(last + datetime.timedelta(days=2), datetime.time.min)
        self.env.cr.execute("""
            SELECT l.resource_id, l.calendar_id, l.date_from, l.date_to, l.tz, h.id,
                   s.kz_timesheet_mark, s.kz_payroll_kind
              FROM resource_calendar_leaves l
              LEFT JOIN hr_holidays h ON h.id = l.holiday_id
              LEFT JOIN hr_holidays_status s ON s.id = h.holiday_status_id
             WHERE l.date_from < %s AND l.date_to > %s
               AND (l.resource_id IN %s OR (l.resource_id IS NULL AND l.calendar_id IN %s))
               AND (l.holiday_id IS NULL OR h.state = 'validate')
             ORDER BY l.date_from, l.id""",
            (end, start, tuple(resource_employee), tuple(calendar_ids) or (0,)))
        holidays, leaves = {}, {}
        for resource_id, calendar_id, date_from, date_to, tz, _holiday, ts_mark, payroll_kind in self.env.cr.fetchall():
            interval = {'start': _local(date_from, tz), 'end': _local(date_to, tz)}
            if resource_id:
                interval['kind'] = ts_mark or MARK_BY_PAYROLL_KIND.get(payroll_kind) or DEFAULT_LEAVE_MARK
                leaves.setdefault(resource_employee[resource_id], []).append(interval)
            else:
                holidays.setdefault(calendar_id, []).append(interval)
        return holidays, leaves
