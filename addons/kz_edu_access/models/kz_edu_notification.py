"""The entrance's notifications to parents (HSC-12): a student entered or left the school. Queued by the event
ingestion in kz_edu_base's queue (kz.edu.notification), which asks the consent rule for the batch and whose cron
sends them; the text is written at sending time in the parent's language."""
import pytz

from odoo import _, api, fields, models


class KzEduNotification(models.Model):
    _inherit = 'kz.edu.notification'

    event_id = fields.Many2one('kz.edu.access.event', readonly=True, index=True)

    @api.model
    def queue_for_events(self, event_ids):
        """One message per (student event, guardian): queued when the guardian chose a channel and the student has
        a «Notifications to parents» consent in force, otherwise kept as skipped with the reason. create_uid and
        write_uid stay empty, as on the events (a device made them): in a morning rush this is ~2 rows per
        event, and each filled user column cost a foreign-key check a row (~25 % of the statement's time)."""
        if not event_ids:
            return 0
        self.env.cr.execute("""
            SELECT id, student_id, company_id FROM kz_edu_access_event
             WHERE id = ANY(%s) AND student_id IS NOT NULL ORDER BY id""", (list(event_ids),))
        facts = [{'event_id': event_id, 'student_id': student_id, 'company_id': company_id}
                 for event_id, student_id, company_id in self.env.cr.fetchall()]
        return self.kz_enqueue_for_students(facts, by_user=False)

    def _message(self):
        """For an entry or an exit: who, in or out, date and time at the school."""
        self.ensure_one()
        if not self.event_id:
            return super(KzEduNotification, self)._message()
        event = self.event_id.sudo()
        tz = pytz.timezone(event.company_id.kz_timezone or 'Asia/Almaty')
        local = pytz.utc.localize(fields.Datetime.from_string(event.event_time)).astimezone(tz)
        when = local.strftime('%d.%m.%Y %H:%M')
        self = self.with_context(lang=self._kz_lang())
        if event.direction == 'in':
            text = _('%(student)s entered %(school)s at %(time)s.')
        else:
            text = _('%(student)s left %(school)s at %(time)s.')
        return text % {'student': event.student_id.name, 'school': event.company_id.name, 'time': when}
