# -*- coding: utf-8 -*-
"""The working curriculum and the teaching load through the ORM (issue #8; ACC-16, LMS-13, TVET-12): the demo
school's load checks clean, a removed row shows as uncovered hours, over-cover and the weekly maximum are refused
with messages naming class, subject and hours, a double cover is listed, the summary by grade band is what the
tariffication list takes, an approved curriculum is read-only, and each role sees what it may."""
import unittest
from decimal import Decimal

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import common
from odoo.tools import mute_logger

D = Decimal


@common.at_install(False)
@common.post_install(True)
class TestCurriculumAndLoad(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestCurriculumAndLoad, cls).setUpClass()
        # explicit language: the demo users speak Kazakh, the tests read English messages
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US'))
        env = cls.env
        cls.school = env.ref('kz_edu_base.company_school1_demo', raise_if_not_found=False)
        cls.users = {u.login: u for u in env['res.users'].search([('login', 'in', (
            'director', 'deputy', 'hr', 'teacher', 'bookkeeper', 'cashier'))])}
        year_start = env['kz.edu.demo']._academic_year_start()
        cls.year = env['kz.edu.academic.year'].search([('name', '=', '%d-%d' % (year_start, year_start + 1))])
        cls.curriculum = env['kz.edu.curriculum'].for_year(cls.school, cls.year) if cls.school else None
        cls.Load = env['kz.edu.teaching.load']

    def setUp(self):
        super(TestCurriculumAndLoad, self).setUp()
        if not self.curriculum or len(self.users) < 6:
            raise unittest.SkipTest('demo data not installed')

    # ------------------------------------------------------------------------------------------ helpers
    def as_user(self, login, records):
        return records.sudo(self.users[login]).with_context(lang='en_US')

    def rows(self, **domain):
        return self.Load.search([('company_id', '=', self.school.id), ('academic_year_id', '=', self.year.id)]
                                + [(k, '=', v) for k, v in domain.items()])

    def hours_of(self, employee):
        return sum(self.rows(employee_id=employee.id).mapped('hours'))

    def problems(self, login='deputy'):
        action = self.as_user(login, self.curriculum).action_check_load()
        return self.env['kz.edu.load.problem'].search(action['domain'])

    def director_employee(self):
        return self.env['hr.employee'].search([('user_id', '=', self.users['director'].id)])

    # ------------------------------------------------------------------------------------------ demo
    def test_demo_curriculum_approved_for_every_grade_and_load_checks_clean_LMS13(self):
        self.assertEqual(self.curriculum.state, 'approved')
        classes = self.env['kz.edu.class'].search([('company_id', '=', self.school.id),
                                                   ('academic_year_id', '=', self.year.id)])
        self.assertEqual(set(self.curriculum.line_ids.mapped('grade_id')), set(classes.mapped('grade_id')))
        self.assertEqual(self.curriculum.check_problems(), [])
        self.assertFalse(self.problems())
        # the load is exactly what the curriculum needs: hours × groups of every line, for every class
        needed = sum(line.hours * line.groups for cls in classes for line in self.curriculum.line_ids
                     if line.grade_id == cls.grade_id
                     and (not line.instruction_lang or line.instruction_lang == cls.instruction_lang))
        self.assertEqual(sum(self.rows().mapped('hours')), needed)
        summary = self.Load.kz_load_summary(self.school, self.year)
        self.assertTrue(all(entry['hours'] <= 24 for entry in summary.values()))
        teachers = [e for e in summary if e != self.director_employee().id]
        self.assertTrue(all(summary[e]['hours'] >= 16 for e in teachers), 'each teacher 16-24 h')

    # ------------------------------------------------------------------------------------------ check
    def test_removed_row_is_reported_as_uncovered_hours(self):
        row = self.rows(group_no=2)[:1]
        cls, subject, hours = row.class_id, row.subject_id, row.hours
        self.as_user('deputy', row).unlink()
        problems = self.problems()
        self.assertEqual(len(problems), 1)
        self.assertEqual((problems.kind, problems.class_id, problems.subject_id, problems.group_no),
                         ('uncovered', cls, subject, 2))
        self.assertEqual(problems.hours_required, hours)
        self.assertEqual(problems.message, '%s, %s, group 2: nobody teaches its %d h a week.' % (
            cls.name, subject.name, hours))

    def test_partly_covered_row_reports_the_missing_hours(self):
        row = self.rows(hours=3.0)[:1]
        self.as_user('deputy', row).write({'hours': 2})
        problems = self.problems()
        self.assertEqual(problems.mapped('kind'), ['partly_covered'])
        self.assertIn('2 h of 3 taught, 1 h a week uncovered', problems.message)

    def test_over_covering_row_refused_naming_class_subject_and_hours(self):
        row = self.rows(hours=2.0, group_no=1)[:1]
        with self.assertRaises(ValidationError) as refused:
            self.as_user('deputy', self.Load).create({
                'company_id': self.school.id, 'academic_year_id': self.year.id,
                'employee_id': self.director_employee().id, 'class_id': row.class_id.id,
                'subject_id': row.subject_id.id, 'group_no': row.group_no, 'hours': 1})
        self.assertEqual(refused.exception.name, '%s, %s: 3 h a week would be taught, the curriculum gives 2 h '
                                                 '(1 h too many).' % (row.class_id.name, row.subject_id.name))
        with self.assertRaises(ValidationError):
            self.as_user('deputy', row).write({'hours': 2.5})

    def test_double_cover_is_reported_with_both_teachers(self):
        row = self.rows(hours=3.0)[:1]
        director = self.director_employee()
        self.as_user('deputy', row).write({'hours': 2})
        self.as_user('deputy', self.Load).create({
            'company_id': self.school.id, 'academic_year_id': self.year.id, 'employee_id': director.id,
            'class_id': row.class_id.id, 'subject_id': row.subject_id.id, 'group_no': row.group_no, 'hours': 1})
        problems = self.problems()
        self.assertEqual(problems.mapped('kind'), ['double_covered'])
        self.assertEqual(problems.employee_ids, row.employee_id | director)
        self.assertIn('taught by 2 teachers at once', problems.message)

    def test_load_on_a_subject_outside_the_curriculum_is_reported(self):
        first_grade = self.rows().filtered(lambda r: r.grade_id.sequence == 1)[:1].class_id
        self.as_user('deputy', self.Load).create({
            'company_id': self.school.id, 'academic_year_id': self.year.id,
            'employee_id': self.director_employee().id, 'class_id': first_grade.id,
            'subject_id': self.env.ref('kz_edu_tariff.subject_chemistry').id, 'hours': 1})
        problems = self.problems()
        self.assertEqual(problems.mapped('kind'), ['not_in_curriculum'])
        self.assertIn('has no Chemistry for this grade', problems.message)

    def test_hours_above_the_weekly_maximum_refused(self):
        summary = self.Load.kz_load_summary(self.school, self.year)
        full = [e for e, entry in summary.items() if entry['hours'] == 24]
        donor = self.rows(hours=1.0).filtered(lambda r: r.employee_id.id in full)[:1]
        taker = self.env['hr.employee'].browse([e for e in full if e != donor.employee_id.id][0])
        cls, subject = donor.class_id, donor.subject_id
        values = {'company_id': self.school.id, 'academic_year_id': self.year.id, 'employee_id': taker.id,
                  'class_id': cls.id, 'subject_id': subject.id, 'group_no': donor.group_no, 'hours': 1}
        self.as_user('deputy', donor).unlink()
        with self.assertRaises(ValidationError) as refused:
            self.as_user('deputy', self.Load).create(values)
        self.assertEqual(refused.exception.name, '%s would teach 25 h a week with %s, %s (1 h): above the maximum of '
                                                 '24 h.' % (taker.name, cls.name, subject.name))

    def test_bad_rows_refused(self):
        row = self.rows()[:1]
        with self.assertRaises(IntegrityError), mute_logger('odoo.sql_db'), self.env.cr.savepoint():
            self.as_user('deputy', row).write({'hours': -1})
        with self.assertRaises(ValidationError):
            self.as_user('deputy', row).write({'date_from': '2000-01-01'})
        other_year = self.env['kz.edu.class'].search([('company_id', '=', self.school.id),
                                                     ('academic_year_id', '!=', self.year.id)], limit=1)
        with self.assertRaises(ValidationError):
            self.as_user('deputy', row).write({'class_id': other_year.id})

    # ------------------------------------------------------------------------------------------ summary
    def test_summary_by_grade_band_for_a_teacher(self):
        employee = self.env['hr.employee'].search([('user_id', '=', self.users['teacher'].id)])
        rows = self.rows(employee_id=employee.id)
        self.assertTrue(rows)
        entry = self.Load.kz_load_summary(self.school, self.year)[employee.id]
        bands = {'1-4': D(0), '5-9': D(0), '10-11': D(0)}
        for row in rows:
            seq = row.class_id.grade_id.sequence
            bands['1-4' if seq <= 4 else '5-9' if seq <= 9 else '10-11'] += D(repr(row.hours))
        self.assertEqual(entry['bands'], bands)
        self.assertEqual(entry['hours'], sum(bands.values()))
        self.assertIsInstance(entry['hours'], Decimal)
        self.assertEqual(entry['classes'], sorted(set(rows.mapped('class_id.name')),
                                                  key=lambda n: (int(n.split()[0]), n)))
        self.assertEqual(entry['subjects'], sorted(set(rows.mapped('subject_id.name'))))
        # a row ending before the date no longer counts
        row = rows.sorted('hours')[0]
        row.sudo().write({'date_to': self.year.date_start})
        later = self.Load.kz_load_summary(self.school, self.year, on_date=self.year.date_end)[employee.id]
        self.assertEqual(later['hours'], entry['hours'] - D(repr(row.hours)))

    # ------------------------------------------------------------------------------------------ curriculum
    def test_approved_curriculum_is_read_only_and_approval_is_the_directors(self):
        line = self.curriculum.line_ids[:1]
        with self.assertRaises(UserError):
            self.as_user('deputy', line).write({'hours': line.hours + 1})
        with self.assertRaises(UserError):
            self.as_user('deputy', self.curriculum).write({'name': 'Renamed'})
        with self.assertRaises(UserError):
            self.as_user('hr', self.curriculum).action_draft()
        self.as_user('director', self.curriculum).action_draft()
        self.as_user('deputy', line).write({'hours': line.hours + 1})
        self.assertEqual(self.curriculum.check_problems()[0]['kind'], 'partly_covered')
        self.as_user('deputy', self.curriculum).action_approve()
        self.assertEqual(self.curriculum.state, 'approved')
        self.assertEqual(self.curriculum.approved_by_id, self.users['deputy'])

    def test_copy_of_an_approved_curriculum_is_a_draft(self):
        copy = self.as_user('deputy', self.curriculum).copy({'name': 'Draft for next year'})
        self.assertEqual(copy.state, 'draft')
        self.assertEqual(len(copy.line_ids), len(self.curriculum.line_ids))
        self.assertEqual(self.env['kz.edu.curriculum'].for_year(self.school, self.year), self.curriculum)

    def test_replacement_teacher_with_dates_checks_clean_and_a_gap_is_uncovered(self):
        row = self.rows(hours=1.0)[:1]
        director = self.director_employee()
        year_start = self.year.date_start[:4]
        self.as_user('deputy', row).write({'date_to': '%s-12-31' % year_start})
        replacement = self.as_user('deputy', self.Load).create({
            'company_id': self.school.id, 'academic_year_id': self.year.id, 'employee_id': director.id,
            'class_id': row.class_id.id, 'subject_id': row.subject_id.id, 'group_no': row.group_no, 'hours': 1,
            'date_from': '%d-01-01' % (int(year_start) + 1)})
        self.assertFalse(self.problems())
        replacement.write({'date_from': '%d-01-10' % (int(year_start) + 1)})
        problems = self.problems()
        self.assertEqual(problems.mapped('kind'), ['uncovered'])
        self.assertEqual(problems.date, '%d-01-01' % (int(year_start) + 1))

    def test_duplicate_curriculum_line_refused(self):
        self.as_user('director', self.curriculum).action_draft()
        line = self.curriculum.line_ids.filtered(lambda l: l.instruction_lang)[:1]
        with self.assertRaises(ValidationError):
            self.as_user('deputy', line).copy({'instruction_lang': False})

    # ------------------------------------------------------------------------------------------ access
    def test_teacher_sees_only_own_load_rows(self):
        teacher = self.users['teacher']
        seen = self.as_user('teacher', self.Load).search([])
        self.assertTrue(seen)
        self.assertEqual(seen.mapped('employee_id.user_id'), teacher)
        self.assertLess(len(seen), len(self.rows()))
        with self.assertRaises(AccessError):
            self.as_user('teacher', seen[:1]).write({'hours': 1})
        with self.assertRaises(UserError):
            self.as_user('teacher', self.curriculum).action_check_load()
        # the deputy and the HR officer see the whole school's load
        self.assertEqual(len(self.as_user('deputy', self.Load).search([])), len(self.rows()))
        self.assertEqual(len(self.as_user('hr', self.Load).search([])), len(self.rows()))

    def test_another_school_sees_none(self):
        other = self.env.ref('kz_edu_base.company_school2_demo')
        user = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Other deputy', 'login': 'kz_load_other_deputy', 'company_id': other.id,
            'company_ids': [(6, 0, other.ids)],
            'groups_id': [(6, 0, [self.env.ref('kz_edu_base.group_deputy_director').id])]})
        Load = self.Load.sudo(user)
        self.assertFalse(Load.search([('company_id', '=', self.school.id)]))
        self.assertFalse(self.env['kz.edu.curriculum'].sudo(user).search([('company_id', '=', self.school.id)]))
        with self.assertRaises(AccessError):
            self.curriculum.sudo(user).read(['name'])

    def test_cashier_has_no_access(self):
        for model in ('kz.edu.teaching.load', 'kz.edu.curriculum', 'kz.edu.curriculum.line'):
            with self.assertRaises(AccessError, msg=model):
                self.as_user('cashier', self.env[model]).search([])
