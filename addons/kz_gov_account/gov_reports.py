# -*- coding: utf-8 -*-
"""Financial statements ФО-1…ФО-4 and the ledgers of a state institution (ACC-02, ACC-13): pure Python, no odoo.

The statement forms are data: each line of kz.gov.report.line (data/src/fo_lines_230.csv) has an `expression`
that maps accounts to the line. This module parses and validates the expressions, evaluates a form from plain
dicts of figures (one grouped SQL query per report produces them, see wizards/kz_gov_report_wizard.py), computes
the consistency checks printed on the reports, and lays out the turnover sheet (оборотно-сальдовая ведомость),
the account card and the Журнал-Главная book. Amounts are Decimal throughout.

Expression language (DESIGN.md): terms separated by spaces, each with a sign (+ or -)::

    +B:P        closing balance (debit - credit) at the end of the period of the accounts whose code starts with P
    +O:P        opening balance (at the start of the period)
    +M:P        movement in the period (debit - credit turnover)
    +L:C        the value of line C of the same form
    +IN:P       ФО-3: debit turnover of money accounts whose counterpart account starts with P (* = any)
    +OUT:P      ФО-3: credit turnover of money accounts whose counterpart account starts with P (* = any)
    +IN:ebk=E|F, +OUT:ebk=E|F   ФО-3: the same, for the money items carrying those ЕБК specifics
    +CO, +CC    ФО-3: money at the start / at the end of the period

P may list alternatives: ``+B:1010|1030``. ФО-1, ФО-2 and ФО-4 take B, O, M and L terms; ФО-3 takes IN, OUT, CO,
CC and L terms (it is evaluated once per funding source).

Figures::

    balances = {account_code: {'O': Decimal, 'M': Decimal, 'B': Decimal}}
    flows = {(direction 'IN'|'OUT', funding_code, counterpart_account_code, ebk_code or ''): Decimal}
    money_open, money_close = {funding_code: Decimal}

>>> lines = [dict(form='FO1', code='010', name='Cash', expression='+B:10', style='line'),
...          dict(form='FO1', code='100', name='Total', expression='+L:010', style='total')]
>>> rows = form_rows('FO1', lines, {'balances': {'1010': {'O': Decimal(0), 'M': Decimal(5), 'B': Decimal(5)}}})
>>> [(r['code'], r['current']) for r in rows]
[('010', Decimal('5.00')), ('100', Decimal('5.00'))]
"""
import re
from collections import OrderedDict, namedtuple
from decimal import ROUND_HALF_UP, Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import kz_format
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import kz_format

ZERO = Decimal('0.00')
CENT = Decimal('0.01')

FORMS = ('FO1', 'FO2', 'FO3', 'FO4')
FORM_LABELS = {'FO1': 'ФО-1', 'FO2': 'ФО-2', 'FO3': 'ФО-3', 'FO4': 'ФО-4'}
LEDGER_KINDS = frozenset(('B', 'O', 'M', 'L'))
CASH_KINDS = frozenset(('IN', 'OUT', 'CO', 'CC', 'L'))
KINDS_BY_FORM = {'FO1': LEDGER_KINDS, 'FO2': LEDGER_KINDS, 'FO3': CASH_KINDS, 'FO4': LEDGER_KINDS}
STYLES = ('section', 'line', 'total')

#: the lines the consistency checks compare, by form (line codes of data/src/fo_lines_230.csv; a tuple is summed)
CHECK_LINES = {
    'FO1': {'assets': ('200',), 'liabilities': ('300', '390'), 'net_assets': ('490',)},
    'FO3': {'closing': ('400',)},
    'FO4': {'closing': ('200',)},
}

_SIGNED = re.compile(r'^([+-])(.+)$')
_PREFIXES = r'[0-9A-Za-z_.]+(?:\|[0-9A-Za-z_.]+)*'
_LEDGER_TERM = re.compile(r'^(B|O|M):(%s)$' % _PREFIXES)
_LINE_TERM = re.compile(r'^L:([0-9A-Za-z_.]+)$')
_FLOW_TERM = re.compile(r'^(IN|OUT):(\*|%s|ebk=%s)$' % (_PREFIXES, _PREFIXES))
_MONEY_TERM = re.compile(r'^(CO|CC)$')
_TERM_HELP = '+B:P, +O:P, +M:P, +L:C, +IN:P, +OUT:P, +IN:ebk=E|F, +OUT:ebk=E|F, +CO, +CC'


