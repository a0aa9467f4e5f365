"""Contingent reports (ACC-14, SEC-06) on a small district built through movement orders.

School A: 5 «А» (Kazakh) and 5 «Б» (Russian) in 2023-2024, 6 «А» in 2024-2025; school B: 9 «А».
November 2023, per class of school A (hand-computed):
    5 «А»: start 4 (s1 s2 s3 s4), left 1 (s3, health), moved out 1 (s2 -> 5 «Б»), end 2 (s1 s4)
    5 «Б»: start 2 (s5 s6), arrived 1 (s7, from abroad), moved in 1 (s2), end 4
    school A: 6 + 1 - 1 = 6; school B (9 «А»): 2 = 2; both: 8 + 1 - 1 = 8.
s4 leaves on 5 December (after the period); s1 is promoted into 6 «А» by an order of 25 May 2024, effective on
1 September 2024.
"""
import datetime

import xlrd
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from odoo.addons.kz_edu_base.tests.common import KzEduCase


@at_install(False)
@post_install(True)
class TestContingentReports(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TestContingentReports, cls).setUpClass()
        env = cls.env
        ref = env.ref
        Year = env['kz.edu.academic.year']
        cls.year = Year.ensure_year(2023)
        cls.next_year = Year.ensure_year(2024)
        Class = env['kz.edu.class']

        def klass(school, year, grade, letter, lang):
            return Class.create({'company_id': school.id, 'academic_year_id': year.id,
                                 'grade_id': ref('kz_edu_contingent.grade_%d' % grade).id, 'letter': letter,
                                 'instruction_lang': lang})
        cls.c5a = klass(cls.school_a, cls.year, 5, 'А', 'kk')
        cls.c5b = klass(cls.school_a, cls.year, 5, 'Б', 'ru')
        cls.c6a = klass(cls.school_a, cls.next_year, 6, 'А', 'kk')
        cls.c9a = klass(cls.school_b, cls.year, 9, 'А', 'kk')

        Student = env['kz.edu.student']

        def student(name, school, patronymic=None):
            return Student.create({'name': name, 'company_id': school.id, 'kz_patronymic': patronymic,
                                   'kz_iin': cls.new_iin(datetime.date(2012, 3, 4), 'M')})
        cls.s = {i: student('Оқушы%d Тест Серікұлы' % i, cls.school_a, 'Серікұлы') for i in range(1, 8)}
        cls.t = {i: student('Student%d Test' % i, cls.school_b) for i in range(1, 3)}

        cls.r_district = ref('kz_edu_contingent.reason_in_same_district')
        cls.r_abroad_in = ref('kz_edu_contingent.reason_in_abroad')
        cls.r_health = ref('kz_edu_contingent.reason_out_health')
        cls.r_abroad_out = ref('kz_edu_contingent.reason_out_abroad')

        def order(kind, date, school, lines, reason=None):
            o = env['kz.edu.movement.order'].create({
                'kind': kind, 'date': date, 'company_id': school.id, 'reason_id': reason and reason.id,
                'line_ids': [(0, 0, line) for line in lines]})
            o.action_confirm()
            return o

        order('admission', '2023-09-01', cls.school_a,
              [{'student_id': cls.s[i].id, 'to_class_id': cls.c5a.id} for i in (1, 2, 3, 4)] +
              [{'student_id': cls.s[i].id, 'to_class_id': cls.c5b.id} for i in (5, 6)], cls.r_district)
        order('admission', '2023-09-01', cls.school_b,
              [{'student_id': cls.t[i].id, 'to_class_id': cls.c9a.id} for i in (1, 2)], cls.r_district)
        order('admission', '2023-11-10', cls.school_a,
              [{'student_id': cls.s[7].id, 'to_class_id': cls.c5b.id}], cls.r_abroad_in)
        order('transfer', '2023-11-15', cls.school_a,
              [{'student_id': cls.s[2].id, 'to_class_id': cls.c5b.id}])
        order('departure', '2023-11-20', cls.school_a, [{'student_id': cls.s[3].id}], cls.r_health)
        order('departure', '2023-12-05', cls.school_a,
              [{'student_id': cls.s[4].id, 'destination': 'Bishkek'}], cls.r_abroad_out)
        order('promotion', '2024-05-25', cls.school_a,
              [{'student_id': cls.s[1].id, 'to_class_id': cls.c6a.id}])

        Social = env['kz.edu.student.social']
        for st, code, d_from, d_to in [(cls.s[1], 'asp', '2023-09-01', False),
                                       (cls.s[5], 'large_family', '2023-09-01', '2023-10-31'),
                                       (cls.s[6], 'large_family', '2023-11-01', False),
                                       (cls.s[6], 'asp', '2023-11-01', False),
                                       (cls.t[1], 'orphan', '2023-01-01', False)]:
            Social.create({'student_id': st.id, 'category_id': ref('kz_edu_contingent.social_%s' % code).id,
                           'date_from': d_from, 'date_to': d_to})

        cls.district_user = cls.make_user('rep_district', ['kz_edu_base.group_district'], cls.department,
                                          cls.department | cls.school_a | cls.school_b)
        cls.director = cls.make_user('rep_director', ['kz_edu_base.group_director'], cls.school_a)
        cls.Wizard = env['kz.edu.contingent.report.wizard']

    def wizard(self, user=None, **vals):
        values = {'report_kind': 'movement', 'date_from': '2023-11-01', 'date_to': '2023-11-30',
                  'company_ids': [(6, 0, (self.school_a | self.school_b).ids)], 'group_school': True,
                  'group_class': True, 'company_id': self.school_a.id}
        values.update(vals)
        Wizard = self.Wizard.sudo(user) if user else self.Wizard
        return Wizard.create(values)

    @staticmethod
    def by_label(rows):
        return {tuple(r['labels']): r for r in rows}

    @staticmethod
    def counts(r):
        return (r['start'], r['arrived'], r['left'], r['internal_in'], r['internal_out'], r['end'])

    # ---------------------------------------------------------------------------------------------- movement

    def test_movement_per_class_and_total_ACC14(self):
        data = self.wizard().report_data()
        rows = {r['labels'][1].split(' (')[0]: r for r in data['rows']}
        self.assertEqual(self.counts(rows['5 «А»']), (4, 0, 1, 0, 1, 2))
        self.assertEqual(self.counts(rows['5 «Б»']), (2, 1, 0, 1, 0, 4))
        self.assertEqual(self.counts(rows['9 «А»']), (2, 0, 0, 0, 0, 2))
        self.assertEqual(self.counts(data['total']), (8, 1, 1, 0, 0, 8))
        self.assertEqual(rows['5 «А»']['labels'][0], 'Test school A')
        # by reason: the departure for health reasons, the arrival from abroad
        health = data['departure_reasons'].index(self.r_health.name)
        abroad = data['arrival_reasons'].index(self.r_abroad_in.name)
        self.assertEqual(rows['5 «А»']['left_by_reason'][health], 1)
        self.assertEqual(rows['5 «Б»']['arrived_by_reason'][abroad], 1)
        self.assertEqual(sum(data['total']['left_by_reason']), 1)
        # the identity holds everywhere
        self.assertTrue(data['balanced'])
        for r in data['rows'] + [data['total']]:
            self.assertEqual(r['start'] + r['arrived'] - r['left'] + r['internal_in'] - r['internal_out'],
                             r['end'])
            self.assertEqual(r['difference'], 0)

    def test_movement_by_school_and_class_has_a_subtotal_per_school_ACC14(self):
        data = self.wizard().report_data()          # by school and class, both schools (the district's view)
        labels = [(r['labels'][0], r['subtotal']) for r in data['rows']]
        subtotals = [r for r in data['rows'] if r['subtotal']]
        self.assertEqual([r['labels'] for r in subtotals],
                         [['Total: Test school A', ''], ['Total: Test school B', '']])
        # each subtotal follows its school's classes and adds them up; internal moves cancel in it
        self.assertEqual(labels[-1], ('Total: Test school B', True))
        a_rows = [r for r in data['rows'] if r['labels'][0] == 'Test school A']
        self.assertEqual(labels[len(a_rows)], ('Total: Test school A', True))
        self.assertEqual(self.counts(subtotals[0]), (6, 1, 1, 0, 0, 6))
        self.assertEqual(subtotals[0]['end'], sum(r['end'] for r in a_rows))
        self.assertEqual(self.counts(subtotals[1]), (2, 0, 0, 0, 0, 2))
        # one school only, or by school alone: no subtotal row
        self.assertFalse([r for r in self.wizard(group_class=False).report_data()['rows'] if r['subtotal']])
        social = self.wizard(report_kind='social', date_on='2023-11-25').report_data()
        self.assertEqual([r['labels'][0] for r in social['rows'] if r['subtotal']],
                         ['Total: Test school A', 'Total: Test school B'])

    def test_movement_by_school_internal_transfer_cancels_ACC14(self):
        data = self.wizard(group_class=False).report_data()
        rows = self.by_label(data['rows'])
        self.assertEqual(self.counts(rows[('Test school A',)]), (6, 1, 1, 0, 0, 6))
        self.assertEqual(self.counts(rows[('Test school B',)]), (2, 0, 0, 0, 0, 2))

    def test_movement_next_month_counts_the_december_departure(self):
        data = self.wizard(date_from='2023-12-01', date_to='2023-12-31', group_class=False).report_data()
        rows = self.by_label(data['rows'])
        self.assertEqual(self.counts(rows[('Test school A',)]), (6, 0, 1, 0, 0, 5))
        abroad = data['departure_reasons'].index(self.r_abroad_out.name)
        self.assertEqual(rows[('Test school A',)]['left_by_reason'][abroad], 1)

    def test_promotion_moves_on_the_first_day_of_the_new_year(self):
        data = self.wizard(date_from='2024-08-01', date_to='2024-09-30',
                           company_ids=[(6, 0, self.school_a.ids)]).report_data()
        rows = {r['labels'][1].split(' (')[0]: r for r in data['rows']}
        self.assertEqual(self.counts(rows['5 «А»']), (1, 0, 0, 0, 1, 0))   # s1 (s4 left in December)
        self.assertEqual(self.counts(rows['6 «А»']), (0, 0, 0, 1, 0, 1))
        self.assertEqual(self.counts(data['total']), (5, 0, 0, 0, 0, 5))
        self.assertTrue(data['balanced'])
        may = self.wizard(date_from='2024-05-01', date_to='2024-05-31',
                          company_ids=[(6, 0, self.school_a.ids)]).report_data()
        self.assertEqual(sum(r['internal_out'] for r in may['rows']), 0)

    def test_stay_without_order_shows_as_difference(self):
        # a class history line written behind the orders' back (e.g. a faulty import) breaks the identity
        self.env['kz.edu.enrollment'].create({'student_id': self.s[3].id, 'class_id': self.c5b.id,
                                              'date_from': '2023-11-25'})
        data = self.wizard().report_data()
        rows = {r['labels'][1].split(' (')[0]: r for r in data['rows']}
        self.assertEqual(rows['5 «Б»']['end'], 5)
        self.assertEqual(rows['5 «Б»']['difference'], 1)
        self.assertFalse(data['balanced'])

    # ---------------------------------------------------------------------------------------------- social

    def test_social_counts_on_date_SEC06(self):
        data = self.wizard(report_kind='social', date_on='2023-11-25', group_class=False).report_data()
        cats = data['categories']
        asp = cats.index(self.env.ref('kz_edu_contingent.social_asp').name)
        large = cats.index(self.env.ref('kz_edu_contingent.social_large_family').name)
        orphan = cats.index(self.env.ref('kz_edu_contingent.social_orphan').name)
        rows = self.by_label(data['rows'])
        a = rows[('Test school A',)]
        self.assertEqual((a['students'], a['by_category'][asp], a['by_category'][large], a['any']), (6, 2, 1, 2))
        b = rows[('Test school B',)]
        self.assertEqual((b['students'], b['by_category'][orphan], b['any']), (2, 1, 1))
        t = data['total']
        self.assertEqual((t['students'], t['by_category'][asp], t['by_category'][large], t['by_category'][orphan],
                          t['any']), (8, 2, 1, 1, 3))

    # ---------------------------------------------------------------------------------------------- XLSX / PDF

    def render_xlsx(self, xml_id, wizard):
        content, fmt = self.env.ref(xml_id).render_xlsx([wizard.id], {})
        self.assertEqual(fmt, 'xlsx')
        return xlrd.open_workbook(file_contents=content).sheet_by_index(0)

    def test_movement_xlsx_content(self):
        sheet = self.render_xlsx('kz_edu_contingent.kz_edu_contingent_movement_xlsx', self.wizard())
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        header = next(r for r in rows if r and r[0] == 'School')
        total = next(r for r in rows if r and r[0] == 'Total')
        col = {h: i for i, h in enumerate(header)}
        self.assertEqual([total[col[h]] for h in ('At the start', 'Arrived, total', 'Left, total', 'At the end',
                                                  'Difference')], [8, 1, 1, 8, 0])
        line_5b = next(r for r in rows if r and str(r[1]).startswith('5 «Б»'))
        self.assertEqual([line_5b[col[h]] for h in ('At the start', 'Arrived, total',
                                                    'Moved in (inside the school)', 'At the end')], [2, 1, 1, 4])
        self.assertEqual(line_5b[col['Arrived: %s' % self.r_abroad_in.name]], 1)
        # the form's head: the organisation printing it, the title, the period, the organisations reported on
        self.assertEqual(rows[0][0], 'Test school A')
        self.assertEqual(rows[2][0], 'Movement of students')
        self.assertIn('01.11.2023', rows[3][0])
        self.assertIn(['Organisations', 'Test school A, Test school B'], [r[:2] for r in rows])
        self.assertTrue(any(str(r[0]).startswith('At the end = at the start') for r in rows))

    def test_movement_xlsx_in_russian_marks_the_difference(self):
        # a class history line written behind the orders' back: the difference is printed (in red) and the check
        # fails; the headings are the user's language
        self.env['kz.edu.enrollment'].create({'student_id': self.s[3].id, 'class_id': self.c5b.id,
                                              'date_from': '2023-11-25'})
        wizard = self.wizard(user=self.director, group_class=True).with_context(lang='ru_RU')
        content, _fmt = self.env.ref('kz_edu_contingent.kz_edu_contingent_movement_xlsx').with_context(
            lang='ru_RU').sudo(self.director).render_xlsx([wizard.id], {})
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        self.assertEqual(rows[2][0], 'Движение учащихся')
        start = next(i for i, r in enumerate(rows) if r[0] == 'Школа')
        header = rows[start]
        end = next(i for i, r in enumerate(rows) if i > start and not r[0])
        total = rows[end - 1]                               # the table's last row: the total
        self.assertEqual(total[header.index('Разница')], 1)
        self.assertTrue(any(str(r[0]).startswith('Проверка не пройдена') for r in rows))

    def test_social_class_list_and_nobd_xlsx_content(self):
        sheet = self.render_xlsx('kz_edu_contingent.kz_edu_contingent_social_xlsx',
                                 self.wizard(report_kind='social', date_on='2023-11-25', group_class=False))
        total = next(sheet.row_values(i) for i in range(sheet.nrows) if sheet.cell_value(i, 0) == 'Total')
        self.assertEqual(total[1], 8)
        self.assertEqual(total[-1], 3)

        sheet = self.render_xlsx('kz_edu_contingent.kz_edu_contingent_class_list_xlsx',
                                 self.wizard(report_kind='class_list', date_on='2023-11-25',
                                             company_ids=[(6, 0, self.school_a.ids)]))
        cells = [sheet.row_values(i) for i in range(sheet.nrows)]
        names = [r[1] for r in cells if isinstance(r[0], float)]
        self.assertEqual(len(names), 6)   # s1 s2 s4 s5 s6 s7
        self.assertNotIn(self.s[3].name, names)
        self.assertIn(self.s[1].kz_iin, [c for r in cells for c in r])
        self.assertIn('Students in all: 6', [r[0] for r in cells])
        # the birth date is a date cell of the sheet (04.03.2012)
        heading = next(r for r in cells if r[:2] == ['No.', 'Full name'])
        first = next(r for r in cells if isinstance(r[0], float))
        birth = first[heading.index('Birth date')]
        self.assertEqual(xlrd.xldate_as_tuple(birth, 0)[:3], (2012, 3, 4))

        sheet = self.render_xlsx('kz_edu_contingent.kz_edu_contingent_nobd_xlsx',
                                 self.wizard(report_kind='nobd', date_on='2023-11-25'))
        header = sheet.row_values(0)
        self.assertEqual(header[:4], ['IIN', 'Surname', 'Given name', 'Patronymic'])
        self.assertEqual(sheet.nrows, 1 + 8)
        body = [sheet.row_values(i) for i in range(1, sheet.nrows)]
        mine = next(r for r in body if r[0] == self.s[6].kz_iin)
        col = {h: i for i, h in enumerate(header)}
        self.assertEqual(mine[col['Surname']], 'Оқушы6')
        self.assertEqual(mine[col['Patronymic']], 'Серікұлы')
        self.assertEqual(mine[col['Grade']], 5)
        self.assertEqual(mine[col['Class letter']], 'Б')
        self.assertEqual(mine[col['Language of instruction']], 'ru')
        self.assertEqual(mine[col['Social categories']], 'ASP;LARGE_FAMILY')
        self.assertEqual(mine[col['Birth date']], '04.03.2012')
        self.assertEqual(mine[col['Admission date']], '01.09.2023')

    @staticmethod
    def html_table(content):
        """(headings, body rows as lists of cell texts, the styled rows' texts) of the document's first table."""
        doc = lxml_html.fromstring(content)
        table = doc.xpath('//table[contains(@class, "kz-document-table")]')[0]
        heads = [th.text_content().strip() for th in table.xpath('./thead/tr/th')]
        rows = [[td.text_content().strip() for td in tr.xpath('./td')] for tr in table.xpath('./tbody/tr')]
        plain = [[td.text_content().strip() for td in tr.xpath('./td')]
                 for tr in table.xpath('./tbody/tr[not(@style)]')]
        return heads, rows, plain

    def test_movement_pdf_html_has_the_numbers(self):
        wiz = self.wizard(output='pdf')
        action = wiz.action_print()
        self.assertEqual(action['report_name'], 'kz_edu_contingent.movement_pdf')
        report = self.env.ref('kz_edu_contingent.kz_edu_contingent_movement_pdf')
        content, _fmt = report.render_qweb_html([wiz.id])
        heads, rows, plain = self.html_table(content)
        total = rows[-1]
        self.assertEqual(total[0], 'Total')
        self.assertEqual([total[heads.index(h)] for h in ('At the start', 'Arrived, total', 'Left, total',
                                                          'At the end', 'Difference')], ['8', '1', '1', '8', '0'])
        self.assertEqual(len(plain), 3)                          # the three classes; the subtotals are bold
        subtotal = next(r for r in rows if r[0] == 'Total: Test school A')
        self.assertEqual([subtotal[heads.index(h)] for h in ('At the start', 'Arrived, total', 'At the end')],
                         ['6', '1', '6'])
        text = content.decode()
        self.assertIn('Movement of students', text)
        self.assertIn('01.11.2023', text)
        self.assertNotIn('PRELIMINARY', text)

    def test_social_and_class_list_pdf_html(self):
        wiz = self.wizard(report_kind='social', date_on='2023-11-25', group_class=False, output='pdf')
        content, _fmt = self.env.ref('kz_edu_contingent.kz_edu_contingent_social_pdf').render_qweb_html([wiz.id])
        heads, rows, _plain = self.html_table(content)
        self.assertEqual(rows[-1][0], 'Total')
        self.assertEqual(rows[-1][heads.index('With at least one category')], '3')
        wiz = self.wizard(report_kind='class_list', date_on='2023-11-25', output='pdf')
        content, _fmt = self.env.ref('kz_edu_contingent.kz_edu_contingent_class_list_pdf').render_qweb_html(
            [wiz.id])
        text = content.decode()
        self.assertIn('Students in all: 8', text)
        self.assertIn(self.s[7].name, text)
        self.assertIn('04.03.2012', text)

    def test_class_list_pdf_in_kazakh_as_the_director(self):
        wiz = self.wizard(user=self.director, report_kind='class_list', date_on='2023-11-25', output='pdf',
                          company_ids=[(6, 0, self.school_a.ids)])
        content, _fmt = self.env.ref('kz_edu_contingent.kz_edu_contingent_class_list_pdf').with_context(
            lang='kk_KZ').sudo(self.director).render_qweb_html([wiz.id])
        text = content.decode()
        self.assertIn(self.s[7].name, text)
        self.assertIn('Сынып жетекшісі', text)

    # ---------------------------------------------------------------------------------------------- refusals

    def test_future_period_refused_unless_preliminary(self):
        today = datetime.date.today()
        future = str(today + datetime.timedelta(days=40))
        first = str(today.replace(day=1))
        wiz = self.wizard(date_from=first, date_to=future)
        with self.assertRaisesRegex(UserError, 'not yet finished'):
            wiz.action_print()
        with self.assertRaisesRegex(UserError, 'not yet finished'):
            self.wizard(report_kind='social', date_on=future).action_print()
        wiz.is_preliminary = True
        self.assertEqual(wiz.action_print()['type'], 'ir.actions.report')
        content, _fmt = self.env.ref('kz_edu_contingent.kz_edu_contingent_movement_pdf').render_qweb_html(
            [wiz.id])
        self.assertIn('PRELIMINARY', content.decode())
        sheet = self.render_xlsx('kz_edu_contingent.kz_edu_contingent_movement_xlsx', wiz)
        head = [sheet.cell_value(i, 0) for i in range(sheet.nrows)]
        head = head[:head.index('School')]                 # the form's head, above the table
        self.assertTrue([t for t in head if t.startswith('PRELIMINARY')])

    def test_reversed_period_refused(self):
        with self.assertRaisesRegex(UserError, 'ends .* before it starts'):
            self.wizard(date_from='2023-11-30', date_to='2023-11-01').action_print()

    # ---------------------------------------------------------------------------------------------- access

    def test_district_user_gets_both_schools_SEC05(self):
        wiz = self.Wizard.sudo(self.district_user).create({'report_kind': 'movement', 'date_from': '2023-11-01',
                                                           'date_to': '2023-11-30', 'group_class': False})
        self.assertTrue(self.school_a | self.school_b <= wiz.company_ids)
        data = wiz.report_data()
        self.assertEqual(set(self.by_label(data['rows'])), {('Test school A',), ('Test school B',)})
        self.assertEqual(self.counts(data['total']), (8, 1, 1, 0, 0, 8))
        self.assertEqual(wiz.action_print()['report_type'], 'xlsx')

    def test_director_gets_only_their_school(self):
        wiz = self.Wizard.sudo(self.director).create({'report_kind': 'movement', 'date_from': '2023-11-01',
                                                      'date_to': '2023-11-30', 'group_class': False})
        self.assertEqual(wiz.company_ids, self.school_a)
        # even when school B is chosen explicitly, its students are not counted
        wiz = self.wizard(user=self.director, group_class=False)
        data = wiz.report_data()
        self.assertEqual(list(self.by_label(data['rows'])), [('Test school A',)])
        self.assertEqual(self.counts(data['total']), (6, 1, 1, 0, 0, 6))
        self.assertEqual(data['companies'], ['Test school A'])
        with self.assertRaisesRegex(UserError, 'may see'):
            self.wizard(user=self.director, company_ids=[(6, 0, self.school_b.ids)]).action_print()

    def test_user_without_contingent_rights_refused(self):
        cashier = self.make_user('rep_cashier', ['kz_edu_base.group_canteen_cashier'], self.school_a)
        with self.assertRaises(AccessError):
            self.wizard(user=cashier).report_data()
