from . import test_audit
