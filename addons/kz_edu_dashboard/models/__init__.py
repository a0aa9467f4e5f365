from . import kz_edu_dashboard
from . import kz_edu_dashboard_export
from . import res_users
