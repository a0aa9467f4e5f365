import ast
import os

from odoo.tests.common import TransactionCase


class TestSuite(TransactionCase):
    """The meta addon installs the whole suite: every kz_* addon of the tree is a dependency and installed."""

    def test_every_kz_addon_is_installed_with_the_suite(self):
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        addons_dir = os.path.dirname(here)
        with open(os.path.join(here, '__manifest__.py')) as f:
            depends = set(ast.literal_eval(f.read())['depends'])
        in_tree = {d for d in os.listdir(addons_dir)
                   if d.startswith('kz_') and d != 'kz_edu'
                   and os.path.exists(os.path.join(addons_dir, d, '__manifest__.py'))}
        self.assertEqual(in_tree - depends, set(), 'kz_edu must depend on every capability')
        installed = self.env['ir.module.module'].search([('name', 'in', list(in_tree)), ('state', '=', 'installed')])
        self.assertEqual(set(installed.mapped('name')), in_tree)
