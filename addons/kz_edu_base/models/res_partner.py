from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import iin as iin_rules
from .kz_iin_mixin import iin_error_message

# Who reads a person's IIN and birth date: the class teacher (the record rules on res.partner show a teacher only the
# students and parents of their classes; the deputy director and the director imply the class teacher), the HR
# officer (the staff: students and parents are hidden from HR) and the district department. The bookkeepers and the
# cashier never need them (issue #12.6).
PERSONAL_DATA_GROUPS = ('kz_edu_base.group_class_teacher,kz_edu_base.group_hr_officer,'
                        'kz_edu_base.group_district,base.group_system')


class ResPartner(models.Model):
    """A person carries an IIN; an organisation (is_company) carries a BIN."""
    _name = 'res.partner'
    _inherit = ['res.partner', 'kz.iin.mixin']

    # personal data (SEC-01, minimal exposure): a cashier or a teacher without a class sees no IIN
    kz_iin = fields.Char(groups=PERSONAL_DATA_GROUPS)
    kz_iin_birth_date = fields.Date(groups=PERSONAL_DATA_GROUPS)
    kz_iin_sex = fields.Selection(groups=PERSONAL_DATA_GROUPS)
    kz_bin = fields.Char(string='BIN', size=12, index=True, copy=False,
                         help='Business identification number of an organisation: 12 digits.')
    kz_patronymic = fields.Char(string='Patronymic')

    _sql_constraints = [
        ('kz_iin_unique', 'unique(kz_iin)', 'This IIN is already registered for another person.'),
    ]

    @api.constrains('kz_bin')
    def _check_kz_bin(self):
        for partner in self.filtered('kz_bin'):
            try:
                iin_rules.parse_bin(partner.kz_bin)
            except ValueError as exc:
                raise ValidationError(_('Invalid BIN %s: %s') % (partner.kz_bin, iin_error_message(str(exc))))

    @api.constrains('kz_iin', 'is_company')
    def _check_kz_iin_person(self):
        for partner in self.filtered(lambda p: p.kz_iin and p.is_company):
            raise ValidationError(_('%s is an organisation: it has a BIN, not an IIN.') % partner.name)
