"""The timetable (LMS-08): built from the teaching load and following it, clashes of teachers, rooms and classes found
by one SQL statement, lessons planned from it, the bells, and who may change it."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LearningCase


class TestTimetable(LearningCase):

    def slot(self, load, day, period, room):
        return self.env['kz.edu.timetable.slot'].create({'load_id': load.id, 'weekday': str(day),
                                                         'period_no': period, 'room_id': room.id})

    # ------------------------------------------------------------------------------------------ clashes
    def test_teacher_in_two_classes_at_once_is_refused_LMS08(self):
        with self.assertRaises(ValidationError) as err:
            self.slot(self.load_math_b, 0, 1, self.room2)        # the maths teacher is in 5 «А» then
        self.assertIn(self.emp_math.name, str(err.exception))

    def test_room_taken_twice_is_refused_LMS08(self):
        with self.assertRaises(ValidationError) as err:
            self.slot(self.load_math_1, 0, 1, self.room1)        # another teacher, another class, same room
        self.assertIn('T-101', str(err.exception))

    def test_class_with_two_whole_class_lessons_is_refused_but_groups_sit_in_parallel_LMS08(self):
        # the two English groups of 5 «А» share Monday's 2nd lesson (the fixture): no clash
        self.assertFalse(self.env['kz.edu.timetable.slot'].kz_clashes(self.school_a.id, self.year.id))
        # a whole-class lesson (maths) at the same time as a group lesson is a clash of the class
        with self.assertRaises(ValidationError) as err:
            self.s_math_a_wed.write({'weekday': '0', 'period_no': 2})
        self.assertIn('5 «А»', str(err.exception))

    def test_second_shift_first_lesson_overlaps_first_shift_seventh_LMS08(self):
        times = {(b.shift, b.period_no): (b.time_start, b.time_end)
                 for b in self.env['kz.edu.bell'].search([('company_id', '=', self.school_a.id)])}
        s1p7, s2p1 = times['1', 7], times['2', 1]
        self.assertTrue(s1p7[0] < s2p1[1] and s2p1[0] < s1p7[1])
        self.c5b.shift = '2'
        self.env['kz.edu.timetable.slot']._kz_refresh_times(self.school_a.ids)
        self.slot(self.load_math_a, 4, 7, self.room1)            # Friday 7th lesson of the first shift
        with self.assertRaises(ValidationError):
            self.slot(self.load_math_b, 4, 1, self.room2)        # the same teacher, second shift's 1st: same time

    def test_the_clash_check_of_a_school_is_one_statement_LMS08(self):
        cr = self.env.cr
        before = cr.sql_log_count
        self.env['kz.edu.timetable.slot'].kz_clashes(self.school_a.id, self.year.id)
        self.assertEqual(cr.sql_log_count - before, 1)

    def test_check_lists_unscheduled_and_overscheduled_load_LMS08(self):
        Slot = self.env['kz.edu.timetable.slot'].sudo(self.u_deputy.id)
        action = Slot.with_context(kz_academic_year_id=self.year.id).action_check_timetable()
        problems = self.env['kz.edu.timetable.problem'].browse(action['domain'][0][2])
        kinds = {(p.kind, p.load_id) for p in problems}
        self.assertIn(('unscheduled', self.load_math_a), kinds)       # 3 h in the load, 2 in the timetable
        self.assertIn(('unscheduled', self.load_eng1), kinds)         # 2 h, 1 lesson
        self.assertFalse([p for p in problems if p.kind in ('teacher', 'class', 'room')])

    # ------------------------------------------------------------------------------------------ the load
    def test_a_change_of_the_load_shows_in_the_timetable_LMS08(self):
        self.assertEqual(self.load_math_a.scheduled_hours, 2)
        # a new teacher on the load row is the timetable's teacher at once, and of its lessons not given yet
        self.load_math_a.employee_id = self.emp_sub
        self.assertEqual(self.s_math_a_mon.employee_id, self.emp_sub)
        self.lesson_math.invalidate_cache()
        self.assertEqual((self.lesson_math.employee_id, self.lesson_math.teacher_id), (self.emp_sub, self.emp_sub))
        # fewer hours than lessons: listed as over-scheduled
        self.load_math_a.hours = 1
        gaps = self.env['kz.edu.teaching.load'].kz_schedule_gaps(self.school_a.id, self.year.id)
        self.assertIn(('overscheduled', self.load_math_a.id), [(g['kind'], g['load_id']) for g in gaps])
        # a load row without lessons given removed: its timetable goes with it
        slot = self.s_math_1_tue
        self.env['kz.edu.lesson'].search([('slot_id', '=', slot.id)]).unlink()
        self.load_math_1.unlink()
        self.assertFalse(slot.exists())

    def test_timetable_built_from_the_load_has_no_clash_and_covers_it_LMS08(self):
        Slot = self.env['kz.edu.timetable.slot']
        self.env['kz.edu.lesson'].search([('company_id', '=', self.school_a.id)]).unlink()
        with self.assertRaises(UserError):
            Slot.kz_build_from_load(self.school_a, self.year)         # a timetable exists: not rebuilt over
        result = Slot.kz_build_from_load(self.school_a, self.year, replace=True)
        self.assertEqual(result['unplaced'], [])
        self.assertFalse(Slot.kz_clashes(self.school_a.id, self.year.id))
        for load in (self.load_math_a, self.load_math_b, self.load_eng1, self.load_eng2, self.load_math_1):
            load.invalidate_cache()
            self.assertEqual(load.scheduled_hours, int(load.hours))
        rooms = Slot.search([('load_id', '=', self.load_eng2.id)]).mapped('room_id')
        self.assertTrue(all(r.name.endswith('/2') for r in rooms))   # the second group in a room of its own

    def test_bell_change_moves_the_lessons_times(self):
        bell = self.env['kz.edu.bell'].search([('company_id', '=', self.school_a.id), ('shift', '=', '1'),
                                               ('period_no', '=', 1)])
        bell.write({'time_start': 8.5, 'time_end': 9.25})
        self.s_math_a_mon.invalidate_cache()
        self.assertEqual((self.s_math_a_mon.time_start, self.s_math_a_mon.time_end), (8.5, 9.25))

    def test_a_lesson_number_without_a_bell_is_refused(self):
        with self.assertRaises(ValidationError):
            self.slot(self.load_math_b, 3, 9, self.room2)

    # ------------------------------------------------------------------------------------------ lessons
    def test_lessons_are_planned_from_the_timetable_within_the_quarters_only(self):
        Lesson = self.env['kz.edu.lesson']
        # 26 October - 8 November: the end of the first quarter, the autumn holidays, the start of the second
        planned = Lesson.kz_plan_lessons(self.school_a, '2026-10-26', '2026-11-08')
        lessons = Lesson.search([('slot_id', '=', self.s_math_a_mon.id), ('date', '>=', '2026-10-26'),
                                 ('date', '<=', '2026-11-08')])
        self.assertEqual(lessons.mapped('date'), ['2026-10-26'])      # Monday 26.10 (Q1); 2.11 is in the holidays
        self.assertEqual(lessons.period_id, self.q1)
        self.assertEqual(Lesson.kz_plan_lessons(self.school_a, '2026-10-26', '2026-11-08'), 0)   # once only
        self.assertGreater(planned, 0)
        self.assertEqual(self.lesson_eng2.employee_id, self.emp_eng2)
        self.assertEqual(self.lesson_eng2.group_no, 2)

    # ------------------------------------------------------------------------------------------ rights
    def test_teacher_reads_the_timetable_but_does_not_change_it(self):
        Slot = self.env['kz.edu.timetable.slot'].sudo(self.u_math.id)
        self.assertEqual(Slot.search_count([('company_id', '=', self.school_a.id)]), 6)
        with self.assertRaises(AccessError):
            self.s_math_a_mon.sudo(self.u_math.id).write({'period_no': 4})
        with self.assertRaises(UserError):
            Slot.action_build_from_load()

    def test_other_school_sees_nothing_of_the_timetable_SEC05(self):
        Slot = self.env['kz.edu.timetable.slot'].sudo(self.u_b.id)
        self.assertEqual(Slot.search_count([]), Slot.search_count([('company_id', '=', self.school_b.id)]))
        with self.assertRaises(AccessError):
            self.s_math_a_mon.sudo(self.u_b.id).read(['weekday'])

    def test_parent_reads_her_childs_class_timetable_only(self):
        Slot = self.env['kz.edu.timetable.slot'].sudo(self.u_parent.id)
        self.assertEqual(set(Slot.search([]).mapped('class_id').ids), {self.c5a.id})
