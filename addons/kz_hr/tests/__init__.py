from . import test_personnel
from . import test_upgrade_hook
