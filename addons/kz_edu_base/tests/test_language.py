from odoo.tests.common import TransactionCase


class TestLanguage(TransactionCase):

    def test_kazakh_language_installed_with_russian_formats_SEC04(self):
        kk = self.env['res.lang'].search([('code', '=', 'kk_KZ')])
        self.assertTrue(kk.active)
        self.assertEqual(kk.iso_code, 'kk')
        self.assertEqual(kk.date_format, '%d.%m.%Y')
        self.assertEqual(kk.format('%.2f', 1234567.891, grouping=True), '1\u00a0234\u00a0567,89')

    def test_amount_in_words_kazakh_and_russian(self):
        kzt = self.env.ref('base.KZT')
        self.assertEqual(kzt.with_context(lang='kk_KZ').amount_to_text(1200.50), 'Бір мың екі жүз теңге 50 тиын')
        self.assertEqual(kzt.with_context(lang='ru_RU').amount_to_text(1200), 'Одна тысяча двести тенге 00 тиын')
        self.assertEqual(kzt.kz_amount_in_words(85000.05, 'kk'), 'Сексен бес мың теңге 05 тиын')

    def test_tenge_has_its_own_sign_after_the_amount(self):
        """Odoo 11 ships KZT with the lev's «лв»; the tenge sign is ₸, written after the amount."""
        kzt = self.env.ref('base.KZT')
        self.assertEqual((kzt.symbol, kzt.position, kzt.rounding), ('₸', 'after', 0.01))
        self.assertTrue(kzt.active)
