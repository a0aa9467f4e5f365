"""Tests of data/src/build.py, the generator of the chart, ЕБК, funding sources and statement lines (ACC-01):
the generated files are up to date with data/src/*.csv, the chart gets a technical transfer account and its
default accounts by role, and the kk/ru names are merged into the .po files idempotently."""
import importlib.util
import os

import pytest

ADDON = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location('kz_gov_build', os.path.join(ADDON, 'data', 'src', 'build.py'))
build = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build)


@pytest.fixture(scope='module')
def data():
    return build.load(build.HERE)


def test_generated_data_files_are_up_to_date_with_the_sources():
    """Run `.venv/bin/python addons/kz_gov_account/data/src/build.py` after changing data/src."""
    assert build.main(['--check', '--no-i18n']) == 0


@pytest.mark.parametrize('lang', ['kk', 'ru'])
def test_po_files_carry_the_names_of_the_sources(data, lang):
    """After scripts/i18n_update, build.py fills the kk/ru names of the reference data again."""
    from babel.messages import pofile
    with open(os.path.join(ADDON, 'i18n', '%s.po' % lang), 'rb') as f:
        catalog = {m.id: m.string for m in pofile.read_po(f) if m.id}
    first = {}
    for _model, _xmlid, en, ru, kk in build.terms(data):
        first.setdefault(en, kk if lang == 'kk' else ru)
    wrong = {en: (catalog.get(en), value) for en, value in first.items() if catalog.get(en) != value}
    assert wrong == {}


def test_chart_groups_accounts_and_transfer_account(data):
    groups, accounts, transfer = data['chart']
    assert transfer['code'] == '1099' and transfer['kind'] == 'transfer_technical' and transfer['reconcile']
    by_id = {g['xmlid']: g for g in groups}
    assert by_id['group_S1']['code_prefix'] == '1' and by_id['group_1000']['code_prefix'] == '10'
    assert by_id['group_1000']['parent'] == 'group_S1'
    assert all(a['code'].startswith(by_id[a['group']]['code_prefix']) for a in accounts if a['group'])
    codes = {a['code']: a for a in accounts}
    assert codes['5410']['user_type'] == 'account.data_unaffected_earnings'
    assert codes['1010']['user_type'] == 'account.data_account_type_liquidity'
    assert all(a['reconcile'] for a in accounts if a['odoo_type'] in ('receivable', 'payable'))


def test_default_accounts_and_liquidity_prefixes_by_role(data):
    _groups, accounts, _transfer = data['chart']
    props = build.choose_properties(accounts)
    assert props['property_account_receivable_id'] == 'a1220'      # first receivable without a role
    assert props['property_account_payable_id'] == 'a3310'         # payable_suppliers
    assert props['property_account_income_categ_id'] == 'a6110'    # income_paid_services
    assert props['property_account_expense_categ_id'] == 'a7040'   # expense_services
    assert build.liquidity_prefixes(accounts) == ('10', '108')


def test_ebk_parents_come_first_and_xml_ids_have_no_dots(data):
    seen = set()
    for row in data['ebk']:
        assert not row['parent_code'] or row['parent_code'] in seen
        seen.add(row['code'])
    files = build.render(data)
    assert 'ebk_1_01_1,1.01.1,' in files['data/kz.gov.ebk.csv']


def test_report_line_ids(data):
    ids = [l['xmlid'] for l in data['report_lines']]
    assert len(ids) == len(set(ids))
    assert 'fo_FO1_s01' in ids and 'fo_FO1_010' in ids and 'fo_FO3_410' in ids


def test_po_merge_fills_appends_and_drops_stale_entries():
    terms = [('kz.gov.ebk', 'ebk_111', 'Salaries', 'Оплата труда', 'Еңбекке ақы төлеу'),
             ('kz.gov.funding.source', 'funding_LOC', 'Local budget', 'Местный бюджет', 'Жергілікті бюджет')]
    existing = (build.po_header('kk') + '\n\n#. module: kz_gov_account\n'
                '#: model:kz.gov.ebk,name:kz_gov_account.ebk_111\nmsgid "Salaries"\nmsgstr ""\n\n'
                '#. module: kz_gov_account\n#: model:kz.gov.ebk,name:kz_gov_account.ebk_999\nmsgid "Gone"\n'
                'msgstr "Жоқ"\n\n#. module: kz_gov_account\n#: code:addons/kz_gov_account/models/account.py:1\n'
                'msgid "Payroll"\nmsgstr "Жалақы"\n')
    warnings = []
    once = build.update_po(existing, 'kk', terms, warnings)
    assert 'msgid "Salaries"\nmsgstr "Еңбекке ақы төлеу"' in once
    assert 'funding_LOC\nmsgid "Local budget"\nmsgstr "Жергілікті бюджет"' in once
    assert 'Gone' not in once
    assert 'msgid "Payroll"\nmsgstr "Жалақы"' in once
    assert build.update_po(once, 'kk', terms, warnings) == once
    assert warnings == []
