"""A rule module's refusal reaches the user in the user's language (issue #15, one way to raise and translate
errors): the pure module raises a code, an English template and parameters (kz_edu_base/kz_errors.py); the ORM
translates it once (kz_edu_base/user_errors.py) from the kk.po / ru.po of the addon that declared the template, with
the dates and amounts written for that language. Before, a Kazakh tariffication list showed «no parameter MRP for
2027-09-01» in English."""
from odoo.exceptions import UserError, ValidationError
from odoo.tests import common

from odoo.addons.kz_edu_base.user_errors import translate, user_errors
from odoo.addons.kz_edu_tariff import tariff
from odoo.addons.kz_payroll import kz_tax

NBSP = '\u00a0'


@common.at_install(False)
@common.post_install(True)
class TestErrorTranslation(common.SavepointCase):

    SCHOOL = 'kz_edu_base.company_school1_demo'

    def _as(self, login, lang):
        """The environment of the demo user ``login`` whose language is ``lang``, with the context the web client
        sends for them (res.users.context_get)."""
        user = self.env['res.users'].search([('login', '=', login)])
        user.lang = lang
        env = self.env(user=user.id)
        return env(context=env['res.users'].context_get())

    def test_missing_mrp_of_tariffication_in_kazakh_and_russian(self):
        def read_mrp(env):
            with user_errors(env):
                tariff.parameter('MRP', '2027-09-01')
        self._assert_refused('bookkeeper', UserError, read_mrp, {
            'kk_KZ': '01.09.2027 күнге MRP параметрі жоқ',
            'ru_RU': 'нет параметра MRP на 01.09.2027',
            'en_US': 'no parameter MRP for 2027-09-01',     # English: the text of the logs
        })

    def test_missing_mrp_of_payroll_in_kazakh_and_russian(self):
        try:
            kz_tax.resolve_parameters('2027-09-30')
        except kz_tax.PayrollError as err:
            error = err
        self.assertEqual((error.code, error.params['codes']), ('missing_parameter', ['MRP', 'MZP']))
        self.assertEqual(str(error), 'no parameter MRP, MZP for 2027-09-30')    # the logs and pure tests
        self.assertEqual(translate(self._as('bookkeeper', 'kk_KZ'), error), '30.09.2027 күнге MRP, MZP параметрі жоқ')
        self.assertEqual(translate(self._as('bookkeeper', 'ru_RU'), error), 'нет параметра MRP, MZP на 30.09.2027')

    def _assert_refused(self, login, error_class, action, expected):
        """``action(env)`` as ``login`` raises ``error_class`` with ``expected[lang]`` for each language."""
        for lang, text in expected.items():
            with self.assertRaises(error_class) as caught:
                action(self._as(login, lang))
            self.assertEqual(caught.exception.name, text)

    def test_canteen_refuses_a_too_large_top_up_in_kazakh_and_russian(self):
        school = self.env.ref(self.SCHOOL)
        student = self.env['kz.edu.student'].search([('company_id', '=', school.id), ('state', '=', 'enrolled')],
                                                    limit=1)
        self._assert_refused('cashier', ValidationError, lambda env: env['kz.canteen.topup'].create(
            {'company_id': school.id, 'student_id': student.id, 'amount': 250000.0, 'method': 'cash'}), {
            'kk_KZ': '250 000,00 ₸ толықтыру бір төлемнің ең жоғары шегінен (200 000,00 ₸) асады: соманы тексеріңіз '
                     '(артық нөл жоқ па?).'.replace(' 000', NBSP + '000'),
            'ru_RU': 'Пополнение на 250 000,00 ₸ больше предела в 200 000,00 ₸ за один платёж: проверьте сумму '
                     '(лишний ноль?).'.replace(' 000', NBSP + '000'),
        })

    def test_ledger_refuses_to_close_on_a_day_that_ends_no_period_in_kazakh_and_russian(self):
        self._assert_refused('bookkeeper', UserError, lambda env: env['kz.gov.closing'].create(
            {'company_id': self.env.ref(self.SCHOOL).id, 'date': '2026-10-31'}).closing_entries(), {
            'kk_KZ': '31.10.2026 есепті кезеңнің соңы емес: 30 маусымда (жарты жыл) немесе 31 желтоқсанда (жыл) '
                     'жабыңыз.',
            'ru_RU': '31.10.2026 — не конец отчетного периода: закрывайте на 30 июня (полугодие) или на 31 декабря '
                     '(год).',
        })
