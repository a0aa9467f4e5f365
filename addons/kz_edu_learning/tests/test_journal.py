"""The class journal (LMS-12): a lesson filled in one call from the grid, the checks of every value, substitutions in
both teachers' journals, who reads and who writes what (SEC-06: parents and students their own only; SEC-05: one
school nothing of another), and the parents' notifications of absences and low marks."""
from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import LearningCase


class TestJournal(LearningCase):

    def entries(self, lesson):
        return {e.student_id.id: e for e in self.env['kz.edu.lesson.entry'].search([('lesson_id', '=', lesson.id)])}

    # ------------------------------------------------------------------------------------------ filling a lesson
    def test_teacher_fills_a_lesson_in_one_call_LMS12(self):
        k = self.kids
        data = self.save(self.u_math, self.lesson_math, [
            {'student_id': k[0].id, 'attendance': 'present', 'mark': 9},
            {'student_id': k[1].id, 'attendance': 'absent', 'reason': 'ill'},
            {'student_id': k[2].id, 'attendance': 'late', 'mark': 6},
            {'student_id': k[3].id, 'attendance': 'present'},
        ], topic='Бөлшектер', homework='№ 12, 14 есептер')
        rows = self.entries(self.lesson_math)
        self.assertEqual(set(rows), {k[0].id, k[1].id, k[2].id})        # "present, no mark" is no row
        self.assertEqual((rows[k[0].id].attendance, rows[k[0].id].mark), ('present', 9))
        self.assertEqual((rows[k[1].id].attendance, rows[k[1].id].absence_reason), ('absent', 'ill'))
        self.assertEqual((rows[k[2].id].attendance, rows[k[2].id].mark), ('late', 6))
        self.assertEqual(self.lesson_math.state, 'done')
        self.assertEqual(self.lesson_math.topic, 'Бөлшектер')
        self.assertEqual(self.lesson_math.homework_ids.description, '№ 12, 14 есептер')
        self.assertEqual(self.lesson_math.homework_ids.due_date, '2026-11-11')   # the next maths lesson
        self.assertEqual([p['id'] for p in data['pupils']], k[:4].sorted(lambda s: s.name.lower()).ids)
        # back to "present, no mark": the row goes
        self.save(self.u_math, self.lesson_math, [{'student_id': k[0].id, 'attendance': 'present'}])
        self.assertNotIn(k[0].id, self.entries(self.lesson_math))

    def test_grid_lists_the_group_of_a_split_subject_only(self):
        g1 = [p['id'] for p in self.lesson_eng1.sudo(self.u_eng1.id).kz_grid_data()['pupils']]
        g2 = [p['id'] for p in self.lesson_eng2.sudo(self.u_eng2.id).kz_grid_data()['pupils']]
        ordered = self.kids[:4].sorted(lambda s: s.name.lower()).ids
        self.assertEqual(g1 + g2, ordered)                                  # the first half, then the rest
        with self.assertRaises(UserError):
            self.save(self.u_eng1, self.lesson_eng1, [{'student_id': g2[0], 'attendance': 'absent'}])
        # the class teacher moves a pupil to the other group
        self.env['kz.edu.group.member'].sudo(self.teacher_user.id).create({
            'class_id': self.c5a.id, 'subject_id': self.eng.id, 'student_id': g2[0], 'group_no': 1})
        self.assertIn(g2[0], [p['id'] for p in self.lesson_eng1.kz_grid_data()['pupils']])

    def test_bad_values_are_refused_with_their_reason_and_nothing_is_written_LMS12(self):
        k = self.kids
        cases = [
            ([{'student_id': k[0].id, 'mark': 11}], '1 to 10'),
            ([{'student_id': k[0].id, 'mark': 7}, {'student_id': k[1].id, 'attendance': 'absent', 'mark': 5}],
             'absent'),
            ([{'student_id': k[4].id, 'mark': 5}], 'not in the lesson'),          # a pupil of 5 «Б»
            ([{'student_id': k[0].id, 'attendance': 'gone'}], 'attendance'),
        ]
        for entries, words in cases:
            with self.assertRaises(UserError) as err:
                self.save(self.u_math, self.lesson_math, entries)
            self.assertIn(words, str(err.exception))
        self.assertFalse(self.entries(self.lesson_math))
        self.assertEqual(self.lesson_math.state, 'planned')

    def test_grade_one_gets_attendance_but_no_marks_LMS08(self):
        data = self.lesson_first.sudo(self.u_sub.id).kz_grid_data()
        self.assertFalse(data['has_marks'])
        with self.assertRaises(UserError) as err:
            self.save(self.u_sub, self.lesson_first, [{'student_id': self.first_grader.id, 'mark': 8}])
        self.assertIn('grade 1', str(err.exception))
        self.save(self.u_sub, self.lesson_first, [{'student_id': self.first_grader.id, 'attendance': 'absent'}])
        self.assertEqual(self.entries(self.lesson_first)[self.first_grader.id].attendance, 'absent')

    def test_a_lesson_with_entries_is_never_deleted_nor_moved(self):
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'mark': 8}])
        with self.assertRaises(UserError):
            self.lesson_math.unlink()
        with self.assertRaises(UserError):
            self.lesson_math.write({'date': '2026-11-10'})

    # ------------------------------------------------------------------------------------------ who fills what
    def test_teacher_fills_her_own_lessons_only(self):
        with self.assertRaises(AccessError):
            self.save(self.u_eng1, self.lesson_math, [{'student_id': self.kid.id, 'mark': 5}])
        Lesson = self.env['kz.edu.lesson'].sudo(self.u_eng1.id)
        self.assertEqual(set(Lesson.search([]).mapped('employee_id').ids), {self.emp_eng1.id})
        with self.assertRaises(AccessError):
            self.lesson_math.sudo(self.u_eng1.id).read(['topic'])
        with self.assertRaises(AccessError):
            self.env['kz.edu.lesson.entry'].sudo(self.u_eng1.id).create({
                'lesson_id': self.lesson_math.id, 'student_id': self.kid.id, 'mark': 10})

    def test_substitution_shows_in_both_journals_and_the_substitute_fills_it_LMS08(self):
        wizard = self.env['kz.edu.substitution.wizard'].sudo(self.u_deputy.id).create({
            'absent_id': self.emp_math.id, 'substitute_id': self.emp_sub.id, 'date_from': '2026-11-09',
            'date_to': '2026-11-09', 'reason': 'Ауырып қалды'})
        wizard.action_apply()
        self.assertEqual(self.lesson_math.substitute_id, self.emp_sub)
        self.assertEqual(self.lesson_math.teacher_id, self.emp_sub)
        mine = self.env['kz.edu.lesson'].sudo(self.u_math.id).kz_my_lessons('2026-11-09')
        theirs = self.env['kz.edu.lesson'].sudo(self.u_sub.id).kz_my_lessons('2026-11-09')
        self.assertIn(self.lesson_math.id, [l['id'] for l in mine])
        self.assertFalse([l for l in mine if l['id'] == self.lesson_math.id][0]['mine'])
        self.assertTrue([l for l in theirs if l['id'] == self.lesson_math.id][0]['mine'])
        self.assertFalse(self.lesson_math.sudo(self.u_math.id).kz_grid_data()['can_edit'])
        with self.assertRaises(AccessError):
            self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'mark': 5}])
        self.save(self.u_sub, self.lesson_math, [{'student_id': self.kid.id, 'mark': 7}])
        self.assertEqual(self.entries(self.lesson_math)[self.kid.id].mark, 7)
        # the absent teacher still reads the marks given in her lesson
        self.assertEqual(self.env['kz.edu.lesson.entry'].sudo(self.u_math.id).search_count(
            [('lesson_id', '=', self.lesson_math.id)]), 1)

    def test_a_busy_substitute_is_refused_naming_the_lesson(self):
        # the English teacher of group 1 teaches on Monday's 2nd lesson: she cannot take 5 «Б» maths then
        with self.assertRaises(Exception) as err:
            self.env['kz.edu.substitution.wizard'].sudo(self.u_deputy.id).create({
                'absent_id': self.emp_math.id, 'substitute_id': self.emp_eng1.id, 'date_from': '2026-11-09',
                'date_to': '2026-11-09', 'reason': 'Курс'}).action_apply()
        self.assertIn(self.emp_eng1.name, str(err.exception))
        with self.assertRaises(AccessError):
            self.env['kz.edu.substitution.wizard'].sudo(self.u_math.id).create({
                'absent_id': self.emp_math.id, 'substitute_id': self.emp_sub.id, 'date_from': '2026-11-09',
                'date_to': '2026-11-09', 'reason': 'x'}).action_apply()

    def test_class_teacher_reads_her_class_but_does_not_fill_it(self):
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'mark': 8}])
        ct = self.teacher_user                                              # the class teacher of 5 «А»
        Entry = self.env['kz.edu.lesson.entry'].sudo(ct.id)
        self.assertEqual(Entry.search_count([('lesson_id', '=', self.lesson_math.id)]), 1)
        self.assertFalse(self.lesson_math_b.sudo(ct.id).search([('id', '=', self.lesson_math_b.id)]))
        with self.assertRaises(AccessError):
            self.save(ct, self.lesson_math, [{'student_id': self.kid.id, 'mark': 2}])

    def test_deputy_and_district_read_everything_district_writes_nothing(self):
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'mark': 8}])
        for user in (self.u_deputy, self.u_district):
            Lesson = self.env['kz.edu.lesson'].sudo(user.id)
            self.assertEqual(Lesson.search_count([('company_id', '=', self.school_a.id),
                                                  ('date', '=', '2026-11-09')]), 4)
        with self.assertRaises(AccessError):
            self.save(self.u_district, self.lesson_math, [{'student_id': self.kid.id, 'mark': 2}])

    def test_parent_and_student_read_their_own_only_SEC06(self):
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kids[0].id, 'mark': 8},
                                                  {'student_id': self.kids[1].id, 'mark': 3}])
        for user in (self.u_parent, self.u_student):
            Entry = self.env['kz.edu.lesson.entry'].sudo(user.id)
            found = Entry.search([])
            self.assertEqual(found.mapped('student_id'), self.kid)
            self.assertEqual([g['student_id'][0] for g in Entry.read_group([], ['mark', 'student_id'], ['student_id'])],
                             [self.kid.id])
            other = self.entries(self.lesson_math)[self.kids[1].id]
            with self.assertRaises(AccessError):
                other.sudo(user.id).read(['mark'])
            with self.assertRaises(AccessError):
                found.sudo(user.id).write({'mark': 10})
            self.assertEqual([r[1] for r in Entry.name_search('')], [found.display_name])

    def test_other_school_sees_nothing_of_the_journal_SEC05(self):
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'mark': 8}])
        for model in ('kz.edu.lesson', 'kz.edu.lesson.entry', 'kz.edu.homework'):
            self.assertFalse(self.env[model].sudo(self.u_b.id).search([('company_id', '=', self.school_a.id)]))
        with self.assertRaises(AccessError):
            self.lesson_math.sudo(self.u_b.id).kz_grid_data()

    def test_cashier_has_no_access_to_the_journal(self):
        with self.assertRaises(AccessError):
            self.env['kz.edu.lesson.entry'].sudo(self.u_cashier.id).search([])

    # ------------------------------------------------------------------------------------------ notifications
    def notes(self):
        return self.env['kz.edu.notification'].search([('lesson_entry_id.lesson_id', '=', self.lesson_math.id)])

    def test_absence_and_low_mark_notify_the_parent_who_consented_SEC06(self):
        k = self.kids
        self.save(self.u_math, self.lesson_math, [
            {'student_id': k[0].id, 'attendance': 'absent', 'reason': 'ill'},
            {'student_id': k[1].id, 'attendance': 'absent'},                      # no consent: nobody notified
        ])
        notes = self.notes()
        self.assertEqual([(n.partner_id, n.learning_kind, n.state, n.reason) for n in notes],
                         [(self.other_mother, 'absence', 'skipped', 'no_consent'),
                          (self.mother, 'absence', 'queued', False)])
        self.save(self.u_math, self.lesson_math, [{'student_id': k[0].id, 'attendance': 'absent', 'reason': 'ill'}])
        self.assertEqual(len(self.notes()), 2)                                    # the same event, once
        # a mark of 3 of 10, below the school's threshold (4): notified; 4 and above: not
        self.save(self.u_math, self.lesson_math, [
            {'student_id': k[0].id, 'attendance': 'present', 'mark': 3}])
        mine = self.notes().filtered(lambda n: n.partner_id == self.mother)
        self.assertEqual(sorted(mine.mapped('learning_kind')), ['absence', 'low_mark'])
        low = mine.filtered(lambda n: n.learning_kind == 'low_mark')
        text = low._message()
        self.assertIn('3', text)
        self.assertIn(self.kid.name, text)
        # the absence was corrected before the cron: its message is skipped, not sent
        absence = mine.filtered(lambda n: n.learning_kind == 'absence')
        (absence | low).send()
        self.assertEqual((absence.state, absence.reason), ('skipped', 'journal_corrected'))
        self.assertEqual(low.state, 'sent')
        self.assertTrue(low.body)

    def test_the_journal_message_is_in_the_parents_language_kk_or_ru_SEC06(self):
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'attendance': 'absent'}])
        note = self.notes().filtered(lambda n: n.partner_id == self.mother)
        values = (self.kid.name, self.lesson_math.period_no, fields.Date.from_string(self.lesson_math.date)
                  .strftime('%d.%m.%Y'), self.school_a.name)
        self.mother.lang = 'kk_KZ'
        kk = note._message()
        self.assertIn('«%s» сабағына' % self.math.with_context(lang='kk_KZ').name, kk)
        self.assertIn('қатыспады', kk)
        self.mother.lang = 'ru_RU'
        ru = note._message()
        self.assertIn('отсутствовал(а) на уроке «%s»' % self.math.with_context(lang='ru_RU').name, ru)
        for value in values:
            self.assertIn(str(value), kk)
            self.assertIn(str(value), ru)
        self.assertNotEqual(kk, ru)

    def test_no_notification_without_consent_or_when_switched_off(self):
        self.env['kz.edu.consent'].search([('partner_id', '=', self.kid.partner_id.id)]).write(
            {'date_withdrawn': '2026-10-01'})
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kid.id, 'attendance': 'absent'}])
        self.assertEqual([(n.state, n.reason) for n in self.notes()], [('skipped', 'consent_withdrawn')])
        self.school_a.kz_low_mark_threshold = 0
        self.save(self.u_math, self.lesson_math, [{'student_id': self.kids[1].id, 'mark': 1}])
        self.assertEqual(len(self.notes()), 1)                                    # only the absence above
