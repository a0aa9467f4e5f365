from . import kz_edu_access_xlsx
