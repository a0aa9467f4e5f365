# -*- coding: utf-8 -*-
"""The one XLSX writer of the suite (issue #15): a :class:`kz_document.Document` on a worksheet in the style of the
official forms — the organisation at the top left, the form's code and approving act at the top right, the title
centred over the table, bordered tables with wrapped headings, amounts as numbers with two decimals, totals in bold,
the amount in words and the signature lines. Every XLSX of the suite goes through :func:`write` (the OCA
``report_xlsx`` reports call it from ``kz.edu.document.report``), so a form looks the same in every capability.

Pure Python (xlsxwriter, no odoo import); tested in ``tests/pure/test_kz_document.py`` by reading the file back.
"""
import datetime
import io
from decimal import Decimal

try:
    from kz_document import cell_text, check_value, is_cell, sheet_name
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_document import cell_text, check_value, is_cell, sheet_name

BORDER = {'border': 1, 'valign': 'top'}


class Styles(object):
    """The formats of one workbook, made once (xlsxwriter keeps every format of the file)."""

    def __init__(self, workbook):
        self._workbook, self._cache = workbook, {}

    def get(self, *names, **extra):
        key = names + tuple(sorted(extra.items()))
        if key not in self._cache:
            props = {}
            for name in names:
                props.update(STYLE[name])
            props.update(extra)
            self._cache[key] = self._workbook.add_format(props)
        return self._cache[key]


STYLE = {
    'title': {'bold': True, 'font_size': 12, 'align': 'center', 'valign': 'vcenter', 'text_wrap': True},
    'subtitle': {'align': 'center', 'text_wrap': True},
    'form': {'italic': True, 'font_size': 8, 'align': 'right', 'text_wrap': True, 'valign': 'top'},
    'org': {'bold': True},
    'label': {'bold': True, 'valign': 'top'},
    'text': {'text_wrap': True, 'valign': 'top'},
    'head': {'bold': True, 'text_wrap': True, 'valign': 'vcenter', 'align': 'center', 'border': 1,
             'bg_color': '#F2F2F2'},
    'cell': BORDER,
    'wrap': {'text_wrap': True},
    'left': {'align': 'left'}, 'center': {'align': 'center'}, 'right': {'align': 'right'},
    'money': {'num_format': '#,##0.00'},
    'int': {'num_format': '0'},
    'date': {'num_format': 'dd.mm.yyyy'},
    'bold': {'bold': True},
    'shaded': {'bg_color': '#E7E6E6'},
    'small': {'font_size': 8},
    'warning': {'bold': True, 'font_color': '#C00000'},
    'ok': {'font_color': '#006100'},
    'crossed': {'align': 'center'},
    'total': {'bold': True, 'bg_color': '#F2F2F2'},
    'caption': {'bold': True},
    'note': {'text_wrap': True, 'valign': 'top', 'font_size': 9},
    'sign': {'valign': 'bottom'},
    'sign_line': {'bottom': 1},
    'sign_hint': {'font_size': 7, 'align': 'center', 'italic': True},
}


def number_format(column):
    if column.kind == 'money':
        return '#,##0.' + '0' * column.digits if column.digits else '#,##0'
    if column.kind == 'number':
        return '#,##0.' + '#' * column.digits if column.digits else '#,##0'
    return None


