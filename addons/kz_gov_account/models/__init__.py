# -*- coding: utf-8 -*-
from . import kz_gov_reference
from . import account
from . import account_invoice
from . import kz_gov_finplan
from . import kz_gov_demo
from . import kz_gov_obligation
