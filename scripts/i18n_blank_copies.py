"""Odoo exports an untranslated term with msgstr = msgid (English). Blank those, so translators and the test
test_i18n_complete see what is missing. Terms without Latin letters (codes, placeholders) may stay identical.
usage: i18n_blank_copies.py FILE.po ..."""
import re
import sys

from babel.messages import pofile

LATIN = re.compile('[A-Za-z]')


def needs_translation(msgid, msgstr):
    return not msgstr or (msgstr == msgid and bool(LATIN.search(msgid)))


def main(paths):
    for path in paths:
        with open(path, 'rb') as f:
            catalog = pofile.read_po(f)
        blanked = 0
        for m in catalog:
            if m.id and m.string and needs_translation(m.id, m.string):
                m.string = ''
                blanked += 1
        with open(path, 'wb') as f:
            pofile.write_po(f, catalog, width=0, include_previous=False)
        print('%s: %d untranslated' % (path, sum(1 for m in catalog if m.id and not m.string)))


if __name__ == '__main__':
    main(sys.argv[1:])
