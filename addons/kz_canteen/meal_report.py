"""Canteen reports as plain Python (HSC-05, HSC-10): the monthly report on free and subsidised meals, the табель of
meals served per child per day that the supplier is paid on, and the reconciliation of meals served against the
Social Wallet voucher табель and the supplier's invoice. Nothing here imports Odoo: the ORM layer fetches the served
meal lines of one school and month with one query and hands them over as rows.

A served-meal row is a tuple in the order of :data:`SERVED_FIELDS` or a dict with those keys (trailing fields
optional): ``date, child_id, grade, category, funding, dish, price, qty (1), kind ('free'), funding_amount
(price × qty)``. ``price`` is the menu price of one portion (what the supplier is paid), ``funding_amount`` what the
funding source pays (the full price for a free meal, the budget share for a subsidised one). ``category`` is the
entitlement category (``PRIMARY`` for grades 1-4, else the social category code), ``funding`` the funding source
code (canteen_rules.entitlement).

A report for a month is refused (``month_not_finished``) until the month is over: ``today`` must be on or after the
1st of the next month. The cron that runs on the 1st reports :func:`previous_month` of its date.
"""
import csv
import datetime
import io

try:  # inside Odoo (a package): the same module object as the models use
    from .canteen_rules import CanteenError, ZERO, to_date, to_money
except ImportError:  # pure tests and tools: the addon folder is on sys.path
    from canteen_rules import CanteenError, ZERO, to_date, to_money
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import month_bounds, previous_month, read_date
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import month_bounds, previous_month, read_date

__all__ = ['SERVED_FIELDS', 'month_bounds', 'previous_month', 'check_month_finished', 'monthly_report', 'tabel',
           'reconcile', 'first_report_day', 'totals_by', 'read_csv', 'table_records', 'parse_day', 'parse_iin',
           'read_vouchers', 'read_invoice_lines', 'reconcile_month']

SERVED_FIELDS = ('date', 'child_id', 'grade', 'category', 'funding', 'dish', 'price', 'qty', 'kind',
                 'funding_amount')
REPORT_KINDS = ('free', 'subsidised')


def check_month_finished(month, today):
    """Raise ``month_not_finished`` unless ``today`` is after the last day of ``month``."""
    start, end = month_bounds(month)
    today = to_date(today, 'today')
    if today <= end:
        raise CanteenError('month_not_finished', 'the month %s is not finished on %s; its report can be made from %s'
                           % (start.strftime('%m.%Y'), today, end + datetime.timedelta(days=1)),
                           month=start, today=today)
    return start, end


_DATE_CACHE = {}


def _date(value):
    if type(value) is datetime.date:
        return value
    cached = _DATE_CACHE.get(value)
    if cached is None:
        cached = to_date(value, 'date of a served meal')
        if isinstance(value, str):
            _DATE_CACHE[value] = cached
    return cached


def _money(value, cache={}):
    """to_money with a cache for the few distinct prices of a month (a few dozen over 44 000 rows)."""
    key = (type(value), value)
    try:
        return cache[key]
    except (KeyError, TypeError):
        amount = to_money(value, 'price')
        try:
            cache[key] = amount
        except TypeError:
            pass
        return amount


def _rows(served, start, end, kinds):
    """Normalised served rows of the month and kinds: (date, child_id, grade, category, funding, dish, price, qty,
    kind, funding_amount). Rows of other months or kinds are skipped (counted in ``skipped``)."""
    out, skipped = [], 0
    n = len(SERVED_FIELDS)
    for row in served:
        if isinstance(row, dict):
            values = [row.get(f) for f in SERVED_FIELDS]
        else:
            values = list(row) + [None] * (n - len(row))
        day = _date(values[0])
        kind = values[8] or 'free'
        if day < start or day > end or (kinds is not None and kind not in kinds):
            skipped += 1
            continue
        price = _money(values[6])
        qty = 1 if values[7] is None else values[7]
        if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
            raise CanteenError('bad_input', 'served meal of child %s on %s has quantity %r; it must be a positive '
                               'whole number' % (values[1], day, qty))
        funding_amount = price * qty if values[9] is None else _money(values[9])
        out.append((day, values[1], values[2], values[3] or '', values[4] or '', values[5], price, qty, kind,
                    funding_amount))
    return out, skipped


