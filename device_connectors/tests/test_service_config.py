"""The service: the example INI parses, bad configs are refused, and `python -m kz_access_connector` runs and
stops cleanly on SIGTERM."""
import os
import signal
import subprocess
import sys

import pytest

from connector_testlib import CONFIG, wait_until

from kz_access_connector.config import ConfigError, load_config, parse_config
from kz_access_connector.readers import create_reader

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)


def test_example_config_parses():
    config = load_config(os.path.join(PACKAGE_DIR, 'connector.ini.example'))
    assert config.device.type == 'rdm6300' and config.device.direction == 'in'
    assert config.queue.batch_size == 500 and config.turnstile.actuator == 'relay'


@pytest.mark.parametrize('change, message', [
    (('direction = in', 'direction = sideways'), 'direction must be in or out'),
    (('batch_size = {batch_size}', 'batch_size = many'), 'batch_size'),
    (('[allowlist]', '[allowlist]\nrefresh_secs = 5'), 'unknown key(s) refresh_secs'),
    (('token = {token}', ''), 'token is required'),
])
def test_bad_config_refused(change, message, tmp_path):
    text = CONFIG.replace(*change).format(url='http://odoo', token='t', dir=tmp_path, batch_size=500)
    with pytest.raises(ConfigError) as error:
        parse_config(text)
    assert message in str(error.value)


def test_unknown_device_type_refused(make_config):
    config = make_config()
    config.device.type = 'magstripe'
    with pytest.raises(ValueError, match='unknown \\[device\\] type'):
        create_reader(config.device)


def test_service_runs_and_stops_on_sigterm(tmp_path, make_config, fake_odoo):
    ini = tmp_path / 'connector.ini'
    ini.write_text(CONFIG.format(url=fake_odoo.url, token=fake_odoo.token, dir=tmp_path, batch_size=500))
    process = subprocess.Popen([sys.executable, '-m', 'kz_access_connector', '--config', str(ini)],
                               cwd=PACKAGE_DIR, stderr=subprocess.PIPE, universal_newlines=True)
    try:
        wait_until(lambda: (tmp_path / 'allowlist.json').exists())    # started and refreshed the list
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert 'connector stopped' in stderr


def test_service_exits_2_on_a_bad_config(tmp_path):
    ini = tmp_path / 'connector.ini'
    ini.write_text('[server]\nurl = ftp://x\n')
    result = subprocess.run([sys.executable, '-m', 'kz_access_connector', '--config', str(ini)],
                            cwd=PACKAGE_DIR, stderr=subprocess.PIPE, universal_newlines=True, timeout=30)
    assert result.returncode == 2 and 'token is required' in result.stderr
