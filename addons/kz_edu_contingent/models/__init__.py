from . import kz_edu_academic_year
from . import kz_edu_reference
from . import kz_edu_class
from . import kz_edu_student
from . import kz_edu_enrollment
from . import kz_edu_movement
from . import kz_edu_card
from . import kz_edu_contingent_demo
