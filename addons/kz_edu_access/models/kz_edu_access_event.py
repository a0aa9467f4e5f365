import datetime
import logging

import pytz

from odoo import api, fields, models

from .. import access_rules

_logger = logging.getLogger(__name__)

#: the states of access_rules (the classification of a tap) with their labels
EVENT_STATES = [
    (access_rules.ACCEPTED, 'Student, recorded'),
    (access_rules.STAFF, 'Staff, recorded'),
    (access_rules.NO_CONSENT, 'No consent: kept, not linked'),
    (access_rules.UNKNOWN_CARD, 'Unknown card'),
    (access_rules.BLOCKED_CARD, 'Blocked card'),
    (access_rules.FOREIGN_CARD, 'Card of another organisation'),
]


#: The ingestion's one statement (see KzEduAccessEvent._insert_events). The classification of a tap and the links it
#: keeps are generated from the pure rule (access_rules.TAP_RULES, LINKS): tests/test_ingest.py runs the same taps
#: through this SQL and through access_rules.classify_tap and compares them row by row.
_INSERT_EVENTS_SQL = """
        WITH batch AS (
            SELECT * FROM unnest(%(ids)s::varchar[], %(cards)s::varchar[], %(directions)s::varchar[],
                                 %(times)s::timestamp[], %(days)s::date[])
                       AS b(external_id, card_uid, direction, event_time, local_date)
        ), staff AS (
            SELECT DISTINCT ON (upper(barcode)) upper(barcode) AS uid, id, company_id
              FROM hr_employee WHERE upper(barcode) IN (SELECT card_uid FROM batch) ORDER BY upper(barcode), id
        ), classified AS MATERIALIZED (     -- else the CASE (and its consent lookup) is inlined in 5 columns
            SELECT b.*, c.id AS card_id, s.id AS student_id, s.class_id, e.id AS employee_id,
                   {state} AS state
              FROM batch b
              LEFT JOIN kz_edu_card c ON c.uid = b.card_uid
              LEFT JOIN kz_edu_student s ON s.id = c.student_id
              LEFT JOIN staff e ON e.uid = b.card_uid
        )
        INSERT INTO kz_edu_access_event (device_id, company_id, external_id, card_uid, direction, event_time,
               local_date, received_at, state, card_id, student_id, class_id, employee_id,
               create_date, write_date)
        SELECT %(device)s, %(company)s, external_id, card_uid, direction, event_time, local_date, %(now)s, state,
               {card_id}, {student_id}, {class_id}, {employee_id},
               %(now)s, %(now)s
          FROM classified
         ORDER BY external_id
            ON CONFLICT (device_id, external_id) DO NOTHING
     RETURNING id, state, student_id, employee_id, direction, event_time""".format(
    state=access_rules.classification_sql(), card_id=access_rules.link_sql('card_id'),
    student_id=access_rules.link_sql('student_id'), class_id=access_rules.link_sql('class_id'),
    employee_id=access_rules.link_sql('employee_id'))