def _bucket():
    return {'students': set(), 'meals': 0, 'amount': ZERO, 'funding_amount': ZERO}


def _add(bucket, child, qty, amount, funding_amount):
    bucket['students'].add(child)
    bucket['meals'] += qty
    bucket['amount'] += amount
    bucket['funding_amount'] += funding_amount


def _close(bucket):
    return {'students': len(bucket['students']), 'meals': bucket['meals'], 'amount': bucket['amount'],
            'funding_amount': bucket['funding_amount']}


def monthly_report(served, month, today, kinds=REPORT_KINDS):
    """The monthly report on free and subsidised meals (HSC-10) for the month containing ``month``.

    Returns a dict with ``month`` (1st), ``date_from``, ``date_to``, and:

    * ``total``: {students (distinct), meals, amount (price × qty), funding_amount};
    * ``by_group``: [{category, funding, students, meals, amount, funding_amount}] sorted by category, funding;
    * ``by_day``: [{date, students, meals, amount, funding_amount}] for days with meals;
    * ``lines``: [{date, category, funding, dish, price, students, meals, amount, funding_amount}] — per day,
      category, funding source, dish and price (a dish served at two prices gives two lines);
    * ``dishes``: [{dish, price, meals, amount}] over the month;
    * ``skipped``: rows outside the month or of other kinds (e.g. paid).
    Raises ``month_not_finished`` before the month is over.
    """
    start, end = check_month_finished(month, today)
    rows, skipped = _rows(served, start, end, kinds)
    total, groups, days, lines, dishes = _bucket(), {}, {}, {}, {}
    for day, child, _grade, category, funding, dish, price, qty, _kind, funding_amount in rows:
        amount = price * qty
        _add(total, child, qty, amount, funding_amount)
        key = (category, funding)
        _add(groups.get(key) or groups.setdefault(key, _bucket()), child, qty, amount, funding_amount)
        _add(days.get(day) or days.setdefault(day, _bucket()), child, qty, amount, funding_amount)
        key = (day, category, funding, dish, price)
        _add(lines.get(key) or lines.setdefault(key, _bucket()), child, qty, amount, funding_amount)
        key = (dish, price)
        _add(dishes.get(key) or dishes.setdefault(key, _bucket()), child, qty, amount, funding_amount)
    return {
        'month': start, 'date_from': start, 'date_to': end, 'total': _close(total), 'skipped': skipped,
        'by_group': [dict(category=k[0], funding=k[1], **_close(v)) for k, v in sorted(groups.items())],
        'by_day': [dict(date=k, **_close(v)) for k, v in sorted(days.items())],
        'lines': [dict(date=k[0], category=k[1], funding=k[2], dish=k[3], price=k[4], **_close(v))
                  for k, v in sorted(lines.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], str(kv[0][3]),
                                                                    kv[0][4]))],
        'dishes': [dict(dish=k[0], price=k[1], meals=v['meals'], amount=v['amount'])
                   for k, v in sorted(dishes.items(), key=lambda kv: (str(kv[0][0]), kv[0][1]))],
    }


