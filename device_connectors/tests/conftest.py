"""Fixtures for the connector tests: the package on sys.path, a fake Odoo (connector_testlib.FakeOdoo) on
127.0.0.1, and configs with every file under the test's tmp_path."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from connector_testlib import CONFIG, TOKEN, FakeOdoo  # noqa: E402
from kz_access_connector.config import parse_config  # noqa: E402


@pytest.fixture
def fake_odoo():
    server = FakeOdoo(cards=['04A1B2C3', '00A1B2C3']).start()
    yield server
    server.stop()


@pytest.fixture
def make_config(tmp_path):
    """make_config(url, token=TOKEN, batch_size=500) -> Config with everything under tmp_path."""
    def make(url='http://127.0.0.1:9', token=TOKEN, batch_size=500):
        return parse_config(CONFIG.format(url=url, token=token, dir=tmp_path, batch_size=batch_size))
    return make
