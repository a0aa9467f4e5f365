"""The one document description and its XLSX writer (issue #15): typed columns, refused bad tables, the file read
back cell by cell."""
import datetime
import io
from decimal import Decimal

import pytest
import xlrd

from kz_document import Cell, Column, Document, Head, Row, Table, cell_text, sheet_name
import kz_xlsx

D = Decimal


def cash_order(lang='ru_RU'):
    doc = Document('Приходный кассовый ордер № 15', lang=lang, subtitle='от 07.12.2026',
                   organisation='КГУ «Школа-гимназия № 1»', form='Форма КО-1',
                   form_note='Приложение 1 к приказу № 187', header=[('Принято от', 'Ахметова А.')],
                   amount=D('1234.50'), amount_label='Сумма прописью',
                   signatures=[('Главный бухгалтер', 'Сарсенова Г.'), ('Кассир', '')], sheet='КО-1')
    doc.section('Основание', tables=[Table(
        [Column('№', 'int'), Column('Счёт'), Column('Дата', 'date'), Column('Кол-во', 'number'),
         Column('Сумма', 'money')],
        rows=[[1, '1010', datetime.date(2026, 12, 7), D('2.5'), D('1000.00')],
              Row(['Прочие'], 'group'),
              [2, '1020', '2026-12-08', 3, D('234.50')]],
        total=['', 'Итого', None, None, D('1234.50')])])
    return doc


def test_cells_are_written_by_their_columns_kind_as_the_kk_ru_forms_print_them():
    nb = '\u00a0'
    assert cell_text(D('1234567.8'), Column('x', 'money'), 'kk_KZ') == '1' + nb + '234' + nb + '567,80'
    assert cell_text(D('1234567.8'), Column('x', 'money'), 'en_US') == '1,234,567.80'
    assert cell_text(D('12.50'), Column('x', 'number'), 'ru_RU') == '12,5'
    assert cell_text(D('12.00'), Column('x', 'number'), 'ru_RU') == '12'
    assert cell_text(7, Column('x', 'number', digits=0), 'en_US') == '7'
    assert cell_text(datetime.date(2026, 12, 7), Column('x', 'date')) == '07.12.2026'
    assert cell_text(None, Column('x', 'money')) == ''
    assert cell_text('', Column('x', 'money')) == ''                # an empty cell of a money column
    assert cell_text('Итого', Column('x', 'date')) == 'Итого'       # a label in a date column, as the XLSX writes it
    assert cell_text(Cell('Я', 'shaded'), Column('x', 'code')) == 'Я'
    assert cell_text('2026-12-07', Column('x', 'date')) == '07.12.2026'


def test_a_table_a_renderer_would_print_wrong_is_refused():
    with pytest.raises(ValueError, match='row 1 has 1 values for 2 columns'):
        Table(['a', 'b'], rows=[['x']]).check()
    with pytest.raises(ValueError, match="column 'Sum' \\(money\\), row 1: 0.1 is not a money value"):
        Table([Column('Sum', 'money')], rows=[[0.1]]).check()       # a float is not money
    with pytest.raises(ValueError, match='not a int value'):
        Table([Column('N', 'int')], rows=[['3']]).check()
    with pytest.raises(ValueError, match='row total has 1 values'):
        Table(['a', 'b'], rows=[['x', 'y']], total=['t']).check()
    with pytest.raises(ValueError, match='unknown column kind'):
        Column('x', 'float')
    Table(['a', 'b'], rows=[Row(['a heading'], 'group')]).check()   # a group row spans the table


def test_sheet_names_are_valid_and_unique():
    assert sheet_name('Ведомость: 2026/12 [итог]') == 'Ведомость_ 2026_12 _итог_'
    assert len(sheet_name('x' * 40)) == 31
    assert sheet_name('КО-1', ['ко-1']) == 'КО-1 (2)'
    assert sheet_name('') == 'document'


def read_back(data):
    book = xlrd.open_workbook(file_contents=data)
    return book, {name: book.sheet_by_name(name) for name in book.sheet_names()}


def row_values(book, ws, r):
    out = []
    for c in range(ws.ncols):
        cell = ws.cell(r, c)
        if cell.ctype == xlrd.XL_CELL_DATE:
            out.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            out.append(None)
        else:
            out.append(cell.value)
    return out


