# -*- coding: utf-8 -*-
from . import models


def post_load():
    """Server-wide part (session id rotation, idle lifetime, no tracebacks for callers): see http_patches.py."""
    from . import http_patches
    http_patches.install()
