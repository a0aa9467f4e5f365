"""Homework and the portal (LMS-11, SEC-06, LMS-01): the teacher sets homework with a file, the pupil submits her
answer with a file on the portal, the teacher checks and marks it; the parent's and the student's journal pages show
the marks, the attendance per lesson, the homework and the timetable — of their own child only."""
import base64
import datetime
import io

from werkzeug.datastructures import FileStorage

from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_learning.controllers.portal import LearningFamily

from .common import LearningCase


def upload(name, data):
    return FileStorage(stream=io.BytesIO(data), filename=name)


class TestPortal(LearningCase):

    @classmethod
    def setUpClass(cls):
        super(TestPortal, cls).setUpClass()
        cls.save_as = cls.u_math
        lesson = cls.lesson_math.sudo(cls.u_math.id)
        lesson.kz_grid_save({'entries': [{'student_id': cls.kid.id, 'attendance': 'absent', 'reason': 'ill'},
                                         {'student_id': cls.kids[1].id, 'mark': 9}],
                             'topic': 'Бөлшектер', 'homework': 'Есептер № 5-8'})
        cls.homework = cls.lesson_math.homework_ids
        att = cls.env['ir.attachment'].sudo(cls.u_math.id).create({
            'name': 'tasks.pdf', 'datas_fname': 'tasks.pdf', 'datas': base64.b64encode(b'%PDF-1.4 tasks'),
            'res_model': 'kz.edu.homework', 'res_id': cls.homework.id})
        cls.homework.sudo(cls.u_math.id).write({'attachment_ids': [(4, att.id)]})
        cls.wed = cls.env['kz.edu.lesson'].search([('load_id', '=', cls.load_math_a.id),
                                                   ('date', '=', '2026-11-11')])
        cls.wed.sudo(cls.u_math.id).kz_grid_save({'entries': [{'student_id': cls.kid.id, 'mark': 8}]})

    def family(self, user, child=None):
        fam = LearningFamily(self.env(user=user.id), child or self.kid)
        fam.today = datetime.date(2026, 11, 12)        # the fixture's week, whatever the day the tests run
        return fam

    # ------------------------------------------------------------------------------------------ homework
    def test_student_submits_homework_with_a_file_the_teacher_marks_it_LMS11(self):
        fam = self.family(self.u_student)
        code = fam.submit(self.homework.id, 'Шығардым', [upload('answer.jpg', b'\xff\xd8 a photo of a notebook')])
        self.assertEqual(code, 'homework_submitted')
        sub = self.env['kz.edu.homework.submission'].search([('homework_id', '=', self.homework.id)])
        self.assertEqual((sub.student_id, sub.text, sub.state), (self.kid, 'Шығардым', 'submitted'))
        self.assertEqual(sub.attachment_ids.mapped('name'), ['answer.jpg'])
        # the teacher reads the file and marks the answer; the pupil then cannot change it
        self.assertEqual(base64.b64decode(sub.attachment_ids.sudo(self.u_math.id).datas),
                         b'\xff\xd8 a photo of a notebook')
        sub.sudo(self.u_math.id).action_check(mark=9, comment='Жақсы')
        self.assertEqual((sub.state, sub.mark), ('checked', 9))
        self.assertEqual(fam.submit(self.homework.id, 'Қайта', []), 'homework_checked')
        with self.assertRaises(UserError):
            sub.sudo(self.u_student.id).write({'text': 'Өзгерттім'})
        with self.assertRaises(AccessError):
            sub.sudo(self.u_student.id).write({'mark': 10})
        # the pupil reads the teacher's file
        self.assertEqual(base64.b64decode(self.homework.attachment_ids.sudo(self.u_student.id).datas),
                         b'%PDF-1.4 tasks')

    def test_homework_refuses_bad_submissions_and_other_pupils(self):
        fam = self.family(self.u_student)
        self.assertEqual(fam.submit(self.homework.id, '  ', []), 'homework_empty')
        self.assertEqual(fam.submit(self.homework.id, 'x', [upload('f%d.jpg' % n, b'x') for n in range(6)]),
                         'homework_too_many')
        self.assertEqual(fam.submit(999999999, 'x', []), 'homework_missing')
        with self.assertRaises(AccessError):
            self.env['kz.edu.homework.submission'].sudo(self.u_student.id).create({
                'homework_id': self.homework.id, 'student_id': self.kids[1].id, 'text': 'for her'})
        with self.assertRaises(AccessError):
            self.env['kz.edu.homework.submission'].sudo(self.u_parent.id).create({
                'homework_id': self.homework.id, 'student_id': self.kid.id, 'text': 'mother did it'})

    def test_only_the_lessons_teacher_sets_and_checks_homework(self):
        with self.assertRaises(AccessError):
            self.homework.sudo(self.u_eng1.id).write({'description': 'x'})
        with self.assertRaises(AccessError):
            self.env['kz.edu.homework'].sudo(self.u_eng1.id).create({
                'lesson_id': self.lesson_math.id, 'name': 'x', 'due_date': '2026-11-12'})
        with self.assertRaises(Exception):
            self.env['kz.edu.homework'].sudo(self.u_math.id).create({
                'lesson_id': self.lesson_math.id, 'name': 'x', 'due_date': '2026-11-01'})      # before the lesson

    # ------------------------------------------------------------------------------------------ the pages
    def test_parent_page_shows_marks_attendance_homework_and_timetable_SEC06(self):
        values = self.family(self.u_parent).page_values(period_id=self.q2.id)
        self.assertEqual(values['period'], self.q2)
        maths = [s for s in values['subjects'] if s['subject'] == self.math]
        self.assertEqual([m for _d, m in maths[0]['marks']], [8])
        self.assertEqual([(a['date'].isoformat(), a['attendance'], a['subject']) for a in values['attendance']],
                         [('2026-11-09', 'absent', self.math.name)])
        self.assertEqual(values['homework'][0]['homework'], self.homework)
        days = dict(values['timetable']['days'])
        cells = {(p, d): c for row in values['timetable']['rows'] for d, c in row['cells'].items()
                 for p in [row['period']]}
        self.assertIn(self.math.name, cells[1, 0][0])                 # Monday 1st: maths
        self.assertEqual(len(cells[2, 0]), 1)                         # Monday 2nd: her English group only
        self.assertIn(0, days)

    def test_a_parent_cannot_open_another_childs_journal_SEC06(self):
        with self.assertRaises(AccessError):
            self.family(self.u_parent, self.kids[1]).page_values(period_id=self.q2.id)

    def test_parent_summary_counts_absences(self):
        summary = self.family(self.u_parent).summary()
        self.assertEqual((summary['period'], summary['absences']), (self.q2, 1))
        self.assertEqual(summary['marks'], [])                 # no quarter mark computed yet
        values = self.family(self.u_parent).page_values(period_id=self.q2.id)
        self.assertEqual(len([a for a in values['attendance'] if a['attendance'] == 'absent']), 1)


