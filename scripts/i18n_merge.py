"""Lay out each translation file exactly like the module's .pot (all `#.`, `#:` and `#,` lines kept, which
Odoo's PO reader needs to map a term to its records), keeping the translations the file already has.
A msgstr that is an English copy of its msgid (Odoo exports untranslated terms that way) becomes empty, so
translators and the test test_i18n_complete see what is missing.
usage: i18n_merge.py MODULE.pot LANG.po [LANG.po ...]"""
import io
import re
import sys

from babel.messages import pofile

LATIN = re.compile('[A-Za-z]')


def po_quote(text):
    return '"%s"' % (text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t'))


def is_translation(msgid, msgstr):
    return bool(msgstr) and not (msgstr == msgid and LATIN.search(msgid))


def blocks(path):
    """Split a PO text into entry blocks (lists of lines) separated by blank lines."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    return [b.split('\n') for b in text.strip('\n').split('\n\n')]


def main(pot, targets):
    template = blocks(pot)
    for path in targets:
        try:
            with open(path, 'rb') as f:
                known = {m.id: m.string for m in pofile.read_po(f) if m.id and is_translation(m.id, m.string)}
        except IOError:
            known = {}
        out, missing = [], 0
        out.append('\n'.join(template[0]))             # the header, as in the template
        for block in template[1:]:
            # the msgid, exactly as babel reads it
            entry = list(pofile.read_po(io.BytesIO(('\n'.join(block) + '\n').encode())))
            msgid = next((m.id for m in entry if m.id), None)
            keep = [l for l in block if not (l.startswith('msgstr') or (l.startswith('"') and in_msgstr(block, l)))]
            value = known.get(msgid, '')
            missing += not value
            out.append('\n'.join(keep + ['msgstr ' + po_quote(value)]))
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n\n'.join(out) + '\n')
        print('%s: %d terms, %d untranslated' % (path, len(template) - 1, missing))


def in_msgstr(block, line):
    """True when a continuation line belongs to the msgstr (it follows the msgstr keyword)."""
    idx = block.index(line)
    for prev in reversed(block[:idx]):
        if prev.startswith('msgstr'):
            return True
        if prev.startswith('msgid'):
            return False
    return False


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
