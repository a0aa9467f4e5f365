# -*- coding: utf-8 -*-
"""The school journal in the parents' and students' portal (SEC-06, LMS-01, LMS-11): on a child's page a summary
(the quarter marks so far, absences this quarter, homework due), and /my/children/<id>/learning with the marks per
subject (formative marks, СОр and СОч, the quarter mark), the attendance per lesson, the homework and the weekly
timetable; /my/learning is the same page for the student herself, where she also submits her homework.

Everything is read with the portal user's own rights: the record rules of kz_edu_learning (her own children only;
the student herself) decide; nothing here uses sudo to find records (only names of teachers, which portal users may
not read, are taken with sudo). The logic lives in ``LearningFamily`` (an env and a child), which the tests drive
as the parent or the student; the routes turn its answers into pages."""
import base64
import datetime

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.kz_edu_contingent.controllers.portal import KzEduParentPortal

MAX_FILE_BYTES = 10 * 1024 * 1024      # a photo of a notebook page or a document
MAX_FILES = 5
HOMEWORK_DAYS_BACK = 30
HOMEWORK_DAYS_AHEAD = 14


class LearningFamily(object):
    """The journal as one parent (or the student) sees it for one child. ``env``: the portal user's environment;
    ``child``: a kz.edu.student she may read."""

    def __init__(self, env, child):
        self.env = env
        self.child = child.with_env(env)
        self.today = fields.Date.from_string(fields.Date.context_today(env['kz.edu.lesson']))

    # ------------------------------------------------------------------------------------------ periods
    def periods(self):
        year = self.child.class_id.academic_year_id
        return self.env['kz.edu.academic.period'].search([('year_id', '=', year.id), ('kind', '=', 'quarter')],
                                                         order='sequence') if year else \
            self.env['kz.edu.academic.period'].browse()

    def period(self, period_id=None):
        periods = self.periods()
        if period_id:
            chosen = periods.filtered(lambda p: p.id == period_id)
            if chosen:
                return chosen
        today = fields.Date.to_string(self.today)
        current = periods.filtered(lambda p: p.date_start <= today <= p.date_end)
        started = periods.filtered(lambda p: p.date_start <= today)
        return current[:1] or started[-1:] or periods[:1]

    # ------------------------------------------------------------------------------------------ marks
    def subjects(self, period):
        """Per subject of the quarter: {'subject', 'marks': [(date, mark)], 'works': [{'kind', 'name', 'points',
        'max', 'absent'}], 'quarter': period mark or None}, by subject name."""
        child = self.child
        out = {}

        def subject(s):
            return out.setdefault(s.id, {'subject': s, 'marks': [], 'works': [], 'quarter': None})
        for e in self.env['kz.edu.lesson.entry'].search([('student_id', '=', child.id), ('period_id', '=', period.id),
                                                         ('mark', '>', 0)], order='date'):
            subject(e.subject_id)['marks'].append((fields.Date.from_string(e.date), e.mark))
        for r in self.env['kz.edu.assessment.result'].search([('student_id', '=', child.id),
                                                              ('period_id', '=', period.id)]):
            work = r.assessment_id
            subject(work.subject_id)['works'].append({'kind': work.kind, 'name': work.name, 'points': r.points,
                                                      'max': work.max_points, 'absent': r.absent})
        for m in self.env['kz.edu.period.mark'].search([('student_id', '=', child.id), ('period_id', '=', period.id),
                                                        ('kind', '=', 'quarter')]):
            subject(m.subject_id)['quarter'] = m
        return sorted(out.values(), key=lambda s: (s['subject'].sequence, s['subject'].name))

    def year_marks(self):
        year = self.child.class_id.academic_year_id
        return self.env['kz.edu.period.mark'].search([('student_id', '=', self.child.id), ('kind', '=', 'year'),
                                                      ('academic_year_id', '=', year.id)])

    # ------------------------------------------------------------------------------------------ attendance
    def attendance(self, period):
        """The lessons of the quarter the child missed or was late to: [{'date', 'lesson', 'subject',
        'attendance', 'reason'}], newest first."""
        reasons = dict(self.env['kz.edu.lesson.entry']._fields['absence_reason']._description_selection(self.env))
        labels = dict(self.env['kz.edu.lesson.entry']._fields['attendance']._description_selection(self.env))
        rows = []
        for e in self.env['kz.edu.lesson.entry'].search([('student_id', '=', self.child.id),
                                                         ('period_id', '=', period.id),
                                                         ('attendance', 'in', ('absent', 'late'))],
                                                        order='date desc'):
            rows.append({'date': fields.Date.from_string(e.date), 'lesson': e.lesson_id.period_no,
                         'subject': e.subject_id.name, 'attendance': e.attendance,
                         'label': labels.get(e.attendance), 'reason': reasons.get(e.absence_reason, '')})
        return rows

    def lessons_count(self, period):
        """Lessons of the child's class in the quarter up to today (for "missed N of M")."""
        return self.env['kz.edu.lesson'].search_count([
            ('class_id', '=', self.child.class_id.id), ('period_id', '=', period.id),
            ('date', '<=', fields.Date.to_string(self.today)), ('state', '!=', 'cancelled')])

    # ------------------------------------------------------------------------------------------ homework
    def homework(self):
        """The homework of the child's class due from 30 days ago to 14 days ahead, with the child's submission:
        [{'homework', 'submission', 'subject', 'teacher'}], the next due first."""
        since = fields.Date.to_string(self.today - datetime.timedelta(days=HOMEWORK_DAYS_BACK))
        until = fields.Date.to_string(self.today + datetime.timedelta(days=HOMEWORK_DAYS_AHEAD))
        works = self.env['kz.edu.homework'].search([('class_id', '=', self.child.class_id.id),
                                                    ('due_date', '>=', since), ('date', '<=', until)],
                                                   order='due_date desc, id desc')
        mine = {s.homework_id.id: s for s in self.env['kz.edu.homework.submission'].search([
            ('student_id', '=', self.child.id), ('homework_id', 'in', works.ids)])}
        return [{'homework': h, 'submission': mine.get(h.id), 'subject': h.subject_id.name,
                 'teacher': h.sudo().teacher_id.name, 'overdue': h.due_date < fields.Date.to_string(self.today)}
                for h in works]

    def submit(self, homework_id, text, files):
        """The student submits (or changes, until it is checked) her answer: text and up to 5 files. Returns a
        message code."""
        try:
            homework = self.env['kz.edu.homework'].browse(int(homework_id)).exists()
        except (TypeError, ValueError):
            homework = None
        if not homework:
            return 'homework_missing'
        homework.check_access_rule('read')
        text = (text or '').strip()
        files = [f for f in files or [] if getattr(f, 'filename', None)]
        if not text and not files:
            return 'homework_empty'
        if len(files) > MAX_FILES:
            return 'homework_too_many'
        Submission = self.env['kz.edu.homework.submission']
        sub = Submission.search([('homework_id', '=', homework.id), ('student_id', '=', self.child.id)])
        if sub and sub.state == 'checked':
            return 'homework_checked'
        contents = []
        for f in files:
            data = f.read()
            if len(data) > MAX_FILE_BYTES:
                return 'homework_too_big'
            contents.append((f.filename, data))
        try:
            if sub:
                sub.write({'text': text or sub.text, 'state': 'submitted',
                           'submitted_at': fields.Datetime.now()})
            else:
                sub = Submission.create({'homework_id': homework.id, 'student_id': self.child.id, 'text': text})
        except (ValidationError, UserError):
            return 'homework_refused'
        if contents:
            Attachment = self.env['ir.attachment']
            ids = [Attachment.create({'name': name, 'datas_fname': name, 'datas': base64.b64encode(data),
                                      'res_model': sub._name, 'res_id': sub.id}).id for name, data in contents]
            sub.write({'attachment_ids': [(4, i) for i in ids]})
        return 'homework_submitted'

    # ------------------------------------------------------------------------------------------ timetable
    def timetable(self):
        """The child's week: {'days': [(weekday, label)], 'rows': [{'period', 'time', 'cells': {weekday: [text]}}]},
        the lessons of her group only for split subjects."""
        slots = self.env['kz.edu.timetable.slot'].search([('class_id', '=', self.child.class_id.id)])
        Member = self.env['kz.edu.group.member'].sudo()
        today = fields.Date.to_string(self.today)
        mine, cells, times = {}, {}, {}
        for slot in slots:
            if (slot.date_from and slot.date_from > today) or (slot.date_to and slot.date_to < today):
                continue
            if slot.group_no > 1 or self._split(slot):
                key = (slot.subject_id.id, slot.group_no)
                if key not in mine:
                    pupils = Member.kz_pupils(slot.class_id.sudo(), slot.subject_id, slot.group_no, today)
                    mine[key] = self.child.id in pupils.ids
                if not mine[key]:
                    continue
            room = (' (%s)' % slot.room_id.name) if slot.room_id else ''
            cells.setdefault(slot.period_no, {}).setdefault(int(slot.weekday), []).append(
                '%s%s' % (slot.subject_id.name, room))
            times[slot.period_no] = slot.time_start
        labels = dict(self.env['kz.edu.timetable.slot']._fields['weekday']._description_selection(self.env))
        days = sorted({d for row in cells.values() for d in row} | {0, 1, 2, 3, 4})
        rows = [{'period': p, 'time': '%02d:%02d' % divmod(int(round(times.get(p, 0) * 60)), 60), 'cells': cells[p]}
                for p in sorted(cells)]
        return {'days': [(d, labels.get(str(d), '')) for d in days], 'rows': rows}

    def _split(self, slot):
        self.env.cr.execute('SELECT 1 FROM kz_edu_teaching_load WHERE class_id = %s AND subject_id = %s AND '
                            'group_no > 1 LIMIT 1', (slot.class_id.id, slot.subject_id.id))
        return bool(self.env.cr.fetchone())

    # ------------------------------------------------------------------------------------------ pages
    def summary(self):
        period = self.period()
        if not period:
            return None
        subjects = self.subjects(period)
        return {'period': period, 'marks': [(s['subject'].name, s['quarter']) for s in subjects if s['quarter']],
                'absences': len([a for a in self.attendance(period) if a['attendance'] == 'absent']),
                'homework_due': len([h for h in self.homework() if not h['overdue'] and not h['submission']])}

    def page_values(self, period_id=None, msg=None):
        period = self.period(period_id)
        return {
            'family': self, 'periods': self.periods(), 'period': period,
            'subjects': self.subjects(period) if period else [],
            'year_marks': self.year_marks(),
            'attendance': self.attendance(period) if period else [],
            'lessons_count': self.lessons_count(period) if period else 0,
            'homework': self.homework(), 'timetable': self.timetable(),
            'message': self.message(msg),
        }

    def message(self, code):
        """(level, text) of a message code the page was redirected with, or None."""
        messages = {
            'homework_submitted': ('success', _('Your answer is sent to the teacher.')),
            'homework_empty': ('warning', _('Write an answer or attach a file.')),
            'homework_too_many': ('warning', _('Attach at most 5 files.')),
            'homework_too_big': ('warning', _('A file is larger than 10 MB.')),
            'homework_checked': ('info', _('The teacher has already checked this homework.')),
            'homework_missing': ('warning', _('This homework does not exist any more.')),
            'homework_refused': ('warning', _('This homework is not for you.')),
        }
        return messages.get(code)


