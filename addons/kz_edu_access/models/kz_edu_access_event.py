import datetime
import logging

import pytz
from psycopg2.extras import execute_values

from odoo import api, fields, models

from .. import access_rules

_logger = logging.getLogger(__name__)

EVENT_STATES = [
    ('accepted', 'Student, recorded'),
    ('staff', 'Staff, recorded'),
    ('no_consent', 'No consent: kept, not linked'),
    ('unknown_card', 'Unknown card'),
    ('blocked_card', 'Blocked card'),
    ('foreign_card', 'Card of another organisation'),
]


class KzEduAccessEvent(models.Model):
    """One tap of a card at a reader, as the device sent it. Idempotent by (device, id); nothing is dropped:
    unknown, blocked and foreign cards are kept with their state (HSC-01, HSC-11)."""
    _name = 'kz.edu.access.event'
    _description = 'Entry or exit event'
    _order = 'event_time desc, id desc'
    _rec_name = 'external_id'

    device_id = fields.Many2one('kz.edu.access.device', required=True, index=True, ondelete='restrict',
                                readonly=True)
    company_id = fields.Many2one('res.company', required=True, index=True, readonly=True)
    external_id = fields.Char(string='Event id', required=True, readonly=True)
    card_uid = fields.Char(string='Card UID', required=True, index=True, readonly=True)
    direction = fields.Selection([('in', 'In'), ('out', 'Out')], required=True, readonly=True)
    event_time = fields.Datetime(required=True, index=True, readonly=True)
    local_date = fields.Date(required=True, index=True, readonly=True)
    received_at = fields.Datetime(required=True, readonly=True)
    state = fields.Selection(EVENT_STATES, required=True, index=True, readonly=True)
    card_id = fields.Many2one('kz.edu.card', readonly=True, index=True)
    student_id = fields.Many2one('kz.edu.student', readonly=True, index=True)
    class_id = fields.Many2one('kz.edu.class', readonly=True, index=True)
    employee_id = fields.Many2one('hr.employee', readonly=True, index=True)

    _sql_constraints = [('device_event_unique', 'unique(device_id, external_id)',
                         'This event was already received from this device.')]

    @api.model
    def ingest(self, device, payload, now=None):
        """Store a batch of events from `device` (set-based: one lookup per kind, one INSERT for the batch).
        Returns the response of POST /kz_edu/access/events. Raises ValueError on a malformed body."""
        now_utc = now or datetime.datetime.now(datetime.timezone.utc)
        events, rejected, in_batch_dups = access_rules.parse_batch(payload, now_utc)
        cr = self.env.cr
        result = {'accepted': 0, 'duplicates': in_batch_dups, 'unknown_cards': 0, 'rejected': rejected}
        device.sudo().write({'last_seen': fields.Datetime.to_string(now_utc.replace(tzinfo=None)),
                             'last_batch_size': len(payload.get('events', []))})
        if not events:
            return result
        company = device.company_id
        tz = pytz.timezone(company.kz_timezone or 'Asia/Almaty')
        uids = tuple({e['card'] for e in events})
        cr.execute("""
            SELECT c.uid, c.id, c.state, c.company_id, s.id, s.partner_id, s.class_id, s.state
              FROM kz_edu_card c JOIN kz_edu_student s ON s.id = c.student_id WHERE c.uid IN %s""", (uids,))
        cards = {r[0]: r[1:] for r in cr.fetchall()}
        cr.execute("""
            SELECT upper(e.barcode), e.id, e.company_id FROM hr_employee e
             WHERE upper(e.barcode) IN %s""", (uids,))
        staff = {r[0]: r[1:] for r in cr.fetchall()}
        partners = tuple({c[4] for c in cards.values()}) or (0,)
        cr.execute("""
            SELECT partner_id, date_given, date_withdrawn FROM kz_edu_consent
             WHERE purpose = 'card_entry' AND partner_id IN %s""", (partners,))
        consents = {}
        for partner_id, given, withdrawn in cr.fetchall():
            consents.setdefault(partner_id, []).append((given, withdrawn))

        def consented(partner_id, day):
            day = fields.Date.to_string(day)    # Odoo's cursor returns dates as 'YYYY-MM-DD' text
            return any(g <= day and (not w or w > day) for g, w in consents.get(partner_id, ()))

        rows = []
        received = fields.Datetime.to_string(now_utc.replace(tzinfo=None))
        for e in events:
            day = access_rules.local_date(e['time_utc'], tz)
            card, emp = cards.get(e['card']), staff.get(e['card'])
            card_id = student_id = class_id = employee_id = None
            if card:
                c_id, c_state, c_company, s_id, partner_id, s_class, s_state = card
                if c_company != company.id:
                    state = 'foreign_card'   # a device of another school: never linked to that school's student
                elif c_state != 'active' or s_state != 'enrolled':
                    state, card_id = 'blocked_card', c_id
                elif not consented(partner_id, day):
                    state = 'no_consent'     # HSC-01: without the parents' consent the tap is not linked
                else:
                    state, card_id, student_id, class_id = 'accepted', c_id, s_id, s_class
            elif emp:
                if emp[1] != company.id:
                    state = 'foreign_card'
                else:
                    state, employee_id = 'staff', emp[0]
            else:
                state = 'unknown_card'
            rows.append((device.id, company.id, e['id'], e['card'], e['direction'],
                         fields.Datetime.to_string(e['time_utc']), fields.Date.to_string(day), received, state,
                         card_id, student_id, class_id, employee_id, self.env.uid, received, self.env.uid, received))
        inserted = execute_values(cr, """
            INSERT INTO kz_edu_access_event (device_id, company_id, external_id, card_uid, direction, event_time,
                   local_date, received_at, state, card_id, student_id, class_id, employee_id,
                   create_uid, create_date, write_uid, write_date)
            VALUES %s ON CONFLICT (device_id, external_id) DO NOTHING
            RETURNING id, state, student_id, employee_id, direction, event_time""", rows, page_size=1000,
                                  fetch=True)
        result['accepted'] = len(inserted)
        result['duplicates'] += len(rows) - len(inserted)
        result['unknown_cards'] = sum(1 for r in inserted if r[1] == 'unknown_card')
        self.invalidate_cache()
        new_student_events = [r[0] for r in inserted if r[1] == 'accepted']
        if new_student_events and not self.env.context.get('kz_no_notify'):
            self.env['kz.edu.notification'].queue_for_events(new_student_events)
        staff_events = sorted((r for r in inserted if r[1] == 'staff'), key=lambda r: r[5])
        if staff_events:
            self._staff_attendance(staff_events)
        return result

    @api.model
    def _staff_attendance(self, rows):
        """Staff taps become hr.attendance check-ins and check-outs (few per day: the ORM is fine here).
        A second 'in' while checked in, or an 'out' while checked out, is only kept as an event."""
        Attendance = self.env['hr.attendance'].sudo()
        for _id, _state, _student, employee_id, direction, when in rows:
            open_att = Attendance.search([('employee_id', '=', employee_id), ('check_out', '=', False)], limit=1)
            if direction == 'in' and not open_att:
                last = Attendance.search([('employee_id', '=', employee_id)], order='check_out desc', limit=1)
                if not last or last.check_out <= when:
                    Attendance.create({'employee_id': employee_id, 'check_in': when})
            elif direction == 'out' and open_att and open_att.check_in <= when:
                open_att.write({'check_out': when})
