"""Python side of kzdriver.js (headless Debian Chromium through playwright-core): a browser session a test drives
step by step, and the checks every Kazakh screen must pass (no server error dialog, no English or Russian words of
the watch list, no year printed as «2 026», no ISO date in a title). Used by the browser walk-through per role
(test_walkthrough_kk.py), the till, the journal and the page benchmark (tests/benchmarks/bench_pages.py).

``node_env()`` is the environment of every Node/Chromium process of the suite: Chromium does not run under
libfaketime (it stalls there), so when ``scripts/test --today`` runs everything with a set day the clock is handed
to the page instead (kzlaunch.js)."""
import json
import os
import re
import shutil
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

#: the web client has drawn an action and has no request pending (its «Loading» puts oe_wait on .o_web_client)
WEB_CLIENT_IDLE = ("!document.querySelector('.o_web_client') || "
                   "(!!document.querySelector('.o_content > *, .modal .o_form_view') && "
                   "!document.querySelector('.o_web_client.oe_wait') && !document.querySelector('.blockUI'))")

#: the Odoo dialogs of a server error (traceback) and of a warning (UserError, access error)
ERROR_DIALOG = '.modal-dialog .o_error_detail, .modal-dialog .o_dialog_warning'

#: words of Odoo's or our interface that must not show on a Kazakh screen (whole words, case-sensitive)
WATCH_EN = [
    'Apps', 'Calendar', 'Import', 'Discuss', 'Create', 'Save', 'Discard', 'Edit', 'Filters', 'Group By',
    'Favorites', 'Employees', 'Salary', 'Basic salary', 'Kazakhstan: teachers', 'Prepaid balance', 'false', 'OK',
    'Page not found', 'Payslip', 'Payslips', 'Batch', 'Reference', 'Print', 'Action', 'Delete', 'Settings',
    'Log out', 'Preferences', 'VACATION', 'SICK', 'BONUS', 'ONEOFF', 'Customer Invoices', 'Vendor Bills',
    'Miscellaneous Operations', 'Exchange Difference', 'Cash Basis Tax Journal', 'Undefined', 'Unnamed',
]
WATCH_RU = [
    'Счета заказчику', 'Счета поставщиков', 'Оплата труда', 'Местный бюджет', 'Сотрудники', 'Создать',
    'Сохранить', 'Отменить', 'Импорт', 'Фильтры', 'Группировать', 'Избранное', 'Календарь', 'Приложения',
    'Обсуждение', 'Зарплата', 'Закрыть', 'Настройки', 'Выйти', 'Разные операции', 'Курсовая разница',
]
#: «2 026»: a year shown with the thousands separator (an amount «2 026,00» or «2 026 500,00» is not a year)
YEAR_WITH_SPACE = re.compile(r'(?<!\d)(?<!\d\s)2\s0[0-9]{2}(?![\d,.])(?!\s\d{3})')
ISO_DATE = re.compile(r'(?<!\d)20\d\d-[01]\d-[0-3]\d(?!\d)')


