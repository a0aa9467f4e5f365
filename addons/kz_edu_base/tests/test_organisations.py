from odoo.exceptions import ValidationError

from .common import KzEduCase


class TestOrganisations(KzEduCase):

    def test_hierarchy_department_over_schools_SEC05(self):
        self.assertEqual(self.school_a.parent_id, self.department)
        self.assertIn(self.school_b, self.department.child_ids)
        self.assertTrue(self.school_a.kz_is_education_org)
        self.assertFalse(self.department.kz_is_education_org)

    def test_school_cannot_be_placed_under_another_school(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env['res.company'].create({'name': 'Branch', 'kz_org_type': 'school',
                                            'parent_id': self.school_a.id})

    def test_company_partner_is_public_so_its_own_users_read_it(self):
        self.assertFalse(self.school_a.partner_id.company_id)

    def test_territory_path_name(self):
        Territory = self.env['kz.edu.territory']
        region = Territory.create({'name': 'Облыс', 'kind': 'region'})
        district = Territory.create({'name': 'Аудан', 'kind': 'district', 'parent_id': region.id})
        self.assertEqual(district.display_name, 'Облыс / Аудан')
        self.assertEqual(Territory.search([('id', 'child_of', region.id)]), region | district)
