import datetime

from odoo.exceptions import AccessError

from odoo.addons.kz_edu_access import access_rules

from .common import AccessCase


class TestIngest(AccessCase):
    """POST /kz_edu/access/events behaviour, through the model method the controller calls (HSC-01, HSC-11)."""

    def test_student_entry_is_recorded_with_its_local_date(self):
        res = self.ingest([self.ev('a1', 'c0000000')])
        self.assertEqual(res, {'accepted': 1, 'duplicates': 0, 'unknown_cards': 0, 'rejected': []})
        e = self.env['kz.edu.access.event'].search([('external_id', '=', 'a1')])
        self.assertEqual((e.state, e.student_id, e.class_id), ('accepted', self.kids[0], self.c5a))
        self.assertEqual(e.event_time, '2026-11-20 02:58:00')
        self.assertEqual(e.local_date, '2026-11-20')

    def test_replayed_batch_is_never_counted_twice(self):
        batch = [self.ev('r1', 'C0000000'), self.ev('r2', 'C0000001', 'out', '2026-11-20T10:40:00+05:00')]
        self.assertEqual(self.ingest(batch)['accepted'], 2)
        again = self.ingest(batch + [self.ev('r1', 'C0000000')])
        self.assertEqual((again['accepted'], again['duplicates']), (0, 3))
        self.assertEqual(self.env['kz.edu.access.event'].search_count([('device_id', '=', self.device.id)]), 2)

    def test_unknown_blocked_and_foreign_cards_are_kept_not_linked(self):
        self.cards[1].action_block()
        other = self.env['kz.edu.access.device'].create({'name': 'B', 'company_id': self.school_b.id})
        res = self.ingest([self.ev('u1', 'FFFF0000'), self.ev('b1', 'C0000001')])
        self.assertEqual((res['accepted'], res['unknown_cards']), (2, 1))
        res_b = self.ingest([self.ev('f1', 'C0000000')], device=other)     # school B's device, school A's card
        self.assertEqual(res_b['accepted'], 1)
        Event = self.env['kz.edu.access.event']
        states = {e.external_id: (e.state, e.student_id.id) for e in Event.search([('external_id', 'in',
                                                                                     ['u1', 'b1', 'f1'])])}
        self.assertEqual(states, {'u1': ('unknown_card', False), 'b1': ('blocked_card', False),
                                  'f1': ('foreign_card', False)})

    def test_without_consent_the_event_is_kept_but_not_linked_HSC01(self):
        self.ingest([self.ev('n1', 'C0000002')])
        e = self.env['kz.edu.access.event'].search([('external_id', '=', 'n1')])
        self.assertEqual((e.state, e.student_id.id, e.card_id.id), ('no_consent', False, False))
        self.assertFalse(self.env['kz.edu.notification'].search([('event_id', '=', e.id)]))

    def test_future_old_and_malformed_events_are_rejected_with_reasons(self):
        res = self.ingest([self.ev('t1', 'C0000000', time='2026-11-20T12:00:00+05:00'),
                           self.ev('t2', 'C0000000', time='2020-01-10T08:00:00+05:00'),
                           {'id': 't3', 'card': 'C0000000'},
                           self.ev('t4', 'C0000000')])
        self.assertEqual(res['accepted'], 1)
        self.assertEqual([r['id'] for r in res['rejected']], ['t1', 't2', 't3'])
        self.assertIn('future', res['rejected'][0]['reason'])
        with self.assertRaises(ValueError):
            self.env['kz.edu.access.event'].ingest(self.device, {'nope': []}, now=self.NOW)

    def test_parents_are_notified_asynchronously_in_their_language_HSC12(self):
        self.ingest([self.ev('m1', 'C0000000')])
        notes = self.env['kz.edu.notification'].search([('student_id', '=', self.kids[0].id)])
        self.assertEqual(len(notes), 1)
        self.assertEqual(notes.state, 'queued')        # nothing sent during ingestion
        notes.send()
        self.assertEqual(notes.state, 'sent')
        mail = self.env['mail.mail'].search([('email_to', '=', 'ana@example.kz')], order='id desc', limit=1)
        self.assertIn('07:58', mail.body_html)
        self.assertIn('20.11.2026', mail.body_html)
        self.assertIn(self.kids[0].name, mail.body_html)
        self.assertEqual(notes.body, mail.subject)
        self.assertEqual(notes.body, '%s: %s мектепке 20.11.2026 07:58 кезінде кірді.'
                         % (self.school_a.name, self.kids[0].name))

    def test_the_message_is_in_the_parents_language_kk_or_ru_HSC12(self):
        self.mother_a.lang = 'ru_RU'
        self.ingest([self.ev('l1', 'C0000000', 'out', '2026-11-20T10:15:00+05:00')])
        note = self.env['kz.edu.notification'].search([('event_id.external_id', '=', 'l1')])
        self.assertEqual(note._message(), '%s: %s — выход в 20.11.2026 10:15.'
                         % (self.school_a.name, self.kids[0].name))
        # the list of notifications shows that text (a message of the entrance has no stored body)
        self.assertFalse(note.body)
        self.assertEqual(note.read(['message'])[0]['message'], note._message())
        self.mother_a.lang = 'kk_KZ'
        self.assertEqual(note._message(), '%s: %s мектептен 20.11.2026 10:15 кезінде шықты.'
                         % (self.school_a.name, self.kids[0].name))

    def test_entrance_notifications_respect_the_consent_to_notifications_SEC01(self):
        """kids[1] may enter by card (card-entry consent) but nobody consented to notifications about her: her
        father's message is kept as skipped with the reason, nothing is sent; a guardian who wants no
        notifications gets no row."""
        father = self.env['res.partner'].create({'name': 'Әке', 'email': 'ake@example.kz',
                                                 'company_id': self.school_a.id})
        Guardian = self.env['kz.edu.guardian']
        Guardian.create({'student_id': self.kids[1].id, 'partner_id': father.id, 'relation': 'father',
                         'notify_by': 'mail'})
        Guardian.create({'student_id': self.kids[1].id, 'partner_id': self.mother_a.id, 'relation': 'mother',
                         'notify_by': 'none'})
        self.ingest([self.ev('c1', 'C0000001')])
        note = self.env['kz.edu.notification'].search([('event_id.external_id', '=', 'c1')])
        self.assertEqual([(n.partner_id, n.state, n.reason) for n in note], [(father, 'skipped', 'no_consent')])
        note.send()
        self.assertEqual(note.state, 'skipped')
        self.assertFalse(self.env['mail.mail'].search([('email_to', '=', 'ake@example.kz')]))

    def test_cron_sends_the_queue_oldest_first_in_batches(self):
        Notification = self.env['kz.edu.notification']
        self.env.cr.execute("UPDATE kz_edu_notification SET state = 'skipped' WHERE state = 'queued'")
        Notification.invalidate_cache()
        self.ingest([self.ev('q1', 'C0000000'), self.ev('q2', 'C0000000', 'out', '2026-11-20T10:00:00+05:00')])
        self.assertEqual(Notification._cron_send(limit=1), 1)
        self.assertEqual(Notification.search([('state', '=', 'queued')]).event_id.external_id, 'q2')
        self.assertEqual(Notification._cron_send(), 1)
        self.assertFalse(Notification.search([('state', '=', 'queued')]))

    def test_staff_taps_become_hr_attendance_HSC11(self):
        self.ingest([self.ev('s1', '90000001', 'in', '2026-11-20T07:40:00+05:00'),
                     self.ev('s2', '90000001', 'in', '2026-11-20T07:41:00+05:00'),   # a second tap: no 2nd check-in
                     self.ev('s3', '90000001', 'out', '2026-11-20T10:30:00+05:00')])
        att = self.env['hr.attendance'].search([('employee_id', '=', self.staff.id)])
        self.assertEqual(len(att), 1)
        self.assertEqual((att.check_in, att.check_out), ('2026-11-20 02:40:00', '2026-11-20 05:30:00'))

    def test_staff_in_out_in_within_one_batch_gives_two_attendances_HSC11(self):
        self.ingest([self.ev('w1', '90000001', 'in', '2026-11-20T07:40:00+05:00'),
                     self.ev('w2', '90000001', 'out', '2026-11-20T09:00:00+05:00'),
                     self.ev('w3', '90000001', 'in', '2026-11-20T09:30:00+05:00')])
        att = self.env['hr.attendance'].search([('employee_id', '=', self.staff.id)], order='check_in')
        self.assertEqual([(a.check_in, a.check_out) for a in att],
                         [('2026-11-20 02:40:00', '2026-11-20 04:00:00'), ('2026-11-20 04:30:00', False)])
        self.ingest([self.ev('w4', '90000001', 'out', '2026-11-20T10:45:00+05:00')])     # next batch closes it
        self.assertEqual(att[1].check_out, '2026-11-20 05:45:00')

    def test_event_with_a_nul_or_lone_surrogate_is_refused_alone_HSC11(self):
        res = self.ingest([self.ev('z\x00', 'C0000000'), self.ev('z2', 'C0000\x0001'),
                           self.ev('z3', 'C0000\ud8001'), self.ev('z4', 'C0000000')])
        self.assertEqual(res['accepted'], 1)
        self.assertEqual([(r['id'], r['reason']) for r in res['rejected']],
                         [('z\x00', 'text contains a NUL character'), ('z2', 'text contains a NUL character'),
                          ('z3', 'text is not valid Unicode')])
        stored = self.env['kz.edu.access.event'].search([('device_id', '=', self.device.id)])
        self.assertEqual(stored.mapped('external_id'), ['z4'])

    def test_every_batch_is_a_heartbeat_that_never_goes_back(self):
        self.ingest([], now=self.NOW)
        self.assertEqual((self.device.last_seen, self.device.last_batch_size), ('2026-11-20 06:00:00', 0))
        self.ingest([self.ev('h1', 'C0000000'), {'id': 'h2'}], now=self.NOW - datetime.timedelta(minutes=3))
        self.assertEqual((self.device.last_seen, self.device.last_batch_size), ('2026-11-20 06:00:00', 2))
        self.ingest([], now=self.NOW + datetime.timedelta(minutes=1))
        self.assertEqual(self.device.last_seen, '2026-11-20 06:01:00')

    def test_token_is_stored_hashed_and_revocable(self):
        Device = self.env['kz.edu.access.device']
        self.assertEqual(Device._authenticate('test-token'), self.device)
        self.assertNotIn('test-token', str(self.device.sudo().read(['token_hash'])))
        self.assertEqual(self.device.token_hint, 'oken')
        self.assertFalse(Device._authenticate('wrong'))
        self.device.action_revoke_token()
        self.assertFalse(Device._authenticate('test-token'))

    def test_allowlist_is_the_schools_active_cards_only(self):
        self.cards[1].action_block()
        other = self.env['kz.edu.access.device'].create({'name': 'B', 'company_id': self.school_b.id})
        allow = self.device._allowlist()
        self.assertIn('C0000000', allow)
        self.assertNotIn('C0000001', allow)
        self.assertIn('90000001', allow)
        self.assertFalse(set(other._allowlist()) & set(allow))

    def test_not_arrived_today_for_the_class_teacher(self):
        self.ingest([self.ev('x1', 'C0000000')])
        Student = self.env['kz.edu.student'].sudo(self.teacher_user).with_context(
            tz='Asia/Almaty', kz_today_override='2026-11-20')
        missing = Student.search([('state', '=', 'enrolled'), ('kz_arrived_today', '=', False)])
        self.assertEqual(missing, self.kids[1:3])

    def test_not_arrived_filter_is_anded_with_enrolled_in_the_menu_HSC11(self):
        """The «Not arrived today» menu combines its two default filters with AND: side by side in the search view
        they were ORed and the list showed every student (issue #13.5)."""
        from lxml import etree
        view = self.env['kz.edu.student'].sudo(self.teacher_user).fields_view_get(view_type='search')
        filters = etree.fromstring(view['arch']).xpath('//filter[@name="enrolled"]/following-sibling::*[1]')
        self.assertEqual(filters[0].tag, 'separator')
        action = self.env.ref('kz_edu_access.kz_edu_student_action_not_arrived')
        self.assertIn("'search_default_not_arrived': 1", action.context)

    def test_attendance_today_counts_per_class_HSC11(self):
        self.ingest([self.ev('c1', 'C0000000'), self.ev('c2', 'C0000003')])
        Class = self.env['kz.edu.class'].sudo(self.teacher_user).with_context(kz_today_override='2026-11-20')
        c5a = Class.browse(self.c5a.id)
        self.assertEqual((c5a.kz_enrolled_count, c5a.kz_arrived_count, c5a.kz_absent_count), (3, 1, 2))
        self.assertAlmostEqual(c5a.kz_attendance_rate, 33.3)
        c5b = self.env['kz.edu.class'].with_context(kz_today_override='2026-11-20').browse(self.c5b.id)
        self.assertEqual((c5b.kz_enrolled_count, c5b.kz_arrived_count, c5b.kz_absent_count), (1, 1, 0))
        # another day: nobody has arrived yet
        c5a = self.env['kz.edu.class'].with_context(kz_today_override='2026-11-21').browse(self.c5a.id)
        self.assertEqual((c5a.kz_arrived_count, c5a.kz_absent_count), (0, 3))

    def test_parent_reads_only_own_childs_days_and_class_teacher_only_own_class(self):
        self.ingest([self.ev('p1', 'C0000000'), self.ev('p2', 'C0000001'), self.ev('p3', 'C0000003')])
        parent = self.make_user('acc_parent', ['kz_edu_base.group_parent'], self.school_a, partner=self.mother_a)
        days = self.env['kz.edu.access.daily'].sudo(parent).search([])
        self.assertEqual(days.mapped('student_id'), self.kids[0])
        seen = self.env['kz.edu.access.event'].sudo(self.teacher_user).search([])
        self.assertEqual(set(seen.mapped('student_id').ids), set(self.kids[:2].ids))
        with self.assertRaises(AccessError):
            self.env['kz.edu.access.event'].sudo(parent).search([])


