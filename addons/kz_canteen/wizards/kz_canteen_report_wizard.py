# -*- coding: utf-8 -*-
"""Canteen documents (HSC-05, HSC-10): the monthly report on free and subsidised meals for the education authority
and the табель of meals served per child and day that the supplier is paid on, in Kazakh or Russian, as PDF (QWeb)
and XLSX (xlsxwriter).

The sums are in ../meal_report.py (pure Python); this layer fetches the served rows of one school and month in one
query (kz.canteen.meal.kz_served_rows), resolves the names (dishes, social categories, funding sources, students,
classes) and describes the document once as a kz_document.Document (a title, header lines, typed tables with their
totals, the amount in words, notes and signatures) that the suite's one XLSX writer and QWeb layout render
(../report/kz_canteen_documents.py).

Who prints: the canteen manager, the bookkeeper, the director and the education department, for the organisations
they belong to; anyone else (the cashier, a parent) gets AccessError. The served rows are read by SQL, so this check
is what keeps one school's figures from another's.
"""
import babel.dates

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base import amount_words
from odoo.addons.kz_edu_base.kz_document import Column, Document, Row, Table

from .. import meal_report as mr
from ..canteen_rules import PRIMARY_CATEGORY, CanteenError

REPORT_GROUPS = ('kz_canteen.group_canteen_manager', 'kz_edu_base.group_bookkeeper', 'kz_edu_base.group_director',
                 'kz_edu_base.group_district')
XLSX_REPORT = 'kz_canteen.kz_canteen_meal_report_xlsx'
PDF_REPORT = 'kz_canteen.kz_canteen_meal_report_pdf'
LANGS = [('kk_KZ', 'Kazakh'), ('ru_RU', 'Russian')]
ALL_KINDS = ('free', 'subsidised', 'paid')


