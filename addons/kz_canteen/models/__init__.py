# -*- coding: utf-8 -*-
from . import res_company
from . import product
from . import kz_canteen_menu
from . import kz_canteen_meal
from . import kz_canteen_topup
from . import kz_canteen_parent
from . import kz_edu_student
from . import kz_canteen_pos
from . import kz_edu_parameter
from . import pos_session
from . import kz_canteen_notify
from . import kz_canteen_demo
from . import kz_canteen_monthly_report