def write(workbook, document, styles=None):
    """Write ``document`` on a new worksheet of ``workbook`` and return the worksheet."""
    document.check()
    styles = styles or Styles(workbook)
    taken = [ws.get_name() for ws in workbook.worksheets()]
    sheet = workbook.add_worksheet(sheet_name(document.sheet or document.title, taken))
    tables = document.tables()
    width = max([len(t.columns) for t in tables] + [4])
    # column widths: the widest wish of the tables' columns at each position
    widths = [0] * width
    for table in tables:
        for i, column in enumerate(table.columns):
            widths[i] = max(widths[i], column.size)
    for i, w in enumerate(widths):
        sheet.set_column(i, i, w or 12)
    if document.landscape:
        sheet.set_landscape()
    sheet.set_paper(9)                          # A4
    sheet.fit_to_pages(1, 0)                    # the width of one page, as many pages as it takes
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    row = 0
    last = width - 1
    # the head of a form: the organisation on the left, the form's code and its act on the right
    if document.form or document.form_note:
        split = max(1, width // 2)
        form_text = '\n'.join(t for t in (document.form, document.form_note) if t)
        _merge(sheet, row, split, row, last, form_text, styles.get('form'))
        sheet.set_row(row, 12 * max(1, form_text.count('\n') + 1 + len(form_text) // 70))
        if document.organisation:
            _merge(sheet, row, 0, row, split - 1, document.organisation, styles.get('org', 'text'))
        row += 1
    elif document.organisation:
        _merge(sheet, row, 0, row, last, document.organisation, styles.get('org'))
        row += 1
    row += 1
    _merge(sheet, row, 0, row, last, document.title, styles.get('title'))
    sheet.set_row(row, 18 * max(1, len(document.title) // (sum(widths) or 60) + 1))
    row += 1
    if document.subtitle:
        _merge(sheet, row, 0, row, last, document.subtitle, styles.get('subtitle'))
        row += 1
    row += 1
    row = _info(sheet, row, document.header, document, styles, last)
    breaks = []
    for section in document.sections:
        if section.page_break and row > 4:
            breaks.append(row)
        if section.title:
            _merge(sheet, row, 0, row, last, section.title, styles.get('caption'))
            row += 1
        row = _info(sheet, row, section.info, document, styles, last)
        for table in section.tables:
            row = _table(sheet, row, table, document, styles)
            row += 1
        for note in section.notes:
            _merge(sheet, row, 0, row, last, note, styles.get('note'))
            row += 1
        if section.notes:
            row += 1
    if breaks:
        sheet.set_h_pagebreaks(breaks)
    if document.amount is not None:
        text = document.amount_words
        if document.amount_label:
            text = '%s: %s' % (document.amount_label, text)
        _merge(sheet, row, 0, row, last, text, styles.get('text', 'bold'))
        sheet.set_row(row, 15 * (len(text) // 100 + 1))
        row += 2
    for note in document.notes:
        _merge(sheet, row, 0, row, last, note, styles.get('note'))
        row += 1
    if document.notes:
        row += 1
    for role, name in document.signatures:
        # «Role  ________  Name» and under the line what is signed there
        sheet.write_string(row, 0, role, styles.get('sign', 'text'))
        if width > 2:
            sheet.write_blank(row, 1, None, styles.get('sign_line'))
            if name:
                _merge(sheet, row, 2, row, last, name, styles.get('sign'))
        else:
            sheet.write_string(row, 1, '____________ %s' % (name or ''), styles.get('sign'))
        row += 2
    return sheet


def _merge(sheet, r1, c1, r2, c2, text, fmt):
    if c2 > c1 or r2 > r1:
        sheet.merge_range(r1, c1, r2, c2, text, fmt)
    else:
        sheet.write_string(r1, c1, text, fmt)


def _info(sheet, row, lines, document, styles, last):
    for label, value in lines:
        sheet.write_string(row, 0, label or '', styles.get('label'))
        text = document.text(value)
        if last > 1:
            _merge(sheet, row, 1, row, last, text, styles.get('text'))
        else:
            sheet.write_string(row, 1, text, styles.get('text'))
        row += 1
    return row + 1 if lines else row


def _table(sheet, row, table, document, styles):
    last = len(table.columns) - 1
    if table.caption:
        _merge(sheet, row, 0, row, last, table.caption, styles.get('caption'))
        row += 1
    head = row
    heading = table.head_rows()
    lines = [1] * len(heading)          # the lines of text the tallest cell of each heading row wraps into
    for r, c, cell in table.head_grid():
        _merge(sheet, row + r, c, row + r + cell.rowspan - 1, c + cell.colspan - 1, cell.label, styles.get('head'))
        if cell.rowspan == 1:
            chars = sum(column.size for column in table.columns[c:c + cell.colspan])
            lines[r] = max(lines[r], len(cell.label) // max(4, chars) + 1)
    for r, count in enumerate(lines):
        sheet.set_row(row + r, 13 * min(count, 6))
    row += len(heading)
    if table.repeat_header and not getattr(sheet, '_kz_repeat', False):
        sheet.repeat_rows(head, row - 1)    # one range a sheet: the first long table's heading
        sheet._kz_repeat = True
    if table.freeze:
        sheet.freeze_panes(row, table.freeze)
    for line in table.rows:
        if line.style == 'group':
            _merge(sheet, row, 0, row, last, document.text(line.values[0] if line.values else ''),
                   styles.get('cell', 'bold', 'left'))
        else:
            extra = ('total',) if line.style == 'subtotal' else ()
            for col, (column, value) in enumerate(zip(table.columns, line.values)):
                write_cell(sheet, row, col, column, value, document, styles, extra)
        row += 1
    if table.total is not None:
        for col, (column, value) in enumerate(zip(table.columns, table.total)):
            write_cell(sheet, row, col, column, value, document, styles, ('total',))
        row += 1
    return row


def write_cell(sheet, row, col, column, value, document, styles, extra=()):
    """One cell by its column's kind: money and numbers as numbers (the Decimal turned into the file's double at the
    last moment, never summed as floats), dates as dates, the rest as text."""
    check_value(column, value, row)
    look = ()
    if is_cell(value):
        look = (value.style,) if value.style else ()
        value = value.value
    names = ('cell', column.align) + tuple(extra) + look
    if value is None or value is False or value == '':
        sheet.write_blank(row, col, None, styles.get(*names))
    elif look == ('crossed',):
        sheet.write_string(row, col, '%s' % value, styles.get(*names))
    elif column.kind in ('money', 'number'):
        sheet.write_number(row, col, float(Decimal(value)), styles.get(*names, num_format=number_format(column)))
    elif column.kind == 'int':
        sheet.write_number(row, col, value, styles.get(*(names + ('int',))))
    elif column.kind == 'date':
        day = _as_date(value)
        if day:
            sheet.write_datetime(row, col, datetime.datetime.combine(day, datetime.time()),
                                 styles.get(*(names + ('date',))))
        else:
            sheet.write_string(row, col, '%s' % value, styles.get(*names))
    else:
        sheet.write_string(row, col, cell_text(value, column, document.lang), styles.get(*(names + ('wrap',))))


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(str(value)[:10], '%Y-%m-%d').date()
    except ValueError:
        return None


def to_bytes(*documents):
    """An XLSX file of ``documents`` (one sheet each): for a download outside a report action, and for tests."""
    import xlsxwriter
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {'in_memory': True})
    styles = Styles(workbook)
    for document in documents:
        write(workbook, document, styles)
    workbook.close()
    return out.getvalue()
