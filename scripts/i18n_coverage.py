#!/usr/bin/env python3
"""Kazakh (kk) translation coverage of the Odoo core modules we translate.

For every module directory /work/main/i18n/<module>/ that holds a kk.po, count
  * total      - unique msgids of that module in the installed Odoo: the
                 module's i18n/<module>.pot, or - the pip build of Odoo 11
                 ships no .pot files - its i18n/ru.po (Odoo's .po files carry
                 every msgid, translated or not), else any other .po;
  * translated - msgids of our kk.po with a non-empty, non-fuzzy msgstr that
                 also exist in the module's term list.
msgids of our kk.po that are unknown to the module are reported as stale.
No database is needed.

Usage:
  /work/main/.venv/bin/python scripts/i18n_coverage.py [--min N] [--i18n DIR]
      [--odoo-addons DIR] [--quiet]
  --min N   exit 1 if a listed module translates 0 terms or TOTAL < N.
"""
import argparse
import ast
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_I18N = os.path.join(REPO, 'i18n')


def default_addons():
    try:
        import odoo  # noqa
        return os.path.join(os.path.dirname(odoo.__file__), 'addons')
    except Exception:
        cands = glob.glob(os.path.join(REPO, '.venv', 'lib', 'python3*',
                                       'site-packages', 'odoo', 'addons'))
        return cands[0] if cands else None


def _unquote(s, path, lineno):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError('%s:%d: bad string %r' % (path, lineno, s))
    try:
        return ast.literal_eval(s)
    except Exception:
        raise ValueError('%s:%d: bad escape in %r' % (path, lineno, s))


def parse_po(path):
    """Minimal gettext PO parser.

    Returns a list of dicts {msgid, msgstr, fuzzy, obsolete, lineno}; the
    header entry (empty msgid) is skipped; msgctxt and plural forms are
    tolerated (msgstr[0] is used as msgstr)."""
    entries = []
    cur = None
    field = None

    def new():
        return {'msgid': None, 'msgstr': '', 'fuzzy': False, 'obsolete': False,
                'lineno': 0, 'msgctxt': None}

    def flush():
        if cur is not None and cur['msgid'] is not None:
            entries.append(cur)

    with open(path, encoding='utf-8-sig') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line:
                flush()
                cur, field = None, None
                continue
            if line.startswith('#~'):
                if cur is None or field in ('msgstr',):
                    flush()
                    cur, field = new(), None
                cur['obsolete'] = True
                continue
            if line.startswith('#'):
                if cur is None or field is not None and field.startswith('msgstr'):
                    flush()
                    cur, field = new(), None
                if line.startswith('#,') and 'fuzzy' in [x.strip() for x in line[2:].split(',')]:
                    cur['fuzzy'] = True
                continue
            if cur is None:
                cur = new()
            for kw in ('msgctxt', 'msgid_plural', 'msgid', 'msgstr[0]', 'msgstr'):
                if line.startswith(kw + ' ') or line.startswith(kw + '"'):
                    if kw in ('msgctxt', 'msgid') and field is not None and field.startswith('msgstr'):
                        flush()
                        cur = new()
                    field = kw
                    val = _unquote(line[len(kw):], path, lineno)
                    if kw == 'msgid':
                        cur['msgid'] = val
                        cur['lineno'] = lineno
                    elif kw in ('msgstr', 'msgstr[0]'):
                        cur['msgstr'] = val
                    elif kw == 'msgctxt':
                        cur['msgctxt'] = val
                    break
            else:
                if line.startswith('msgstr['):
                    field = 'msgstr_other'
                elif line.startswith('"'):
                    val = _unquote(line, path, lineno)
                    if field == 'msgid':
                        cur['msgid'] += val
                    elif field in ('msgstr', 'msgstr[0]'):
                        cur['msgstr'] += val
                    elif field == 'msgctxt':
                        cur['msgctxt'] += val
                else:
                    raise ValueError('%s:%d: cannot parse %r' % (path, lineno, line))
    flush()
    return [e for e in entries if e['msgid'] != '' and not e['obsolete']]


def module_terms(addons, module):
    d = os.path.join(addons, module, 'i18n')
    src = os.path.join(d, module + '.pot')
    if not os.path.exists(src):
        src = os.path.join(d, 'ru.po')
    if not os.path.exists(src):
        pos = sorted(glob.glob(os.path.join(d, '*.po')))
        src = pos[0] if pos else None
    if not src:
        return None, None
    return set(e['msgid'] for e in parse_po(src)), src


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--min', type=int, default=None,
                    help='fail (exit 1) if TOTAL translated < N or a module has 0')
    ap.add_argument('--i18n', default=DEFAULT_I18N)
    ap.add_argument('--odoo-addons', default=None)
    ap.add_argument('--lang-file', default='kk.po')
    ap.add_argument('--quiet', action='store_true', help='no stale warnings')
    args = ap.parse_args(argv)
    addons = args.odoo_addons or default_addons()
    if not addons or not os.path.isdir(addons):
        print('ERROR: Odoo addons directory not found (use --odoo-addons)')
        return 2
    failed = False
    rows = []
    tot_t = tot_n = 0
    for mdir in sorted(glob.glob(os.path.join(args.i18n, '*', args.lang_file))):
        module = os.path.basename(os.path.dirname(mdir))
        terms, src = module_terms(addons, module)
        if terms is None:
            print('WARNING: %s: module not found in %s (skipped)' % (module, addons))
            continue
        ours = parse_po(mdir)
        translated = set()
        stale = []
        for e in ours:
            if not e['msgstr'].strip() or e['fuzzy']:
                continue
            if e['msgid'] in terms:
                translated.add(e['msgid'])
            else:
                stale.append(e)
        if not args.quiet:
            for e in stale:
                print('WARNING: %s/kk.po:%d: stale msgid (not in %s): %r'
                      % (module, e['lineno'], os.path.basename(src), e['msgid'][:70]))
        rows.append((module, len(translated), len(terms)))
        tot_t += len(translated)
        tot_n += len(terms)
        if not translated:
            failed = True
    print('%-18s %10s   %s' % ('module', 'translated / total', ''))
    for module, t, n in rows:
        print('%-18s %5d / %-5d (%5.1f%%)' % (module, t, n, 100.0 * t / n if n else 0))
    print('%-18s %5d / %-5d (%5.1f%%)' % ('TOTAL', tot_t, tot_n, 100.0 * tot_t / tot_n if tot_n else 0))
    if args.min is not None:
        if failed:
            print('FAIL: a module has no translated terms')
            return 1
        if tot_t < args.min:
            print('FAIL: TOTAL %d < --min %d' % (tot_t, args.min))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
