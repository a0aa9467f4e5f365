"""`line`: readers that print one card number per line on a serial port.

Most USB/RS-232 125 kHz and 13.56 MHz desktop readers and Wiegand-to-serial adapters work this way. Lines may
end in CR, LF or CR LF; spaces and lower case are tolerated. `number_format` says what a valid number looks
like: `hex` (UIDs such as 04a1b2c3), `decimal` (the 10-digit numbers printed on EM4100 cards) or `alnum`
(printed barcode cards such as KZ000100000042). Empty lines are skipped; anything else that does not match is
garbage, logged and counted.
"""
import logging
import re

from .base import SerialReader, register
from ..cards import normalize_card

_logger = logging.getLogger(__name__)

NUMBER_FORMATS = {
    'hex': re.compile(r'[0-9A-F]+'),
    'decimal': re.compile(r'[0-9]+'),
    'alnum': re.compile(r'[0-9A-Z]+'),
}
MAX_LINE = 64
_LINE_END = re.compile(rb'[\r\n]')


class LineParser:
    """Splits a byte stream into lines and keeps those that are card numbers in `number_format`."""

    def __init__(self, number_format='hex'):
        if number_format not in NUMBER_FORMATS:
            raise ValueError('number_format must be one of %s' % ', '.join(sorted(NUMBER_FORMATS)))
        self._pattern = NUMBER_FORMATS[number_format]
        self._buffer = b''
        self._skipping = False      # inside an overlong line, already counted: drop up to its end
        self.stats = {'cards': 0, 'garbage_lines': 0}

    def feed(self, data):
        *lines, self._buffer = _LINE_END.split(self._buffer + data)
        if self._skipping and lines:
            lines.pop(0)
            self._skipping = False
        if len(self._buffer) > MAX_LINE:
            if not self._skipping:
                self._garbage(self._buffer)
            self._buffer = b''
            self._skipping = True
        return [card for card in map(self._card, lines) if card]

    def _card(self, raw):
        text = normalize_card(raw.decode('ascii', 'replace'))
        if not text:
            return None
        if len(text) > MAX_LINE or not self._pattern.fullmatch(text):
            self._garbage(raw)
            return None
        self.stats['cards'] += 1
        return text

    def _garbage(self, raw):
        self.stats['garbage_lines'] += 1
        _logger.warning('line reader: ignoring garbage line %r', raw[:MAX_LINE])


@register('line')
class LineReader(SerialReader):
    """A serial reader printing one card number per line (see the module docstring)."""

    def __init__(self, port, number_format='hex', baudrate=9600, debounce_ms=0, **kwargs):
        super().__init__(port, LineParser(number_format), baudrate, debounce_ms, **kwargs)

    @classmethod
    def from_config(cls, device):
        return cls(device.port, device.number_format, device.baudrate, device.debounce_ms)
