"""Demo: the entrance device of school No. 1 (token `demo-entrance-token`) and a month of school days of entries
and exits sent through the real ingestion, as a connector would."""
import datetime
import random

import pytz

from odoo import api, fields, models


def demo_notified_day(now, tz):
    """The school day whose taps the demo parents are notified of: the last weekday whose first-shift pupils have
    all come in by ``now`` (07:30-08:20). Just after the school's midnight (19:00 UTC in Almaty) "today" has no taps
    yet, and the parents would get nothing."""
    day = now.astimezone(tz).date()
    while day.weekday() >= 5 or tz.localize(datetime.datetime.combine(day, datetime.time(8, 20))) > now:
        day -= datetime.timedelta(days=1)
    return day


DEMO_TOKEN = 'demo-entrance-token'


class KzEduAccessDemo(models.AbstractModel):
    _name = 'kz.edu.access.demo'
    _description = 'Demo entry and exit events'

    @api.model
    def populate(self, days=30):
        school = self.env.ref('kz_edu_base.company_school1_demo')
        school.write({'kz_authority_email': 'bilim@karasai.example', 'kz_timezone': 'Asia/Almaty'})
        device = self.env['kz.edu.access.device'].create({
            'name': 'Бас кіреберіс / Главный вход', 'company_id': school.id, 'direction': 'both',
            'location': 'Тәуелсіздік көшесі, 12', 'device_type': 'rdm6300'})
        device._set_token(DEMO_TOKEN)
        self.env['ir.model.data'].create({'name': 'device_entrance_demo', 'module': 'kz_edu_access',
                                          'model': device._name, 'res_id': device.id, 'noupdate': True})
        # staff badges: unique numbers (hr_attendance's random default may have given one value to all rows)
        staff = self.env['hr.employee'].search([('company_id', '=', school.id)])
        for emp in staff:
            emp.barcode = '9%07d' % emp.id
        # the demo parent gets an e-mail address, so her notifications are really sent
        parent = self.env['res.users'].search([('login', '=', 'parent')], limit=1).partner_id
        if parent and not parent.email:
            parent.email = 'parent@karasai.example'
        self.env.cr.execute("""
            SELECT c.uid, cl.shift FROM kz_edu_card c JOIN kz_edu_student s ON s.id = c.student_id
              JOIN kz_edu_class cl ON cl.id = s.class_id
             WHERE c.state = 'active' AND s.state = 'enrolled' AND c.company_id = %s ORDER BY c.id""", (school.id,))
        cards = self.env.cr.fetchall()
        tz = pytz.timezone('Asia/Almaty')
        rng = random.Random(7)
        now = datetime.datetime.now(datetime.timezone.utc)
        today = now.astimezone(tz).date()
        Event = self.env['kz.edu.access.event']
        last_school_day = demo_notified_day(now, tz)
        n = 0
        for back in range(days, -1, -1):
            day = today - datetime.timedelta(days=back)
            if day.weekday() >= 5:
                continue
            events = []
            for uid, shift in cards:
                if rng.random() < 0.06:      # absent
                    continue
                start = datetime.time(7, 30) if shift == '1' else datetime.time(13, 10)
                t_in = tz.localize(datetime.datetime.combine(day, start)) + datetime.timedelta(
                    minutes=rng.randrange(0, 50), seconds=rng.randrange(60))
                t_out = t_in + datetime.timedelta(hours=5, minutes=rng.randrange(0, 90))
                for direction, when in (('in', t_in), ('out', t_out)):
                    if when < now:
                        n += 1
                        events.append({'id': 'demo-%d' % n, 'card': uid, 'direction': direction,
                                       'time': when.isoformat()})
            if back <= 7:
                for emp in staff:
                    t_in = tz.localize(datetime.datetime.combine(day, datetime.time(7, 20))) + datetime.timedelta(
                        minutes=rng.randrange(0, 40))
                    for direction, when in (('in', t_in), ('out', t_in + datetime.timedelta(hours=8))):
                        if when < now:
                            n += 1
                            events.append({'id': 'demo-%d' % n, 'card': emp.barcode, 'direction': direction,
                                           'time': when.isoformat()})
            events.append({'id': 'demo-unknown-%s' % day, 'card': 'DEADBEEF', 'direction': 'in',
                           'time': tz.localize(datetime.datetime.combine(day, datetime.time(8, 5))).isoformat()})
            for i in range(0, len(events), 1000):
                # parents are notified of the last school day only (a month of old messages helps nobody)
                Event.with_context(kz_no_notify=day != last_school_day).ingest(device, {'events': events[i:i + 1000]}, now=now)
        return True
