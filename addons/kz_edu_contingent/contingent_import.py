"""Students of one school from an XLSX workbook (ACC-14): read, validate row by row, report the refused rows.

Pure Python (standard library, xlrd 1.2.0 to read .xlsx, xlsxwriter to write): no odoo import, so the rules are
tested in milliseconds (tests/pure/test_contingent_import.py). The Odoo wizard (wizards/kz_edu_student_import.py)
adds what only the database knows (IIN already registered, classes, parents already known) and writes the good rows
in bulk.

Every row is validated on its own: it gives either a clean record (dict) or a list of errors. An error is a pair
(message key, parameters): the key is an English message with %(name)s placeholders (ERROR_MESSAGES lists them),
so the Odoo layer translates it with _() and fills in the parameters; format_error() gives the English text.

The workbook: first sheet, one header row (found among the first rows), column titles in Kazakh, Russian or
English (COLUMNS); the template written by write_template() has "kk / ru" titles, which are read back as well.
"""
import datetime
import io
import re

import xlrd

try:  # the pure tests: addons/kz_* are on sys.path (conftest.py)
    import iin as iin_rules
    from kz_dates import read_date
except ImportError:  # pragma: no cover  inside Odoo the same pure module lives in the kz_edu_base package
    from odoo.addons.kz_edu_base import iin as iin_rules
    from odoo.addons.kz_edu_base.kz_dates import read_date

# key, Kazakh, Russian, English, other accepted titles
COLUMNS = [
    ('iin', 'ЖСН', 'ИИН', 'IIN', ('ЖСН оқушының', 'ИИН ученика', 'Student IIN')),
    ('last_name', 'Тегі', 'Фамилия', 'Surname', ('Last name', 'Family name')),
    ('first_name', 'Аты', 'Имя', 'Name', ('First name', 'Given name')),
    ('patronymic', 'Әкесінің аты', 'Отчество', 'Patronymic', ('Middle name',)),
    ('grade', 'Сынып', 'Класс', 'Grade', ('Class',)),
    ('letter', 'Әріп', 'Литера', 'Letter', ('Буква', 'Литер', 'Параллель')),
    ('lang', 'Оқу тілі', 'Язык обучения', 'Language', ('Тілі', 'Язык', 'Language of instruction')),
    ('shift', 'Ауысым', 'Смена', 'Shift', ()),
    ('admission_date', 'Қабылданған күні', 'Дата зачисления', 'Admission date',
     ('Қабылдау күні', 'Дата приёма', 'Дата приема', 'Date')),
    ('parent_iin', 'Ата-анасының ЖСН', 'ИИН родителя', 'Parent IIN',
     ('Ата-ананың ЖСН', 'ЖСН ата-анасының', 'ИИН законного представителя')),
    ('parent_name', 'Ата-анасы', 'Родитель', 'Parent name',
     ('Ата-анасының аты-жөні', 'ФИО родителя', 'Parent', 'Законный представитель')),
    ('relation', 'Туыстығы', 'Родство', 'Relation', ('Туыстық', 'Степень родства', 'Relationship')),
    ('phone', 'Телефон', 'Телефон', 'Phone', ('Телефон родителя', 'Ата-анасының телефоны', 'Mobile')),
    ('social_category', 'Әлеуметтік санат', 'Социальная категория', 'Social category',
     ('Санат', 'Категория', 'Category')),
    ('allergens', 'Аллергия', 'Аллергия', 'Allergens', ('Аллергиялар', 'Аллергены', 'Allergies', 'Allergy')),
    ('reason', 'Қабылдау себебі', 'Причина зачисления', 'Reason', ('Себебі', 'Причина', 'Admission reason')),
]
COLUMN_KEYS = [c[0] for c in COLUMNS]
REQUIRED_COLUMNS = ('iin', 'last_name', 'first_name', 'grade', 'letter')

LANGS = ('kk', 'ru', 'mixed', 'en')
SHIFTS = ('1', '2', '3')
RELATIONS = ('mother', 'father', 'guardian', 'trustee', 'foster', 'other')
MAX_GRADE = 12

