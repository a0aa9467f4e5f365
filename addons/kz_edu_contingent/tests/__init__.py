from . import test_movement
from . import test_contingent_access