class ExpressionError(ValueError):
    """One or more statement lines are wrong; `errors` lists the messages, one per problem."""

    def __init__(self, errors):
        self.errors = list(errors) if isinstance(errors, (list, tuple)) else [errors]
        super(ExpressionError, self).__init__('\n'.join(self.errors))


#: sign +1/-1; kind B/O/M/L/IN/OUT/CO/CC; prefixes: account prefixes (B/O/M, IN/OUT; ('',) = any) or (line code,)
#: for L; ebks: ЕБК specifics for IN/OUT:ebk=...
Term = namedtuple('Term', 'sign kind prefixes ebks')

#: (ok, left, right, difference)
Check = namedtuple('Check', 'ok left right difference')


def money(value):
    """Decimal with 2 places (half up). Floats are refused: amounts never pass through binary floating point."""
    if value is None or value is False:
        return ZERO
    if isinstance(value, float):
        raise TypeError('amounts are Decimal, not float: %r' % value)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_amount(value, blank_zero=False):
    """'1 234 567,80' (thousands separated by a no-break space, decimals after a comma, as the screens show them:
    kz_edu_base.kz_format); '' for None."""
    if value is None:
        return ''
    value = money(value)
    if blank_zero and not value:
        return ''
    return kz_format.group_amount(value)


def split_balance(balance):
    """(debit, credit) of a signed balance: a debit balance on the left, a credit balance on the right."""
    balance = money(balance)
    return (balance, ZERO) if balance >= 0 else (ZERO, -balance)


# ------------------------------------------------------------------------------------------------ expressions

def parse_term(token):
    """One signed term → Term; ValueError with a readable message otherwise."""
    m = _SIGNED.match(token)
    if not m:
        raise ValueError('term %r has no sign (write +%s or -%s)' % (token, token, token))
    sign, body = (1 if m.group(1) == '+' else -1), m.group(2)
    m = _LEDGER_TERM.match(body)
    if m:
        return Term(sign, m.group(1), tuple(m.group(2).split('|')), ())
    m = _LINE_TERM.match(body)
    if m:
        return Term(sign, 'L', (m.group(1),), ())
    m = _FLOW_TERM.match(body)
    if m:
        selector = m.group(2)
        if selector == '*':
            return Term(sign, m.group(1), ('',), ())
        if selector.startswith('ebk='):
            return Term(sign, m.group(1), ('',), tuple(selector[4:].split('|')))
        return Term(sign, m.group(1), tuple(selector.split('|')), ())
    m = _MONEY_TERM.match(body)
    if m:
        return Term(sign, m.group(1), (), ())
    raise ValueError('unknown term %r (terms are %s)' % (token, _TERM_HELP))


def parse_expression(text, form=None):
    """The terms of an expression (empty for a heading); ExpressionError naming every wrong term."""
    terms, errors = [], []
    for token in (text or '').split():
        try:
            term = parse_term(token)
        except ValueError as e:
            errors.append(str(e))
            continue
        if form and term.kind not in KINDS_BY_FORM[form]:
            errors.append('term %r is not allowed in %s (it takes %s terms)'
                          % (token, FORM_LABELS[form], ', '.join(sorted(KINDS_BY_FORM[form]))))
            continue
        terms.append(term)
    if errors:
        raise ExpressionError(errors)
    return terms


class Line(object):
    """A parsed statement line."""
    __slots__ = ('form', 'code', 'name', 'style', 'expression', 'terms', 'index')

    def __init__(self, form, code, name, style, expression, terms, index):
        self.form, self.code, self.name, self.style = form, code, name, style
        self.expression, self.terms, self.index = expression, terms, index

    def __repr__(self):
        return 'Line(%s %s %r)' % (self.form, self.code, self.expression)


def _get(line, key, default=None):
    if isinstance(line, dict):
        return line.get(key, default)
    return getattr(line, key, default)


