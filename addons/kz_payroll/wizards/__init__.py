from . import kz_payroll_document_wizard