def tabel(served, month, today=None, children=None, kinds=REPORT_KINDS):
    """The табель of meals served per child per day (what the supplier is paid on).

    ``children``: optional list of child ids in the order of the document (children without a meal get a row of
    zeros; a child served but not in the list is appended). Returns ``{'month', 'days': [1..n], 'rows': [{child_id,
    counts: [n], amounts: [n], total_count, total_amount}], 'day_counts', 'day_amounts', 'total_count',
    'total_amount'}`` where n is the number of days of the month (28..31) and amounts are price × qty. With
    ``today`` given, a month not finished is refused (``month_not_finished``); without it a running табель is made.
    """
    if today is not None:
        start, end = check_month_finished(month, today)
    else:
        start, end = month_bounds(month)
    ndays = end.day
    rows, _skipped = _rows(served, start, end, kinds)
    by_child = {}
    order = list(children or ())
    for child in order:
        by_child[child] = ([0] * ndays, [ZERO] * ndays)
    for day, child, _g, _c, _f, _dish, price, qty, _k, _fa in rows:
        entry = by_child.get(child)
        if entry is None:
            entry = by_child[child] = ([0] * ndays, [ZERO] * ndays)
            order.append(child)
        i = day.day - 1
        entry[0][i] += qty
        entry[1][i] += price * qty
    out_rows = []
    day_counts, day_amounts = [0] * ndays, [ZERO] * ndays
    for child in order:
        counts, amounts = by_child[child]
        for i in range(ndays):
            day_counts[i] += counts[i]
            day_amounts[i] += amounts[i]
        out_rows.append({'child_id': child, 'counts': counts, 'amounts': amounts, 'total_count': sum(counts),
                         'total_amount': sum(amounts, ZERO)})
    return {'month': start, 'days': list(range(1, ndays + 1)), 'rows': out_rows, 'day_counts': day_counts,
            'day_amounts': day_amounts, 'total_count': sum(day_counts), 'total_amount': sum(day_amounts, ZERO)}


def _fields(row, names):
    if isinstance(row, dict):
        return [row.get(n) for n in names]
    row = list(row)
    return row + [None] * (len(names) - len(row))


def reconcile(served, vouchers, invoice_lines, month=None, today=None, kinds=REPORT_KINDS):
    """Meals served vs the Social Wallet voucher табель vs the supplier invoice, with every difference listed.

    * ``served``: served-meal rows (as above; only ``kinds``, by default free and subsidised);
    * ``vouchers``: rows ``(date, child_id[, qty=1])`` — meals the Social Wallet recorded against a voucher;
    * ``invoice_lines``: rows ``(date, dish, qty, amount)`` — the supplier's invoice per day and dish.
    With ``month`` every input is limited to that month; with ``today`` too, a month not finished is refused.

    Returns ``{'served_without_voucher': [{date, child_id, served, vouchers}], 'voucher_without_meal': [{date,
    child_id, served, vouchers}], 'invoice_differences': [{date, dish, served_qty, invoiced_qty, served_amount,
    invoiced_amount, qty_difference, amount_difference}], 'totals': {...}, 'ok': bool}``. Differences are
    invoiced − served (positive: the supplier invoices more than was served).
    """
    if month is not None:
        start, end = check_month_finished(month, today) if today is not None else month_bounds(month)
    else:
        start, end = datetime.date.min, datetime.date.max
    rows, _skipped = _rows(served, start, end, kinds)
    served_child, served_dish = {}, {}
    for day, child, _g, _c, _f, dish, price, qty, _k, _fa in rows:
        served_child[(day, child)] = served_child.get((day, child), 0) + qty
        q, a = served_dish.get((day, dish), (0, ZERO))
        served_dish[(day, dish)] = (q + qty, a + price * qty)
    voucher_child = {}
    for row in vouchers or ():
        day, child, qty = _fields(row, ('date', 'child_id', 'qty'))[:3]
        day = _date(day)
        if start <= day <= end:
            voucher_child[(day, child)] = voucher_child.get((day, child), 0) + (1 if qty is None else int(qty))
    invoiced = {}
    for row in invoice_lines or ():
        day, dish, qty, amount = _fields(row, ('date', 'dish', 'qty', 'amount'))[:4]
        day = _date(day)
        if start <= day <= end:
            q, a = invoiced.get((day, dish), (0, ZERO))
            invoiced[(day, dish)] = (q + int(qty or 0), a + to_money(amount or 0, 'invoice amount'))

    def sort_key(k):
        return (k[0], str(k[1]))

    without_voucher, without_meal = [], []
    for key in sorted(set(served_child) | set(voucher_child), key=sort_key):
        s, v = served_child.get(key, 0), voucher_child.get(key, 0)
        item = {'date': key[0], 'child_id': key[1], 'served': s, 'vouchers': v}
        if s > v:
            without_voucher.append(item)
        elif v > s:
            without_meal.append(item)
    differences = []
    for key in sorted(set(served_dish) | set(invoiced), key=sort_key):
        sq, sa = served_dish.get(key, (0, ZERO))
        iq, ia = invoiced.get(key, (0, ZERO))
        if sq != iq or sa != ia:
            differences.append({'date': key[0], 'dish': key[1], 'served_qty': sq, 'invoiced_qty': iq,
                                'served_amount': sa, 'invoiced_amount': ia, 'qty_difference': iq - sq,
                                'amount_difference': ia - sa})
    totals = {'served_meals': sum(served_child.values()), 'voucher_meals': sum(voucher_child.values()),
              'invoiced_meals': sum(q for q, _a in invoiced.values()),
              'served_amount': sum((a for _q, a in served_dish.values()), ZERO),
              'invoiced_amount': sum((a for _q, a in invoiced.values()), ZERO)}
    return {'served_without_voucher': without_voucher, 'voucher_without_meal': without_meal,
            'invoice_differences': differences, 'totals': totals,
            'ok': not (without_voucher or without_meal or differences)}


