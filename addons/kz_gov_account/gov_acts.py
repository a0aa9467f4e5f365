"""The legal acts the public-sector ledger follows, read from their copies in ``data/src/acts`` (pure Python, no
odoo import).

``data/src/acts/<folder>/<file>.md`` are verbatim copies of the texts in the project's legal folder (copies of
zan.gov.kz published by kazakhstan-law): each begins with a 3-line header (title; number, date and edition;
``source:`` with the copy's path and commit), a blank line, then the body as the copy stores it (markdown with
HTML tables). They live in the addon so that a clean clone builds (``data/src/build.py``) and tests without the
legal folder. A later edition of an act = replace the file and rerun build.py; the readers below raise
:class:`ActError` when the text no longer has the shape they expect, rather than guess.

Readers:

* :func:`chart_rows` — annex 1 of MinFin order No. 170 (the list of accounts), Russian and Kazakh merged row by
  row, with the quirks of the copies resolved and listed (:data:`CHART_QUIRKS`);
* :func:`standard_entries` — annex 2 of order No. 170 (correspondence of accounts for the main operations): the
  numbered entries with their debit and credit accounts;
* :func:`ebk_rows` — annex 2 of MinFin order No. 151 (economic classification of budget expenditure, from
  2026), Russian and Kazakh;
* :func:`form_tables` — the forms ФО-1…ФО-4 of order No. 230 (line codes, names, column heads, crossed cells),
  Russian and Kazakh.

Cell text is taken as printed, with runs of white space (line breaks inside a cell) made single spaces and HTML
entities decoded; nothing else is changed.

>>> header_of('chart-170/rus-an001.md').edition[:60]
'Приказ Министра финансов Республики Казахстан от 16 апреля 2'
"""
import collections
import html
import os
import re

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_errors import KzError

HERE = os.path.dirname(os.path.abspath(__file__))
ACTS_DIR = os.path.join(HERE, 'data', 'src', 'acts')

CHART_RU = 'chart-170/rus-an001.md'
CHART_KK = 'chart-170/kaz-an001.md'
ENTRIES_RU = 'chart-170/rus-an002.md'
PLAN_RU = 'chart-170/rus-an000.md'
EBK_RU = 'budget-classification-151/rus-an002.md'
EBK_KK = 'budget-classification-151/kaz-an002.md'
FORMS_RU = 'fin-statements-230/rus.md'
FORMS_KK = 'fin-statements-230/kaz-forms-an001-an004.md'
TAX_CODE_SN = 'tax-code-2025/rus-sec009-art555-562.md'


class ActError(KzError, ValueError):
    """The text of an act does not have the shape the reader expects (a new edition to look at)."""


Header = collections.namedtuple('Header', 'title edition source')
Cell = collections.namedtuple('Cell', 'text colspan rowspan')


def act_path(relpath, acts_dir=None):
    return os.path.join(acts_dir or ACTS_DIR, relpath)


def read_text(relpath, acts_dir=None):
    path = act_path(relpath, acts_dir)
    if not os.path.exists(path):
        raise ActError('missing act file %s' % path)
    with open(path, encoding='utf-8') as f:
        return f.read()


def header_of(relpath, acts_dir=None):
    """The 3-line header of an act file."""
    lines = read_text(relpath, acts_dir).split('\n', 3)
    if len(lines) < 4 or not lines[2].startswith('source:') or lines[3][:1] not in ('', '\n'):
        raise ActError('%s: no 3-line source header' % relpath)
    return Header(lines[0], lines[1], lines[2][len('source:'):].strip())


def body_of(relpath, acts_dir=None):
    return read_text(relpath, acts_dir).split('\n', 4)[4]


def clean(text):
    """Cell text as printed: white space runs made single spaces, entities decoded."""
    return re.sub(r'\s+', ' ', html.unescape(text or '')).strip()


