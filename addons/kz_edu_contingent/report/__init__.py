from . import kz_edu_contingent_xlsx
