#!/usr/bin/env python3
"""Generate the Odoo data files of kz_gov_account from the legal acts and the tables in data/src/ (ACC-01).

    .venv/bin/python addons/kz_gov_account/data/src/build.py            # write data/*.csv|xml and i18n/kk.po, ru.po
    .venv/bin/python addons/kz_gov_account/data/src/build.py --check    # exit 1 if any generated file is stale

Inputs:
  acts/…                 verbatim copies of the acts (see ../../gov_acts.py): the chart of accounts is annex 1 of
                         MinFin order No. 170 (Russian and Kazakh), the economic classification annex 2 of order
                         No. 151, the forms ФО-1…ФО-4 those of order No. 230. Codes and names come from there only:
                         a later edition of an act is a new copy of its file and a rerun of this script.
  chart_170_properties.csv  prefix,odoo_type,reconcile,requires_ebk,requires_funding,kind,reason — what Odoo needs to
                         know of each account and the acts do not say (the most specific prefix of the code applies)
  funding_sources.csv    code,name_en,name_ru,name_kk,money_kind,capital_kind,source
  fo_lines_230.csv       form,key,column,expression,rule,note — the expression of each line (column of ФО-4) and the
                         item of the rules of order No. 230 it follows; every coded line of the forms has a row
  standard_entries.csv   read by ../../gov_entries.py at run time (not generated)

Outputs (data/, loaded by __manifest__.py in this order):
  kz.gov.funding.source.csv          xml ids kz_gov_account.funding_<code>
  kz.gov.ebk.csv                     xml ids kz_gov_account.ebk_<code> (1.1 → 1_1), parents first
  account_chart_template_data.xml    account.group per section, sub-section and account with sub-accounts
                                     (group_S1, group_1000, group_7000_7100, group_1040), the transfer account and the
                                     chart template kz_gov_account.chart_template_kz_gov
  account.account.template.csv       xml ids kz_gov_account.a<code> (a1010, a01): every account without sub-accounts,
                                     every sub-account and the off-balance accounts
  account_chart_template_post.xml    the chart's default receivable/payable/income/expense accounts, chosen by kind
  kz.gov.report.line.csv             xml ids fo_<form>_<line code> (020-1 → 020_1), rows without a code
                                     fo_<form>_s<NN>

Translations: the Russian name is the source term (msgid) of every record built from an act, the Kazakh and Russian
names are written into i18n/kk.po and i18n/ru.po as `#: model:<model>,name:kz_gov_account.<xml id>` entries — one
entry per distinct translation, so two records with the same Russian name keep their own Kazakh names. Entries that
scripts/i18n_update laid out are refilled; run this script again after scripts/i18n_update. The account names reach
the companies' accounts through l10n_multilang.
"""
import argparse
import collections
import csv
import io
import os
import re
import sys
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ADDON)
import gov_acts  # noqa: E402  (pure module of this addon)

MODULE = 'kz_gov_account'
CHART_XMLID = 'chart_template_kz_gov'
CHART_EDITION = 'MinFin order No. 170 of 16.04.2025, annex 1, edition 01.01.2026 (order No. 721 of 25.11.2025)'
EBK_EDITION = 'MinFin order No. 151 of 04.04.2025, annex 2, in force 01.01.2026, edition 01.01.2026 (order No. 761)'
EBK_FROM = '2026-01-01'
FORMS_EDITION = 'Order No. 230 of 15.05.2025, edition 26.12.2025 (order No. 808)'
FORM_ANNEX = {'FO1': 1, 'FO2': 2, 'FO3': 3, 'FO4': 4}

