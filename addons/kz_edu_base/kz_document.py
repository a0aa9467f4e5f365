# -*- coding: utf-8 -*-
"""One description of a printed document (issue #15), rendered by one QWeb layout (PDF,
``report/kz_edu_document_templates.xml``) and one XLSX writer (``kz_xlsx.py``) in the style of the official forms.

A capability builds a :class:`Document` from its data — title, the organisation, the form's code and the act that
approves it, header lines, sections of label/value lines and typed tables with their totals, the amount in words,
notes and signatures — and hands it to the renderers; it writes no XLSX cell and no HTML of its own. Each table
column has a kind (``text``, ``code``, ``int``, ``number``, ``money``, ``date``): the kind, not the Python type of a
value, decides how a cell is written (an amount is a Decimal, printed «1 234,50» in kk/ru, a number cell in XLSX).

Pure Python (standard library and the base's own pure modules), unit-tested in ``tests/pure/test_kz_document.py``.
"""
import datetime
from decimal import Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from amount_words import amount_in_words
    from kz_dates import format_date
    from kz_money import format_amount
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.amount_words import amount_in_words
    from odoo.addons.kz_edu_base.kz_dates import format_date
    from odoo.addons.kz_edu_base.kz_money import format_amount

#: column kind → how its cells are aligned on the page
KINDS = {'text': 'left', 'code': 'center', 'int': 'right', 'number': 'right', 'money': 'right', 'date': 'center'}
#: column kind → its width in characters when the column names none (XLSX widths, PDF proportions)
DEFAULT_WIDTHS = {'text': 28, 'code': 8, 'int': 8, 'number': 11, 'money': 15, 'date': 11}
#: the looks a row (or one cell) may have: a group heading, a subtotal, a shaded cell (a day off), a small one, a
#: warning (red), a passed check (green) and a crossed cell — one the form does not fill, printed «х» whatever the
#: column's kind (ФО-4)
ROW_STYLES = ('', 'group', 'subtotal')
CELL_STYLES = ('', 'bold', 'shaded', 'small', 'warning', 'ok', 'crossed')
#: the mark of a crossed cell of the official forms
CROSSED = 'х'


class Column(object):
    """A table column: its heading, its kind (see KINDS), its width in characters (None: by kind) and, for the
    ``number`` and ``money`` kinds, the decimals printed (money 2, number up to 2 by default)."""
    __slots__ = ('label', 'kind', 'width', 'digits')

    def __init__(self, label, kind='text', width=None, digits=None):
        if kind not in KINDS:
            raise ValueError('unknown column kind %r (one of %s)' % (kind, ', '.join(sorted(KINDS))))
        self.label, self.kind, self.width = label, kind, width
        self.digits = digits if digits is not None else 2

    @property
    def size(self):
        """The width in characters: its own, else its kind's."""
        return self.width or DEFAULT_WIDTHS[self.kind]

    @property
    def align(self):
        return KINDS[self.kind]

    def __repr__(self):
        return 'Column(%r, %r)' % (self.label, self.kind)


class Cell(object):
    """A value with a look of its own (a day off shaded in a time sheet, a warning in red, a passed check in green).
    ``Cell.crossed()``: a cell the form does not fill, printed «х» in any column."""
    __slots__ = ('value', 'style')

    def __init__(self, value, style=''):
        if style not in CELL_STYLES:
            raise ValueError('unknown cell style %r' % (style,))
        self.value, self.style = value, style

    @classmethod
    def crossed(cls):
        return cls(CROSSED, 'crossed')


def is_crossed(value):
    return is_cell(value) and value.style == 'crossed'


def is_cell(value):
    """A :class:`Cell`, also one of this module imported under its other name: under pytest-odoo every addon folder
    is on sys.path, so a report's ``odoo.addons.kz_edu_base.kz_document.Cell`` reaches ``kz_xlsx``, which then
    imported the plain ``kz_document``."""
    return isinstance(value, Cell) or (type(value).__name__ == 'Cell' and hasattr(value, 'style')
                                       and hasattr(value, 'value'))


class Row(object):
    """A table row with a look: ``group`` (a heading row: its first value spans the row) or ``subtotal``."""
    __slots__ = ('values', 'style')

    def __init__(self, values, style=''):
        if style not in ROW_STYLES:
            raise ValueError('unknown row style %r' % (style,))
        self.values, self.style = list(values), style


class Head(object):
    """A cell of a heading of several rows: its label and how many columns and rows it spans (a statement's
    «Сумма» over «на начало» and «на конец»)."""
    __slots__ = ('label', 'colspan', 'rowspan')

    def __init__(self, label, colspan=1, rowspan=1):
        if colspan < 1 or rowspan < 1:
            raise ValueError('a heading cell spans at least one column and one row')
        self.label, self.colspan, self.rowspan = label, colspan, rowspan


