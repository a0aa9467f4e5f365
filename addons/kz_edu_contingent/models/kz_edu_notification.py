# -*- coding: utf-8 -*-
"""The notification queue of kz_edu_base knows the student a message is about and finds her parents: every
capability that tells parents of a student's day (the entrance, the canteen, the journal) queues through
``kz_enqueue_for_students``."""
from collections import defaultdict

from odoo import api, fields, models


class KzEduNotification(models.Model):
    _inherit = 'kz.edu.notification'

    student_id = fields.Many2one('kz.edu.student', string='Student', readonly=True, index=True)

    @api.model
    def kz_enqueue_for_students(self, facts, purpose='notifications', unique=(), by_user=True):
        """Queue one message per (fact, guardian of its student) and return the number queued (see kz_enqueue).

        ``facts``: dicts with ``student_id``, ``company_id`` and the producer's columns (its source). Each guardian
        receives through the channel she chose (kz.edu.guardian.notify_by); the consent asked is the one about
        the student (her person). One query for the guardians of the batch, then kz_enqueue."""
        facts = list(facts)
        if not facts:
            return 0
        self.env.cr.execute("""
            SELECT g.student_id, g.partner_id, g.notify_by, s.partner_id
              FROM kz_edu_guardian g JOIN kz_edu_student s ON s.id = g.student_id
             WHERE g.student_id = ANY(%s)
             ORDER BY g.student_id, g.sequence, g.id""", (list({fact['student_id'] for fact in facts}),))
        guardians = defaultdict(list)
        for student_id, partner_id, notify_by, subject_id in self.env.cr.fetchall():
            guardians[student_id].append({'partner_id': partner_id, 'channel': notify_by,
                                          'subject_partner_id': subject_id})
        rows = [dict(fact, **guardian) for fact in facts for guardian in guardians[fact['student_id']]]
        return self.kz_enqueue(rows, purpose=purpose, unique=unique, by_user=by_user)
