# -*- coding: utf-8 -*-
"""ORM binding of the pure engine ``kz_tax``: the employee's payroll facts, the Kazakh salary structures and a
set-based batch computation of payslips, with the dated parameters of the suite's one store (kz.edu.parameter).

The business rules live in ``kz_tax.compute_payroll``; this module only gathers its inputs (gross, period, options
derived from the employee, year-to-date ИПН base, parameter rows) and writes its results as ``hr.payslip.line``
records shaped exactly like the ones stock ``hr_payroll`` produces.
"""
import datetime
import logging
from collections import namedtuple
from decimal import Decimal

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import frozendict

from odoo.addons.kz_edu_base import dated_rows, demo_calendar, kz_parameters
from odoo.addons.kz_edu_base.internal import internal_context, is_internal
from odoo.addons.kz_edu_base.kz_dates import format_date, to_date
from odoo.addons.kz_edu_base.kz_money import to_decimal, to_number
from odoo.addons.kz_edu_base.user_errors import translate

from .. import kz_tax, kz_worktime

_logger = logging.getLogger(__name__)

PAYROLL_GROUPS = 'hr_payroll.group_hr_payroll_user'  # HR officer, bookkeepers (implied), payroll managers

#: Line codes the engine produces, with the key of ``compute_payroll``'s result (GROSS: the gross).
KZ_CODES = {
    'GROSS': 'gross',
    'OPV': 'opv', 'VOSMS': 'vosms', 'IPN': 'ipn', 'NET': 'net',
    'OPVR': 'opvr', 'SO': 'so', 'OOSMS': 'oosms', 'SN': 'sn',
}
#: Accrual lines computed before the engine (``kz_worktime``, payslip inputs); their sum is the gross.
#: BASIC = pay for the worked time (WORK100 days / norm days of the schedule), VACATION and SICK = average daily
#: earnings × the leave days, BONUS and ONEOFF = the payslip's input lines with these codes.
KZ_ACCRUAL_CODES = ('BASIC', 'VACATION', 'SICK', 'BONUS', 'ONEOFF')
#: Every line code the Kazakh computation knows (a structure with only these is computed by the fast path).
KZ_ALL_CODES = set(KZ_CODES) | set(KZ_ACCRUAL_CODES)

#: A monthly wage above this in a state school is a typing error (50 МЗП of 2026 is 4.25 million ₸).
MAX_MONTHLY_WAGE = Decimal('50000000')

#: The domains of the dated-parameter store (kz.edu.parameter) the engine reads: МРП and МЗП are country-wide.
PARAMETER_DOMAINS = ('general', 'payroll')

#: Context key under which compute_sheet hands the engine's amounts to the salary rules when the stock rule loop
#: runs: {payslip id: {line code: Decimal}} (frozen). The rules reach it through ``payslip.env``, the environment
#: of their own evaluation, so the amounts live as long as that call and no other transaction or thread sees them.
RULE_AMOUNTS_KEY = 'kz_rule_amounts'


def _date(value):
    """A date of Odoo's text, None when empty (the base's reader)."""
    return to_date(value, required=False)


def _text_date(value):
    """A date read by SQL as the ORM gives it: 'YYYY-MM-DD' (Odoo's cursor already reads dates as text), False
    when empty."""
    if not value:
        return False
    return value if isinstance(value, str) else fields.Date.to_string(value)


#: the employee's fields ``payroll_options`` reads (the ORM's values: dates as text, False when empty)
EMPLOYEE_FACTS = ('kz_iin', 'kz_iin_birth_date', 'birthday', 'kz_is_pensioner', 'kz_pensioner_date',
                  'kz_disability_group', 'kz_disability_indefinite', 'kz_disability_date_from',
                  'kz_disability_date_to', 'kz_is_resident')


def payroll_options(emp, applications, date_from, date_to):
    """Options of ``kz_tax.compute_payroll`` for an employee in the period: ``emp`` maps the EMPLOYEE_FACTS to their
    values, ``applications`` are the (date_from, date_to) of the employee's basic-deduction applications; dates as
    'YYYY-MM-DD' (or dates for the period)."""
    start = _date(date_from) if isinstance(date_from, str) else date_from
    end = _date(date_to) if isinstance(date_to, str) else date_to

    def covers(d_from, d_to):
        d_from, d_to = _date(d_from), _date(d_to)
        return (not d_from or d_from <= end) and (not d_to or d_to >= start)

    pensioner = bool(emp['kz_is_pensioner']) and (not emp['kz_pensioner_date']
                                                  or _date(emp['kz_pensioner_date']) <= end)
    group = None
    if emp['kz_disability_group'] and covers(emp['kz_disability_date_from'], emp['kz_disability_date_to']):
        group = int(emp['kz_disability_group'])
    return {
        'deduction_applied': any(covers(a_from, a_to) for a_from, a_to in applications),
        'birth_date': emp['kz_iin_birth_date'] or emp['birthday'] or None,
        'pensioner': pensioner,
        'disability_group': group,
        'disability_indefinite': bool(group and emp['kz_disability_indefinite']),
        'resident': emp['kz_is_resident'],
    }


#: a worked-days line of a payslip as the batch reads it (``_kz_facts``)
WorkedDay = namedtuple('WorkedDay', 'code number_of_days contract_id')
#: an input line of a payslip as the batch reads it
SlipInput = namedtuple('SlipInput', 'code amount')


class SlipFacts(object):
    """What the batch computation reads of one payslip, fetched for the whole batch in a few queries
    (``hr.payslip._kz_facts``): through the ORM, 4 000 payslips, their employees and contracts cost seconds of
    per-field prefetch work before anything is computed. Dates are 'YYYY-MM-DD' and empty values False, as the
    ORM gives them; ``struct_id`` is the payslip's structure or else its contract's; ``worked_days`` and
    ``inputs`` are lists of ``WorkedDay`` and ``SlipInput``."""
    __slots__ = ('id', 'employee_id', 'contract_id', 'struct_id', 'kz_payroll', 'company_id', 'date_from',
                 'date_to', 'number', 'state', 'credit_note', 'run_state', 'worked_days', 'inputs')

    def __init__(self, **values):
        for name in self.__slots__:
            setattr(self, name, values.get(name))


