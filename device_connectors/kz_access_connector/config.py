"""The connector's INI configuration (configparser), read into plain dataclasses.

One section per dataclass below; every key is a field of that dataclass, typed by its annotation. Unknown keys
are errors (a typo must not silently fall back to a default), keys without a default are required.
See ../connector.ini.example for a commented file.
"""
import configparser
from dataclasses import MISSING, dataclass, field, fields


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or has a wrong value."""


@dataclass
class ServerConfig:
    url: str                                # https://school.example.kz (the Odoo base URL)
    token: str                              # the device token issued in Odoo
    timeout_seconds: float = 10.0


@dataclass
class DeviceConfig:
    type: str                               # a reader registry name: line, rdm6300, evdev
    port: str                               # /dev/ttyUSB0, a pyserial URL (loop://), or /dev/input/eventN
    direction: str = 'in'                   # what a tap on this reader means: in or out
    baudrate: int = 9600
    debounce_ms: int = 1000                 # the same card again within this window is one tap
    number_format: str = 'hex'              # line readers: hex, decimal or alnum (printed barcode cards)
    card_format: str = 'tag_hex'            # rdm6300: tag_hex (8 hex), hex (10 hex, with version), tag_decimal
    grab: bool = False                      # evdev: EVIOCGRAB, so the digits do not reach the console


@dataclass
class TurnstileConfig:
    actuator: str = 'log'                   # relay or log
    port: str = ''                          # relay: the serial port (or pyserial URL)
    baudrate: int = 9600
    mode: str = 'dtr'                       # relay: dtr, rts (pulse a modem line) or bytes (write open_bytes)
    pulse_ms: int = 500                     # how long the line stays asserted / before close_bytes
    open_bytes: str = ''                    # relay bytes mode, hex: A0 01 01 A2 (LCUS-1 USB relay "on")
    close_bytes: str = ''                   # relay bytes mode, hex: A0 01 00 A1 ("off"); empty: none


@dataclass
class QueueConfig:
    path: str                               # the SQLite file of the store-and-forward queue
    batch_size: int = 500
    retry_initial_seconds: float = 1.0      # first back-off delay after a failed send
    retry_max_seconds: float = 60.0         # back-off cap
    idle_seconds: float = 5.0               # sender poll interval when nothing is pending
    purge_days: int = 30                    # sent and rejected events older than this are deleted


@dataclass
class AllowlistConfig:
    cache_path: str                         # JSON copy of the last allow-list, used at start and offline
    refresh_seconds: float = 300.0


@dataclass
class Config:
    server: ServerConfig
    device: DeviceConfig
    queue: QueueConfig
    allowlist: AllowlistConfig
    turnstile: TurnstileConfig = field(default_factory=TurnstileConfig)


_SECTIONS = {f.name: f.type for f in fields(Config)}


def load_config(path):
    """Read the INI file at `path` into a Config."""
    try:
        with open(path, encoding='utf-8') as handle:
            return parse_config(handle.read(), source=path)
    except OSError as exc:
        raise ConfigError('cannot read %s: %s' % (path, exc))


def parse_config(text, source='<string>'):
    """Parse INI `text` into a validated Config."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=source)
    except configparser.Error as exc:
        raise ConfigError(str(exc))
    unknown = set(parser.sections()) - set(_SECTIONS)
    if unknown:
        raise ConfigError('%s: unknown section(s) %s' % (source, ', '.join(sorted(unknown))))
    sections = {}
    for name, cls in _SECTIONS.items():
        if parser.has_section(name):
            sections[name] = _build(cls, name, parser[name], source)
        elif name == 'turnstile':
            sections[name] = TurnstileConfig()
        else:
            raise ConfigError('%s: missing section [%s]' % (source, name))
    config = Config(**sections)
    _validate(config, source)
    return config


def _build(cls, section_name, section, source):
    known = {f.name: f for f in fields(cls)}
    unknown = set(section) - set(known)
    if unknown:
        raise ConfigError('%s: [%s] unknown key(s) %s' % (source, section_name, ', '.join(sorted(unknown))))
    values = {}
    for name, spec in known.items():
        if name not in section:
            if spec.default is MISSING:
                raise ConfigError('%s: [%s] %s is required' % (source, section_name, name))
            continue
        try:
            if spec.type is bool:
                values[name] = section.getboolean(name)
            else:
                values[name] = spec.type(section[name].strip())
        except ValueError:
            raise ConfigError('%s: [%s] %s = %r is not a %s'
                              % (source, section_name, name, section[name], spec.type.__name__))
    return cls(**values)


def _validate(config, source):
    checks = [
        (config.server.url.startswith(('http://', 'https://')), '[server] url must start with http:// or https://'),
        (bool(config.server.token), '[server] token is empty'),
        (config.device.direction in ('in', 'out'), '[device] direction must be in or out'),
        (config.device.debounce_ms >= 0, '[device] debounce_ms must be >= 0'),
        (config.queue.batch_size > 0, '[queue] batch_size must be > 0'),
        (0 < config.queue.retry_initial_seconds <= config.queue.retry_max_seconds,
         '[queue] need 0 < retry_initial_seconds <= retry_max_seconds'),
        (config.allowlist.refresh_seconds > 0, '[allowlist] refresh_seconds must be > 0'),
    ]
    for ok, message in checks:
        if not ok:
            raise ConfigError('%s: %s' % (source, message))
