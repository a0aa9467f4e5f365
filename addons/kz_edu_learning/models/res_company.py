# -*- coding: utf-8 -*-
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = 'res.company'

    kz_low_mark_threshold = fields.Integer(
        string='Notify parents of a formative mark below', default=4,
        help='A formative mark (1-10) below this number is sent to the parents who want notifications and gave the '
             'consent; 0 switches these notifications off.')
    kz_notify_absence = fields.Boolean(string='Notify parents of an absence from a lesson', default=True)

    @api.constrains('kz_low_mark_threshold')
    def _check_kz_low_mark_threshold(self):
        for company in self:
            if not 0 <= company.kz_low_mark_threshold <= 10:
                raise ValidationError(_('The mark threshold of the notifications lies between 0 (off) and 10.'))
