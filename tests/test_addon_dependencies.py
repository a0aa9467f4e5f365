"""Dependencies point one way (style.md, issue #15): the canteen and the journal reach the notification queue through
kz_edu_base, so they install without the entrance system (kz_edu_access) — read from the manifests, no database.
(Checked by hand as well: a database with kz_canteen and kz_edu_learning only installs and their notification tests
pass, `KZ_ADDONS=kz_canteen,kz_edu_learning scripts/devtest NAME ...`.)"""
import ast
import os

import pytest

ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'addons')


def manifest(addon):
    path = os.path.join(ADDONS, addon, '__manifest__.py')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        return ast.literal_eval(f.read())


def closure(addon):
    """Our addons that ``addon`` installs, itself included (Odoo's own modules are left out)."""
    seen, todo = set(), [addon]
    while todo:
        name = todo.pop()
        data = manifest(name)
        if name in seen or data is None:
            continue
        seen.add(name)
        todo += data.get('depends', [])
    return seen


@pytest.mark.parametrize('addon', ['kz_canteen', 'kz_edu_learning', 'kz_edu_contingent'])
def test_the_queue_users_install_without_the_entrance_system(addon):
    assert 'kz_edu_base' in closure(addon)
    assert 'kz_edu_access' not in closure(addon)


def test_no_python_import_of_the_entrance_outside_it_and_the_addons_that_depend_on_it():
    allowed = {a for a in os.listdir(ADDONS) if 'kz_edu_access' in closure(a)}
    offenders = []
    for addon in sorted(os.listdir(ADDONS)):
        if addon in allowed or not os.path.isdir(os.path.join(ADDONS, addon)):
            continue
        for folder, _dirs, files in os.walk(os.path.join(ADDONS, addon)):
            for name in files:
                if name.endswith(('.py', '.xml', '.csv')):
                    with open(os.path.join(folder, name), encoding='utf-8') as f:
                        if 'kz_edu_access' in f.read():
                            offenders.append(os.path.join(folder, name))
    # kz_edu_base's migration names kz_edu_access's external ids to move them: the one allowed mention
    assert [o for o in offenders if '/migrations/' not in o] == []


def test_personnel_records_install_without_the_payroll():
    """kz_hr (personnel orders, staff schedule, teacher profile) is for a school without our payroll (issue #15)."""
    assert 'kz_payroll' not in closure('kz_hr')
    assert not {dep for a in closure('kz_hr') for dep in manifest(a)['depends'] if dep.startswith('hr_payroll')}
    assert 'kz_hr' in manifest('kz_payroll')['depends']
