# -*- coding: utf-8 -*-
"""Quarter and year marks (LMS-08, LMS-12), computed by ``assessment_rules`` from the journal: the formative marks of
the quarter's lessons (and the marks of checked homework), the СОр and СОч results. The computation is set-based:
three grouped SELECTs for a school's quarter (about 200 000 journal rows), the rule in Python for each pupil and
subject, one INSERT … ON CONFLICT for the marks. A confirmed mark is never recomputed; the deputy director reopens it
with a reason."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.bulk_sql import insert_rows

from .. import assessment_rules

REASONS = [('no_marks_in_grade', 'Grade without marks'), ('no_data', 'Nothing to attest')]


class KzEduPeriodMark(models.Model):
    _name = 'kz.edu.period.mark'
    _description = 'Quarter or year mark'
    _order = 'academic_year_id desc, period_key, class_id, subject_id, student_id'

    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True, readonly=True)
    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year', required=True, index=True,
                                       readonly=True)
    kind = fields.Selection([('quarter', 'Quarter'), ('year', 'Year')], required=True, readonly=True)
    period_id = fields.Many2one('kz.edu.academic.period', string='Quarter', index=True, readonly=True)
    period_key = fields.Integer(required=True, readonly=True, help='The quarter\'s id, 0 for the year mark.')
    class_id = fields.Many2one('kz.edu.class', string='Class', required=True, index=True, readonly=True)
    subject_id = fields.Many2one('kz.edu.subject', string='Subject', required=True, index=True, readonly=True)
    student_id = fields.Many2one('kz.edu.student', string='Pupil', required=True, index=True, readonly=True)
    load_id = fields.Many2one('kz.edu.teaching.load', string='Teaching load', index=True, readonly=True,
                              help='The load row of the pupil\'s class, subject and group: its teacher sets the mark.')
    formative_pct = fields.Float(string='ФО %', digits=(5, 1), readonly=True)
    sor_pct = fields.Float(string='СОр %', digits=(5, 1), readonly=True)
    soch_pct = fields.Float(string='СОч %', digits=(5, 1), readonly=True)
    percent = fields.Float(string='Total %', digits=(5, 1), readonly=True)
    mark = fields.Integer(readonly=True)
    reason = fields.Selection(REASONS, string='No mark because', readonly=True)
    unconfirmed = fields.Char(string='Unconfirmed rules', readonly=True,
                              help='Codes of the UNCONFIRMED assessment parameters the mark was computed with.')
    state = fields.Selection([('draft', 'Computed'), ('confirmed', 'Confirmed')], default='draft', required=True,
                             index=True, readonly=True)
    confirmed_by_id = fields.Many2one('res.users', readonly=True)
    confirmed_date = fields.Datetime(readonly=True)
    reopen_reason = fields.Char(readonly=True)

    _sql_constraints = [
        ('mark_unique', 'unique(student_id, subject_id, academic_year_id, kind, period_key)',
         'The pupil already has this mark.'),
    ]

    @api.multi
    def write(self, vals):
        if self.filtered(lambda m: m.state == 'confirmed') and set(vals) - {'state', 'reopen_reason',
                                                                            'confirmed_by_id', 'confirmed_date'}:
            raise UserError(_('A confirmed mark does not change: the deputy director reopens it first.'))
        return super(KzEduPeriodMark, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda m: m.state == 'confirmed'):
            raise UserError(_('A confirmed mark is never deleted.'))
        return super(KzEduPeriodMark, self).unlink()

    # ------------------------------------------------------------------------------------------ compute
    @api.model
    def kz_compute_quarter(self, company, period, class_ids=None, subject_ids=None):
        """Compute (draft) the quarter marks of ``company`` for ``period`` — all classes and subjects, or some.
        Confirmed marks are kept. Returns the number of marks written."""
        params = self.env['kz.edu.parameter'].kz_assessment_params(period.date_start, company)
        year = period.year_id
        cr = self.env.cr
        flt = {'company': company.id, 'period': period.id, 'year': year.id, 'start': period.date_start,
               'end': period.date_end, 'classes': tuple(class_ids or [0]), 'all_classes': not class_ids,
               'subjects': tuple(subject_ids or [0]), 'all_subjects': not subject_ids}
        # the pupils of each class during the quarter × the subjects of the class's load, with the pupil's load row
        # (the group of a split subject: kz.edu.group.member, else the default halves — resolved below in Python)
        # a pupil who changed class during the quarter is marked once, in the class she was in last
        cr.execute("""
            SELECT DISTINCT ON (e.student_id, l.subject_id) e.student_id, c.id, c.grade_sequence, l.subject_id
              FROM kz_edu_class c
              JOIN kz_edu_enrollment e ON e.class_id = c.id AND e.date_from <= %(end)s
                                      AND (e.date_to IS NULL OR e.date_to >= %(start)s)
              JOIN kz_edu_teaching_load l ON l.class_id = c.id
             WHERE c.company_id = %(company)s AND c.academic_year_id = %(year)s
               AND (%(all_classes)s OR c.id IN %(classes)s) AND (%(all_subjects)s OR l.subject_id IN %(subjects)s)
             ORDER BY e.student_id, l.subject_id, e.date_from DESC
        """, flt)
        cells = cr.fetchall()
        # formative marks: the lessons' marks and the checked homework marks of the quarter
        cr.execute("""
            SELECT en.student_id, l.subject_id, ARRAY_AGG(en.mark)
              FROM kz_edu_lesson_entry en JOIN kz_edu_lesson l ON l.id = en.lesson_id
             WHERE l.company_id = %(company)s AND l.period_id = %(period)s AND en.mark > 0
               AND (%(all_classes)s OR l.class_id IN %(classes)s)
               AND (%(all_subjects)s OR l.subject_id IN %(subjects)s)
             GROUP BY en.student_id, l.subject_id
            UNION ALL
            SELECT sb.student_id, l.subject_id, ARRAY_AGG(sb.mark)
              FROM kz_edu_homework_submission sb
              JOIN kz_edu_homework h ON h.id = sb.homework_id JOIN kz_edu_lesson l ON l.id = h.lesson_id
             WHERE l.company_id = %(company)s AND l.period_id = %(period)s AND sb.mark > 0 AND sb.state = 'checked'
               AND (%(all_classes)s OR l.class_id IN %(classes)s)
               AND (%(all_subjects)s OR l.subject_id IN %(subjects)s)
             GROUP BY sb.student_id, l.subject_id""", flt)
        formative = {}
        for student_id, subject_id, marks in cr.fetchall():
            formative.setdefault((student_id, subject_id), []).extend(marks)
        # summative works: (points, maximum) of each result, the absent ones left out
        cr.execute("""
            SELECT r.student_id, a.subject_id, a.kind, ARRAY_AGG(r.points), ARRAY_AGG(a.max_points)
              FROM kz_edu_assessment_result r JOIN kz_edu_assessment a ON a.id = r.assessment_id
             WHERE a.company_id = %(company)s AND a.period_id = %(period)s AND NOT COALESCE(r.absent, FALSE)
               AND (%(all_classes)s OR a.class_id IN %(classes)s)
               AND (%(all_subjects)s OR a.subject_id IN %(subjects)s)
             GROUP BY r.student_id, a.subject_id, a.kind""", flt)
        works = {}
        for student_id, subject_id, kind, points, maxima in cr.fetchall():
            works[student_id, subject_id, kind] = list(zip([str(p) for p in points], [str(m) for m in maxima]))
        loads = self._kz_pupil_loads(company, year, period, {(c[1], c[3]) for c in cells})
        unconfirmed = ','.join(params['unconfirmed'])
        rows = []
        for student_id, class_id, grade, subject_id in cells:
            try:
                res = assessment_rules.quarter_result(
                    grade, formative.get((student_id, subject_id), []), works.get((student_id, subject_id, 'sor'), []),
                    works.get((student_id, subject_id, 'soch'), []), params)
            except assessment_rules.AssessmentError as exc:
                raise UserError(self.env['kz.edu.lesson.entry']._kz_rules_message(exc))
            rows.append((company.id, year.id, 'quarter', period.id, period.id, class_id, subject_id, student_id,
                         loads.get((class_id, subject_id, student_id)),
                         _pct(res['formative']), _pct(res['sor']), _pct(res['soch']), _pct(res['percent']),
                         res['mark'], res['reason'], unconfirmed))
        return self._kz_upsert(rows)

    def _kz_pupil_loads(self, company, year, period, class_subjects):
        """{(class, subject, student): load row id}: the load row of the pupil's group (split subjects) or of the
        class (group 1). Two queries for the school (the load, the class lists), the groups of the split subjects
        through kz.edu.group.member."""
        cr = self.env.cr
        cr.execute("""SELECT id, class_id, subject_id, group_no FROM kz_edu_teaching_load
                       WHERE company_id = %s AND academic_year_id = %s ORDER BY group_no, id""", (company.id, year.id))
        by_cell = {}
        for load_id, class_id, subject_id, group_no in cr.fetchall():
            if (class_id, subject_id) in class_subjects:
                by_cell.setdefault((class_id, subject_id), []).append((load_id, group_no))
        if not by_cell:
            return {}
        cr.execute("""SELECT DISTINCT class_id, student_id FROM kz_edu_enrollment
                       WHERE class_id IN %s AND date_from <= %s AND (date_to IS NULL OR date_to >= %s)""",
                   (tuple({c for c, _s in by_cell}), period.date_end, period.date_start))
        pupils = {}
        for class_id, student_id in cr.fetchall():
            pupils.setdefault(class_id, []).append(student_id)
        Member = self.env['kz.edu.group.member'].sudo()
        out = {}
        for (class_id, subject_id), rows in by_cell.items():
            if max(g for _l, g in rows) == 1:
                for student_id in pupils.get(class_id, ()):
                    out[class_id, subject_id, student_id] = rows[0][0]
                continue
            cls = self.env['kz.edu.class'].browse(class_id)
            subject = self.env['kz.edu.subject'].browse(subject_id)
            for load_id, group_no in rows:
                for pupil in Member.kz_pupils(cls, subject, group_no, period.date_end, split=True,
                                              since=period.date_start):
                    out[class_id, subject_id, pupil.id] = load_id
        return out

    def _kz_upsert(self, rows):
        """INSERT … ON CONFLICT of computed marks; a confirmed mark is left as it is."""
        if not rows:
            return 0
        # one statement per 1 000 rows; about 14 000 marks a school quarter (ORM create: ~20 ms a row)
        now = fields.Datetime.now()
        insert_rows(self.env.cr, 'kz_edu_period_mark', (
            'company_id', 'academic_year_id', 'kind', 'period_id', 'period_key', 'class_id', 'subject_id', 'student_id',
            'load_id', 'formative_pct', 'sor_pct', 'soch_pct', 'percent', 'mark', 'reason', 'unconfirmed', 'state',
            'create_uid', 'create_date', 'write_uid', 'write_date'),
            [row + ('draft', self.env.uid, now, self.env.uid, now) for row in rows],
            on_conflict="""(student_id, subject_id, academic_year_id, kind, period_key) DO UPDATE
               SET class_id = EXCLUDED.class_id, load_id = EXCLUDED.load_id, formative_pct = EXCLUDED.formative_pct,
                   sor_pct = EXCLUDED.sor_pct, soch_pct = EXCLUDED.soch_pct, percent = EXCLUDED.percent,
                   mark = EXCLUDED.mark, reason = EXCLUDED.reason, unconfirmed = EXCLUDED.unconfirmed,
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE kz_edu_period_mark.state = 'draft'""")
        self.invalidate_cache()
        return len(rows)

    @api.model
    def kz_compute_year(self, company, year, class_ids=None):
        """Compute (draft) the year marks from the quarter marks (the rounded mean, assessment_rules.year_mark)."""
        params = self.env['kz.edu.parameter'].kz_assessment_params(year.date_end, company)
        self.env.cr.execute("""
            SELECT m.student_id, m.subject_id, (ARRAY_AGG(m.class_id ORDER BY p.sequence DESC))[1],
                   (ARRAY_AGG(m.load_id ORDER BY p.sequence DESC))[1], ARRAY_AGG(m.mark),
                   BOOL_OR(m.reason = 'no_marks_in_grade')
              FROM kz_edu_period_mark m JOIN kz_edu_academic_period p ON p.id = m.period_id
             WHERE m.company_id = %s AND m.academic_year_id = %s AND m.kind = 'quarter'
               AND (%s OR m.class_id IN %s)
             GROUP BY m.student_id, m.subject_id""",
                            (company.id, year.id, not class_ids, tuple(class_ids or [0])))
        unconfirmed = ','.join(params['unconfirmed'])
        rows = []
        for student_id, subject_id, class_id, load_id, marks, no_marks in self.env.cr.fetchall():
            mark = assessment_rules.year_mark(marks, params)
            rows.append((company.id, year.id, 'year', None, 0, class_id, subject_id, student_id, load_id, None, None,
                         None, None, mark, 'no_marks_in_grade' if no_marks and not mark
                         else (None if mark else 'no_data'), unconfirmed))
        return self._kz_upsert(rows)

    @api.model
    def _kz_may_recompute(self, company):
        """The school's management recomputes the marks of the whole school (draft ones only)."""
        user = self.env.user
        return user.has_group('kz_edu_base.group_deputy_director') and company in (user.company_id | user.company_ids)

    @api.model
    def action_compute_for(self, class_id, subject_id, period_id):
        """A teacher (for the classes and subjects she teaches) or the deputy director computes a quarter's marks."""
        cls = self.env['kz.edu.class'].browse(class_id)
        period = self.env['kz.edu.academic.period'].browse(period_id)
        self._kz_check_teaches(cls, subject_id)
        return self.sudo().kz_compute_quarter(cls.company_id, period, [class_id], [subject_id])

    def _kz_check_teaches(self, cls, subject_id):
        user = self.env.user
        if user.has_group('kz_edu_base.group_deputy_director') and cls.company_id in (
                user.company_id | user.company_ids):
            return True
        if self.env['kz.edu.teaching.load'].sudo().search_count([
                ('class_id', '=', cls.id), ('subject_id', '=', subject_id), ('employee_id.user_id', '=', user.id)]):
            return True
        raise AccessError(_('Only the teacher of %s in this subject or the deputy director sets its quarter marks.')
                          % cls.name)

    @api.multi
    def action_confirm(self):
        for key in {(m.class_id, m.subject_id.id) for m in self}:
            self._kz_check_teaches(*key)
        self.sudo().filtered(lambda m: m.state == 'draft').write({
            'state': 'confirmed', 'confirmed_by_id': self.env.uid, 'confirmed_date': fields.Datetime.now()})
        return True

    @api.multi
    def action_reopen(self, reason=None):
        if not self.env.user.has_group('kz_edu_base.group_deputy_director'):
            raise AccessError(_('Only the director or a deputy director reopens a confirmed mark.'))
        if not (reason or '').strip():
            raise UserError(_('Give the reason for reopening the marks (it is kept on them).'))
        self.check_access_rule('write')
        self.sudo().write({'state': 'draft', 'reopen_reason': reason.strip()[:250], 'confirmed_by_id': False,
                           'confirmed_date': False})
        return True


def _pct(value):
    return float(value) if value is not None else None

