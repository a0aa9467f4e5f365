from . import test_suite
from . import test_staff_without_email
from . import test_error_translation
