from . import kz_edu_dashboard_xlsx