# ---------------------------------------------------------------------------------------------------- DECISIONS
# Decisions of this build that are not in the acts (each is visible in the generated data):
# 1. Default accounts of partners and products, by role (kind in chart_170_properties.csv).
PROPERTY_KINDS = [
    ('property_account_receivable_id', 'receivable_customers'),
    ('property_account_payable_id', 'payable_suppliers'),
    ('property_account_income_categ_id', 'income_sales'),
    ('property_account_income_id', 'income_sales'),
    ('property_account_expense_categ_id', 'expense_services'),
    ('property_account_expense_id', 'expense_services'),
]
# 2. Odoo needs a transfer account on every chart: the account of kind "transfer" (1073 «Денежные средства в пути»).
TRANSFER_KIND = 'transfer'
# 3. New bank and cash journals a user creates get an account under these prefixes (money: 10…).
BANK_PREFIX, CASH_PREFIX = '10', '101'
SPECIAL_TYPES = {'unaffected_earnings': 'account.data_unaffected_earnings'}
ODOO_TYPES = {'receivable', 'payable', 'liquidity', 'credit_card', 'current_assets', 'non_current_assets',
              'prepayments', 'fixed_assets', 'current_liabilities', 'non_current_liabilities', 'equity',
              'other_income', 'revenue', 'depreciation', 'expenses', 'direct_costs', 'unaffected_earnings'}
EBK_KIND_OF_CATEGORY = {'1': 'current', '2': 'capital'}
CHART_NAME = {
    'ru': 'План счетов бухгалтерского учета государственных учреждений (приказ № 170, ред. 01.01.2026)',
    'kk': 'Мемлекеттік мекемелердің бухгалтерлік есепке алу шоттарының жоспары (№ 170 бұйрық, 01.01.2026 ред.)',
}
FORMS = ('FO1', 'FO2', 'FO3', 'FO4')
FO4_COLUMNS = ('3', '4', '5')


class BuildError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------- reading
def read_csv(src, name):
    path = os.path.join(src, name)
    if not os.path.exists(path):
        raise BuildError('missing %s' % path)
    with open(path, encoding='utf-8', newline='') as f:
        rows = [{k: (v or '').strip() for k, v in row.items()} for row in csv.DictReader(f)]
    for i, row in enumerate(rows, 2):
        row['_where'] = '%s:%d' % (name, i)
    return rows


def flag(value):
    return value.strip().lower() in ('1', 'true', 'yes', 'y', 'x')


def xmlid_part(code):
    """A code as the tail of an xml id: letters, digits and underscores only (1.1 → 1_1, 7000 – 7100 → 7000_7100)."""
    return re.sub(r'_+', '_', re.sub(r'[^0-9A-Za-z]', '_', code)).strip('_')


# ---------------------------------------------------------------------------------------------------- chart
def properties_of(code, rules):
    """The row of chart_170_properties.csv with the longest prefix of `code`."""
    best = None
    for rule in rules:
        if code.startswith(rule['prefix']) and (best is None or len(rule['prefix']) > len(best['prefix'])):
            best = rule
    if best is None:
        raise BuildError('account %s: no row of chart_170_properties.csv covers it' % code)
    return best


