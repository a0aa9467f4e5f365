"""Kazakh translations of the Odoo core screens (top-level i18n/): valid, placeholder-safe, and covering at least
the terms measured when they were written (SEC-04)."""
import glob
import os
import re
import subprocess
import sys

from babel.messages import pofile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACEHOLDER = re.compile(r'%\([a-z_]+\)[sd]|%[sd]|\$\{[^}]*\}|\{[a-z_0-9]*\}')


def catalogs():
    for path in sorted(glob.glob(os.path.join(ROOT, 'i18n', '*', 'kk.po'))):
        with open(path, 'rb') as f:
            yield path, pofile.read_po(f)


def test_every_core_kk_po_parses_and_keeps_placeholders():
    seen = 0
    for path, catalog in catalogs():
        for m in catalog:
            if not m.id or not m.string:
                continue
            seen += 1
            assert sorted(PLACEHOLDER.findall(m.id)) == sorted(PLACEHOLDER.findall(m.string)), (path, m.id)
    assert seen > 2500


def test_coverage_report_meets_the_floor():
    res = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'i18n_coverage.py'), '--min', '4000'],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    assert res.returncode == 0, res.stdout[-3000:]
    assert 'TOTAL' in res.stdout


def test_main_screen_terms_are_kazakh():
    terms = {}
    for path, catalog in catalogs():
        module = os.path.basename(os.path.dirname(path))
        for m in catalog:
            if m.id and m.string:
                terms[(module, m.id)] = m.string
    assert terms[('web', 'Log in')] == 'Кіру'
    assert terms[('web', 'Password')] == 'Құпиясөз'
    assert terms[('hr', 'Employees')] == 'Қызметкерлер'
    assert terms[('hr_payroll', 'Payslips')]
    assert terms[('account', 'Journal Entries')]