_TABLE = re.compile(r'<table>(.*?)</table>', re.S)
_ROW = re.compile(r'<tr>(.*?)</tr>', re.S)
_CELL = re.compile(r'<td([^>]*)>(.*?)</td>', re.S)


def _span(attrs, name):
    m = re.search(r'%s="(\d+)"' % name, attrs)
    return int(m.group(1)) if m else 1


def tables(text):
    """[[row = [Cell], ...], ...] of every <table> of a text, in order."""
    out = []
    for table in _TABLE.findall(text):
        rows = []
        for row in _ROW.findall(table):
            rows.append([Cell(clean(body), _span(attrs, 'colspan'), _span(attrs, 'rowspan'))
                         for attrs, body in _CELL.findall(row)])
        out.append(rows)
    return out


# ------------------------------------------------------------------------------------------------ chart, annex 1

ChartRow = collections.namedtuple('ChartRow', 'seq kind code name_ru name_kk parent section note')

#: what the readers do about the copies' quirks (printed in SOURCES.md and checked by the tests)
CHART_QUIRKS = (
    ('7000 – 7100', 'Both texts head the operating expenses with a row «7000 – 7100» (not a code of one account): '
                    'it is kept as the sub-section heading it is, with the accounts 7010–7150 under it.'),
    ('4050', 'The Russian text prints 4050 and 4060 in the sub-account column, the Kazakh one in the account '
             'column; the Plan (annex 0, item 31) lists them among the accounts of sub-section 4000: accounts.'),
    ('6071', 'The Russian text prints 6071 and 6072 in the account column, the Kazakh one in the sub-account '
             'column; the Plan (annex 0) calls them sub-accounts of 6070: sub-accounts.'),
    ('7150', 'The Kazakh copy prints 7050 where the Russian one has 7150 (the row of obligatory social medical '
             'insurance, after 7140): the code is taken from the Russian text; the Plan (annex 0) has 7150.'),
    ('7461', 'The Russian cell of 7461 runs on into the account description («…государства», предназначен для '
             'учета…»): the name is the text before the closing quote, as the Plan (annex 0) names the account.'),
)


def _section_number(text):
    m = re.match(r'^(?:Раздел\s*(\d+)\.|(\d+)\s*[–-]?\s*бөлім\.)', text)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def _chart_table(relpath, acts_dir):
    found = tables(body_of(relpath, acts_dir))
    if len(found) != 1:
        raise ActError('%s: expected one table, found %d' % (relpath, len(found)))
    rows = found[0]
    if len(rows) < 3 or [c.text for c in rows[1]] != ['1', '2', '3']:
        raise ActError('%s: the table does not start with its heading and the column numbers' % relpath)
    return rows[2:]


def _code_kind(code):
    if re.match(r'^0\d$', code):
        return 'off_balance'
    if re.match(r'^\d000\s*[–-]\s*\d100$', code) or re.match(r'^\d\d00$', code):
        return 'subsection'
    if re.match(r'^\d{3}0$', code):
        return 'account'
    if re.match(r'^\d{4}$', code):
        return 'subaccount'
    return None


