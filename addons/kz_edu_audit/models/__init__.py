from . import auditlog_log
from . import auditlog_rule
