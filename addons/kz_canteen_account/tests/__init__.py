# -*- coding: utf-8 -*-
from . import test_canteen_account
from . import test_till_closing