# words accepted in the language / relation columns (compared case-insensitively, ё = е)
_LANG_WORDS = {
    'kk': ('kk', 'kz', 'қаз', 'каз', 'қазақ', 'казах', 'қазақша', 'қазақ тілі', 'казахский', 'kazakh'),
    'ru': ('ru', 'рус', 'орыс', 'орысша', 'орыс тілі', 'русский', 'russian'),
    'mixed': ('mixed', 'аралас', 'смешанный', 'смеш', 'kk/ru', 'қаз/орыс', 'каз/рус'),
    'en': ('en', 'eng', 'english', 'ағылшын', 'ағылшын тілі', 'английский', 'англ'),
}
_RELATION_WORDS = {
    'mother': ('mother', 'mom', 'ана', 'анасы', 'шешесі', 'мать', 'мама'),
    'father': ('father', 'dad', 'әке', 'әкесі', 'отец', 'папа'),
    'guardian': ('guardian', 'қамқоршы', 'қамқоршысы', 'опекун'),
    'trustee': ('trustee', 'қорғаншы', 'қорғаншысы', 'попечитель'),
    'foster': ('foster', 'foster parent', 'патронат', 'патронат тәрбиеші', 'патронаттық тәрбиеші',
               'асырап алушы', 'приемный родитель', 'приемная мать', 'приемный отец', 'опекун-патронат'),
    'other': ('other', 'басқа', 'туысы', 'туыс', 'другое', 'родственник', 'родственница', 'бабушка', 'дедушка',
              'әже', 'ата', 'тәте', 'тетя', 'дядя', 'сестра', 'брат'),
}

# Latin letters typed instead of their Cyrillic look-alikes in a class letter ("5A" in Latin would open a
# second class 5 «А»): class letters of Kazakh schools are Cyrillic.
_LATIN_LOOKALIKE = {'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О', 'P': 'Р',
                    'T': 'Т', 'X': 'Х', 'Y': 'У'}

# message keys (English, %(name)s placeholders); the Odoo layer has the same texts under _()
E_IIN_MISSING = 'The IIN is missing.'
E_IIN_INVALID = 'Invalid IIN %(iin)s: %(reason)s'
E_IIN_DUPLICATE = 'The IIN %(iin)s appears more than once in the file (rows %(rows)s).'
E_LAST_NAME = 'The surname is missing.'
E_FIRST_NAME = 'The name is missing.'
E_GRADE = 'Unknown grade "%(value)s": a grade is a number from 0 to 12.'
E_LETTER = 'The class letter is missing.'
E_LETTER_LONG = 'The class letter "%(value)s" is too long.'
E_LANG = 'Unknown language of instruction "%(value)s".'
E_SHIFT = 'Unknown shift "%(value)s": a shift is 1, 2 or 3.'
E_DATE = 'The admission date "%(value)s" is not a date.'
E_DATE_MISSING = 'The admission date is missing.'
E_DATE_FUTURE = 'The admission date %(date)s is in the future.'
E_DATE_YEAR = 'The admission date %(date)s is outside the academic year %(year)s.'
E_PARENT_IIN = 'Invalid parent IIN %(iin)s: %(reason)s'
E_PARENT_IIN_MISSING = 'The parent IIN is missing (a parent is named).'
E_PARENT_SELF = 'The parent IIN is the student\'s own IIN.'
E_PARENT_IS_STUDENT = 'The parent IIN %(iin)s is the IIN of a student of this file.'
E_RELATION = 'Unknown relation "%(value)s".'
E_RELATION_MISSING = 'The relation of the parent to the student is missing.'
E_CATEGORY = 'Unknown social category code "%(value)s".'
E_ALLERGEN = 'Unknown allergen code "%(value)s".'
E_REASON = 'Unknown admission reason code "%(value)s".'
# whole-file errors (raised as ImportFileError)
F_NOT_XLSX = 'The file is not an Excel workbook (.xlsx): %(reason)s'
F_EMPTY = 'The first sheet of the workbook is empty.'
F_NO_HEADER = 'No header row found: the first sheet must start with the column titles of the template.'
F_MISSING_COLUMNS = 'Required columns are missing: %(columns)s.'
F_NO_ROWS = 'The file has no student rows.'

