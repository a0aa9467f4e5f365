from . import test_payroll
from . import test_documents
from . import test_worktime
from . import test_timesheet
from . import test_payroll_security
from . import test_public_holidays
from . import test_batch_wizard
