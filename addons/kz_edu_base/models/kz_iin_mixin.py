from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import iin as iin_rules


def iin_error_message(reason):
    """Translate the pure module's English reason (the msgids below are extracted by Odoo's exporter)."""
    messages = {
        'IIN is empty': _('The IIN is empty.'),
        'IIN must be exactly 12 digits': _('An IIN has exactly 12 digits.'),
        'IIN digit 7 (century and sex) must be 1-6': _(
            'The 7th digit of an IIN (century and sex) must be from 1 to 6.'),
        'IIN digits 1-6 are not a real birth date': _(
            'The first 6 digits of an IIN must be a real birth date (YYMMDD).'),
        'IIN birth date is in the future': _('The birth date in this IIN is in the future.'),
        'IIN check digit is wrong': _('The check digit (12th) of this IIN is wrong: a digit is mistyped.'),
        'BIN is empty': _('The BIN is empty.'),
        'BIN must be exactly 12 digits': _('A BIN has exactly 12 digits.'),
        'BIN digits 3-4 must be a registration month 01-12': _(
            'Digits 3-4 of a BIN must be the registration month (01-12).'),
        'BIN digit 5 (entity type) must be 4, 5 or 6': _('The 5th digit of a BIN (entity type) must be 4, 5 or 6.'),
        'BIN digit 6 must be 0-3': _('The 6th digit of a BIN must be from 0 to 3.'),
        'BIN check digit is wrong': _('The check digit (12th) of this BIN is wrong: a digit is mistyped.'),
    }
    return messages.get(reason, reason)


class KzIinMixin(models.AbstractModel):
    """IIN (ЖСН/ИИН) on a person: validated, unique in the database, birth date and sex derived from it."""
    _name = 'kz.iin.mixin'
    _description = 'Person identified by IIN'

    kz_iin = fields.Char(string='IIN', size=12, index=True, copy=False,
                         help='Individual identification number: 12 digits, birth date and sex are read from it.')
    kz_iin_birth_date = fields.Date(string='Birth date (from IIN)', compute='_compute_kz_iin_data', store=True)
    kz_iin_sex = fields.Selection([('M', 'Male'), ('F', 'Female')], string='Sex (from IIN)',
                                  compute='_compute_kz_iin_data', store=True)

    @api.depends('kz_iin')
    def _compute_kz_iin_data(self):
        for rec in self:
            data = None
            if rec.kz_iin:
                try:
                    data = iin_rules.parse_iin(rec.kz_iin)
                except ValueError:
                    data = None
            rec.kz_iin_birth_date = data and fields.Date.to_string(data['birth_date'])
            rec.kz_iin_sex = data and data['sex']

    @api.model
    def _kz_prepare_iin(self, vals, exclude_ids=()):
        """Normalise a typed IIN and refuse a duplicate *before* the INSERT/UPDATE, so the user gets a clear,
        translated message (the SQL unique constraint stays as the backstop for concurrent saves)."""
        if vals.get('kz_iin'):
            vals = dict(vals)
            value = ''.join(str(vals['kz_iin']).split())
            vals['kz_iin'] = value
            # sudo + inactive: a person registered in another organisation must also be found;
            # the message does not say where, so no data of another school leaks.
            dup = self.sudo().with_context(active_test=False).search_count(
                [('kz_iin', '=', value), ('id', 'not in', list(exclude_ids))])
            if dup or (len(exclude_ids) > 1):
                raise ValidationError(_('The IIN %s is already registered for another person '
                                        '(in this or another organisation).') % value)
        return vals

    @api.constrains('kz_iin')
    def _check_kz_iin(self):
        for rec in self.filtered('kz_iin'):
            try:
                iin_rules.parse_iin(rec.kz_iin)
            except ValueError as exc:
                raise ValidationError(_('Invalid IIN %s: %s') % (rec.kz_iin, iin_error_message(str(exc))))

    @api.model
    def create(self, vals):
        return super(KzIinMixin, self).create(self._kz_prepare_iin(vals))

    @api.multi
    def write(self, vals):
        return super(KzIinMixin, self).write(self._kz_prepare_iin(vals, exclude_ids=self.ids))