class Table(object):
    """Columns, rows (lists of values, or :class:`Row`), an optional total row and caption. ``repeat_header``: the
    heading is printed again on every page of a long table (XLSX: the print titles). ``head``: a heading of several
    rows (lists of :class:`Head`, laid out as HTML does: a cell covered by a span above is skipped); without it the
    columns' labels are the one heading row. ``split``: ``(fixed, per_page)`` — a table too wide for a page (the
    accounts of the Журнал-Главная) is printed in parts, a page each, its first ``fixed`` columns repeated in every
    part and ``per_page`` of the others in each (:meth:`parts`; the PDF prints the parts, the XLSX the whole table
    with the fixed columns frozen)."""

    def __init__(self, columns, rows=(), total=None, caption='', repeat_header=True, freeze=0, head=None,
                 split=None):
        self.columns = [c if isinstance(c, Column) else Column(c) for c in columns]
        self.rows = [r if isinstance(r, Row) else Row(r) for r in rows]
        self.total = list(total) if total is not None else None
        self.caption, self.repeat_header, self.freeze = caption, repeat_header, freeze
        self.head = [[h if isinstance(h, Head) else Head(h) for h in line] for line in head] if head else None
        if split is not None and (split[0] < 0 or split[1] < 1):
            raise ValueError('split (fixed, per_page): fixed >= 0 and per_page >= 1, not %r' % (split,))
        self.split = tuple(split) if split is not None else None

    def parts(self):
        """The table as printed on pages: itself, or (``split``) the parts of a wide table, each with the fixed
        columns and ``per_page`` of the others, the heading cells of its columns and the rows cut the same way.
        Refused when a heading cell would be cut between two parts."""
        if not self.split or len(self.columns) <= sum(self.split):
            return [self]
        fixed, per_page = self.split
        grid = self.head_grid()
        parts = []
        for start in range(fixed, len(self.columns), per_page):
            keep = list(range(fixed)) + list(range(start, min(start + per_page, len(self.columns))))
            kept = set(keep)
            head = [[] for _line in self.head_rows()]
            for r, c, cell in grid:
                spanned = set(range(c, c + cell.colspan))
                if spanned <= kept:
                    head[r].append(cell)
                elif spanned & kept:
                    raise ValueError('%s: the heading cell %r is cut between two parts'
                                     % (self.caption or 'table', cell.label))

            def cut(values, style=''):
                return list(values) if style == 'group' else [values[i] for i in keep]

            parts.append(Table([self.columns[i] for i in keep],
                               rows=[Row(cut(row.values, row.style), row.style) for row in self.rows],
                               total=cut(self.total) if self.total is not None else None,
                               caption=self.caption, repeat_header=self.repeat_header, head=head))
        return parts

    def head_rows(self):
        """The heading as rows of :class:`Head`: the given one, or the columns' labels."""
        return self.head or [[Head(column.label) for column in self.columns]]

    def head_grid(self):
        """Where each heading cell lies: a list of (row, column, Head), spans resolved as HTML does; refused when the
        heading does not cover exactly the table's columns."""
        width, taken, placed = len(self.columns), set(), []
        rows = self.head_rows()
        for r, line in enumerate(rows):
            c = 0
            for cell in line:
                while (r, c) in taken:
                    c += 1
                placed.append((r, c, cell))
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        for r in range(len(rows)):
            covered = {c for (rr, c) in taken if rr == r}
            if covered != set(range(width)):
                raise ValueError('%s: heading row %d covers columns %s of %d'
                                 % (self.caption or 'table', r + 1, sorted(covered), width))
        return placed

    def add(self, values, style=''):
        self.rows.append(Row(values, style))
        return self

    def check(self):
        """Refuse a table a renderer would print wrong: a row of another width, a float or text in a money or
        number column (an amount is a Decimal: floats are not money), an unknown cell, a heading that does not cover
        the columns. A programming error."""
        self.head_grid()
        width = len(self.columns)
        lines = [(i + 1, row.values, row.style) for i, row in enumerate(self.rows)]
        if self.total is not None:
            lines.append(('total', self.total, 'subtotal'))
        for number, values, style in lines:
            if style == 'group':
                if len(values) > width:
                    raise ValueError('%s: group row %s has %d values for %d columns'
                                     % (self.caption or 'table', number, len(values), width))
                continue
            if len(values) != width:
                raise ValueError('%s: row %s has %d values for %d columns (%s)'
                                 % (self.caption or 'table', number, len(values), width,
                                    ', '.join(c.label for c in self.columns)))
            for column, value in zip(self.columns, values):
                check_value(column, value, number)
        return self