ERROR_MESSAGES = (E_IIN_MISSING, E_IIN_INVALID, E_IIN_DUPLICATE, E_LAST_NAME, E_FIRST_NAME, E_GRADE, E_LETTER,
                  E_LETTER_LONG, E_LANG, E_SHIFT, E_DATE, E_DATE_MISSING, E_DATE_FUTURE, E_DATE_YEAR, E_PARENT_IIN,
                  E_PARENT_IIN_MISSING, E_PARENT_SELF, E_PARENT_IS_STUDENT, E_RELATION, E_RELATION_MISSING,
                  E_CATEGORY, E_ALLERGEN, E_REASON, F_NOT_XLSX, F_EMPTY, F_NO_HEADER, F_MISSING_COLUMNS, F_NO_ROWS)


class ImportFileError(Exception):
    """The whole file is unusable (not a workbook, no header, required columns missing)."""

    def __init__(self, key, params=None):
        super(ImportFileError, self).__init__(key, params or {})
        self.key = key
        self.params = params or {}

    def __str__(self):
        return format_error(self.key, self.params)


def format_error(key, params=None):
    """The English text of an error (the Odoo layer uses its translated template instead)."""
    return key % params if params else key


def _norm(text):
    """Header or keyword comparison form: lower case, ё = е, punctuation and spaces collapsed."""
    text = str(text).replace('\n', ' ').lower().replace('ё', 'е')
    text = re.sub(r'[\s_.:*]+', ' ', text)
    return text.strip(' -')


_HEADER_INDEX = {}
for _col in COLUMNS:
    for _title in (_col[1], _col[2], _col[3]) + tuple(_col[4]):
        _HEADER_INDEX.setdefault(_norm(_title), _col[0])
_LANG_INDEX = {_norm(w): k for k, words in _LANG_WORDS.items() for w in words}
_RELATION_INDEX = {_norm(w): k for k, words in _RELATION_WORDS.items() for w in words}


def column_of_title(title):
    """The column key of a header cell, or None. "ЖСН / ИИН" (the template) and "ИИН (12 цифр)" are read too."""
    if title is None:
        return None
    text = str(title)
    candidates = [text] + re.split(r'[/\n|]', text)
    for candidate in candidates:
        base = re.sub(r'\(.*?\)', '', candidate)
        for c in (candidate, base):
            key = _HEADER_INDEX.get(_norm(c))
            if key:
                return key
    return None


# --------------------------------------------------------------------------------------------------- reading
class Sheet(object):
    """The first sheet: `headers` (original titles), `columns` (key or None per column), `rows`
    [(row number as Excel shows it, [cell values])]. Date cells are datetime.date, numbers int or float."""

    def __init__(self, headers, columns, rows):
        self.headers = headers
        self.columns = columns
        self.rows = rows

    def records(self):
        """[(row number, {column key: value})] for rows that are not entirely empty."""
        out = []
        for rowno, values in self.rows:
            rec = {}
            for key, value in zip(self.columns, values):
                if key and key not in rec:
                    rec[key] = value
            out.append((rowno, rec))
        return out


def _cell_value(cell, datemode):
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            t = xlrd.xldate_as_tuple(cell.value, datemode)
        except (xlrd.XLDateError, ValueError):
            return cell.value
        return datetime.date(*t[:3]) if t[:3] != (0, 0, 0) else cell.value
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        v = cell.value
        return int(v) if v == int(v) else v
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        v = cell.value.strip()
        return v or None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return None  # error cells (#N/A ...)