def build_chart(act_rows, rules):
    """(groups, accounts, transfer): account.group per section, sub-section and account with sub-accounts; an
    account template per other account, sub-account and off-balance account."""
    for rule in rules:
        if rule['odoo_type'] not in ODOO_TYPES:
            raise BuildError('%s: unknown odoo_type %r' % (rule['_where'], rule['odoo_type']))
    has_children = {r.parent for r in act_rows if r.kind in ('subaccount',)}
    codes = {r.code for r in act_rows}
    groups, accounts = [], []
    for row in act_rows:
        source = '%s, row %d%s' % (CHART_EDITION, row.seq, ('; ' + row.note) if row.note else '')
        if row.kind in ('section', 'subsection') or (row.kind == 'account' and row.code in has_children):
            if row.kind == 'section':
                prefix = row.code[1:] if row.code != 'S9' else '0'
            elif row.kind == 'subsection':
                prefix = gov_acts.subsection_prefix(row.code)
            else:
                prefix = row.code[:3]
            groups.append({'xmlid': 'group_%s' % xmlid_part(row.code), 'row': row, 'code_prefix': prefix,
                           'parent': row.parent and 'group_%s' % xmlid_part(row.parent) or '', 'source': source})
            continue
        rule = properties_of(row.code, rules)
        reconcile = flag(rule['reconcile'])
        if rule['odoo_type'] in ('receivable', 'payable') and not reconcile:
            raise BuildError('%s: a %s account must be reconcilable' % (rule['_where'], rule['odoo_type']))
        if row.parent not in codes:
            raise BuildError('account %s: unknown parent %s' % (row.code, row.parent))
        accounts.append({
            'xmlid': 'a%s' % row.code, 'code': row.code, 'row': row, 'reconcile': reconcile,
            'user_type': SPECIAL_TYPES.get(rule['odoo_type'], 'account.data_account_type_%s' % rule['odoo_type']),
            'group': 'group_%s' % xmlid_part(row.parent),
            'requires_ebk': flag(rule['requires_ebk']), 'requires_funding': flag(rule['requires_funding']),
            'kind': rule['kind'] if rule['prefix'] == row.code or rule['kind'] == 'off_balance' else '',
            'odoo_type': rule['odoo_type'],
            'note': '%s. Properties (prefix %s): %s' % (source, rule['prefix'], rule['reason']),
        })
    unused = [r['prefix'] for r in rules if len(r['prefix']) == 4 and r['prefix'] not in codes]
    if unused:
        raise BuildError('chart_170_properties.csv names accounts the act does not have: %s' % ', '.join(unused))
    kinds = collections.Counter(a['kind'] for a in accounts if a['kind'] and a['kind'] != 'off_balance')
    doubled = [k for k, n in kinds.items() if n > 1]
    if doubled:
        raise BuildError('kinds given to more than one account: %s' % ', '.join(doubled))
    if sum(1 for a in accounts if a['odoo_type'] == 'unaffected_earnings') != 1:
        raise BuildError('Odoo needs exactly one unaffected_earnings account per company')
    transfer = [a for a in accounts if a['kind'] == TRANSFER_KIND]
    if len(transfer) != 1:
        raise BuildError('exactly one account must have the kind %r' % TRANSFER_KIND)
    return groups, accounts, transfer[0]


def choose_properties(accounts):
    chosen = {}
    for field, kind in PROPERTY_KINDS:
        pick = next((a for a in accounts if a['kind'] == kind), None)
        if pick is None:
            raise BuildError('no account of kind %s for %s' % (kind, field))
        chosen[field] = pick['xmlid']
    return chosen


# ---------------------------------------------------------------------------------------------------- ЕБК
def build_ebk(act_rows):
    out = []
    for seq, row in enumerate(act_rows, 1):
        category = row.code.split('.')[0] if row.level in ('category', 'class') else None
        out.append({'xmlid': 'ebk_%s' % xmlid_part(row.code), 'row': row, 'seq': seq,
                    'parent': row.parent and 'ebk_%s' % xmlid_part(row.parent) or '',
                    'kind': '', 'source': '%s, row %d' % (EBK_EDITION, seq), 'category': category})
    by_xmlid = {e['xmlid']: e for e in out}
    for e in out:           # the kind (current/capital) of the category, passed down
        top = e
        while top['parent']:
            top = by_xmlid[top['parent']]
        e['kind'] = EBK_KIND_OF_CATEGORY.get(top['row'].code, '')
    return out


# ---------------------------------------------------------------------------------------------------- forms
_TERM_KIND = re.compile(r'^[+-]([A-Z]+):?')


def _style(expressions, code):
    """section: a row without a code and without figures; total: only references to other lines; else line."""
    terms = [t for e in expressions for t in e.split()]
    if not terms:
        return 'section' if not code else 'line'
    if all(t[1:].startswith('L:') for t in terms):
        return 'total'
    return 'line'


