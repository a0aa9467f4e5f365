from odoo import _, api, models
from odoo.exceptions import UserError


class KzEduStudent(models.Model):
    """Printed barcode ID cards (HSC-01) for schools without RFID readers: issued in bulk from the student list,
    then printed on A4 sheets (report kz_edu_student_card_report)."""
    _inherit = 'kz.edu.student'

    @api.multi
    def _issue_barcode_cards(self):
        """Issue a barcode card to each enrolled student of `self` without an active card; returns the new cards.
        The printed number is kz.edu.card.barcode_uid(student). A student whose earlier card was blocked (lost,
        damaged) gets the next free number (suffix R1, R2 ...: the old number stays blocked for ever) and the blocked
        card is marked as replaced by the new one, so the history reads lost -> replaced -> new card."""
        Card = self.env['kz.edu.card']
        new_cards = Card.browse()
        # a fresh search, not active_card_id: that computed field has no dependencies and may be stale in cache
        has_card = Card.search([('student_id', 'in', self.ids), ('state', '=', 'active')]).mapped('student_id')
        for student in self.filtered(lambda s: s.state == 'enrolled') - has_card:
            uid = base = Card.barcode_uid(student)
            # sudo: a UID is unique across all schools, whoever holds it (counts only, nothing is read)
            n = 0
            while Card.sudo().search_count([('uid', '=', Card.normalize_uid(uid))]):
                n += 1
                uid = '%sR%d' % (base, n)
            blocked = Card.search([('student_id', '=', student.id), ('state', '=', 'blocked')],
                                  order='block_date desc, id desc', limit=1)
            if blocked:
                new_cards |= blocked.action_replace(uid, kind='barcode')
            else:
                new_cards |= Card.create({'uid': uid, 'kind': 'barcode', 'student_id': student.id})
        # active_card_id is computed without dependencies (a search): forget the value read above
        self.invalidate_cache(['active_card_id'], self.ids)
        return new_cards

    @api.multi
    def action_issue_barcode_card(self):
        """Button / Action menu: issue the missing barcode cards, then print the cards of the selected students
        that have a barcode card."""
        if not self.filtered(lambda s: s.state == 'enrolled'):
            raise UserError(_('Cards are issued to enrolled students only.'))
        self._issue_barcode_cards()
        to_print = self.filtered(lambda s: s.active_card_id.kind == 'barcode')
        if not to_print:
            raise UserError(_('The selected students already have active RFID cards: nothing to print.'))
        return self.env.ref('kz_edu_contingent.kz_edu_student_card_report').report_action(to_print, config=False)
