# -*- coding: utf-8 -*-
from . import test_chart
from . import test_ledger
from . import test_demo
from . import test_finplan
from . import test_reports
from . import test_move_locks
