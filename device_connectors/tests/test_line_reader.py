"""Line readers (HSC-01): CR/LF variants, spaces, lower case, decimal or hex, garbage lines logged."""
import logging

import pytest

from kz_access_connector.readers.line import LineParser, LineReader
from kz_access_connector.simulator import TapSimulator, line_bytes


@pytest.mark.parametrize('data', [
    b'04A1B2C3\r\n', b'04a1b2c3\n', b'04A1B2C3\r', b' 04 a1 b2 c3 \r\n', b'\r\n\r\n04A1B2C3\n\n'])
def test_hex_line_variants(data):
    assert LineParser('hex').feed(data) == ['04A1B2C3']


def test_line_split_across_reads():
    parser = LineParser('hex')
    assert parser.feed(b'04A1') == []
    assert parser.feed(b'B2C3\r') == ['04A1B2C3']
    assert parser.feed(b'\n0010597059\r\n') == ['0010597059']


def test_decimal_format_rejects_hex_letters(caplog):
    parser = LineParser('decimal')
    with caplog.at_level(logging.WARNING):
        assert parser.feed(b'0010597059\r\n04A1B2C3\r\n') == ['0010597059']
    assert parser.stats == {'cards': 1, 'garbage_lines': 1}
    assert 'garbage' in caplog.text


def test_alnum_format_reads_barcode_cards():
    assert LineParser('alnum').feed(b'KZ000100000042\r\n') == ['KZ000100000042']


def test_garbage_and_empty_lines(caplog):
    parser = LineParser('hex')
    with caplog.at_level(logging.WARNING):
        cards = parser.feed(b'\r\n#?!\r\nERR 12\r\n\xff\xfe\r\n04A1B2C3\r\n')
    assert cards == ['04A1B2C3']
    assert parser.stats['garbage_lines'] == 3
    assert caplog.text.count('garbage line') == 3


def test_overlong_line_dropped_whole():
    parser = LineParser('hex')
    assert parser.feed(b'A' * 100) == []
    assert parser.feed(b'BC\r\n04A1B2C3\r\n') == ['04A1B2C3']
    assert parser.stats['garbage_lines'] == 1


def test_unknown_format_refused():
    with pytest.raises(ValueError):
        LineParser('octal')


def test_line_reader_on_loop_port():
    reader = LineReader('loop://', number_format='hex')
    reader.open()
    try:
        simulator = TapSimulator(reader.serial.write, 'line', lower=True, spaced=True, ending=b'\n')
        simulator.tap('04A1B2C3')
        simulator.garbage()
        reader.serial.write(line_bytes('00D4E5F6'))
        cards = []
        for _ in range(10):
            cards += reader.read_cards()
        assert cards == ['04A1B2C3', '00D4E5F6']
    finally:
        reader.close()
