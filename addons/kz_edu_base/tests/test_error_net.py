"""A rule refusal (KzError) that reaches the web client unwrapped is a translated warning, not a server error
(issue #15): called through JSON-RPC as a logged-in Russian- and Kazakh-speaking user."""
from odoo.tools import mute_logger

from .common import KzEduCase
from .http_client import InProcessClient


class TestErrorNet(KzEduCase):

    def _call_get(self, login, day):
        web = InProcessClient(self, login, login + '-Pw-1')
        return web.json('/web/dataset/call_kw', {
            'model': 'kz.edu.parameter', 'method': 'get', 'args': ['MRP', day], 'kwargs': {}})

    def test_a_refusal_of_a_rule_module_is_a_warning_in_the_users_language(self):
        # the whole sentence in the user's language, the thing refused too («дата», not "date")
        for login, lang, text in (('kznet_ru', 'ru_RU', "«дата» должно быть датой (ГГГГ-ММ-ДД), получено: 'завтра'"),
                                  ('kznet_kk', 'kk_KZ', "«күні» күн болуы керек (ЖЖЖЖ-АА-КК), берілгені: 'завтра'")):
            user = self.make_user(login, ['kz_edu_base.group_teacher'], self.school_a)
            user.write({'password': login + '-Pw-1', 'lang': lang})
            with mute_logger('odoo.http', 'odoo.addons.kz_edu_base.http_net',
                             'odoo.addons.kz_edu_security.http_patches'):
                answer = self._call_get(login, 'завтра')
            error = answer['error']['data']
            # a warning the web client shows as such (exception_type user_error), not an internal server error
            self.assertEqual(error['name'], 'odoo.exceptions.UserError')
            self.assertEqual(error['exception_type'], 'user_error')
            self.assertIn(text, error['message'])
            self.assertNotIn('Traceback', error.get('debug', '') + error['message'])
