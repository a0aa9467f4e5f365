"""`rdm6300`: the RDM6300 / RDM630 125 kHz EM4100 reader module and its serial frame.

Source: ITEAD Studio, "RDM630/RDM6300 125KHz RFID reader module" datasheet (output format, UART interface).
The module sends, at 9600 baud 8N1, one 14-byte frame per reading, and repeats it while the card is held:

    +------+----------------------------+---------------------+------+
    | 0x02 | 10 ASCII hex characters    | 2 ASCII hex chars   | 0x03 |
    | STX  | = 5 data bytes:            | checksum = XOR of   | ETX  |
    |      | 1 version/customer byte    | the 5 data bytes    |      |
    |      | + 4-byte card (tag) number |                     |      |
    +------+----------------------------+---------------------+------+

    e.g. 02 "0F00A1B2C3" "DF" 03: version 0x0F, tag 0x00A1B2C3, checksum 0x0F^0x00^0xA1^0xB2^0xC3 = 0xDF.

Parsing is a resynchronising scan: bytes before an STX are garbage; an STX followed by another STX, or by no
ETX where the 14th byte should be, or an STX..ETX span of the wrong size, is a bad-length frame; a frame whose
12 characters are not hex, or whose checksum does not match, is dropped. Every case is counted in `stats` for
the health report. Some clones add CR LF after ETX; those bytes count as garbage and are otherwise harmless.

`card_format` says which number the connector reports, to match what the school registered in Odoo:
`tag_hex` (the 4-byte tag as 8 hex digits, the default), `hex` (all 5 bytes, 10 hex digits) or `tag_decimal`
(the tag as the 10-digit decimal number printed on most EM4100 cards).
"""
from functools import reduce

from .base import SerialReader, register

STX = 0x02
ETX = 0x03
FRAME_LEN = 14          # STX + 10 data chars + 2 checksum chars + ETX
PAYLOAD_LEN = 12

CARD_FORMATS = {
    'tag_hex': lambda data: data[1:].hex().upper(),
    'hex': lambda data: data.hex().upper(),
    'tag_decimal': lambda data: '%010d' % int.from_bytes(data[1:], 'big'),
}


def checksum(data):
    """XOR of the 5 data bytes."""
    return reduce(lambda a, b: a ^ b, data, 0)


class Rdm6300Parser:
    """Turns a byte stream of RDM6300 frames into card numbers, resynchronising on garbage."""

    def __init__(self, card_format='tag_hex'):
        if card_format not in CARD_FORMATS:
            raise ValueError('card_format must be one of %s' % ', '.join(sorted(CARD_FORMATS)))
        self._format = CARD_FORMATS[card_format]
        self._buffer = bytearray()
        self.stats = {'frames': 0, 'bad_checksum': 0, 'bad_length': 0, 'not_hex': 0, 'garbage_bytes': 0}

    def feed(self, data):
        self._buffer += data
        cards = []
        while True:
            card, complete = self._next_frame()
            if card:
                cards.append(card)
            if not complete:
                return cards

    def _next_frame(self):
        """Consume at most one frame from the buffer: (card or None, whether more may follow at once)."""
        buf = self._buffer
        start = buf.find(STX)
        if start < 0:
            self.stats['garbage_bytes'] += len(buf)
            buf.clear()
            return None, False
        self.stats['garbage_bytes'] += start
        del buf[:start]
        window = buf[1:FRAME_LEN]
        inner_stx, etx = window.find(STX), window.find(ETX)
        if inner_stx >= 0 and (etx < 0 or inner_stx < etx):
            self.stats['bad_length'] += 1       # a truncated frame, then a new one
            del buf[:inner_stx + 1]
            return None, True
        if etx < 0:
            if len(buf) < FRAME_LEN:
                return None, False              # wait for the rest of the frame
            self.stats['bad_length'] += 1       # no ETX where it must be: too long
            del buf[:1]
            return None, True
        payload = bytes(window[:etx])
        del buf[:etx + 2]
        if len(payload) != PAYLOAD_LEN:
            self.stats['bad_length'] += 1
            return None, True
        try:
            raw = bytes.fromhex(payload.decode('ascii'))
        except ValueError:                      # non-ASCII or non-hex characters (fromhex allows spaces)
            self.stats['not_hex'] += 1
            return None, True
        if len(raw) != 6:
            self.stats['not_hex'] += 1
            return None, True
        data, received = raw[:5], raw[5]
        if checksum(data) != received:
            self.stats['bad_checksum'] += 1
            return None, True
        self.stats['frames'] += 1
        return self._format(data), True


@register('rdm6300')
class Rdm6300Reader(SerialReader):
    """An RDM6300 (or compatible EM4100 UART module) on a serial port."""

    def __init__(self, port, card_format='tag_hex', baudrate=9600, debounce_ms=1000, **kwargs):
        super().__init__(port, Rdm6300Parser(card_format), baudrate, debounce_ms, **kwargs)

    @classmethod
    def from_config(cls, device):
        return cls(device.port, device.card_format, device.baudrate, device.debounce_ms)
