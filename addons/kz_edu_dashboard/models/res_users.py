# -*- coding: utf-8 -*-
from odoo import api, models


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        if not user.action_id:
            self.env['kz.edu.dashboard']._set_home_actions(user)
        return user

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        # a new director or district user lands on their dashboard (unless a home action is set)
        if any(key == 'groups_id' or key.startswith(('in_group_', 'sel_groups_')) for key in vals):
            self.env['kz.edu.dashboard']._set_home_actions(self.filtered(lambda u: not u.action_id))
        return res
