from odoo.http import request

from odoo.addons.kz_edu_contingent.controllers.portal import KzEduParentPortal


class KzEduAccessParentPortal(KzEduParentPortal):
    """The child's page shows the last 30 days of entries and exits (HSC-12, SEC-06), read with the parent's
    own rights (record rules: only their children's days)."""

    def _kz_child_values(self, child):
        values = super(KzEduAccessParentPortal, self)._kz_child_values(child)
        values['kz_days'] = request.env['kz.edu.access.daily'].search(
            [('student_id', '=', child.id)], order='date desc', limit=30)
        return values
