from . import kz_payroll_documents