def chart_rows(acts_dir=None):
    """The rows of annex 1 of order No. 170 as ChartRow(seq, kind, code, name_ru, name_kk, parent, section, note):

    * kind ``section`` (code ``S1``…``S9``, the «Раздел N» rows), ``subsection`` (``1000``, ``7000 – 7100``),
      ``account`` (4 digits ending in 0), ``subaccount`` (4 digits), ``off_balance`` (``01``…``09``);
    * parent: the code of the row above it in the hierarchy (sub-account → account → sub-section → section;
      8010 and the off-balance accounts sit directly in their section);
    * note: how a quirk of the copies was resolved (see CHART_QUIRKS), else ''.

    The Russian and the Kazakh tables are read row by row in parallel: they have the same rows in the same order."""
    ru, kk = _chart_table(CHART_RU, acts_dir), _chart_table(CHART_KK, acts_dir)
    if len(ru) != len(kk):
        raise ActError('the Russian (%d rows) and Kazakh (%d rows) lists of accounts differ' % (len(ru), len(kk)))
    out = []
    section = subsection = account = None
    for seq, (rrow, krow) in enumerate(zip(ru, kk), 1):
        rtexts = [c.text for c in rrow]
        ktexts = [c.text for c in krow]
        rname, kname = rtexts[-1], ktexts[-1]
        rcode = ' '.join(t for t in rtexts[:-1] if t)
        kcode = ' '.join(t for t in ktexts[:-1] if t)
        number = _section_number(rname) if not rcode else None
        if number is not None:
            if _section_number(kname) != number or kcode:
                raise ActError('row %d: section %s of the Russian text is %r in the Kazakh one' % (seq, number, kname))
            section = 'S%d' % number
            subsection = account = None
            out.append(ChartRow(seq, 'section', section, rname, kname, '', section, ''))
            continue
        kind = _code_kind(rcode)
        if kind is None or section is None:
            raise ActError('row %d: cannot read the code %r' % (seq, rcode))
        notes = []
        if kcode != rcode:
            if (rcode, kcode) != ('7150', '7050'):
                raise ActError('row %d: code %s in the Russian text, %s in the Kazakh one' % (seq, rcode, kcode))
            notes.append(dict(CHART_QUIRKS)['7150'])
        printed_sub = bool(rtexts[1]) if len(rtexts) == 3 else False
        if kind == 'account' and printed_sub:
            notes.append(dict(CHART_QUIRKS)['4050'])
        if kind == 'subaccount' and not printed_sub:
            notes.append(dict(CHART_QUIRKS)['6071'])
        if rcode == '7461' and '»' in rname:
            rname = rname.split('»')[0].strip()
            notes.append(dict(CHART_QUIRKS)['7461'])
        if kind == '7000 – 7100' or '–' in rcode:
            notes.append(dict(CHART_QUIRKS)['7000 – 7100'])
        if kind == 'subsection':
            subsection, account = rcode, None
            parent = section
        elif kind == 'account':
            account = rcode
            parent = subsection if (subsection and _in_subsection(rcode, subsection)) else section
        elif kind == 'subaccount':
            if not account or rcode[:3] != account[:3]:
                raise ActError('row %d: sub-account %s without its account' % (seq, rcode))
            parent = account
        else:
            parent = section
        out.append(ChartRow(seq, kind, rcode, rname, kname, parent, section, ' '.join(notes)))
    return out


def _in_subsection(code, subsection):
    if '–' in subsection or '-' in subsection:
        first, last = [s.strip() for s in re.split(r'[–-]', subsection)]
        return first[:2] <= code[:2] <= last[:2]
    return code[:2] == subsection[:2]


def subsection_prefix(code):
    """The account-code prefix of a sub-section: 1000 → '10'; «7000 – 7100» → '70' (its accounts 7010–7150 are
    attached to it explicitly)."""
    return code.strip()[:2]


# ------------------------------------------------------------------------------------------------ chart, annex 2

Entry = collections.namedtuple('Entry', 'number row text debit credit debit_text credit_text')

_LEADING_CODES = re.compile(r'^(\d{4})(?:\s*[–-]\s*(\d{4}))?((?:\s*,\s*\d{4})*)')


def account_refs(text):
    """The accounts a debit/credit cell names, one item per line of the cell: [(first, last)] — a single account
    is (code, code), a range «2310–2380» is ('2310', '2380'); «1310 – 1340, 1342 Запасы» gives two."""
    out = []
    for line in text.split('\n'):
        m = _LEADING_CODES.match(line.strip())
        if not m:
            continue
        out.append((m.group(1), m.group(2) or m.group(1)))
        out += [(code, code) for code in re.findall(r'\d{4}', m.group(3) or '')]
    return out


