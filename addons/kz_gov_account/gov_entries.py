"""The standard entries of the chart of state institutions that the posting code uses (pure Python, no odoo import).

``data/src/standard_entries.csv`` names, for each operation the addons post (``key``), the entry of annex 2 of MinFin
order No. 170 («Корреспонденция счетов по основным бухгалтерским операциям») it follows — its number and, for an
entry printed over several rows, the row — and the debit and credit accounts, per funding source where the money
account depends on it (``funding``; empty = any) and per period where the law changed (``valid_from``/``valid_to``).
An operation without a number of annex 2 says which text it rests on instead (the social contributions from 2026).
The tests compare every row with the copy of annex 2 in ``data/src/acts`` (tests/pure/test_gov_acts.py).

The payroll posting (kz_payroll_account/posting_rules.py), the canteen's meal posting and till
(kz_canteen_account), the demo ledger (gov_demo.py) and the closing entries (gov_closing.py) take their accounts
from here, never from constants of their own.

>>> [(p.entry, p.debit, p.credit) for p in postings('payroll_gross')]
[('243', '7010', '3241')]
>>> [(p.entry, p.debit, p.credit) for p in postings('payroll_so', '2025-06-30')]
[('244', '7040', '3122'), ('245', '3122', '3141')]
>>> [(p.entry, p.debit, p.credit) for p in postings('payroll_so', '2026-01-31')]
[('', '7040', '3141')]
>>> postings('pay_net', funding='PAID')[0].credit
'1042'
"""
import collections
import csv
import os

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, 'data', 'src', 'standard_entries.csv')

Posting = collections.namedtuple('Posting', 'key entry row debit credit ebk note')


class EntryError(KzError, LookupError):
    """No standard entry for an operation (on that date, for that funding source)."""


#: the refusal of postings(), by (a funding source given, a date given)
_NO_ENTRY = {
    (False, False): _('no standard entry %(operation)s'),
    (True, False): _('no standard entry %(operation)s for %(funding)s'),
    (False, True): _('no standard entry %(operation)s on %(date)s'),
    (True, True): _('no standard entry %(operation)s for %(funding)s on %(date)s'),
}


_CACHE = {}


def rows(path=None):
    """The rows of standard_entries.csv as dicts (read once)."""
    path = path or SOURCE
    if path not in _CACHE:
        with open(path, encoding='utf-8', newline='') as f:
            _CACHE[path] = [{k: (v or '').strip() for k, v in row.items()} for row in csv.DictReader(f)]
    return _CACHE[path]


def postings(key, on_date=None, funding=None, path=None):
    """The postings of operation `key` on `on_date` (None: any date) for the `funding` source code: the rows of
    that source if it has its own, else the rows for any source. [] is never returned: EntryError instead."""
    day = to_date(on_date, required=False)
    selected = []
    for row in rows(path):
        if row['key'] != key:
            continue
        if day is not None and ((row['valid_from'] and day < to_date(row['valid_from'])) or
                                (row['valid_to'] and day > to_date(row['valid_to']))):
            continue
        selected.append(row)
    own = [r for r in selected if funding and r['funding'] == funding]
    chosen = own or [r for r in selected if not r['funding']]
    if not chosen:
        raise EntryError('no_standard_entry', _NO_ENTRY[bool(funding), bool(day)], operation=repr(key),
                         funding=funding, date=day)
    return [Posting(r['key'], r['entry'], r['row'], r['debit'], r['credit'], r['ebk'], r['note']) for r in chosen]


def posting(key, on_date=None, funding=None, path=None):
    """The one posting of an operation made of one posting (EntryError if it has several)."""
    found = postings(key, on_date, funding, path)
    if len(found) != 1:
        raise EntryError('operation %r has %d postings' % (key, len(found)))
    return found[0]


def accounts(keys=None, path=None):
    """Every account code the rows of `keys` (all by default) name, sorted; section-wide rows ('6', '7') left out."""
    out = set()
    for row in rows(path):
        if keys is None or row['key'] in keys:
            out.update(code for code in (row['debit'], row['credit']) if len(code) == 4)
    return sorted(out)


#: the operations closing the planned assignments not used at the end of the year (entries 20, 21): credits of a
#: planned assignment that are no payment of the treasury (the payments check leaves them out)
PLAN_CLOSING_KEYS = ('plan_close_current', 'plan_close_capital')


def plan_closing(path=None):
    """{planned-assignment account code: Posting} of entries 20 and 21 (Dt 6090 / Kt 1081, 1082, 1091, 1092)."""
    out = {}
    for row in rows(path):
        if row['key'] in PLAN_CLOSING_KEYS:
            out[row['credit']] = Posting(row['key'], row['entry'], row['row'], row['debit'], row['credit'],
                                         row['ebk'], row['note'])
    return out


def plan_closing_entries(path=None):
    """The numbers of annex 2 of the plan-closing entries: {'20', '21'}."""
    return frozenset(p.entry for p in plan_closing(path).values())


def label(p):
    """How a posting names its source: «243» or, for one with no entry of annex 2, ''."""
    return p.entry if not p.row or p.row == '1' else '%s/%s' % (p.entry, p.row)


def ebk_of(p, variant=0):
    """The ЕБК specific a posting carries: its `ebk` column holds one specific, or alternatives «111|131» (for the
    payroll: teaching and administrative staff | technical staff, order 151 annex 2 specifics 111/131, 116/121/
    122/124 and 135; for the canteen: the meals of the budget | of the fund of universal compulsory education,
    specific 163). '' when the operation's specific is given by the caller (a bill, a payment)."""
    options = (p.ebk or '').split('|')
    return options[variant] if variant < len(options) else options[-1]


#: payslip rule codes (kz_payroll's salary rules) → operations of standard_entries.csv, in the order they are posted
PAYROLL_RULES = collections.OrderedDict([
    ('GROSS', 'payroll_gross'), ('OPV', 'payroll_opv'), ('VOSMS', 'payroll_vosms'), ('IPN', 'payroll_ipn'),
    ('OPVR', 'payroll_opvr'), ('SN', 'payroll_sn'), ('SO', 'payroll_so'), ('OOSMS', 'payroll_oosms'),
])


def payroll_lines(totals, on_date, technical=False):
    """The journal lines of a payroll of `on_date` (its month's last day): [(account, ebk, debit, credit, rule code,
    entry label)] — for each rule code of `totals` (amounts as Decimal), each posting of its operation on that
    date, debit line then credit line, under the ЕБК of the teaching (or the technical) staff. Zero amounts are
    left out; a negative amount is refused (ValueError)."""
    from decimal import Decimal
    tiyn = Decimal('0.01')
    lines = []
    for code, key in PAYROLL_RULES.items():
        amount = Decimal(str(totals.get(code) or 0)).quantize(tiyn)
        if amount < 0:
            raise ValueError('negative payroll amount for %s: %s' % (code, amount))
        if not amount:
            continue
        for p in postings(key, on_date):
            ebk = ebk_of(p, 1 if technical else 0)
            lines.append((p.debit, ebk, amount, Decimal(0), code, label(p)))
            lines.append((p.credit, ebk, Decimal(0), amount, code, label(p)))
    return lines
