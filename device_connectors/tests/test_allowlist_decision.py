"""Local decision (HSC-01, HSC-11): active cards open at once, blocked or unknown cards do not and are logged;
the allow-list survives restarts and failed refreshes; the relay actuator pulses its line."""
import json
import logging
import time

import pytest

from kz_access_connector import Connector
from kz_access_connector.actuators import RelayActuator, create_actuator
from kz_access_connector.allowlist import AllowList
from kz_access_connector.client import OdooClient
from kz_access_connector.config import TurnstileConfig


@pytest.fixture
def connector(make_config):
    connector = Connector(make_config())
    connector.allowlist.replace(['04A1B2C3', '00D4E5F6'])
    yield connector
    connector.stop()


def test_active_card_opens_HSC01(connector):
    result = connector.tap(' 04a1b2c3 ')
    assert result.opened and result.event.granted and result.event.card == '04A1B2C3'
    assert connector.actuator.opened == 1


def test_blocked_or_unknown_card_stays_closed_and_is_logged_HSC01(connector, caplog):
    connector.allowlist.replace(['00D4E5F6'])          # 04A1B2C3 was blocked in Odoo
    with caplog.at_level(logging.WARNING):
        blocked = connector.tap('04A1B2C3')
        unknown = connector.tap('DEADBEEF')
    assert not blocked.opened and not unknown.opened
    assert connector.actuator.opened == 0
    assert 'card 04A1B2C3 is not active' in caplog.text and 'card DEADBEEF is not active' in caplog.text
    assert [e.card for e in connector.queue.events()] == ['04A1B2C3', 'DEADBEEF']   # still recorded (HSC-11)


def test_allowlist_cache_is_atomic_and_reloaded(tmp_path):
    path = tmp_path / 'cache' / 'allowlist.json'
    first = AllowList(str(path))
    first.replace(['04a1b2c3', '00D4E5F6'], '2024-09-02T08:00:00+05:00')
    assert json.loads(path.read_text())['cards'] == ['00D4E5F6', '04A1B2C3']
    assert [p.name for p in path.parent.iterdir()] == ['allowlist.json']   # no temporary file left
    second = AllowList(str(path))
    assert second.load_cache() and second.is_active('04A1B2C3')
    assert second.generated_at == '2024-09-02T08:00:00+05:00'


def test_damaged_cache_starts_empty(tmp_path, caplog):
    path = tmp_path / 'allowlist.json'
    path.write_text('{"cards": [')
    allowlist = AllowList(str(path))
    assert not allowlist.load_cache() and len(allowlist) == 0
    assert 'unreadable' in caplog.text


def test_refresh_from_odoo_then_keep_last_list_when_down(tmp_path, fake_odoo, caplog):
    allowlist = AllowList(str(tmp_path / 'allowlist.json'))
    client = OdooClient(fake_odoo.url, fake_odoo.token, timeout=2)
    assert allowlist.refresh(client)
    assert allowlist.is_active('04A1B2C3') and len(allowlist) == 2
    fake_odoo.stop()
    assert not allowlist.refresh(client)
    assert allowlist.is_active('04A1B2C3')
    assert 'keeping the last list of 2 cards' in caplog.text


def test_connector_start_refreshes_the_allowlist(make_config, fake_odoo):
    connector = Connector(make_config(fake_odoo.url)).start()
    try:
        deadline = time.monotonic() + 5
        while not connector.allowlist.is_active('04A1B2C3') and time.monotonic() < deadline:
            time.sleep(0.02)
        assert connector.tap('04A1B2C3').opened
    finally:
        connector.stop()


def test_relay_pulses_dtr_and_releases():
    relay = RelayActuator('loop://', mode='dtr', pulse_ms=50)
    try:
        assert relay.serial.dtr is False
        relay.open('04A1B2C3')
        assert relay.serial.dtr is True
        time.sleep(0.3)
        assert relay.serial.dtr is False
    finally:
        relay.close()


def test_relay_writes_open_and_close_bytes():
    relay = create_actuator(TurnstileConfig(actuator='relay', port='loop://', mode='bytes', pulse_ms=20,
                                            open_bytes='A0 01 01 A2', close_bytes='A0 01 00 A1'))
    try:
        relay.serial.timeout = 1
        relay.open('04A1B2C3')
        assert relay.serial.read(8) == bytes.fromhex('A00101A2A00100A1')
    finally:
        relay.close()
