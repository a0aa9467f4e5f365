import datetime

from odoo.tests.common import SavepointCase

from .. import iin as iin_rules


class KzEduCase(SavepointCase):
    """Two schools under one department, people with valid IINs and one user per role used by the tests."""

    _serial = 5000

    @classmethod
    def new_iin(cls, birth=datetime.date(2014, 5, 17), sex='F'):
        while True:
            cls._serial += 1
            value = iin_rules.make_iin(birth, sex, cls._serial)
            if value:
                return value

    @classmethod
    def setUpClass(cls):
        super(KzEduCase, cls).setUpClass()
        # explicit language: the demo administrator speaks Kazakh, tests read English messages unless they switch
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True, no_reset_password=True))
        Company = cls.env['res.company']
        cls.department = Company.create({'name': 'Test department', 'kz_org_type': 'department'})
        cls.school_a = Company.create({'name': 'Test school A', 'kz_org_type': 'school',
                                       'parent_id': cls.department.id, 'kz_is_rural': True})
        cls.school_b = Company.create({'name': 'Test school B', 'kz_org_type': 'lyceum',
                                       'parent_id': cls.department.id})
        Partner = cls.env['res.partner']
        cls.student_a = Partner.create({'name': 'Оқушы А', 'kz_iin': cls.new_iin(), 'company_id': cls.school_a.id})
        cls.mother_a = Partner.create({'name': 'Ана А', 'kz_iin': cls.new_iin(datetime.date(1988, 2, 3)),
                                       'company_id': cls.school_a.id})
        cls.student_b = Partner.create({'name': 'Оқушы Б', 'kz_iin': cls.new_iin(), 'company_id': cls.school_b.id})

    @classmethod
    def make_user(cls, login, groups, company, companies=None, partner=None):
        vals = {
            'name': login, 'login': login, 'company_id': company.id,
            'company_ids': [(6, 0, (companies or company).ids)],
            'groups_id': [(6, 0, [cls.env.ref(g).id for g in groups])],
        }
        if partner:
            vals['partner_id'] = partner.id
        return cls.env['res.users'].create(vals)