class KzEduAccessEvent(models.Model):
    """One tap of a card at a reader, as the device sent it. Idempotent by (device, id); nothing is dropped:
    unknown, blocked and foreign cards are kept with their state (HSC-01, HSC-11)."""
    _name = 'kz.edu.access.event'
    _description = 'Entry or exit event'
    _order = 'event_time desc, id desc'
    _rec_name = 'external_id'

    # no index of its own: the unique (device_id, external_id) index serves lookups by device
    device_id = fields.Many2one('kz.edu.access.device', required=True, ondelete='restrict', readonly=True)
    company_id = fields.Many2one('res.company', required=True, index=True, readonly=True)
    external_id = fields.Char(string='Event id', required=True, readonly=True)
    card_uid = fields.Char(string='Card UID', required=True, index=True, readonly=True)
    direction = fields.Selection([('in', 'In'), ('out', 'Out')], required=True, readonly=True)
    event_time = fields.Datetime(required=True, index=True, readonly=True)
    local_date = fields.Date(required=True, index=True, readonly=True)
    received_at = fields.Datetime(required=True, readonly=True)
    state = fields.Selection(EVENT_STATES, required=True, readonly=True)    # partial index: see init()
    card_id = fields.Many2one('kz.edu.card', readonly=True, index=True)
    student_id = fields.Many2one('kz.edu.student', readonly=True, index=True)
    class_id = fields.Many2one('kz.edu.class', readonly=True, index=True)
    employee_id = fields.Many2one('hr.employee', readonly=True, index=True)

    _sql_constraints = [('device_event_unique', 'unique(device_id, external_id)',
                         'This event was already received from this device.')]

    @api.model_cr
    def init(self):
        # Every index is written for each of the thousands of taps of a morning rush. state is 'accepted' for
        # ~90 % of the rows, so a full index on it served nothing but the "Unknown or blocked cards" filter:
        # indexed for those rare states only. (The full index and the one on device_id, which the unique index
        # covers, cost ~10 % of the ingestion's insert.)
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS kz_edu_access_event_problem_state_index ON kz_edu_access_event (state)
             WHERE state IN ('unknown_card', 'blocked_card', 'foreign_card')""")

    @api.model
    def ingest(self, device, payload, now=None):
        """Store a batch of events from `device` (set-based: one INSERT ... SELECT for the batch).
        Returns the response of POST /kz_edu/access/events. Raises ValueError on a malformed body.

        Safe under concurrent batches of one device (the API runs it at READ COMMITTED, see the controller):
        INSERT ... ON CONFLICT DO NOTHING on the unique (device, event id) stores an event once even when two
        batches carry it at the same moment (the second waits for the first to commit, then skips it); the rows
        go in sorted by event id, so two overlapping batches take their key locks in one order and cannot
        deadlock; staff taps lock their employees in id order; the device's heartbeat row is written last, so
        its lock is held only until the commit."""
        now_utc = now or datetime.datetime.now(datetime.timezone.utc)
        events, rejected, in_batch_dups = access_rules.parse_batch(payload, now_utc)
        result = {'accepted': 0, 'duplicates': in_batch_dups, 'unknown_cards': 0, 'rejected': rejected}
        if events:
            inserted = self._insert_events(device, events, now_utc)
            self.invalidate_cache()
            result['accepted'] = len(inserted)
            result['duplicates'] += len(events) - len(inserted)
            result['unknown_cards'] = sum(1 for r in inserted if r[1] == 'unknown_card')
            new_student_events = [r[0] for r in inserted if r[1] == 'accepted']
            if new_student_events and not self.env.context.get('kz_no_notify'):
                self.env['kz.edu.notification'].queue_for_events(new_student_events)
            staff_events = sorted((r for r in inserted if r[1] == 'staff'), key=lambda r: r[5])
            if staff_events:
                self._staff_attendance(staff_events)
        self._device_seen(device, now_utc, len(payload['events']))
        return result

    @api.model
    def _device_seen(self, device, now_utc, batch_size):
        """The device's heartbeat. Every batch of every sender writes this one row, so it is the batch's last
        statement (its row lock lasts only until the commit; the ORM write it replaces came first and also ran
        mail.thread's tracking). GREATEST: a batch that commits later with an earlier clock never moves
        last_seen back."""
        seen = now_utc.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        self.env.cr.execute("""
            UPDATE kz_edu_access_device SET last_seen = GREATEST(last_seen, %s), last_batch_size = %s
             WHERE id = %s""", (seen, batch_size, device.id))
        device.invalidate_cache(['last_seen', 'last_batch_size'], device.ids)

    @api.model
    def _insert_events(self, device, events, now_utc):
        """Classify the parsed events and insert them in one statement; returns the rows really inserted
        (id, state, student_id, employee_id, direction, event_time), not those already stored.

        Classification (the pure rule access_rules.TAP_RULES, from which this SQL is generated): a card of
        another school -> foreign_card (never linked to that school's student); a blocked or replaced card, or a
        student no longer enrolled -> blocked_card; no card-entry consent of the parents on the event's local date
        -> no_consent, kept but not linked (HSC-01); otherwise accepted. A staff badge -> staff (HSC-11). Anything
        else -> unknown_card. Nothing is dropped.

        Done in SQL over unnest() of the batch: Python only parses the events and gives each its local date.
        The same in Python (dict lookups per event and execute_values' row-by-row mogrify) held the server's
        interpreter ~50 ms per 500 events, and under the GIL 4 concurrent senders queue on that; PostgreSQL runs
        the joins of concurrent batches on every core. ORDER BY external_id: overlapping batches take their key
        locks in one order (no deadlock).

        create_uid and write_uid stay empty: no user makes these rows, a device does (device_id). Filling them
        cost two foreign-key checks a row on one hot res_users row, a quarter of the insert's time."""
        tz = pytz.timezone(device.company_id.kz_timezone or 'Asia/Almaty')
        now = now_utc.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        self.env.cr.execute(_INSERT_EVENTS_SQL, {
            'ids': [e['id'] for e in events], 'cards': [e['card'] for e in events],
            'directions': [e['direction'] for e in events], 'times': [e['time_utc'] for e in events],
            'days': [access_rules.local_date(e['time_utc'], tz) for e in events],
            'device': device.id, 'company': device.company_id.id, 'now': now})
        return self.env.cr.fetchall()

    @api.model
    def _staff_attendance(self, rows):
        """Staff taps become hr.attendance check-ins and check-outs (few per batch: the ORM is fine here, with
        the open attendances of the batch's employees found in one query).
        A second 'in' while checked in, or an 'out' while checked out, is only kept as an event. The employees
        are locked first (in id order): a concurrent batch with a tap of the same person waits, then sees this
        one's check-in, instead of both opening one."""
        employee_ids = tuple(sorted({r[3] for r in rows}))
        cr = self.env.cr
        cr.execute("SELECT id FROM hr_employee WHERE id IN %s ORDER BY id FOR NO KEY UPDATE", (employee_ids,))
        # the open attendance of each employee of the batch in one query: the ORM's search, then the read of
        # every stored field of those attendances to get employee_id, cost ~25 ms a batch of 500 taps
        cr.execute("""
            SELECT DISTINCT ON (employee_id) employee_id, id FROM hr_attendance
             WHERE check_out IS NULL AND employee_id IN %s ORDER BY employee_id, check_in DESC""", (employee_ids,))
        Attendance = self.env['hr.attendance'].sudo()
        open_atts = {employee_id: Attendance.browse(att_id) for employee_id, att_id in cr.fetchall()}
        for _id, _state, _student, employee_id, direction, when in rows:
            open_att = open_atts.get(employee_id)
            if direction == 'in' and not open_att:
                last = Attendance.search([('employee_id', '=', employee_id)], order='check_out desc', limit=1)
                if not last or last.check_out <= when:
                    open_atts[employee_id] = Attendance.create({'employee_id': employee_id, 'check_in': when})
            elif direction == 'out' and open_att and open_att.check_in <= when:
                open_att.write({'check_out': when})
                del open_atts[employee_id]
