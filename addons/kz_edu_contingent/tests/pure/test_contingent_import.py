"""Reading and validating the student import workbook (ACC-14), without Odoo: workbooks are built in memory."""
import datetime
import io

import pytest
import xlrd
import xlsxwriter

import contingent_import as ci
import iin

TODAY = datetime.date(2026, 11, 20)
YEAR = (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31), '2026-2027')
CATEGORIES = ('ASP', 'LARGE_FAMILY', 'ORPHAN')
ALLERGENS = ('MILK', 'EGGS', 'NUTS')
REASONS = ('IN_FIRST', 'IN_DISTRICT', 'IN_ABROAD')
OPTIONS = dict(category_codes=CATEGORIES, allergen_codes=ALLERGENS, reason_codes=REASONS, today=TODAY,
               default_date=datetime.date(2026, 9, 1), default_lang='kk', year_bounds=YEAR)

_serial = [100]


def new_iin(birth=datetime.date(2016, 3, 4), sex='F'):
    while True:
        _serial[0] += 1
        value = iin.make_iin(birth, sex, _serial[0])
        if value:
            return value


def workbook(headers, rows, title_rows=()):
    """An .xlsx as bytes: optional title rows, a header row, then the data rows (date objects as date cells)."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {'in_memory': True})
    ws = wb.add_worksheet()
    date_fmt = wb.add_format({'num_format': 'dd.mm.yyyy'})
    r = 0
    for title in title_rows:
        ws.write(r, 0, title)
        r += 1
    for c, h in enumerate(headers):
        ws.write_string(r, c, h)
    for row in rows:
        r += 1
        for c, value in enumerate(row):
            if isinstance(value, datetime.date):
                ws.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), date_fmt)
            elif value is not None:
                ws.write(r, c, value)
    wb.close()
    return out.getvalue()


KK = ['ЖСН', 'Тегі', 'Аты', 'Әкесінің аты', 'Сынып', 'Әріп', 'Оқу тілі', 'Ауысым', 'Қабылданған күні',
      'Ата-анасының ЖСН', 'Ата-анасы', 'Туыстығы', 'Телефон', 'Әлеуметтік санат', 'Аллергия']
RU = ['ИИН', 'Фамилия', 'Имя', 'Отчество', 'Класс', 'Литера', 'Язык обучения', 'Смена', 'Дата зачисления',
      'ИИН родителя', 'Родитель', 'Родство', 'Телефон', 'Социальная категория', 'Аллергия']
EN = ['IIN', 'Surname', 'Name', 'Patronymic', 'Grade', 'Letter', 'Language', 'Shift', 'Admission date',
      'Parent IIN', 'Parent name', 'Relation', 'Phone', 'Social category', 'Allergens']


def good_row(**kw):
    row = dict(iin=new_iin(), last_name='Ахметова', first_name='Айгерім', patronymic='Нұрлан қызы', grade=3,
               letter='А', lang='қазақ', shift=1, date=datetime.date(2026, 9, 1), parent_iin=new_iin(
                   datetime.date(1988, 1, 2)), parent_name='Ахметова Сәуле', relation='анасы',
               phone='+7 701 123 45 67', social='', allergens='')
    row.update(kw)
    return [row[k] for k in ('iin', 'last_name', 'first_name', 'patronymic', 'grade', 'letter', 'lang', 'shift',
                             'date', 'parent_iin', 'parent_name', 'relation', 'phone', 'social', 'allergens')]


def check(rows, headers=KK, **options):
    sheet = ci.read_workbook(workbook(headers, rows))
    return sheet, ci.validate_sheet(sheet, **dict(OPTIONS, **options))


def keys(errors):
    return [k for k, _p in errors]


@pytest.mark.parametrize('headers', [KK, RU, EN], ids=['kk', 'ru', 'en'])
def test_headers_in_kazakh_russian_or_english_ACC14(headers):
    row = good_row(social='asp', allergens='milk, Eggs')
    sheet, res = check([row], headers)
    assert sheet.columns[:15] == ['iin', 'last_name', 'first_name', 'patronymic', 'grade', 'letter', 'lang', 'shift',
                                  'admission_date', 'parent_iin', 'parent_name', 'relation', 'phone',
                                  'social_category', 'allergens']
    assert res['bad'] == {}
    (rowno, rec), = res['good']
    assert rowno == 2
    assert rec['iin'] == row[0] and rec['name'] == 'Ахметова Айгерім Нұрлан қызы'
    assert (rec['grade'], rec['letter'], rec['lang'], rec['shift']) == (3, 'А', 'kk', '1')
    assert rec['admission_date'] == datetime.date(2026, 9, 1)
    assert rec['birth_date'] == datetime.date(2016, 3, 4) and rec['sex'] == 'F'
    assert rec['parent'] == {'iin': row[9], 'birth_date': datetime.date(1988, 1, 2), 'sex': 'F',
                             'name': 'Ахметова Сәуле', 'relation': 'mother', 'phone': '+7 701 123 45 67'}
    assert rec['social_codes'] == ['ASP'] and rec['allergen_codes'] == ['MILK', 'EGGS']


def test_template_titles_are_read_back_and_title_rows_above_the_header_are_skipped():
    data = ci.write_template(CATEGORIES, ALLERGENS, REASONS)
    book = xlrd.open_workbook(file_contents=data)
    titles = book.sheet_by_index(0).row_values(0)
    assert titles[0] == 'ЖСН / ИИН' and titles[1] == 'Тегі / Фамилия'
    assert 'ASP' in ' '.join(book.sheet_by_index(1).col_values(1))
    assert [ci.column_of_title(t) for t in titles] == ci.COLUMN_KEYS
    sheet, res = check([good_row()], headers=titles)
    assert len(res['good']) == 1
    sheet = ci.read_workbook(workbook(RU, [good_row()], title_rows=['Список учащихся', '']))
    assert sheet.rows[0][0] == 4 and sheet.columns[0] == 'iin'


def test_whole_file_errors():
    with pytest.raises(ci.ImportFileError) as exc:
        ci.read_workbook(b'not a workbook')
    assert exc.value.key == ci.F_NOT_XLSX
    with pytest.raises(ci.ImportFileError) as exc:
        ci.read_workbook(workbook(['ИИН', 'Фамилия', 'Имя'], [['x', 'y', 'z']]))
    assert exc.value.key == ci.F_MISSING_COLUMNS and 'Сынып / Класс / Grade' in str(exc.value)
    with pytest.raises(ci.ImportFileError) as exc:
        ci.read_workbook(workbook(KK, []))
    assert exc.value.key == ci.F_NO_ROWS
    with pytest.raises(ci.ImportFileError) as exc:
        ci.read_workbook(workbook(['a', 'b'], [[1, 2]]))
    assert exc.value.key == ci.F_NO_HEADER


def test_each_row_is_judged_on_its_own_ACC14():
    good = good_row()
    bad_iin = good_row(iin='123456789012')
    future = good_row(date=datetime.date(2026, 12, 1))
    other_year = good_row(date='31.08.2026')
    bad_grade = good_row(grade=13)
    no_letter = good_row(letter=None)
    bad_lang = good_row(lang='klingon')
    bad_relation = good_row(relation='сосед')
    bad_parent = good_row(parent_iin='880102400001')
    bad_codes = good_row(social='ASP, VIP', allergens='milk;gold')
    sheet, res = check([good, bad_iin, future, other_year, bad_grade, no_letter, bad_lang, bad_relation, bad_parent,
                        bad_codes])
    assert [r for r, _rec in res['good']] == [2]
    bad = res['bad']
    assert sorted(bad) == list(range(3, 12))
    assert keys(bad[3]) == [ci.E_IIN_INVALID] and bad[3][0][1]['iin'] == '123456789012'
    assert bad[4] == [(ci.E_DATE_FUTURE, {'date': '01.12.2026'})]
    assert bad[5] == [(ci.E_DATE_YEAR, {'date': '31.08.2026', 'year': '2026-2027'})]
    assert bad[6] == [(ci.E_GRADE, {'value': '13'})]
    assert bad[7] == [(ci.E_LETTER, {})]
    assert bad[8] == [(ci.E_LANG, {'value': 'klingon'})]
    assert bad[9] == [(ci.E_RELATION, {'value': 'сосед'})]
    assert keys(bad[10]) == [ci.E_PARENT_IIN]
    assert bad[11] == [(ci.E_CATEGORY, {'value': 'VIP'}), (ci.E_ALLERGEN, {'value': 'GOLD'})]
    # the English texts are complete sentences with the parameters filled in
    assert ci.format_error(*bad[6][0]) == 'Unknown grade "13": a grade is a number from 0 to 12.'


def test_duplicate_iin_refuses_every_row_carrying_it_and_names_the_rows():
    dup = new_iin()
    sheet, res = check([good_row(iin=dup), good_row(), good_row(iin=dup)])
    assert [r for r, _rec in res['good']] == [3]
    assert res['bad'] == {2: [(ci.E_IIN_DUPLICATE, {'iin': dup, 'rows': '2, 4'})],
                          4: [(ci.E_IIN_DUPLICATE, {'iin': dup, 'rows': '2, 4'})]}


def test_parent_rules():
    student = new_iin()
    sibling_parent = new_iin(datetime.date(1985, 5, 5))
    rows = [good_row(iin=student, parent_iin=student),                          # own parent
            good_row(parent_iin=student),                                       # parent is a student of the file
            good_row(parent_iin=None, parent_name='Кто-то', relation=None),     # named parent without IIN
            good_row(relation=None),                                            # relation missing
            good_row(parent_iin=sibling_parent), good_row(parent_iin=sibling_parent),  # siblings: fine
            good_row(parent_iin=None, parent_name=None, relation=None, phone='87011234567')]  # no parent: fine
    sheet, res = check(rows)
    assert keys(res['bad'][2]) == [ci.E_PARENT_SELF]
    assert keys(res['bad'][3]) == [ci.E_PARENT_IS_STUDENT]
    assert keys(res['bad'][4]) == [ci.E_PARENT_IIN_MISSING]
    assert keys(res['bad'][5]) == [ci.E_RELATION_MISSING]
    good = dict(res['good'])
    assert good[6]['parent']['iin'] == good[7]['parent']['iin'] == sibling_parent
    assert good[8]['parent'] is None and good[8]['phone'] == '87011234567'


def test_cell_forms_numbers_text_dates_letters_languages():
    early = new_iin(datetime.date(2005, 1, 9), 'M')  # starts with 0: typed as a number it loses the zero
    assert early.startswith('05')
    rows = [good_row(iin=int(early), grade='5 «a»', letter=None, lang='Русский', shift='2 ауысым',
                     date='2026-09-02', relation='Отец', parent_iin=' ' + new_iin(datetime.date(1980, 1, 1), 'M')),
            good_row(grade='0', letter='ә', lang='ru', date='02.09.2026', relation='қамқоршы'),
            good_row(grade=11.0, letter='B', lang='MIXED', shift=None, date=None, relation='опекун'),
            good_row(shift=4, date='not a date', lang=None)]
    sheet, res = check(rows)
    good = dict(res['good'])
    assert (good[2]['iin'], good[2]['grade'], good[2]['letter'], good[2]['lang'], good[2]['shift']) == (
        early, 5, 'А', 'ru', '2')
    assert good[2]['sex'] == 'M' and good[2]['parent']['relation'] == 'father'
    assert good[2]['admission_date'] == datetime.date(2026, 9, 2)
    assert (good[3]['grade'], good[3]['letter'], good[3]['parent']['relation']) == (0, 'Ә', 'guardian')
    # Latin B typed for the Cyrillic В; empty shift and date take the defaults
    assert (good[4]['grade'], good[4]['letter'], good[4]['lang'], good[4]['shift']) == (11, 'В', 'mixed', '1')
    assert good[4]['admission_date'] == datetime.date(2026, 9, 1)
    assert res['bad'] == {5: [(ci.E_SHIFT, {'value': '4'}), (ci.E_DATE, {'value': 'not a date'})]}


def test_language_without_default_and_unknown_reason():
    headers = KK + ['Себебі']
    rows = [good_row(lang=None) + ['IN_MARS'], good_row() + ['in_abroad']]
    sheet, res = check(rows, headers=headers, default_lang=None)
    assert res['bad'] == {2: [(ci.E_LANG, {'value': ''}), (ci.E_REASON, {'value': 'IN_MARS'})]}
    assert res['good'][0][1]['reason_code'] == 'IN_ABROAD'


def test_missing_names_and_iin():
    sheet, res = check([good_row(iin=None, last_name=None, first_name='  ')])
    assert keys(res['bad'][2]) == [ci.E_IIN_MISSING, ci.E_LAST_NAME, ci.E_FIRST_NAME]


def test_error_report_has_original_columns_the_error_column_and_only_bad_rows():
    early = new_iin(datetime.date(2005, 1, 9), 'M')
    rows = [good_row(), good_row(iin=int(early), grade=14), good_row(social='VIP')]
    sheet, res = check(rows, headers=RU)
    data = ci.write_error_report(sheet, res['bad'], error_title='Ошибка')
    ws = xlrd.open_workbook(file_contents=data).sheet_by_index(0)
    assert ws.row_values(0) == RU + ['Ошибка']
    assert ws.nrows == 3
    assert ws.cell_value(1, 0) == early  # text, leading zero kept
    assert ws.cell_value(1, 1) == 'Ахметова' and ws.cell_value(1, 4) == 14
    assert ws.cell_value(1, 15) == 'Unknown grade "14": a grade is a number from 0 to 12.'
    assert ws.cell(1, 8).ctype == xlrd.XL_CELL_DATE
    assert ws.cell_value(2, 15) == 'Unknown social category code "VIP".'
    # the caller translates: its formatter gets the key and the parameters
    data = ci.write_error_report(sheet, res['bad'], formatter=lambda k, p: 'T:' + k.split(' ')[0])
    ws = xlrd.open_workbook(file_contents=data).sheet_by_index(0)
    assert ws.col_values(15)[1:] == ['T:Unknown', 'T:Unknown']


def test_three_thousand_rows_in_one_file():
    rows = [good_row(parent_iin=new_iin(datetime.date(1984, 6, 1), 'M'), relation='father')
            for _i in range(3000)]
    data = workbook(KK, rows)
    res = ci.validate_sheet(ci.read_workbook(data), **OPTIONS)
    assert len(res['good']) == 3000 and res['bad'] == {}
