"""The readers of the acts copied into data/src/acts (gov_acts.py) and the standard entries the posting code uses
(gov_entries.py, data/src/standard_entries.csv) against the text of the acts (ACC-01, ACC-02, ACC-13, ACC-17).

What a chief bookkeeper of a state school checks first: the chart is annex 1 of order No. 170 in force on
01.01.2026 (1010 is the cash desk, 1020 the current account, 7040 the social tax, 1261 and 1314 exist), every
posting the addons make is an entry of annex 2 with the accounts the act names, the forms have the act's lines, the
classification the act's specifics."""
import csv
import os
import re

import pytest

import gov_acts
import gov_entries
import gov_reports

ADDON = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ADDON, 'data', 'src')


@pytest.fixture(scope='module')
def chart():
    return gov_acts.chart_rows()


@pytest.fixture(scope='module')
def by_code(chart):
    return {r.code: r for r in chart}


@pytest.fixture(scope='module')
def entries():
    return gov_acts.standard_entries()


@pytest.fixture(scope='module')
def forms():
    return gov_acts.form_tables()


def test_every_act_file_keeps_its_three_line_source_header():
    for folder, _dirs, files in os.walk(gov_acts.ACTS_DIR):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), gov_acts.ACTS_DIR)
            header = gov_acts.header_of(rel)
            assert header.title and header.edition, rel
            assert 'kazakhstan-law/' in header.source and '@' in header.source, rel


def test_the_chart_is_annex_1_of_order_170_edition_01_01_2026(chart):
    header = gov_acts.header_of(gov_acts.CHART_RU)
    assert '№ 170' in header.edition and '01.01.2026' in header.edition and '№ 721' in header.edition
    assert len(chart) == 379                      # the rows of the table without its two heading rows
    kinds = {}
    for row in chart:
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    assert kinds == {'section': 9, 'subsection': 33, 'account': 151, 'subaccount': 177, 'off_balance': 9}
    assert len({r.code for r in chart}) == len(chart)
    assert all(r.name_ru and r.name_kk for r in chart)


@pytest.mark.parametrize('code, name', [
    ('1010', 'Денежные средства в кассе'),
    ('1020', 'Текущий счет государственного учреждения'),
    ('1091', 'Плановые назначения на принятие обязательств по индивидуальному плану финансирования'),
    ('1261', 'Краткосрочная дебиторская задолженность работников по подотчетным суммам'),
    ('1314', 'Продукты питания'),
    ('3241', 'Краткосрочная кредиторская задолженность работникам по оплате труда'),
    ('3122', 'Краткосрочная кредиторская задолженность по социальному налогу'),
    ('3142', 'Краткосрочная кредиторская задолженность по обязательным пенсионным взносам в единый накопительный '
             'пенсионный фонд'),
    ('5210', 'Финансовый результат отчетного года'),
    ('5220', 'Финансовый результат предыдущих лет'),
    ('7040', 'Расходы на социальный налог'),
    ('7150', 'Расходы на обязательное социальное медицинское страхование'),
    ('01', 'Арендованные активы'),
])
def test_accounts_a_bookkeeper_looks_for(by_code, code, name):
    assert by_code[code].name_ru == name


def test_the_hierarchy_of_the_chart(by_code):
    assert (by_code['1000'].kind, by_code['1000'].parent) == ('subsection', 'S1')
    assert (by_code['1040'].kind, by_code['1041'].parent) == ('account', '1040')
    assert by_code['7010'].parent == '7000 – 7100' and by_code['7150'].parent == '7000 – 7100'
    assert by_code['8010'].parent == 'S8' and by_code['01'].parent == 'S9'
    assert by_code['S9'].name_ru == 'Раздел 9. Забалансовые счета'
    assert by_code['S9'].name_kk == '9–бөлім. Баланстан тыс шоттар'


def test_the_quirks_of_the_copies_are_resolved_and_said(by_code):
    # 4050/4060 accounts (the Plan lists them among the accounts of 4000), 6071/6072 sub-accounts of 6070
    assert by_code['4050'].kind == 'account' and by_code['4050'].note
    assert by_code['6071'].kind == 'subaccount' and by_code['6071'].parent == '6070' and by_code['6071'].note
    # the Kazakh copy prints 7050 for 7150: the code of the Russian text, the Kazakh name of that row
    assert by_code['7150'].name_kk == 'Міндетті әлеуметтік медициналық сақтандыруға арналған шығыстар'
    assert '7050' in by_code['7150'].note
    assert by_code['7050'].name_ru == 'Расходы на обязательное страхование'
    # 7461: the name without the description the Russian cell runs on into
    assert by_code['7461'].name_ru == ('Прочие расходы по операциям, связанным с имуществом, обращенным '
                                       '(поступившим) в собственность государства')
    plan = gov_acts.body_of(gov_acts.PLAN_RU)
    assert '7461 – «%s»' % by_code['7461'].name_ru in plan
    assert 'предназначен' not in by_code['7461'].name_ru


