"""One English text, one translation (SEC-04). Odoo 11's ``_()`` finds a code term's translation by its English
text in any installed module (``ir.translation._get_source`` with no module): when two modules translate the same
text differently, a document may print either («Итого» or «Всего», «Предмет» or «Тема»). So every text our addons
translate from code has one Kazakh and one Russian translation among all the modules a school installs (ours and
the Odoo modules they depend on); a text that means something else here gets its own English words
(``_('School quarter')``, not ``_('Quarter')``)."""
import ast
import collections
import glob
import importlib.util
import os

from babel.messages import pofile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OURS = os.path.join(ROOT, 'addons')
CORE = os.path.join(os.path.dirname(importlib.util.find_spec('odoo').origin), 'addons')


def manifest(module):
    for where in (OURS, CORE):
        path = os.path.join(where, module, '__manifest__.py')
        if os.path.exists(path):
            with open(path, encoding='utf-8') as f:
                return where, ast.literal_eval(f.read())
    return None, {}


def installed():
    """Our addons and every module they depend on, with the folder each is in."""
    todo = [name for name in os.listdir(OURS) if os.path.exists(os.path.join(OURS, name, '__manifest__.py'))]
    found = {}
    while todo:
        module = todo.pop()
        if module in found:
            continue
        where, data = manifest(module)
        if where:
            found[module] = where
            todo += data.get('depends', []) + ['base']
    return found


def code_terms(path):
    with open(path, 'rb') as f:
        for m in pofile.read_po(f):
            if m.id and m.string and any(loc.startswith('code:') for loc, _line in m.locations):
                yield m.id, m.string


def translations(lang):
    """{English text: {module: translation}} of the code terms of every installed module in ``lang``."""
    terms = collections.defaultdict(dict)
    for module, where in installed().items():
        paths = [os.path.join(where, module, 'i18n', '%s.po' % lang)]
        if where == CORE:      # our Kazakh translations of the Odoo modules (top-level i18n/)
            paths.append(os.path.join(ROOT, 'i18n', module, '%s.po' % lang))
        for path in paths:
            if os.path.exists(path):
                for msgid, msgstr in code_terms(path):
                    terms[msgid][module] = msgstr
    return terms


def ambiguous(lang):
    return sorted('%r: %s' % (msgid, by) for msgid, by in translations(lang).items()
                  if any(m.startswith('kz_') for m in by) and len(set(by.values())) > 1)


def test_the_installed_modules_are_found():
    modules = installed()
    assert {'kz_edu_base', 'kz_payroll', 'base', 'web', 'mail', 'account', 'hr_payroll'} <= set(modules)


def test_one_russian_translation_of_each_text_of_ours():
    assert ambiguous('ru') == []


def test_one_kazakh_translation_of_each_text_of_ours():
    assert ambiguous('kk') == []
