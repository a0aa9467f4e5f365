# -*- coding: utf-8 -*-
"""Reconciliation of the meals served with the Social Wallet voucher list and the supplier's invoice (HSC-05), as
PDF and XLSX.

* The voucher list is a CSV or XLSX file with the columns date and IIN (and an optional quantity, 1 when empty),
  with or without a header line (date/дата/күні, iin/иин/жсн, qty/количество/саны). The key is the day and the
  student's IIN (res.partner.kz_iin of the student): an IIN of nobody registered is not dropped but listed as a
  voucher without a meal, marked unknown.
* The invoice is a supplier invoice of the school (account.invoice, in_invoice): a line's product is the dish, its
  quantity and total with taxes the invoiced portions and amount; its day is a date written in the line's
  description (DD.MM.YYYY), else the invoice date. Or the invoice detail is uploaded as CSV/XLSX with the columns
  date, dish (name or internal reference), quantity, amount. A monthly invoice without days is compared per dish
  over the month (``invoice_compare``).
A malformed file is refused with a UserError naming the line; the comparison itself is meal_report.reconcile_month.
"""
import base64
import re

import xlrd

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kz_edu_base import iin as iin_rules
from odoo.addons.kz_edu_base.user_errors import translate

from .. import meal_report as mr
from ..canteen_rules import CanteenError

XLSX_REPORT = 'kz_canteen.kz_canteen_reconcile_xlsx'
PDF_REPORT = 'kz_canteen.kz_canteen_reconcile_pdf'
PERSONAL_DATA_GROUPS = 'kz_edu_base.group_bookkeeper,kz_edu_base.group_district,base.group_system'
UNKNOWN = 'iin:'        # child key of a voucher whose IIN is of nobody registered
DATE_IN_TEXT = re.compile(r'(\d{2})\.(\d{2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2})')


