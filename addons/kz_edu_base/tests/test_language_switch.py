"""The language switch of the login page and the portal (issue #13.11) goes back only to a page of this site."""
from odoo.tests.common import TransactionCase

from odoo.addons.kz_edu_base.controllers.main import _local_path


class TestLanguageSwitch(TransactionCase):

    def test_redirect_stays_on_this_site_SEC04(self):
        self.assertEqual(_local_path('/my/children/5', '/web/login'), '/my/children/5')
        for foreign in ('//evil.example/x', 'https://evil.example/', 'javascript:alert(1)', '/\\evil.example', '',
                        None):
            self.assertEqual(_local_path(foreign, '/web/login'), '/web/login', foreign)

    def test_login_page_names_the_login_not_an_email_and_offers_both_languages(self):
        arch = self.env.ref('web.login').read_combined(['arch'])['arch']
        self.assertIn('<label for="login" class="control-label">Login</label>', arch)
        self.assertNotIn('>Email<', arch)
        self.assertIn('kz_edu_base.language_switch', arch)
        self.assertIn('kz_edu_password_help', arch)
        switch = self.env.ref('kz_edu_base.language_switch').read_combined(['arch'])['arch']
        self.assertIn('/kz_edu/lang/kk_KZ', switch)
        self.assertIn('/kz_edu/lang/ru_RU', switch)
