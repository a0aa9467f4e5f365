#!/usr/bin/env python3
"""Regenerate /work/main/i18n/<module>/kk.po from the term dictionaries in
_src/dict/*.tsv (format: English msgid <TAB> Kazakh; "\\n" = newline).

For every target module the script walks the module's term list (ru.po of the
installed Odoo, which carries every msgid and all `#.`/`#:` references, since
the pip build of Odoo 11 ships no .pot files) and emits an entry for each msgid
that has a Kazakh translation.  Optional per-module overrides:
_src/dict/<module>.override.tsv (same format) win over the shared dictionary.

Usage: /work/main/.venv/bin/python i18n/_src/build.py
"""
import glob, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import potools

MODULES = ('base web mail auth_signup account account_invoicing hr hr_contract hr_payroll '
           'hr_holidays hr_attendance point_of_sale stock product portal calendar base_import web_responsive').split()
OUT = os.path.dirname(HERE)

HEADER = '''# Kazakh (kk_KZ) translation of Odoo 11.0 module: %s
# Maintained in this repository (see i18n/README.md, i18n/glossary.md).
#
msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 11.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: 2017-11-30 00:00+0000\\n"
"PO-Revision-Date: 2026-01-01 00:00+0500\\n"
"Last-Translator: kz_edu i18n <noreply@example.invalid>\\n"
"Language-Team: Kazakh\\n"
"Language: kk_KZ\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: \\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

'''


def load_tsv(path):
    d = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('##'):
                continue
            if '\t' not in line:
                raise SystemExit('%s:%d: no TAB' % (path, n))
            en, kk = line.split('\t', 1)
            en = en.replace('\\n', '\n')
            kk = kk.replace('\\n', '\n').strip()
            if kk:
                # keep the msgid's leading/trailing whitespace exactly
                lead = en[:len(en) - len(en.lstrip())]
                trail = en[len(en.rstrip()):]
                d[en] = lead + kk + trail
    return d


PH = re.compile(r'%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}|\$\{[^}]*\}|</?[a-zA-Z][^>]*>')


def check(mid, kk):
    a, b = sorted(PH.findall(mid)), sorted(PH.findall(kk))
    if a != b:
        print('WARNING placeholder mismatch: %r -> %r' % (mid, kk))


def quote(s):
    s = s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    if '\n' in s:
        parts = s.split('\n')
        lines = [p + '\\n' for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '""\n' + '\n'.join('"%s"' % l for l in lines)
    return '"%s"' % s


def main():
    shared = {}
    for p in sorted(glob.glob(os.path.join(HERE, 'dict', '*.tsv'))):
        if p.endswith('.override.tsv'):
            continue
        shared.update(load_tsv(p))
    total = 0
    for mod in MODULES:
        d = dict(shared)
        ov = os.path.join(HERE, 'dict', mod + '.override.tsv')
        if os.path.exists(ov):
            d.update(load_tsv(ov))
        src = os.path.join(potools.ODOO, mod, 'i18n', mod + '.pot')
        if not os.path.exists(src):
            src = os.path.join(potools.ODOO, mod, 'i18n', 'ru.po')
        entries = potools.parse(src)
        out, seen = [], set()
        for e in entries:
            mid = e['msgid']
            if mid in seen or mid not in d:
                continue
            seen.add(mid)
            check(mid, d[mid])
            out.append('\n'.join(e['comments']) + '\nmsgid %s\nmsgstr %s\n' % (quote(mid), quote(d[mid])))
        if not out:
            continue
        os.makedirs(os.path.join(OUT, mod), exist_ok=True)
        with open(os.path.join(OUT, mod, 'kk.po'), 'w', encoding='utf-8') as f:
            f.write(HEADER % mod)
            f.write('\n'.join(out))
        total += len(out)
        print('%-16s %5d' % (mod, len(out)))
    print('TOTAL %d' % total)


if __name__ == '__main__':
    main()