def read_workbook(data, header_scan=10):
    """Read the first sheet of an .xlsx given as bytes; raise ImportFileError when it cannot be used."""
    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as exc:  # xlrd raises XLRDError, zipfile errors, struct errors ... on a bad file
        raise ImportFileError(F_NOT_XLSX, {'reason': str(exc) or exc.__class__.__name__})
    if not book.nsheets:
        raise ImportFileError(F_EMPTY)
    sh = book.sheet_by_index(0)
    if not sh.nrows:
        raise ImportFileError(F_EMPTY)
    # the header row: the first of the first rows naming the most known columns
    best, best_count = None, 0
    for r in range(min(header_scan, sh.nrows)):
        keys = {column_of_title(v) for v in sh.row_values(r)} - {None}
        if len(keys) > best_count:
            best, best_count = r, len(keys)
    if best is None or best_count < 2:
        raise ImportFileError(F_NO_HEADER)
    headers = [(str(v).strip() if v not in (None, '') else '') for v in sh.row_values(best)]
    columns, seen = [], set()
    for title in headers:
        key = column_of_title(title)
        columns.append(key if key not in seen else None)  # a repeated column is ignored (the first one counts)
        seen.add(key)
    missing = [k for k in REQUIRED_COLUMNS if k not in seen]
    if missing:
        names = ', '.join('%s / %s / %s' % c[1:4] for c in COLUMNS if c[0] in missing)
        raise ImportFileError(F_MISSING_COLUMNS, {'columns': names})
    rows = []
    for r in range(best + 1, sh.nrows):
        values = [_cell_value(c, book.datemode) for c in sh.row(r)]
        values += [None] * (len(headers) - len(values))
        if any(v not in (None, '') for v in values):
            rows.append((r + 1, values[:len(headers)] if len(values) > len(headers) else values))
    if not rows:
        raise ImportFileError(F_NO_ROWS)
    return Sheet(headers, columns, rows)


# ------------------------------------------------------------------------------------------------ validation
def _text(value):
    if value is None:
        return ''
    if isinstance(value, float):
        value = int(value) if value == int(value) else value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime('%d.%m.%Y')
    return ' '.join(str(value).split())


def normalize_iin(value):
    """An IIN as 12 characters: digits typed as a number lose their leading zero (born 2000-2009: "05...")."""
    if value is None:
        return ''
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == int(value) and value >= 0:
            return '%012d' % int(value)
        return str(value)
    return re.sub(r'[\s-]', '', str(value))


def parse_grade(value):
    """(grade, letter typed with it or '') for 5, '5', '05', '5А', '5 «А»'; (None, '') when not a grade 0-12."""
    if isinstance(value, bool) or value is None:
        return None, ''
    if isinstance(value, (int, float)):
        if value == int(value) and 0 <= int(value) <= MAX_GRADE:
            return int(value), ''
        return None, ''
    m = re.match(r'^\s*(\d{1,2})\s*[-\s«"\']*\s*([^\d\s«»"\']{0,3})\s*[»"\']?\s*$', str(value))
    if not m:
        return None, ''
    grade = int(m.group(1))
    if grade > MAX_GRADE:
        return None, ''
    return grade, m.group(2)


def normalize_letter(value):
    letter = _text(value).strip('«»"\' ').upper()
    return ''.join(_LATIN_LOOKALIKE.get(ch, ch) for ch in letter)


def parse_lang(value):
    return _LANG_INDEX.get(_norm(_text(value)))


def parse_relation(value):
    return _RELATION_INDEX.get(_norm(_text(value)))


def parse_codes(value):
    """'milk, eggs; NUTS' -> ['MILK', 'EGGS', 'NUTS'] (order kept, no repeats)."""
    out = []
    for code in re.split(r'[,;\n]+', _text(value)):
        code = code.strip().upper()
        if code and code not in out:
            out.append(code)
    return out