def build_report_lines(tables, rows):
    by_key = collections.OrderedDict()
    for row in rows:
        if row['form'] not in FORMS:
            raise BuildError('%s: unknown form %r' % (row['_where'], row['form']))
        key = (row['form'], row['key'], row['column'])
        if key in by_key:
            raise BuildError('%s: line %s %s given twice' % (row['_where'], row['form'], row['key']))
        by_key[key] = row
    out, used = [], set()
    for form in FORMS:
        table = tables[form]
        uncoded = 0
        for line in table.lines:
            if line.code:
                xmlid = 'fo_%s_%s' % (form, xmlid_part(line.code))
            else:
                uncoded += 1
                xmlid = 'fo_%s_s%02d' % (form, uncoded)
            notes, expression, columns = [], '', []
            if form == 'FO4':
                for column in FO4_COLUMNS:
                    row = by_key.get((form, line.key, column))
                    crossed = int(column) in line.crossed
                    if row is not None:
                        used.add((form, line.key, column))
                        if crossed:
                            raise BuildError('%s: column %s of ФО-4 line %s is crossed in the form' % (
                                row['_where'], column, line.key))
                        columns.append('%s:%s' % (column, row['expression']))
                        notes.append('col. %s: rules item %s%s' % (column, row['rule'],
                                                                   ('; ' + row['note']) if row['note'] else ''))
                    elif not crossed and line.code:
                        raise BuildError('ФО-4 line %s, column %s: no row in fo_lines_230.csv' % (line.key, column))
            else:
                row = by_key.get((form, line.key, ''))
                if row is not None:
                    used.add((form, line.key, ''))
                    expression = row['expression']
                    notes.append('rules item %s%s' % (row['rule'], ('; ' + row['note']) if row['note'] else ''))
                elif line.code:
                    raise BuildError('%s line %s: no row in fo_lines_230.csv' % (form, line.key))
            exprs = [expression] + [c.split(':', 1)[1] for c in columns]
            out.append({
                'xmlid': xmlid, 'form': form, 'sequence': line.seq * 10, 'line': line,
                'expression': expression, 'columns': '\n'.join(columns),
                'crossed': ','.join(str(c) for c in line.crossed),
                'style': _style([e for e in exprs if e], line.code),
                'source': '%s, annex %d (form %s), row %d%s' % (
                    FORMS_EDITION, FORM_ANNEX[form], form.replace('FO', 'ФО-'), line.seq,
                    ('; ' + '; '.join(notes)) if notes else ''),
            })
    extra = [k for k in by_key if k not in used]
    if extra:
        raise BuildError('fo_lines_230.csv names lines the forms do not have: %s' % ', '.join(
            '%s %s %s' % k for k in extra))
    return out


# ---------------------------------------------------------------------------------------------------- writing
def csv_text(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator='\n')
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def b(value):
    return 'True' if value else 'False'


HEADER = ('<?xml version="1.0" encoding="utf-8"?>\n'
          '<!-- Generated by data/src/build.py from the acts in data/src/acts and data/src/*.csv: do not edit, '
          'edit the sources and run the script. -->\n'
          '<odoo>\n')


def field(name, value=None, ref=None, eval_=None):
    if ref is not None:
        return '        <field name="%s" ref="%s"/>\n' % (name, ref)
    if eval_ is not None:
        return '        <field name="%s" eval=%s/>\n' % (name, quoteattr(eval_))
    return '        <field name="%s">%s</field>\n' % (name, escape(value))


def account_fields_xml(a):
    return [field('code', a['code']), field('name', a['row'].name_ru), field('user_type_id', ref=a['user_type']),
            field('reconcile', eval_=b(a['reconcile'])), field('group_id', ref=a['group']),
            field('kz_requires_ebk', eval_=b(a['requires_ebk'])),
            field('kz_requires_funding', eval_=b(a['requires_funding'])), field('kz_kind', a['kind']),
            field('note', a['note'])]


