# -*- coding: utf-8 -*-
from . import kz_gov_reports
from . import kz_gov_budget_execution
