from . import kz_edu_access_report_wizard
