import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ORDER_KINDS = [
    ('admission', 'Admission'),
    ('transfer', 'Transfer to another class'),
    ('departure', 'Departure'),
    ('promotion', 'Promotion to the next grade'),
    ('graduation', 'Graduation'),
]


def _day_before(date_str):
    return fields.Date.to_string(fields.Date.from_string(date_str) - datetime.timedelta(days=1))


class KzEduMovementOrder(models.Model):
    """An order (бұйрық / приказ) on the movement of students: the only way a student's class changes.
    Confirmed orders are kept as the audit trail and cannot be edited or deleted."""
    _name = 'kz.edu.movement.order'
    _description = 'Movement order'
    _inherit = ['mail.thread']
    _order = 'date desc, id desc'

    name = fields.Char(string='Number', required=True, copy=False, default='/', track_visibility='onchange')
    date = fields.Date(required=True, default=fields.Date.context_today, track_visibility='onchange')
    kind = fields.Selection(ORDER_KINDS, required=True, track_visibility='onchange')
    reason_id = fields.Many2one('kz.edu.movement.reason', string='Reason', ondelete='restrict',
                                help='Default reason of the lines.')
    company_id = fields.Many2one('res.company', string='Organisation', required=True, index=True,
                                 default=lambda self: self.env.user.company_id)
    from_class_id = fields.Many2one('kz.edu.class', string='Class promoted', ondelete='restrict',
                                    help='For a promotion or graduation order: the class it concerns.')
    line_ids = fields.One2many('kz.edu.movement.line', 'order_id', string='Students', copy=True)
    state = fields.Selection([('draft', 'Draft'), ('done', 'Confirmed'), ('cancel', 'Cancelled')], default='draft',
                             required=True, readonly=True, track_visibility='onchange')
    note = fields.Text()
    confirmed_by_id = fields.Many2one('res.users', readonly=True, copy=False)
    line_count = fields.Integer(compute='_compute_line_count')

    @api.depends('line_ids')
    def _compute_line_count(self):
        for o in self:
            o.line_count = len(o.line_ids)

    @api.multi
    def write(self, vals):
        if self.filtered(lambda o: o.state == 'done') and set(vals) - {'note', 'message_follower_ids'}:
            raise UserError(_('A confirmed order cannot be changed: issue a new order instead.'))
        return super(KzEduMovementOrder, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda o: o.state == 'done'):
            raise UserError(_('A confirmed order is never deleted.'))
        return super(KzEduMovementOrder, self).unlink()

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda o: o.state == 'done'):
            raise UserError(_('A confirmed order cannot be cancelled: issue a new order instead.'))
        self.write({'state': 'cancel'})

    @api.multi
    def action_confirm(self):
        # only who may write orders confirms them (deputy director); checked first, before anything moves
        self.check_access_rights('write')
        self.check_access_rule('write')
        for order in self:
            if order.state != 'draft':
                raise UserError(_('Order %s is not a draft.') % order.name)
            if not order.line_ids:
                raise UserError(_('Order %s has no students.') % order.name)
            order.line_ids._check_before_confirm()
            order.line_ids.with_context(tracking_disable=True)._apply()
            vals = {'state': 'done', 'confirmed_by_id': self.env.uid}
            if order.name == '/':
                vals['name'] = self.env['ir.sequence'].with_context(
                    force_company=order.company_id.id, ir_sequence_date=order.date).next_by_code(
                    'kz.edu.movement.order') or '/'
            super(KzEduMovementOrder, order).write(vals)
        return True

    @api.multi
    def action_view_lines(self):
        self.ensure_one()
        return {'type': 'ir.actions.act_window', 'res_model': 'kz.edu.movement.line', 'view_mode': 'tree',
                'domain': [('order_id', '=', self.id)], 'name': self.name}


