"""What the audit trail records (SEC-01, SEC-02, LMS-18): the models that hold money or personal data, the way
from one of their records to its organisation (who may read its log), and the fields logged. Plain Python, no
odoo import; `models/auditlog_rule.py` makes one OCA auditlog rule of each entry whose model is installed.

One table for the whole suite instead of rules in every addon: what is audited is reviewed in one place, no
capability addon depends on auditlog, and an addon installed later is covered as soon as it is loaded (the rules
are made for the models present whenever the registry loads).
"""
from collections import namedtuple

MONEY = 'money'
PERSONAL = 'personal'
SCOPES = (MONEY, PERSONAL)

# fields of a partner that are personal data (a partner also has hundreds of technical fields)
PARTNER_FIELDS = ('name', 'kz_iin', 'kz_patronymic', 'kz_iin_birth_date', 'kz_iin_sex', 'phone', 'mobile', 'email',
                  'street', 'street2', 'city', 'zip', 'vat', 'company_id', 'parent_id', 'active')

# a payslip line inherits the ~30 fields of its salary rule (formulas, conditions): only its money is logged
PAYSLIP_LINE_FIELDS = ('slip_id', 'salary_rule_id', 'code', 'name', 'quantity', 'rate', 'amount', 'total')

ALL_OPERATIONS = ('create', 'write', 'unlink')
# Payslip lines are the result of computing the payslip from audited inputs (contract, parameters): their creation
# by the computation is not logged (stock hr_payroll creates them one by one through the ORM: logging each made a
# stock payslip about 4 times slower); a hand edit or a deletion of a line is.
EDITS_ONLY = ('write', 'unlink')

Entry = namedtuple('Entry', 'model scope company_path fields operations')
Entry.__new__.__defaults__ = (ALL_OPERATIONS,)

SCOPE = (
    # money: the ledger, payroll, contracts, canteen money in, tariffication, financing plans
    Entry('account.move', MONEY, 'company_id', None),
    Entry('account.move.line', MONEY, 'company_id', None),
    Entry('account.invoice', MONEY, 'company_id', None),
    Entry('hr.payslip', MONEY, 'company_id', None),
    Entry('hr.payslip.line', MONEY, 'slip_id.company_id', PAYSLIP_LINE_FIELDS, EDITS_ONLY),
    Entry('hr.contract', MONEY, 'company_id', None),
    Entry('kz.canteen.topup', MONEY, 'company_id', None),
    Entry('kz.edu.tariff.list', MONEY, 'company_id', None),
    Entry('kz.edu.tariff.list.line', MONEY, 'list_id.company_id', None),
    Entry('kz.gov.finplan', MONEY, 'company_id', None),
    Entry('kz.gov.finplan.line', MONEY, 'plan_id.company_id', None),
    Entry('kz.gov.finplan.amendment', MONEY, 'plan_id.company_id', None),
    # personal data: staff, students, families, consents, cards, personnel and movement orders
    Entry('hr.employee', PERSONAL, 'company_id', None),
    Entry('res.partner', PERSONAL, 'company_id', PARTNER_FIELDS),
    Entry('kz.edu.student', PERSONAL, 'company_id', None),
    Entry('kz.edu.guardian', PERSONAL, 'company_id', None),
    Entry('kz.edu.student.social', PERSONAL, 'company_id', None),
    Entry('kz.edu.consent', PERSONAL, 'company_id', None),
    Entry('kz.edu.card', PERSONAL, 'company_id', None),
    Entry('kz.edu.movement.order', PERSONAL, 'company_id', None),
    Entry('kz.hr.order', PERSONAL, 'company_id', None),
)

_BY_MODEL = {entry.model: entry for entry in SCOPE}


def entry_for(model):
    """The entry of `model`, or None for a model the suite does not audit (an administrator's own rule)."""
    return _BY_MODEL.get(model)


def entries_present(installed_models):
    """The entries whose model is installed, in table order."""
    installed = set(installed_models)
    return [entry for entry in SCOPE if entry.model in installed]


def fields_to_log(model, stored_fields):
    """The fields of `model` the log records: the entry's list (those that exist) or every stored field."""
    entry = entry_for(model)
    if entry is None or entry.fields is None:
        return list(stored_fields)
    return [name for name in entry.fields if name in stored_fields]


def is_empty(value):
    return value is None or value is False or value == [] or value == ()


def changed_lines(method, old, new, fields):
    """(field, old value, new value) for each field worth a line: on create the fields given a value, on write
    the fields whose value changed, on unlink the fields that had a value (what was deleted)."""
    lines = []
    for name in fields:
        before, after = old.get(name), new.get(name)
        if method == 'create':
            if not is_empty(after):
                lines.append((name, None, after))
        elif method == 'write':
            if name in old and name in new and before != after:
                lines.append((name, before, after))
        elif method == 'unlink':
            if not is_empty(before):
                lines.append((name, before, None))
    return lines
