from odoo import api, fields, models


class KzEduTerritory(models.Model):
    """Administrative-territorial unit (SEC-05): republic-level city, region (облыс), district or city."""
    _name = 'kz.edu.territory'
    _description = 'Administrative-territorial unit'
    _parent_store = True
    _order = 'parent_left'

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection([
        ('region', 'Region'),
        ('city_rep', 'City of republican significance'),
        ('district', 'District'),
        ('city', 'City'),
        ('rural_district', 'Rural district'),
    ], required=True, default='district')
    kato_code = fields.Char(string='KATO code', size=9,
                            help='Code of the classifier of administrative-territorial objects (КАТО), 9 digits.')
    parent_id = fields.Many2one('kz.edu.territory', string='Part of', index=True, ondelete='restrict')
    child_ids = fields.One2many('kz.edu.territory', 'parent_id', string='Parts')
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ('kato_code_unique', 'unique(kato_code)', 'The KATO code must be unique.'),
    ]

    @api.multi
    def name_get(self):
        res = []
        for rec in self:
            names, node = [], rec
            while node:
                names.append(node.name)
                node = node.parent_id
            res.append((rec.id, ' / '.join(reversed(names))))
        return res