class KzEduMovementLine(models.Model):
    _name = 'kz.edu.movement.line'
    _description = 'Movement of one student'
    _order = 'order_id, id'

    order_id = fields.Many2one('kz.edu.movement.order', required=True, ondelete='cascade', index=True)
    kind = fields.Selection(related='order_id.kind', store=True, readonly=True)
    state = fields.Selection(related='order_id.state', store=True, readonly=True)
    date = fields.Date(related='order_id.date', store=True, readonly=True, index=True)
    company_id = fields.Many2one('res.company', readonly=True, index=True)
    student_id = fields.Many2one('kz.edu.student', required=True, ondelete='restrict', index=True)
    from_class_id = fields.Many2one('kz.edu.class', string='From class', ondelete='restrict', index=True)
    to_class_id = fields.Many2one('kz.edu.class', string='To class', ondelete='restrict', index=True)
    reason_id = fields.Many2one('kz.edu.movement.reason', string='Reason', ondelete='restrict', index=True)
    destination = fields.Char(help='For a departure: the school, city or country the student goes to.')

    @api.onchange('student_id')
    def _onchange_student_id(self):
        if self.student_id:
            self.from_class_id = self.student_id.class_id

    @api.model
    def create(self, vals):
        if vals.get('student_id') and 'from_class_id' not in vals:
            vals['from_class_id'] = self.env['kz.edu.student'].browse(vals['student_id']).class_id.id
        if vals.get('order_id'):
            order = self.env['kz.edu.movement.order'].browse(vals['order_id'])
            vals['company_id'] = order.company_id.id
            if not vals.get('reason_id'):
                vals['reason_id'] = order.reason_id.id
        return super(KzEduMovementLine, self).create(vals)

    def _check_before_confirm(self):
        """Refuse, with a message naming the student, whatever would corrupt the contingent."""
        seen = set()
        for line in self:
            st, order = line.student_id, line.order_id
            if st.id in seen:
                raise ValidationError(_('%s appears twice in order %s.') % (st.name, order.name))
            seen.add(st.id)
            if st.company_id != order.company_id:
                raise ValidationError(_('%s is a student of another organisation.') % st.name)
            if order.kind in ('admission', 'departure') and not line.reason_id:
                raise ValidationError(_('State the reason of the %s of %s.')
                                      % (dict(self._fields['kind']._description_selection(self.env))[order.kind],
                                         st.name))
            if line.reason_id and line.reason_id.kind != {'admission': 'arrival', 'departure': 'departure'}.get(
                    order.kind, line.reason_id.kind):
                raise ValidationError(_('The reason "%s" does not fit this kind of order.') % line.reason_id.name)
            if order.kind == 'admission':
                if st.state == 'enrolled':
                    raise ValidationError(_('%s is already enrolled in %s.') % (st.name, st.class_id.name))
                self._check_target(line, order.date)
            else:
                if st.state != 'enrolled':
                    raise ValidationError(_('%s is not an enrolled student.') % st.name)
                if st.admission_date and order.date <= st.admission_date:
                    raise ValidationError(_('The order for %s is dated %s, not after the admission on %s.')
                                          % (st.name, order.date, st.admission_date))
                if line.from_class_id and line.from_class_id != st.class_id:
                    raise ValidationError(_('%s is no longer in class %s.') % (st.name, line.from_class_id.name))
            if order.kind == 'transfer':
                self._check_target(line, order.date)
                if line.to_class_id == st.class_id:
                    raise ValidationError(_('%s is already in class %s.') % (st.name, st.class_id.name))
            if order.kind == 'departure' and line.reason_id.code.startswith('OUT_TRANSFER') and not line.destination:
                raise ValidationError(_('State where %s is transferred to.') % st.name)
            if order.kind == 'promotion':
                self._check_target(line, line.to_class_id.academic_year_id.date_start)
                if line.to_class_id.academic_year_id == st.class_id.academic_year_id:
                    raise ValidationError(_('%s: the promotion must lead into the next academic year.') % st.name)
                if st.enrollment_ids.filtered(lambda e: e.class_id.academic_year_id == line.to_class_id.academic_year_id):
                    raise ValidationError(_('%s has already been promoted into %s.')
                                          % (st.name, line.to_class_id.academic_year_id.name))

    @api.model
    def _check_target(self, line, date):
        target = line.to_class_id
        if not target:
            raise ValidationError(_('State the class %s goes to.') % line.student_id.name)
        if target.company_id != line.order_id.company_id:
            raise ValidationError(_('Class %s belongs to another organisation.') % target.name)
        year = target.academic_year_id
        if not (year.date_start <= date <= year.date_end):
            raise ValidationError(_('Class %s is of academic year %s, which does not contain %s.')
                                  % (target.name, year.name, date))

    def _apply(self):
        Enrollment = self.env['kz.edu.enrollment']
        for line in self:
            st, order = line.student_id, line.order_id
            current = st.enrollment_ids.filtered(lambda e: not e.date_to)
            if order.kind == 'admission':
                Enrollment.create({'student_id': st.id, 'class_id': line.to_class_id.id, 'date_from': order.date,
                                   'order_line_id': line.id})
                st.write({'state': 'enrolled', 'class_id': line.to_class_id.id, 'admission_date': order.date,
                          'leave_date': False, 'leave_reason_id': False, 'destination': False})
            elif order.kind in ('transfer', 'promotion'):
                start = order.date if order.kind == 'transfer' else line.to_class_id.academic_year_id.date_start
                current.write({'date_to': _day_before(start), 'close_line_id': line.id})
                Enrollment.create({'student_id': st.id, 'class_id': line.to_class_id.id, 'date_from': start,
                                   'order_line_id': line.id})
                st.write({'class_id': line.to_class_id.id})
            elif order.kind in ('departure', 'graduation'):
                current.write({'date_to': _day_before(order.date), 'close_line_id': line.id})
                st.write({'state': 'left' if order.kind == 'departure' else 'graduated',
                          'leave_date': order.date, 'leave_reason_id': line.reason_id.id,
                          'destination': line.destination})