def render(data):
    groups, accounts, transfer = data['chart']
    files = {}
    files['data/kz.gov.funding.source.csv'] = csv_text(
        ['id', 'code', 'name', 'sequence', 'money_account_kind', 'capital_account_kind', 'source'],
        [['funding_%s' % xmlid_part(r['code']), r['code'], r['name_en'], (i + 1) * 10, r['money_kind'],
          r['capital_kind'], r['source']] for i, r in enumerate(data['funding'])])
    files['data/kz.gov.ebk.csv'] = csv_text(
        ['id', 'code', 'name', 'parent_id:id', 'level', 'kind', 'date_from', 'sequence', 'source'],
        [[e['xmlid'], e['row'].code, e['row'].name_ru, e['parent'], e['row'].level, e['kind'], EBK_FROM,
          e['seq'], e['source']] for e in data['ebk']])

    xml = [HEADER, '    <!-- The hierarchy of the chart (annex 1 of order No. 170): sections, sub-sections and the '
                   'accounts that have sub-accounts (account.group) -->\n']
    for g in groups:
        xml.append('    <record id="%s" model="account.group">\n' % g['xmlid'])
        xml.append(field('name', g['row'].name_ru))
        xml.append(field('code_prefix', g['code_prefix']))
        xml.append(field('kz_act_code', g['row'].code if g['row'].kind != 'section' else ''))
        xml.append(field('kz_act_row', eval_=str(g['row'].seq)))
        if g['parent']:
            xml.append(field('parent_id', ref=g['parent']))
        xml.append('    </record>\n')
    xml.append('\n    <!-- The transfer account first (the chart template requires it), then the chart template -->\n')
    xml.append('    <record id="%s" model="account.account.template">\n' % transfer['xmlid'])
    xml += account_fields_xml(transfer)
    xml.append('    </record>\n')
    xml.append('    <record id="%s" model="account.chart.template">\n' % CHART_XMLID)
    xml.append(field('name', CHART_NAME['ru']))
    xml.append(field('code_digits', eval_='4'))
    xml.append(field('currency_id', ref='base.KZT'))
    xml.append(field('transfer_account_id', ref=transfer['xmlid']))
    xml.append(field('bank_account_code_prefix', BANK_PREFIX))
    xml.append(field('cash_account_code_prefix', CASH_PREFIX))
    xml.append(field('spoken_languages', 'kk_KZ;ru_RU'))
    xml.append(field('complete_tax_set', eval_='False'))
    xml.append(field('kz_edition', CHART_EDITION))
    xml.append('    </record>\n')
    xml.append('    <record id="%s" model="account.account.template">\n' % transfer['xmlid'])
    xml.append(field('chart_template_id', ref=CHART_XMLID))
    xml.append('    </record>\n</odoo>\n')
    files['data/account_chart_template_data.xml'] = ''.join(xml)

    files['data/account.account.template.csv'] = csv_text(
        ['id', 'code', 'name', 'user_type_id:id', 'reconcile', 'group_id:id', 'chart_template_id:id',
         'kz_requires_ebk', 'kz_requires_funding', 'kz_kind', 'kz_act_row', 'note'],
        [[a['xmlid'], a['code'], a['row'].name_ru, a['user_type'], b(a['reconcile']), a['group'], CHART_XMLID,
          b(a['requires_ebk']), b(a['requires_funding']), a['kind'], a['row'].seq, a['note']]
         for a in accounts if a is not transfer])

    post = [HEADER,
            '    <!-- Default accounts of partners and products, chosen by role (build.py PROPERTY_KINDS) -->\n',
            '    <record id="%s" model="account.chart.template">\n' % CHART_XMLID]
    for name, xmlid in sorted(choose_properties(accounts).items()):
        post.append(field(name, ref=xmlid))
    post.append('    </record>\n</odoo>\n')
    files['data/account_chart_template_post.xml'] = ''.join(post)

    files['data/kz.gov.report.line.csv'] = csv_text(
        ['id', 'form', 'sequence', 'code', 'name', 'expression', 'column_expressions', 'crossed', 'style', 'source'],
        [[l['xmlid'], l['form'], l['sequence'], l['line'].code, l['line'].name_ru, l['expression'], l['columns'],
          l['crossed'], l['style'], l['source']] for l in data['report_lines']])
    return files