# ----------------------------------------------------------------------------------------------------------------
# Added for the documents (wizards/kz_canteen_report_wizard.py, wizards/kz_canteen_reconcile_wizard.py): totals per
# funding source, the first day a month's report can be made, the voucher list and invoice detail read from a file
# (CSV text or spreadsheet cells, every error naming its line) and the reconciliation of one month, the vouchers
# matched against meals (not dish portions) and the invoice compared per day or per dish over the month. Nothing
# above changes.

FILE_COLUMNS = {
    'date': ('date', 'day', 'дата', 'день', 'күні', 'күн'),
    'iin': ('iin', 'иин', 'жсн', 'iin/жсн', 'иин/жсн', 'жсн/иин'),
    'qty': ('qty', 'quantity', 'count', 'количество', 'кол-во', 'кол.', 'саны', 'порций', 'порция'),
    'dish': ('dish', 'product', 'блюдо', 'наименование', 'тағам', 'атауы'),
    'amount': ('amount', 'total', 'sum', 'сумма', 'сома', 'стоимость', 'құны'),
}
VOUCHER_COLUMNS = ('date', 'iin', 'qty')
INVOICE_COLUMNS = ('date', 'dish', 'qty', 'amount')
MAX_FILE_QTY = 10000        # more portions than this on one line is a typing error


def first_report_day(month):
    """The first day the report of ``month`` can be made: the 1st of the next month."""
    return month_bounds(month)[1] + datetime.timedelta(days=1)


def totals_by(served, month, field, kinds=REPORT_KINDS):
    """Totals of the month per value of ``field`` (a name of :data:`SERVED_FIELDS`, e.g. ``'funding'`` or
    ``'category'``): [{field: value, students (distinct), meals, amount, funding_amount}] sorted by value. The
    month need not be finished (the caller checked it)."""
    index = SERVED_FIELDS.index(field)
    start, end = month_bounds(month)
    rows, _skipped = _rows(served, start, end, kinds)
    groups = {}
    for row in rows:
        qty, price = row[7], row[6]
        key = row[index] if row[index] is not None else ''
        _add(groups.get(key) or groups.setdefault(key, _bucket()), row[1], qty, price * qty, row[9])
    return [dict(_close(v), **{field: k}) for k, v in sorted(groups.items(), key=lambda kv: str(kv[0]))]


def _file_error(problem, message, line=None, column=None, value=None):
    return CanteenError('bad_input', message, problem=problem, line=line, column=column, value=value)


def read_csv(content):
    """Rows (lists of stripped texts) of a CSV file given as bytes or text: UTF-8 (with or without BOM) or
    Windows-1251 (Excel in Russian), separated by ``;``, ``,`` or a tab (the one of the first line)."""
    if isinstance(content, bytes):
        for encoding in ('utf-8-sig', 'cp1251'):
            try:
                content = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    first = next((l for l in content.splitlines() if l.strip()), '')
    delimiter = max((';', ',', '\t'), key=first.count) if first else ','
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(content), delimiter=delimiter)]