def validate_row(rec, category_codes=(), allergen_codes=(), reason_codes=None, today=None, default_date=None,
                 default_lang=None, default_shift='1', year_bounds=None):
    """Validate one row ({column key: cell value}); return (record, errors): record is None when errors.

    `year_bounds` = (first day, last day, name) of the academic year the admission date must fall in.
    The record: iin, birth_date, sex, last_name, first_name, patronymic, name, grade, letter, lang, shift,
    admission_date, phone, social_codes, allergen_codes, reason_code, parent (None or a dict iin, birth_date,
    sex, name, relation, phone).
    """
    today = today or datetime.date.today()
    errors = []
    err = errors.append

    iin = normalize_iin(rec.get('iin'))
    iin_data = None
    if not iin:
        err((E_IIN_MISSING, {}))
    else:
        try:
            iin_data = iin_rules.parse_iin(iin, today=today)
        except ValueError as exc:
            err((E_IIN_INVALID, {'iin': iin, 'reason': str(exc)}))

    last_name, first_name = _text(rec.get('last_name')), _text(rec.get('first_name'))
    patronymic = _text(rec.get('patronymic'))
    if not last_name:
        err((E_LAST_NAME, {}))
    if not first_name:
        err((E_FIRST_NAME, {}))

    grade, letter_in_grade = parse_grade(rec.get('grade'))
    if grade is None:
        err((E_GRADE, {'value': _text(rec.get('grade'))}))
    letter = normalize_letter(rec.get('letter')) or normalize_letter(letter_in_grade)
    if not letter:
        err((E_LETTER, {}))
    elif len(letter) > 3:
        err((E_LETTER_LONG, {'value': letter}))

    lang_text = _text(rec.get('lang'))
    lang = parse_lang(lang_text) if lang_text else default_lang
    if lang_text and not lang or (not lang_text and default_lang not in LANGS):
        err((E_LANG, {'value': lang_text}))

    shift_text = _text(rec.get('shift'))
    shift = default_shift
    if shift_text:
        m = re.match(r'^\D*(\d)\D*$', shift_text)
        shift = m.group(1) if m else None
        if shift not in SHIFTS:
            err((E_SHIFT, {'value': shift_text}))

    raw_date = rec.get('admission_date')
    if raw_date in (None, ''):
        adm = default_date
        if adm is None:
            err((E_DATE_MISSING, {}))
    else:
        adm = read_date(raw_date)
        if adm is None:
            err((E_DATE, {'value': _text(raw_date)}))
    if adm is not None:
        if adm > today:
            err((E_DATE_FUTURE, {'date': adm.strftime('%d.%m.%Y')}))
        elif year_bounds and not (year_bounds[0] <= adm <= year_bounds[1]):
            err((E_DATE_YEAR, {'date': adm.strftime('%d.%m.%Y'), 'year': year_bounds[2]}))

    parent = None
    parent_iin = normalize_iin(rec.get('parent_iin'))
    parent_name = _text(rec.get('parent_name'))
    relation_text = _text(rec.get('relation'))
    if parent_iin:
        parent_data = None
        try:
            parent_data = iin_rules.parse_iin(parent_iin, today=today)
        except ValueError as exc:
            err((E_PARENT_IIN, {'iin': parent_iin, 'reason': str(exc)}))
        if parent_iin == iin:
            err((E_PARENT_SELF, {}))
        relation = parse_relation(relation_text) if relation_text else None
        if not relation_text:
            err((E_RELATION_MISSING, {}))
        elif not relation:
            err((E_RELATION, {'value': relation_text}))
        if parent_data:
            parent = {'iin': parent_iin, 'birth_date': parent_data['birth_date'], 'sex': parent_data['sex'],
                      'name': parent_name, 'relation': relation, 'phone': _text(rec.get('phone')) or None}
    elif parent_name or relation_text:
        err((E_PARENT_IIN_MISSING, {}))

    category_codes = {c.upper() for c in category_codes}
    social = parse_codes(rec.get('social_category'))
    for code in social:
        if code not in category_codes:
            err((E_CATEGORY, {'value': code}))
    allergen_codes = {c.upper() for c in allergen_codes}
    allergens = parse_codes(rec.get('allergens'))
    for code in allergens:
        if code not in allergen_codes:
            err((E_ALLERGEN, {'value': code}))
    reason = _text(rec.get('reason')).upper() or None
    if reason and reason_codes is not None and reason not in {c.upper() for c in reason_codes}:
        err((E_REASON, {'value': reason}))

    if errors:
        return None, errors
    name = ' '.join(x for x in (last_name, first_name, patronymic) if x)
    return {
        'iin': iin, 'birth_date': iin_data['birth_date'], 'sex': iin_data['sex'],
        'last_name': last_name, 'first_name': first_name, 'patronymic': patronymic or None, 'name': name,
        'grade': grade, 'letter': letter, 'lang': lang, 'shift': shift, 'admission_date': adm,
        'phone': None if parent else (_text(rec.get('phone')) or None),
        'social_codes': social, 'allergen_codes': allergens, 'reason_code': reason, 'parent': parent,
    }, []


