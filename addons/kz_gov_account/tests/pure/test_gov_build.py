"""Tests of data/src/build.py, the generator of the chart, ЕБК, funding sources and statement lines from the acts
(ACC-01): the generated files are up to date with the acts and data/src/*.csv, the chart of order No. 170 is there
row for row with its properties and their reasons, a later edition is a rerun, and the kk/ru names are merged into
the .po files idempotently, each record keeping its own Kazakh name."""
import csv
import importlib.util
import io
import os
import shutil

import pytest

import gov_acts

ADDON = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = importlib.util.spec_from_file_location('kz_gov_build', os.path.join(ADDON, 'data', 'src', 'build.py'))
build = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build)


@pytest.fixture(scope='module')
def data():
    return build.load(build.HERE)


def test_generated_data_files_are_up_to_date_with_the_sources():
    """Run `.venv/bin/python addons/kz_gov_account/data/src/build.py` after changing an act or data/src."""
    assert build.main(['--check', '--no-i18n']) == 0


def test_po_files_are_up_to_date():
    """After scripts/i18n_update, build.py fills the kk/ru names of the reference data again."""
    assert build.main(['--check']) == 0


@pytest.mark.parametrize('lang', ['kk', 'ru'])
def test_every_record_has_its_own_name_in_the_po_files(data, lang):
    """Two records with the same Russian name keep their own Kazakh names (one PO entry per translation)."""
    from babel.messages import pofile
    text = open(os.path.join(ADDON, 'i18n', '%s.po' % lang), encoding='utf-8').read()
    by_ref = {}
    for block in text.split('\n\n'):
        entry = list(pofile.read_po(io.BytesIO((block + '\n').encode())))
        msgstr = next((m.string for m in entry if m.id), None)
        for line in block.split('\n'):
            if line.startswith('#: model:'):
                by_ref[line[len('#: '):]] = msgstr
    for model, xmlid, _msgid, ru, kk in build.terms(data):
        assert by_ref['model:%s,name:kz_gov_account.%s' % (model, xmlid)] == (kk if lang == 'kk' else ru), xmlid


def test_the_chart_row_for_row(data):
    groups, accounts, transfer = data['chart']
    rows = gov_acts.chart_rows()
    assert len(groups) + len(accounts) == len(rows)
    generated = {g['row'].code: g for g in groups}
    generated.update({a['code']: a for a in accounts})
    for row in rows:
        item = generated[row.code]
        assert item['row'] == row
    by_id = {g['xmlid']: g for g in groups}
    assert by_id['group_S1']['code_prefix'] == '1' and by_id['group_1000']['code_prefix'] == '10'
    assert by_id['group_1000']['parent'] == 'group_S1' and by_id['group_1040']['parent'] == 'group_1000'
    assert by_id['group_7000_7100']['code_prefix'] == '70' and by_id['group_S9']['code_prefix'] == '0'
    codes = {a['code']: a for a in accounts}
    assert '1040' not in codes and '1041' in codes          # an account with sub-accounts is a group
    assert codes['01']['group'] == 'group_S9' and codes['01']['kind'] == 'off_balance'
    assert transfer['code'] == '1073' and transfer['reconcile']
    assert codes['5210']['user_type'] == 'account.data_unaffected_earnings'
    assert codes['1091']['user_type'] == 'account.data_account_type_liquidity'
    assert all(a['reconcile'] for a in accounts if a['odoo_type'] in ('receivable', 'payable'))
    assert all('Properties (prefix' in a['note'] and 'order No. 170' in a['note'] for a in accounts)


@pytest.mark.parametrize('code, ebk, funding, kind', [
    ('1091', True, True, 'plan_local_current'), ('1042', False, True, 'cash_paid_services'),
    ('1010', False, True, 'cash_desk'), ('7010', True, True, 'expense_payroll'), ('7110', False, True,
                                                                                 'expense_depreciation'),
    ('3241', False, True, 'payroll_payable'), ('1314', False, False, 'inventory_food'), ('6110', False, True,
                                                                                        'income_sales'),
    ('2391', False, False, 'depreciation'), ('3410', False, False, 'advances_received'),
])
def test_account_properties_follow_the_most_specific_prefix(data, code, ebk, funding, kind):
    accounts = {a['code']: a for a in data['chart'][1]}
    assert (accounts[code]['requires_ebk'], accounts[code]['requires_funding'], accounts[code]['kind']) == (
        ebk, funding, kind)


def test_default_accounts_by_role(data):
    props = build.choose_properties(data['chart'][1])
    assert props['property_account_receivable_id'] == 'a1231'
    assert props['property_account_payable_id'] == 'a3210'
    assert props['property_account_income_categ_id'] == 'a6110'
    assert props['property_account_expense_categ_id'] == 'a7080'


def test_ebk_parents_come_first_and_xml_ids_have_no_dots(data):
    seen = set()
    for e in data['ebk']:
        assert not e['parent'] or e['parent'] in seen
        seen.add(e['xmlid'])
    files = build.render(data)
    assert 'ebk_1_1,1.1,Затраты на товары и услуги,ebk_1,class,current,2026-01-01' in files['data/kz.gov.ebk.csv']
    assert ',2026-01-01,' in files['data/kz.gov.ebk.csv'].split('\n')[-2]