def _normal(text):
    return ' '.join(str(text or '').strip().lower().replace('ё', 'е').split())


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def table_records(rows, columns, required):
    """``[(line number, {column: value})]`` of a table read from a file: ``rows`` are lists of cells, the first
    non-empty one either a header naming the columns (see :data:`FILE_COLUMNS`, any order, other columns ignored)
    or already data, then the columns are taken in the order of ``columns``. Empty rows are skipped; line numbers
    count from 1 as a spreadsheet shows them. Raises ``bad_input`` (problem ``empty`` or ``missing_column``)."""
    rows = [list(r) for r in rows]
    first = next((i for i, r in enumerate(rows) if any(not _blank(c) for c in r)), None)
    if first is None:
        raise _file_error('empty', 'the file has no rows')
    aliases = {alias: col for col in columns for alias in FILE_COLUMNS[col]}
    header = [aliases.get(_normal(c)) for c in rows[first]]
    if any(header):
        missing = [c for c in required if c not in header]
        if missing:
            raise _file_error('missing_column', 'the header on line %d has no column %s'
                              % (first + 1, ', '.join(missing)), line=first + 1, column=missing[0])
        positions = {col: header.index(col) for col in columns if col in header}
        start = first + 1
    else:
        positions = {col: i for i, col in enumerate(columns)}
        start = first
    out = []
    for i in range(start, len(rows)):
        row = rows[i]
        if all(_blank(c) for c in row):
            continue
        out.append((i + 1, {col: (row[pos] if pos < len(row) else None) for col, pos in positions.items()}))
    return out


def parse_day(value, line=None, column='date'):
    """A date from a date, a datetime, 'YYYY-MM-DD' or 'DD.MM.YYYY' (also with / or -; kz_dates.read_date);
    ``bad_input`` naming the line otherwise."""
    day = read_date(value)
    if day is not None:
        return day
    raise _file_error('bad_date', 'line %s: %r is not a date (DD.MM.YYYY or YYYY-MM-DD)' % (line, value),
                      line=line, column=column, value=value)


def _whole(value, line, column, default=None, minimum=1):
    if _blank(value):
        if default is not None:
            return default
        raise _file_error('bad_number', 'line %s: the %s is empty' % (line, column), line=line, column=column,
                          value=value)
    number = value
    if isinstance(value, str):
        text = value.strip().replace(' ', '').replace('\xa0', '').replace(',', '.')
        try:
            number = float(text) if '.' in text else int(text)
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, (int, float)) or number != number \
            or int(number) != number or not minimum <= number <= MAX_FILE_QTY:
        raise _file_error('bad_number', 'line %s: the %s %r is not a whole number from %d to %d'
                          % (line, column, value, minimum, MAX_FILE_QTY), line=line, column=column, value=value)
    return int(number)


def parse_iin(value, line=None):
    """The 12 digits of an IIN; a number read from a spreadsheet gets back its leading zeros."""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10 ** 12:
        return '%012d' % value
    text = str(value or '').strip().replace(' ', '')
    if len(text) == 12 and text.isdigit():
        return text
    raise _file_error('bad_iin', 'line %s: %r is not an IIN (12 digits)' % (line, value), line=line,
                      column='iin', value=value)


def read_vouchers(rows):
    """The Social Wallet voucher list: rows of cells (``read_csv`` or a spreadsheet), columns date, IIN and an
    optional quantity (1 when empty). Returns [{'line', 'date', 'iin', 'qty'}]; the first malformed line raises
    ``bad_input`` with ``details`` problem, line, column, value."""
    out = []
    for line, rec in table_records(rows, VOUCHER_COLUMNS, ('date', 'iin')):
        out.append({'line': line, 'date': parse_day(rec.get('date'), line), 'iin': parse_iin(rec.get('iin'), line),
                    'qty': _whole(rec.get('qty'), line, 'qty', default=1)})
    return out