def parse_lines(lines, form=None):
    """Validate and parse statement lines (dicts or records with form, code, name, expression, style), keeping
    their order. Returns {form: [Line]}. Raises ExpressionError listing every problem: an unknown term, a term
    another form takes, a duplicated line code, a reference to a missing line, a cycle of references."""
    by_form, errors = OrderedDict(), []
    for index, raw in enumerate(lines):
        f = _get(raw, 'form') or form
        code = (_get(raw, 'code') or _get(raw, 'line_code') or '').strip()
        where = '%s line %s' % (FORM_LABELS.get(f, f), code or '#%d' % (index + 1))
        if f not in FORMS:
            errors.append('%s: unknown form %r' % (where, f))
            continue
        style = _get(raw, 'style') or 'line'
        if style not in STYLES:
            errors.append('%s: unknown style %r (one of %s)' % (where, style, ', '.join(STYLES)))
        expression = _get(raw, 'expression') or ''
        try:
            terms = parse_expression(expression, f)
        except ExpressionError as e:
            errors.extend('%s: %s' % (where, msg) for msg in e.errors)
            terms = []
        by_form.setdefault(f, []).append(Line(f, code, _get(raw, 'name') or '', style, expression, terms, index))
    for f, flines in by_form.items():
        codes = {}
        for line in flines:
            if line.code:
                if line.code in codes:
                    errors.append('%s: line code %s is used twice' % (FORM_LABELS[f], line.code))
                codes[line.code] = line
        for line in flines:
            for term in line.terms:
                if term.kind == 'L' and term.prefixes[0] not in codes:
                    errors.append('%s line %s: refers to line %s, which the form does not have'
                                  % (FORM_LABELS[f], line.code or '#%d' % (line.index + 1), term.prefixes[0]))
        cycle = _find_cycle(codes)
        if cycle:
            errors.append('%s: lines refer to each other in a cycle: %s' % (FORM_LABELS[f], ' → '.join(cycle)))
    if errors:
        raise ExpressionError(errors)
    return by_form


def _references(line):
    return [t.prefixes[0] for t in line.terms if t.kind == 'L']


def _find_cycle(codes):
    """A list of line codes forming a cycle (first repeated at the end), or None."""
    state, stack = {}, []

    def visit(code):
        state[code] = 1
        stack.append(code)
        for ref in _references(codes[code]):
            if ref not in codes:
                continue
            if state.get(ref) == 1:
                return stack[stack.index(ref):] + [ref]
            if not state.get(ref):
                found = visit(ref)
                if found:
                    return found
        stack.pop()
        state[code] = 2
        return None

    for code in codes:
        if not state.get(code):
            found = visit(code)
            if found:
                return found
    return None


def _order(flines):
    """Lines in an order where every referenced line comes before the line referring to it."""
    codes = {l.code: l for l in flines if l.code}
    done, ordered = set(), []

    def visit(line):
        if id(line) in done:
            return
        done.add(id(line))
        for ref in _references(line):
            visit(codes[ref])
        ordered.append(line)

    for line in flines:
        visit(line)
    return ordered


# ------------------------------------------------------------------------------------------------ evaluation

class _Ledger(object):
    """Sums of balances by account prefix, cached."""

    def __init__(self, balances):
        self.balances = balances or {}
        self.cache = {}

    def value(self, kind, prefixes):
        key = (kind, prefixes)
        if key not in self.cache:
            total = ZERO
            for code, figures in self.balances.items():
                if code.startswith(prefixes):
                    total += figures.get(kind) or ZERO
            self.cache[key] = total
        return self.cache[key]


class _Cash(object):
    """ФО-3 figures of one funding source (or of all, funding=None)."""

    def __init__(self, flows, money_open, money_close, funding):
        self.flows = [(k[0], k[2] or '', k[3] or '', v) for k, v in (flows or {}).items()
                      if funding is None or k[1] == funding]
        self.money_open, self.money_close, self.funding = money_open or {}, money_close or {}, funding

    def value(self, term):
        if term.kind in ('CO', 'CC'):
            money_by_funding = self.money_open if term.kind == 'CO' else self.money_close
            if self.funding is None:
                return sum(money_by_funding.values(), ZERO)
            return money_by_funding.get(self.funding) or ZERO
        total = ZERO
        for direction, counterpart, ebk, amount in self.flows:
            if direction != term.kind:
                continue
            if term.ebks:
                if ebk and ebk.startswith(term.ebks):
                    total += amount
            elif counterpart.startswith(term.prefixes):
                total += amount
        return total