def test_report_lines_from_the_forms(data):
    ids = [l['xmlid'] for l in data['report_lines']]
    assert len(ids) == len(set(ids))
    assert 'fo_FO1_s01' in ids and 'fo_FO1_010' in ids and 'fo_FO2_020_1' in ids and 'fo_FO3_930' in ids
    by_id = {l['xmlid']: l for l in data['report_lines']}
    assert by_id['fo_FO1_114']['line'].name_ru == 'Основные средства'
    assert by_id['fo_FO1_200']['style'] == 'total'
    assert by_id['fo_FO4_010']['crossed'] == '3' and by_id['fo_FO4_010']['columns'].startswith('4:-O:511')
    assert 'rules item 24' in by_id['fo_FO1_010']['source']


def copy_sources(tmp_path):
    src = tmp_path / 'src'
    shutil.copytree(build.HERE, str(src), ignore=shutil.ignore_patterns('__pycache__'))
    return str(src)


def test_a_later_edition_is_a_rerun(tmp_path):
    """A new edition that adds a sub-account: its row appears with the properties of its prefix; the Kazakh
    table must have the same rows."""
    src = copy_sources(tmp_path)
    for name, text in (('rus-an001.md', 'Новый субсчет'), ('kaz-an001.md', 'Жаңа қосалқы шот')):
        path = os.path.join(src, 'acts', 'chart-170', name)
        body = open(path, encoding='utf-8').read()
        anchor = '<td></td>\n<td>1048</td>'
        i = body.index(anchor)
        end = body.index('</tr>', i) + len('</tr>')
        body = body[:end] + '\n<tr>\n<td></td>\n<td>1049</td>\n<td>%s</td>\n</tr>' % text + body[end:]
        open(path, 'w', encoding='utf-8').write(body)
    data = build.load(src, os.path.join(src, 'acts'))
    accounts = {a['code']: a for a in data['chart'][1]}
    assert accounts['1049']['row'].name_ru == 'Новый субсчет' and accounts['1049']['row'].name_kk == 'Жаңа қосалқы шот'
    assert accounts['1049']['user_type'] == 'account.data_account_type_liquidity'
    assert accounts['1049']['requires_funding']


def test_an_edition_whose_kazakh_rows_differ_is_refused(tmp_path):
    src = copy_sources(tmp_path)
    path = os.path.join(src, 'acts', 'chart-170', 'kaz-an001.md')
    body = open(path, encoding='utf-8').read().replace('<td>1043</td>', '<td>1044</td>', 1)
    open(path, 'w', encoding='utf-8').write(body)
    with pytest.raises(gov_acts.ActError) as e:
        build.load(src, os.path.join(src, 'acts'))
    assert '1043 in the Russian text, 1044 in the Kazakh one' in str(e.value)


def test_a_form_line_without_its_expression_is_refused(tmp_path):
    src = copy_sources(tmp_path)
    path = os.path.join(src, 'fo_lines_230.csv')
    rows = list(csv.DictReader(open(path, encoding='utf-8')))
    with open(path, 'w', encoding='utf-8', newline='') as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator='\n')
        writer.writeheader()
        writer.writerows([r for r in rows if not (r['form'] == 'FO1' and r['key'] == '114')])
    with pytest.raises(build.BuildError) as e:
        build.load(src, os.path.join(src, 'acts'))
    assert 'FO1 line 114: no row in fo_lines_230.csv' in str(e.value)


def test_properties_must_cover_every_account_and_name_real_accounts(tmp_path):
    src = copy_sources(tmp_path)
    path = os.path.join(src, 'chart_170_properties.csv')
    text = open(path, encoding='utf-8').read()
    open(path, 'w', encoding='utf-8').write(text + '1099,current_assets,0,0,0,,not in the act\n')
    with pytest.raises(build.BuildError) as e:
        build.load(src, os.path.join(src, 'acts'))
    assert 'names accounts the act does not have: 1099' in str(e.value)


def test_po_merge_keeps_each_records_translation_and_drops_stale_entries():
    terms = [('kz.gov.ebk', 'ebk_111', 'Оплата труда', 'Оплата труда', 'Еңбек ақы төлеу'),
             ('kz.gov.report.line', 'fo_FO2_111', 'Оплата труда', 'Оплата труда', 'Еңбекақы төлеу'),
             ('kz.gov.funding.source', 'funding_LOC', 'Local budget', 'Местный бюджет', 'Жергілікті бюджет')]
    existing = (build.po_header('kk') + '\n\n#. module: kz_gov_account\n'
                '#: model:kz.gov.ebk,name:kz_gov_account.ebk_111\n'
                '#: model:kz.gov.report.line,name:kz_gov_account.fo_FO2_111\nmsgid "Оплата труда"\nmsgstr ""\n\n'
                '#. module: kz_gov_account\n#: model:kz.gov.ebk,name:kz_gov_account.ebk_999\nmsgid "Gone"\n'
                'msgstr "Жоқ"\n\n#. module: kz_gov_account\n#: code:addons/kz_gov_account/models/account.py:1\n'
                'msgid "Payroll"\nmsgstr "Жалақы"\n')
    warnings = []
    once = build.update_po(existing, 'kk', terms, warnings)
    assert 'ebk_111\nmsgid "Оплата труда"\nmsgstr "Еңбек ақы төлеу"' in once
    assert 'fo_FO2_111\nmsgid "Оплата труда"\nmsgstr "Еңбекақы төлеу"' in once
    assert 'funding_LOC\nmsgid "Local budget"\nmsgstr "Жергілікті бюджет"' in once
    assert 'Gone' not in once
    assert 'msgid "Payroll"\nmsgstr "Жалақы"' in once
    assert build.update_po(once, 'kk', terms, warnings) == once
    assert warnings == []
