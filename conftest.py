"""pytest configuration for the pure-Python suites (rule modules, device connectors, cross-addon tools).

The rule modules of each addon (iin.py, amount_words.py, kz_tax.py ...) import nothing from odoo; they are
imported here by plain name, with every addons/kz_* folder on sys.path. Odoo tests (addons/*/tests/test_*.py)
run separately through pytest-odoo on a database (scripts/test).
"""
import glob
import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(ROOT, 'addons', 'kz_*'))):
    if path not in sys.path:
        sys.path.insert(0, path)
sys.path.insert(0, ROOT)