class TestPortalHttp(LearningCase):
    """The journal pages over HTTP (in-process WSGI, kz_edu_base's InProcessClient): the pupil's own page and her
    mother's page of her, in Kazakh; nobody else's (SEC-06, LMS-01)."""

    @classmethod
    def setUpClass(cls):
        super(TestPortalHttp, cls).setUpClass()
        wed = cls.env['kz.edu.lesson'].search([('load_id', '=', cls.load_math_a.id), ('date', '=', '2026-11-11')])
        wed.sudo(cls.u_math.id).kz_grid_save({'entries': [{'student_id': cls.kid.id, 'mark': 8},
                                                          {'student_id': cls.kids[1].id, 'mark': 3}]})
        for user, password in ((cls.u_student, 'Student-pw-1'), (cls.u_parent, 'Parent-pw-1')):
            user.write({'password': password, 'lang': 'kk_KZ'})

    def client(self, user, password):
        from odoo.addons.kz_edu_base.tests.http_client import InProcessClient
        return InProcessClient(self, user.login, password)

    def marks_on(self, html):
        import re
        return re.findall(r'class="o_kz_mark"[^>]*>([^<]*)<', html)

    def test_student_opens_her_own_journal_page_LMS01(self):
        web = self.client(self.u_student, 'Student-pw-1')
        response = web.get('/my/learning?period=%d' % self.q2.id)
        self.assertEqual(response.status_code, 200, response.headers.get('Location'))
        html = response.get_data(as_text=True)
        self.assertIn(self.kid.name, html)
        self.assertIn(self.load_math_a.subject_id.with_context(lang='kk_KZ').name, html)
        self.assertEqual(self.marks_on(html), ['8'])            # her mark; the classmate's 3 is not on her page
        # a child's page through the parents' route is not hers to open
        self.assertEqual(web.get('/my/children/%d/learning' % self.kid.id).status_code, 404)

    def test_mother_opens_her_childs_page_but_not_a_student_page_SEC06(self):
        web = self.client(self.u_parent, 'Parent-pw-1')
        response = web.get('/my/children/%d/learning?period=%d' % (self.kid.id, self.q2.id))
        self.assertEqual(response.status_code, 200, response.headers.get('Location'))
        self.assertEqual(self.marks_on(response.get_data(as_text=True)), ['8'])
        self.assertEqual(web.get('/my/learning').status_code, 404)                  # she is not a pupil
        self.assertEqual(web.get('/my/children/%d/learning' % self.kids[1].id).status_code, 404)
