"""The shared fixture's schools A and B (KzEduCase) on the chart of state institutions (order No. 170), in tenge,
with school A's memorial journal, both schools' accounts by code, the ЕБК by code, the local budget funding, and
the accounting roles: school A's bookkeeper, chief bookkeeper, director, teacher and canteen cashier, school B's
bookkeeper and the department's district user (logins prefixed kzgov_)."""
from odoo.addons.kz_edu_base.tests.common import KzEduCase


class GovAccountCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(GovAccountCase, cls).setUpClass()
        env = cls.env
        schools = cls.school_a | cls.school_b
        schools.write({'currency_id': env.ref('base.KZT').id})
        Chart = env['account.chart.template']
        Chart.kz_gov_load_for_companies(schools)
        cls.memorial = Chart.kz_gov_journal(cls.school_a, 'memorial')
        cls.acc = cls.accounts(cls.school_a)
        cls.other_acc = cls.accounts(cls.school_b)
        cls.ebk = {e.code: e for e in env['kz.gov.ebk'].search([])}
        cls.loc = env.ref('kz_gov_account.funding_LOC')

        def role(login, group, company):
            return cls.make_user('kzgov_' + login, ['kz_edu_base.' + group], company)
        cls.bookkeeper = role('bookkeeper', 'group_bookkeeper', cls.school_a)
        cls.chief = role('chief', 'group_chief_bookkeeper', cls.school_a)
        cls.director = role('director', 'group_director', cls.school_a)
        cls.teacher = role('teacher', 'group_teacher', cls.school_a)
        cls.cashier = role('cashier', 'group_canteen_cashier', cls.school_a)
        cls.other_bookkeeper = role('other_bookkeeper', 'group_bookkeeper', cls.school_b)
        cls.district = cls.make_user('kzgov_district', ['kz_edu_base.group_district'], cls.department,
                                     companies=cls.department | schools)

    @classmethod
    def accounts(cls, company):
        """{code: account} of the company's chart."""
        return {a.code: a for a in cls.env['account.account'].search([('company_id', '=', company.id)])}