# ---------------------------------------------------------------------------------------------------- i18n
def terms(data):
    """[(model, xml id, msgid, ru, kk), ...] of every generated record with a translatable name."""
    groups, accounts, _transfer = data['chart']
    out = [('kz.gov.funding.source', 'funding_%s' % xmlid_part(r['code']), r['name_en'], r['name_ru'], r['name_kk'])
           for r in data['funding']]
    out += [('kz.gov.ebk', e['xmlid'], e['row'].name_ru, e['row'].name_ru, e['row'].name_kk) for e in data['ebk']]
    out += [('account.group', g['xmlid'], g['row'].name_ru, g['row'].name_ru, g['row'].name_kk) for g in groups]
    out += [('account.account.template', a['xmlid'], a['row'].name_ru, a['row'].name_ru, a['row'].name_kk)
            for a in accounts]
    out += [('kz.gov.report.line', l['xmlid'], l['line'].name_ru, l['line'].name_ru, l['line'].name_kk)
            for l in data['report_lines']]
    out.append(('account.chart.template', CHART_XMLID, CHART_NAME['ru'], CHART_NAME['ru'], CHART_NAME['kk']))
    return out


MANAGED_MODELS = ('kz.gov.funding.source', 'kz.gov.ebk', 'account.group', 'account.account.template',
                  'kz.gov.report.line', 'account.chart.template')
REF_RE = re.compile(r'^#: model:([a-z0-9_.]+),name:%s\.(\S+)$' % MODULE)
#: the companies' accounts (xml ids <company id>_a<code>) that a translation export of a database lists: they take
#: their kk/ru names from the templates when the chart is loaded (l10n_multilang), so a PO entry of theirs would only
#: hold a name of its day and override the template's after an edition changes it: always dropped
DERIVED_RE = re.compile(r'^#: model:account\.account,name:%s\.\d+_\S+$' % MODULE)


def po_quote(text):
    return '"%s"' % text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')


def po_unquote(lines):
    out = ''
    for line in lines:
        line = line.strip()
        body = line[line.index('"') + 1:line.rindex('"')]
        out += re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), body)
    return out


def parse_block(block):
    """(msgid, refs, other comment lines) of a PO entry block (list of lines)."""
    msgid_lines, mode, refs, comments = [], None, [], []
    for line in block:
        if line.startswith('msgid '):
            mode = 'id'
            msgid_lines.append(line[6:])
        elif line.startswith('msgstr'):
            mode = 'str'
        elif line.startswith('"'):
            if mode == 'id':
                msgid_lines.append(line)
        elif line.startswith('#:'):
            refs.append(line)
        else:
            comments.append(line)
    return (po_unquote(msgid_lines) if msgid_lines else None), refs, comments


def po_header(lang_name):
    return ('# Translation of Odoo Server.\n# This file contains the translation of the following modules:\n'
            '#\t* %s\n#\nmsgid ""\nmsgstr ""\n"Project-Id-Version: Odoo Server 11.0\\n"\n'
            '"Report-Msgid-Bugs-To: \\n"\n"Last-Translator: <>\\n"\n"Language-Team: %s\\n"\n'
            '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Content-Transfer-Encoding: \\n"\n"Plural-Forms: \\n"' % (MODULE, lang_name))


