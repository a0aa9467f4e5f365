from . import kz_edu_access_device
from . import kz_edu_access_event
from . import kz_edu_access_daily
from . import kz_edu_notification
from . import res_company
from . import kz_edu_access_demo
from . import hr_employee
