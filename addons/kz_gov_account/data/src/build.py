#!/usr/bin/env python3
"""Generate the Odoo data files of kz_gov_account from the reference tables in data/src/ (ACC-01).

    .venv/bin/python addons/kz_gov_account/data/src/build.py            # write data/*.csv|xml and i18n/kk.po, ru.po
    .venv/bin/python addons/kz_gov_account/data/src/build.py --check    # exit 1 if any generated file is stale

The CSV files beside this script are the single source (each row carries its legal source and status, see
SOURCES.md); nothing here is typed by hand except the few decisions listed under DECISIONS below. Running the script
twice gives the same files (idempotent): outputs are sorted and written only when their content changes.

Inputs (columns):
  chart_281.csv        code,parent_code,name_en,name_ru,name_kk,odoo_type,reconcile,requires_ebk,requires_funding,
                       kind,source,status      -- rows with odoo_type "view" (sections S1.., sub-sections 1000 ..)
                       become account.group records (the hierarchy of the chart), the others account templates
  ebk_403.csv          code,parent_code,level,name_en,name_ru,name_kk,kind,source,status
  funding_sources.csv  code,name_en,name_ru,name_kk,source,status
  fo_lines_230.csv     form,line_code,name_en,name_ru,name_kk,expression,style,source,status

Outputs (data/, loaded by __manifest__.py in this order):
  kz.gov.funding.source.csv          xml ids kz_gov_account.funding_<code>
  kz.gov.ebk.csv                     xml ids kz_gov_account.ebk_<code> (dots of codes such as 1.01 become "_"),
                                     parents first, parent via parent_id:id
  account_chart_template_data.xml    account.group per section/sub-section (group_<code>), the transfer account
                                     and the chart template kz_gov_account.chart_template_kz_gov (KZT, 4 digits,
                                     bank/cash prefixes from the liquidity accounts, spoken languages kk_KZ;ru_RU)
  account.account.template.csv       xml ids kz_gov_account.a<code>: Odoo type, reconcile, group, required
                                     dimensions (kz_requires_ebk, kz_requires_funding), role (kz_kind), source in note
  account_chart_template_post.xml    the chart's default receivable/payable/income/expense accounts, chosen by kind
  kz.gov.report.line.csv             xml ids kz_gov_account.fo_<form>_<line code>, headings fo_<form>_s<NN>
  kz_gov_account_data.xml            links between the tables: the money-account role of each funding source

Translations: the English name is the source term (msgid); the Kazakh and Russian names of every generated record
are written into i18n/kk.po and i18n/ru.po as `#: model:<model>,name:kz_gov_account.<xml id>` entries. Entries that
scripts/i18n_update already laid out from the .pot are filled in place; missing ones are appended, and entries this
script appended earlier for records that no longer exist are dropped. Run this script again after
scripts/i18n_update. The account names reach the companies' accounts through l10n_multilang
(account.chart.template.process_coa_translations, called when the chart is loaded and when a language is installed).
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
MODULE = 'kz_gov_account'
CHART_XMLID = 'chart_template_kz_gov'

# ---------------------------------------------------------------------------------------------------- DECISIONS
# Decisions of this build that are not in the legal sources (each is visible in the generated data):
# 1. Odoo needs an internal transfer account on every chart (reconcilable, current assets). Chart No. 281 has none,
#    so a technical account is added when the chart has no row of kind "transfer"; its name says it is not in the act.
TECHNICAL_TRANSFER = {
    'code': '1099', 'parent_code': '1000', 'odoo_type': 'current_assets', 'reconcile': '1',
    'requires_ebk': '0', 'requires_funding': '0', 'kind': 'transfer_technical',
    'name_en': 'Internal transfers between money accounts (technical, not in the act)',
    'name_ru': 'Внутренние переводы между счетами денег (технический, нет в акте)',
    'name_kk': 'Ақша шоттары арасындағы ішкі аударымдар (техникалық, актіде жоқ)',
    'source': 'Technical account required by Odoo (account.chart.template.transfer_account_id); not in order No. 281',
    'status': 'technical',
}
# 2. Default accounts of partners and products, by role (first role found wins; then the first account of the
#    Odoo type whose role is empty; then any account of that type).
PROPERTY_KINDS = [
    ('property_account_receivable_id', ['receivable_customers'], 'receivable'),
    ('property_account_payable_id', ['payable_suppliers'], 'payable'),
    ('property_account_income_categ_id', ['income_paid_services'], 'revenue'),
    ('property_account_income_id', ['income_paid_services'], 'revenue'),
    ('property_account_expense_categ_id', ['expense_services', 'expense_other'], 'expenses'),
    ('property_account_expense_id', ['expense_services', 'expense_other'], 'expenses'),
]
# 3. The money account that holds each funding source's cash (the chart has one КСН per kind of money: budget,
#    paid services, sponsorship); a source whose code is not listed here has no money account of its own.
FUNDING_MONEY_KIND = {'REP': 'cash_budget', 'LOC': 'cash_budget', 'PAID': 'cash_paid_services',
                      'SPON': 'cash_sponsorship'}
# 4. Odoo account types: the CSV's odoo_type is the suffix of account.data_account_type_<type>, except
#    unaffected_earnings (Odoo's "current year earnings", one per company).
SPECIAL_TYPES = {'unaffected_earnings': 'account.data_unaffected_earnings'}
ODOO_TYPES = {'receivable', 'payable', 'liquidity', 'credit_card', 'current_assets', 'non_current_assets',
              'prepayments', 'fixed_assets', 'current_liabilities', 'non_current_liabilities', 'equity',
              'other_income', 'revenue', 'depreciation', 'expenses', 'direct_costs', 'unaffected_earnings'}
EBK_LEVELS = {'category', 'class', 'subclass', 'specific'}
EBK_KINDS = {'', 'current', 'capital'}
FORMS = {'FO1', 'FO2', 'FO3', 'FO4'}
STYLES = {'section', 'line', 'total'}
CHART_NAME = {
    'en': 'Chart of accounts of state institutions (Kazakhstan, order No. 281)',
    'ru': 'План счетов государственных учреждений (Казахстан, приказ № 281)',
    'kk': 'Мемлекеттік мекемелердің шоттар жоспары (Қазақстан, № 281 бұйрық)',
}


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
        if not row.get('name_en'):
            raise BuildError('%s: no name_en' % row['_where'])
    return rows


def flag(value):
    return value.strip().lower() in ('1', 'true', 'yes', 'y', 'x')


def xmlid_part(code):
    """A code as the tail of an xml id: letters, digits and underscores only (1.01 -> 1_01)."""
    return re.sub(r'[^0-9A-Za-z_]', '_', code)


def note_of(row):
    status = row.get('status') or ''
    return '%s%s' % (row.get('source') or '', (' [status: %s]' % status) if status and status != 'confirmed' else '')


def common_prefix(codes):
    return os.path.commonprefix(list(codes)) if codes else ''


# ---------------------------------------------------------------------------------------------------- model
def build_chart(rows):
    """(groups, accounts, transfer_code): groups and accounts in CSV order, each a dict ready to write."""
    by_code = {}
    for row in rows:
        if row['code'] in by_code:
            raise BuildError('%s: duplicate code %s' % (row['_where'], row['code']))
        by_code[row['code']] = row
    for row in rows:
        if row['parent_code'] and row['parent_code'] not in by_code:
            raise BuildError('%s: unknown parent %s' % (row['_where'], row['parent_code']))
    if not any(r['kind'] == 'transfer' for r in rows):
        if TECHNICAL_TRANSFER['code'] in by_code:
            raise BuildError('the technical transfer account %s collides with the chart' % TECHNICAL_TRANSFER['code'])
        extra = dict(TECHNICAL_TRANSFER, _where='build.py TECHNICAL_TRANSFER')
        rows = rows + [extra]
        by_code[extra['code']] = extra
    views = [r for r in rows if r['odoo_type'] == 'view']
    leaves = [r for r in rows if r['odoo_type'] != 'view']
    children = collections.defaultdict(list)
    for row in rows:
        children[row['parent_code']].append(row)

    def leaf_codes(code):
        out = []
        for child in children[code]:
            out += leaf_codes(child['code']) if child['odoo_type'] == 'view' else [child['code']]
        return out

    prefixes = {}

    def prefix(row):
        if row['code'] in prefixes:
            return prefixes[row['code']]
        codes = leaf_codes(row['code'])
        if row['code'].isdigit():
            # a sub-section XY00 holds the accounts XY.. (1000 -> 10, 1100 -> 11); checked against its accounts
            value = row['code'].rstrip('0')
            value = row['code'][:2] if len(value) < 2 else value
            if any(not c.startswith(value) for c in codes):
                value = common_prefix(codes)
        else:
            sub = [prefix(c) for c in children[row['code']] if c['odoo_type'] == 'view']
            value = common_prefix(sub + [c['code'] for c in children[row['code']] if c['odoo_type'] != 'view'])
        prefixes[row['code']] = value
        return value

    groups = []
    for row in views:
        parent = by_code.get(row['parent_code'])
        if parent is not None and parent['odoo_type'] != 'view':
            raise BuildError('%s: parent %s is an account' % (row['_where'], parent['code']))
        groups.append({'xmlid': 'group_%s' % xmlid_part(row['code']), 'code': row['code'], 'row': row,
                       'code_prefix': prefix(row),
                       'parent': parent and 'group_%s' % xmlid_part(parent['code']) or ''})
    accounts = []
    for row in leaves:
        if not row['code'].isdigit() or len(row['code']) > 4:
            raise BuildError('%s: account code %r is not 1-4 digits' % (row['_where'], row['code']))
        if row['odoo_type'] not in ODOO_TYPES:
            raise BuildError('%s: unknown odoo_type %r' % (row['_where'], row['odoo_type']))
        reconcile = flag(row['reconcile'])
        if row['odoo_type'] in ('receivable', 'payable') and not reconcile:
            raise BuildError('%s: a %s account must be reconcilable' % (row['_where'], row['odoo_type']))
        parent = by_code.get(row['parent_code'])
        accounts.append({
            'xmlid': 'a%s' % row['code'], 'code': row['code'], 'row': row, 'reconcile': reconcile,
            'user_type': SPECIAL_TYPES.get(row['odoo_type'], 'account.data_account_type_%s' % row['odoo_type']),
            'group': parent and parent['odoo_type'] == 'view' and 'group_%s' % xmlid_part(parent['code']) or '',
            'requires_ebk': flag(row['requires_ebk']), 'requires_funding': flag(row['requires_funding']),
            'kind': row['kind'], 'odoo_type': row['odoo_type'],
        })
    if sum(1 for a in accounts if a['odoo_type'] == 'unaffected_earnings') > 1:
        raise BuildError('Odoo allows one unaffected_earnings account per company')
    transfer = next(a for a in accounts if a['kind'] in ('transfer', 'transfer_technical'))
    return groups, accounts, transfer


def choose_properties(accounts):
    chosen = {}
    for field, kinds, odoo_type in PROPERTY_KINDS:
        pick = None
        for kind in kinds:
            pick = next((a for a in accounts if a['kind'] == kind), None)
            if pick:
                break
        pick = pick or next((a for a in accounts if a['odoo_type'] == odoo_type and not a['kind']), None) \
            or next((a for a in accounts if a['odoo_type'] == odoo_type), None)
        if pick:
            chosen[field] = pick['xmlid']
    return chosen


def liquidity_prefixes(accounts):
    """(bank prefix, cash prefix): common prefixes of the money accounts (cash desk = kind cash_desk)."""
    liquid = [a['code'] for a in accounts if a['odoo_type'] == 'liquidity']
    cash = [a['code'] for a in accounts if a['odoo_type'] == 'liquidity' and a['kind'] == 'cash_desk']
    bank = [c for c in liquid if c not in cash]

    def prefix(codes):
        if len(codes) == 1:
            return codes[0][:-1]
        return common_prefix(codes)
    return prefix(bank), prefix(cash or bank)


def build_ebk(rows):
    by_code = {}
    for row in rows:
        if row['code'] in by_code:
            raise BuildError('%s: duplicate ЕБК code %s' % (row['_where'], row['code']))
        if row['level'] not in EBK_LEVELS:
            raise BuildError('%s: unknown level %r' % (row['_where'], row['level']))
        if row.get('kind', '') not in EBK_KINDS:
            raise BuildError('%s: unknown kind %r' % (row['_where'], row['kind']))
        by_code[row['code']] = row
    ordered, seen = [], set()

    def visit(row, path=()):
        if row['code'] in seen:
            return
        if row['code'] in path:
            raise BuildError('%s: cycle in parents' % row['_where'])
        if row['parent_code']:
            if row['parent_code'] not in by_code:
                raise BuildError('%s: unknown parent %s' % (row['_where'], row['parent_code']))
            visit(by_code[row['parent_code']], path + (row['code'],))
        seen.add(row['code'])
        ordered.append(row)
    for row in rows:
        visit(row)
    return ordered


def build_report_lines(rows):
    out, counters, seen = [], collections.Counter(), set()
    for row in rows:
        form, style = row['form'], row['style']
        if form not in FORMS:
            raise BuildError('%s: unknown form %r' % (row['_where'], form))
        if style not in STYLES:
            raise BuildError('%s: unknown style %r' % (row['_where'], style))
        counters[form] += 1
        if row['line_code']:
            xmlid = 'fo_%s_%s' % (form, xmlid_part(row['line_code']))
        else:
            xmlid = 'fo_%s_s%02d' % (form, sum(1 for o in out if o['form'] == form and not o['row']['line_code']) + 1)
        if xmlid in seen:
            raise BuildError('%s: duplicate line %s' % (row['_where'], xmlid))
        seen.add(xmlid)
        out.append({'xmlid': xmlid, 'form': form, 'sequence': counters[form] * 10, 'row': row})
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
          '<!-- Generated by data/src/build.py from data/src/*.csv: do not edit, edit the CSV and run the script. -->\n'
          '<odoo>\n')


def field(name, value=None, ref=None, eval_=None):
    if ref is not None:
        return '        <field name="%s" ref="%s"/>\n' % (name, ref)
    if eval_ is not None:
        return '        <field name="%s" eval=%s/>\n' % (name, quoteattr(eval_))
    return '        <field name="%s">%s</field>\n' % (name, escape(value))


def render(data):
    groups, accounts, transfer = data['chart']
    files = {}
    files['data/kz.gov.funding.source.csv'] = csv_text(
        ['id', 'code', 'name', 'sequence', 'source'],
        [['funding_%s' % xmlid_part(r['code']), r['code'], r['name_en'], (i + 1) * 10, note_of(r)]
         for i, r in enumerate(data['funding'])])
    files['data/kz.gov.ebk.csv'] = csv_text(
        ['id', 'code', 'name', 'parent_id:id', 'level', 'kind', 'source'],
        [['ebk_%s' % xmlid_part(r['code']), r['code'], r['name_en'],
          r['parent_code'] and 'ebk_%s' % xmlid_part(r['parent_code']) or '', r['level'], r.get('kind', ''),
          note_of(r)] for r in data['ebk']])

    bank_prefix, cash_prefix = liquidity_prefixes(accounts)
    xml = [HEADER, '    <!-- The hierarchy of the chart: sections and sub-sections (account.group) -->\n']
    for g in groups:
        xml.append('    <record id="%s" model="account.group">\n' % g['xmlid'])
        xml.append(field('name', g['row']['name_en']))
        xml.append(field('code_prefix', g['code_prefix']))
        if g['parent']:
            xml.append(field('parent_id', ref=g['parent']))
        xml.append('    </record>\n')
    xml.append('\n    <!-- The transfer account first (the chart template requires it), then the chart template -->\n')
    xml.append('    <record id="%s" model="account.account.template">\n' % transfer['xmlid'])
    xml += account_fields_xml(transfer)
    xml.append('    </record>\n')
    xml.append('    <record id="%s" model="account.chart.template">\n' % CHART_XMLID)
    xml.append(field('name', CHART_NAME['en']))
    xml.append(field('code_digits', eval_='4'))
    xml.append(field('currency_id', ref='base.KZT'))
    xml.append(field('transfer_account_id', ref=transfer['xmlid']))
    xml.append(field('bank_account_code_prefix', bank_prefix))
    xml.append(field('cash_account_code_prefix', cash_prefix))
    xml.append(field('spoken_languages', 'kk_KZ;ru_RU'))
    xml.append(field('complete_tax_set', eval_='False'))
    xml.append('    </record>\n')
    xml.append('    <record id="%s" model="account.account.template">\n' % transfer['xmlid'])
    xml.append(field('chart_template_id', ref=CHART_XMLID))
    xml.append('    </record>\n</odoo>\n')
    files['data/account_chart_template_data.xml'] = ''.join(xml)

    files['data/account.account.template.csv'] = csv_text(
        ['id', 'code', 'name', 'user_type_id:id', 'reconcile', 'group_id:id', 'chart_template_id:id',
         'kz_requires_ebk', 'kz_requires_funding', 'kz_kind', 'note'],
        [[a['xmlid'], a['code'], a['row']['name_en'], a['user_type'], b(a['reconcile']), a['group'], CHART_XMLID,
          b(a['requires_ebk']), b(a['requires_funding']), a['kind'], note_of(a['row'])]
         for a in accounts if a is not transfer])

    post = [HEADER,
            '    <!-- Default accounts of partners and products, chosen by role (build.py PROPERTY_KINDS) -->\n',
            '    <record id="%s" model="account.chart.template">\n' % CHART_XMLID]
    for name, xmlid in sorted(choose_properties(accounts).items()):
        post.append(field(name, ref=xmlid))
    post.append('    </record>\n</odoo>\n')
    files['data/account_chart_template_post.xml'] = ''.join(post)

    files['data/kz.gov.report.line.csv'] = csv_text(
        ['id', 'form', 'sequence', 'code', 'name', 'expression', 'style', 'source'],
        [[line['xmlid'], line['form'], line['sequence'], line['row']['line_code'], line['row']['name_en'],
          line['row']['expression'], line['row']['style'], note_of(line['row'])] for line in data['report_lines']])

    links = [HEADER, '    <!-- The money account (by role in the chart) that holds each funding source\'s cash '
                     '(build.py FUNDING_MONEY_KIND) -->\n']
    kinds = {a['kind'] for a in accounts if a['odoo_type'] == 'liquidity'}
    for row in data['funding']:
        kind = FUNDING_MONEY_KIND.get(row['code'])
        if kind and kind not in kinds:
            raise BuildError('funding source %s: no money account of kind %s in the chart' % (row['code'], kind))
        links.append('    <record id="funding_%s" model="kz.gov.funding.source">\n' % xmlid_part(row['code']))
        links.append(field('money_account_kind', kind or ''))
        links.append('    </record>\n')
    links.append('</odoo>\n')
    files['data/kz_gov_account_data.xml'] = ''.join(links)
    return files


def account_fields_xml(a):
    out = [field('code', a['code']), field('name', a['row']['name_en']), field('user_type_id', ref=a['user_type']),
           field('reconcile', eval_=b(a['reconcile']))]
    if a['group']:
        out.append(field('group_id', ref=a['group']))
    out += [field('kz_requires_ebk', eval_=b(a['requires_ebk'])),
            field('kz_requires_funding', eval_=b(a['requires_funding'])), field('kz_kind', a['kind']),
            field('note', note_of(a['row']))]
    return out


# ---------------------------------------------------------------------------------------------------- i18n
def terms(data):
    """[(model, xml id, en, ru, kk), ...] of every generated record with a translatable name."""
    groups, accounts, _transfer = data['chart']
    out = [('kz.gov.funding.source', 'funding_%s' % xmlid_part(r['code']), r) for r in data['funding']]
    out += [('kz.gov.ebk', 'ebk_%s' % xmlid_part(r['code']), r) for r in data['ebk']]
    out += [('account.group', g['xmlid'], g['row']) for g in groups]
    out += [('account.account.template', a['xmlid'], a['row']) for a in accounts]
    out += [('kz.gov.report.line', line['xmlid'], line['row']) for line in data['report_lines']]
    result = [(model, xmlid, r['name_en'], r.get('name_ru', ''), r.get('name_kk', '')) for model, xmlid, r in out]
    result.append(('account.chart.template', CHART_XMLID, CHART_NAME['en'], CHART_NAME['ru'], CHART_NAME['kk']))
    return result


MANAGED_MODELS = ('kz.gov.funding.source', 'kz.gov.ebk', 'account.group', 'account.account.template',
                  'kz.gov.report.line', 'account.chart.template')
REF_RE = re.compile(r'^#: model:([a-z0-9_.]+),name:%s\.(\S+)$' % MODULE)


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
    """The PO text with the names of all_terms filled in for lang ('ru' or 'kk')."""
    index = 3 if lang == 'ru' else 4
    wanted = collections.OrderedDict()      # msgid -> {'refs': [...], 'value': str}
    for model, xmlid, en, ru, kk in all_terms:
        value = (ru, kk)[index - 3]
        entry = wanted.setdefault(en, {'refs': [], 'value': value})
        entry['refs'].append('#: model:%s,name:%s.%s' % (model, MODULE, xmlid))
        if value and entry['value'] and value != entry['value']:
            warnings.append('%s: "%s" has two %s names: "%s" and "%s" (the first is used)'
                            % (xmlid, en, lang, entry['value'], value))
        entry['value'] = entry['value'] or value
    blocks = [b.split('\n') for b in text.strip('\n').split('\n\n')] if text.strip() else []
    header, body = (blocks[0], blocks[1:]) if blocks else (po_header(lang).split('\n'), [])
    out, done = ['\n'.join(header)], set()
    for block in body:
        msgid, refs, comments = parse_block(block)
        managed = [r for r in refs if REF_RE.match(r) and REF_RE.match(r).group(1) in MANAGED_MODELS]
        if msgid in wanted:
            keep = [r for r in refs if r not in managed]
            new_refs = keep + [r for r in wanted[msgid]['refs']]
            if not any(c.startswith('#. module:') for c in comments):
                comments = ['#. module: %s' % MODULE] + comments
            lines = [c for c in comments if c.startswith('#.')] + new_refs + \
                [c for c in comments if not c.startswith('#.')]
            out.append('\n'.join(lines + ['msgid ' + po_quote(msgid), 'msgstr ' + po_quote(wanted[msgid]['value'])]))
            done.add(msgid)
        elif managed and len(managed) == len(refs):
            continue            # appended earlier for records that no longer exist
        else:
            if managed:         # drop our stale references from a shared entry
                block = [line for line in block if line not in managed]
            out.append('\n'.join(block))
    for msgid, entry in wanted.items():
        if msgid not in done:
            out.append('\n'.join(['#. module: %s' % MODULE] + entry['refs'] +
                                 ['msgid ' + po_quote(msgid), 'msgstr ' + po_quote(entry['value'])]))
    return '\n\n'.join(out) + '\n'


# ---------------------------------------------------------------------------------------------------- main
def load(src):
    return {
        'chart': build_chart(read_csv(src, 'chart_281.csv')),
        'ebk': build_ebk(read_csv(src, 'ebk_403.csv')),
        'funding': read_csv(src, 'funding_sources.csv'),
        'report_lines': build_report_lines(read_csv(src, 'fo_lines_230.csv')),
    }


def outputs(src, addon, i18n=True):
    """{relative path: content} of every file this script owns, computed from src (no writing)."""
    data = load(src)
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
        files, warnings = outputs(args.src, args.addon, i18n=not args.no_i18n)
    except BuildError as exc:
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
