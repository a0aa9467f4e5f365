from odoo import _, api, fields, models
from odoo.exceptions import UserError


class KzEduPromotionWizard(models.TransientModel):
    """Year-end promotion: one draft order per class, each listing its students and their target class in the
    next academic year (created when missing: same letter, language, shift). The deputy director reviews each
    order, removes a student who repeats the year, and confirms it. Final-grade classes get graduation orders."""
    _name = 'kz.edu.promotion.wizard'
    _description = 'Promotion to the next grade'

    academic_year_id = fields.Many2one('kz.edu.academic.year', string='Academic year ending', required=True)
    company_id = fields.Many2one('res.company', required=True, default=lambda self: self.env.user.company_id)
    class_ids = fields.Many2many('kz.edu.class', string='Classes',
                                 help='Leave empty for all classes of the organisation in that year.')
    date = fields.Date(string='Order date', required=True, default=fields.Date.context_today)

    @api.multi
    def action_prepare(self):
        self.ensure_one()
        classes = self.class_ids or self.env['kz.edu.class'].search([
            ('company_id', '=', self.company_id.id), ('academic_year_id', '=', self.academic_year_id.id),
            ('kind', '=', 'class')])
        orders = self.env['kz.edu.movement.order'].prepare_promotion(classes, self.date)
        if not orders:
            raise UserError(_('No class to promote: every class of this year already has a promotion order.'))
        return {'type': 'ir.actions.act_window', 'name': _('Promotion orders'), 'res_model': 'kz.edu.movement.order',
                'view_mode': 'tree,form', 'domain': [('id', 'in', orders.ids)]}
