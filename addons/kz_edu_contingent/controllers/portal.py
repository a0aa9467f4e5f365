"""The parent portal (SEC-06, HSC-07): "My children" on /my, the list of a parent's children and one child's page.

Everything is read with the logged-in user's own rights: the record rules of kz_edu_contingent
(kz_edu_student_rule_parent, kz_edu_card_rule_parent ...) decide what a parent sees; nothing here uses sudo to
find records. A parent who types the address of another child gets "not found", the same answer as for a child
that does not exist, so the page does not even confirm that the other child is a student.
"""
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class KzEduParentPortal(CustomerPortal):

    def _kz_children(self, student_id=None):
        """The students whose guardian is the logged-in user's person, as the record rules let the user see them.
        The guardian domain adds nothing for a plain parent (the rule says the same), but keeps the list to her own
        children when she is also a teacher at the school (then the rules show her whole class as well)."""
        Student = request.env['kz.edu.student']
        if not Student.check_access_rights('read', raise_exception=False):
            return Student.browse()
        domain = [('guardian_ids.partner_id', '=', request.env.user.partner_id.id)]
        if student_id is not None:
            domain.append(('id', '=', student_id))
        try:
            return Student.search(domain)
        except AccessError:
            return Student.browse()

    def _kz_own_student(self):
        """The student record of the logged-in student (portal group «student»: the rule lets them read themself
        only), or an empty recordset."""
        Student = request.env['kz.edu.student']
        if not request.env.user.has_group('kz_edu_base.group_student') or \
                not Student.check_access_rights('read', raise_exception=False):
            return Student.browse()
        try:
            return Student.search([('partner_id', '=', request.env.user.partner_id.id)], limit=1)
        except AccessError:
            return Student.browse()

    def _prepare_portal_layout_values(self):
        values = super(KzEduParentPortal, self)._prepare_portal_layout_values()
        values['kz_children_count'] = len(self._kz_children())
        values['kz_own_student'] = self._kz_own_student()
        return values

    @http.route(['/my/school'], type='http', auth='user', website=True)
    def portal_my_school(self, **kw):
        """A student's own page (issue #13.11: the student's portal was empty): class, class teacher, school,
        academic year and the consents given for them — read with the student's rights."""
        student = self._kz_own_student()
        if not student:
            return request.not_found()
        values = self._prepare_portal_layout_values()
        teacher = student.class_id.sudo().class_teacher_id
        values.update({
            'student': student, 'class_teacher_name': teacher.name or False,
            'consents': request.env['kz.edu.consent'].search([('partner_id', '=', student.partner_id.id)]),
            'page_name': 'kz_school',
        })
        return request.render('kz_edu_contingent.portal_my_school', values)

    @http.route(['/my/children'], type='http', auth='user', website=True)
    def portal_my_children(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({
            'children': self._kz_children(),
            'page_name': 'kz_children',
        })
        return request.render('kz_edu_contingent.portal_my_children', values)

    @http.route(['/my/children/<int:student_id>'], type='http', auth='user', website=True)
    def portal_my_child(self, student_id, **kw):
        try:
            child = self._kz_children(student_id)
            if not child:
                raise MissingError('not found')
            child.check_access_rule('read')
            values = self._prepare_portal_layout_values()
            values.update(self._kz_child_values(child))
        except (AccessError, MissingError):
            return request.not_found()
        return request.render('kz_edu_contingent.portal_my_child', values)

    def _kz_child_values(self, child):
        """What the child's page shows; other addons extend it (attendance, meals) by overriding this method and
        inheriting the template at div#kz_child_attendance / div#kz_child_meals."""
        partner = request.env.user.partner_id
        # The class teacher is an hr.employee, which portal users cannot read: the child's class was read above
        # with the parent's rights, only the teacher's name is taken with sudo (no contacts: minimal exposure).
        teacher = child.class_id.sudo().class_teacher_id
        consents = request.env['kz.edu.consent'].search([('partner_id', '=', child.partner_id.id),
                                                         ('given_by_id', '=', partner.id)])
        return {
            'child': child,
            'class_teacher_name': teacher.name or False,
            'cards': child.card_ids,
            'consents': consents,
            'page_name': 'kz_child',
        }