def validate_sheet(sheet, **options):
    """Validate every row of a Sheet (see validate_row for the options), then the rules across rows:
    an IIN twice in the file refuses every row carrying it; a parent IIN that is a student's IIN of the file.
    Return {'good': [(row, record)], 'bad': {row: [errors]}, 'rows': {row: original values}}."""
    checked = []
    for rowno, rec in sheet.records():
        record, errors = validate_row(rec, **options)
        checked.append((rowno, record, errors, normalize_iin(rec.get('iin'))))
    rows_of_iin = {}
    for rowno, _record, _errors, iin in checked:
        if iin:
            rows_of_iin.setdefault(iin, []).append(rowno)
    student_iins = set(rows_of_iin)
    good, bad = [], {}
    for rowno, record, errors, iin in checked:
        errors = list(errors)
        if iin and len(rows_of_iin[iin]) > 1:
            errors.append((E_IIN_DUPLICATE, {'iin': iin, 'rows': ', '.join(str(r) for r in rows_of_iin[iin])}))
        if record and record['parent'] and record['parent']['iin'] in student_iins:
            errors.append((E_PARENT_IS_STUDENT, {'iin': record['parent']['iin']}))
        if errors:
            bad[rowno] = errors
        else:
            good.append((rowno, record))
    return {'good': good, 'bad': bad, 'rows': dict(sheet.rows)}


# ------------------------------------------------------------------------------------------------- writing
def _xlsxwriter():
    import xlsxwriter  # imported here: reading needs only xlrd
    return xlsxwriter


def write_error_report(sheet, bad, error_title='Error', formatter=format_error):
    """The refused rows only, in their original columns, plus an error column; return the .xlsx bytes.
    `bad` is {row number: [(key, params)]}; `formatter(key, params)` gives the text (translated by the caller)."""
    xlsxwriter = _xlsxwriter()
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {'in_memory': True})
    ws = wb.add_worksheet('Errors')
    bold = wb.add_format({'bold': True, 'bg_color': '#DDEBF7', 'border': 1, 'text_wrap': True})
    red = wb.add_format({'bold': True, 'bg_color': '#F8CBAD', 'border': 1})
    wrap = wb.add_format({'text_wrap': True, 'font_color': '#9C0006'})
    date_fmt = wb.add_format({'num_format': 'dd.mm.yyyy'})
    text_fmt = wb.add_format({'num_format': '@'})
    ncol = len(sheet.headers)
    for c, title in enumerate(sheet.headers):
        ws.write_string(0, c, title or '', bold)
        ws.set_column(c, c, 16)
    ws.write_string(0, ncol, error_title, red)
    ws.set_column(ncol, ncol, 70)
    values_of = dict(sheet.rows)
    r = 1
    for rowno in sorted(bad):
        for c, value in enumerate(values_of.get(rowno, [])):
            key = sheet.columns[c] if c < len(sheet.columns) else None
            if value is None:
                continue
            if isinstance(value, (datetime.date, datetime.datetime)):
                ws.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), date_fmt)
            elif key in ('iin', 'parent_iin'):
                ws.write_string(r, c, normalize_iin(value), text_fmt)  # keep the leading zero
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
        ws.write_string(r, ncol, '\n'.join(formatter(k, p) for k, p in bad[rowno]), wrap)
        r += 1
    ws.freeze_panes(1, 0)
    wb.close()
    return out.getvalue()