def test_entries_of_annex_2_are_read_with_their_rows(entries):
    assert len(entries) > 400
    e243 = entries['243'][0]
    assert e243.text == 'Начисление заработной платы и компенсационных выплат рабочим и служащим'
    assert gov_acts.names_account(e243.debit, '7010') and gov_acts.names_account(e243.credit, '3241')
    assert [r.row for r in entries['32']] == [1, 2]          # printed over two rows (rowspan)
    assert gov_acts.names_account(entries['323'][0].credit, '7150')      # «7000–7100»
    assert gov_acts.names_account(entries['162'][0].debit, '2360')        # «2310–2380»
    assert not gov_acts.names_account(entries['243'][0].debit, '7040')


@pytest.mark.parametrize('number, debit, credit', [
    ('243', '7010', '3241'), ('244', '7040', '3122'), ('249', '3241', '3142'), ('251', '3241', '3121'),
    ('230', '7032', '3144'), ('268', '7150', '3151'), ('270', '3241', '3152'), ('245', '3122', '3141'),
    ('121', '1314', '3210'), ('135', '7060', '1314'), ('234', '7080', '3210'), ('334', '1231', '6110'),
    ('300', '3410', '1231'),
])
def test_the_entries_the_brief_names_say_what_the_act_says(entries, number, debit, credit):
    row = entries[number][0]
    assert gov_acts.names_account(row.debit, debit), (number, row.debit_text)
    assert gov_acts.names_account(row.credit, credit), (number, row.credit_text)


def test_every_standard_entry_is_an_entry_of_annex_2_on_accounts_of_the_chart(entries, by_code):
    """Each operation the addons post names the entry of annex 2 (and its row) whose debit and credit cells name
    its accounts — or the sub-account of an account the act names (3120 → 3121) —, and every account is a
    postable account of annex 1 (a sub-account, or an account without sub-accounts)."""
    parents = {r.parent for r in by_code.values()}
    with_entry = 0
    for row in gov_entries.rows():
        for code in (row['debit'], row['credit']):
            if len(code) == 1:      # a section-wide posting: the closing entries (every income / expense account)
                continue
            assert code in by_code and by_code[code].kind in ('account', 'subaccount'), (row['key'], code)
            assert code not in parents, (row['key'], code, 'has sub-accounts')
        if not row['entry']:
            continue
        with_entry += 1
        act = entries[row['entry']][int(row['row']) - 1]
        for side, code in (('debit', row['debit']), ('credit', row['credit'])):
            refs = getattr(act, side)
            if len(code) == 1:
                assert any(first.startswith(code) for first, _last in refs), (row['key'], side)
            else:
                assert gov_acts.names_account(refs, code), (row['key'], row['entry'], side, code,
                                                            getattr(act, side + '_text'))
    assert with_entry >= 50


def test_the_social_contributions_of_2026_rest_on_the_plan_and_the_tax_code():
    """No numbered entry of annex 2 books the social contributions as an expense: up to 2025 entry 245 moved them
    out of the social tax (the old Tax Code reduced the tax by them); the Tax Code of 2026 does not (art. 558,
    559), and the Plan describes 7040 as the account of the social tax AND the social contributions."""
    [p2025a, p2025b] = gov_entries.postings('payroll_so', '2025-12-31')
    assert (p2025a.entry, p2025b.entry) == ('244', '245')
    [p2026] = gov_entries.postings('payroll_so', '2026-01-31')
    assert (p2026.entry, p2026.debit, p2026.credit) == ('', '7040', '3141')
    plan = gov_acts.body_of(gov_acts.PLAN_RU)
    assert re.search(r'7040 – «Расходы на социальный налог», предназначен для учета расходов государственного '
                     r'учреждения по социальному налогу и социальным отчислениям', plan)
    tax_code = gov_acts.body_of(gov_acts.TAX_CODE_SN)
    art558 = tax_code[tax_code.index('Статья 558'):tax_code.index('Статья 559')]
    assert 'уменьшенному на сумму исключений из объекта' in art558
    assert 'социальн' not in art558.split('уменьшенному на сумму исключений')[1].split('.')[0]
    art559 = tax_code[tax_code.index('Статья 559'):tax_code.index('Статья 560')]
    assert 'уменьшается на сумму выплаченного' in art559 and 'пособия по временной нетрудоспособности' in art559
    assert '558' in p2026.note and '7040' in p2026.note