def names_account(refs, code):
    """True when the debit/credit cell `refs` (account_refs) names `code`: the code itself, a range around it
    («2310–2380», «7000–7100» = the sub-sections 70 and 71), the account whose sub-account it is (the act names
    3120 where the posting goes to 3121) or the sub-section it lies in (6000)."""
    for first, last in refs:
        if first == last:
            if code == first:
                return True
            if first.endswith('00') and code[:2] == first[:2]:
                return True
            if first.endswith('0') and code[:3] == first[:3]:
                return True
        elif first.endswith('00') and last.endswith('00'):
            if first[:2] <= code[:2] <= last[:2]:
                return True
        elif first <= code <= last or first <= code[:3] + '0' <= last:
            return True
    return False


def standard_entries(acts_dir=None):
    """{entry number: [Entry(number, row, text, debit refs, credit refs, debit text, credit text)]} of annex 2
    of order No. 170. Numbers are as printed without the dot ('243'); an entry printed over several table rows
    (a second posting «одновременно …») has rows 1, 2, …"""
    found = _TABLE.findall(body_of(ENTRIES_RU, acts_dir))
    if len(found) != 1:
        raise ActError('%s: expected one table' % ENTRIES_RU)
    rows = expand_rowspans(found[0])
    if [clean(c) for c in rows[0]] != ['№', 'Содержание операции', 'Дебет', 'Кредит']:
        raise ActError('%s: unexpected heading %r' % (ENTRIES_RU, rows[0]))
    out = collections.OrderedDict()
    for cells in rows[1:]:
        if len(cells) == 1:
            continue                    # a heading (section of the annex)
        if len(cells) != 4:
            raise ActError('%s: a row of %d cells: %r' % (ENTRIES_RU, len(cells), [clean(c) for c in cells]))
        number = re.sub(r'[\s.]', '', clean(cells[0]))
        debit, credit = html.unescape(cells[2]).strip(), html.unescape(cells[3]).strip()
        group = out.setdefault(number, [])
        group.append(Entry(number, len(group) + 1, clean(cells[1]), account_refs(debit), account_refs(credit),
                           clean(debit), clean(credit)))
    return out


def expand_rowspans(table_html):
    """The rows of a table as lists of raw cell bodies, a cell spanning n rows repeated in each of them."""
    rows, pending = [], {}             # column -> [body, rows left]
    for raw in _ROW.findall(table_html):
        cells = list(_CELL.findall(raw))
        row, col = [], 0
        while cells or any(c >= col for c in pending):
            if col in pending:
                body, left = pending[col]
                row.append(body)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = [body, left - 1]
            elif cells:
                attrs, body = cells.pop(0)
                span = _span(attrs, 'rowspan')
                if span > 1:
                    pending[col] = [body, span - 1]
                row.append(body)
            else:
                break
            col += 1
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------------ ЕБК (order 151)

EbkRow = collections.namedtuple('EbkRow', 'code level parent name_ru name_kk')
EBK_LEVELS = ('category', 'class', 'subclass', 'specific')


def _ebk_table(relpath, acts_dir):
    found = tables(body_of(relpath, acts_dir))
    if len(found) != 2:
        raise ActError('%s: expected two tables (classification, structure of the specifics)' % relpath)
    out = []
    for row in found[0]:
        texts = [c.text for c in row]
        if len(row) != 5 or not any(texts[:4]) or any(t and not re.match(r'^\d+$', t) for t in texts[:4]):
            continue                    # the heading rows
        filled = [i for i, t in enumerate(texts[:4]) if t]
        if len(filled) != 1 or not texts[4]:
            raise ActError('%s: cannot read the row %r' % (relpath, texts))
        out.append((filled[0], texts[filled[0]], texts[4]))
    return out