def evaluate(flines, source):
    """{line index: Decimal or None} for the parsed lines of one form; headings without terms give None."""
    values, by_code = {}, {}
    for line in _order(flines):
        if not line.terms:
            value = None
        else:
            value = ZERO
            for term in line.terms:
                if term.kind == 'L':
                    part = by_code.get(term.prefixes[0]) or ZERO
                elif term.kind in ('B', 'O', 'M'):
                    part = source.value(term.kind, term.prefixes)
                else:
                    part = source.value(term)
                value += term.sign * part
            value = money(value)
        values[line.index] = value
        if line.code:
            by_code[line.code] = value
    return values


def fundings_of(figures):
    """The funding source codes present in ФО-3 figures, sorted."""
    codes = set()
    for key in (figures.get('flows') or {}):
        codes.add(key[1])
    codes.update(figures.get('money_open') or {})
    codes.update(figures.get('money_close') or {})
    return sorted(codes)


def form_rows(form, lines, current, comparative=None, fundings=None):
    """The rows of form `form` in line order: {'code', 'name', 'style', 'current', 'comparative'} and, for ФО-3,
    'columns' {funding_code: Decimal} (the current period by funding source; 'current' is their total) and
    'comparative_columns'. `lines` are raw lines (validated here) or the parsed lines of that form; `current` and
    `comparative` are {'balances': ...} or, for ФО-3, {'flows', 'money_open', 'money_close'}."""
    flines = _form_lines(form, lines)
    comparative = comparative or {}
    if form == 'FO3':
        if fundings is None:
            fundings = sorted(set(fundings_of(current)) | set(fundings_of(comparative)))
        columns = OrderedDict((f, evaluate(flines, _Cash(current.get('flows'), current.get('money_open'),
                                                             current.get('money_close'), f))) for f in fundings)
        cmp_columns = OrderedDict((f, evaluate(flines, _Cash(comparative.get('flows'), comparative.get('money_open'),
                                                                 comparative.get('money_close'), f)))
                                  for f in fundings)
        cur = evaluate(flines, _Cash(current.get('flows'), current.get('money_open'), current.get('money_close'),
                                     None))
        cmp_ = evaluate(flines, _Cash(comparative.get('flows'), comparative.get('money_open'),
                                      comparative.get('money_close'), None))
    else:
        cur = evaluate(flines, _Ledger(current.get('balances')))
        cmp_ = evaluate(flines, _Ledger(comparative.get('balances')))
        columns = cmp_columns = None
    rows = []
    for line in flines:
        row = {'code': line.code, 'name': line.name, 'style': line.style, 'expression': line.expression,
               'current': cur[line.index], 'comparative': cmp_[line.index]}
        if columns is not None:
            row['columns'] = OrderedDict((f, vals[line.index]) for f, vals in columns.items())
            row['comparative_columns'] = OrderedDict((f, vals[line.index]) for f, vals in cmp_columns.items())
        rows.append(row)
    return rows


def _form_lines(form, lines):
    lines = list(lines)
    if lines and isinstance(lines[0], Line):
        return [l for l in lines if l.form == form]
    return parse_lines([l for l in lines if (_get(l, 'form') or form) == form], form).get(form, [])


def row_values(rows, column='current'):
    """{line code: value} of form rows (lines without a code left out)."""
    return {r['code']: r[column] for r in rows if r['code']}


# ------------------------------------------------------------------------------------------------ checks

def check(left, right):
    """Check(ok, left, right, difference) comparing two amounts (a missing value counts as 0)."""
    left, right = money(left), money(right)
    return Check(left == right, left, right, left - right)


def line_sum(values, codes):
    """The sum of the values of lines `codes` (a code or a tuple of codes; a missing line counts as 0)."""
    if isinstance(codes, str):
        codes = (codes,)
    return sum((money(values.get(c)) for c in codes), ZERO)


def fo1_balance(values, assets=None, liabilities=None, net_assets=None):
    """ФО-1: assets = liabilities + net assets; `values` is {line code: amount} of one column; the line codes
    (a code or a tuple summed) default to CHECK_LINES."""
    codes = CHECK_LINES['FO1']
    return check(line_sum(values, assets or codes['assets']),
                 line_sum(values, liabilities or codes['liabilities']) +
                 line_sum(values, net_assets or codes['net_assets']))


