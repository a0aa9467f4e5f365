"""Reader simulator: card taps in every protocol, for tests, benchmarks and trying the connector without hardware.

Encoders (pure functions):
    rdm6300_frame(card, corrupt=None)   an RDM6300 frame; corrupt='checksum' or 'length' spoils it
    line_bytes(card, ...)               a line reader's output, optionally lower case, spaced, LF or CR LF
    evdev_bytes(card)                   the input_event structs a keyboard-wedge reader produces

Virtual devices:
    PtyPort()              an os.openpty() pair: the connector opens `PtyPort.name` as its serial port and the
                           simulator writes to the master side
    pyserial's loop://     one in-process serial object that reads back what is written: open a reader on
                           loop:// and pass `reader.serial.write` as the TapSimulator's writer
    a FIFO or file         for the evdev reader (its `port` is then that path)

TapSimulator(write, protocol) combines them: tap(card), repeat(card, n), garbage(), corrupted(card, kind).

Command line (prints where to point the connector, then taps until Ctrl-C or --count):
    python -m kz_access_connector.simulator --protocol rdm6300 --cards 0F00A1B2C3,0F00D4E5F6 --interval 2
    python -m kz_access_connector.simulator --protocol evdev --output /tmp/kbd.fifo
"""
import argparse
import os
import random
import stat
import sys
import time
import tty

from .readers import evdev, rdm6300

PROTOCOLS = ('line', 'rdm6300', 'evdev')
_CHAR_KEYS = {char: code for code, char in evdev.KEY_CHARS.items()}


def rdm6300_frame(card, corrupt=None):
    """The frame for `card`, 10 hex digits (version byte + 4-byte tag). corrupt: None, 'checksum' or 'length'."""
    if corrupt not in (None, 'checksum', 'length'):
        raise ValueError('corrupt must be None, checksum or length')
    data = bytes.fromhex(card)
    if len(data) != 5:
        raise ValueError('an RDM6300 card number is 10 hex digits, not %r' % card)
    check = rdm6300.checksum(data) ^ (0x01 if corrupt == 'checksum' else 0)
    body = (data.hex() + '%02x' % check).upper().encode('ascii')
    if corrupt == 'length':
        body = body[:-3]
    return bytes([rdm6300.STX]) + body + bytes([rdm6300.ETX])


def line_bytes(card, lower=False, spaced=False, ending=b'\r\n'):
    """A line reader's output for `card`."""
    text = card.lower() if lower else card
    if spaced:
        text = ' ' + ' '.join(text[i:i + 2] for i in range(0, len(text), 2)) + ' '
    return text.encode('ascii') + ending


def evdev_bytes(card, timestamp=None):
    """input_event structs for typing `card` (digits and A-F) and Enter: key down, key up, SYN_REPORT."""
    seconds = time.time() if timestamp is None else timestamp
    sec, usec = int(seconds), int(seconds % 1 * 1e6)
    out = bytearray()
    for code in [_CHAR_KEYS[char] for char in card.upper()] + [evdev.KEY_ENTER]:
        for value in (evdev.KEY_DOWN, 0):
            out += evdev.INPUT_EVENT.pack(sec, usec, evdev.EV_KEY, code, value)
            out += evdev.INPUT_EVENT.pack(sec, usec, 0, 0, 0)      # EV_SYN / SYN_REPORT
    return bytes(out)


class PtyPort:
    """A virtual serial port: open `name` with pyserial (or the connector), `write()` here to send it bytes."""

    def __init__(self):
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.name = os.ttyname(self._slave)

    def write(self, data):
        os.write(self._master, data)

    def close(self):
        os.close(self._master)
        os.close(self._slave)


class TapSimulator:
    """Writes taps in `protocol` through the callable `write(bytes)`."""

    def __init__(self, write, protocol, **line_options):
        if protocol not in PROTOCOLS:
            raise ValueError('protocol must be one of %s' % ', '.join(PROTOCOLS))
        self.write = write
        self.protocol = protocol
        self.line_options = line_options

    def encode(self, card):
        if self.protocol == 'rdm6300':
            return rdm6300_frame(card)
        if self.protocol == 'evdev':
            return evdev_bytes(card)
        return line_bytes(card, **self.line_options)

    def tap(self, card):
        self.write(self.encode(card))

    def repeat(self, card, times, interval=0.0):
        """The card held on the reader: the same reading `times` times."""
        for i in range(times):
            if i:
                time.sleep(interval)
            self.tap(card)

    def corrupted(self, card, kind='checksum'):
        """An RDM6300 frame spoilt by `kind` (checksum or length)."""
        self.write(rdm6300_frame(card, corrupt=kind))

    def garbage(self, size=7, rng=random):
        """Line noise. For evdev, unexpected keys (KEY_Q); for line readers, a line that is not a number."""
        if self.protocol == 'evdev':
            self.write(evdev.INPUT_EVENT.pack(0, 0, evdev.EV_KEY, 16, evdev.KEY_DOWN) * size)
        elif self.protocol == 'line':
            self.write(b'#?!' * size + b'\r\n')
        else:
            self.write(bytes(rng.choice([0x00, 0x03, 0x41, 0x7F, 0xFF, 0x0D]) for _ in range(size)))


def _open_output(args):
    """(writer, close, where the connector should read) for the chosen output."""
    if args.output:
        if not os.path.exists(args.output):
            os.mkfifo(args.output)
        if stat.S_ISFIFO(os.stat(args.output).st_mode):
            print('waiting for a reader to open the FIFO %s ...' % args.output, flush=True)
        handle = open(args.output, 'ab', buffering=0)
        return handle.write, handle.close, args.output
    port = PtyPort()
    return port.write, port.close, port.name


def main(argv=None):
    parser = argparse.ArgumentParser(prog='kz_access_connector.simulator',
                                     description='Simulate card taps on a virtual reader.')
    parser.add_argument('--protocol', choices=PROTOCOLS, default='rdm6300')
    parser.add_argument('--cards', default='0F00A1B2C3,0F00D4E5F6',
                        help='comma-separated card numbers (rdm6300: 10 hex digits; evdev: digits and A-F)')
    parser.add_argument('--interval', type=float, default=2.0, help='seconds between taps')
    parser.add_argument('--count', type=int, default=0, help='stop after this many taps (0: never)')
    parser.add_argument('--repeat', type=int, default=1, help='readings per tap (a card held on the reader)')
    parser.add_argument('--corrupt-every', type=int, default=0,
                        help='rdm6300: every Nth tap is preceded by garbage and a bad-checksum frame')
    parser.add_argument('--output', help='a FIFO or file to write to (evdev); default: a new pty')
    args = parser.parse_args(argv)
    cards = [card.strip() for card in args.cards.split(',') if card.strip()]
    write, close, where = _open_output(args)
    simulator = TapSimulator(write, args.protocol)
    print('simulating %s taps: point [device] port at %s' % (args.protocol, where), flush=True)
    taps = 0
    try:
        while not args.count or taps < args.count:
            time.sleep(args.interval)
            card = cards[taps % len(cards)]
            taps += 1
            if args.protocol == 'rdm6300' and args.corrupt_every and taps % args.corrupt_every == 0:
                simulator.garbage()
                simulator.corrupted(card)
            simulator.repeat(card, args.repeat, interval=0.1)
            print('tap %d: %s' % (taps, card), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
