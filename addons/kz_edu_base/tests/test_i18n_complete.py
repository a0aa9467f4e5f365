import os
import re

from babel.messages import pofile

from odoo.modules.module import get_module_path
from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_generate

LANGS = ('kk', 'ru')
LATIN = re.compile('[A-Za-z]')
CYRILLIC = re.compile('[А-Яа-яЁё]')


def untranslated_terms(cr, module):
    """{lang: [msgid, ...]} of the module's translatable terms that its i18n/<lang>.po leaves empty or fuzzy."""
    sources = {row[4] for row in trans_generate(None, [module], cr) if row[4]}
    missing = {}
    for lang in LANGS:
        path = os.path.join(get_module_path(module), 'i18n', '%s.po' % lang)
        translated = set()
        if os.path.exists(path):
            with open(path, 'rb') as f:
                catalog = pofile.read_po(f)
            # an English copy is not a translation; codes and placeholders without Latin letters may stay as they are,
            # and so may a Russian source term in ru.po (an act's text such as «I. Краткосрочные активы», whose Roman
            # numeral is a Latin letter)
            translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy
                          and not (m.string == m.id and LATIN.search(m.id)
                                   and not (lang == 'ru' and CYRILLIC.search(m.id)))}
        missing[lang] = sorted(sources - translated)
    return missing


class TestI18nComplete(TransactionCase):
    """Every user-facing term of every installed kz_* addon has a Kazakh and a Russian translation (SEC-04)."""

    def test_every_kz_addon_term_translated_in_kk_and_ru_SEC04(self):
        modules = self.env['ir.module.module'].search([('name', '=like', 'kz\\_%'), ('state', '=', 'installed')])
        self.assertIn('kz_edu_base', modules.mapped('name'))
        report = []
        for module in modules.mapped('name'):
            for lang, terms in untranslated_terms(self.env.cr, module).items():
                report += ['%s/i18n/%s.po: %r' % (module, lang, t) for t in terms]
        if report:
            self.fail('%d untranslated terms (run scripts/i18n_update, then fill them in):\n%s'
                      % (len(report), '\n'.join(report[:40])))

    def test_kz_menus_are_loaded_in_kazakh_and_russian_SEC04(self):
        """The .po files reach the database: every menu of our addons shows a non-English name in kk and ru."""
        data = self.env['ir.model.data'].search([('module', '=like', 'kz\\_%'), ('model', '=', 'ir.ui.menu')])
        menus = self.env['ir.ui.menu'].browse(data.mapped('res_id'))
        self.assertTrue(menus)
        for menu in menus:
            english = menu.with_context(lang='en_US').name
            for lang in ('kk_KZ', 'ru_RU'):
                self.assertNotEqual(menu.with_context(lang=lang).name, english, '%s in %s' % (english, lang))