def fo3_cash(closing_by_funding, money_by_funding):
    """ФО-3: the closing money of the form = the money accounts' balance, compared in total; ok only if every
    funding source agrees too (see fo3_cash_by_funding)."""
    per_funding = fo3_cash_by_funding(closing_by_funding, money_by_funding)
    total = check(sum((money(v) for v in closing_by_funding.values()), ZERO),
                  sum((money(v) for v in money_by_funding.values()), ZERO))
    return Check(total.ok and all(c.ok for c in per_funding.values()), total.left, total.right, total.difference)


def fo3_cash_by_funding(closing_by_funding, money_by_funding):
    """{funding: Check} of the ФО-3 closing money against the money accounts' balance of that funding source."""
    keys = sorted(set(closing_by_funding) | set(money_by_funding))
    return OrderedDict((k, check(closing_by_funding.get(k), money_by_funding.get(k))) for k in keys)


def fo4_vs_fo1(fo4_values, fo1_values, fo4_closing=None, fo1_net_assets=None):
    """ФО-4 closing net assets = ФО-1 net assets (same column, same date)."""
    return check(line_sum(fo4_values, fo4_closing or CHECK_LINES['FO4']['closing']),
                 line_sum(fo1_values, fo1_net_assets or CHECK_LINES['FO1']['net_assets']))


def covered_prefixes(flines):
    """The account prefixes the B/O/M terms of the lines name."""
    prefixes = set()
    for line in flines:
        for term in line.terms:
            if term.kind in ('B', 'O', 'M'):
                prefixes.update(term.prefixes)
    return tuple(sorted(prefixes))


def mapping_gaps(lines, balances, form='FO1'):
    """Account codes with a balance (opening or closing) that no line of the form covers: sorted list. Such a
    balance is missing from the statement, so the balance check cannot hold."""
    prefixes = covered_prefixes(_form_lines(form, lines))
    gaps = []
    for code, figures in balances.items():
        if (money(figures.get('B')) or money(figures.get('O'))) and not (prefixes and code.startswith(prefixes)):
            gaps.append(code)
    return sorted(gaps)


# ------------------------------------------------------------------------------------------------ ledgers

def turnover_sheet(accounts):
    """Оборотно-сальдовая ведомость. `accounts`: iterable of dicts {'code', 'name', 'opening' (balance),
    'debit', 'credit'} (period turnover). Returns {'rows': [{'code', 'name', 'open_dt', 'open_ct', 'debit',
    'credit', 'close_dt', 'close_ct', 'closing'}] sorted by code (accounts with nothing left out), 'totals': the
    same keys summed, 'checks': {'opening'|'turnover'|'closing': Check(debit total vs credit total)},
    'balanced': all three hold}."""
    rows = []
    keys = ('open_dt', 'open_ct', 'debit', 'credit', 'close_dt', 'close_ct')
    totals = dict((k, ZERO) for k in keys)
    for acc in sorted(accounts, key=lambda a: a['code']):
        opening, debit, credit = money(acc.get('opening')), money(acc.get('debit')), money(acc.get('credit'))
        if not (opening or debit or credit):
            continue
        closing = opening + debit - credit
        open_dt, open_ct = split_balance(opening)
        close_dt, close_ct = split_balance(closing)
        row = {'code': acc['code'], 'name': acc.get('name') or '', 'open_dt': open_dt, 'open_ct': open_ct,
               'debit': debit, 'credit': credit, 'close_dt': close_dt, 'close_ct': close_ct, 'closing': closing}
        for k in keys:
            totals[k] += row[k]
        rows.append(row)
    checks = OrderedDict([('opening', check(totals['open_dt'], totals['open_ct'])),
                          ('turnover', check(totals['debit'], totals['credit'])),
                          ('closing', check(totals['close_dt'], totals['close_ct']))])
    return {'rows': rows, 'totals': totals, 'checks': checks, 'balanced': all(c.ok for c in checks.values())}


