from . import test_personnel
