#!/usr/bin/env python3
"""Fill the empty msgstr of an addon's i18n/kk.po and ru.po from a translation memory: our other kz_* addons, the
core-module Kazakh translations in i18n/<module>/kk.po, Odoo's own ru.po of the core modules we use; and from a
manual JSON dict {msgid: [kk, ru]} (which wins). Reports what stays empty.

    .venv/bin/python scripts/i18n_fill.py ADDON [--manual FILE.json]
"""
import argparse
import glob
import io
import json
import os
import re
from babel.messages import pofile
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO = ROOT + '/.venv/lib/python3.7/site-packages/odoo'
LATIN = re.compile('[A-Za-z]')

def load(path):
    try:
        with open(path, 'rb') as f:
            return {m.id: m.string for m in pofile.read_po(f) if m.id and m.string and not m.fuzzy
                    and not (m.string == m.id and LATIN.search(m.id))}
    except Exception as e:
        print('skip', path, e); return {}

def memory(lang, addon):
    mem = {}
    paths = []
    if lang == 'kk':
        paths += sorted(glob.glob(ODOO + '/addons/*/i18n/kk.po'))       # rarely present
        paths += sorted(glob.glob(ROOT + '/i18n/*/kk.po'))
    else:
        paths += [ODOO + '/addons/%s/i18n/ru.po' % m for m in ('base', 'analytic', 'account', 'web', 'mail', 'hr',
                                                                 'hr_payroll', 'hr_contract', 'product', 'portal')]
    paths += [p for p in sorted(glob.glob(ROOT + '/addons/kz_*/i18n/%s.po' % lang)) if '/%s/' % addon not in p]
    for p in paths:          # later (our addons) wins
        mem.update(load(p))
    return mem

def fill(addon, lang, manual):
    path = ROOT + '/addons/%s/i18n/%s.po' % (addon, lang)
    mem = memory(lang, addon)
    text = open(path, encoding='utf-8').read()
    blocks = text.strip('\n').split('\n\n')
    out = [blocks[0]]
    filled = 0
    for block in blocks[1:]:
        entry = list(pofile.read_po(io.BytesIO((block + '\n').encode())))
        m = next((m for m in entry if m.id), None)
        if m is not None and (not m.string or m.id in manual):
            value = None
            if m.id in manual:
                value = manual[m.id][0 if lang == 'kk' else 1]
            elif m.id in mem:
                value = mem[m.id]
            if value:
                lines = block.split('\n')
                i = max(k for k, l in enumerate(lines) if l.startswith('msgstr'))
                lines = lines[:i + 1]
                q = '"%s"' % value.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')
                block = '\n'.join(lines[:i] + ['msgstr ' + q])
                filled += 1
        out.append(block)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n\n'.join(out) + '\n')
    empty = [m.id for m in pofile.read_po(open(path, 'rb')) if m.id and not m.string]
    print('%s/%s.po: filled %d, still empty %d' % (addon, lang, filled, len(empty)))
    return empty


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('addon')
    ap.add_argument('--manual', help='JSON {msgid: [kk, ru]}')
    args = ap.parse_args()
    manual = json.load(open(args.manual, encoding='utf-8')) if args.manual else {}
    missing = {}
    for lang in ('kk', 'ru'):
        for msgid in fill(args.addon, lang, manual):
            missing.setdefault(msgid, ['', ''])[0 if lang == 'kk' else 1] = '?'
    if missing:
        print(json.dumps(missing, ensure_ascii=False, indent=1))


if __name__ == '__main__':
    main()
