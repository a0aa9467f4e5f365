"""Shared helpers of the benchmarks: what machine the figures were measured on, and a database environment
whose transaction is always rolled back."""
import contextlib
import os
import platform


def machine():
    """{'nproc', 'cpu', 'python', 'system'} of this machine, printed with every benchmark's figures."""
    model = platform.processor() or 'unknown CPU'
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return {'nproc': os.cpu_count(), 'cpu': model, 'python': platform.python_version(),
            'system': '%s %s' % (platform.system(), platform.release())}


_CONFIGURED = {}


def configure(conf, db):
    """Odoo's configuration for ``db``, parsed once per process (Odoo's loader consumes some options, so a second
    parse in the same process breaks the next registry load)."""
    import odoo
    if _CONFIGURED.get('conf') != (conf, db):
        odoo.tools.config.parse_config(['-c', conf, '-d', db, '--log-level=warn'])
        _CONFIGURED['conf'] = (conf, db)


@contextlib.contextmanager
def rolled_back_env(conf, db):
    """An Odoo environment on ``db`` as the superuser whose transaction is ROLLED BACK on exit, never committed."""
    import odoo
    from odoo import SUPERUSER_ID, api
    configure(conf, db)
    registry = odoo.registry(db)
    with api.Environment.manage():
        cr = registry.cursor()
        try:
            yield api.Environment(cr, SUPERUSER_ID, {'lang': 'en_US', 'tracking_disable': True})
        finally:
            cr.rollback()
            cr.close()
