from . import test_movement
from . import test_contingent_access
from . import test_import
from . import test_reports
from . import test_cards
