"""RDM6300 / EM4100 frames (HSC-01): good frames, bad checksum, bad length, garbage resync, repeats debounced."""
import pytest

from kz_access_connector.readers.rdm6300 import Rdm6300Parser, Rdm6300Reader
from kz_access_connector.simulator import PtyPort, TapSimulator, rdm6300_frame

CARD = '0F00A1B2C3'


def test_good_frame_gives_the_tag_HSC01():
    frame = rdm6300_frame(CARD)
    assert frame == b'\x020F00A1B2C3DF\x03'      # checksum 0F^00^A1^B2^C3 = DF
    parser = Rdm6300Parser()
    assert parser.feed(frame) == ['00A1B2C3']
    assert parser.stats['frames'] == 1


@pytest.mark.parametrize('card_format, expected', [
    ('tag_hex', '00A1B2C3'), ('hex', '0F00A1B2C3'), ('tag_decimal', '0010597059')])
def test_card_formats(card_format, expected):
    assert Rdm6300Parser(card_format).feed(rdm6300_frame(CARD)) == [expected]


def test_frame_split_byte_by_byte():
    parser = Rdm6300Parser()
    cards = [card for byte in rdm6300_frame(CARD) for card in parser.feed(bytes([byte]))]
    assert cards == ['00A1B2C3']


def test_bad_checksum_rejected_and_counted():
    parser = Rdm6300Parser()
    assert parser.feed(rdm6300_frame(CARD, corrupt='checksum')) == []
    assert parser.stats['bad_checksum'] == 1
    assert parser.feed(rdm6300_frame(CARD)) == ['00A1B2C3']


def test_bad_lengths_rejected_and_counted():
    parser = Rdm6300Parser()
    short = rdm6300_frame(CARD, corrupt='length')
    too_long = b'\x02' + b'0F00A1B2C3DF00' + b'\x03'
    assert parser.feed(short + too_long + rdm6300_frame(CARD)) == ['00A1B2C3']
    assert parser.stats['bad_length'] == 2
    assert parser.stats['frames'] == 1


def test_truncated_frame_followed_by_a_frame_resyncs():
    parser = Rdm6300Parser()
    assert parser.feed(b'\x020F00A1' + rdm6300_frame('0F00D4E5F6')) == ['00D4E5F6']
    assert parser.stats['bad_length'] == 1


def test_garbage_skipped_and_counted():
    parser = Rdm6300Parser()
    noise = b'\x00\xff\x03AB\r\n'
    assert parser.feed(noise + rdm6300_frame(CARD) + noise + rdm6300_frame('0F00D4E5F6') + b'\r\n') == [
        '00A1B2C3', '00D4E5F6']
    assert parser.stats['garbage_bytes'] == 2 * len(noise) + 2


def test_non_hex_payload_counted():
    parser = Rdm6300Parser()
    assert parser.feed(b'\x020F00A1B2CXDF\x03') == []
    assert parser.stats['not_hex'] == 1


def test_repeats_of_a_held_card_debounced_HSC01():
    now = [100.0]
    reader = Rdm6300Reader('loop://', debounce_ms=500, clock=lambda: now[0])
    reader.open()
    try:
        simulator = TapSimulator(reader.serial.write, 'rdm6300')
        cards = []
        for _ in range(10):                    # held: a frame every 100 ms
            simulator.tap(CARD)
            cards += reader.read_cards()
            now[0] += 0.1
        now[0] += 1.0                          # taken away, then tapped again
        simulator.tap(CARD)
        cards += reader.read_cards()
        assert cards == ['00A1B2C3', '00A1B2C3']
        assert reader.stats['debounced'] == 9
    finally:
        reader.close()


def test_reader_on_a_pty_with_corrupted_frames():
    port = PtyPort()
    reader = Rdm6300Reader(port.name, debounce_ms=0)
    reader.open()
    try:
        simulator = TapSimulator(port.write, 'rdm6300')
        simulator.garbage()
        simulator.corrupted(CARD, 'checksum')
        simulator.corrupted(CARD, 'length')
        simulator.tap('0F00D4E5F6')
        cards = []
        for _ in range(20):
            cards += reader.read_cards()
            if cards:
                break
        assert cards == ['00D4E5F6']
        assert reader.stats['bad_checksum'] == 1 and reader.stats['bad_length'] == 1
    finally:
        reader.close()
        port.close()
