from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class KzEduEnrollment(models.Model):
    """One stay of a student in one class, from a date to a date: the student's class history.
    Written only by movement orders; never deleted."""
    _name = 'kz.edu.enrollment'
    _description = 'Class history'
    _order = 'student_id, date_from'

    student_id = fields.Many2one('kz.edu.student', required=True, ondelete='restrict', index=True)
    class_id = fields.Many2one('kz.edu.class', required=True, ondelete='restrict', index=True)
    date_from = fields.Date(required=True, index=True)
    date_to = fields.Date(index=True, help='Last day in this class; empty while the student is in it.')
    order_line_id = fields.Many2one('kz.edu.movement.line', string='Opened by', ondelete='restrict')
    close_line_id = fields.Many2one('kz.edu.movement.line', string='Closed by', ondelete='restrict')
    company_id = fields.Many2one('res.company', readonly=True, index=True,
                                 help='Set from the class at creation (a stored related field would be recomputed '
                                      'after the record rules are checked).')

    @api.model
    def create(self, vals):
        if vals.get('class_id') and not vals.get('company_id'):
            vals = dict(vals, company_id=self.env['kz.edu.class'].browse(vals['class_id']).company_id.id)
        return super(KzEduEnrollment, self).create(vals)

    @api.constrains('student_id', 'date_from', 'date_to')
    def _check_no_overlap(self):
        """A student is in one class at a time (targeted query, not a scan of the table)."""
        for e in self.sudo():  # integrity check: sees every stay, whatever the user may read
            if e.date_to and e.date_to < e.date_from:
                raise ValidationError(_('A stay in a class cannot end before it starts.'))
            self.env.cr.execute("""
                SELECT 1 FROM kz_edu_enrollment
                 WHERE student_id = %s AND id != %s
                   AND date_from <= COALESCE(%s, 'infinity'::date)
                   AND COALESCE(date_to, 'infinity'::date) >= %s
                 LIMIT 1""", (e.student_id.id, e.id, e.date_to or None, e.date_from))
            if self.env.cr.fetchone():
                raise ValidationError(_('%s would be in two classes at once.') % e.student_id.name)
