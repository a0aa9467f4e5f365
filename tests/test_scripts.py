"""scripts/run refuses what would corrupt a running demo, with a clear message (issue: platform).

Each test works in its own throwaway state folder (KZ_LOCAL), never in the developer's .local."""
import os
import signal
import socket
import subprocess
import tempfile
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = os.path.join(ROOT, 'scripts', 'run')


@pytest.fixture
def local_dir():
    d = tempfile.mkdtemp(prefix='kz-run-test-')
    os.chmod(d, 0o755)            # the cluster runs as 'postgres' when we are root
    yield d
    subprocess.call(['rm', '-rf', d])


def run(local, *args, timeout=120):
    env = dict(os.environ, KZ_LOCAL=local, KZ_PG_PORT='54399')
    return subprocess.run([RUN] + list(args), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=timeout, universal_newlines=True)


def busy_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    s.listen(1)
    return s


def test_port_already_in_use_is_refused_clearly(local_dir):
    s = busy_port()
    try:
        port = s.getsockname()[1]
        res = run(local_dir, '--port', str(port))
    finally:
        s.close()
    assert res.returncode == 5, res.stdout
    assert 'port %d' % port in res.stdout and 'already in use' in res.stdout
    assert not os.path.exists(os.path.join(local_dir, 'pg')), 'nothing may be started for a refused run'


@pytest.mark.parametrize('args', [['--port', 'abc'], ['--port', '80'], ['--db', 'Bad-Name'], ['--bogus']])
def test_bad_arguments_are_refused(local_dir, args):
    res = run(local_dir, *args)
    assert res.returncode == 2, res.stdout
    assert 'error' in res.stdout


def test_second_run_while_one_is_running_is_refused_and_nothing_is_corrupted(local_dir):
    env = dict(os.environ, KZ_LOCAL=local_dir, KZ_PG_PORT='54398')
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    # as from a terminal: Ctrl-C (SIGINT) is not ignored, even when this test runs under a background job (a shell
    # starts its background jobs with SIGINT ignored, and a shell cannot trap a signal ignored when it started)
    first = subprocess.Popen([RUN, '--port', str(port)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        # wait until the first run has the lock and is building the database
        deadline = time.time() + 90
        while time.time() < deadline and not os.path.exists(os.path.join(local_dir, 'build.log')):
            assert first.poll() is None, first.stdout.read()
            time.sleep(0.2)
        assert os.path.exists(os.path.join(local_dir, 'build.log')), 'first run never started building'
        second = run(local_dir, '--port', str(port + 1))
        assert second.returncode == 4, second.stdout
        assert 'already running' in second.stdout
        # Ctrl-C on the first one, in the middle of building the database
        os.killpg(first.pid, signal.SIGINT)
        out, _ = first.communicate(timeout=90)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert first.returncode != 0
    assert 'stopped Odoo and PostgreSQL' in out
    # the cluster is down, the lock is free, and no half-built database carries the real name
    assert not os.path.exists(os.path.join(local_dir, 'pg', 'data', 'postmaster.pid'))
    assert not os.path.exists(os.path.join(local_dir, 'data', 'filestore', 'kz_edu_demo'))
    s = busy_port()
    try:
        res = run(local_dir, '--port', str(s.getsockname()[1]))
    finally:
        s.close()
    assert res.returncode == 5, 'the lock must be free again: ' + res.stdout


def start_and_interrupt(local, port, pg_port):
    """Start scripts/run, wait until it is building the database (its configuration is written by then), Ctrl-C."""
    env = dict(os.environ, KZ_LOCAL=local, KZ_PG_PORT=pg_port)
    env.pop('KZ_ADMIN_PASSWD', None)
    build_log = os.path.join(local, 'build.log')
    if os.path.exists(build_log):
        os.unlink(build_log)
    # as from a terminal: Ctrl-C (SIGINT) is not ignored, even when this test runs under a background job
    run_ = subprocess.Popen([RUN, '--port', str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.time() + 90
        while time.time() < deadline and not os.path.exists(build_log):
            assert run_.poll() is None, run_.stdout.read()
            time.sleep(0.2)
        assert os.path.exists(build_log), 'scripts/run never started building'
        os.killpg(run_.pid, signal.SIGINT)
        out, _ = run_.communicate(timeout=90)
    finally:
        if run_.poll() is None:
            os.killpg(run_.pid, signal.SIGKILL)
    return out


def test_run_makes_a_random_master_password_kept_private_never_a_default_SEC01(local_dir):
    from passlib.context import CryptContext
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    out = start_and_interrupt(local_dir, port, '54397')
    secret = os.path.join(local_dir, 'master-password')
    conf = os.path.join(local_dir, 'odoo.conf')
    assert secret in out, out
    assert os.stat(secret).st_mode & 0o777 == 0o600
    assert os.stat(conf).st_mode & 0o777 == 0o600
    password = open(secret).read().strip()
    assert len(password) >= 24 and password != 'admin'
    stored = [line.split('=', 1)[1].strip() for line in open(conf) if line.startswith('admin_passwd')]
    assert len(stored) == 1 and stored[0].startswith('$pbkdf2-sha512$'), stored     # a hash, not the clear text
    assert password not in open(conf).read()
    crypt = CryptContext(schemes=['pbkdf2_sha512'])
    assert crypt.verify(password, stored[0])
    assert not crypt.verify('admin', stored[0])
    # the next start keeps the same password
    out = start_and_interrupt(local_dir, port, '54397')
    assert open(secret).read().strip() == password
    assert 'a new master password' not in out


def test_no_default_master_password_in_the_scripts_and_the_example_configuration_SEC01():
    for path in ('scripts/lib.sh', 'scripts/run', 'scripts/test', 'scripts/devtest', 'config/odoo.conf.example'):
        text = open(os.path.join(ROOT, path)).read()
        assert ':-admin}' not in text, path
        for line in text.splitlines():
            if line.strip().startswith('admin_passwd'):
                value = line.split('=', 1)[1].strip()
                assert value in ('', '$hash'), (path, line)