class KzCanteenDocumentMixin(models.AbstractModel):
    """What the canteen report and reconciliation wizards share: the school, the month, the language and format,
    the access check, the month check and the names printed for codes and ids."""
    _name = 'kz.canteen.document.mixin'
    _description = 'Canteen document (shared)'

    def _default_month(self):
        return fields.Date.to_string(mr.previous_month(self._today()))

    def _default_lang(self):
        return 'ru_RU' if (self.env.context.get('lang') or self.env.user.lang or '').startswith('ru') else 'kk_KZ'

    company_id = fields.Many2one('res.company', string='School', required=True,
                                 default=lambda self: self.env.user.company_id)
    month = fields.Date(string='Month', required=True, default=_default_month,
                        help='Any day of the month; the document covers the whole month.')
    lang = fields.Selection(LANGS, string='Language', required=True, default=_default_lang)
    output = fields.Selection([('pdf', 'PDF'), ('xlsx', 'Excel (XLSX)')], string='Format', required=True,
                              default='pdf')

    @api.onchange('month')
    def _onchange_month(self):
        if self.month:
            self.month = fields.Date.to_string(mr.month_bounds(self.month)[0])

    # ------------------------------------------------------------------------------------------------ checks

    def _today(self):
        """The school's local date (the cron passes its own in the context ``kz_canteen_today``)."""
        today = self.env.context.get('kz_canteen_today')
        if today:
            return mr.to_date(today)
        company = self.company_id if self and self.company_id else self.env.user.company_id
        return self.env['kz.canteen.pos']._kz_local_date(company)

    @api.multi
    def _check_report_access(self):
        """AccessError unless the user is a canteen manager, bookkeeper, director or of the education department,
        and the school is one of theirs (or under their organisation)."""
        if self.env.uid == SUPERUSER_ID:
            return
        user = self.env.user
        if not any(user.has_group(g) for g in REPORT_GROUPS):
            raise AccessError(_('Only the canteen manager, the bookkeeper, the director and the education '
                                'department may print canteen reports.'))
        allowed = user.company_ids | self.env['res.company'].sudo().search(
            [('id', 'child_of', user.company_id.ids)])
        for wiz in self:
            if wiz.company_id not in allowed:
                raise AccessError(_('You may not print canteen reports of %s.') % wiz.company_id.name)

    @api.multi
    def _month(self):
        self.ensure_one()
        if not self.month:
            raise UserError(_('State the month.'))
        return mr.month_bounds(self.month)[0]

    @api.multi
    def _check_month_finished(self):
        """(first day, last day) of the month; UserError in the user's language while the month is not over."""
        month = self._month()
        try:
            return mr.check_month_finished(month, self._today())
        except CanteenError as e:
            if e.code != 'month_not_finished':
                raise
            raise UserError(_('The month %s is not finished yet: its report can be made from %s.')
                            % (month.strftime('%m.%Y'), mr.first_report_day(month).strftime('%d.%m.%Y')))

    # ------------------------------------------------------------------------------------------------ names

    def _month_label(self, month):
        """'Қазан 2026' / 'октябрь 2026' in the context's language."""
        lang = self.env.context.get('lang') or 'en_US'
        try:
            return babel.dates.format_date(month, 'LLLL yyyy', locale=lang)
        except Exception:       # a locale babel does not know
            return month.strftime('%m.%Y')

    def _category_names(self):
        names = {c.code: c.name for c in self.env['kz.edu.social.category'].sudo().with_context(
            active_test=False).search([])}
        names[PRIMARY_CATEGORY] = _('Grades 1-4')
        names[''] = _('No category')
        return names

    def _funding_names(self):
        return {'LOC': _('Local budget'), 'VSEOBUCH': _('Fund of universal compulsory education'),
                'PAID': _('Paid by the parents (prepaid balance)'), '': _('No funding source')}

    def _kind_names(self):
        return {'free': _('Free'), 'subsidised': _('Subsidised'), 'paid': _('Paid')}

    def _dish_names(self, ids):
        ids = [i for i in set(ids) if isinstance(i, int)]
        return {p.id: p.name for p in self.env['product.product'].sudo().with_context(active_test=False).browse(ids)}

    def _student_labels(self, ids, month):
        """{student id: (name, class name, class sort key)}: the class the child was last served in up to the end
        of ``month`` (the class of today for a child without a meal)."""
        ids = [i for i in set(ids) if isinstance(i, int)]
        if not ids:
            return {}
        students = self.env['kz.edu.student'].sudo().with_context(active_test=False).browse(ids)
        self.env.cr.execute("""SELECT DISTINCT ON (student_id) student_id, class_id FROM kz_canteen_meal
                                WHERE student_id IN %s AND class_id IS NOT NULL AND date <= %s
                                ORDER BY student_id, date DESC, id DESC""",
                            (tuple(ids), mr.month_bounds(month)[1]))
        class_of = dict(self.env.cr.fetchall())
        out = {}
        for s in students:
            klass = self.env['kz.edu.class'].sudo().browse(class_of.get(s.id)) if class_of.get(s.id) else \
                s.class_id.sudo()
            # classes in the order of grades (2 before 10), then letter
            order = (klass.grade_sequence or 99, klass.letter or klass.name or '') if klass else (100, '')
            out[s.id] = (s.name or '', klass.name or '', order)
        return out

    def _words(self, amount):
        # canteen prices are in tenge (the menus, the ₸ of the columns), whatever the company's currency
        return amount_words.amount_in_words(amount, lang=self.lang, currency='KZT')

    def _school_info(self, month):
        company = self.company_id.sudo()
        return [(_('School'), company.name or ''), (_('BIN'), company.kz_bin or ''),
                (_('Month'), '%s (%s)' % (self._month_label(month), month.strftime('%m.%Y')))]

    def _served_rows(self, month, kinds):
        start, end = mr.month_bounds(month)
        return self.env['kz.canteen.meal'].sudo().kz_served_rows(self.company_id.id, fields.Date.to_string(start),
                                                                 fields.Date.to_string(end), kinds=kinds)

    @api.model
    def _kz_table(self, caption, columns, rows, total=None, empty=None, freeze=0):
        """A kz_document.Table of (label, kind, width) columns; ``empty``: the line printed in a table without
        rows."""
        rows = list(rows)
        if not rows and empty:
            rows = [Row([empty], 'group')]
        return Table([Column(label, kind, width) for label, kind, width in columns], rows=rows, total=total,
                     caption=caption, freeze=freeze)

    def _kz_document(self, title, month, header, tables, notes, signatures, sheet, amount=None, amount_label=''):
        """The canteen's document in the wizard's language: the school top left, the title and the month."""
        company = self.company_id.sudo()
        doc = Document(title, lang=self.lang, subtitle='%s, %s' % (company.name, self._month_label(month)),
                       organisation=company.name or '', header=header, amount=amount, amount_label=amount_label,
                       currency='KZT', notes=notes, signatures=[(role, '') for role in signatures],
                       landscape=True, sheet=sheet)
        doc.section(tables=tables)
        return doc


