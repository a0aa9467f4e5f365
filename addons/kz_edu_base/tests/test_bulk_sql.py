"""The one bulk-insert helper on a database (kz_edu_base/bulk_sql.py, issue #15): rows inserted as create() would
store them, ids in order, conflicts skipped, names checked."""
from odoo.tests.common import TransactionCase

from odoo.addons.kz_edu_base.bulk_sql import insert_records, insert_rows


class TestBulkSql(TransactionCase):

    def test_insert_records_fills_the_columns_as_create_would(self):
        Territory = self.env['kz.edu.territory']
        ids = insert_records(Territory, [{'name': 'Облыс А', 'kind': 'region'}, {'name': 'Облыс Б', 'kind': 'region'}])
        self.assertEqual(len(ids), 2)
        self.assertEqual(ids, sorted(ids))                               # in the order of the rows
        made = Territory.browse(ids)
        self.assertEqual(made.mapped('name'), ['Облыс А', 'Облыс Б'])
        created = Territory.create({'name': 'Облыс В', 'kind': 'region'})
        for field in ('create_uid', 'write_uid', 'active'):              # active: its default, True
            self.assertEqual(made[0][field], created[field], field)
        self.assertTrue(made[0].create_date)

    def test_insert_rows_returns_ids_and_skips_conflicts(self):
        partner = self.env['res.partner'].create({'name': 'Bulk'})
        tag = self.env['res.partner.category'].create({'name': 'Bulk tag'})
        cr = self.env.cr
        for _round in range(2):                                          # the second time: a conflict, skipped
            insert_rows(cr, 'res_partner_res_partner_category_rel', ('partner_id', 'category_id'),
                        [(partner.id, tag.id)], on_conflict='DO NOTHING')
        partner.invalidate_cache()
        self.assertEqual(partner.category_id, tag)
        cr.execute('SELECT count(*) FROM res_partner_res_partner_category_rel WHERE partner_id = %s', (partner.id,))
        self.assertEqual(cr.fetchone()[0], 1)

    def test_names_that_are_not_plain_identifiers_are_refused(self):
        with self.assertRaises(ValueError):
            insert_rows(self.env.cr, 'res_partner; DROP TABLE res_partner', ('name',), [('x',)])