class KzCanteenReconcileWizard(models.TransientModel):
    _name = 'kz.canteen.reconcile.wizard'
    _inherit = 'kz.canteen.document.mixin'
    _description = 'Reconciliation of meals, vouchers and the supplier invoice'

    voucher_file = fields.Binary(string='Voucher list (Social Wallet)', attachment=False,
                                 help='CSV or XLSX with the columns date, IIN and quantity (optional).')
    voucher_filename = fields.Char(string='Voucher list file name')
    invoice_source = fields.Selection([('invoice', 'Supplier invoice'), ('file', 'Invoice detail file'),
                                       ('none', 'No invoice')], string='Invoice', required=True, default='invoice')
    invoice_id = fields.Many2one('account.invoice', string='Supplier invoice',
                                 domain="[('type', '=', 'in_invoice'), ('company_id', '=', company_id)]")
    invoice_file = fields.Binary(string='Invoice detail', attachment=False,
                                 help='CSV or XLSX with the columns date, dish, quantity, amount.')
    invoice_filename = fields.Char(string='Invoice detail file name')
    invoice_compare = fields.Selection([('day', 'Per day and dish'), ('month', 'Per dish over the month')],
                                       string='Compare the invoice', required=True, default='day',
                                       help='An invoice for the whole month whose lines have no day is compared per '
                                            'dish over the month.')

    # ------------------------------------------------------------------------------------------------ files

    @api.model
    def _file_rows(self, content, filename, what):
        """Rows of cells of an uploaded CSV or spreadsheet (dates of a spreadsheet as dates)."""
        data = base64.b64decode(content or b'')
        if not data:
            raise UserError(_('Upload the %s.') % what)
        name = (filename or '').lower()
        if name.endswith(('.xlsx', '.xls')) or data[:2] == b'PK' or data[:4] == b'\xd0\xcf\x11\xe0':
            try:
                book = xlrd.open_workbook(file_contents=data)
            except Exception:
                raise UserError(_('The %s %s is not a readable spreadsheet (XLSX or XLS); save it as XLSX or CSV '
                                  'and upload it again.') % (what, filename or ''))
            sheet = book.sheet_by_index(0)
            rows = []
            for r in range(sheet.nrows):
                cells = []
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        cells.append(xlrd.xldate_as_datetime(cell.value, book.datemode).date())
                    elif cell.ctype == xlrd.XL_CELL_NUMBER and cell.value == int(cell.value):
                        cells.append(int(cell.value))
                    else:
                        cells.append(cell.value)
                rows.append(cells)
            return rows
        return mr.read_csv(data)

    @api.model
    def _file_error(self, error, what, filename):
        """The UserError for a malformed file, in the user's language, naming the line."""
        d = error.details or {}
        column = {'date': _('date'), 'iin': _('IIN'), 'qty': _('quantity'), 'dish': _('dish'),
                  'amount': _('amount')}.get(d.get('column'), d.get('column') or '')
        value = '' if d.get('value') is None else '%s' % d.get('value')
        problem = {
            'empty': _('the file has no rows'),
            'missing_column': _('the header has no column «%s»') % column,
            'bad_date': _('«%s» is not a date (DD.MM.YYYY or YYYY-MM-DD)') % value,
            'bad_iin': _('«%s» is not an IIN (12 digits)') % value,
            'bad_number': _('the %s «%s» is not a whole number') % (column, value),
            'bad_dish': _('the dish is empty'),
            'bad_amount': _('«%s» is not an amount') % value,
        }.get(d.get('problem'), translate(self.env, error))
        if d.get('line'):
            return UserError(_('The %s %s, line %s: %s. Correct the file and upload it again; nothing was '
                               'reconciled.') % (what, filename or '', d['line'], problem))
        return UserError(_('The %s %s: %s.') % (what, filename or '', problem))

    @api.multi
    def _vouchers(self):
        """[(date, child key, qty)] of the voucher list, the IIN of each unknown key, and the IINs of the known."""
        what = _('voucher list')
        rows = self._file_rows(self.voucher_file, self.voucher_filename, what)
        try:
            vouchers = mr.read_vouchers(rows)
        except CanteenError as e:
            raise self._file_error(e, what, self.voucher_filename)
        iins = sorted({v['iin'] for v in vouchers})
        student_of = {}
        if iins:
            self.env.cr.execute("""SELECT p.kz_iin, s.id FROM kz_edu_student s
                                     JOIN res_partner p ON p.id = s.partner_id WHERE p.kz_iin IN %s""",
                                (tuple(iins),))
            student_of = dict(self.env.cr.fetchall())
        out = [(v['date'], student_of.get(v['iin'], UNKNOWN + v['iin']), v['qty']) for v in vouchers]
        return out, {sid: iin for iin, sid in student_of.items()}

    @api.multi
    def _invoice_lines(self, month, served_dishes=()):
        """[(date, dish, qty, amount)]: dish a product id, or the text of the file / line for a dish not found
        (a name of the file is looked up among the dishes served first: another school may have a dish of that
        name)."""
        if self.invoice_source == 'none':
            return []
        if self.invoice_source == 'invoice':
            if not self.invoice_id:
                raise UserError(_('Choose the supplier invoice, or upload its detail as a file.'))
            invoice = self.invoice_id.sudo()
            if invoice.company_id != self.company_id or invoice.type != 'in_invoice':
                raise UserError(_('Invoice %s is not a supplier invoice of %s.')
                                % (invoice.number or invoice.reference or invoice.id, self.company_id.name))
            default_day = mr.to_date(invoice.date_invoice) if invoice.date_invoice else month
            lines = []
            for line in invoice.invoice_line_ids:
                day = self._day_in_text(line.name) or default_day
                lines.append((day, line.product_id.id or (line.name or '').strip(), int(round(line.quantity)),
                              mr.to_money(line.price_total)))
            return lines
        what = _('invoice detail')
        rows = self._file_rows(self.invoice_file, self.invoice_filename, what)
        try:
            detail = mr.read_invoice_lines(rows)
        except CanteenError as e:
            raise self._file_error(e, what, self.invoice_filename)
        dishes = self._dish_lookup(served_dishes)
        return [(l['date'], dishes.get(self._key(l['dish']), l['dish']), l['qty'], l['amount']) for l in detail]

    @api.model
    def _day_in_text(self, text):
        m = DATE_IN_TEXT.search(text or '')
        if not m:
            return None
        try:
            return mr.parse_day(m.group(0))
        except CanteenError:
            return None

    @staticmethod
    def _key(text):
        return ' '.join(str(text or '').lower().split())

    @api.model
    def _dish_lookup(self, preferred=()):
        """{normalised name or internal reference: product id} of the dishes, in Kazakh, Russian and English; the
        ``preferred`` products (those served) win over other dishes of the same name."""
        out = {}
        Product = self.env['product.product'].sudo().with_context(active_test=False)
        products = Product.browse(list(preferred)) | Product.search([('kz_is_dish', '=', True),
                                                                     ('id', 'not in', list(preferred))])
        for lang in ('en_US', 'kk_KZ', 'ru_RU'):
            for p in products.with_context(lang=lang):
                out.setdefault(self._key(p.name), p.id)
        for p in products.filtered('default_code'):
            out.setdefault(self._key(p.default_code), p.id)
        return out

    # ------------------------------------------------------------------------------------------------ actions

    @api.multi
    def action_print(self):
        self.ensure_one()
        self.kz_document()
        xml_id = XLSX_REPORT if self.output == 'xlsx' else PDF_REPORT
        return self.env.ref(xml_id).with_context(lang=self.lang).report_action(self, config=False)

    @api.multi
    def reconciliation(self):
        """meal_report.reconcile_month of the school's served meals, the voucher list and the invoice, and the IINs
        of the students of the vouchers. Checks first (access, month, files) in the user's language."""
        self.ensure_one()
        self._check_report_access()
        start, _end = self._check_month_finished()
        if not self.voucher_file:
            raise UserError(_('Upload the voucher list of the Social Wallet.'))
        vouchers, iins = self._vouchers()
        served = self._served_rows(start, mr.REPORT_KINDS)
        invoice = self._invoice_lines(start, sorted({row[5] for row in served}))
        result = mr.reconcile_month(served, vouchers, invoice, start, today=self._today(),
                                    invoice_by_day=self.invoice_compare == 'day', meals=self._meals(start))
        if self.invoice_source == 'none':      # vouchers only: nothing invoiced is not a difference
            result['invoice_differences'] = []
            result['ok'] = not (result['served_without_voucher'] or result['voucher_without_meal'])
        result['iins'] = iins
        return result

    @api.multi
    def _meals(self, month):
        """[(date, student id, meals)]: the free and subsidised meals of each child and day — one order at the
        till is one meal (one voucher) however many dishes it has."""
        start, end = mr.month_bounds(month)
        self.env.cr.execute("""SELECT date, student_id, COUNT(DISTINCT COALESCE(order_key, id::text))
                                 FROM kz_canteen_meal
                                WHERE company_id = %s AND date BETWEEN %s AND %s AND kind IN ('free', 'subsidised')
                                GROUP BY date, student_id""", (self.company_id.id, start, end))
        return [(mr.to_date(day), student, count) for day, student, count in self.env.cr.fetchall()]

    @api.multi
    def kz_document(self):
        """The document (a kz_document.Document, as kz.canteen.report.wizard.kz_document) in the wizard's
        language."""
        self.ensure_one()
        result = self.reconciliation()
        return self.with_context(lang=self.lang)._reconcile_document(result)

    def _reconcile_document(self, r):
        month = self._month()
        show_iin = self.env.uid == 1 or self.user_has_groups(PERSONAL_DATA_GROUPS)
        child_ids = [x['child_id'] for x in r['served_without_voucher'] + r['voucher_without_meal']]
        students = self._student_labels(child_ids, month)
        dish_ids = [d['dish'] for d in r['invoice_differences']]
        dishes = self._dish_names(dish_ids)

        # labels resolved here: _() inside a nested function or a comprehension does not see the language
        unknown_iin, invalid_iin = _('IIN of no registered student'), _('Not a valid IIN (check digit)')
        month_label, not_a_dish = _('Month'), _('%s (not a dish of the canteen)')

        def child_cells(key):
            if isinstance(key, str) and key.startswith(UNKNOWN):
                iin = key[len(UNKNOWN):]
                return [unknown_iin if iin_rules.is_valid_iin(iin) else invalid_iin, '', iin]
            name, klass = students.get(key, ('', '', None))[:2]
            return [name, klass, r['iins'].get(key, '') if show_iin else '']

        columns = [(_('Date'), 'date', 12), (_('Student'), 'text', 30), (_('Class'), 'text', 8),
                   (_('IIN'), 'code', 14), (_('Meals served'), 'int', 10), (_('Vouchers'), 'int', 10)]

        def child_rows(items):
            # by day, then class and name; unknown IINs last in their day
            def key(x):
                name, _klass, order = students.get(x['child_id'], ('', '', (101, '')))
                return (x['date'], order, name, str(x['child_id']))
            return [[x['date']] + child_cells(x['child_id']) + [x['served'], x['vouchers']]
                    for x in sorted(items, key=key)]
        t = r['totals']
        by_day = self.invoice_compare == 'day'
        none = _('None.')
        number, amount = (_('Number'), 'number', 10), (_('Amount, ₸'), 'money', 14)
        tables = [
            self._kz_table(_('Totals'), [('', 'text', 34), number, amount], [
                [_('Free and subsidised meals served'), t['served_meals'], None],
                [_('Vouchers of the Social Wallet'), t['voucher_meals'], None],
                [_('Portions served (dishes)'), t['served_portions'], t['served_amount']],
                [_('Portions invoiced by the supplier'), t['invoiced_meals'], t['invoiced_amount']],
                [_('Invoiced − served'), t['invoiced_meals'] - t['served_portions'],
                 t['invoiced_amount'] - t['served_amount']],
            ]),
            self._kz_table(_('Served without a voucher'), columns, child_rows(r['served_without_voucher']),
                        empty=none),
            self._kz_table(_('Vouchers without a meal served'), columns, child_rows(r['voucher_without_meal']),
                        empty=none),
            self._kz_table(_('Invoice differences per day and dish') if by_day else
                        _('Invoice differences per dish over the month'),
                        [(_('Date'), 'date', 12), (_('Dish'), 'text', 30), (_('Served'), 'number', 10),
                         (_('Invoiced'), 'number', 10), (_('Served, ₸'), 'money', 14),
                         (_('Invoiced, ₸'), 'money', 14), (_('Difference'), 'number', 10),
                         (_('Difference, ₸'), 'money', 14)],
                        [[x['date'] if x['date'] else month_label,
                          dishes.get(x['dish'], x['dish']) if isinstance(x['dish'], int)
                          else not_a_dish % x['dish'],
                          x['served_qty'], x['invoiced_qty'], x['served_amount'], x['invoiced_amount'],
                          x['qty_difference'], x['amount_difference']] for x in r['invoice_differences']],
                        empty=none),
        ]
        count = sum(len(r[k]) for k in ('served_without_voucher', 'voucher_without_meal', 'invoice_differences'))
        if self.invoice_source == 'invoice' and self.invoice_id:
            inv = self.invoice_id.sudo()
            invoice_text = '%s %s' % (inv.number or inv.reference or '', inv.partner_id.name or '')
        elif self.invoice_source == 'file':
            invoice_text = self.invoice_filename or ''
        else:
            invoice_text = _('not compared')
        header = self._school_info(month) + [
            (_('Voucher list'), self.voucher_filename or ''),
            (_('Supplier invoice'), invoice_text.strip()),
            (_('Result'), _('No difference.') if r['ok'] else _('Differences found: %d.') % count),
        ]
        notes = [_('Differences are invoiced − served: a positive one is invoiced but not served.'),
                 _('A voucher and a meal are matched by the day and the IIN of the student.')]
        return self._kz_document(_('Reconciliation of meals served, Social Wallet vouchers and the supplier invoice'),
                              month, header, tables, notes,
                              [_('Bookkeeper'), _('Canteen manager'), _("Supplier's representative")],
                              _('Reconciliation'))
