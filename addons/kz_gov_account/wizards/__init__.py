# -*- coding: utf-8 -*-
from . import kz_gov_report_wizard
from . import kz_gov_budget_execution
from . import kz_gov_closing
