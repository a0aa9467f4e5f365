"""Payroll documents (ACC-11, ACC-12): the wizard that asks what to print and builds the document.

The sums are in ../payroll_documents.py (pure Python). This layer reads the confirmed payslips (state done) of a
month, a quarter (form 200.00) or a batch, turns them into plain rows and describes each document as a
``kz_document.Document`` (kz_edu_base: typed columns, totals, the amount in words, signatures) that the suite's one
XLSX writer and QWeb layout render (../report/kz_payroll_documents.py, ../report/kz_payroll_reports.xml).

The time sheet (табель) is built from the working schedules, public holidays and approved leaves, not from payslips
(../timesheet_document.py, models/kz_timesheet.py; its form and day marks, and what of them is UNCONFIRMED, are
described there); a month not finished yet is printed as PRELIMINARY, a month not begun is refused.

No official form is prescribed for the payslip, the summary, the bank register or the contribution lists: their
layout is designed from the data items Kazakh bookkeepers print (the employer tells the employee in writing the
parts of their pay and the deductions — Labour Code art. 113, article number UNCONFIRMED; the banks' and the
ЕНПФ/ГФСС/ФСМС lists ask for IIN, name, birth date, income, amount, period). Form 200.00: this prints the data to copy into the declaration, not the
official .xml for the tax authority's system.
"""
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import payroll_documents as pd
from .. import timesheet_document as ts
from odoo.addons.kz_edu_base.kz_document import Cell, Column, Document, Table
from odoo.addons.kz_edu_base.kz_dates import format_date

DOCUMENT_KINDS = [
    ('payslip', 'Payslips'),
    ('summary', 'Payroll summary'),
    ('bank', 'Payment register to the bank (salary cards)'),
    ('pension', 'List of pension contributions (ОПВ, ОПВР)'),
    ('social', 'List of social contributions (СО)'),
    ('medical', 'List of medical insurance contributions (ВОСМС, ООСМС)'),
    ('form200', 'Data for the declaration form 200.00'),
    ('timesheet', 'Time sheet'),
]
#: Documents printed for a month only (no payslip batch)
MONTH_ONLY_KINDS = ('form200', 'timesheet')
MONTHS = [(str(m), name) for m, name in enumerate(
    ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
     'November', 'December'], 1)]
PRINT_GROUPS = ('kz_edu_base.group_hr_officer', 'kz_edu_base.group_bookkeeper')


def _last_finished_month(today):
    return today.replace(day=1) - datetime.timedelta(days=1)