def test_the_xlsx_is_the_form_read_back_cell_by_cell():
    book, sheets = read_back(kz_xlsx.to_bytes(cash_order(), cash_order('kk_KZ')))
    assert list(sheets) == ['КО-1', 'КО-1 (2)']
    ws = sheets['КО-1']
    rows = [row_values(book, ws, r) for r in range(ws.nrows)]
    text = [v for row in rows for v in row if isinstance(v, str) and v]
    # the head of the form: organisation left, form and act right, the title and its date
    assert rows[0][0] == 'КГУ «Школа-гимназия № 1»'
    assert rows[0][2] == 'Форма КО-1\nПриложение 1 к приказу № 187'
    assert 'Приходный кассовый ордер № 15' in text and 'от 07.12.2026' in text
    assert ('Принято от' in text) and ('Ахметова А.' in text)
    # the table: headings, numbers as numbers, dates as dates, a group row, the total
    head = [i for i, row in enumerate(rows) if row[0] == '№'][0]
    assert rows[head] == ['№', 'Счёт', 'Дата', 'Кол-во', 'Сумма']
    assert rows[head + 1] == [1, '1010', datetime.datetime(2026, 12, 7), 2.5, 1000.0]
    assert ws.cell(head + 1, 4).ctype == xlrd.XL_CELL_NUMBER
    assert rows[head + 2][0] == 'Прочие'
    assert rows[head + 3] == [2, '1020', datetime.datetime(2026, 12, 8), 3, 234.5]
    assert rows[head + 4] == [None, 'Итого', None, None, 1234.5]
    # the amount in words in the document's language, and the signatures
    assert 'Сумма прописью: Одна тысяча двести тридцать четыре тенге 50 тиын' in text
    assert 'Главный бухгалтер' in text and 'Сарсенова Г.' in text and 'Кассир' in text
    kk = sheets['КО-1 (2)']
    kk_text = [v for r in range(kk.nrows) for v in kk.row_values(r) if isinstance(v, str)]
    assert any(v.startswith('Сумма прописью: Бір мың екі жүз отыз төрт теңге 50 тиын') for v in kk_text)


def test_money_cells_carry_the_two_decimals_format_and_totals_are_bold():
    import zipfile
    archive = zipfile.ZipFile(io.BytesIO(kz_xlsx.to_bytes(cash_order())))
    styles = archive.read('xl/styles.xml').decode()
    assert 'formatCode="#,##0.00"' in styles and 'formatCode="dd.mm.yyyy"' in styles
    assert '<b/>' in styles


def test_a_section_on_a_new_page_breaks_the_sheet():
    doc = Document('Расчётные листки')
    for name in ('Айгуль', 'Бота'):
        doc.section(name, info=[('Начислено', D('100.00'))], page_break=True)
    data = kz_xlsx.to_bytes(doc)
    import zipfile
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read('xl/worksheets/sheet1.xml').decode()
    assert sheet_xml.count('<brk ') == 1     # the first section starts the sheet, the second a new page
    book, sheets = read_back(data)
    ws = sheets['Расчётные листки']
    values = [v for r in range(ws.nrows) for v in ws.row_values(r) if v]
    assert values.count('100,00') == 2 and 'Бота' in values


def test_a_cell_of_the_module_imported_under_its_other_name_is_read_as_a_cell():
    # under pytest-odoo a report builds odoo.addons.kz_edu_base.kz_document.Cell, kz_xlsx imported kz_document
    class Cell(object):
        __slots__ = ('value', 'style')

        def __init__(self, value, style=''):
            self.value, self.style = value, style

    day_off = Cell('В', 'shaded')
    assert cell_text(day_off, Column('1', 'code')) == 'В'
    doc = Document('Табель', sheet='T')
    doc.section(tables=[Table([Column('Сотрудник'), Column('1', 'code'), Column('Часы', 'number')],
                              rows=[['Ахметова А.', day_off, Cell(D('8.00'), 'warning')]]).check()])
    sheet = xlrd.open_workbook(file_contents=kz_xlsx.to_bytes(doc)).sheet_by_index(0)
    row = next(sheet.row_values(i) for i in range(sheet.nrows) if sheet.cell_value(i, 0) == 'Ахметова А.')
    assert row[1:3] == ['В', 8.0]


def statement_table(head=None):
    columns = [Column('Статья'), Column('Код', 'code'), Column('на начало', 'money'), Column('на конец', 'money')]
    head = head or [[Head('Статья', rowspan=2), Head('Код строки', rowspan=2), Head('Сумма', colspan=2)],
                    [Head('на начало'), Head('на конец')]]
    return Table(columns, rows=[['Денежные средства', '010', D('100.00'), D('250.50')]], head=head)


def test_a_heading_of_two_rows_is_laid_out_as_html_lays_it_out():
    grid = [(r, c, h.label) for r, c, h in statement_table().head_grid()]
    assert grid == [(0, 0, 'Статья'), (0, 1, 'Код строки'), (0, 2, 'Сумма'), (1, 2, 'на начало'),
                    (1, 3, 'на конец')]
    with pytest.raises(ValueError, match=r'heading row 2 covers columns \[0, 1, 2\] of 4'):
        statement_table([[Head('Статья', rowspan=2), Head('Код', rowspan=2), Head('Сумма', colspan=2)],
                         [Head('на начало')]]).check()
    with pytest.raises(ValueError, match='at least one column'):
        Head('x', colspan=0)


