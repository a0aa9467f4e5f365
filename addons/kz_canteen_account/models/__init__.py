# -*- coding: utf-8 -*-
from . import res_company
from . import kz_canteen_posting
from . import pos_config
