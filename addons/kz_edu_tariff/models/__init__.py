# -*- coding: utf-8 -*-
from . import kz_edu_curriculum
from . import kz_edu_curriculum_demo
from . import kz_edu_tariff
from . import hr_employee
from . import kz_edu_tariff_list
from . import hr_contract
from . import hr_payslip
from . import kz_edu_tariff_demo