class KzCanteenReportWizard(models.TransientModel):
    _name = 'kz.canteen.report.wizard'
    _inherit = 'kz.canteen.document.mixin'
    _description = 'Canteen reports'

    document = fields.Selection([
        ('monthly', 'Monthly report on free and subsidised meals'),
        ('tabel', 'Meals served per child and day (табель for the supplier)'),
    ], string='Document', required=True, default='monthly')
    include_paid = fields.Boolean(string='Include paid meals',
                                  help='The табель also counts the meals the children paid from their balance.')
    authority_email = fields.Char(related='company_id.kz_canteen_authority_email', readonly=True,
                                  string='Meal report recipient')

    # ------------------------------------------------------------------------------------------------ actions

    @api.multi
    def action_print(self):
        self.ensure_one()
        self.kz_document()          # refuse early (access, month) with the message in the dialog
        xml_id = XLSX_REPORT if self.output == 'xlsx' else PDF_REPORT
        return self.env.ref(xml_id).with_context(lang=self.lang).report_action(self, config=False)

    @api.multi
    def action_send(self):
        """Make the monthly report now and send it to the school's education authority (HSC-10)."""
        self.ensure_one()
        self._check_report_access()
        self._check_month_finished()
        if not self.company_id.sudo().kz_canteen_authority_email:
            raise UserError(_('%s has no recipient of the meal report: set the e-mail of the education authority '
                              'in the school settings.') % self.company_id.name)
        record = self.env['kz.canteen.monthly.report'].sudo()._kz_generate(
            self.company_id.sudo(), self._month(), lang=self.lang, send=True)
        return {
            'type': 'ir.actions.act_window', 'res_model': 'kz.canteen.monthly.report', 'res_id': record.id,
            'view_mode': 'form', 'target': 'current', 'name': _('Monthly meal report'),
        }

    # ------------------------------------------------------------------------------------------------ data

    @api.multi
    def monthly_report(self):
        """meal_report.monthly_report of the school and month, and the totals per funding source."""
        self.ensure_one()
        self._check_report_access()
        start, _end = self._check_month_finished()
        rows = self._served_rows(start, mr.REPORT_KINDS)
        report = mr.monthly_report(rows, start, self._today())
        report['by_funding'] = mr.totals_by(rows, start, 'funding')
        return report

    @api.multi
    def kz_document(self):
        """The document (a kz_document.Document) in the wizard's language: amounts are Decimals, counts ints, days
        dates. Access and month checked first (their messages in the user's language)."""
        self.ensure_one()
        self._check_report_access()
        if self.document == 'tabel':
            start, _end = self._check_month_finished()
            kinds = ALL_KINDS if self.include_paid else mr.REPORT_KINDS
            rows = self._served_rows(start, kinds)
            return self.with_context(lang=self.lang)._tabel_document(start, rows, kinds)
        report = self.monthly_report()
        return self.with_context(lang=self.lang)._monthly_document(report)

    def _monthly_document(self, r):
        month = r['month']
        categories, funding = self._category_names(), self._funding_names()
        dishes = self._dish_names([l['dish'] for l in r['lines']] + [d['dish'] for d in r['dishes']])
        t = r['total']

        def cat(code):
            return categories.get(code or '', code)

        def fund(code):
            return funding.get(code or '', code)
        total = _('Total')
        date, students, meals = (_('Date'), 'date', 12), (_('Students'), 'int', 10), (_('Meals'), 'int', 10)
        money = [(_('Cost, ₸'), 'money', 14), (_('Paid by the budget, ₸'), 'money', 16)]
        category, source = (_('Category'), 'text', 30), (_('Funding source'), 'text', 30)
        price = (_('Price, ₸'), 'money', 10)
        tables = [
            self._kz_table(_('Totals per day'), [date, students, meals] + money,
                        [[d['date'], d['students'], d['meals'], d['amount'], d['funding_amount']]
                         for d in r['by_day']],
                        [total, t['students'], t['meals'], t['amount'], t['funding_amount']]),
            self._kz_table(_('Meals by day, category, funding source and dish'),
                        [date, category, source, (_('Dish'), 'text', 24), price, students, meals] + money,
                        [[l['date'], cat(l['category']), fund(l['funding']), dishes.get(l['dish'], l['dish']),
                          l['price'], l['students'], l['meals'], l['amount'], l['funding_amount']]
                         for l in r['lines']],
                        [total, '', '', '', None, t['students'], t['meals'], t['amount'], t['funding_amount']]),
            self._kz_table(_('Totals by category and funding source'), [category, source, students, meals] + money,
                        [[cat(g['category']), fund(g['funding']), g['students'], g['meals'], g['amount'],
                          g['funding_amount']] for g in r['by_group']],
                        [total, '', t['students'], t['meals'], t['amount'], t['funding_amount']]),
            self._kz_table(_('Totals by funding source'), [source, students, meals] + money,
                        [[fund(f['funding']), f['students'], f['meals'], f['amount'], f['funding_amount']]
                         for f in r['by_funding']],
                        [total, t['students'], t['meals'], t['amount'], t['funding_amount']]),
            self._kz_table(_('Dishes and prices'), [(_('Dish'), 'text', 30), price, meals, money[0]],
                        [[dishes.get(d['dish'], d['dish']), d['price'], d['meals'], d['amount']]
                         for d in r['dishes']],
                        [total, None, t['meals'], t['amount']]),
        ]
        header = self._school_info(month) + [
            (_('Number of students who received free or subsidised meals'), t['students']),
            (_('Meals served'), t['meals']),
            (_('Cost of the meals, ₸'), t['amount']),
            (_('Paid by the budget, ₸'), t['funding_amount']),
        ]
        notes = [_('Of which paid by the budget: %s.') % self._words(t['funding_amount'])]
        if not t['meals']:
            notes.insert(0, _('No free or subsidised meal was served in this month.'))
        return self._kz_document(_('Report on free and subsidised meals of students'), month, header, tables, notes,
                              [_('Director'), _('Canteen manager')], _('Report'), amount=t['amount'],
                              amount_label=_('Total cost of the meals'))

    def _tabel_document(self, month, rows, kinds):
        children = self._student_labels([r[1] for r in rows], month)
        kind_of = {}
        for row in rows:
            kind_of.setdefault(row[1], set()).add(row[8])
        order = sorted(children, key=lambda sid: (children[sid][2], children[sid][0], sid))
        t = mr.tabel(rows, month, children=order, kinds=kinds)
        kind_names = self._kind_names()
        table_rows = []
        for n, row in enumerate(t['rows'], 1):
            name, klass = children.get(row['child_id'], ('', '', None))[:2]
            kinds_text = ', '.join(kind_names[k] for k in ALL_KINDS if k in kind_of.get(row['child_id'], ()))
            table_rows.append([n, name, klass, kinds_text] + [c or None for c in row['counts']]
                              + [row['total_count'], row['total_amount']])
        # the meals of a day and, in the last line, its cost: a day column holds counts and amounts (number)
        table_rows.append(Row([None, _('Meals per day'), '', ''] + t['day_counts']
                              + [t['total_count'], t['total_amount']], 'subtotal'))
        total = [None, _('Cost per day, ₸'), '', ''] + t['day_amounts'] + [None, t['total_amount']]
        days = [(str(d), 'number', 3.5) for d in t['days']]
        table = self._kz_table('', [(_('No.'), 'int', 4), (_('Student'), 'text', 24), (_('Class'), 'text', 7),
                                 (_('Kind'), 'text', 10)] + days
                            + [(_('Total meals'), 'int', 7), (_('Cost, ₸'), 'money', 11)], table_rows, total,
                            freeze=2)
        kinds_label = ', '.join(kind_names[k] for k in ALL_KINDS if k in kinds)
        header = self._school_info(month) + [
            (_('Meals counted'), kinds_label), (_('Students'), len(t['rows'])), (_('Meals served'), t['total_count']),
            (_('Cost of the meals, ₸'), t['total_amount'])]
        notes = [_('A cell is the number of meals served to the student that day; the cost is the price of the '
                   'approved menu.')]
        return self._kz_document(_('Табель of meals served to students'), month, header, [table], notes,
                              [_('Director'), _('Canteen manager'), _("Supplier's representative")], _('Табель'),
                              amount=t['total_amount'], amount_label=_('Total cost of the meals'))
