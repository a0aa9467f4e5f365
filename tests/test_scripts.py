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
    first = subprocess.Popen([RUN, '--port', str(port)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True, start_new_session=True)
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
