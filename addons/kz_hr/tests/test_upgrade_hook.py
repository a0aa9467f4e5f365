# -*- coding: utf-8 -*-
"""The move from kz_payroll (issue #15): on a database built before it, kz_hr's pre_init_hook gives kz_payroll's
external ids of the personnel records to kz_hr. Replayed here in the test transaction: kz_hr's external ids and
foreign keys are given back to kz_payroll as a pre-move database has them, then the hook runs."""
from odoo.tests.common import TransactionCase, at_install, post_install

from odoo.addons.kz_hr.hooks import pre_init_hook

# kz_hr's external ids of the models it extends: a pre-move database has kz_payroll's, which stay there
OWN_EXTENSIONS = ('model_hr_employee', 'model_kz_edu_parameter')


@at_install(False)
@post_install(True)
class TestUpgradeHook(TransactionCase):

    def _rows(self, module):
        self.env.cr.execute("""SELECT name, model, res_id FROM ir_model_data WHERE module = %s AND NOT name IN %s
                               ORDER BY name""", (module, OWN_EXTENSIONS))
        return self.env.cr.fetchall()

    def _constraint_modules(self):
        self.env.cr.execute("""SELECT DISTINCT m.name FROM ir_model_constraint c
                                 JOIN ir_module_module m ON m.id = c.module WHERE c.name LIKE 'kz\\_hr\\_%%'""")
        return {row[0] for row in self.env.cr.fetchall()}

    def test_hook_gives_every_record_model_and_field_of_kz_hr_back_with_its_id(self):
        cr = self.env.cr
        moved = self._rows('kz_hr')
        models = {model for _name, model, _res in moved}
        self.assertTrue({'ir.model', 'ir.model.fields', 'ir.model.access', 'ir.rule', 'ir.ui.view', 'ir.ui.menu',
                         'ir.cron', 'ir.actions.report'} <= models, models)
        payroll_before = self._rows('kz_payroll')
        view = self.env.ref('kz_hr.kz_hr_order_view_form')
        cr.execute("SELECT count(*) FROM ir_translation WHERE module = 'kz_hr' AND type = 'model'")
        translations = cr.fetchone()[0]
        self.assertTrue(translations)
        # the database as it was before the move
        cr.execute("UPDATE ir_model_data SET module = 'kz_payroll' WHERE module = 'kz_hr' AND NOT name IN %s",
                   (OWN_EXTENSIONS,))
        cr.execute("UPDATE ir_translation SET module = 'kz_payroll' WHERE module = 'kz_hr'")
        cr.execute("""UPDATE ir_model_constraint SET module = (SELECT id FROM ir_module_module WHERE name = 'kz_payroll')
                       WHERE name LIKE 'kz\\_hr\\_%%'""")
        self.assertEqual(self._rows('kz_hr'), [])

        pre_init_hook(cr)

        self.assertEqual(self._rows('kz_hr'), moved)
        self.assertEqual(self._rows('kz_payroll'), payroll_before)   # kz_payroll's own records stay its own
        self.assertEqual(self._constraint_modules(), {'kz_hr'})
        cr.execute("SELECT count(*) FROM ir_translation WHERE module = 'kz_hr' AND type = 'model'")
        self.assertEqual(cr.fetchone()[0], translations)
        self.env['ir.model.data'].clear_caches()
        self.assertEqual(self.env.ref('kz_hr.kz_hr_order_view_form'), view)

    def test_hook_changes_nothing_on_a_database_without_the_old_records(self):
        before = self._rows('kz_hr'), self._rows('kz_payroll')
        pre_init_hook(self.env.cr)
        self.assertEqual((self._rows('kz_hr'), self._rows('kz_payroll')), before)
