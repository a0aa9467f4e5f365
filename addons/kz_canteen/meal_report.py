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
import calendar
import datetime

from canteen_rules import CanteenError, ZERO, to_date, to_money

__all__ = ['SERVED_FIELDS', 'month_bounds', 'previous_month', 'check_month_finished', 'monthly_report', 'tabel',
           'reconcile']

SERVED_FIELDS = ('date', 'child_id', 'grade', 'category', 'funding', 'dish', 'price', 'qty', 'kind',
                 'funding_amount')
REPORT_KINDS = ('free', 'subsidised')


def month_bounds(month):
    day = to_date(month, 'month')
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month(today):
    """The 1st of the month before ``today`` (the month the cron of the 1st reports on)."""
    first = to_date(today, 'today').replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


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