class KzPayrollDeductionApplication(models.Model):
    _name = 'kz.payroll.deduction.application'
    _description = 'Application for the basic tax deduction (заявление на вычет)'
    _order = 'date_from desc'

    employee_id = fields.Many2one('hr.employee', required=True, ondelete='cascade', index=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(help='Empty: until withdrawn.')
    note = fields.Char()

    @api.constrains('date_from', 'date_to')
    def _check_dates(self):
        if self.filtered(lambda a: a.date_to and a.date_to < a.date_from):
            raise ValidationError(_('A deduction application cannot end before it starts.'))


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    kz_deduction_application_ids = fields.One2many(
        'kz.payroll.deduction.application', 'employee_id', string='Basic deduction applications',
        groups=PAYROLL_GROUPS)
    kz_is_pensioner = fields.Boolean(string='Pensioner', groups=PAYROLL_GROUPS)
    kz_pensioner_date = fields.Date(string='Pensioner since', groups=PAYROLL_GROUPS)
    kz_disability_group = fields.Selection([('1', 'Group I'), ('2', 'Group II'), ('3', 'Group III')],
                                           string='Disability group', groups=PAYROLL_GROUPS)
    kz_disability_indefinite = fields.Boolean(string='Disability without review date', groups=PAYROLL_GROUPS)
    kz_disability_date_from = fields.Date(string='Disability from', groups=PAYROLL_GROUPS)
    kz_disability_date_to = fields.Date(string='Disability until', groups=PAYROLL_GROUPS)
    kz_is_resident = fields.Boolean(string='Tax resident of Kazakhstan', default=True, groups=PAYROLL_GROUPS)

    def _kz_payroll_options(self, date_from, date_to):
        """Options of ``kz_tax.compute_payroll`` for this employee in the period (dates as strings or dates)."""
        self.ensure_one()
        emp = self.sudo()
        facts = {name: emp[name] for name in EMPLOYEE_FACTS}
        applications = [(a.date_from, a.date_to) for a in emp.kz_deduction_application_ids]
        return payroll_options(facts, applications, date_from, date_to)


class HrHolidaysStatus(models.Model):
    _inherit = 'hr.holidays.status'

    kz_payroll_kind = fields.Selection(
        [('vacation', 'Paid vacation (average earnings)'), ('sick', 'Sick leave (average earnings)'),
         ('unpaid', 'Unpaid leave')], string='Kazakh payroll kind',
        help='How the Kazakh payroll pays the days of this leave type: vacation pay or sick-leave pay from the '
             'average earnings, or nothing (unpaid). Empty: the days are paid as worked time.')

    #: Odoo's standard leave types and their Kazakh payroll kind (set by data/hr_salary_rule_data.xml)
    KZ_DEFAULT_KINDS = {'hr_holidays.holiday_status_cl': 'vacation', 'hr_holidays.holiday_status_sl': 'sick',
                        'hr_holidays.holiday_status_unpaid': 'unpaid'}

    @api.model
    def kz_set_default_payroll_kinds(self):
        """Set the kind of the standard leave types where it is empty (never overrides a user's choice)."""
        for xmlid, kind in self.KZ_DEFAULT_KINDS.items():
            status = self.env.ref(xmlid, raise_if_not_found=False)
            if status and not status.kz_payroll_kind:
                status.kz_payroll_kind = kind
        return True


class HrPayrollStructure(models.Model):
    _inherit = 'hr.payroll.structure'

    # the structure's name in the user's language («Kazakhstan: teachers» showed on Kazakh screens, issue #13.8)
    name = fields.Char(translate=True)
    kz_payroll = fields.Boolean(
        string='Kazakh payroll', help='Payslips of this structure are computed by the Kazakh engine (kz_tax).')


class HrPayslip(models.Model):
    """A done payslip is closed (kz.edu.lock.mixin): neither it nor its lines change, it is not deleted and it does
    not go back to draft; the chief bookkeeper reverses it with a refund (``refund_sheet``: a credit note with the
    very same lines, posted as the reversing entry), after which a corrected payslip of the period may be made."""
    _name = 'hr.payslip'
    _inherit = ['hr.payslip', 'kz.edu.lock.mixin']
    _kz_lock_open_states = ('draft', 'verify', 'cancel')
    _kz_lock_free_fields = ('paid',)

    kz_ipn_base = fields.Float(string='ИПН base', digits=(16, 2), readonly=True, copy=False,
                               help='Taxable income of the month after deductions (year-to-date for the 15 % bracket).')
    kz_refund_of_id = fields.Many2one('hr.payslip', string='Refund of', readonly=True, copy=False, index=True,
                                      ondelete='restrict', help='The done payslip this credit note reverses.')

    @api.constrains('employee_id', 'company_id')
    def _check_kz_company(self):
        for slip in self.sudo():
            if slip.company_id and slip.employee_id.company_id and slip.company_id != slip.employee_id.company_id:
                raise ValidationError(_('The payslip of %s belongs to %s, the employee\'s organisation.')
                                      % (slip.employee_id.name, slip.employee_id.company_id.name))

    # ------------------------------------------------------------------------------------------- the lock
    def _kz_lock_message(self, record, operation):
        return _('The payslip of %s for %s – %s is done (paid): it can no longer be changed or deleted. The chief '
                 'bookkeeper reverses it with a refund, then a corrected payslip is made.') % (
            record.employee_id.name, record.date_from, record.date_to)

    def _kz_state_message(self):
        return _('The status of a payslip changes only with its buttons (compute, confirm, cancel).')

    def _kz_check_run_open(self, run_id):
        run = self.env['hr.payslip.run'].browse(run_id).exists()
        if run and run.state == 'close' and not self._kz_lock_internal():
            raise UserError(_('The batch "%s" is closed: no payslip is added to it or moved into it.') % run.name)

    @api.model
    def create(self, vals):
        if vals.get('payslip_run_id'):
            self._kz_check_run_open(vals['payslip_run_id'])
        if vals.get('employee_id') and not vals.get('company_id'):
            vals = dict(vals, company_id=self.env['hr.employee'].browse(vals['employee_id']).company_id.id)
        return super(HrPayslip, self).create(vals)

    @api.multi
    def write(self, vals):
        if vals.get('payslip_run_id'):
            self._kz_check_run_open(vals['payslip_run_id'])
        if 'payslip_run_id' in vals and self.filtered(lambda s: s.payslip_run_id.state == 'close') \
                and not self._kz_lock_internal():
            raise UserError(_('The batch "%s" is closed: its payslips stay in it.')
                            % self.filtered(lambda s: s.payslip_run_id.state == 'close')[0].payslip_run_id.name)
        return super(HrPayslip, self).write(vals)

    @api.multi
    def action_payslip_draft(self):
        done = self.filtered(lambda s: s.state == 'done')
        if done:
            raise UserError(self._kz_lock_message(done[0], 'write'))
        self.check_access_rights('write')
        self.check_access_rule('write')
        return self._kz_write_internal({'state': 'draft'})

    @api.multi
    def action_payslip_cancel(self):
        self.check_access_rights('write')
        self.check_access_rule('write')
        return super(HrPayslip, self.with_context(**internal_context(kz_lock_internal=True))).action_payslip_cancel()

    @api.multi
    def refund_sheet(self):
        """Reverse done payslips: the chief bookkeeper only. A Kazakh payslip's credit note carries the same lines and
        ИПН base as the payslip (not a new computation on today's contract), is done at once and posted as the
        reversing entry; the refunded payslip then no longer blocks a corrected payslip of its period."""
        if not (self.env.user.has_group('hr_payroll.group_hr_payroll_manager') or self.env.user._is_superuser()):
            raise AccessError(_('A done payslip is reversed (refunded) by the chief bookkeeper only.'))
        self.check_access_rule('write')
        for slip in self:
            if slip.state != 'done' or slip.credit_note:
                raise UserError(_('Only a done payslip is refunded; the payslip of %s for %s – %s is not.')
                                % (slip.employee_id.name, slip.date_from, slip.date_to))
            if self.search_count([('kz_refund_of_id', '=', slip.id), ('state', '=', 'done')]):
                raise UserError(_('The payslip of %s for %s – %s is already refunded.')
                                % (slip.employee_id.name, slip.date_from, slip.date_to))
        kz = self._kz_slips()
        others = self - kz
        internal = self.with_context(**internal_context(kz_lock_internal=True))
        result = super(HrPayslip, internal.browse(others.ids)).refund_sheet() if others else True
        refunds = self.browse()
        for slip in internal.browse(kz.ids):
            refund = slip.copy({'credit_note': True, 'name': _('Refund: ') + slip.name, 'payslip_run_id': False,
                                'kz_refund_of_id': slip.id})
            for line in slip.line_ids:
                line.copy({'slip_id': refund.id})
            refund.write({'kz_ipn_base': slip.kz_ipn_base, 'state': 'done',
                          'number': self.env['ir.sequence'].next_by_code('salary.slip')})
            refunds |= refund
        if refunds:
            refunds._kz_post_accounting()
            return {'name': _('Refund payslips'), 'type': 'ir.actions.act_window', 'res_model': 'hr.payslip',
                    'view_mode': 'tree,form', 'domain': [('id', 'in', refunds.ids)], 'target': 'current'}
        return result

    # ------------------------------------------------------------------------------------------- helpers
    def _kz_slips(self, facts=None):
        """The payslips among these whose structure (the payslip's, else its contract's) is a Kazakh one."""
        facts = facts or self._kz_facts()
        return self.browse([slip_id for slip_id in self.ids if facts[slip_id].kz_payroll])

    def _kz_rules(self, struct):
        ids = struct._get_parent_structure().get_all_rules()
        return self.env['hr.salary.rule'].browse([i for i, _s in sorted(ids, key=lambda x: x[1])])

    def _kz_facts(self):
        """{slip id: SlipFacts} of these payslips with their worked-days and input lines, in three queries. Read
        as the ORM reads them for a user who may compute these payslips (the callers check the access to the
        payslips; the worked days and inputs are theirs)."""
        if not self.ids:
            return {}
        cr = self.env.cr
        ids = tuple(self.ids)
        cr.execute("""
            SELECT p.id, p.employee_id, p.contract_id, COALESCE(p.struct_id, c.struct_id),
                   COALESCE(s.kz_payroll, FALSE), p.company_id, p.date_from, p.date_to, p.number, p.state,
                   COALESCE(p.credit_note, FALSE), r.state
              FROM hr_payslip p
              LEFT JOIN hr_contract c ON c.id = p.contract_id
              LEFT JOIN hr_payroll_structure s ON s.id = COALESCE(p.struct_id, c.struct_id)
              LEFT JOIN hr_payslip_run r ON r.id = p.payslip_run_id
             WHERE p.id IN %s""", (ids,))
        facts = {}
        for (slip_id, employee_id, contract_id, struct_id, is_kz, company_id, date_from, date_to, number, state,
             credit_note, run_state) in cr.fetchall():
            facts[slip_id] = SlipFacts(
                id=slip_id, employee_id=employee_id, contract_id=contract_id or False, struct_id=struct_id or False,
                kz_payroll=is_kz, company_id=company_id or False, date_from=_text_date(date_from),
                date_to=_text_date(date_to), number=number or False, state=state, credit_note=credit_note,
                run_state=run_state or False, worked_days=[], inputs=[])
        # hr.payslip.worked_days is ordered by payslip and sequence, as its one2many reads it
        cr.execute("""SELECT payslip_id, code, number_of_days, contract_id FROM hr_payslip_worked_days
                       WHERE payslip_id IN %s ORDER BY payslip_id, sequence, id""", (ids,))
        for slip_id, code, days, contract_id in cr.fetchall():
            facts[slip_id].worked_days.append(WorkedDay(code, float(days or 0.0), contract_id or False))
        cr.execute("""SELECT payslip_id, code, amount FROM hr_payslip_input
                       WHERE payslip_id IN %s ORDER BY payslip_id, sequence, id""", (ids,))
        for slip_id, code, amount in cr.fetchall():
            facts[slip_id].inputs.append(SlipInput(code, float(amount or 0.0)))
        return facts

    def _kz_check_not_paid(self, facts=None):
        """Refuse payslips in a closed batch, already done, or overlapping a done payslip (or a closed batch's
        payslip) of the same employee."""
        facts = facts or self._kz_facts()
        for slip_id in self.ids:
            fact = facts[slip_id]
            if fact.run_state == 'close':
                slip = self.browse(slip_id)
                raise UserError(_('Payslip of %s: the batch "%s" is closed; it cannot be computed or confirmed.')
                                % (slip.employee_id.name, slip.payslip_run_id.name))
            if fact.state == 'done':
                slip = self.browse(slip_id)
                raise UserError(_('Payslip of %s for %s – %s is already paid (done).')
                                % (slip.employee_id.name, slip.date_from, slip.date_to))
        if not self.ids:
            return
        # one query for the whole batch instead of a search per payslip
        self.env.cr.execute("""
            SELECT s.id, d.id FROM hr_payslip s
              JOIN hr_payslip d ON d.employee_id = s.employee_id AND d.id <> s.id
                   AND d.date_from <= s.date_to AND d.date_to >= s.date_from AND NOT COALESCE(d.credit_note, FALSE)
              LEFT JOIN hr_payslip_run r ON r.id = d.payslip_run_id
             WHERE s.id IN %s AND NOT COALESCE(s.credit_note, FALSE)
               AND (d.state = 'done' OR r.state = 'close')
               AND NOT EXISTS (SELECT 1 FROM hr_payslip f WHERE f.kz_refund_of_id = d.id AND f.state = 'done')
             LIMIT 1""", (tuple(self.ids),))
        row = self.env.cr.fetchone()
        if row:
            slip, other = self.browse(row[0]), self.browse(row[1])
            raise UserError(_('%s is already paid for %s – %s (payslip %s); a second payslip for the same period '
                              'is refused.') % (slip.employee_id.name, other.date_from, other.date_to,
                                                other.number or other.name))

    def _kz_contracts(self, facts):
        """{slip id: {'id', 'state', 'date_start', 'date_end', 'wage', 'struct_id'}} — the payslip's contract, else
        the employee's running contract of the period; refused when it does not run in the period. The contracts
        are read as the user (read access checked once for all)."""
        wanted = {}
        for slip_id in self.ids:
            fact = facts[slip_id]
            contract_id = fact.contract_id
            if not contract_id:
                slip = self.browse(slip_id)
                contract_id = (self.get_contract(slip.employee_id, fact.date_from, fact.date_to) or [False])[0]
            wanted[slip_id] = contract_id
        Contract = self.env['hr.contract']
        found = Contract.browse({c for c in wanted.values() if c})
        rows = {}
        if found:
            found.check_access_rights('read')
            found.check_access_rule('read')
            self.env.cr.execute('SELECT id, state, date_start, date_end, wage, struct_id FROM hr_contract '
                                'WHERE id IN %s', (tuple(found.ids),))
            for contract_id, state, date_start, date_end, wage, struct_id in self.env.cr.fetchall():
                rows[contract_id] = {'id': contract_id, 'state': state, 'date_start': _text_date(date_start),
                                     'date_end': _text_date(date_end), 'wage': float(wage or 0.0),
                                     'struct_id': struct_id or False}
        result = {}
        for slip_id in self.ids:
            fact, contract = facts[slip_id], rows.get(wanted[slip_id])
            if not contract or contract['state'] not in ('open', 'pending') \
                    or contract['date_start'] > fact.date_to \
                    or (contract['date_end'] and contract['date_end'] < fact.date_from):
                raise UserError(_('%s has no running contract for %s – %s.')
                                % (self.browse(slip_id).employee_id.name, fact.date_from, fact.date_to))
            result[slip_id] = contract
        return result

    def _kz_employees(self, facts):
        """{employee id: {EMPLOYEE_FACTS..., 'applications': [(date_from, date_to)]}} of these payslips' employees
        (the payroll fields are read as the payroll code reads them, with sudo)."""
        employee_ids = tuple({fact.employee_id for fact in facts.values()})
        cr = self.env.cr
        cr.execute('SELECT id, %s FROM hr_employee WHERE id IN %%s' % ', '.join(EMPLOYEE_FACTS), (employee_ids,))
        employees = {}
        for row in cr.fetchall():
            values = dict(zip(EMPLOYEE_FACTS, row[1:]))
            for name in ('kz_iin_birth_date', 'birthday', 'kz_pensioner_date', 'kz_disability_date_from',
                         'kz_disability_date_to'):
                values[name] = _text_date(values[name])
            for name in ('kz_iin', 'kz_disability_group'):
                values[name] = values[name] or False
            for name in ('kz_is_pensioner', 'kz_disability_indefinite', 'kz_is_resident'):
                values[name] = bool(values[name])
            values['applications'] = []
            employees[row[0]] = values
        cr.execute('SELECT employee_id, date_from, date_to FROM kz_payroll_deduction_application '
                   'WHERE employee_id IN %s', (employee_ids,))
        for employee_id, date_from, date_to in cr.fetchall():
            employees[employee_id]['applications'].append((_text_date(date_from), _text_date(date_to)))
        return employees

    def _kz_ytd_income(self, facts):
        """{slip id: sum of ИПН bases of the employee's done payslips earlier in the same year} (one query)."""
        if not self.ids:
            return {}
        values = [(slip_id, facts[slip_id].employee_id, facts[slip_id].date_from[:4] + '-01-01',
                   facts[slip_id].date_from) for slip_id in self.ids]
        rows = execute_values(self.env.cr, """
            SELECT v.slip_id, COALESCE(SUM(CASE WHEN p.credit_note THEN -p.kz_ipn_base ELSE p.kz_ipn_base END), 0)
              FROM (VALUES %s) AS v(slip_id, employee_id, year_start, date_from)
              LEFT JOIN hr_payslip p ON p.employee_id = v.employee_id AND p.state = 'done' AND p.id <> v.slip_id
                    AND p.date_from >= v.year_start AND p.date_to < v.date_from
             GROUP BY v.slip_id""", values, template='(%s, %s, %s::date, %s::date)', fetch=True, page_size=5000)
        return {slip_id: Decimal(str(total)) for slip_id, total in rows}

    def _kz_leave_kinds(self):
        """{worked-days line code: kz_payroll_kind}. Stock ``get_worked_day_lines`` uses the leave type's *name*
        as the code, so the names of the typed leave types (in the current language and untranslated) map to their
        kind; the codes VACATION, SICK and UNPAID are accepted too for lines entered by hand."""
        kinds = {'VACATION': 'vacation', 'SICK': 'sick', 'UNPAID': 'unpaid'}
        Status = self.env['hr.holidays.status'].sudo().with_context(active_test=False)
        for status in Status.with_context(lang=None).search([('kz_payroll_kind', '!=', False)]):
            kinds[status.name] = status.kz_payroll_kind
        if self.env.context.get('lang'):
            for status in Status.search([('kz_payroll_kind', '!=', False)]):
                kinds[status.name] = status.kz_payroll_kind
        return kinds

    def _kz_earnings_history(self, facts):
        """{slip id: (earnings, days)} of the employee's done payslips of the 12 calendar months before the
        payslip's month (one query for the batch): earnings = their GROSS lines, days = their schedule days (all
        worked-days lines, WORK100 and leaves: the working-time balance the Rules № 1170 divide by for vacation pay);
        a done payslip without worked-days lines counts ``kz_worktime.AVG_WORKING_DAYS_PER_MONTH`` days. Credit
        notes are left out. Payslips without history are absent."""
        if not self.ids:
            return {}
        values = []
        for slip_id in self.ids:
            date_from = facts[slip_id].date_from
            start = _date(date_from).replace(day=1)
            start = start.replace(year=start.year - 1)
            values.append((slip_id, facts[slip_id].employee_id, fields.Date.to_string(start), date_from))
        rows = execute_values(self.env.cr, """
            SELECT v.slip_id, COALESCE(SUM(g.gross), 0),
                   COALESCE(SUM(CASE WHEN w.n = 0 THEN %s ELSE w.days END), 0), COUNT(p.id)
              FROM (VALUES %%s) AS v(slip_id, employee_id, start, date_from)
              JOIN hr_payslip p ON p.employee_id = v.employee_id AND p.state = 'done' AND p.id <> v.slip_id
                   AND NOT COALESCE(p.credit_note, FALSE) AND p.date_from >= v.start AND p.date_to < v.date_from
                   AND NOT EXISTS (SELECT 1 FROM hr_payslip f WHERE f.kz_refund_of_id = p.id AND f.state = 'done')
              LEFT JOIN LATERAL (SELECT COALESCE(SUM(l.total), 0) AS gross FROM hr_payslip_line l
                                  WHERE l.slip_id = p.id AND l.code = 'GROSS') g ON TRUE
              LEFT JOIN LATERAL (SELECT COUNT(*) AS n, COALESCE(SUM(d.number_of_days), 0) AS days
                                   FROM hr_payslip_worked_days d WHERE d.payslip_id = p.id) w ON TRUE
             GROUP BY v.slip_id""" % str(kz_worktime.AVG_WORKING_DAYS_PER_MONTH), values,
            template='(%s, %s, %s::date, %s::date)', fetch=True, page_size=5000)
        return {slip_id: (to_decimal(float(gross)), to_number(float(days)))
                for slip_id, gross, days, count in rows if count}

    def _kz_accruals(self, slip, wage, kinds, history, parameters):
        """{BASIC, VACATION, SICK, BONUS, ONEOFF: Decimal} of one payslip (``slip``: its SlipFacts; see
        ``kz_worktime``).

        * BASIC: wage × WORK100 days / norm days, norm = WORK100 + every leave line of the payslip. Leave types
          without a ``kz_payroll_kind`` are paid as worked time (kept in BASIC). A payslip without worked-days lines
          (no working schedule, created without the onchange) is paid the full wage.
        * VACATION, SICK: average daily earnings × the days of the vacation / sick lines; the average comes from the
          done payslips of the 12 previous months (``_kz_earnings_history``), without history from
          wage / ``AVG_WORKING_DAYS_PER_MONTH``. SICK is capped at ``SICK_CAP_MRP`` МРП of the month.
        * Unpaid leave: reduces BASIC, adds nothing.
        * BONUS, ONEOFF: the sums of the payslip's input lines with these codes."""
        worked = norm = Decimal(0)
        days = {'vacation': Decimal(0), 'sick': Decimal(0), 'unpaid': Decimal(0)}
        for line in slip.worked_days:
            n = to_number(line.number_of_days or 0.0)
            norm += n
            kind = 'work' if line.code == 'WORK100' else kinds.get(line.code)
            if kind in days:
                days[kind] += n
            else:
                worked += n
        result = {code: Decimal('0.00') for code in KZ_ACCRUAL_CODES}
        if not slip.worked_days or not norm:
            result['BASIC'] = wage.quantize(kz_worktime.TIYN)
        else:
            result['BASIC'] = kz_worktime.pay_for_worked_time(wage, norm, worked)
        if days['vacation'] or days['sick']:
            if slip.id in history and history[slip.id][1]:
                avg = kz_worktime.average_daily_earnings([history[slip.id][0]], [history[slip.id][1]])
            else:
                avg = wage / kz_worktime.AVG_WORKING_DAYS_PER_MONTH
            result['VACATION'] = kz_worktime.vacation_pay(avg, days['vacation'])
            if days['sick']:
                mrp = kz_tax.resolve_parameters(slip.date_to, parameters)['MRP']['value']
                result['SICK'] = kz_worktime.sick_pay(avg, days['sick'],
                                                      cap_monthly=kz_worktime.SICK_CAP_MRP * mrp)
        for line in slip.inputs:
            if line.code in ('BONUS', 'ONEOFF'):
                result[line.code] += to_decimal(line.amount or 0.0).quantize(kz_worktime.TIYN)
        return result

    def _kz_compute_amounts(self, facts=None):
        """{slip id: {line code: Decimal, 'IPN_BASE': Decimal, '_contract': contract values}} for Kazakh payslips,
        refusing what is missing. Reads the batch in a few queries (``_kz_facts``, ``_kz_contracts``,
        ``_kz_employees``); only a refusal looks a record up by the ORM, for its name."""
        facts = facts or self._kz_facts()
        self._kz_check_not_paid(facts)
        contracts = self._kz_contracts(facts)
        ytd = self._kz_ytd_income(facts)
        rows = self.env['kz.edu.parameter'].sudo().engine_rows(domains=PARAMETER_DOMAINS)   # one query a batch
        by_company = {}   # school -> its rows (its own values over the country's), as kz_tax reads them
        employees = self._kz_employees(facts)
        kinds = self._kz_leave_kinds()
        history = self._kz_earnings_history(facts)
        in_force = {}   # (school, period end) -> the rows in force then (what compute_payroll would pick of all)
        result = {}
        for slip_id in self.ids:
            slip = facts[slip_id]
            employee = employees[slip.employee_id]
            if not employee['kz_iin']:
                raise UserError(_('%s has no IIN; payroll needs the employee\'s IIN.')
                                % self.browse(slip_id).employee_id.name)
            contract = contracts[slip_id]
            wage = to_decimal(contract['wage'] or 0.0)
            if wage <= 0 or wage > MAX_MONTHLY_WAGE:
                record = self.env['hr.contract'].browse(contract['id'])
                raise UserError(_('The wage %s of %s\'s contract %s is not plausible (it must be above 0 and '
                                  'at most %s ₸ a month).') % (contract['wage'], record.employee_id.name, record.name,
                                                               MAX_MONTHLY_WAGE))
            options = payroll_options(employee, employee['applications'], slip.date_from, slip.date_to)
            if not options['resident']:
                raise UserError(_('%s is not a tax resident of Kazakhstan; payroll of non-residents is not '
                                  'supported.') % self.browse(slip_id).employee_id.name)
            options['partial_month'] = bool(contract['date_start'] > slip.date_from
                                            or (contract['date_end'] and contract['date_end'] < slip.date_to))
            try:
                company_rows = by_company.get(slip.company_id)
                if company_rows is None:
                    company_rows = by_company[slip.company_id] = [
                        kz_tax._normalise_row(row, 'kz.edu.parameter')
                        for row in kz_parameters.company_view(rows, slip.company_id)]
                key = (slip.company_id, slip.date_to)
                if key not in in_force:
                    in_force[key] = list(dated_rows.in_force(company_rows, _date(slip.date_to)).values())
                parameters = in_force[key]
                accruals = self._kz_accruals(slip, wage, kinds, history, parameters)
                gross = sum(accruals.values(), Decimal('0.00'))
                res = kz_tax.compute_payroll(gross, slip.date_to, ytd_income=ytd.get(slip_id, 0),
                                             parameters=parameters, **options)
            except (kz_tax.PayrollError, kz_worktime.WorktimeError) as exc:
                raise UserError(_('Payroll of %s for %s – %s cannot be computed: %s')
                                % (self.browse(slip_id).employee_id.name, format_date(slip.date_from),
                                   format_date(slip.date_to), translate(self.env, exc)))
            amounts = {code: res[key] for code, key in KZ_CODES.items()}
            amounts.update(accruals)
            amounts['IPN_BASE'] = res['ipn_base']
            amounts['_contract'] = contract
            result[slip_id] = amounts
        return result

    # ------------------------------------------------------------------------------------------- rules API
    @api.multi
    def kz_rule_amount(self, code):
        """Amount of line ``code`` for this payslip; what the Kazakh salary rules call
        (``result = payslip.env['hr.payslip'].browse(payslip.id).kz_rule_amount('OPV')``). Inside compute_sheet the
        amounts come with the rule evaluation's environment (``RULE_AMOUNTS_KEY`` of its context); a rule evaluated
        elsewhere computes them."""
        self.ensure_one()
        amounts = (self.env.context.get(RULE_AMOUNTS_KEY) or {}).get(self.id)
        if amounts is None:
            amounts = self._kz_compute_amounts()[self.id]
        return float(amounts[code])

    # ------------------------------------------------------------------------------------------- compute
    @api.multi
    def compute_sheet(self):
        facts = self._kz_facts()
        kz = self._kz_slips(facts)
        others = self - kz
        if others:
            super(HrPayslip, others).compute_sheet()
        if not kz:
            return True
        # the fast path writes the lines in SQL: the user must be one who may change these payslips
        kz.check_access_rights('write')
        kz.check_access_rule('write')
        amounts = kz._kz_compute_amounts(facts)
        stock = self.env.context.get('kz_payroll_stock_compute')
        known = {}   # structure id -> every rule code is one the engine computes (else: stock rule loop)
        Struct = self.env['hr.payroll.structure']
        for slip_id in kz.ids:
            struct_id = facts[slip_id].struct_id or amounts[slip_id]['_contract']['struct_id']
            if struct_id not in known:
                known[struct_id] = set(kz._kz_rules(Struct.browse(struct_id)).mapped('code')) <= KZ_ALL_CODES
        fast = kz.browse() if stock else kz.browse(
            [slip_id for slip_id in kz.ids
             if known[facts[slip_id].struct_id or amounts[slip_id]['_contract']['struct_id']]])
        slow = kz - fast
        if slow:
            # the stock rule loop evaluates each rule with ``payslip.env`` = this environment: the amounts go with it
            rule_amounts = frozendict((slip_id, frozendict((code, amounts[slip_id][code]) for code in KZ_ALL_CODES))
                                      for slip_id in slow.ids)
            super(HrPayslip, slow.with_context(**{RULE_AMOUNTS_KEY: rule_amounts})).compute_sheet()
            for slip in slow:
                slip.kz_ipn_base = float(amounts[slip.id]['IPN_BASE'])
        if fast:
            fast._kz_write_lines(amounts, facts)
        return True

    def _kz_write_lines(self, amounts, facts):
        """Replace the lines of these payslips by one set-based INSERT. The ORM (``line_ids`` (0, 0, vals)) costs
        about 10 lines × 30 fields of per-record create work per payslip; this is one statement per 2 000 rows,
        whose rule columns are copied from ``hr_salary_rule`` by PostgreSQL (Python sends the payslip, the rule, its
        name in the user's language and the amount), and the payslips' references are taken from their sequence in
        one query per company (``_kz_next_numbers``) instead of one ``nextval`` per payslip."""
        cr = self.env.cr
        rule_cache = {}
        line_rows = []
        Struct = self.env['hr.payroll.structure']
        for slip_id in self.ids:
            slip, contract = facts[slip_id], amounts[slip_id]['_contract']
            struct_id = slip.struct_id or contract['struct_id']
            if struct_id not in rule_cache:
                rule_cache[struct_id] = [(r.id, r.code, r.name) for r in self._kz_rules(Struct.browse(struct_id))]
            slip_amounts, company_id = amounts[slip_id], slip.company_id or None
            for rule_id, code, name in rule_cache[struct_id]:
                line_rows.append((slip_id, rule_id, contract['id'], slip.employee_id, name, slip_amounts[code],
                                  company_id))
        numbers = self._kz_next_numbers([facts[slip_id] for slip_id in self.ids if not facts[slip_id].number])
        slip_rows = [(slip_id, facts[slip_id].number or numbers.get(slip_id), amounts[slip_id]['IPN_BASE'])
                     for slip_id in self.ids]
        uid = self.env.uid
        cr.execute('DELETE FROM hr_payslip_line WHERE slip_id IN %s', (tuple(self.ids),))
        execute_values(cr, """
            INSERT INTO hr_payslip_line (
                create_uid, write_uid, slip_id, salary_rule_id, contract_id, employee_id, name, code,
                category_id, sequence, appears_on_payslip, condition_select,
                condition_python, condition_range, condition_range_min,
                condition_range_max, amount_select, amount_fix,
                amount_python_compute, amount_percentage, amount_percentage_base,
                register_id, amount, quantity, rate, total, active, company_id,
                create_date, write_date)
            SELECT %s, %s, v.slip_id, r.id, v.contract_id, v.employee_id, v.name, r.code,
                   r.category_id, r.sequence, r.appears_on_payslip, r.condition_select,
                   r.condition_python, NULLIF(r.condition_range, ''), r.condition_range_min,
                   r.condition_range_max, r.amount_select, r.amount_fix,
                   r.amount_python_compute, r.amount_percentage, NULLIF(r.amount_percentage_base, ''),
                   r.register_id, v.amount, 1.0, 100.0, v.amount, TRUE, v.company_id,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (VALUES %%s) AS v(slip_id, rule_id, contract_id, employee_id, name, amount, company_id)
              JOIN hr_salary_rule r ON r.id = v.rule_id""" % (int(uid), int(uid)), line_rows,
            template='(%s, %s, %s, %s, %s, %s::numeric, %s)', page_size=2000)
        execute_values(cr, """
            UPDATE hr_payslip p SET number = v.number, kz_ipn_base = v.ipn_base,
                   write_uid = %s, write_date = now() at time zone 'UTC'
              FROM (VALUES %%s) AS v(id, number, ipn_base) WHERE p.id = v.id""" % int(uid),
            slip_rows, page_size=2000)
        self.env['hr.payslip.line'].invalidate_cache()
        self.invalidate_cache()

    def _kz_next_numbers(self, slips):
        """{slip id: reference} for these payslips (SlipFacts), in their order, from the sequence
        next_by_code('salary.slip') would pick for the payslip's company (its own first, else one without company),
        looked up once per company. hr_payroll's sequence belongs to the first company only, so a school had none
        and its payslips no reference («false» was written, issue #13.7): a school without one gets its own,
        numbered from 1. A standard sequence gives all its numbers in one query (``nextval`` over a series: the
        numbers one call per payslip would give, 4 000 statements fewer for a batch of 4 000); a gapless or dated
        one is asked per payslip."""
        Sequence = self.env['ir.sequence'].sudo()
        by_company = {}
        for slip in slips:
            by_company.setdefault(slip.company_id or self.env.user.company_id.id, []).append(slip.id)
        numbers = {}
        for company_id, slip_ids in by_company.items():
            company = self.env['res.company'].browse(company_id)
            seq = Sequence.search([('code', '=', 'salary.slip'), ('company_id', 'in', [company.id, False])],
                                  order='company_id', limit=1)
            if not seq and company:
                seq = Sequence.create({'name': _('Payslips of %s') % company.name, 'code': 'salary.slip',
                                       'prefix': 'SLIP/', 'padding': 3, 'company_id': company.id})
            if not seq:
                continue
            if seq.implementation == 'standard' and not seq.use_date_range:
                self.env.cr.execute('SELECT nextval(%s::regclass) FROM generate_series(1, %s) AS g ORDER BY g',
                                    ('ir_sequence_%03d' % seq.id, len(slip_ids)))
                # get_next_char(n) for each number, its prefix and suffix interpolated once for the batch
                prefix, suffix = seq._get_prefix_suffix()
                values = [prefix + '%%0%sd' % seq.padding % n + suffix for (n,) in self.env.cr.fetchall()]
            else:
                values = [seq._next() for _slip in slip_ids]
            numbers.update(zip(slip_ids, values))
        return numbers

    @api.multi
    def action_payslip_done(self):
        if not self._kz_lock_internal():
            self.check_access_rights('write')
            self.check_access_rule('write')
        self._kz_check_not_paid()
        res = super(HrPayslip, self.with_context(**internal_context(kz_lock_internal=True))).action_payslip_done()
        self._kz_post_accounting()
        return res

    def _kz_post_accounting(self):
        """Hook: post the confirmed payslips to the public-sector ledger once an accounting addon provides it."""
        return True


class HrPayslipRun(models.Model):
    """A closed batch is closed for good (kz.edu.lock.mixin): it is neither changed nor deleted, its payslips stay in
    it. Only the chief bookkeeper may reopen a batch closed by mistake, and only while none of its payslips is done;
    a paid batch is corrected by refunds of its payslips."""
    _name = 'hr.payslip.run'
    _inherit = ['hr.payslip.run', 'kz.edu.lock.mixin']
    _kz_lock_open_states = ('draft',)

    company_id = fields.Many2one('res.company', string='Organisation', index=True, readonly=True,
                                 compute='_compute_kz_company', store=True,
                                 help='The organisation of its payslips (of its creator while it has none): what the '
                                      'record rules of one school see.')

    @api.depends('slip_ids.company_id')
    def _compute_kz_company(self):
        for run in self:
            run.company_id = run.slip_ids[:1].company_id or run.company_id or self.env.user.company_id

    @api.constrains('slip_ids')
    def _check_kz_company(self):
        for run in self.sudo():
            if len(run.slip_ids.mapped('company_id')) > 1:
                raise ValidationError(_('The batch "%s" mixes payslips of several organisations: one batch, one '
                                      'organisation.') % run.name)

    def _kz_lock_message(self, record, operation):
        return _('The batch "%s" is closed: it can no longer be changed or deleted. A paid payslip is corrected by '
                 'a refund (chief bookkeeper).') % record.name

    def _kz_state_message(self):
        return _('A batch is closed or reopened only with its buttons.')

    @api.multi
    def close_payslip_run(self):
        self.check_access_rights('write')
        self.check_access_rule('write')
        return self._kz_write_internal({'state': 'close'})

    @api.multi
    def draft_payslip_run(self):
        if not (self.env.user.has_group('hr_payroll.group_hr_payroll_manager') or self.env.user._is_superuser()):
            raise AccessError(_('Only the chief bookkeeper reopens a closed payroll batch.'))
        paid = self.filtered(lambda r: r.state == 'close' and r.slip_ids.filtered(lambda s: s.state == 'done'))
        if paid:
            raise UserError(_('The batch "%s" has done (paid) payslips and is not reopened: reverse a wrong payslip '
                              'with a refund and make a corrected one.') % paid[0].name)
        self.check_access_rule('write')
        return self._kz_write_internal({'state': 'draft'})

    @api.multi
    def action_kz_compute_and_confirm(self):
        """Compute and confirm every draft payslip of the batch in one pass, then close the batch."""
        for run in self:
            if run.state == 'close':
                raise UserError(_('The batch "%s" is closed.') % run.name)
        # searched, not filtered: the filter would prefetch every field of every payslip of the batch
        Slip = self.env['hr.payslip']
        slips = Slip.browse()
        for run in self:
            slips |= Slip.search([('payslip_run_id', '=', run.id), ('state', 'in', ('draft', 'verify'))])
        slips.action_payslip_done()
        self.close_payslip_run()
        return True


class HrPayslipDetailLock(models.AbstractModel):
    """The lines, worked days and inputs of a done payslip are closed with it."""
    _name = 'kz.payroll.slip.detail.lock'
    _description = 'Lines of a done payslip are closed'
    _kz_slip_field = 'slip_id'

    def _kz_refuse_if_done(self, slips):
        done = slips.filtered(lambda s: s.state == 'done')
        if done and not is_internal(self.env.context, 'kz_lock_internal'):
            raise UserError(done._kz_lock_message(done[0], 'write'))

    @api.model
    def create(self, vals):
        if vals.get(self._kz_slip_field):
            self._kz_refuse_if_done(self.env['hr.payslip'].browse(vals[self._kz_slip_field]))
        return super(HrPayslipDetailLock, self).create(vals)

    @api.multi
    def write(self, vals):
        self._kz_refuse_if_done(self.mapped(self._kz_slip_field))
        if vals.get(self._kz_slip_field):
            self._kz_refuse_if_done(self.env['hr.payslip'].browse(vals[self._kz_slip_field]))
        return super(HrPayslipDetailLock, self).write(vals)

    @api.multi
    def unlink(self):
        self._kz_refuse_if_done(self.mapped(self._kz_slip_field))
        return super(HrPayslipDetailLock, self).unlink()


class HrPayslipLine(models.Model):
    _name = 'hr.payslip.line'
    _inherit = ['hr.payslip.line', 'kz.payroll.slip.detail.lock']


class HrPayslipWorkedDays(models.Model):
    _name = 'hr.payslip.worked_days'
    _inherit = ['hr.payslip.worked_days', 'kz.payroll.slip.detail.lock']
    _kz_slip_field = 'payslip_id'


class HrPayslipInput(models.Model):
    _name = 'hr.payslip.input'
    _inherit = ['hr.payslip.input', 'kz.payroll.slip.detail.lock']
    _kz_slip_field = 'payslip_id'


class KzPayrollDemo(models.AbstractModel):
    _name = 'kz.payroll.demo'
    _description = 'Kazakh payroll demo data'

    #: structure by the job key of kz_edu_base's demo staff plan, and the wage range (₸, 2026)
    STRUCTURE_BY_JOB = {
        'teacher': 'teacher', 'methodist': 'teacher', 'tutor': 'teacher',
        'director': 'admin', 'deputy_director': 'admin', 'chief_bookkeeper': 'admin', 'bookkeeper': 'admin',
        'hr_officer': 'admin',
        'canteen_cashier': 'technical', 'librarian': 'technical', 'nurse': 'technical', 'janitor': 'technical',
    }
    WAGES = {'teacher': (250000, 450000), 'admin': (200000, 350000), 'technical': (100000, 150000)}

    @api.model
    def demo_payroll_month(self):
        """(year, month) of the demo's payroll batch by the one demo calendar: the month before the demo's today,
        at most the last month for which the МРП is known (a later month cannot be computed)."""
        mrp = self.env['kz.edu.parameter'].search([('code', '=', 'MRP'), ('state', '=', 'confirmed')],
                                                  order='date_from desc', limit=1)
        last = fields.Date.from_string(mrp.date_to or mrp.date_from)
        return demo_calendar.payroll_month(self.env['kz.edu.demo'].demo_today(), last.year)

    @api.model
    def populate(self):
        """Called from demo/kz_payroll_demo.xml: contracts for the staff of both demo schools, a few deduction
        applications, a pensioner, and a confirmed batch of the demo calendar's payroll month in school No. 1. Names
        in the school's language."""
        import random
        self = self._kz_demo_lang()
        from odoo.addons.kz_edu_base import demo_people
        titles = {}
        for job, _count, title_kk, title_ru in demo_people.STAFF_PLAN:
            titles[title_kk] = titles[title_ru] = job
        year, month = self.demo_payroll_month()
        period_start = datetime.date(year, month, 1)
        period_end = demo_calendar.month_end(year, month)
        contract_start = datetime.date(year - 1, 1, 1)
        Contract = self.env['hr.contract'].with_context(tracking_disable=True, mail_create_nolog=True)
        school1 = self.env.ref('kz_edu_base.company_school1_demo')
        school2 = self.env.ref('kz_edu_base.company_school2_demo')
        if self.env['hr.contract'].search_count([('company_id', '=', school1.id),
                                                 ('struct_id.kz_payroll', '=', True)]):
            return True   # already populated
        for school in (school1, school2):
            employees = self.env['hr.employee'].search([('company_id', '=', school.id)], order='id')
            rng = random.Random(school.id * 31 + 7)
            for emp in employees:
                job = titles.get(emp.job_id.with_context(lang=None).name) or titles.get(emp.job_id.name) or 'teacher'
                kind = self.STRUCTURE_BY_JOB.get(job, 'technical')
                low, high = self.WAGES[kind]
                Contract.create({
                    'name': '%s %s' % (_('Employment contract'), emp.name), 'employee_id': emp.id,
                    'company_id': school.id, 'job_id': emp.job_id.id,
                    'struct_id': self.env.ref('kz_payroll.hr_payroll_structure_kz_%s' % kind).id,
                    'wage': rng.randrange(low, high + 1, 500), 'state': 'open',
                    'date_start': fields.Date.to_string(contract_start),
                })
                if rng.random() < 0.6:
                    emp.kz_deduction_application_ids = [(0, 0, {
                        'date_from': fields.Date.to_string(contract_start)})]
            oldest = employees.sorted(lambda e: e.kz_iin_birth_date or '9999')[:1]
            if oldest and school == school1:
                oldest.write({'kz_is_pensioner': True,
                              'kz_pensioner_date': fields.Date.to_string(contract_start)})
        if not self._kz_tariff_demo_pending():
            self.kz_demo_batch()
        return True

    @api.model
    def _kz_demo_lang(self, module='kz_payroll'):
        """This model in the language of the demo school, with ``module``'s terms in that language loaded now:
        Odoo loads a module's translations only after its demo data, so names made by the demo would be English."""
        lang = self.env.ref('kz_edu_base.company_school1_demo').partner_id.lang or 'kk_KZ'
        if lang != 'en_US' and self.env['res.lang']._lang_get(lang):
            self.env['ir.module.module'].sudo().search([('name', '=', module)])._update_translations(
                filter_lang=lang)
        return self.with_context(lang=lang)

    @api.model
    def _kz_tariff_demo_pending(self):
        """Whether kz_edu_tariff is being installed with this demo: its approved tariffication list changes the
        teachers' contracts from 1 September, so the previous month's batch is made after it (kz_demo_batch is
        called by its demo), not before with contracts that the list then ends (issue #13.7)."""
        module = self.env['ir.module.module'].sudo().search([('name', '=', 'kz_edu_tariff')], limit=1)
        return module.state in ('to install', 'to upgrade')

    @api.model
    def kz_demo_batch(self):
        """A confirmed batch of the demo calendar's payroll month (demo_payroll_month: the month before the demo's
        today, at most the last month with known rates) for school No. 1, each payslip on the contract that runs in
        that month (the latest one starting in it or before). Once: nothing is done if the batch exists. Named in
        the school's language."""
        self = self._kz_demo_lang()
        year, month = self.demo_payroll_month()
        period_start = datetime.date(year, month, 1)
        period_end = demo_calendar.month_end(year, month)
        date_from, date_to = fields.Date.to_string(period_start), fields.Date.to_string(period_end)
        school1 = self.env.ref('kz_edu_base.company_school1_demo')
        Run = self.env['hr.payslip.run']
        if Run.search_count([('date_start', '=', date_from), ('date_end', '=', date_to),
                             ('slip_ids.company_id', '=', school1.id)]):
            return True
        employees = self.env['hr.employee'].search([('company_id', '=', school1.id)])
        run = Run.create({'name': _('Salary %s') % period_end.strftime('%m.%Y'),
                          'date_start': date_from, 'date_end': date_to})
        Slip = self.env['hr.payslip']
        Contract = self.env['hr.contract']
        for emp in employees:
            contract = Contract.browse(Slip.get_contract(emp, date_from, date_to)).sorted(
                lambda c: (c.date_start, c.id))[-1:]
            if not contract:
                continue
            Slip.create({
                'name': _('Payslip of %s for %s') % (emp.name, period_end.strftime('%m.%Y')),
                'employee_id': emp.id, 'contract_id': contract.id, 'struct_id': contract.struct_id.id,
                'company_id': school1.id, 'payslip_run_id': run.id, 'date_from': date_from, 'date_to': date_to})
        try:
            with self.env.cr.savepoint():
                run.action_kz_compute_and_confirm()
        except UserError as exc:   # e.g. no parameters yet for the year of the previous month
            _logger.warning('demo: payroll batch of %s not confirmed: %s', period_end, exc)
        return True