def write_rows(headers, rows):
    """A workbook with a header row and the given rows (dates as Excel dates): what a school's own file looks
    like; used by the tests and the import benchmark to build input files."""
    out = io.BytesIO()
    wb = _xlsxwriter().Workbook(out, {'in_memory': True})
    ws = wb.add_worksheet()
    date_fmt = wb.add_format({'num_format': 'dd.mm.yyyy'})
    for c, h in enumerate(headers):
        ws.write_string(0, c, h)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            if isinstance(value, datetime.date):
                ws.write_datetime(r, c, datetime.datetime(value.year, value.month, value.day), date_fmt)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write_number(r, c, value)
    wb.close()
    return out.getvalue()


def template_titles(lang_pair=('kk', 'ru')):
    """Column titles of the template: "Kazakh / Russian" (read back by column_of_title)."""
    idx = {'kk': 1, 'ru': 2, 'en': 3}
    out = []
    for col in COLUMNS:
        parts = []
        for lang in lang_pair:
            t = col[idx[lang]]
            if t not in parts:
                parts.append(t)
        out.append(' / '.join(parts))
    return out


def write_template(category_codes=(), allergen_codes=(), reason_codes=(), example=None):
    """A blank workbook: the first sheet has the column titles in Kazakh and Russian (and an optional example
    row); a second sheet lists the accepted values. Return the .xlsx bytes."""
    xlsxwriter = _xlsxwriter()
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {'in_memory': True})
    ws = wb.add_worksheet('Оқушылар - Ученики')
    head = wb.add_format({'bold': True, 'bg_color': '#DDEBF7', 'border': 1, 'text_wrap': True,
                          'valign': 'top'})
    req = wb.add_format({'bold': True, 'bg_color': '#FCE4D6', 'border': 1, 'text_wrap': True, 'valign': 'top'})
    text_fmt = wb.add_format({'num_format': '@'})
    date_fmt = wb.add_format({'num_format': 'dd.mm.yyyy'})
    for c, (col, title) in enumerate(zip(COLUMNS, template_titles())):
        ws.write_string(0, c, title, req if col[0] in REQUIRED_COLUMNS else head)
        fmt = text_fmt if col[0] in ('iin', 'parent_iin', 'phone', 'letter') else (
            date_fmt if col[0] == 'admission_date' else None)
        ws.set_column(c, c, 18, fmt)
    ws.set_row(0, 32)
    ws.freeze_panes(1, 0)
    if example:
        for c, key in enumerate(COLUMN_KEYS):
            value = example.get(key)
            if isinstance(value, datetime.date):
                ws.write_datetime(1, c, datetime.datetime(value.year, value.month, value.day), date_fmt)
            elif value is not None:
                ws.write_string(1, c, str(value))
    help_ws = wb.add_worksheet('Анықтама - Справка')
    bold = wb.add_format({'bold': True})
    lines = [
        ('ЖСН / ИИН', '12 цифр / 12 цифр'),
        ('Сынып / Класс', '0-12'),
        ('Оқу тілі / Язык обучения', 'kk (қазақ), ru (орыс), mixed (аралас), en (ағылшын)'),
        ('Ауысым / Смена', '1, 2, 3'),
        ('Қабылданған күні / Дата зачисления', 'кк.аа.жжжж / дд.мм.гггг'),
        ('Туыстығы / Родство', 'анасы/мать, әкесі/отец, қамқоршы/опекун, қорғаншы/попечитель, '
                               'патронат/приемный родитель, басқа/другое'),
        ('Әлеуметтік санат / Социальная категория', ', '.join(category_codes)),
        ('Аллергия / Аллергия', ', '.join(allergen_codes)),
        ('Қабылдау себебі / Причина зачисления', ', '.join(reason_codes)),
    ]
    help_ws.set_column(0, 0, 42)
    help_ws.set_column(1, 1, 90)
    for r, (a, b) in enumerate(lines):
        help_ws.write_string(r, 0, a, bold)
        help_ws.write_string(r, 1, b)
    wb.close()
    return out.getvalue()