def read_invoice_lines(rows):
    """The supplier's invoice detail: rows of cells, columns date, dish (name or code as printed), quantity and
    amount (the line total). Returns [{'line', 'date', 'dish', 'qty', 'amount'}] (amount a Decimal)."""
    out = []
    for line, rec in table_records(rows, INVOICE_COLUMNS, INVOICE_COLUMNS):
        dish = str(rec.get('dish') if rec.get('dish') is not None else '').strip()
        if not dish:
            raise _file_error('bad_dish', 'line %s: the dish is empty' % line, line=line, column='dish')
        try:
            amount = to_money(rec.get('amount') if not isinstance(rec.get('amount'), str)
                              else rec['amount'].replace('\xa0', '').replace(',', '.'), 'amount')
        except CanteenError:
            raise _file_error('bad_amount', 'line %s: %r is not an amount' % (line, rec.get('amount')), line=line,
                              column='amount', value=rec.get('amount'))
        if amount < 0:
            raise _file_error('bad_amount', 'line %s: the amount %s is negative' % (line, amount), line=line,
                              column='amount', value=rec.get('amount'))
        out.append({'line': line, 'date': parse_day(rec.get('date'), line), 'dish': dish,
                    'qty': _whole(rec.get('qty'), line, 'qty', minimum=0), 'amount': amount})
    return out


def reconcile_month(served, vouchers, invoice_lines, month, today=None, invoice_by_day=True, kinds=REPORT_KINDS,
                    meals=None):
    """:func:`reconcile` for one month, the vouchers and the invoice each compared with what they count.

    * ``meals``: rows ``(date, child_id, number of meals)`` the vouchers are matched against — a set meal of
      several dishes is one meal and one voucher; without it the served rows are (one per dish portion);
    * the invoice is compared with the served dish portions per day and dish, or with ``invoice_by_day=False``
      per dish over the whole month (an invoice whose lines carry no day; its differences have ``date`` None).
    Returns the keys of :func:`reconcile`; ``totals`` has ``served_meals`` (what the vouchers are matched
    against), ``voucher_meals``, ``served_portions``, ``invoiced_meals`` (portions), ``served_amount`` and
    ``invoiced_amount``. With ``today`` a month not finished is refused.
    """
    start, end = check_month_finished(month, today) if today is not None else month_bounds(month)
    if meals is None:
        voucher_part = reconcile(served, vouchers, (), month=start, kinds=kinds)
    else:
        rows = [(day, child, None, '', '', None, ZERO, qty, 'free', ZERO) for day, child, qty in meals]
        voucher_part = reconcile(rows, vouchers, (), month=start, kinds=None)
    if invoice_by_day:
        invoice_part = reconcile(served, (), invoice_lines, month=start, kinds=kinds)
        differences = invoice_part['invoice_differences']
    else:
        rows, _skipped = _rows(served, start, end, kinds)
        served_month = [(start,) + tuple(r[1:]) for r in rows]
        invoiced_month = []
        for row in invoice_lines or ():
            day, dish, qty, amount = _fields(row, ('date', 'dish', 'qty', 'amount'))[:4]
            if start <= _date(day) <= end:
                invoiced_month.append((start, dish, qty, amount))
        invoice_part = reconcile(served_month, (), invoiced_month, month=start, kinds=kinds)
        differences = [dict(d, date=None) for d in invoice_part['invoice_differences']]
    vt, it = voucher_part['totals'], invoice_part['totals']
    result = {
        'served_without_voucher': voucher_part['served_without_voucher'],
        'voucher_without_meal': voucher_part['voucher_without_meal'],
        'invoice_differences': differences,
        'totals': {'served_meals': vt['served_meals'], 'voucher_meals': vt['voucher_meals'],
                   'served_portions': it['served_meals'], 'invoiced_meals': it['invoiced_meals'],
                   'served_amount': it['served_amount'], 'invoiced_amount': it['invoiced_amount']},
    }
    result['ok'] = not (result['served_without_voucher'] or result['voucher_without_meal'] or differences)
    return result
