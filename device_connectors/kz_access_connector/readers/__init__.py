"""Card readers, pluggable per device type: `[device] type` names a class in READERS.

    line      one card number per line on a serial port (readers/line.py)
    rdm6300   RDM6300 / EM4100 binary frames with checksum on a serial port (readers/rdm6300.py)
    evdev     keyboard-wedge readers via /dev/input/eventN (readers/evdev.py)

A new device type is a module here with a Reader subclass decorated with `@register('name')`, imported below.
"""
from . import evdev, line, rdm6300  # noqa: F401  (registers the readers)
from .base import READERS, Reader


def create_reader(device):
    """Build the reader named by a config.DeviceConfig's `type`."""
    try:
        cls = READERS[device.type]
    except KeyError:
        raise ValueError('unknown [device] type %r (known: %s)' % (device.type, ', '.join(sorted(READERS))))
    return cls.from_config(device)


__all__ = ['READERS', 'Reader', 'create_reader']
