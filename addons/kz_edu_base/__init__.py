from . import models
from . import controllers
from .hooks import post_init_hook


def post_load():
    """Server-wide part: a rule refusal (KzError) reaching the JSON-RPC boundary is shown as a translated warning
    (http_net.py)."""
    from . import http_net
    http_net.install()
