"""The tariffication's roles in school A of the shared fixture (KzEduCase): its director, HR officer, bookkeeper,
chief bookkeeper and a teacher (logins prefixed tarifftest_). School A is a town school here: the expected pay of
the tariffication tests has no rural supplement."""
from odoo.addons.kz_edu_base.tests.common import KzEduCase


class TariffCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TariffCase, cls).setUpClass()
        cls.school_a.kz_is_rural = False

        def role(login, group):
            return cls.make_user('tarifftest_' + login, ['kz_edu_base.' + group], cls.school_a)
        cls.director = role('director', 'group_director')
        cls.hr = role('hr', 'group_hr_officer')
        cls.bookkeeper = role('bookkeeper', 'group_bookkeeper')
        cls.chief = role('chief', 'group_chief_bookkeeper')
        cls.teacher_user = role('teacher', 'group_teacher')
