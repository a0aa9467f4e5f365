"""Summative works and quarter and year marks (LMS-08, LMS-12): computed from the journal by the typical rules of
assessment (assessment_rules.py on the dated parameter rows), confirmed then locked, a policy change as a data row,
and who may compute, confirm and read them."""
import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LearningCase


class TestMarks(LearningCase):

    @classmethod
    def setUpClass(cls):
        super(TestMarks, cls).setUpClass()
        # the maths lessons of 5 «А» of the week: Monday 9.11 and Wednesday 11.11
        Lesson = cls.env['kz.edu.lesson']
        cls.mon, cls.wed = Lesson.search([('load_id', '=', cls.load_math_a.id), ('date', 'in', ['2026-11-09',
                                                                                               '2026-11-11'])],
                                         order='date')

    def work(self, kind, lesson, maximum, name='Бөлім'):
        return self.env['kz.edu.assessment'].sudo(self.u_math.id).create({
            'name': name, 'kind': kind, 'load_id': self.load_math_a.id, 'period_id': self.q2.id,
            'lesson_id': lesson.id, 'date': lesson.date, 'max_points': maximum})

    def published_example(self):
        """The calculator's worked example for kid 0 (formative mean 8, СОр 12/15 and 9/15, СОч 18/25)."""
        kid = self.kid
        self.save(self.u_math, self.mon, [{'student_id': kid.id, 'mark': 7}, {'student_id': self.kids[1].id,
                                                                                'mark': 10}])
        self.save(self.u_math, self.wed, [{'student_id': kid.id, 'mark': 9}])
        sor1 = self.work('sor', self.mon, 15, 'Бөлшектер')
        sor2 = self.work('sor', self.wed, 15, 'Теңдеулер')
        soch = self.work('soch', self.wed, 25, 'ТЖБ')
        self.save(self.u_math, self.mon, [{'student_id': kid.id, 'mark': 7}], points=[
            {'student_id': kid.id, 'points': 12}, {'student_id': self.kids[1].id, 'points': 15}])
        Result = self.env['kz.edu.assessment.result'].sudo(self.u_math.id)
        Result.create({'assessment_id': sor2.id, 'student_id': kid.id, 'points': 9})
        Result.create({'assessment_id': soch.id, 'student_id': kid.id, 'points': 18})
        Result.create({'assessment_id': soch.id, 'student_id': self.kids[1].id, 'absent': True})
        return sor1, sor2, soch

    def mark(self, student, period=None, kind='quarter'):
        return self.env['kz.edu.period.mark'].search([('student_id', '=', student.id), ('kind', '=', kind),
                                                      ('subject_id', '=', self.math.id)]
                                                     + ([('period_id', '=', period.id)] if period else []))

    # ------------------------------------------------------------------------------------------ compute
    def test_quarter_mark_from_the_journal_reproduces_the_published_example_LMS08(self):
        self.published_example()
        self.env['kz.edu.period.mark'].sudo(self.u_math.id).action_compute_for(self.c5a.id, self.math.id,
                                                                                 self.q2.id)
        m = self.mark(self.kid, self.q2)
        self.assertEqual((m.formative_pct, m.sor_pct, m.soch_pct), (80.0, 70.0, 72.0))
        self.assertEqual((m.percent, m.mark), (74.0, 4))                          # 73.5 % rounded half up
        self.assertEqual(m.load_id, self.load_math_a)
        self.assertIn('SOR_WEIGHT', m.unconfirmed)
        # kid 1: formative 10, СОр 15/15, СОч missed: (ФО + СОр) × 2 = 100 % → «5»
        m1 = self.mark(self.kids[1], self.q2)
        self.assertEqual((m1.soch_pct, m1.percent, m1.mark), (0.0, 100.0, 5))
        # kid 3: nothing in the journal: not attested
        m3 = self.mark(self.kids[3], self.q2)
        self.assertEqual((m3.mark, m3.reason), (0, 'no_data'))

    def test_points_are_checked_against_the_maximum(self):
        sor = self.work('sor', self.mon, 10)
        with self.assertRaises(UserError):
            self.save(self.u_math, self.mon, points=[{'student_id': self.kid.id, 'points': 11}])
        with self.assertRaises(ValidationError):
            self.env['kz.edu.assessment.result'].create({'assessment_id': sor.id, 'student_id': self.kid.id,
                                                         'points': -1})
        with self.assertRaises(ValidationError):
            self.work('soch', self.mon, 20)
            self.work('soch', self.wed, 20)                                     # one СОч a quarter

    def test_homework_mark_counts_as_a_formative_mark(self):
        self.save(self.u_math, self.mon, [{'student_id': self.kid.id, 'mark': 6}], homework='Есептер')
        homework = self.mon.homework_ids
        sub = self.env['kz.edu.homework.submission'].sudo(self.u_student.id).create({
            'homework_id': homework.id, 'student_id': self.kid.id, 'text': 'Дайын'})
        sub.sudo(self.u_math.id).action_check(mark=10)
        self.env['kz.edu.period.mark'].sudo().kz_compute_quarter(self.school_a, self.q2, [self.c5a.id])
        self.assertEqual(self.mark(self.kid, self.q2).formative_pct, 80.0)        # (6 + 10) / 2

    def test_confirmed_marks_are_locked_and_reopened_by_the_deputy_with_a_reason(self):
        self.published_example()
        Mark = self.env['kz.edu.period.mark']
        Mark.sudo(self.u_math.id).action_compute_for(self.c5a.id, self.math.id, self.q2.id)
        marks = Mark.search([('class_id', '=', self.c5a.id), ('period_id', '=', self.q2.id)])
        marks.sudo(self.u_math.id).action_confirm()
        self.assertEqual(set(marks.mapped('state')), {'confirmed'})
        # the journal changes: a confirmed mark does not
        self.save(self.u_math, self.wed, [{'student_id': self.kid.id, 'mark': 1}])
        Mark.sudo().kz_compute_quarter(self.school_a, self.q2, [self.c5a.id])
        self.assertEqual(self.mark(self.kid, self.q2).mark, 4)
        with self.assertRaises(UserError):
            self.mark(self.kid, self.q2).write({'mark': 5})
        with self.assertRaises(AccessError):
            marks.sudo(self.u_math.id).action_reopen('Қате')
        with self.assertRaises(UserError):
            marks.sudo(self.u_deputy.id).action_reopen('  ')
        marks.sudo(self.u_deputy.id).action_reopen('Бағаны түзету')
        Mark.sudo().kz_compute_quarter(self.school_a, self.q2, [self.c5a.id])
        reopened = self.mark(self.kid, self.q2)
        self.assertEqual((reopened.state, reopened.reopen_reason), ('draft', 'Бағаны түзету'))
        self.assertLess(reopened.percent, 74.0)

    def test_policy_change_is_a_data_row_LMS08(self):
        """The 2026 debate: without СОр/СОч from the third quarter (three rows), the second keeps 25/25/50."""
        self.published_example()
        # the country's rows are the administrator's; the deputy director enters her school's rows from the third
        # quarter in the suite's parameter store (a school's own row wins over the country's)
        Param = self.env['kz.edu.parameter'].sudo(self.u_deputy.id)
        day_before = fields.Date.to_string(fields.Date.from_string(self.q3.date_start) - datetime.timedelta(days=1))
        country = Param.search([('code', '=', 'FORMATIVE_WEIGHT'), ('state', '=', 'confirmed'),
                                ('date_to', '=', False), ('company_id', '=', False)])
        self.assertEqual(len(country), 1)
        with self.assertRaises(AccessError):
            country.write({'date_to': day_before})
        for code, value in (('FORMATIVE_WEIGHT', 100), ('SOR_WEIGHT', 0), ('SOCH_WEIGHT', 0)):
            row = Param.create({'code': code, 'date_from': self.q3.date_start, 'value': str(value), 'unit': '%',
                                'domain': 'assessment', 'source': 'test', 'source_status': 'UNCONFIRMED'})
            row.action_confirm()
            self.assertEqual(row.company_id, self.school_a)
        Mark = self.env['kz.edu.period.mark'].sudo()
        Mark.kz_compute_quarter(self.school_a, self.q2, [self.c5a.id])
        self.assertEqual(self.mark(self.kid, self.q2).percent, 74.0)
        # the same journal in the third quarter: formative only
        q3_lessons = self.env['kz.edu.lesson'].kz_plan_lessons(self.school_a, '2027-01-11', '2027-01-13')
        self.assertGreater(q3_lessons, 0)
        lesson = self.env['kz.edu.lesson'].search([('load_id', '=', self.load_math_a.id),
                                                   ('date', '=', '2027-01-11')])
        self.save(self.u_math, lesson, [{'student_id': self.kid.id, 'mark': 8}])
        Mark.kz_compute_quarter(self.school_a, self.q3, [self.c5a.id])
        self.assertEqual((self.mark(self.kid, self.q3).percent, self.mark(self.kid, self.q3).mark), (80.0, 4))

    def test_year_mark_is_the_rounded_mean_of_the_quarters(self):
        Mark = self.env['kz.edu.period.mark'].sudo()
        rows = []
        for period, mark in ((self.q1, 5), (self.q2, 4)):
            rows.append((self.school_a.id, self.year.id, 'quarter', period.id, period.id, self.c5a.id, self.math.id,
                         self.kid.id, self.load_math_a.id, None, None, None, None, mark, None, ''))
        Mark._kz_upsert(rows)
        Mark.kz_compute_year(self.school_a, self.year, [self.c5a.id])
        self.assertEqual(self.mark(self.kid, kind='year').mark, 5)                # 4.5 → 5

    # ------------------------------------------------------------------------------------------ rights
    def test_teacher_computes_and_reads_her_own_subjects_only(self):
        with self.assertRaises(AccessError):
            self.env['kz.edu.period.mark'].sudo(self.u_eng1.id).action_compute_for(self.c5a.id, self.math.id,
                                                                                     self.q2.id)
        self.published_example()
        self.env['kz.edu.period.mark'].sudo(self.u_math.id).action_compute_for(self.c5a.id, self.math.id,
                                                                                 self.q2.id)
        self.assertFalse(self.env['kz.edu.period.mark'].sudo(self.u_eng1.id).search([]))
        self.assertTrue(self.env['kz.edu.period.mark'].sudo(self.u_math.id).search([]))
        with self.assertRaises(AccessError):
            self.work('sor', self.mon, 10).sudo(self.u_eng1.id).read(['name'])

    def test_parent_reads_her_childs_marks_and_results_only_SEC06(self):
        self.published_example()
        self.env['kz.edu.period.mark'].sudo().kz_compute_quarter(self.school_a, self.q2, [self.c5a.id])
        for user in (self.u_parent, self.u_student):
            marks = self.env['kz.edu.period.mark'].sudo(user.id).search([])
            self.assertEqual(marks.mapped('student_id'), self.kid)
            results = self.env['kz.edu.assessment.result'].sudo(user.id).search([])
            self.assertEqual(results.mapped('student_id'), self.kid)
            self.assertEqual(sorted(results.mapped('points')), [9.0, 12.0, 18.0])

    # ------------------------------------------------------------------------------------------ the load changes
    def test_removing_a_load_row_keeps_the_given_journal_and_drops_the_empty_plan_LMS12(self):
        sor1, sor2, soch = self.published_example()
        Lesson = self.env['kz.edu.lesson']
        Lesson.kz_plan_lessons(self.school_a, '2026-11-16', '2026-11-20')
        empty = Lesson.search([('load_id', '=', self.load_math_a.id), ('date', '>=', '2026-11-16')])
        self.assertEqual(len(empty), 2)
        self.load_math_a.sudo(self.u_deputy.id).unlink()
        self.assertFalse(empty.exists())
        given = (self.mon | self.wed).exists()
        self.assertEqual(given, self.mon | self.wed)
        given.invalidate_cache()
        self.assertFalse(given.mapped('load_id'))
        self.assertEqual((given.mapped('class_id'), given.mapped('subject_id')), (self.c5a, self.math))
        self.assertEqual(sorted(given.mapped('entry_ids').filtered('mark').mapped('mark')), [7, 9, 10])
        works = (sor1 | sor2 | soch).exists()
        self.assertEqual(len(works), 3)
        works.invalidate_cache()
        self.assertEqual((works.mapped('class_id'), works.mapped('employee_id')), (self.c5a, self.emp_math))
        # the teacher still reads her works and their results
        self.assertEqual(self.env['kz.edu.assessment'].sudo(self.u_math.id).search([('id', 'in', works.ids)]),
                         works)
        self.assertEqual(len(self.env['kz.edu.assessment.result'].sudo(self.u_math.id).search(
            [('assessment_id', 'in', works.ids)])), 5)

    def test_a_new_teacher_of_the_load_row_takes_its_works(self):
        work = self.env['kz.edu.assessment'].sudo(self.u_math.id).create({
            'name': 'Бөлім', 'kind': 'sor', 'load_id': self.load_math_b.id, 'period_id': self.q2.id,
            'lesson_id': self.lesson_math_b.id, 'date': self.lesson_math_b.date, 'max_points': 10})
        self.load_math_b.sudo(self.u_deputy.id).write({'employee_id': self.emp_sub.id})
        work = work.sudo()
        work.invalidate_cache()
        self.assertEqual(work.employee_id, self.emp_sub)
        self.assertEqual(self.env['kz.edu.assessment'].sudo(self.u_sub.id).search([('id', '=', work.id)]), work)
        with self.assertRaises(AccessError):
            work.sudo(self.u_math.id).read(['name'])

    def test_a_work_without_its_load_row_is_refused(self):
        with self.assertRaises(UserError):
            self.env['kz.edu.assessment'].sudo(self.u_math.id).create({
                'name': 'Бөлім', 'kind': 'sor', 'period_id': self.q2.id, 'date': '2026-11-09', 'max_points': 10})
