from . import test_payroll
from . import test_personnel
from . import test_documents
