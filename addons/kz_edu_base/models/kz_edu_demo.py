"""Demo school population, written in bulk.

Odoo 11 creates records one at a time (~90 ms per partner here, platform.md §6): 3 200 demo people through the
ORM would take about 5 minutes. People are therefore inserted with one parametrised INSERT per batch, with the
defaults Odoo itself computes (default_get) for every stored column; employees and users, which are few and
need their side records (resource, partner, groups), go through the ORM.
"""
import datetime
import logging

from odoo import api, fields, models

from .. import bulk_sql, demo_calendar, demo_people

_logger = logging.getLogger(__name__)

ROLE_USERS = [
    # login (= password), group xml id, employee job key or None, display name
    ('director', 'group_director', 'director'),
    ('deputy', 'group_deputy_director', 'deputy_director'),
    ('chief_bookkeeper', 'group_chief_bookkeeper', 'chief_bookkeeper'),
    ('bookkeeper', 'group_bookkeeper', 'bookkeeper'),
    ('hr', 'group_hr_officer', 'hr_officer'),
    ('cashier', 'group_canteen_cashier', 'canteen_cashier'),
    ('teacher', 'group_teacher', 'teacher'),
    ('class_teacher', 'group_class_teacher', 'teacher'),
    ('methodist', 'group_methodist', 'methodist'),
    ('tutor', 'group_tutor', 'tutor'),
]


#: the day the demo was built (the demo calendar's today), stored at install so every builder and test uses it
DEMO_TODAY_PARAM = 'kz_edu.demo_today'