def check_value(column, value, row=None):
    if is_crossed(value):
        return
    value = value.value if is_cell(value) else value
    if value is None or value is False or value == '':
        return
    kind = column.kind
    ok = True
    if kind in ('money', 'number'):
        ok = isinstance(value, (Decimal, int)) and not isinstance(value, bool)
    elif kind == 'int':
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == 'date':
        ok = isinstance(value, (datetime.date, str))
    if not ok:
        raise ValueError('column %r (%s), row %s: %r is not a %s value' % (column.label, kind, row, value, kind))


class Section(object):
    """A part of a document: a title, label/value lines (``info``), tables and notes; ``page_break``: it starts on a
    new page (a payslip per page)."""

    def __init__(self, title='', info=(), tables=(), notes=(), page_break=False):
        self.title, self.info, self.tables = title, list(info), list(tables)
        self.notes, self.page_break = list(notes), page_break


class Document(object):
    """A printed document in the official-form style.

    ``title`` and ``subtitle`` (the period, the number and date); ``organisation`` (its name, printed at the top
    left as the forms have it) and ``form`` / ``form_note`` (top right: «Нысан КО-1», «ҚР Қаржы министрінің
    2025 жылғы … № 187 бұйрығына N-қосымша»); ``header``: label/value lines under the title; ``sections``;
    ``amount``: a total printed in words in ``lang`` under the tables; ``notes``; ``signatures``: (role, name)
    pairs — a line for the hand is printed between them; ``landscape``; ``sheet``: the XLSX sheet's name."""

    def __init__(self, title, lang='ru_RU', subtitle='', organisation='', form='', form_note='', header=(),
                 sections=(), amount=None, amount_label='', currency='KZT', notes=(), signatures=(),
                 landscape=False, sheet=''):
        self.title, self.lang, self.subtitle = title, lang, subtitle
        self.organisation, self.form, self.form_note = organisation, form, form_note
        self.header, self.sections = list(header), list(sections)
        self.amount, self.amount_label, self.currency = amount, amount_label, currency
        self.notes, self.signatures = list(notes), [s if isinstance(s, tuple) else (s, '') for s in signatures]
        self.landscape, self.sheet = landscape, sheet

    def section(self, title='', **kwargs):
        section = Section(title, **kwargs)
        self.sections.append(section)
        return section

    @property
    def amount_words(self):
        return '' if self.amount is None else amount_in_words(self.amount, self.lang, self.currency)

    def tables(self):
        return [table for section in self.sections for table in section.tables]

    def check(self):
        for table in self.tables():
            table.check()
        return self

    def text(self, value, column=None):
        """The text of a value on the page, as the kk/ru forms write it (:func:`cell_text`)."""
        return cell_text(value, column, self.lang)


def cell_text(value, column=None, lang='ru_RU'):
    """A cell as printed: money «1 234 567,80» (kk/ru), numbers with up to ``digits`` decimals and no trailing zeros,
    dates «07.12.2026», '' for an empty value; a crossed cell «х»."""
    if is_crossed(value):
        return CROSSED
    value = value.value if is_cell(value) else value
    if value is None or value is False or value == '':
        return ''
    kind = column.kind if column is not None else _kind_of(value)
    if kind == 'money':
        return format_amount(value, lang, decimals=column.digits if column is not None else 2)
    if kind == 'number':
        digits = column.digits if column is not None else 2
        text = format_amount(value, lang, decimals=digits)
        if digits:      # «12,50» → «12,5», «12,00» → «12»
            point = text[-digits - 1]
            text = text.rstrip('0').rstrip(point)
        return text
    if kind == 'date':
        try:
            return format_date(value)
        except (TypeError, ValueError):     # a label in a date column («Total»): printed as it is, as XLSX does
            return '%s' % (value,)
    return '%s' % (value,)


def _kind_of(value):
    if isinstance(value, Decimal):
        return 'money'
    if isinstance(value, datetime.date):
        return 'date'
    return 'text'


def sheet_name(name, taken=()):
    """A valid, unused XLSX sheet name: at most 31 characters, none of []:*?/\\ , numbered when already taken."""
    clean = ''.join('_' if ch in '[]:*?/\\' else ch for ch in (name or 'document')).strip("' ") or 'document'
    candidate, n = clean[:31], 1
    while candidate.lower() in {t.lower() for t in taken}:
        n += 1
        suffix = ' (%d)' % n
        candidate = clean[:31 - len(suffix)] + suffix
    return candidate
