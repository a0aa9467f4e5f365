from . import test_timetable, test_journal, test_marks, test_portal, test_reports, test_demo