def ebk_rows(acts_dir=None):
    """The economic classification of order No. 151 as EbkRow(code, level, parent, name_ru, name_kk), parents
    first. Codes: category '1', class '1.1' (category.class: class numbers run on through the categories, so a
    class alone would collide with a category), subclass '110', specific '111'."""
    ru, kk = _ebk_table(EBK_RU, acts_dir), _ebk_table(EBK_KK, acts_dir)
    if [(l, c) for l, c, _n in ru] != [(l, c) for l, c, _n in kk]:
        raise ActError('the Russian and Kazakh economic classifications have different codes')
    out, parents = [], [None] * 4
    for (level, number, name_ru), (_l, _c, name_kk) in zip(ru, kk):
        if level == 1:
            code = '%s.%s' % (parents[0], number)
        else:
            code = number
        parent = parents[level - 1] if level else ''
        if level and not parent:
            raise ActError('ЕБК %s has no parent' % code)
        parents[level] = code
        for deeper in range(level + 1, 4):
            parents[deeper] = None
        out.append(EbkRow(code, EBK_LEVELS[level], parent or '', name_ru, name_kk))
    return out


# ------------------------------------------------------------------------------------------------ forms (order 230)

FormLine = collections.namedtuple('FormLine', 'form seq key code name_ru name_kk crossed')
FormTable = collections.namedtuple('FormTable', 'form heading_ru heading_kk head_ru head_kk lines')

#: the heading (## …) that precedes each form's table, Russian and Kazakh
FORM_HEADINGS = collections.OrderedDict([
    ('FO1', ('## Бухгалтерский баланс по состоянию на', '## Бухгалтерлік баланс')),
    ('FO2', ('## Отчет о результатах финансовой деятельности', 'Қаржылық қызмет нәтижелері туралы есеп')),
    ('FO3', ('## Отчет о движении денег на счетах государственного учреждения',
             'мемлекеттік мекемелердің шоттарындағы ақша қозғалысы туралы есеп')),
    ('FO4', ('## Отчет об изменениях чистых активов/капитала',
             'Таза активтердің/капиталдың өзгерістері туралы есеп')),
])
#: the quirks of the copies in the forms (printed in SOURCES.md)
FORM_QUIRKS = (
    ('FO2 124', 'The Kazakh copy of ФО-2 has a line 124 «Қаржыландыру жоспарында көзделген, мемлекеттік мекемені '
                'ұстауға арналған шығыстарға жатпайтын шығыстар» that the Russian form and rule 40 (line 110 = '
                'the sum of 111–123) do not have: the form follows the Russian text.'),
)
_COLUMN_NUMBERS = re.compile(r'^\d+$')


def _form_table(text, heading, relpath, kazakh=False):
    start = None
    for m in re.finditer(r'^## .*$', text, re.M):
        if (m.group(0).startswith(heading) if not kazakh else heading in m.group(0)):
            start = m.end()
            break
    if start is None:
        raise ActError('%s: no heading %r' % (relpath, heading))
    found = tables(text[start:])
    if not found:
        raise ActError('%s: no table after %r' % (relpath, heading))
    return text[m.start() + 3:m.end()].strip(), found[0]


def _form_rows(rows):
    """(head, [(code, name, crossed columns)]) of a form table; the column heads are the first row, the rows of
    column numbers are left out, a repeated heading row (ФО-1's liabilities part) is kept as a line."""
    head = [c.text for c in rows[0]]
    lines = []
    for row in rows[1:]:
        texts = [c.text for c in row]
        if all(_COLUMN_NUMBERS.match(t) for t in texts):
            continue
        if len(texts) != len(head):
            raise ActError('a row of %d cells in a table of %d columns: %r' % (len(texts), len(head), texts))
        crossed = tuple(i + 1 for i, t in enumerate(texts) if i >= 2 and t in ('х', 'x', 'Х'))
        code = texts[1] if texts[1] not in (head[1],) else ''
        lines.append((code, texts[0], crossed))
    return head, lines


