from . import kz_edu_promotion_wizard
from . import kz_edu_contingent_report_wizard
from . import kz_edu_student_import
