import copy
import importlib.util
import json
import os

_path = os.path.join(os.path.dirname(__file__), '..', '..', 'internal.py')
_spec = importlib.util.spec_from_file_location('kz_internal', _path)
internal = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(internal)


def test_only_the_token_opens_a_server_only_key():
    assert internal.is_internal({'kz_x': internal.INTERNAL}, 'kz_x')
    # whatever a JSON-RPC client can send is refused
    for value in (True, 1, 'INTERNAL', 'true', [1], {'a': 1}, None, repr(internal.INTERNAL)):
        assert not internal.is_internal(json.loads(json.dumps({'kz_x': value})), 'kz_x'), value
    assert not internal.is_internal({}, 'kz_x')
    assert not internal.is_internal(None, 'kz_x')


def test_copies_keep_the_token():
    ctx = {'kz_x': internal.INTERNAL}
    assert internal.is_internal(copy.deepcopy(ctx), 'kz_x')
    assert internal.is_internal(dict(ctx), 'kz_x')


def test_internal_context_sets_only_the_keys_asked_for():
    assert internal.internal_context(kz_a=True, kz_b=False) == {'kz_a': internal.INTERNAL}
