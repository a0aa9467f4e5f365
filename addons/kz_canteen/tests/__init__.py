from . import test_canteen_pos
from . import test_canteen_reports
from . import test_canteen_portal
from . import test_canteen_demo
from . import test_topup_locks
from . import test_till_session
