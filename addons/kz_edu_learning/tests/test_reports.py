"""The journal's documents (LMS-05, LMS-12): class performance per quarter, the mark sheet of a subject, attendance
per lesson — their figures, their Kazakh and Russian, XLSX and PDF, and who may print them."""
import io

import xlrd

from odoo.exceptions import AccessError, UserError

from .common import LearningCase


class TestReports(LearningCase):

    @classmethod
    def setUpClass(cls):
        super(TestReports, cls).setUpClass()
        Mark = cls.env['kz.edu.period.mark'].sudo()
        # quarter 2 marks of 5 «А»: kid 0 5/5, kid 1 5/4, kid 2 4/3, kid 3 2/5; 5 «Б»: kid 4 4/4, kid 5 nothing
        eng = cls.eng
        plan = {cls.kids[0]: (5, 5), cls.kids[1]: (5, 4), cls.kids[2]: (4, 3), cls.kids[3]: (2, 5),
                cls.kids[4]: (4, 4)}
        rows = []
        for n, (kid, (math_mark, eng_mark)) in enumerate(plan.items()):
            in_a = kid in cls.kids[:4]
            cls_id = cls.c5a.id if in_a else cls.c5b.id
            math_load = cls.load_math_a if in_a else cls.load_math_b
            eng_load = (cls.load_eng1 if kid in cls.kids[:2] else cls.load_eng2) if in_a else None
            rows.append((cls.school_a.id, cls.year.id, 'quarter', cls.q2.id, cls.q2.id, cls_id, cls.math.id, kid.id,
                         math_load.id, None, None, None, None, math_mark, None, ''))
            rows.append((cls.school_a.id, cls.year.id, 'quarter', cls.q2.id, cls.q2.id, cls_id, eng.id, kid.id,
                         eng_load and eng_load.id, None, None, None, None, eng_mark, None, ''))
        Mark._kz_upsert(rows)
        cls.lesson_math.sudo(cls.u_math.id).kz_grid_save({'entries': [
            {'student_id': cls.kids[0].id, 'attendance': 'absent', 'reason': 'ill'},
            {'student_id': cls.kids[2].id, 'attendance': 'late', 'mark': 7}], 'topic': 'Бөлшектер'})

    def wizard(self, user=None, **vals):
        vals.setdefault('period_id', self.q2.id)
        vals.setdefault('recompute_marks', False)
        vals.setdefault('company_id', self.school_a.id)
        Wizard = self.env['kz.edu.learning.report.wizard']
        return (Wizard.sudo(user.id) if user else Wizard).create(vals)

    TABLES = {'classes': 0, 'subjects': 1, 'marks': 0, 'topics': 1, 'lessons': 0}

    def table(self, doc, key):
        """A table of the document as {'columns': headings, 'rows': values, 'totals': [total values]}."""
        table = doc.tables()[self.TABLES[key]]
        return {'columns': [c.label for c in table.columns],
                'rows': [r.values for r in table.rows if r.style != 'group'],
                'totals': [table.total] if table.total is not None else []}

    def test_class_performance_and_quality_per_quarter_LMS05(self):
        doc = self.wizard(self.u_deputy, report_kind='performance', lang='ru_RU').kz_document()
        rows = {r[0]: r for r in self.table(doc, 'classes')['rows']}
        # 5 «А»: 4 attested; only «5»: kid 0; «4» and «5»: kid 1; with a «3»: kid 2; with a «2»: kid 3
        self.assertEqual(rows['5 «А»'][1:6], [4, 1, 1, 1, 1])
        self.assertEqual((str(rows['5 «А»'][6]), str(rows['5 «А»'][7])), ('75.0', '50.0'))
        self.assertEqual(rows['5 «Б»'][1:6], [1, 0, 1, 0, 0])
        total = self.table(doc, 'classes')['totals'][0]
        self.assertEqual(total[1:6], [5, 1, 2, 1, 1])
        self.assertEqual((str(total[6]), str(total[7])), ('80.0', '60.0'))
        subjects = {r[0]: r for r in self.table(doc, 'subjects')['rows']}
        self.assertEqual(subjects[self.math.with_context(lang='ru_RU').name][1:5], [2, 2, 0, 1])
        self.assertEqual(doc.title, 'Успеваемость классов')

    def test_documents_in_kazakh_and_russian_as_xlsx_and_pdf(self):
        for lang, title, quality in (('kk_KZ', 'Сыныптардың үлгерімі', 'Білім сапасы, %'),
                                     ('ru_RU', 'Успеваемость классов', 'Качество знаний, %')):
            wizard = self.wizard(self.u_deputy, report_kind='performance', lang=lang)
            report = self.env.ref('kz_edu_learning.kz_edu_learning_report_xlsx').sudo(self.u_deputy.id)
            content, fmt = report.render_xlsx([wizard.id], {})
            self.assertEqual(fmt, 'xlsx')
            sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
            rows = [sheet.row_values(i) for i in range(sheet.nrows)]
            self.assertEqual(rows[0][0], self.school_a.name)
            self.assertEqual(rows[2][0], title)
            # the class table: counts and percents as numbers, the school's total row
            heading = next(r for r in rows if quality in r)
            line = next(r for r in rows if r[0] == '5 «А»')
            self.assertEqual(line[1:6], [4, 1, 1, 1, 1])
            self.assertEqual(line[heading.index(quality)], 50)
            total = rows[rows.index(line) + 2]
            self.assertEqual(total[1:8], [5, 1, 2, 1, 1, 80, 60])
            html = self.env.ref('kz_edu_learning.kz_edu_learning_report_pdf').sudo(
                self.u_deputy.id).render_qweb_html([wizard.id])[0].decode()
            self.assertIn(title, html)
            self.assertIn(quality, html)
            self.assertIn('5 «А»', html)

    def test_attendance_xlsx_and_pdf(self):
        wizard = self.wizard(self.teacher_user, report_kind='attendance', class_id=self.c5a.id,
                             date_from='2026-11-09', date_to='2026-11-13', lang='ru_RU')
        content, _fmt = self.env.ref('kz_edu_learning.kz_edu_learning_report_xlsx').sudo(
            self.teacher_user.id).render_xlsx([wizard.id], {})
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        self.assertEqual(rows[2][0], 'Посещаемость по урокам')
        start = next(i for i, r in enumerate(rows) if r[0] == 'Дата')
        heading = rows[start]
        total = rows[next(i for i, r in enumerate(rows) if i > start and not any(r)) - 1]   # the table's last row
        self.assertEqual(total[2], 'Всего')        # one translation of «Total» among the installed modules
        absent = heading.index('Отсутствовали')
        self.assertEqual(heading[absent + 2], 'Опоздали')
        self.assertEqual(total[absent], 1)
        html = self.env.ref('kz_edu_learning.kz_edu_learning_report_pdf').sudo(
            self.teacher_user.id).render_qweb_html([wizard.id])[0].decode()
        self.assertIn('Болезнь', html)
        self.assertIn('09.11.2026', html)

    def test_mark_sheet_is_the_class_journal_page(self):
        doc = self.wizard(self.u_math, report_kind='mark_sheet', class_id=self.c5a.id, subject_id=self.math.id,
                          lang='kk_KZ').kz_document()
        marks = self.table(doc, 'marks')
        self.assertIn('09.11', marks['columns'])
        by_name = {r[1]: r for r in marks['rows']}
        column = marks['columns'].index('09.11')
        self.assertEqual(by_name[self.kids[0].name][column], 'н')
        self.assertEqual(by_name[self.kids[2].name][column], 'к7')
        self.assertEqual(by_name[self.kids[3].name][-1], 2)                 # the quarter mark
        self.assertEqual(self.table(doc, 'topics')['rows'], [['09.11', 'Бөлшектер']])

    def test_mark_sheet_xlsx_and_pdf_in_kazakh(self):
        wizard = self.wizard(self.u_math, report_kind='mark_sheet', class_id=self.c5a.id, subject_id=self.math.id,
                             lang='kk_KZ')
        content, _fmt = self.env.ref('kz_edu_learning.kz_edu_learning_report_xlsx').sudo(
            self.u_math.id).render_xlsx([wizard.id], {})
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        self.assertTrue(rows[2][0].startswith('Сынып журналы: '))
        heading = next(r for r in rows if '09.11' in r)
        pupils = {r[1]: r for r in rows if isinstance(r[0], float)}     # «№» is a number cell
        self.assertEqual(pupils[self.kids[0].name][heading.index('09.11')], 'н')
        self.assertEqual(pupils[self.kids[2].name][heading.index('09.11')], 'к7')
        self.assertEqual(pupils[self.kids[3].name][len(heading) - 1], 2)        # the quarter mark, a number
        html = self.env.ref('kz_edu_learning.kz_edu_learning_report_pdf').sudo(
            self.u_math.id).render_qweb_html([wizard.id])[0].decode()
        self.assertIn('Сынып журналы: ', html)
        self.assertIn('Бөлшектер', html)
        self.assertIn(self.kids[3].name, html)

    def test_attendance_per_lesson_names_who_was_absent(self):
        doc = self.wizard(self.teacher_user, report_kind='attendance', class_id=self.c5a.id,
                          date_from='2026-11-09', date_to='2026-11-13', lang='ru_RU').kz_document()
        table = self.table(doc, 'lessons')
        first = [r for r in table['rows'] if r[2] == self.math.with_context(lang='ru_RU').name][0]
        self.assertEqual((first[4], first[6]), (1, 1))
        self.assertIn(self.kids[0].name, first[5])
        self.assertIn('Болезнь', first[5])
        self.assertEqual(table['totals'][0][4], 1)

    def test_who_may_print(self):
        with self.assertRaises(AccessError):
            self.wizard(self.u_cashier, report_kind='performance').kz_document()
        with self.assertRaises(AccessError):
            self.wizard(self.u_b, report_kind='performance', company_id=self.school_a.id).kz_document()
        with self.assertRaises(UserError):
            self.wizard(self.u_deputy, report_kind='mark_sheet').kz_document()      # no class, no subject
        # a class teacher's performance counts her own class only (record rules)
        doc = self.wizard(self.teacher_user, report_kind='performance').kz_document()
        self.assertEqual([r[0] for r in self.table(doc, 'classes')['rows']], ['5 «А»'])

    def test_performance_recompute_by_the_deputy_uses_the_journal(self):
        doc = self.wizard(self.u_deputy, report_kind='performance', recompute_marks=True).kz_document()
        self.assertTrue(self.table(doc, 'classes')['rows'])
