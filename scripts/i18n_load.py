#!/usr/bin/env python3
"""Load the repository's Kazakh translations (/work/main/i18n/<module>/kk.po)
into an Odoo 11 database.

Odoo's own loader (ir.translation.load_module_terms, used by -i/-u and
"Load a Translation") only reads <addon>/i18n/ of each module, so the files
kept at the top level of this repository reach the database through this
script.

Usage:
  /work/main/.venv/bin/python /work/main/scripts/i18n_load.py \
      -c <odoo.conf> -d <db> [--lang kk_KZ] [--i18n DIR] [--no-overwrite]

Exit codes: 0 ok, 2 language missing / bad arguments, 3 nothing loaded.
The kk_KZ res.lang record is created by our addon kz_edu_base; it is not
created here.  Existing kk_KZ terms are overwritten (unless --no-overwrite),
except terms of noupdate records.  Terms of modules that are not installed
are skipped.  Restart running Odoo workers afterwards (translation caches).
"""
import argparse
import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_I18N = os.path.join(os.path.dirname(HERE), 'i18n')


def count_entries(path):
    n = 0
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('msgid ') and not line.startswith('msgid ""\n'):
                n += 1
            elif line.startswith('msgid ""'):
                n += 1
    return n - 1  # header


def main(argv=None):
    ap = argparse.ArgumentParser(description='Load i18n/<module>/kk.po into an Odoo DB')
    ap.add_argument('-c', '--config', required=True)
    ap.add_argument('-d', '--database', required=True)
    ap.add_argument('--lang', default='kk_KZ')
    ap.add_argument('--i18n', default=DEFAULT_I18N)
    ap.add_argument('--file-name', default='kk.po')
    ap.add_argument('--no-overwrite', action='store_true')
    args = ap.parse_args(argv)

    import odoo
    from odoo import api, SUPERUSER_ID
    from odoo.tools.translate import trans_load_data

    odoo.tools.config.parse_config(['-c', args.config, '-d', args.database])
    files = sorted(glob.glob(os.path.join(os.path.abspath(args.i18n), '*', args.file_name)))
    if not files:
        print('ERROR: no %s files under %s' % (args.file_name, args.i18n))
        return 2

    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        lang = env['res.lang'].with_context(active_test=False).search(
            [('code', '=', args.lang)], limit=1)
        if not lang:
            print('ERROR: language %s does not exist in database %s. It is created by '
                  'the addon kz_edu_base: install it first (odoo -i kz_edu_base).'
                  % (args.lang, args.database))
            return 2
        if not lang.active:
            lang.active = True
            print('Activated language %s' % args.lang)

        installed = set(env['ir.module.module'].search(
            [('state', 'in', ('installed', 'to upgrade'))]).mapped('name'))
        cr.execute("SELECT count(*) FROM ir_translation WHERE lang=%s", (args.lang,))
        before = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM ir_translation WHERE lang=%s AND state='translated' "
                   "AND value IS NOT NULL AND value != ''", (args.lang,))

        context = {'overwrite': not args.no_overwrite}
        n_files = n_entries = 0
        for path in files:
            module = os.path.basename(os.path.dirname(path))
            if module not in installed:
                print('skip  %-18s (module not installed)' % module)
                continue
            entries = count_entries(path)
            # trans_load -> trans_load_data: model terms carry the xml id in
            # their reference (model:ir.ui.menu,name:account.menu_finance) and
            # are resolved to res_id through ir_model_data; references
            # without a module prefix fall back to module_name.  code /
            # selection / constraint terms are stored with res_id 0 and
            # module=module_name.
            #
            # odoo.tools.translate.trans_load(cr, path, ...) cannot be used
            # directly: it opens the file with tools.file_open(), which
            # refuses paths outside the addons_path ("Unknown path").  So we
            # open the file ourselves and call trans_load_data(), which is
            # exactly what trans_load() does after opening the file.
            with open(path, 'rb') as fileobj:
                trans_load_data(cr, fileobj, 'po', args.lang, verbose=False,
                                module_name=module, context=context)
            n_files += 1
            n_entries += entries
            print('load  %-18s %5d entries  %s' % (module, entries, path))
        cr.execute("SELECT count(*) FROM ir_translation WHERE lang=%s", (args.lang,))
        after = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM ir_translation WHERE lang=%s AND module = ANY(%s)",
                   (args.lang, sorted(installed)))
        env['ir.translation'].clear_caches()
        cr.commit()
    print('Loaded %d files, %d PO entries into %s (%s); ir_translation rows for %s: '
          '%d before, %d after (+%d new, others updated).'
          % (n_files, n_entries, args.database, args.lang, args.lang, before, after,
             after - before))
    return 0 if n_files else 3


if __name__ == '__main__':
    sys.exit(main())