class TestRulesInSql(AccessCase):
    """The ingestion classifies a batch in SQL and the day's first entry and last exit are grouped in SQL, for speed;
    both are the pure rules of access_rules: the same taps through both, compared row by row."""

    def _facts(self, event):
        """The access_rules.Tap of a stored event, read from the database as the rule reads it."""
        cr = self.env.cr
        cr.execute("SELECT id, company_id, state, student_id FROM kz_edu_card WHERE uid = %s", (event.card_uid,))
        row = cr.fetchone()
        card = student = None
        consents = []
        if row:
            card = {'id': row[0], 'company_id': row[1], 'state': row[2]}
            cr.execute("SELECT id, state, class_id, partner_id FROM kz_edu_student WHERE id = %s", (row[3],))
            sid, state, class_id, partner_id = cr.fetchone()
            student = {'id': sid, 'state': state, 'class_id': class_id}
            cr.execute("SELECT purpose, date_given, date_withdrawn FROM kz_edu_consent WHERE partner_id = %s",
                       (partner_id,))
            consents = [{'purpose': p, 'date_given': g, 'date_withdrawn': w} for p, g, w in cr.fetchall()]
        cr.execute("SELECT id, company_id FROM hr_employee WHERE upper(barcode) = %s ORDER BY id LIMIT 1",
                   (event.card_uid,))
        row = cr.fetchone()
        employee = row and {'id': row[0], 'company_id': row[1]}
        return access_rules.Tap(event.company_id.id, event.local_date, card=card, student=student,
                                consents=consents, employee=employee)

    def test_sql_classification_is_the_pure_rule_row_by_row(self):
        Consent = self.env['kz.edu.consent']
        # kids[2]: the card-entry consent from 20.11 (none on the 19th); kids[3]: withdrawn on 20.11
        Consent.create({'partner_id': self.kids[2].partner_id.id, 'purpose': 'card_entry',
                        'given_by_id': self.mother_a.id, 'date_given': '2026-11-20', 'company_id': self.school_a.id})
        Consent.search([('partner_id', '=', self.kids[3].partner_id.id), ('purpose', '=', 'card_entry')]).write(
            {'date_withdrawn': '2026-11-20'})
        self.cards[1].action_block()
        # kids[4]: enrolled with a card, then left the school (the card stays active)
        self.admit(self.kids[4:5], self.c5b)
        self.env['kz.edu.card'].create({'uid': 'C0000004', 'student_id': self.kids[4].id})
        self.env.cr.execute("UPDATE kz_edu_student SET state = 'left' WHERE id = %s", (self.kids[4].id,))
        self.env['kz.edu.student'].invalidate_cache()
        # a badge of school B
        self.env['hr.employee'].create({'name': 'Басқа мұғалім', 'company_id': self.school_b.id,
                                        'barcode': 'KZTESTB02'})
        device_b = self.env['kz.edu.access.device'].create({'name': 'B', 'company_id': self.school_b.id})
        uids = ['C0000000', 'C0000001', 'C0000002', 'C0000003', 'C0000004', '90000001', 'KZTESTB02', 'FFFF0001']
        taps = []
        for n, uid in enumerate(uids):
            taps += [self.ev('k%d-19' % n, uid, 'in', '2026-11-19T08:%02d:00+05:00' % n),
                     self.ev('k%d-20' % n, uid, 'out' if n % 2 else 'in', '2026-11-20T08:%02d:00+05:00' % n)]
        self.ingest(taps)
        self.ingest([dict(t, id='b-' + t['id']) for t in taps], device=device_b)   # the same taps at school B

        Event = self.env['kz.edu.access.event']
        events = Event.search([('device_id', 'in', (self.device | device_b).ids)])
        self.assertEqual(len(events), 2 * len(taps))
        states = set()
        for event in events:
            stored = {'state': event.state, 'card_id': event.card_id.id or None,
                      'student_id': event.student_id.id or None, 'class_id': event.class_id.id or None,
                      'employee_id': event.employee_id.id or None}
            self.assertEqual(stored, access_rules.classify_tap(self._facts(event)), event.external_id)
            states.add(event.state)
        self.assertEqual(states, set(access_rules.STATES))       # every rule was met by some tap
        # and what that means, for a few of them
        by_id = {e.external_id: e.state for e in events}
        self.assertEqual([by_id[i] for i in ('k2-19', 'k2-20', 'k3-19', 'k3-20', 'k4-19', 'b-k0-19', 'b-k6-19')],
                         ['no_consent', 'accepted', 'accepted', 'no_consent', 'blocked_card', 'foreign_card',
                          'staff'])

    def test_sql_first_entry_and_last_exit_are_the_pure_rule_row_by_row(self):
        times = {  # card: [(direction, local time)], on 19.11 and 20.11, entries and exits out of order
            'C0000000': [('out', '2026-11-19T15:10'), ('in', '2026-11-19T08:05'), ('in', '2026-11-19T07:55'),
                         ('out', '2026-11-19T12:00'), ('in', '2026-11-20T07:50')],
            'C0000001': [('out', '2026-11-19T13:00')],
            'C0000003': [('in', '2026-11-19T08:30'), ('out', '2026-11-19T08:20'), ('in', '2026-11-20T09:00'),
                         ('out', '2026-11-20T10:15'), ('in', '2026-11-20T10:40')],
        }
        taps = [self.ev('d-%s-%d' % (uid, n), uid, direction, when + ':00+05:00')
                for uid, rows in times.items() for n, (direction, when) in enumerate(rows)]
        self.ingest(taps)
        kids = (self.kids[0] | self.kids[1] | self.kids[3]).ids
        events = self.env['kz.edu.access.event'].search_read(
            [('device_id', '=', self.device.id), ('state', '=', 'accepted')],
            ['student_id', 'local_date', 'direction', 'event_time'])
        pure = access_rules.day_bounds((e['student_id'][0], e['local_date'], e['direction'], e['event_time'])
                                       for e in events)
        daily = self.env['kz.edu.access.daily'].search([('student_id', 'in', kids)])
        sql = {(d.student_id.id, d.date): (d.first_in or None, d.last_out or None) for d in daily}
        self.assertEqual(sql, pure)
        self.assertEqual(sql[(self.kids[0].id, '2026-11-19')], ('2026-11-19 02:55:00', '2026-11-19 10:10:00'))
        self.assertEqual(sql[(self.kids[1].id, '2026-11-19')], (None, '2026-11-19 08:00:00'))
        self.assertEqual(sql[(self.kids[3].id, '2026-11-20')], ('2026-11-20 04:00:00', '2026-11-20 05:15:00'))
        # the monthly report's register reads the same rule (first entry, last exit, local time)
        report = self.env['kz.edu.access.report.wizard'].attendance_report([self.school_a.id], '2026-11-01')
        school = report['schools'][0]
        day = school['days'].index(datetime.date(2026, 11, 19))
        cells = {r['student']: r['cells'][day]['text'] for r in school['register']}
        self.assertEqual((cells[self.kids[0].id], cells[self.kids[1].id], cells[self.kids[3].id]),
                         ('07:55-15:10', '-13:00', '08:30-08:20'))
