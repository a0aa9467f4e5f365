"""The shared fixture (KzEduCase) and the demo school No. 1, whose last finished month of free and subsidised meals
is what the canteen's posting tests post (the shared schools have no meals): that month's bounds, the school's
bookkeeper and canteen cashier made with make_user (logins meals_…) and a catering supplier."""
from odoo.addons.kz_canteen import meal_report
from odoo.addons.kz_edu_base.tests.common import KzEduCase


class CanteenAccountCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(CanteenAccountCase, cls).setUpClass()
        cls.school = cls.env.ref('kz_edu_base.company_school1_demo')
        cls.today = cls.env['kz.canteen.pos']._kz_local_date(cls.school)
        cls.month = meal_report.previous_month(cls.today)          # the demo's finished month with meals
        cls.start, cls.end = meal_report.month_bounds(cls.month)
        cls.bookkeeper = cls.make_user('meals_bookkeeper', ['kz_edu_base.group_bookkeeper'], cls.school)
        cls.cashier = cls.make_user('meals_cashier', ['kz_edu_base.group_canteen_cashier'], cls.school)
        cls.supplier = cls.env['res.partner'].create({'name': 'ТОО «Асхана-Сервис»', 'supplier': True,
                                                      'is_company': True, 'company_id': cls.school.id})
