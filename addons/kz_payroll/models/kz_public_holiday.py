# -*- coding: utf-8 -*-
"""Kazakhstan's public holidays and moved days off in the working schedules (issue #13.4).

The dates come from ``kz_edu_base/kz_holidays.py`` (the Law «О праздниках в Республике Казахстан», the Labour Code
art. 84-85 and the yearly transfer orders, each row of ``kz_edu_base/data/kz_public_holidays.csv`` with its source).
They are written into every working schedule as *global* leaves (``resource.calendar.leaves`` without a resource),
which is where Odoo's own working-time computations look: the payslip's worked days (``get_worked_day_lines``,
through ``get_work_days_data``) and the time sheet (``kz_timesheet``) then leave them out of the working-time norm.
The weekly days off of each schedule decide which holidays move a day off (a five-day or a six-day week).

Not represented: a weekly day off made a working day by a transfer order (Sunday 5 January 2025): Odoo 11's schedules
have no extra working day; such rows are listed in the data and skipped here (logged)."""
import datetime
import logging

import pytz

from odoo import _, api, fields, models

from odoo.addons.kz_edu_base.bulk_sql import insert_rows
from odoo.addons.kz_edu_base import kz_holidays

_logger = logging.getLogger(__name__)

DEFAULT_TZ = 'Asia/Almaty'


class ResourceCalendarLeaves(models.Model):
    _inherit = 'resource.calendar.leaves'

    kz_holiday_code = fields.Char(string='Public holiday', readonly=True, index=True,
                                  help='Set on the public holidays and moved days off written from the Kazakh '
                                       'holiday calendar; they are rewritten when the calendar is synchronised.')


class ResourceCalendar(models.Model):
    _inherit = 'resource.calendar'

    @api.multi
    def _kz_rest_weekdays(self):
        """The weekly days off of the schedule (Monday = 0): the weekdays without working hours."""
        self.ensure_one()
        working = {int(d) for d in self.attendance_ids.mapped('dayofweek')}
        return frozenset(set(range(7)) - working) or kz_holidays.FIVE_DAY_WEEK

    @api.multi
    def _kz_holiday_tz(self):
        self.ensure_one()
        company = self.company_id
        return getattr(company, 'kz_timezone', None) or company.partner_id.tz or DEFAULT_TZ

    @api.model
    def _kz_holiday_name(self, info, lang):
        names = info['names']
        name = names.get((lang or 'en')[:2]) or names.get('ru') or names.get('en')
        if info['kind'] in ('transfer', 'day_off'):
            return _('%s (day off moved)') % name
        return name

    @api.multi
    def kz_sync_public_holidays(self, years):
        """Write the public holidays and moved days off of ``years`` into these schedules as global leaves,
        replacing the ones written before (idempotent). Returns the number of leaves written."""
        Leave = self.env['resource.calendar.leaves'].sudo()
        written = 0
        rows = []
        for calendar in self.sudo():
            lang = calendar.company_id.partner_id.lang or self.env.lang or 'en_US'
            tz = pytz.timezone(calendar._kz_holiday_tz())
            rest = calendar._kz_rest_weekdays()
            calendar = calendar.with_context(lang=lang)
            for year in sorted(set(int(y) for y in years)):
                try:
                    days = kz_holidays.non_working_days(year, rest)
                    extra = kz_holidays.extra_working_days(year, rest)
                except kz_holidays.HolidayError as e:
                    _logger.warning('%s: public holidays of %s not written: %s', calendar.name, year, e)
                    continue
                start = fields.Datetime.to_string(datetime.datetime(year, 1, 1) - datetime.timedelta(days=1))
                end = fields.Datetime.to_string(datetime.datetime(year + 1, 1, 1) + datetime.timedelta(days=1))
                Leave.search([('calendar_id', '=', calendar.id), ('resource_id', '=', False),
                              ('kz_holiday_code', '!=', False), ('date_from', '>=', start),
                              ('date_from', '<', end)]).unlink()
                for day in sorted(days):
                    info = days[day]
                    if info['kind'] == 'holiday_rest':
                        continue            # a weekly day off anyway: the moved day off is its own row
                    begin = tz.localize(datetime.datetime.combine(day, datetime.time.min)).astimezone(pytz.utc)
                    finish = tz.localize(datetime.datetime.combine(day, datetime.time(23, 59, 59))).astimezone(
                        pytz.utc)
                    rows.append((calendar._kz_holiday_name(info, lang), calendar.id, calendar.company_id.id or None,
                                 tz.zone, info['code'], begin.replace(tzinfo=None), finish.replace(tzinfo=None),
                                 self.env.uid, self.env.uid))
                for day in sorted(extra):
                    _logger.info('%s: %s is a working day by a transfer order (%s); Odoo schedules cannot add a '
                                 'working day, not applied', calendar.name, day, extra[day]['code'])
        if rows:
            # one INSERT for every schedule and year: every new company gets a schedule, and through the ORM its
            # ~45 leaves cost about a second (resource.calendar.leaves.create one at a time)
            insert_rows(self.env.cr, 'resource_calendar_leaves', (
                'name', 'calendar_id', 'company_id', 'tz', 'kz_holiday_code', 'date_from', 'date_to', 'create_uid',
                'write_uid', 'create_date', 'write_date'), rows,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')")
            Leave.invalidate_cache()
            written = len(rows)
        return written

    @api.model
    def kz_sync_public_holidays_all(self, years=None):
        """All schedules, for the previous, the current and the next year (install, yearly cron)."""
        if years is None:
            this_year = fields.Date.from_string(fields.Date.context_today(self)).year
            years = (this_year - 1, this_year, this_year + 1)
        return self.sudo().search([]).kz_sync_public_holidays(years)

    @api.model
    def create(self, vals):
        calendar = super(ResourceCalendar, self).create(vals)
        this_year = fields.Date.from_string(fields.Date.context_today(self)).year
        calendar.kz_sync_public_holidays((this_year - 1, this_year, this_year + 1))
        return calendar


class HrPayslip(models.Model):
    _inherit = 'hr.payslip'

    @api.model
    def get_worked_day_lines(self, contracts, date_from, date_to):
        """Public holidays (global leaves of the schedule) are not part of the working-time norm: stock Odoo
        lists them as a leave line without a leave type (no code, which a worked-days line must have); they are
        left out, as the time sheet leaves them out."""
        lines = super(HrPayslip, self).get_worked_day_lines(contracts, date_from, date_to)
        return [line for line in lines if line.get('code')]
