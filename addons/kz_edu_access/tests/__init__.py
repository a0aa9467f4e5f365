from . import test_ingest
from . import test_attendance_report
from . import test_demo
