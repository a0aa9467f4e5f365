"""Keyboard-wedge readers through /dev/input events (HSC-01): struct input_event parsing, without the evdev package."""
import os
import struct

from kz_access_connector.readers.evdev import INPUT_EVENT, EvdevParser, EvdevReader
from kz_access_connector.simulator import TapSimulator, evdev_bytes


def test_input_event_is_the_native_64bit_struct():
    assert INPUT_EVENT.format in ('llHHi', b'llHHi')
    assert INPUT_EVENT.size == struct.calcsize('llHHi')


def test_digits_and_hex_letters_until_enter():
    parser = EvdevParser()
    assert parser.feed(evdev_bytes('0010597059') + evdev_bytes('04A1B2C3')) == ['0010597059', '04A1B2C3']
    assert parser.stats['cards'] == 2


def test_events_split_mid_struct():
    data = evdev_bytes('123')
    parser = EvdevParser()
    cards = [card for i in range(0, len(data), 7) for card in parser.feed(data[i:i + 7])]
    assert cards == ['123']


def test_key_up_autorepeat_and_other_keys_ignored():
    pack = INPUT_EVENT.pack
    data = b''.join([
        pack(0, 0, 1, 2, 1), pack(0, 0, 1, 2, 2), pack(0, 0, 1, 2, 0),     # '1' down, repeat, up
        pack(0, 0, 1, 42, 1), pack(0, 0, 1, 30, 1),                         # Shift, 'A'
        pack(0, 0, 1, 16, 1),                                               # 'Q': not a hex digit
        pack(0, 0, 4, 4, 458782),                                           # EV_MSC scan code
        pack(0, 0, 1, 28, 1), pack(0, 0, 1, 28, 1),                         # Enter twice: one card
    ])
    parser = EvdevParser()
    assert parser.feed(data) == ['1A']
    assert parser.stats['other_keys'] == 1


def test_reader_on_a_fifo_with_grab_requested(tmp_path, caplog):
    path = str(tmp_path / 'event0')
    os.mkfifo(path)
    reader = EvdevReader(path, grab=True)
    reader.open()                                   # a FIFO cannot be grabbed: warned, still read
    writer = open(path, 'wb', buffering=0)
    try:
        simulator = TapSimulator(writer.write, 'evdev')
        simulator.garbage()
        simulator.tap('04A1B2C3')
        cards = []
        for _ in range(20):
            cards += reader.read_cards()
            if cards:
                break
        assert cards == ['04A1B2C3']
        assert 'cannot grab' in caplog.text
    finally:
        writer.close()
        reader.close()


def test_reader_on_a_recorded_file(tmp_path):
    path = tmp_path / 'recorded'
    path.write_bytes(evdev_bytes('123456') + evdev_bytes('654321'))
    reader = EvdevReader(str(path))
    reader.open()
    try:
        assert reader.read_cards() == ['123456', '654321']
        assert reader.read_cards() == []            # end of file: waits, does not spin
    finally:
        reader.close()
