#!/usr/bin/env python3
"""Page-time benchmark (issue #13.10): how long the main pages of the demo school take to show in headless
Chromium, cold and warm, and the canteen till's card-tap-to-shown time. Prints figures and the machine; asserts no
timing. Targets: warm < 1 s, cold < 3 s.

    .venv/bin/python tests/benchmarks/bench_pages.py -c <odoo.conf> -d <db> [--runs 3]
    .venv/bin/python tests/benchmarks/bench_pages.py --url http://127.0.0.1:8069 -d <db>

With -c and no --url it serves the database itself (a fresh Odoo process on a free port, stopped afterwards): the
first page after the start is then measured on a cold server. Needs the demo data (the demo logins, school No. 1,
its canteen till) and Node with playwright-core in .local/node (as the browser tests).

Measured for each page (a page is ready when the web client has drawn its view: the records, no loading
indicator):
* cold: the first load in a new browser context (empty browser cache, new session; the login itself not timed),
  and «login → first screen» from the login button to the drawn home screen, in a new context;
* warm: the median of --runs reloads in the same context (the browser has the assets).
* the till: /pos/web to usable (cold, warm), and a card read (UID + Enter on the keyboard wedge) to the child's
  panel shown, median of --runs different children.

Importing this module has no side effects. ``test_benchmark_smoke`` runs it once (--runs 1, a few pages) under
pytest when KZ_BENCH_CONF and KZ_BENCH_DB name an Odoo config and a database; it is skipped otherwise.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import xmlrpc.client

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, 'tests', 'browser'))

import benchlib  # noqa: E402
from kzbrowser import WEB_CLIENT_IDLE, Browser  # noqa: E402

TARGET_WARM_S = 1.0
TARGET_COLD_S = 3.0

#: a view is drawn: records in a list or kanban (or its «no records» help), or a form
VIEW_READY = ('.o_content .o_list_view, .o_content .o_kanban_view, .o_content .o_form_view, '
              '.o_content .o_view_nocontent')
NOT_LOADING = WEB_CLIENT_IDLE

#: (name, login, action xml id or None for the home screen)
PAGES = [
    ('students (director)', 'director', 'kz_edu_contingent.kz_edu_student_action'),
    ('employees kanban (hr)', 'hr', 'hr.open_view_employee_list_my'),
    ('classes (deputy)', 'deputy', 'kz_edu_contingent.kz_edu_class_action'),
    ('journal items (bookkeeper)', 'bookkeeper', 'account.action_account_moves_all_a'),
    ('payslip batches (bookkeeper)', 'bookkeeper', 'hr_payroll.action_hr_payslip_run_tree'),
    ('attendance today (class teacher)', 'class_teacher', 'kz_edu_access.kz_edu_class_action_attendance_today'),
]
SMOKE_PAGES = PAGES[:2]


def machine():
    m = benchlib.machine()
    return '%(nproc)s cores (nproc), %(cpu)s, Python %(python)s, %(system)s' % m


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server(object):
    """An Odoo process serving ``db`` (threaded, no cron), started and stopped by the benchmark."""

    def __init__(self, conf, db):
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d' % self.port
        self.log = tempfile.NamedTemporaryFile(prefix='bench_pages_', suffix='.log', delete=False).name
        cmd = [os.path.join(ROOT, '.venv', 'bin', 'python'), os.path.join(ROOT, 'scripts', 'odoo-bin'), '-c', conf,
               '-d', db, '--db-filter=^%s$' % db, '--http-port=%d' % self.port,
               '--longpolling-port=%d' % free_port(), '--max-cron-threads=0', '--log-level=warn',
               '--logfile=%s' % self.log]
        env = dict(os.environ, PATH=os.path.join(ROOT, '.local', 'node', 'bin') + os.pathsep + os.environ['PATH'])
        self.proc = subprocess.Popen(cmd, env=env)
        for _ in range(240):
            try:
                urllib.request.urlopen(self.url + '/web/login', timeout=5).read()
                return
            except Exception:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError('Odoo did not answer on %s (log: %s)' % (self.url, self.log))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Rpc(object):
    def __init__(self, url, db):
        self.url, self.db = url, db

    def __call__(self, login, model, method, *args, **kw):
        uid = xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/common').authenticate(self.db, login, login, {})
        assert uid, 'cannot log in as %s' % login
        return xmlrpc.client.ServerProxy(self.url + '/xmlrpc/2/object', allow_none=True).execute_kw(
            self.db, uid, login, model, method, list(args), kw)

    def ref(self, xmlid):
        return self('admin', 'ir.model.data', 'xmlid_to_res_id', xmlid)


def _login(b, url, login, timed=False):
    """Log in through the form; with ``timed`` return ms from the click to the drawn home screen."""
    b('goto', url=url + '/web/login')
    b('fill', selector='input[name=login]', value=login)
    b('fill', selector='input[name=password]', value=login)
    if not timed:
        b('submit', selector='button[type=submit]')
        b('wait', selector='.o_web_client, #wrapwrap', state='attached')
        return None
    out = b('timed_goto', submit='button[type=submit]', selector='.o_web_client .o_content > *', expr=NOT_LOADING)
    return out['ms']


def _open(b, url, action_id):
    out = b('timed_goto', url='%s/web#action=%d' % (url, action_id), selector=VIEW_READY, expr=NOT_LOADING)
    return out['ms']


def measure_page(tmp, url, login, action_id, runs):
    """(cold ms, [warm ms]) of one page for one user."""
    b = Browser(tmp)
    try:
        _login(b, url, login)
        b('goto', url=url + '/web/webclient/version_info')     # leave the client: the next load is a full one
        cold = _open(b, url, action_id)
        warm = []
        for _ in range(runs):
            b('goto', url='about:blank')
            warm.append(_open(b, url, action_id))
        return cold, warm
    finally:
        b.close()


def measure_login(tmp, url, login, runs):
    b = Browser(tmp)
    try:
        cold = _login(b, url, login, timed=True)
        warm = []
        for _ in range(runs):
            b('goto', url=url + '/web/session/logout?redirect=/web/login')
            warm.append(_login(b, url, login, timed=True))
        return cold, warm
    finally:
        b.close()


def till_setup(rpc):
    """The demo till of school No. 1 with an open session of the demo cashier; card UIDs of a few children."""
    school = rpc.ref('kz_edu_base.company_school1_demo')
    configs = rpc('admin', 'pos.config', 'search', [('kz_is_canteen', '=', True), ('company_id', '=', school)],
                  limit=1)
    if not configs:
        return None
    cashier = rpc('admin', 'res.users', 'search', [('login', '=', 'cashier')])[0]
    sessions = rpc('admin', 'pos.session', 'search_read', [('config_id', '=', configs[0]),
                                                            ('state', '=', 'opened')], fields=['user_id'])
    others = [s['id'] for s in sessions if s['user_id'][0] != cashier]
    if others:
        rpc('admin', 'pos.session', 'write', others, {'user_id': cashier})
    if not sessions:
        rpc('cashier', 'pos.session', 'create', {'config_id': configs[0], 'user_id': cashier})
    cards = rpc('admin', 'kz.edu.card', 'search_read', [('state', '=', 'active'), ('student_id.company_id', '=',
                                                                                   school),
                                                        ('student_id.state', '=', 'enrolled')],
                fields=['uid', 'student_id'], limit=40, order='id desc')
    return [c['uid'].strip().upper() for c in cards if c['uid'].strip().isalnum()]


TILL_READY = "window.posmodel && window.posmodel.ready && window.posmodel.ready.state() === 'resolved' && " \
             "!$('.pos .loader').is(':visible')"


def measure_till(tmp, url, uids, runs):
    """(cold ms, [warm ms], [tap ms]) of the till."""
    b = Browser(tmp)
    try:
        _login(b, url, 'cashier')
        cold = b('timed_goto', url=url + '/pos/web', selector='.product-screen .product-list',
                 expr=TILL_READY)['ms']
        warm = []
        for _ in range(runs):
            b('goto', url='about:blank')
            warm.append(b('timed_goto', url=url + '/pos/web', selector='.product-screen .product-list',
                          expr=TILL_READY)['ms'])
        taps = []
        for uid in uids[:max(runs, 1)]:
            b('waitfn', expr="!posmodel.get_order() || !posmodel.get_order().kz_pending")
            selector = '.kz_canteen_panel .kz_canteen_child .kz_canteen_kind'
            # the child's panel with the entitlement: the server answered and the panel is drawn
            b('eval', expr="posmodel.get_order() && posmodel.get_order().set_client(null), true")
            taps.append(b('timed_keys', text=uid, key='Enter', selector=selector)['ms'])
            b('sleep', ms=300)
        return cold, warm, taps
    finally:
        b.close()


def _ms(values):
    return statistics.median(values) / 1000.0 if values else float('nan')


def run(url, db, runs=3, pages=PAGES, tmp=None, till=True):
    """Measure and return rows (what, cold s, warm s)."""
    tmp = tmp or tempfile.mkdtemp(prefix='bench_pages_')
    rpc = Rpc(url, db)
    rows = []
    cold, warm = measure_login(tmp, url, 'director', runs)
    rows.append(('login → first screen (director)', cold / 1000.0, _ms(warm)))
    for name, login, xmlid in pages:
        action = rpc.ref(xmlid)
        if not action:
            rows.append((name + ' [no action %s]' % xmlid, float('nan'), float('nan')))
            continue
        cold, warm = measure_page(tmp, url, login, action, runs)
        rows.append((name, cold / 1000.0, _ms(warm)))
    if till:
        uids = till_setup(rpc)
        if uids:
            cold, warm, taps = measure_till(tmp, url, uids, runs)
            rows.append(('canteen till start (cashier)', cold / 1000.0, _ms(warm)))
            rows.append(('card tap → child shown (median of %d)' % len(taps), float('nan'), _ms(taps)))
    return rows


def report(rows, runs):
    print('Page times in headless Chromium (cold: empty browser cache; warm: median of %d reloads)' % runs)
    print('machine: %s' % machine())
    print('%-44s %8s %8s' % ('page', 'cold s', 'warm s'))
    for name, cold, warm in rows:
        flag = ''
        if cold == cold and cold > TARGET_COLD_S or warm == warm and warm > TARGET_WARM_S:
            flag = '  (over target)'
        print('%-44s %8.2f %8.2f%s' % (name, cold, warm, flag))
    print('targets: warm < %.0f s, cold < %.0f s' % (TARGET_WARM_S, TARGET_COLD_S))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-c', '--conf')
    ap.add_argument('-d', '--db', required=True)
    ap.add_argument('--url', help='an Odoo already serving the database (else it is served from --conf)')
    ap.add_argument('--runs', type=int, default=3)
    args = ap.parse_args(argv)
    server = None
    if not args.url:
        if not args.conf:
            ap.error('give --url or -c')
        server = Server(args.conf, args.db)
    try:
        rows = run(args.url or server.url, args.db, args.runs)
    finally:
        if server:
            server.stop()
    report(rows, args.runs)


def test_benchmark_smoke(tmp_path):
    import pytest
    conf, db = os.environ.get('KZ_BENCH_CONF'), os.environ.get('KZ_BENCH_DB')
    if not (conf and db):
        pytest.skip('KZ_BENCH_CONF and KZ_BENCH_DB name the database to measure')
    server = Server(conf, db)
    try:
        rows = run(server.url, db, runs=1, pages=SMOKE_PAGES, tmp=str(tmp_path))
    finally:
        server.stop()
    report(rows, 1)
    names = [r[0] for r in rows]
    assert names[0].startswith('login') and 'students (director)' in names
    assert all(r[1] > 0 for r in rows[:3]), rows
    assert any(n.startswith('card tap') for n in names), names


if __name__ == '__main__':
    main()