def form_tables(acts_dir=None):
    """{form: FormTable(form, heading_ru, heading_kk, head_ru, head_kk, lines)} for ФО-1…ФО-4 of order No. 230.

    lines: FormLine(form, seq, key, code, name_ru, name_kk, crossed) in the order of the form; key is the line
    code, or for a row without a code (a heading, «Баланс») its Russian name and its occurrence ('Баланс/2');
    crossed: the numbers (3, 4 …) of the columns printed «х» on that row (ФО-4). The Kazakh names are matched by
    line code, the rows without a code by their order; a line only the Kazakh copy has is left out (FORM_QUIRKS)."""
    ru_text, kk_text = body_of(FORMS_RU, acts_dir), body_of(FORMS_KK, acts_dir)
    out = collections.OrderedDict()
    for form, (ru_heading, kk_heading) in FORM_HEADINGS.items():
        heading_ru, ru_rows = _form_table(ru_text, ru_heading, FORMS_RU)
        heading_kk, kk_rows = _form_table(kk_text, kk_heading, FORMS_KK, kazakh=True)
        head_ru, ru_lines = _form_rows(ru_rows)
        head_kk, kk_lines = _form_rows(kk_rows)
        kk_by_code = {code: name for code, name, _x in kk_lines if code}
        kk_uncoded = [name for code, name, _x in kk_lines if not code]
        ru_uncoded = [name for code, name, _x in ru_lines if not code]
        if len(kk_uncoded) != len(ru_uncoded):
            raise ActError('%s: %d rows without a code in Russian, %d in Kazakh' % (form, len(ru_uncoded),
                                                                                  len(kk_uncoded)))
        lines, seen, uncoded = [], collections.Counter(), 0
        for seq, (code, name, crossed) in enumerate(ru_lines, 1):
            if code:
                if code not in kk_by_code:
                    raise ActError('%s line %s has no Kazakh name' % (form, code))
                key, name_kk = code, kk_by_code[code]
            else:
                seen[name] += 1
                key = name if seen[name] == 1 else '%s/%d' % (name, seen[name])
                name_kk = kk_uncoded[uncoded]
                uncoded += 1
            lines.append(FormLine(form, seq, key, code, name, name_kk, crossed))
        extra = sorted(set(kk_by_code) - {l.code for l in lines})
        if extra and ['%s %s' % (form, c) for c in extra] != [q[0] for q in FORM_QUIRKS if q[0].startswith(form)]:
            raise ActError('%s: lines %s only in the Kazakh copy' % (form, ', '.join(extra)))
        out[form] = FormTable(form, heading_ru, heading_kk, head_ru, head_kk, lines)
    return out


def form_unit_and_periodicity(acts_dir=None):
    """{form: (unit, periodicity)} as each Russian form states them («тысяч тенге», «полугодовая, годовая»)."""
    text = body_of(FORMS_RU, acts_dir)
    out = {}
    for form, (heading, _kk) in FORM_HEADINGS.items():
        start = text.index(heading)
        block = text[start:text.index('<table>', start)]
        unit = re.search(r'Единица измерения:\s*(.+)', block)
        periodicity = re.search(r'Периодичность:\s*(.+)', block)
        if not unit or not periodicity:
            raise ActError('%s: no unit or periodicity stated' % form)
        out[form] = (unit.group(1).strip(), periodicity.group(1).strip())
    return out


def consistency_scheme(acts_dir=None):
    """The rows of the «Схема согласования» (annex 10 to the rules of order No. 230) about ФО-1…ФО-4:
    [(checked, agreed with)] as printed, the form headings left out."""
    text = body_of(FORMS_RU, acts_dir)
    start = text.index('## Схема согласования основных показателей финансовой отчетности')
    rows = tables(text[start:])[0]
    out, forms = [], None
    for row in rows[1:]:
        texts = [c.text for c in row]
        if len(texts) == 1:
            continue
        if texts[0].startswith('Форма '):
            forms = (texts[0], texts[1])
            continue
        out.append((forms, texts[0], texts[1]))
    return out