class KzEduMovementOrderPromotion(models.Model):
    _inherit = 'kz.edu.movement.order'

    @api.model
    def prepare_promotion(self, classes, date):
        """Draft promotion (or graduation) orders, one per class, not for a class that already has one that is
        not cancelled: running the promotion twice creates nothing twice."""
        orders = self.browse()
        Class = self.env['kz.edu.class']
        for cls in classes:
            if self.search_count([('from_class_id', '=', cls.id), ('kind', 'in', ('promotion', 'graduation')),
                                  ('state', '!=', 'cancel')]):
                continue
            students = cls.student_ids.filtered(lambda s: s.state == 'enrolled')
            if not students:
                continue
            next_grade = cls.grade_id.next_grade_id
            if not next_grade:
                order = self.create({
                    'kind': 'graduation', 'date': date, 'company_id': cls.company_id.id, 'from_class_id': cls.id,
                    'reason_id': self.env.ref('kz_edu_contingent.reason_graduation').id,
                    'line_ids': [(0, 0, {'student_id': s.id, 'from_class_id': cls.id}) for s in students]})
            else:
                year = cls.academic_year_id.next_year()
                target = Class.search([('company_id', '=', cls.company_id.id), ('academic_year_id', '=', year.id),
                                       ('grade_id', '=', next_grade.id), ('letter', '=', cls.letter),
                                       ('kind', '=', 'class')], limit=1)
                if not target:
                    target = Class.create({
                        'company_id': cls.company_id.id, 'academic_year_id': year.id, 'grade_id': next_grade.id,
                        'letter': cls.letter, 'instruction_lang': cls.instruction_lang, 'shift': cls.shift,
                        'class_teacher_id': cls.class_teacher_id.id, 'room': cls.room, 'capacity': cls.capacity})
                order = self.create({
                    'kind': 'promotion', 'date': date, 'company_id': cls.company_id.id, 'from_class_id': cls.id,
                    'line_ids': [(0, 0, {'student_id': s.id, 'from_class_id': cls.id, 'to_class_id': target.id})
                                 for s in students]})
            orders |= order
        return orders
