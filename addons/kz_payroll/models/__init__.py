# core payroll
from . import kz_edu_parameter
from . import kz_payroll_core
# time sheet (табель) of a month
from . import kz_timesheet
# public holidays in the working schedules
from . import kz_public_holiday
