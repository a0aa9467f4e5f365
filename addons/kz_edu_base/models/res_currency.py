from odoo import api, models

from .. import amount_words


class ResCurrency(models.Model):
    _inherit = 'res.currency'

    @api.multi
    def amount_to_text(self, amount):
        """Kazakh and Russian amounts in words, as on Kazakh documents; other languages: Odoo's own.
        Odoo passes lang.iso_code to num2words, which gives English for 'kk' (num2words calls it 'kz')."""
        self.ensure_one()
        lang = self.env.context.get('lang') or self.env.user.lang or 'en_US'
        if lang.split('_')[0] in ('kk', 'ru'):
            return amount_words.amount_in_words(amount, lang=lang, currency=self.name)
        return super(ResCurrency, self).amount_to_text(amount)

    @api.multi
    def kz_amount_in_words(self, amount, lang):
        """Explicit-language variant for documents printed in both languages at once."""
        self.ensure_one()
        return amount_words.amount_in_words(amount, lang=lang, currency=self.name)