class KzEduLearningPortal(KzEduParentPortal):

    def _prepare_portal_layout_values(self):
        values = super(KzEduLearningPortal, self)._prepare_portal_layout_values()
        values['kz_learning_self'] = self._kz_own_student()
        return values

    def _kz_child_values(self, child):
        values = super(KzEduLearningPortal, self)._kz_child_values(child)
        try:
            values['kz_learning'] = LearningFamily(request.env, child).summary()
        except AccessError:
            values['kz_learning'] = None
        return values

    def _kz_learning_page(self, child, period_id, msg, url, is_student):
        values = self._prepare_portal_layout_values()
        values.update(LearningFamily(request.env, child).page_values(period_id=period_id, msg=msg))
        values.update({'child': child, 'page_name': 'kz_child_learning', 'kz_url': url, 'kz_is_student': is_student})
        return request.render('kz_edu_learning.portal_learning', values)

    @http.route(['/my/children/<int:student_id>/learning'], type='http', auth='user', website=True)
    def portal_my_child_learning(self, student_id, period=None, msg=None, **kw):
        try:
            child = self._kz_children(student_id)
            if not child:
                raise MissingError(_('This page does not exist.'))
            child.check_access_rule('read')
        except (AccessError, MissingError):
            return request.not_found()
        return self._kz_learning_page(child, _int(period), msg, '/my/children/%d/learning' % child.id, False)

    @http.route(['/my/learning'], type='http', auth='user', website=True)
    def portal_my_learning(self, period=None, msg=None, **kw):
        student = self._kz_own_student()
        if not student:
            return request.not_found()
        return self._kz_learning_page(student, _int(period), msg, '/my/learning', True)

    @http.route(['/my/learning/homework/<int:homework_id>/submit'], type='http', auth='user', methods=['POST'],
                website=True)
    def portal_my_homework_submit(self, homework_id, text=None, **kw):
        student = self._kz_own_student()
        if not student:
            return request.not_found()
        files = request.httprequest.files.getlist('files')
        try:
            code = LearningFamily(request.env, student).submit(homework_id, text, files)
        except (AccessError, MissingError):
            return request.not_found()
        return request.redirect('/my/learning?msg=%s#kz_homework' % code)


def _int(value):
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None