class KzPayrollDocumentWizard(models.TransientModel):
    _name = 'kz.payroll.document.wizard'
    _description = 'Payroll documents'

    def _default_year(self):
        return _last_finished_month(fields.Date.from_string(fields.Date.context_today(self))).year

    def _default_month(self):
        return str(_last_finished_month(fields.Date.from_string(fields.Date.context_today(self))).month)

    def _default_quarter(self):
        return str((int(self._default_month()) - 1) // 3 + 1)

    def _default_lang(self):
        return 'ru_RU' if (self.env.context.get('lang') or '').startswith('ru') else 'kk_KZ'

    document_kind = fields.Selection(DOCUMENT_KINDS, string='Document', required=True, default='payslip')
    period_kind = fields.Selection([('month', 'Month'), ('batch', 'Payslip batch')], string='Period',
                                   required=True, default='month')
    year = fields.Integer(string='Year', default=_default_year)
    month = fields.Selection(MONTHS, string='Month', default=_default_month)
    quarter = fields.Selection([('1', 'I'), ('2', 'II'), ('3', 'III'), ('4', 'IV')], string='Quarter',
                               default=_default_quarter)
    payslip_run_id = fields.Many2one('hr.payslip.run', string='Payslip batch')
    company_id = fields.Many2one('res.company', string='School', required=True,
                                 default=lambda self: self.env.user.company_id)
    department_id = fields.Many2one('hr.department', string='Department',
                                    help='Time sheet: only the employees of this department (and its sub-departments). '
                                         'Empty: the whole school, by department.')
    lang = fields.Selection([('kk_KZ', 'Kazakh'), ('ru_RU', 'Russian')], string='Language', required=True,
                            default=_default_lang)
    output = fields.Selection([('pdf', 'PDF'), ('xlsx', 'Excel (XLSX)')], string='Format', required=True,
                              default='pdf')

    # ------------------------------------------------------------------------------------------------ checks

    @api.multi
    def _check_print_access(self):
        """HR officers and bookkeepers of the school print; anyone else gets AccessError. The payslips are then
        read as superuser (a bookkeeper need not hold the payroll manager's rights), limited to that school."""
        user = self.env.user
        if self.env.uid != 1 and not any(user.has_group(g) for g in PRINT_GROUPS):
            raise AccessError(_('Only HR officers and bookkeepers may print payroll documents.'))
        for wiz in self:
            if self.env.uid != 1 and wiz.company_id not in user.company_ids:
                raise AccessError(_('You may not print payroll documents of %s.') % wiz.company_id.name)

    @api.multi
    def _period(self):
        """(first day, last day) as date objects; refuses a month or quarter not finished yet (the time sheet: a
        month not begun yet; an unfinished one is printed as preliminary)."""
        self.ensure_one()
        if self.document_kind not in MONTH_ONLY_KINDS and self.period_kind == 'batch':
            if not self.payslip_run_id:
                raise UserError(_('Choose the payslip batch.'))
            run = self.payslip_run_id.sudo()
            return fields.Date.from_string(run.date_start), fields.Date.from_string(run.date_end)
        if not self.year or self.year < 2000:
            raise UserError(_('State the year.'))
        if self.document_kind == 'form200':
            if not self.quarter:
                raise UserError(_('Choose the quarter.'))
            first_month, last_month = (int(self.quarter) - 1) * 3 + 1, int(self.quarter) * 3
        else:
            if not self.month:
                raise UserError(_('Choose the month.'))
            first_month = last_month = int(self.month)
        start = datetime.date(self.year, first_month, 1)
        end = (datetime.date(self.year + last_month // 12, last_month % 12 + 1, 1) - datetime.timedelta(days=1))
        today = fields.Date.from_string(fields.Date.context_today(self))
        if self.document_kind == 'timesheet':
            if start > today:
                raise UserError(_('The month %s has not begun yet: its time sheet can be printed from %s, as a '
                                  'preliminary one until the month ends.')
                                % (start.strftime('%m.%Y'), start.strftime('%d.%m.%Y')))
            return start, end
        if end >= today:
            raise UserError(_('The period %s – %s is not finished yet: payroll documents are printed for a '
                              'finished month only.') % (start.strftime('%d.%m.%Y'), end.strftime('%d.%m.%Y')))
        return start, end

    @api.multi
    def _is_preliminary(self):
        """A time sheet of a month not finished yet: its remaining days come from the schedule and the leaves
        approved so far."""
        self.ensure_one()
        return self._period()[1] >= fields.Date.from_string(fields.Date.context_today(self))

    @api.multi
    def _payslips(self):
        self.ensure_one()
        start, end = self._period()
        Slip = self.env['hr.payslip'].sudo()
        domain = [('state', '=', 'done'), ('company_id', '=', self.company_id.id)]
        if self.document_kind != 'form200' and self.period_kind == 'batch':
            domain.append(('payslip_run_id', '=', self.payslip_run_id.id))
        else:
            domain += [('date_from', '>=', fields.Date.to_string(start)),
                       ('date_from', '<=', fields.Date.to_string(end))]
        slips = Slip.search(domain).sorted(lambda s: (s.employee_id.name or '', s.date_from, s.id))
        if not slips:
            raise UserError(_('There are no confirmed payslips of %s for %s – %s.')
                            % (self.company_id.name, start.strftime('%d.%m.%Y'), end.strftime('%d.%m.%Y')))
        return slips, start, end

    # ------------------------------------------------------------------------------------------------ actions

    @api.multi
    def action_print(self):
        self.ensure_one()
        self._check_print_access()
        if self.document_kind == 'timesheet':
            self._timesheet_employees()   # refuse early, with the message in the dialog
        else:
            self._payslips()
        xml_id = 'kz_payroll.kz_payroll_document_xlsx' if self.output == 'xlsx' else \
            'kz_payroll.kz_payroll_document_pdf'
        return self.env.ref(xml_id).with_context(lang=self.lang).report_action(self, config=False)

    # ------------------------------------------------------------------------------------------------ data

    @api.model
    def _slip_row(self, slip):
        employee = slip.employee_id
        bank = employee.bank_account_id
        return {
            'slip_id': slip.id,
            'employee_id': employee.id,
            'employee': employee.name or '',
            'iin': employee.kz_iin or '',
            'birth_date': employee.kz_iin_birth_date or employee.birthday or '',
            'position': employee.job_id.name or '',
            'month': slip.date_from[:7],
            'specific': getattr(employee, 'kz_ebk_specific', False) or '',
            'account': bank.acc_number or '',
            'bank': ' '.join(p for p in (bank.bank_id.name or '', bank.bank_id.bic and '(%s)' % bank.bank_id.bic
                                         or '') if p),
            'amounts': pd.amounts_by_code((l.code, l.total) for l in slip.line_ids),
        }

    @api.multi
    def kz_documents(self):
        """The document as ``kz_document.Document`` objects in the wizard's language, for the suite's one renderer
        (../report/kz_payroll_documents.py): one document per payslip, one for every other kind. Cell values are
        str, int, Decimal (money, never float) or dates, in typed columns."""
        self.ensure_one()
        self._check_print_access()
        # refusals in the user's language, the document in its own
        if self.document_kind == 'timesheet':
            return [self._document_timesheet(self.timesheet_data())]
        slips, start, end = self._payslips()
        self = self.with_context(lang=self.lang)
        rows = [self._slip_row(s) for s in slips]
        if self.document_kind != 'form200' and self.period_kind == 'batch':
            period = '%s (%s – %s)' % (self.payslip_run_id.sudo().name, start.strftime('%d.%m.%Y'),
                                       end.strftime('%d.%m.%Y'))
        else:
            period = '%s – %s' % (start.strftime('%d.%m.%Y'), end.strftime('%d.%m.%Y'))
        builder = getattr(self, '_document_%s' % self.document_kind)
        return builder(slips, rows, start, end, period)

    def _title(self):
        return dict(self._fields['document_kind']._description_selection(self.env))[self.document_kind]

    def _document(self, period, title=None, header=(), signatures=None, **kwargs):
        """A Document with the head every payroll document has: the school, its BIN, the period."""
        company = self.company_id.sudo()
        return Document(title or self._title(), lang=self.lang, organisation=company.name,
                        header=[(_('BIN'), company.kz_bin or ''), (_('Period'), period)] + list(header),
                        currency=company.currency_id.name or 'KZT', landscape=True,
                        signatures=signatures if signatures is not None else
                        [_('Director'), _('Chief bookkeeper')], **kwargs)

    def _document_payslip(self, slips, rows, start, end, period):
        documents = []
        for slip, row in zip(slips, rows):
            lines = [{'code': l.code, 'name': l.name, 'total': l.total, 'category': l.category_id.code}
                     for l in slip.line_ids.sorted(lambda l: (l.sequence, l.id))]
            f = pd.payslip_figures(lines)
            worked = [[w.name or '', w.code or '', pd.money(w.number_of_days), pd.money(w.number_of_hours)]
                      for w in slip.worked_days_line_ids]
            doc = self._document(period, sheet=row['employee'], amount=f['net'],
                                 amount_label=_('To pay in words'), signatures=[(_('Employee'), row['employee'])])
            doc.section(_('Payslip for %s – %s') % (format_date(slip.date_from), format_date(slip.date_to)),
                        info=[(_('Employee'), row['employee']), (_('IIN'), row['iin']),
                              (_('Position'), row['position'])],
                        tables=[
                            Table([Column(_('Kind')), Column(_('Code'), 'code'), Column(_('Days'), 'number'),
                                   Column(_('Hours'), 'number')], rows=worked, caption=_('Worked time')),
                            Table([Column(_('Accrual')), Column(_('Amount'), 'money')],
                                  rows=[[name or _('Other accruals'), value] for name, value in f['accruals']],
                                  total=[_('Total accrued'), f['gross']], caption=_('Accrued')),
                            Table([Column(_('Deduction')), Column(_('Amount'), 'money')],
                                  rows=[[self._code_label(code), value] for code, _n, value in f['deductions']],
                                  total=[_('Total withheld'), f['total_deductions']], caption=_('Withheld')),
                            Table([Column(''), Column(_('Amount'), 'money')], total=[_('To pay'), f['net']]),
                            Table([Column(_('Contribution')), Column(_('Amount'), 'money')],
                                  rows=[[self._code_label(code), value] for code, _n, value in f['employer']],
                                  total=[_('Total'), f['total_employer']],
                                  caption=_("Employer's contributions (for information, not deducted from the "
                                            "pay)")),
                        ])
            documents.append(doc)
        return documents

    def _code_label(self, code):
        return {
            'BASIC': _('Wage for the worked time'), 'GROSS': _('Accrued'),
            'OPV': _('ОПВ, pension contributions 10 %'), 'VOSMS': _('ВОСМС, medical insurance contributions 2 %'),
            'IPN': _('ИПН, individual income tax'), 'NET': _('To pay'),
            'OPVR': _("ОПВР, employer's pension contributions"), 'SO': _('СО, social contributions'),
            'OOSMS': _('ООСМС, medical insurance contributions of the employer'), 'SN': _('СН, social tax'),
        }.get(code, code)

    def _short_code(self, code):
        return {'BASIC': _('Wage'), 'GROSS': _('Accrued'), 'OPV': _('ОПВ'), 'VOSMS': _('ВОСМС'), 'IPN': _('ИПН'),
                'NET': _('To pay'), 'OPVR': _('ОПВР'), 'SO': _('СО'), 'OOSMS': _('ООСМС'), 'SN': _('СН')}.get(code,
                                                                                                          code)

    def _money_columns(self, codes):
        return [Column(self._short_code(c), 'money') for c in codes]

    def _document_summary(self, slips, rows, start, end, period):
        s = pd.summary(rows)
        codes = list(s['totals'])
        table = Table([Column(_('No.'), 'int', 5), Column(_('Employee')), Column(_('IIN'), 'code', 14),
                       Column(_('Specific'), 'code')] + self._money_columns(codes),
                      rows=[[i, r['employee'], r['iin'], r['specific']] + [pd.amount(r['amounts'], c) for c in codes]
                            for i, r in enumerate(s['employees'], 1)],
                      total=['', _('Total'), '', ''] + [s['totals'][c] for c in codes],
                      caption=_('Payroll by employee'))
        ebk = Table([Column(_('Specific'), 'code'), Column(_('Line')), Column(_('Amount'), 'money')],
                    rows=[[specific, self._code_label(code), value] for specific, code, value in s['ebk']],
                    caption=_('Totals by ЕБК economic specific (order of the Ministry of Finance No. 403 of '
                              '18.09.2014)'))
        doc = self._document(period, header=[(_('Employees'), s['count'])])
        doc.section(tables=[table, ebk],
                    notes=[_('Specific 116 is for the staff paid under 111, 135 for the technical staff (131).')])
        return [doc]

    def _document_bank(self, slips, rows, start, end, period):
        reg = pd.bank_register(rows)
        table = Table([Column(_('No.'), 'int', 5), Column(_('Employee')), Column(_('IIN'), 'code', 14),
                       Column(_('Account (IBAN)'), 'code', 24), Column(_('Bank')), Column(_('Amount'), 'money')],
                      rows=[[i, r['employee'], r['iin'], r['account'], r['bank'], pd.amount(r['amounts'], 'NET')]
                            for i, r in enumerate(reg['lines'], 1)],
                      total=['', _('Total'), '', '', '', reg['total']])
        notes = [_('Number of employees: %s') % reg['count']]
        if reg['missing_account']:
            notes.append(_('No bank account: %s') % ', '.join(reg['missing_account']))
        doc = self._document(period, amount=reg['total'], amount_label=_('Total in words'))
        doc.section(tables=[table], notes=notes)
        return [doc]

    def _contribution_list(self, rows, kind, period):
        lst = pd.contribution_list(rows, kind)
        income_label = _('Object of social contributions (income − ОПВ)') if kind == 'social' else _('Income')
        table = Table([Column(_('No.'), 'int', 5), Column(_('IIN'), 'code', 14), Column(_('Employee')),
                       Column(_('Birth date'), 'date'), Column(income_label, 'money')] +
                      self._money_columns(lst['codes']),
                      rows=[[i, l['row']['iin'], l['row']['employee'], l['row']['birth_date'], l['income']] +
                            l['values'] for i, l in enumerate(lst['lines'], 1)],
                      total=['', '', _('Total'), None, lst['income']] + lst['totals'])
        doc = self._document(period, amount=lst['total'], amount_label=_('Total in words'))
        doc.section(tables=[table], notes=[_('Number of employees: %s') % lst['count']])
        return [doc]

    def _document_pension(self, slips, rows, start, end, period):
        return self._contribution_list(rows, 'pension', period)

    def _document_social(self, slips, rows, start, end, period):
        return self._contribution_list(rows, 'social', period)

    def _document_medical(self, slips, rows, start, end, period):
        return self._contribution_list(rows, 'medical', period)

    def _document_form200(self, slips, rows, start, end, period):
        f = pd.form200(rows, start.year, self.quarter)
        month_names = dict(self._fields['month']._description_selection(self.env))
        codes = list(pd.FORM200_CODES)
        table = Table([Column(_('Month'), 'text', 14), Column(_('Employees'), 'int')] + self._money_columns(codes),
                      rows=[[month_names[str(int(m['month'][5:]))], m['employees']] + [m['amounts'][c] for c in codes]
                            for m in f['months']],
                      total=[_('Quarter'), f['employees']] + [f['totals'][c] for c in codes],
                      caption=_('Taxes and contributions by month of the quarter'))
        doc = self._document(period, header=[(_('Quarter'), '%s %s' % (self.quarter, start.year))])
        doc.section(tables=[table],
                    notes=[_('Data for filling in the declaration form 200.00 (individual income tax and social '
                             'tax); this is not the official file for the tax authority\'s system.'),
                           _('Employees of the quarter: the employees paid in at least one of its months.')])
        return [doc]

    # ------------------------------------------------------------------------------------------------ time sheet

    @api.multi
    def _timesheet_employees(self):
        """The employees of the school (of the department, with its sub-departments) with a contract in the month,
        sorted by department and name, and those without one (listed in a note); refuses a month without any."""
        self.ensure_one()
        start, end = self._period()
        domain = [('company_id', '=', self.company_id.id)]
        if self.department_id:
            domain.append(('department_id', 'child_of', self.department_id.id))
        # archived employees too: someone dismissed during the month is on its time sheet until the contract ends
        employees = self.env['hr.employee'].sudo().with_context(active_test=False).search(domain)
        days = employees._kz_timesheet_days(start.year, start.month)
        listed = employees.filtered(lambda e: e.id in days)
        if not listed:
            raise UserError(_('%s has no employee with an employment contract in %s.')
                            % (self.department_id.name or self.company_id.name, start.strftime('%m.%Y')))
        listed = listed.sorted(lambda e: (e.department_id.name or '\uffff', e.name or '', e.id))
        missing = (employees - listed).filtered('active').sorted(lambda e: e.name or '')
        return {'employees': listed, 'days': days, 'missing': missing}

    @api.multi
    def timesheet_data(self):
        """The time sheet as data (``timesheet_document.build_timesheet`` with its labels, the preliminary mark,
        notes and signatures) in the wizard's language: what ``_document_timesheet`` lays out, and what the tests
        read the marks and totals from."""
        self.ensure_one()
        self._check_print_access()
        start, end = self._period()
        found = self._timesheet_employees()
        self = self.with_context(lang=self.lang)
        rows = [{
            'employee_id': e.id, 'name': e.name or '', 'iin': e.kz_iin or '', 'position': e.job_id.name or '',
            'department': e.department_id.name or '', 'days': found['days'][e.id],
        } for e in found['employees'].with_context(lang=self.lang)]
        sheet = ts.build_timesheet(rows, start.year, start.month, self.lang)
        kind_labels = {
            'work': _('Worked (the hours under the mark)'), 'dayoff': _('Day off or public holiday'),
            'vacation': _('Annual or additional leave'), 'sick': _('Sick leave (temporary incapacity for work)'),
            'trip': _('Business trip'), 'unpaid': _('Leave without pay (with the permission of the administration)'),
            'absence': _('Absence without a valid reason'),
        }
        sheet['legend'] = [(code, kind_labels[kind]) for kind, code in sheet['legend']]
        sheet['columns'] = [_('No.'), _('Employee'), _('IIN'), _('Position')]
        sheet['total_columns'] = [_('Days worked'), _('Hours worked'), _('Annual leave, days'),
                                  _('Sick leave, days'), _('Business trip, days'), _('Leave without pay, days'),
                                  _('Absence, days')]
        sheet['department_total_label'] = _('Total for the department')
        sheet['total_label'] = _('Total for the organisation') if not self.department_id else \
            _('Total for the department')
        sheet['no_department_label'] = _('No department')
        preliminary = self._is_preliminary()
        title = self._title()
        notes = [_('Working days in the month: %s') % sheet['working_days'],
                 _('Employees: %s') % sheet['count']]
        if preliminary:
            title = '%s — %s' % (title, _('PRELIMINARY'))
            notes.insert(0, _('Preliminary: the month is not finished; its days from %s on are marked from the '
                              'working schedule and the leaves approved so far.')
                         % fields.Date.from_string(fields.Date.context_today(self)).strftime('%d.%m.%Y'))
        if found['missing']:
            notes.append(_('Not listed, no employment contract in the month: %s')
                         % ', '.join(found['missing'].mapped('name')))
        return {
            'title': title,
            'period': '%s %s' % (dict(self._fields['month']._description_selection(self.env))[self.month],
                                 start.year),
            'preliminary': preliminary,
            'timesheet': sheet,
            'department': self.department_id.sudo().name or '',
            'notes': notes,
            'signatures': [_('Time keeper (responsible person)'), _('Head of the department'), _('HR officer')],
        }

    def _document_timesheet(self, data):
        """Columns: No., employee, IIN, position, one per day (1 … 28-31), then the totals; per employee a row of
        marks (a day off shaded) and under it a row of the hours worked; a subtotal per department and the
        organisation's total; the legend and the notes under the table (a preliminary sheet: its warning first)."""
        self = self.with_context(lang=self.lang)
        sheet = data['timesheet']
        days = len(sheet['dates'])
        columns = [Column(sheet['columns'][0], 'int', 4), Column(sheet['columns'][1], 'text', 26),
                   Column(sheet['columns'][2], 'code', 13), Column(sheet['columns'][3], 'text', 16)] + \
            [Column('%d' % d.day, 'code', 3) for d in sheet['dates']] + \
            [Column(label, 'number' if key == 'work_hours' else 'int', 8)
             for key, label in zip(ts.TOTAL_KEYS, sheet['total_columns'])]

        def totals(values):
            return [values[k] for k in ts.TOTAL_KEYS]

        table = Table(columns, freeze=2)
        several = len(sheet['groups']) > 1
        for group in sheet['groups']:
            if several or group['department']:
                table.add([group['department'] or sheet['no_department_label']], 'group')
            for line in group['rows']:
                marks = [Cell(c['code'], 'shaded') if c['kind'] == 'dayoff' else c['code'] for c in line['cells']]
                hours = [Cell('', 'shaded') if c['kind'] == 'dayoff' else ts.format_hours(c['hours'])
                         for c in line['cells']]
                table.add([line['no'], line['name'], line['iin'], line['position']] + marks +
                          totals(line['totals']))
                table.add(['', '', '', ''] + hours + [None] * len(ts.TOTAL_KEYS))
            if several or data['department']:
                table.add(['', sheet['department_total_label'], '', ''] + [''] * days + totals(group['totals']),
                          'subtotal')
        if not data['department']:
            table.total = ['', sheet['total_label'], '', ''] + [''] * days + totals(sheet['totals'])
        header = [(_('Department'), data['department'])] if data['department'] else []
        notes = ['%s — %s' % item for item in sheet['legend']]
        doc = self._document(data['period'], title=data['title'], header=header,
                             notes=data['notes'], signatures=data['signatures'], sheet=self._title())
        if data['preliminary']:
            doc.subtitle = data['notes'][0]
            doc.notes = doc.notes[1:]
        doc.section(tables=[table], notes=notes)
        return doc
