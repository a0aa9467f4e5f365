# personnel records and teacher profile
from . import kz_edu_parameter
from . import kz_hr_personnel
