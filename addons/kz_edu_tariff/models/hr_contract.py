# -*- coding: utf-8 -*-
"""A teacher's contract wage comes from the approved tariffication list: the contract records the list line that set
it, and its wage cannot be typed by hand (a change is a change order of the tariffication)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kz_edu_base.internal import is_internal


class HrContract(models.Model):
    _inherit = 'hr.contract'

    kz_tariff_line_id = fields.Many2one('kz.edu.tariff.list.line', string='Set by the tariffication line',
                                        readonly=True, copy=False, ondelete='restrict', index=True)
    kz_tariff_list_id = fields.Many2one('kz.edu.tariff.list', string='Tariffication list', readonly=True,
                                        related='kz_tariff_line_id.list_id')

    def _kz_check_tariff_vals(self, vals):
        if is_internal(self.env.context, 'kz_tariff_apply'):
            return
        if 'kz_tariff_line_id' in vals:
            raise UserError(_('A contract is linked to a tariffication list only by the approval of the list.'))
        if 'wage' in vals:
            tariffed = self.filtered('kz_tariff_line_id')
            if tariffed:
                raise UserError(_('The wage of %s is set by the tariffication list "%s"; it changes only by a '
                                  'change order of the tariffication.')
                                % (tariffed[0].name, tariffed[0].kz_tariff_list_id.display_name))

    @api.model
    def create(self, vals):
        self._kz_check_tariff_vals({k: v for k, v in vals.items() if k != 'wage'})
        return super(HrContract, self).create(vals)

    @api.multi
    def write(self, vals):
        self._kz_check_tariff_vals(vals)
        return super(HrContract, self).write(vals)