def test_the_xlsx_merges_the_heading_cells():
    doc = Document('ФО-1', sheet='FO1')
    doc.section(tables=[statement_table()])
    data = kz_xlsx.to_bytes(doc)
    book, sheets = read_back(data)
    ws = sheets['FO1']
    rows = [row_values(book, ws, r) for r in range(ws.nrows)]
    top = next(i for i, r in enumerate(rows) if r[0] == 'Статья')
    assert rows[top] == ['Статья', 'Код строки', 'Сумма', None]
    assert rows[top + 1] == [None, None, 'на начало', 'на конец']
    assert rows[top + 2] == ['Денежные средства', '010', 100.0, 250.5]
    import zipfile
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read('xl/worksheets/sheet1.xml').decode()
    for ref in ('A%d:A%d' % (top + 1, top + 2), 'B%d:B%d' % (top + 1, top + 2), 'C%d:D%d' % (top + 1, top + 1)):
        assert '<mergeCell ref="%s"/>' % ref in sheet_xml


def journal_table(split=(2, 4)):
    """A Журнал-Главная: the journal and its amount fixed, a debit/credit pair per account."""
    accounts = ('1010', '1091', '3241')
    columns = [Column('Журнал'), Column('Сумма', 'money')] + [Column(n, 'money') for _a in accounts
                                                                for n in ('Дт', 'Кт')]
    head = [[Head('Журнал', rowspan=2), Head('Сумма', rowspan=2)] + [Head(a, colspan=2) for a in accounts],
            [Head(n) for _a in accounts for n in ('Дт', 'Кт')]]
    return Table(columns, head=head, split=split,
                 rows=[Row(['Январь'], 'group'),
                       ['Мемориальный', D('300.00'), D('300.00'), None, None, D('300.00'), None, None]],
                 total=['Итого', D('300.00'), D('300.00'), D('0.00'), D('0.00'), D('300.00'), D('0.00'), D('0.00')])


def test_a_table_too_wide_for_a_page_is_printed_in_parts_with_its_fixed_columns():
    first, second = journal_table().check().parts()
    assert [c.label for c in first.columns] == ['Журнал', 'Сумма', 'Дт', 'Кт', 'Дт', 'Кт']
    assert [[h.label for h in line] for line in first.head] == [['Журнал', 'Сумма', '1010', '1091'],
                                                               ['Дт', 'Кт', 'Дт', 'Кт']]
    assert [[h.label for h in line] for line in second.head] == [['Журнал', 'Сумма', '3241'], ['Дт', 'Кт']]
    assert second.rows[0].values == ['Январь'] and second.rows[0].style == 'group'
    assert second.rows[1].values == ['Мемориальный', D('300.00'), None, None]
    assert second.total == ['Итого', D('300.00'), D('0.00'), D('0.00')]
    for part in (first, second):
        part.check()
    assert journal_table(split=None).parts()[0].split is None
    assert len(journal_table(split=(2, 6)).parts()) == 1        # fits on a page: the table itself
    with pytest.raises(ValueError, match="the heading cell '1091' is cut between two parts"):
        journal_table(split=(2, 3)).parts()
    with pytest.raises(ValueError, match='per_page >= 1'):
        journal_table(split=(2, 0))
    # the XLSX keeps the whole table on its sheet
    doc = Document('Журнал-Главная', sheet='J')
    doc.section(tables=[journal_table()])
    book, sheets = read_back(kz_xlsx.to_bytes(doc))
    ws = sheets['J']
    rows = [row_values(book, ws, r) for r in range(ws.nrows)]
    assert ['Мемориальный', 300.0, 300.0, None, None, 300.0, None, None] in rows


def test_crossed_cells_passed_checks_and_thousands_with_one_decimal():
    nb = '\u00a0'
    thousands = Column('Сумма', 'money', digits=1)
    assert cell_text(D('1180.0'), thousands, 'ru_RU') == '1' + nb + '180,0'
    crossed = Cell.crossed()
    assert cell_text(crossed, thousands) == 'х'
    with pytest.raises(ValueError, match='not a money value'):
        Table([thousands], rows=[['х']]).check()       # text in a money column is refused, a crossed cell is not
    with pytest.raises(ValueError, match='unknown cell style'):
        Cell('x', 'green')
    doc = Document('ФО-4', sheet='FO4')
    doc.section(tables=[Table([Column('Показатель'), thousands, Column('Результат')],
                              rows=[['Чистые активы', crossed, Cell('OK', 'ok')],
                                    ['Резервы', D('12.3'), Cell('Разница: 1,0', 'warning')]]).check()])
    data = kz_xlsx.to_bytes(doc)
    book, sheets = read_back(data)
    ws = sheets['FO4']
    rows = [row_values(book, ws, r)[:3] for r in range(ws.nrows)]
    assert ['Чистые активы', 'х', 'OK'] in rows and ['Резервы', 12.3, 'Разница: 1,0'] in rows
    import zipfile
    styles = zipfile.ZipFile(io.BytesIO(data)).read('xl/styles.xml').decode()
    assert 'formatCode="#,##0.0"' in styles and 'rgb="FF006100"' in styles and 'rgb="FFC00000"' in styles
