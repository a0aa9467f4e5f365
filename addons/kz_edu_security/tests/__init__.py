from . import test_login_security