class KzEduDemo(models.AbstractModel):
    _name = 'kz.edu.demo'
    _description = 'Demo school generator'

    @api.model
    def demo_today(self):
        """The day the demo was built (see demo_calendar): stored when kz_edu_base's demo is installed, so that
        later addons' demo builders and the tests derive the same months from it."""
        value = self.env['ir.config_parameter'].sudo().get_param(DEMO_TODAY_PARAM)
        return fields.Date.from_string(value) if value else demo_calendar.demo_today()

    @api.model
    def _academic_year_start(self):
        return demo_calendar.school_year_start(self.demo_today())

    @api.model
    def bulk_insert(self, model_name, rows, extra_defaults=None):
        """Insert rows (dicts of stored scalar columns) of `model_name` with one statement per 1 000 rows and
        return their ids (bulk_sql.insert_records: the columns not given as create() would fill them).
        About 0.2 ms a row instead of 20-90 ms through create(); the caller keeps the data consistent
        (stored computed fields, relations)."""
        return bulk_sql.insert_records(self.env[model_name], rows, extra_defaults)

    @api.model
    def _bulk_insert_partners(self, rows):
        """res.partner rows in bulk (see bulk_insert), with commercial_partner_id set."""
        ids = self.bulk_insert('res.partner', rows, extra_defaults={
            'active': True, 'type': 'contact', 'is_company': False, 'customer': False, 'supplier': False,
            'employee': False})
        self.env.cr.execute('UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s', (tuple(ids),))
        self.env['res.partner'].invalidate_cache()
        return ids

    @api.model
    def _person_row(self, person, company, lang):
        name = demo_people.full_name(person)
        birth = person.get('birth_date')
        if birth is None:
            from .. import iin as iin_rules
            birth = iin_rules.parse_iin(person['iin'])['birth_date']
        return {'name': name, 'display_name': name, 'company_id': company.id, 'lang': lang,
                'kz_iin': person['iin'], 'kz_iin_birth_date': fields.Date.to_string(birth),
                'kz_iin_sex': person['sex'], 'kz_patronymic': person.get('patronymic'),
                'phone': person.get('phone'), 'customer': False}

    @api.model
    def populate_school(self, company, pop):
        """Staff (hr.employee, ORM) and students with parents (res.partner, bulk) for one school;
        `pop` is one school of demo_people.demo_district()."""
        staff = pop['staff']
        tag_student = self.env.ref('kz_edu_base.partner_category_student')
        tag_parent = self.env.ref('kz_edu_base.partner_category_parent')

        parent_ids = self._bulk_insert_partners(
            [self._person_row(p, company, 'kk_KZ' if 'ұлы' in p['patronymic'] or 'қызы' in p['patronymic']
                              else 'ru_RU') for p in pop['parents']])
        student_ids = self._bulk_insert_partners(
            [dict(self._person_row(s, company, 'kk_KZ' if s['lang'] == 'kk' else 'ru_RU'),
                  ref='%d %s' % (s['grade'], s['letter'])) for s in pop['students']])
        tags = [(pid, tag_parent.id) for pid in parent_ids] + [(sid, tag_student.id) for sid in student_ids]
        bulk_sql.insert_rows(self.env.cr, 'res_partner_res_partner_category_rel', ('partner_id', 'category_id'), tags)

        Employee = self.env['hr.employee'].with_context(tracking_disable=True, mail_create_nolog=True)
        jobs = {}
        employees = Employee.browse()
        for person in staff:
            key = person['job']
            if key not in jobs:
                jobs[key] = self.env['hr.job'].with_context(lang='kk_KZ').create(
                    {'name': person['job_kk'], 'company_id': company.id})
                jobs[key].with_context(lang='ru_RU').write({'name': person['job_ru']})
            employees |= Employee.create({
                'name': demo_people.full_name(person), 'kz_iin': person['iin'], 'job_id': jobs[key].id,
                'company_id': company.id, 'gender': 'male' if person['sex'] == 'M' else 'female',
                'birthday': fields.Date.to_string(person['birth_date']),
            })
        _logger.info('demo: %s: %d staff, %d students, %d parents', company.name, len(employees),
                     len(student_ids), len(parent_ids))
        return {'employees': employees, 'student_ids': student_ids, 'parent_ids': parent_ids, 'jobs': jobs}

    @api.model
    def populate(self):
        """Called from demo/kz_edu_demo.xml: two schools of the demo district, role users for school 1."""
        self.env['ir.config_parameter'].sudo().set_param(
            DEMO_TODAY_PARAM, fields.Date.to_string(demo_calendar.demo_today()))
        school1 = self.env.ref('kz_edu_base.company_school1_demo')
        school2 = self.env.ref('kz_edu_base.company_school2_demo')
        department = self.env.ref('base.main_company')
        # the documents of the demo district (journal entries, payroll, notices) are written in the state language,
        # the language of its users; Russian stays available to every user (issue #13.8)
        (department | school1 | school2).mapped('partner_id').write({'lang': 'kk_KZ'})
        district = demo_people.demo_district(self._academic_year_start())
        res1 = self.populate_school(school1, district[1])
        self.populate_school(school2, district[2])
        self._create_role_users(department, school1, res1)
        return True

    @api.model
    def _create_role_users(self, department, school, res):
        Users = self.env['res.users'].with_context(no_reset_password=True, tracking_disable=True)
        employees = res['employees']
        used = self.env['hr.employee']
        for login, group, job in ROLE_USERS:
            emp = (employees - used).filtered(lambda e: e.job_id == res['jobs'].get(job))[:1]
            used |= emp
            user = Users.create({
                'name': emp.name or login, 'login': login, 'password': login, 'lang': 'kk_KZ',
                'tz': 'Asia/Almaty', 'company_id': school.id, 'company_ids': [(6, 0, [school.id])],
                'groups_id': [(6, 0, [self.env.ref('kz_edu_base.%s' % group).id])],
            })
            user.partner_id.write({'company_id': school.id})
            if emp:
                emp.user_id = user
        Users.create({
            'name': 'Білім бөлімінің маманы', 'login': 'district', 'password': 'district', 'lang': 'kk_KZ',
            'tz': 'Asia/Almaty', 'company_id': department.id,
            'company_ids': [(6, 0, (department | department.child_ids).ids)],
            'groups_id': [(6, 0, [self.env.ref('kz_edu_base.group_district').id])],
        })
        # portal users on existing demo people: the first family's mother and her child
        Partner = self.env['res.partner']
        parent = Partner.browse(res['parent_ids'][0])
        student = Partner.browse(res['student_ids'][0])
        for login, partner, group in (('parent', parent, 'group_parent'), ('student', student, 'group_student')):
            Users.create({'login': login, 'password': login, 'partner_id': partner.id, 'lang': 'kk_KZ',
                          'tz': 'Asia/Almaty', 'company_id': school.id, 'company_ids': [(6, 0, [school.id])],
                          'groups_id': [(6, 0, [self.env.ref('kz_edu_base.%s' % group).id])]})
        # consents given by the demo parent for her child (SEC-01)
        for purpose in ('card_entry', 'meals', 'notifications'):
            self.env['kz.edu.consent'].create({
                'partner_id': student.id, 'purpose': purpose, 'given_by_id': parent.id,
                'date_given': fields.Date.to_string(datetime.date(self._academic_year_start(), 9, 1)),
                'company_id': school.id})