def account_card(opening, items):
    """Карточка счёта. `items`: the account's items of the period in date order, dicts with at least 'debit' and
    'credit' (other keys — date, entry, journal, label, counterpart — are kept). Returns {'opening', 'rows' (each
    item + 'balance', the running balance after it), 'debit', 'credit', 'closing'}."""
    balance = money(opening)
    rows, debit, credit = [], ZERO, ZERO
    for item in items:
        d, c = money(item.get('debit')), money(item.get('credit'))
        balance += d - c
        debit += d
        credit += c
        row = dict(item, debit=d, credit=c, balance=balance)
        rows.append(row)
    return {'opening': money(opening), 'rows': rows, 'debit': debit, 'credit': credit, 'closing': balance}


def journal_main(opening, turnovers, months=None, journals=None):
    """The Журнал-Главная book: columns are accounts (debit, credit), rows are

    * 'opening': the balances at the start of the period, split by side;
    * per month, one 'journal' row per journal (memorial order) with its debit/credit turnover per account and
      its amount (its total debit), then 'month_total' (the turnover of the month per account) and
      'month_closing' (the balances at the end of the month);
    * 'total': the turnover of the period, and 'closing': the balances at the end of the period.

    `opening` {account: balance}; `turnovers` iterable of (month 'YYYY-MM', journal, account, debit, credit);
    `months` lists the months to show even without turnover; `journals` gives the order of the journals.
    Each row: {'kind', 'month', 'journal', 'amount', 'cells': {account: (debit, credit)}}. Also returned:
    'accounts' (sorted), 'checks' {month: Check(total debit, total credit)} and 'balanced'."""
    opening = dict((a, money(v)) for a, v in (opening or {}).items())
    data = OrderedDict()
    for month, journal, account, debit, credit in turnovers:
        cell = data.setdefault(month, {}).setdefault(journal, {}).setdefault(account, [ZERO, ZERO])
        cell[0] += money(debit)
        cell[1] += money(credit)
    all_months = sorted(set(data) | set(months or ()))
    accounts = sorted(set(a for a, v in opening.items() if v) |
                      set(a for m in data.values() for j in m.values() for a in j))
    order = dict((j, i) for i, j in enumerate(journals or ()))

    def jkey(j):
        return (order.get(j, len(order)), '%s' % (j,))

    balance = dict((a, opening.get(a, ZERO)) for a in accounts)
    rows = [{'kind': 'opening', 'month': None, 'journal': None, 'amount': None,
             'cells': dict((a, split_balance(balance[a])) for a in accounts)}]
    period = dict((a, [ZERO, ZERO]) for a in accounts)
    checks = OrderedDict()
    for month in all_months:
        month_cells = dict((a, [ZERO, ZERO]) for a in accounts)
        for journal in sorted(data.get(month, {}), key=jkey):
            cells = data[month][journal]
            rows.append({'kind': 'journal', 'month': month, 'journal': journal,
                         'amount': sum((c[0] for c in cells.values()), ZERO),
                         'cells': dict((a, (c[0], c[1])) for a, c in cells.items())})
            for a, c in cells.items():
                month_cells[a][0] += c[0]
                month_cells[a][1] += c[1]
        total_dt = sum((c[0] for c in month_cells.values()), ZERO)
        total_ct = sum((c[1] for c in month_cells.values()), ZERO)
        checks[month] = check(total_dt, total_ct)
        rows.append({'kind': 'month_total', 'month': month, 'journal': None, 'amount': total_dt,
                     'cells': dict((a, tuple(c)) for a, c in month_cells.items() if c[0] or c[1])})
        for a, c in month_cells.items():
            balance[a] += c[0] - c[1]
            period[a][0] += c[0]
            period[a][1] += c[1]
        rows.append({'kind': 'month_closing', 'month': month, 'journal': None, 'amount': None,
                     'cells': dict((a, split_balance(balance[a])) for a in accounts)})
    rows.append({'kind': 'total', 'month': None, 'journal': None,
                 'amount': sum((c[0] for c in period.values()), ZERO),
                 'cells': dict((a, tuple(c)) for a, c in period.items())})
    rows.append({'kind': 'closing', 'month': None, 'journal': None, 'amount': None,
                 'cells': dict((a, split_balance(balance[a])) for a in accounts)})
    return {'accounts': accounts, 'rows': rows, 'checks': checks, 'closing': balance,
            'balanced': all(c.ok for c in checks.values())}
