# -*- coding: utf-8 -*-
"""Which pupils are in which group of a split subject (foreign language, informatics ...). Without a row a class is
split in the order of its list: the first half in group 1, the rest in group 2 (as the class register usually
does); the deputy director or the class teacher moves a pupil by adding a row."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KzEduGroupMember(models.Model):
    _name = 'kz.edu.group.member'
    _description = 'Pupil in a group of a split subject'
    _order = 'class_id, subject_id, group_no, student_id'

    company_id = fields.Many2one('res.company', related='class_id.company_id', store=True, readonly=True,
                                 index=True)
    class_id = fields.Many2one('kz.edu.class', string='Class', required=True, index=True, ondelete='cascade')
    subject_id = fields.Many2one('kz.edu.subject', string='Subject', required=True, ondelete='cascade')
    student_id = fields.Many2one('kz.edu.student', string='Pupil', required=True, index=True, ondelete='cascade')
    group_no = fields.Integer(string='Group', required=True, default=1)

    _sql_constraints = [
        ('member_unique', 'unique(class_id, subject_id, student_id)', 'The pupil is already in a group of this '
                                                                      'subject.'),
        ('group_positive', 'CHECK (group_no >= 1)', 'Groups are numbered from 1.'),
    ]

    @api.constrains('student_id', 'class_id')
    def _check_student_class(self):
        for row in self.sudo():
            if row.student_id.company_id != row.class_id.company_id:
                raise ValidationError(_('%s is not a pupil of %s.') % (row.student_id.name,
                                                                      row.class_id.company_id.name))

    @api.model
    def kz_class_pupils(self, cls, date_to, since=None):
        """The students enrolled in ``cls`` on ``date_to`` (or at any time from ``since`` to ``date_to``), by name:
        the class history decides (a pupil who left is not in later lessons). Names only: read as superuser, the
        caller has already been allowed to read the lesson or the journal page."""
        since = since or date_to
        self.env.cr.execute("""
            SELECT DISTINCT e.student_id FROM kz_edu_enrollment e
             WHERE e.class_id = %s AND e.date_from <= %s AND (e.date_to IS NULL OR e.date_to >= %s)""",
                            (cls.id, date_to, since))
        ids = [r[0] for r in self.env.cr.fetchall()]
        return self.env['kz.edu.student'].sudo().browse(ids).sorted(lambda s: (s.name or '').lower())

    @api.model
    def kz_pupils(self, cls, subject, group_no, date_to, split=True, since=None):
        """The pupils of a lesson of ``subject`` in ``cls``: the whole class, or for a split subject its group
        ``group_no`` (rows of this model first, then the default halves of the list)."""
        pupils = self.kz_class_pupils(cls, date_to, since)
        if not split:
            return pupils
        self.env.cr.execute('SELECT MAX(group_no) FROM kz_edu_teaching_load WHERE class_id = %s AND subject_id = %s',
                            (cls.id, subject.id))
        groups = max(self.env.cr.fetchone()[0] or 1, 1)
        chosen = {m.student_id.id: m.group_no for m in self.sudo().search([('class_id', '=', cls.id),
                                                                           ('subject_id', '=', subject.id)])}
        rest = [p for p in pupils if p.id not in chosen]
        size = -(-len(rest) // groups) if rest else 0
        default = {p.id: min(n // size + 1, groups) if size else 1 for n, p in enumerate(rest)}
        return pupils.filtered(lambda p: chosen.get(p.id, default.get(p.id)) == group_no)
