# -*- coding: utf-8 -*-
from . import kz_canteen_report_wizard
from . import kz_canteen_reconcile_wizard
