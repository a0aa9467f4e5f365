# -*- coding: utf-8 -*-
"""Post meal costs: the bookkeeper picks the school and the month, sees the amounts per funding source and posts."""

from odoo import _, api, fields, models

from odoo.addons.kz_canteen import meal_report


def _previous_month(self):
    today = self.env['kz.canteen.pos']._kz_local_date(self.env.user.company_id)
    return fields.Date.to_string(meal_report.previous_month(today))


class KzCanteenPostWizard(models.TransientModel):
    _name = 'kz.canteen.post.wizard'
    _description = 'Post meal costs to the ledger'

    company_id = fields.Many2one('res.company', string='School', required=True,
                                 default=lambda self: self.env.user.company_id)
    month = fields.Date(required=True, default=_previous_month,
                        help='Any day of the month to post; the month must be finished.')
    supplier_id = fields.Many2one('res.partner', string='Supplier', domain=[('supplier', '=', True)],
                                  help='The canteen operator the budget owes for the meals (on the payable item).')
    mode = fields.Selection([('catering', 'Caterer under contract'), ('cooks', 'Cooks on the school staff')],
                            string='Meals served by', required=True,
                            default=lambda self: self.env.user.company_id.kz_canteen_meals_mode or 'catering',
                            help='Catering: the meals are a service (ЕБК 159, entry 234); cooks: the school buys the '
                                 'food and uses it (ЕБК 141, entries 121 and 135). Order No. 151, specific 141.')
    summary = fields.Text(compute='_compute_summary', string='To post')

    @api.depends('company_id', 'month')
    def _compute_summary(self):
        Posting = self.env['kz.canteen.meal.posting']
        for w in self:
            if not (w.company_id and w.month):
                w.summary = False
                continue
            start, end = meal_report.month_bounds(w.month)
            amounts = Posting.kz_month_amounts(w.company_id, start, end)
            if not amounts:
                w.summary = _('No free or subsidised meals in %s.') % start.strftime('%m.%Y')
                continue
            w.summary = '\n'.join(Posting.kz_summary_line(code, item) for code, item in sorted(amounts.items()))

    @api.multi
    def action_post(self):
        self.ensure_one()
        posting = self.env['kz.canteen.meal.posting'].kz_post_month(self.company_id, self.month, self.supplier_id,
                                                                    self.mode)
        return {
            'type': 'ir.actions.act_window', 'name': _('Meal costs posted'), 'res_model': 'kz.canteen.meal.posting',
            'view_mode': 'form', 'res_id': posting.id, 'target': 'current',
        }
