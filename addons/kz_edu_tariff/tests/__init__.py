# -*- coding: utf-8 -*-
from . import test_curriculum
from . import test_tariff_list
from . import test_shared_parameters