def test_standard_entries_by_date_and_funding_source():
    assert [p.credit for p in gov_entries.postings('pay_net', funding='LOC')] == ['1091']
    assert [p.credit for p in gov_entries.postings('pay_net', funding='REP')] == ['1081']
    assert [(p.entry, p.credit) for p in gov_entries.postings('pay_net', funding='PAID')] == [('27', '1042')]
    with pytest.raises(gov_entries.EntryError):
        gov_entries.postings('no_such_operation')
    with pytest.raises(gov_entries.EntryError):
        gov_entries.postings('pay_net', funding='SPON')        # no entry pays pay from charitable aid


def test_payroll_specifics_are_those_of_order_151():
    ebk = {row.code: row for row in gov_acts.ebk_rows()}
    for key in gov_entries.PAYROLL_RULES.values():
        for p in gov_entries.postings(key, '2026-03-31'):
            teaching, technical = p.ebk.split('|')
            assert ebk[teaching].level == 'specific' and ebk[technical].level == 'specific'
            assert technical in ('131', '135')
    assert ebk['135'].name_ru == 'Взносы работодателей по техническому персоналу и контрактным служащим'


def test_the_economic_classification_is_order_151(forms):
    header = gov_acts.header_of(gov_acts.EBK_RU)
    assert '№ 151' in header.edition and '01.01.2026' in header.edition
    rows = gov_acts.ebk_rows()
    by = {r.code: r for r in rows}
    assert len(rows) == 153
    assert [r.level for r in rows[:4]] == ['category', 'class', 'subclass', 'specific']
    assert (by['111'].name_ru, by['111'].name_kk) == ('Оплата труда', 'Еңбек ақы төлеу')
    assert by['141'].name_ru == 'Приобретение продуктов питания' and by['141'].parent == '140'
    assert by['163'].name_ru == 'Затраты Фонда всеобщего обязательного среднего образования'
    assert by['1.1'].parent == '1' and by['2.4'].parent == '2' and by['410'].parent == '2.4'
    # independently of the reader: the 3-digit codes of the table, subclasses ending in 0, specifics not
    table = re.findall(r'<table>(.*?)</table>', gov_acts.body_of(gov_acts.EBK_RU), re.S)[0]
    codes = re.findall(r'<td>(\d{3})</td>', table)
    assert sum(1 for r in rows if r.level == 'specific') == len([c for c in codes if not c.endswith('0')]) == 108
    assert sum(1 for r in rows if r.level == 'subclass') == len([c for c in codes if c.endswith('0')]) == 31
    assert all(r.name_kk for r in rows)


def test_the_forms_of_order_230(forms):
    header = gov_acts.header_of(gov_acts.FORMS_RU)
    assert '№ 230' in header.edition and '26.12.2025' in header.edition
    fo1 = {l.code: l for l in forms['FO1'].lines if l.code}
    assert fo1['114'].name_ru == 'Основные средства'
    assert fo1['200'].name_ru == 'Итого долгосрочных активов'
    assert fo1['412'].name_kk == 'Жинақталған қаржылық нәтиже'
    assert [len(forms[f].lines) for f in gov_reports.FORMS] == [72, 55, 60, 28]
    assert forms['FO1'].head_ru[2:] == ['На начало отчетного периода', 'На конец отчетного периода']
    fo4 = {l.code: l for l in forms['FO4'].lines}
    assert fo4['010'].crossed == (3,) and fo4['050'].crossed == (3, 4) and fo4['060'].crossed == ()
    assert '124' not in {l.code for l in forms['FO2'].lines}          # only in the Kazakh copy (FORM_QUIRKS)
    assert gov_acts.form_unit_and_periodicity() == {f: ('тысяч тенге', 'полугодовая, годовая')
                                                    for f in gov_reports.FORMS}


def test_every_check_of_the_scheme_between_forms_1_to_4_is_computed():
    """The «Схема согласования» (annex 10 to the rules) rows between ФО-1…ФО-4 each have a check in
    gov_reports.CHECKS (the rows on ФО-5 are not: ФО-5 is not built)."""
    described = ' '.join(label for _id, _form, label, _l, _r in gov_reports.CHECKS)
    for (left_form, right_form), checked, agreed in gov_acts.consistency_scheme():
        if 'Форма 5' in left_form or 'Форма 5' in right_form:
            continue
        lines = re.findall(r'\d{3}', checked)
        for line in lines:
            assert 'line %s' % line in described, (checked, agreed)
        for line in re.findall(r'\d{3}', agreed):
            assert 'line %s' % line in described, (checked, agreed)


def test_every_coded_line_of_the_forms_has_its_expression_and_rule(forms):
    with open(os.path.join(SRC, 'fo_lines_230.csv'), encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    keys = {(r['form'], r['key']) for r in rows}
    for form, table in forms.items():
        for line in table.lines:
            if line.code:
                assert (form, line.key) in keys, (form, line.code)
    assert all(r['rule'] for r in rows)
