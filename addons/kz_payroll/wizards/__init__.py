from . import kz_payroll_document_wizard
from . import hr_payslip_employees
