"""Shared helpers of the benchmarks: what machine the figures were measured on."""
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