def update_po(text, lang, all_terms, warnings):
    """The PO text with the names of all_terms filled in for lang ('ru' or 'kk'): one entry per (msgid,
    translation), in the place of the first entry of that msgid; the other entries keep their place."""
    index = 3 if lang == 'ru' else 4
    wanted = collections.OrderedDict()      # msgid -> OrderedDict(value -> [refs])
    for item in all_terms:
        model, xmlid, msgid, value = item[0], item[1], item[2], item[index]
        if not value:
            warnings.append('%s %s: no %s name' % (model, xmlid, lang))
        wanted.setdefault(msgid, collections.OrderedDict()).setdefault(value, []).append(
            '#: model:%s,name:%s.%s' % (model, MODULE, xmlid))
    blocks = [b.split('\n') for b in text.strip('\n').split('\n\n')] if text.strip() else []
    header, body = (blocks[0], blocks[1:]) if blocks else (po_header(lang).split('\n'), [])
    out, done = ['\n'.join(header)], set()

    def entries(msgid, comments, keep):
        result = []
        for i, (value, refs) in enumerate(wanted[msgid].items()):
            refs = (keep if i == 0 else []) + refs
            lines = ['#. module: %s' % MODULE] + [c for c in comments if c.startswith('#.') and
                                                  not c.startswith('#. module:')] + refs + \
                [c for c in comments if not c.startswith('#.')]
            result.append('\n'.join(lines + ['msgid ' + po_quote(msgid), 'msgstr ' + po_quote(value)]))
        return result

    for block in body:
        msgid, refs, comments = parse_block(block)
        managed = [r for r in refs if (REF_RE.match(r) and REF_RE.match(r).group(1) in MANAGED_MODELS)
                   or DERIVED_RE.match(r)]
        if msgid in wanted:
            if msgid in done:
                keep = [r for r in refs if r not in managed]
                if keep:        # another model's reference to the same term: a block of its own, value kept
                    out.append('\n'.join([l for l in block if l not in managed]))
                continue
            out += entries(msgid, comments, [r for r in refs if r not in managed])
            done.add(msgid)
        elif managed and len(managed) == len(refs):
            continue            # written earlier for records that no longer exist
        else:
            if managed:         # drop our stale references from a shared entry
                block = [line for line in block if line not in managed]
            out.append('\n'.join(block))
    for msgid in wanted:
        if msgid not in done:
            out += entries(msgid, [], [])
    return '\n\n'.join(out) + '\n'


# ---------------------------------------------------------------------------------------------------- main
def load(src, acts_dir=None):
    rules = read_csv(src, 'chart_170_properties.csv')
    funding = read_csv(src, 'funding_sources.csv')
    for row in funding:
        if not (row['name_en'] and row['name_ru'] and row['name_kk']):
            raise BuildError('%s: a funding source needs its en, ru and kk names' % row['_where'])
    return {
        'chart': build_chart(gov_acts.chart_rows(acts_dir), rules),
        'ebk': build_ebk(gov_acts.ebk_rows(acts_dir)),
        'funding': funding,
        'report_lines': build_report_lines(gov_acts.form_tables(acts_dir), read_csv(src, 'fo_lines_230.csv')),
    }


def outputs(src, addon, i18n=True, acts_dir=None):
    """{relative path: content} of every file this script owns, computed from src (no writing)."""
    data = load(src, acts_dir)
    files = render(data)
    warnings = []
    if i18n:
        all_terms = terms(data)
        for lang in ('kk', 'ru'):
            path = os.path.join(addon, 'i18n', '%s.po' % lang)
            text = open(path, encoding='utf-8').read() if os.path.exists(path) else ''
            files['i18n/%s.po' % lang] = update_po(text, lang, all_terms, warnings)
    return files, warnings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--src', default=HERE, help='folder of the source CSV files (default: beside this script)')
    parser.add_argument('--addon', default=ADDON, help='addon folder to write into (default: kz_gov_account)')
    parser.add_argument('--no-i18n', action='store_true', help='do not touch i18n/kk.po and i18n/ru.po')
    parser.add_argument('--check', action='store_true', help='write nothing; exit 1 if a file would change')
    args = parser.parse_args(argv)
    try:
        files, warnings = outputs(args.src, args.addon, i18n=not args.no_i18n,
                                  acts_dir=os.path.join(args.src, 'acts'))
    except (BuildError, gov_acts.ActError) as exc:
        print('build.py: error: %s' % exc, file=sys.stderr)
        return 2
    for warning in warnings:
        print('build.py: warning: %s' % warning, file=sys.stderr)
    stale = []
    for rel, content in sorted(files.items()):
        path = os.path.join(args.addon, rel)
        old = open(path, encoding='utf-8').read() if os.path.exists(path) else None
        if old == content:
            continue
        stale.append(rel)
        if not args.check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(content)
    verb = 'stale' if args.check else 'written'
    print('build.py: %d files, %s: %s' % (len(files), verb, ', '.join(stale) or 'none'))
    return 1 if (args.check and stale) else 0


if __name__ == '__main__':
    sys.exit(main())
