# -*- coding: utf-8 -*-
from . import kz_edu_tariff_print_wizard