def node_env(**extra):
    """The environment of a Node process driving Chromium: playwright-core on NODE_PATH, node on PATH, no
    libfaketime; the (possibly faked) clock of this process in KZ_CLOCK_MS when the suite runs with a set day."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('FAKETIME') and k != 'LD_PRELOAD'}
    if 'faketime' in os.environ.get('LD_PRELOAD', '') or 'FAKETIME' in os.environ:
        env['KZ_CLOCK_MS'] = str(int(time.time() * 1000))
    env['NODE_PATH'] = os.path.join(ROOT, '.local', 'node', 'node_modules')
    env['PATH'] = os.path.join(ROOT, '.local', 'node', 'bin') + os.pathsep + os.environ.get('PATH', '')
    env.update({k: str(v) for k, v in extra.items()})
    return env


def watch_hits(text, allow=()):
    """The watch-list words found in ``text`` (whole words), minus ``allow``."""
    hits = []
    for word in WATCH_EN + WATCH_RU:
        if word in allow:
            continue
        if re.search(r'(?<![\w-])%s(?![\w-])' % re.escape(word), text):
            hits.append(word)
    return hits


class Browser(object):
    """kzdriver.js in a subprocess; every failed step fails with the page's errors and a screenshot.

    ``viewport`` «WIDTHxHEIGHT» (a phone below 600 px wide); ``docs`` maps a screenshot's name to the file of
    docs/ it becomes when scripts/screenshots runs the test (KZ_DOCS_SHOTS set)."""

    def __init__(self, tmp_path, locale='kk-KZ', viewport='1366x800', step_timeout_ms=60000, docs=None):
        self.tmp_path = str(tmp_path)
        self.docs = docs or {}
        env = node_env(LOCALE=locale, VIEWPORT=viewport, STEP_TIMEOUT_MS=step_timeout_ms)
        self.proc = subprocess.Popen(['node', os.path.join(HERE, 'kzdriver.js')], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                                     bufsize=1)
        self.page_errors = []
        self.shots = 0

    def __call__(self, op, **kw):
        kw['op'] = op
        self.proc.stdin.write(json.dumps(kw) + '\n')
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError('the browser driver stopped: %s' % self.proc.stderr.read()[-2000:])
        out = json.loads(line)
        self.page_errors.extend(out.get('errors') or [])
        if not out['ok']:
            path = self.shot('failed')
            raise AssertionError('%s %s failed: %s\npage errors: %s\nscreenshot: %s'
                                 % (op, kw, out['error'], self.page_errors, path))
        return out

    def shot(self, name, full=False):
        self.shots += 1
        path = os.path.join(self.tmp_path, '%02d_%s.png' % (self.shots, name))
        self.proc.stdin.write(json.dumps({'op': 'shot', 'path': path, 'full': full}) + '\n')
        self.proc.stdin.flush()
        self.proc.stdout.readline()
        docs = os.environ.get('KZ_DOCS_SHOTS')       # scripts/screenshots: the README's pictures
        if docs and name in self.docs and os.path.exists(path):
            target = docs if os.path.isdir(docs) else os.path.join(ROOT, 'docs')
            shutil.copyfile(path, os.path.join(target, self.docs[name]))
        return path

    def value(self, expr):
        return self('eval', expr=expr)['value']

    def text(self, selector='body'):
        return self('text', selector=selector)['text']

    def close(self):
        try:
            if self.proc.poll() is None:
                self('quit')
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()

    # ------------------------------------------------------------------------------------------ Odoo steps
    def login(self, url, login, password=None):
        """Log in through the login form; returns when the landing page (web client or portal) is there."""
        self('goto', url=url + '/web/login')
        self('fill', selector='input[name=login]', value=login)
        self('fill', selector='input[name=password]', value=password or login)
        self('submit', selector='button[type=submit]')
        self.ready()

    def ready(self):
        """The web client has drawn its action (no loading indicator), or a portal/website page is there."""
        self('wait', selector='.o_web_client .o_content > *, .o_web_client .modal .o_form_view, #wrapwrap, '
                              '.pos .product-screen', state='attached')
        self('waitfn', expr=WEB_CLIENT_IDLE)
        self('sleep', ms=300)

    def open_action(self, url, action_id, view_type=None, res_id=None):
        path = '/web#action=%d' % action_id
        if view_type:
            path += '&view_type=%s' % view_type
        if res_id:
            path += '&id=%d' % res_id
        self('goto', url=url + path)
        self.ready()

    def check_screen(self, what, allow=(), expect_404=False):
        """Fail on a server error or warning dialog, a JavaScript error, a watch-list word, a year printed
        «2 026» or an ISO date on the screen. Returns the screen's text."""
        dialogs = self.value("Array.from(document.querySelectorAll(%s)).map(function (e) { "
                             "return e.innerText; })" % json.dumps(ERROR_DIALOG))
        text = self.text()
        problems = []
        if dialogs:
            problems.append('error dialog: %s' % dialogs[0][:600])
        js_errors = [e for e in self.page_errors if 'favicon' not in e and not
                     (expect_404 and 'status of 404' in e)]
        if js_errors:
            problems.append('JavaScript errors: %s' % js_errors[:3])
        self.page_errors = []
        hits = watch_hits(text, allow)
        if hits:
            problems.append('words not in Kazakh: %s' % hits)
        if YEAR_WITH_SPACE.search(text):
            problems.append('a year with a thousands separator: %r' % YEAR_WITH_SPACE.search(text).group(0))
        titles = self.value("Array.from(document.querySelectorAll('.breadcrumb, .o_form_view h1, title, "
                            ".modal-title')).map(function (e) { return e.innerText; }).join(' | ')") or ''
        if ISO_DATE.search(titles):
            problems.append('an ISO date in a title: %r' % titles[:300])
        if problems:
            path = self.shot('problem_' + re.sub(r'\W+', '_', what)[:40])
            raise AssertionError('%s: %s\nscreenshot: %s\nscreen text: %s' % (what, '; '.join(problems), path,
                                                                             text[:1500]))
        return text
