"""Import of students from Excel (ACC-14): good rows in, bad rows in the error report, nothing half-done."""
import base64
import datetime
from unittest import mock

import xlrd

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.tests.common import KzEduCase
from odoo.addons.kz_edu_contingent import contingent_import

HEADERS = ['ЖСН', 'Тегі', 'Аты', 'Әкесінің аты', 'Сынып', 'Әріп', 'Оқу тілі', 'Ауысым', 'Қабылданған күні',
           'Ата-анасының ЖСН', 'Ата-анасы', 'Туыстығы', 'Телефон', 'Әлеуметтік санат', 'Аллергия']


class TestStudentImport(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TestStudentImport, cls).setUpClass()
        g = 'kz_edu_base.'
        cls.deputy = cls.make_user('t_imp_deputy', [g + 'group_deputy_director'], cls.school_a)
        cls.class_teacher = cls.make_user('t_imp_class_teacher', [g + 'group_class_teacher'], cls.school_a)
        today = fields.Date.from_string(fields.Date.context_today(cls.env['res.partner']))
        cls.today = today
        cls.year = cls.env['kz.edu.academic.year'].ensure_year(today.year if today.month >= 9 else today.year - 1)
        cls.start = fields.Date.from_string(cls.year.date_start)
        grade1 = cls.env['kz.edu.grade'].search([('sequence', '=', 1)])
        cls.class_1b = cls.env['kz.edu.class'].create({
            'company_id': cls.school_a.id, 'academic_year_id': cls.year.id, 'grade_id': grade1.id, 'letter': 'Б',
            'instruction_lang': 'ru', 'shift': '2'})
        cls.mother_b = cls.env['res.partner'].create({'name': 'Ана Б', 'kz_iin': cls.new_iin(datetime.date(1987, 4, 4)),
                                                      'company_id': cls.school_b.id})
        new = cls.new_iin
        cls.iins = {k: new(datetime.date(2019, 2, 2), 'M') for k in ('s1', 's2', 's3', 's4', 's5', 'dup', 'g13',
                                                                     'future', 'vip', 'hidden')}
        cls.mother = new(datetime.date(1990, 6, 6), 'F')
        cls.father = new(datetime.date(1989, 7, 7), 'M')
        bad_iin = cls.iins['s1'][:11] + str((int(cls.iins['s1'][11]) + 1) % 10)
        d = cls.start
        # IIN, surname, name, patronymic, grade, letter, language, shift, date, parent IIN, parent, relation,
        # phone, category, allergens
        cls.rows = [
            [cls.iins['s1'], 'Ахметова', 'Айгерім', 'Нұрлан қызы', 1, 'А', 'қазақ', 1, d, cls.mother, 'Ахметова Сәуле',
             'анасы', '+7 701 111 11 11', 'LARGE_FAMILY', 'MILK, EGGS'],                          # row 2
            [cls.iins['s2'], 'Ахметов', 'Арман', 'Нұрлан ұлы', 3, 'А', 'kk', 1, d, cls.mother, 'Ахметова Сәуле',
             'мать', None, None, None],                                                            # row 3: sibling
            [cls.iins['s3'], 'Иванов', 'Иван', 'Сергеевич', 1, 'А', 'kk', 1, d, cls.father, 'Иванов Сергей',
             'отец', '87012222222', None, None],                                                   # row 4
            [cls.iins['s4'], 'Ким', 'Дана', None, 5, 'Б', 'орыс', 2, d, None, None, None, None, 'ASP', None],  # 5
            [cls.iins['s5'], 'Оспанов', 'Ерлан', None, 1, 'б', None, None, None, cls.mother_a.kz_iin, None,
             'қамқоршы', None, None, 'NUTS'],                                                      # row 6
            [bad_iin, 'Қате', 'ЖСН', None, 2, 'А', 'kk', 1, d, None, None, None, None, None, None],  # row 7
            [cls.iins['dup'], 'Екі', 'Рет', None, 2, 'А', 'kk', 1, d, None, None, None, None, None, None],  # 8
            [cls.iins['dup'], 'Екі', 'Рет', None, 2, 'А', 'kk', 1, d, None, None, None, None, None, None],  # 9
            [cls.student_b.kz_iin, 'Бар', 'Бұрыннан', None, 2, 'А', 'kk', 1, d, None, None, None, None, None,
             None],                                                                                # row 10
            [cls.iins['g13'], 'Он', 'Үш', None, 13, 'А', 'kk', 1, d, None, None, None, None, None, None],  # 11
            [cls.iins['future'], 'Ертең', 'Келеді', None, 2, 'А', 'kk', 1, today + datetime.timedelta(days=3),
             None, None, None, None, None, None],                                                  # row 12
            [cls.iins['vip'], 'Ерекше', 'Санат', None, 2, 'А', 'kk', 1, d, None, None, None, None, 'VIP', None],  # 13
            [cls.iins['hidden'], 'Басқа', 'Мектеп', None, 2, 'А', 'kk', 1, d, cls.mother_b.kz_iin, None, 'анасы',
             None, None, None],                                                                    # row 14
        ]
        cls.data = cls.workbook(cls.rows)

    @staticmethod
    def workbook(rows):
        return contingent_import.write_rows(HEADERS, rows)

    def wizard(self, user, data=None):
        return self.env['kz.edu.student.import'].sudo(user).create({
            'file': base64.b64encode(data or self.data), 'filename': 'students.xlsx',
            'academic_year_id': self.year.id, 'date': self.year.date_start})

    def run_import(self, data=None):
        wiz = self.wizard(self.deputy, data)
        wiz.action_import()
        return wiz

    @staticmethod
    def report(wiz):
        """{IIN typed in the row: error text} of the error report."""
        ws = xlrd.open_workbook(file_contents=base64.b64decode(wiz.error_file)).sheet_by_index(0)
        assert ws.row_values(0) == HEADERS + ['Error']
        return {ws.cell_value(r, 0): ws.cell_value(r, len(HEADERS)) for r in range(1, ws.nrows)}, ws.nrows - 1

    def imported_students(self):
        return self.env['kz.edu.student'].search([('company_id', '=', self.school_a.id),
                                                  ('partner_id.kz_iin', 'in', list(self.iins.values()))])

    def test_good_rows_in_bad_rows_reported_ACC14(self):
        classes_before = self.env['kz.edu.class'].search_count([('company_id', '=', self.school_a.id)])
        wiz = self.run_import()
        self.assertEqual((wiz.state, wiz.imported_count, wiz.refused_count), ('done', 5, 8))
        self.assertEqual((wiz.parent_count, wiz.class_count), (2, 3))  # mother (2 children), father; 1А 3А 5Б
        students = self.imported_students()
        self.assertEqual(len(students), 5)
        by_iin = {s.kz_iin: s for s in students}
        self.assertEqual(set(by_iin), {self.iins[k] for k in ('s1', 's2', 's3', 's4', 's5')})
        # classes found or created: 1 «Б» existed, 1 «А», 3 «А», 5 «Б» are new, with the row's language and shift
        self.assertEqual(self.env['kz.edu.class'].search_count([('company_id', '=', self.school_a.id)]),
                         classes_before + 3)
        s1, s4, s5 = by_iin[self.iins['s1']], by_iin[self.iins['s4']], by_iin[self.iins['s5']]
        self.assertEqual(s5.class_id, self.class_1b)
        self.assertEqual((s4.class_id.grade_id.sequence, s4.class_id.letter, s4.class_id.instruction_lang,
                          s4.class_id.shift), (5, 'Б', 'ru', '2'))
        self.assertEqual(by_iin[self.iins['s3']].class_id, s1.class_id)
        # the student records are whole: partner, number, state, related stored columns, admission
        for s in students:
            self.assertEqual((s.state, s.company_id, s.partner_id.company_id), ('enrolled', self.school_a,
                                                                                 self.school_a))
            self.assertEqual((s.academic_year_id, s.grade_id, s.instruction_lang),
                             (s.class_id.academic_year_id, s.class_id.grade_id, s.class_id.instruction_lang))
            self.assertEqual(s.admission_date, self.year.date_start)
            self.assertTrue(s.student_number)
            self.assertEqual(s.partner_id.commercial_partner_id, s.partner_id)
            self.assertEqual(s.partner_id.display_name, s.name)
        self.assertEqual(len(set(students.mapped('student_number'))), 5)
        self.assertEqual(s1.name, 'Ахметова Айгерім Нұрлан қызы')
        self.assertEqual((s1.kz_iin_birth_date, s1.kz_iin_sex, s1.kz_patronymic, s1.lang),
                         ('2019-02-02', 'M', 'Нұрлан қызы', 'kk_KZ'))
        self.assertEqual(s4.lang, 'ru_RU')
        # the same stored values the ORM would compute (recompute and compare)
        self.env['kz.edu.student'].invalidate_cache()
        self.assertEqual(s1.read(['grade_id'])[0]['grade_id'][0], s1.class_id.grade_id.id)
        # parents: one mother for two siblings, the father, and an existing person of this school reused
        guardians = self.env['kz.edu.guardian'].search([('student_id', 'in', students.ids)])
        self.assertEqual(len(guardians), 4)
        mothers = guardians.filtered(lambda g: g.relation == 'mother')
        self.assertEqual(len(mothers), 2)
        self.assertEqual(len(mothers.mapped('partner_id')), 1)
        self.assertEqual(mothers[0].partner_id.kz_iin, self.mother)
        self.assertEqual(mothers[0].partner_id.phone, '+7 701 111 11 11')
        self.assertEqual(mothers[0].notify_by, 'sms')
        self.assertEqual(s5.guardian_ids.partner_id, self.mother_a)
        self.assertEqual(s5.guardian_ids.relation, 'guardian')
        self.assertEqual(self.env['res.partner'].search_count([('kz_iin', 'in', (self.mother, self.father))]), 2)
        # the people imported are flagged as create() would flag them, so HR does not see them (SEC-01)
        self.env['res.partner'].invalidate_cache()
        self.assertTrue(all(students.mapped('partner_id.kz_is_student')))
        self.assertTrue(all(guardians.mapped('partner_id.kz_is_parent')))
        self.assertFalse(any(guardians.mapped('partner_id.kz_is_student')))
        # social categories from the admission date, allergies
        social = self.env['kz.edu.student.social'].search([('student_id', 'in', students.ids)])
        self.assertEqual(len(social), 2)
        self.assertEqual(s1.social_ids.category_id, self.env.ref('kz_edu_contingent.social_large_family'))
        self.assertEqual(s1.social_ids.date_from, self.year.date_start)
        self.assertEqual(s4.social_ids.category_id.code, 'ASP')
        self.assertEqual(sorted(s1.allergen_ids.mapped('code')), ['EGGS', 'MILK'])
        self.assertEqual(s5.allergen_ids.mapped('code'), ['NUTS'])
        # one confirmed admission order, one line and one class stay per student
        order = wiz.order_id
        self.assertEqual((order.kind, order.state, order.company_id, order.line_count),
                         ('admission', 'done', self.school_a, 5))
        self.assertNotEqual(order.name, '/')
        self.assertEqual(order.reason_id.code, 'IN_DISTRICT')
        self.assertEqual(set(order.line_ids.mapped('state')), {'done'})
        self.assertEqual(order.line_ids.mapped('student_id'), students)
        self.assertEqual(self.env['kz.edu.movement.order'].search_count(
            [('company_id', '=', self.school_a.id), ('kind', '=', 'admission')]), 1)
        enrollments = self.env['kz.edu.enrollment'].search([('student_id', 'in', students.ids)])
        self.assertEqual(len(enrollments), 5)
        for e in enrollments:
            self.assertEqual((e.class_id, e.date_from, e.date_to, e.order_line_id.order_id),
                             (e.student_id.class_id, self.year.date_start, False, order))
        self.assertEqual(self.env['ir.attachment'].search_count(
            [('res_model', '=', order._name), ('res_id', '=', order.id)]), 1)
        # the refused rows, and only them, in the error report with their reasons
        report, nrows = self.report(wiz)
        self.assertEqual(nrows, 8)
        bad_iin = self.rows[5][0]
        self.assertIn('check digit', report[bad_iin])
        self.assertIn('appears more than once in the file (rows 8, 9)', report[self.iins['dup']])
        self.assertEqual(report[self.student_b.kz_iin], 'The IIN %s is already registered in the database '
                         '(in this or another organisation).' % self.student_b.kz_iin)
        self.assertNotIn(self.school_b.name, report[self.student_b.kz_iin])
        self.assertEqual(report[self.iins['g13']], 'Unknown grade "13": a grade is a number from 0 to 12.')
        self.assertIn('is in the future', report[self.iins['future']])
        self.assertEqual(report[self.iins['vip']], 'Unknown social category code "VIP".')
        self.assertIn('already registered for a person of another organisation', report[self.iins['hidden']])
        self.assertNotIn(self.school_b.name, report[self.iins['hidden']])
        # nothing of a refused row was written
        refused = [self.iins[k] for k in ('dup', 'g13', 'future', 'vip', 'hidden')] + [bad_iin]
        self.assertFalse(self.env['res.partner'].search([('kz_iin', 'in', refused)]))

    def test_second_import_of_the_same_file_imports_nothing_ACC14(self):
        self.run_import()
        students = self.imported_students()
        partners = self.env['res.partner'].search_count([])
        wiz = self.run_import()
        self.assertEqual((wiz.imported_count, wiz.refused_count), (0, 13))
        self.assertFalse(wiz.order_id)
        report, nrows = self.report(wiz)
        self.assertEqual(nrows, 13)
        for key in ('s1', 's2', 's3', 's4', 's5'):
            self.assertIn('is already registered', report[self.iins[key]])
        self.assertIn('already enrolled in class 1 «А»', report[self.iins['s1']])
        self.assertEqual(self.imported_students(), students)
        self.assertEqual(self.env['res.partner'].search_count([]), partners)
        self.assertEqual(self.env['kz.edu.movement.order'].search_count(
            [('company_id', '=', self.school_a.id), ('kind', '=', 'admission')]), 1)
        # a file of only rows already imported: every row is reported as already registered
        wiz = self.run_import(self.workbook(self.rows[:5]))
        report, nrows = self.report(wiz)
        self.assertEqual((wiz.imported_count, nrows), (0, 5))
        self.assertTrue(all('is already registered' in text for text in report.values()))

    def test_import_refused_to_a_class_teacher_ACC14(self):
        wiz = self.wizard(self.class_teacher)
        with self.assertRaises(AccessError):
            wiz.action_import()
        self.assertFalse(self.imported_students())

    def test_unusable_file_refused_whole(self):
        wiz = self.wizard(self.deputy, b'not an excel file')
        with self.assertRaises(UserError):
            wiz.action_import()
        self.assertFalse(self.imported_students())

    def test_template_download_has_bilingual_headers(self):
        wiz = self.wizard(self.deputy)
        action = wiz.action_download_template()
        self.assertIn('field=template_file', action['url'])
        ws = xlrd.open_workbook(file_contents=base64.b64decode(wiz.template_file)).sheet_by_index(0)
        self.assertEqual(ws.row_values(0)[:3], ['ЖСН / ИИН', 'Тегі / Фамилия', 'Аты / Имя'])

    def test_failure_while_writing_leaves_nothing_half_done_ACC14(self):
        Wizard = type(self.env['kz.edu.student.import'])
        with mock.patch.object(Wizard, '_create_order', side_effect=UserError('stop')):
            with self.assertRaises(UserError):
                self.run_import()
        self.env['res.partner'].invalidate_cache()
        self.assertFalse(self.env['res.partner'].search([('kz_iin', 'in', (self.iins['s1'], self.mother))]))
        self.assertFalse(self.imported_students())
        self.assertFalse(self.env['kz.edu.class'].search([('company_id', '=', self.school_a.id),
                                                          ('letter', '=', 'А')]))

    def test_admission_date_outside_the_year_refused_whole(self):
        wiz = self.wizard(self.deputy)
        wiz.date = fields.Date.to_string(self.start - datetime.timedelta(days=1))
        with self.assertRaises(UserError):
            wiz.action_import()
