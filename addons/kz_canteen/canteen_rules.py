"""Rules of the school canteen (issue #6; HSC-02, HSC-04, HSC-05, HSC-08): meal entitlements, the decision on one
sale at the POS, offline-sync idempotency and the approval of menus. Pure Python (standard library only, no odoo
import), so the POS/ORM layer of ``kz_canteen`` only fetches rows, calls these functions and stores the result.

Errors
------
Every refusal is a :class:`CanteenError` (a ``ValueError``) with a stable ``code`` (the Odoo layer translates by
code), an English message naming what is wrong, and ``details`` (a dict: dish, allergen, amounts ...). Refusals of a
sale are :class:`SaleRefused`, a subclass. Codes: ``card_unknown``, ``card_blocked``, ``card_other_school``,
``menu_not_approved``, ``dish_not_on_menu``, ``allergen_restricted``, ``second_free_meal``,
``insufficient_balance``, ``negative_quantity``, ``empty_order``, ``invalid_menu``,
``price_change_after_approval``, ``menu_change_after_approval``, ``bad_order_key``, ``bad_input``,
``parameter_missing``, ``topup_not_positive``, ``topup_fraction``, ``topup_too_large``, ``topup_future``.

Entitlement (domain notes: /work/shared/domain/kz_rules.md §4; sources: data/SOURCES.md)
-----------------------------------------------------------------------------------
* grades FREE_GRADE_MIN..FREE_GRADE_MAX (1..4 since 1 Sept 2023) → ``free``, category ``PRIMARY``, funding
  FUNDING_PRIMARY (local budget);
* grades SOCIAL_GRADE_MIN..SOCIAL_GRADE_MAX (5..11) with a social category valid on the date (inclusive
  ``date_from``..``date_to``, ``date_to`` None = open) that is in FREE_SOCIAL_CATEGORIES → ``free``, funding
  FUNDING_SOCIAL (фонд всеобуча); one in SUBSIDISED_CATEGORIES → ``subsidised``: the budget pays SUBSIDISED_SHARE
  of the free set, the child the rest;
* anybody else → ``paid`` (funding FUNDING_PAID, prepaid balance).
When a child has several valid categories the free one wins, then the subsidised one; among equals the first in the
parameter list (so the report category is stable).

Sale
----
A free (or subsidised) meal covers **one set meal** a day (``FREE_MEALS_PER_DAY``, default 1): a set meal is one
portion of each menu line marked ``is_free_set`` (soup, main course, drink), so each set dish is free up to the
sets left today; ``meals_today`` counts the set meals (free orders) already recorded. Everything else (extras, a set meal for a paid child)
is charged to the child's prepaid balance at the menu price. A set meal asked for by an entitled child whose
allowance is used up is refused (``second_free_meal``) unless ``allow_paid_repeat=True``, then it is sold as paid.

Money is :class:`decimal.Decimal`, rounded to the tiyn (0.01) half-up; floats are read through ``repr``.
"""
import csv
import datetime
import os
import random
import time
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import dated_rows
    from kz_money import TIYN, ZERO, money, to_decimal
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import dated_rows
    from odoo.addons.kz_edu_base.kz_money import TIYN, ZERO, money, to_decimal
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

__all__ = [
    'CanteenError', 'SaleRefused', 'load_parameters', 'resolve_parameters', 'entitlement', 'identify',
    'decide_sale', 'free_sets', 'pos_summary', 'order_key', 'merge_synced', 'over_free_limit', 'validate_menu',
    'approve_menu', 'check_menu_change', 'check_topup', 'benchmark_decisions', 'PARAMETERS_CSV', 'REFUSALS',
    'sale_refused', 'AGE_GROUPS', 'AGE_GROUP_OF_GRADE', 'AGE_GROUP_SOURCE', 'age_group',
]

PARAMETERS_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'kz_canteen_parameters.csv')

MAX_QUANTITY = 20            # more than 20 of one dish in one child's order is a typing error at the till
MAX_KEY_PART = 64

FREE, SUBSIDISED, PAID = 'free', 'subsidised', 'paid'
PRIMARY_CATEGORY = 'PRIMARY'

_COLUMNS = ('code', 'date_from', 'date_to', 'value', 'unit', 'source', 'status')

#: code -> unit the value is read as; every one must resolve on a date.
REQUIRED_CODES = {
    'FREE_GRADE_MIN': 'int', 'FREE_GRADE_MAX': 'int',
    'SOCIAL_GRADE_MIN': 'int', 'SOCIAL_GRADE_MAX': 'int',
    'FREE_SOCIAL_CATEGORIES': 'codes', 'SUBSIDISED_CATEGORIES': 'codes', 'SUBSIDISED_SHARE': 'rate',
    'FREE_MEALS_PER_DAY': 'int',
    'FUNDING_PRIMARY': 'code', 'FUNDING_SOCIAL': 'code', 'FUNDING_SUBSIDISED': 'code', 'FUNDING_PAID': 'code',
}


class CanteenError(KzError, ValueError):
    """A canteen input, rule or parameter problem: ``code`` is stable (callers branch on it), the English template
    and its parameters (``details``) are translated by the ORM (kz_edu_base kz_errors / user_errors)."""


class SaleRefused(CanteenError):
    """The POS refuses the order; the message is shown to the cashier (translated by the ORM, kz_edu_base
    user_errors), and by the till offline from :data:`REFUSALS` with the same parameters."""


#: the cashier's text of each refusal of a sale, by code (the till offline shows the same, kz.canteen.pos)
REFUSALS = {
    'card_unknown': _('Card %(card)s is not registered. Find the child by name or send them to the secretary.'),
    'card_blocked': _('Card %(card)s is blocked (lost or replaced). Find the child by name; the parents must order a '
                      'new card.'),
    'card_other_school': _('Card %(card)s belongs to another school.'),
    'menu_not_approved': _('There is no menu approved by the commission for today: meals cannot be sold.'),
    'menu_of_another_day': _('The approved menu is for %(menu_date)s, not for today (%(date)s): meals cannot be '
                             'sold.'),
    'dish_not_on_menu': _("This dish is not on today's approved menu."),
    'allergen_restricted': _('%(dish_name)s contains %(allergens)s: the parents have restricted it. Offer another '
                             'dish.'),
    'second_free_meal': _('The child has already received the free meal today (limit %(limit)s a day).'),
    'insufficient_balance': _('Not enough money on the balance: %(balance)s ₸ left, %(due)s ₸ to pay. The parents '
                              'can top up the balance.'),
    'negative_quantity': _('The quantity must be a whole number from 1 to %(maximum)s.'),
    'empty_order': _('The order has no dishes.'),
    'not_a_student': _('This customer is not a student of this school.'),
}


def sale_refused(code, template=None, **params):
    """The SaleRefused ``code`` with its cashier's text (``template`` names another text of the same code)."""
    return SaleRefused(code, template or REFUSALS[code], **params)


# ----------------------------------------------------------------------------------------------- age groups

#: the menus' age groups (the selection of kz.canteen.menu.age_group; Odoo translates the labels)
AGE_GROUPS = (('7-10', 'Grades 1-4 (7-10 years)'), ('11-18', 'Grades 5-11 (11-18 years)'))
#: grade → age group of the menu: (first grade, last grade, age group), bounds included, first match wins
AGE_GROUP_OF_GRADE = ((1, 4, '7-10'), (5, 12, '11-18'))
#: the group of a child without a grade in these bounds (no grade recorded, a pre-school class «0»)
DEFAULT_AGE_GROUP = '7-10'
#: where the rule comes from: the data has no source for it (no parameter row, nothing in data/SOURCES.md)
AGE_GROUP_SOURCE = ('UNCONFIRMED: the grades follow the free-meal bands (1-4 primary, 5-11); the age groups of the '
                    'sanitary rules for school meals were not read')


def age_group(grade):
    """The menu age group of a child of ``grade`` (kz.edu.grade's sequence: 1 … 11; None or False: no grade):
    grades 1–4 → '7-10', 5–12 → '11-18', anything else → DEFAULT_AGE_GROUP. A grade that is not a whole number
    (text, a bool) is a programming error of the caller: CanteenError('bad_input')."""
    if grade is None or grade is False:
        return DEFAULT_AGE_GROUP
    if isinstance(grade, bool) or not isinstance(grade, int):
        raise CanteenError('bad_input', 'grade must be a whole number, got %r' % (grade,))
    for low, high, group in AGE_GROUP_OF_GRADE:
        if low <= grade <= high:
            return group
    return DEFAULT_AGE_GROUP


# ----------------------------------------------------------------------------------------------- small helpers

def _bad_input(message):
    return CanteenError('bad_input', message)


def to_date(value, what='date'):
    return dated_rows.to_date(value, what, _bad_input)


def to_money(value, what='amount'):
    """A Decimal rounded to the tiyn (the suite's money contract, kz_money); CanteenError('bad_input') for None,
    bool, NaN, text that is not a number."""
    return money(value, what, _bad_input, required=True)


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


# ----------------------------------------------------------------------------------------------- parameters

def _typed(value, unit, code):
    text = '' if value is None else str(value).strip()
    try:
        if unit == 'int':
            return int(text)
        if unit == 'rate':
            rate = Decimal(text)
            if not rate.is_finite() or rate < 0 or rate > 1:
                raise ValueError(text)
            return rate
        if unit == 'codes':
            return tuple(c.strip().upper() for c in text.replace(';', ',').split(',') if c.strip())
        if unit == 'code':
            if not text:
                raise ValueError(text)
            return text.upper()
        if unit == 'money':
            amount = Decimal(text)
            if not amount.is_finite() or amount <= 0:
                raise ValueError(text)
            return amount.quantize(TIYN, rounding=ROUND_HALF_UP)
    except (ValueError, InvalidOperation):
        pass
    else:
        return text
    raise CanteenError('bad_input', 'parameter %s has a value %r that is not a valid %s' % (code, value, unit))


def _normalise_row(row, where):
    data = dict(row) if isinstance(row, dict) else dict(zip(_COLUMNS, row))
    code = (data.get('code') or '').strip()
    if not code:
        raise CanteenError('bad_input', 'parameter row %s has no code' % where)
    date_from = to_date(data.get('date_from'), 'date_from of parameter %s (%s)' % (code, where))
    date_to = data.get('date_to')
    date_to = to_date(date_to, 'date_to of parameter %s (%s)' % (code, where)) if date_to not in (None, '') else None
    unit = REQUIRED_CODES.get(code, (data.get('unit') or '').strip())
    return {'code': code, 'date_from': date_from, 'date_to': date_to, 'value': _typed(data.get('value'), unit, code),
            'unit': unit, 'source': (data.get('source') or '').strip(),
            'status': (data.get('status') or '').strip().upper()}


def load_parameters(path=None):
    """Dated rows ``{code, date_from, date_to, value (typed), unit, source, status}`` from the CSV."""
    path = path or PARAMETERS_CSV
    with open(path, encoding='utf-8', newline='') as handle:
        return [_normalise_row(r, '%s line %d' % (os.path.basename(path), n))
                for n, r in enumerate(csv.DictReader(handle), start=2)]


_DEFAULT_ROWS = None
_RESOLVED = {}


def resolve_parameters(on_date, rows=None):
    """``{code: value}`` in force on ``on_date`` (latest ``date_from`` whose row is open on that date) plus
    ``'_unconfirmed'``: the codes whose row is marked UNCONFIRMED. Raises ``parameter_missing`` naming every
    required code without a row."""
    global _DEFAULT_ROWS
    on_date = to_date(on_date, 'on_date')
    if rows is None:
        if on_date in _RESOLVED:
            return _RESOLVED[on_date]
        if _DEFAULT_ROWS is None:
            _DEFAULT_ROWS = load_parameters()
        source = _DEFAULT_ROWS
    else:
        source = [_normalise_row(r, 'passed row %d' % i) for i, r in enumerate(rows, start=1)]
    found = dated_rows.in_force(source, on_date)
    missing = [c for c in REQUIRED_CODES if c not in found]
    if missing:
        raise CanteenError('parameter_missing', _('no canteen parameter %(codes)s for %(date)s'), codes=missing,
                           date=on_date)
    result = {code: row['value'] for code, row in found.items()}
    result['_unconfirmed'] = tuple(sorted(c for c, r in found.items() if r['status'] == 'UNCONFIRMED'))
    if rows is None:
        _RESOLVED[on_date] = result
    return result


def _params(params, on_date):
    """Accept None (shipped CSV), a list of rows, or an already resolved dict (missing keys from the CSV)."""
    if params is None:
        return resolve_parameters(on_date)
    if isinstance(params, dict):
        missing = [c for c in REQUIRED_CODES if c not in params]
        if not missing:
            return params
        merged = dict(resolve_parameters(on_date))
        merged.update(params)
        return merged
    return resolve_parameters(on_date, params)


# ----------------------------------------------------------------------------------------------- top-ups

def check_topup(amount, on_date, today, params=None):
    """A top-up of a child's prepaid balance as a Decimal, or CanteenError: ``topup_not_positive`` (zero or less),
    ``topup_fraction`` (a fraction of a tiyn: 0.001 ₸ is a typing error, not money), ``topup_too_large`` (above the
    dated parameter TOPUP_MAX, details ``maximum``), ``topup_future`` (dated after ``today``, the school's local
    date: a payment is recorded when it is received), ``bad_input`` (not a number)."""
    value = to_decimal(amount, 'the top-up', _bad_input)
    if value <= 0:
        raise CanteenError('topup_not_positive', _('A top-up must be a positive amount.'), amount=value)
    if value != value.quantize(TIYN):
        raise CanteenError('topup_fraction', _('A top-up is a whole number of tiyn (two decimals at most): '
                                               '%(amount)s ₸ is not.'), amount=str(value))
    on_date, today = to_date(on_date, 'date of the top-up'), to_date(today, 'today')
    maximum = _params(params, on_date).get('TOPUP_MAX')
    if maximum is not None and value > maximum:
        raise CanteenError('topup_too_large', _('A top-up of %(amount)s ₸ is above the maximum of %(maximum)s ₸ for '
                                                'one payment: check the amount (an extra zero?).'),
                           amount=value, maximum=maximum)
    if on_date > today:
        raise CanteenError('topup_future', _('A top-up is recorded on the day the money is received, not in the '
                                             'future (%(date)s).'), date=on_date)
    return value


# ----------------------------------------------------------------------------------------------- entitlement

def _valid_categories(child, on_date):
    """Codes of the child's social categories valid on the date; a category row is (code, date_from, date_to) or a
    dict with those keys; a bare code counts as always valid (the ORM layer already filtered by date)."""
    out = []
    for item in _get(child, 'categories') or ():
        if isinstance(item, str):
            out.append(item.strip().upper())
            continue
        if isinstance(item, dict):
            code, date_from, date_to = item.get('code'), item.get('date_from'), item.get('date_to')
        else:
            code, date_from, date_to = (tuple(item) + (None, None))[:3]
        date_from = to_date(date_from, 'category date_from') if date_from not in (None, False, '') else None
        date_to = to_date(date_to, 'category date_to') if date_to not in (None, False, '') else None
        if (date_from is None or date_from <= on_date) and (date_to is None or date_to >= on_date):
            out.append(str(code).strip().upper())
    return out


def entitlement(child, on_date, params=None):
    """What the child is entitled to on ``on_date``.

    ``child``: dict (or object) with ``grade`` (int) and ``categories`` (rows ``(code, date_from, date_to)``).
    Returns ``{'kind': 'free'|'subsidised'|'paid', 'category', 'funding', 'budget_share' (Decimal 0..1),
    'reason' (English)}``.
    """
    on_date = to_date(on_date, 'on_date')
    p = _params(params, on_date)
    grade = _get(child, 'grade')
    try:
        grade = int(grade)
    except (TypeError, ValueError):
        raise CanteenError('bad_input', 'child %r has no valid grade (%r)' % (_get(child, 'id'), grade))
    if p['FREE_GRADE_MIN'] <= grade <= p['FREE_GRADE_MAX']:
        return {'kind': FREE, 'category': PRIMARY_CATEGORY, 'funding': p['FUNDING_PRIMARY'],
                'budget_share': Decimal('1'),
                'reason': 'grade %d: free meal for grades %d-%d' % (grade, p['FREE_GRADE_MIN'], p['FREE_GRADE_MAX'])}
    if p['SOCIAL_GRADE_MIN'] <= grade <= p['SOCIAL_GRADE_MAX']:
        valid = _valid_categories(child, on_date)
        for code in p['FREE_SOCIAL_CATEGORIES']:
            if code in valid:
                return {'kind': FREE, 'category': code, 'funding': p['FUNDING_SOCIAL'], 'budget_share': Decimal('1'),
                        'reason': 'grade %d, social category %s valid on %s: free meal' % (grade, code, on_date)}
        for code in p['SUBSIDISED_CATEGORIES']:
            if code in valid:
                return {'kind': SUBSIDISED, 'category': code, 'funding': p['FUNDING_SUBSIDISED'],
                        'budget_share': p['SUBSIDISED_SHARE'],
                        'reason': 'grade %d, social category %s valid on %s: the budget pays %s of the set meal'
                                  % (grade, code, on_date, p['SUBSIDISED_SHARE'])}
        reason = 'grade %d without a valid entitled social category on %s: paid meal' % (grade, on_date)
    else:
        reason = 'grade %d is outside the entitled grades: paid meal' % grade
    return {'kind': PAID, 'category': None, 'funding': p['FUNDING_PAID'], 'budget_share': Decimal('0'),
            'reason': reason}


# ----------------------------------------------------------------------------------------------- identification

def _norm_uid(uid):
    return ''.join(str(uid).split()).upper()


def identify(card_uid, cards_by_uid, school_id):
    """The card record for a tapped UID: ``cards_by_uid`` maps a normalised UID to a dict ``{uid, child_id,
    school_id, blocked}``. Raises ``card_unknown`` / ``card_blocked`` / ``card_other_school``."""
    uid = _norm_uid(card_uid) if card_uid not in (None, '') else ''
    card = cards_by_uid.get(uid) if uid else None
    _check_card(card, school_id, uid)
    return card


def _check_card(card, school_id, uid=None):
    if card is None:
        raise sale_refused('card_unknown', card=uid or '')
    uid = _get(card, 'uid', uid)
    if _get(card, 'blocked'):
        raise sale_refused('card_blocked', card=uid)
    card_school = _get(card, 'school_id')
    if school_id is not None and card_school != school_id:
        raise sale_refused('card_other_school', card=uid, card_school=card_school, school=school_id)


# ----------------------------------------------------------------------------------------------- the sale

def _order_lines(dishes):
    """[(dish_id, qty)] from (dish_id, qty) pairs, dicts {'dish_id', 'qty'} or a {dish_id: qty} mapping."""
    if isinstance(dishes, dict):
        items = list(dishes.items())
    else:
        items = [(d.get('dish_id'), d.get('qty', 1)) if isinstance(d, dict) else tuple(d) for d in dishes or ()]
    lines = []
    for dish_id, qty in items:
        if isinstance(qty, bool) or not isinstance(qty, int):
            try:
                as_dec = Decimal(str(qty))
            except (InvalidOperation, ValueError):
                as_dec = None
            if as_dec is None or as_dec != as_dec.to_integral_value():
                raise sale_refused('negative_quantity', dish=dish_id, qty=repr(qty), maximum=MAX_QUANTITY)
            qty = int(as_dec)
        if qty <= 0:
            raise sale_refused('negative_quantity', dish=dish_id, qty=qty, maximum=MAX_QUANTITY)
        if qty > MAX_QUANTITY:
            raise sale_refused('negative_quantity', dish=dish_id, qty=qty, maximum=MAX_QUANTITY)
        lines.append((dish_id, qty))
    return lines


#: the order in which the meals of a day take the free sets left (a meal not listed comes after these)
MEAL_ORDER = ('breakfast', 'lunch', 'snack')


def free_sets(lines, menu_lines, allowance):
    """``{meal: free sets}`` of an order: each meal of the day (a menu line's ``meal``: breakfast, lunch...; None
    when the menu does not say) whose set dishes are in the order takes as many sets as its set dishes ask (the
    largest quantity among them), from the ``allowance`` left today, meal by meal in MEAL_ORDER. So a breakfast set
    and a lunch set in one order are two set meals, not one (issue #13.3)."""
    wanted = {}
    for dish_id, qty in lines:
        item = menu_lines.get(dish_id) or {}
        if item.get('is_free_set'):
            meal = item.get('meal')
            wanted[meal] = max(wanted.get(meal, 0), qty)
    rank = {meal: i for i, meal in enumerate(MEAL_ORDER)}
    left, sets = max(int(allowance or 0), 0), {}
    for meal in sorted(wanted, key=lambda m: (rank.get(m, len(rank)), str(m))):
        sets[meal] = min(wanted[meal], left)
        left -= sets[meal]
    return sets


def decide_sale(child, card, dishes, on_date, meals_today, balance, restrictions, menu, params=None,
                school_id=None, allow_paid_repeat=False):
    """Decide one order at the till. Raises :class:`SaleRefused`, or returns the accepted sale.

    ``child``: {id, grade, categories, school_id?}; ``card``: {uid, child_id, school_id, blocked} or None;
    ``dishes``: [(dish_id, qty)]; ``meals_today``: free/subsidised set meals already recorded for the child today;
    ``balance``: prepaid balance (Decimal); ``restrictions``: allergen codes the parent forbade; ``menu``: {id,
    school_id, date, state ('approved'), lines: {dish_id: {name, price, allergens, is_free_set, meal?}}} (the
    day's menus merged; ``meal`` tells the set dishes of breakfast from those of lunch, see :func:`free_sets`);
    ``school_id``: the school of the till (default: the menu's).

    Order of checks: card (unknown, blocked, other school) → menu (approved, for today) → quantities → dishes on the
    menu → allergens → free-meal allowance → balance. Returns ``{'child_id', 'date', 'entitlement', 'lines':
    [{dish_id, name, qty, unit_price, free_qty, child_amount, funding_amount, funding}], 'child_total',
    'funding_total', 'free_meals_used', 'balance_after'}``.
    """
    on_date = to_date(on_date, 'on_date')
    school = school_id if school_id is not None else _get(menu, 'school_id')
    _check_card(card, school)
    if child is None or _get(card, 'child_id') != _get(child, 'id'):
        raise sale_refused('card_unknown', card=_get(card, 'uid'))
    if menu is None or _get(menu, 'state') != 'approved':
        raise sale_refused('menu_not_approved', menu=_get(menu, 'id'))
    if to_date(_get(menu, 'date'), 'menu date') != on_date:
        raise sale_refused('menu_not_approved', REFUSALS['menu_of_another_day'], menu=_get(menu, 'id'),
                      menu_date=to_date(_get(menu, 'date'), 'menu date'), date=on_date)
    lines = _order_lines(dishes)
    if not lines:
        raise sale_refused('empty_order')
    menu_lines = _get(menu, 'lines') or {}
    forbidden = set(str(a).upper() for a in (restrictions or ()))
    for dish_id, _qty in lines:
        item = menu_lines.get(dish_id)
        if item is None:
            raise sale_refused('dish_not_on_menu', dish=dish_id, date=on_date)
        if forbidden:
            hit = sorted(forbidden.intersection(str(a).upper() for a in item.get('allergens') or ()))
            if hit:
                raise sale_refused('allergen_restricted', dish=dish_id, dish_name=item.get('name', dish_id),
                              allergens=hit)

    p = _params(params, on_date)
    ent = entitlement(child, on_date, p)
    entitled = ent['kind'] in (FREE, SUBSIDISED)
    allowance = max(p['FREE_MEALS_PER_DAY'] - int(meals_today or 0), 0) if entitled else 0
    share = ent['budget_share']
    sets = free_sets(lines, menu_lines, allowance) if entitled else {}
    out_lines, child_total, funding_total = [], ZERO, ZERO
    for dish_id, qty in lines:
        item = menu_lines[dish_id]
        price = to_money(item.get('price'), 'price of dish %s' % dish_id)
        free_qty = 0
        if entitled and item.get('is_free_set'):
            # a set meal is one portion of each set dish of that meal (breakfast, lunch...): each set dish is free
            # up to the sets of its meal granted from today's allowance
            free_qty = min(qty, sets.get(item.get('meal'), 0))
            if free_qty < qty and not allow_paid_repeat:
                raise sale_refused('second_free_meal', dish=dish_id, limit=p['FREE_MEALS_PER_DAY'],
                              had=int(meals_today or 0) + sum(sets.values()))
        funded_unit = (price * share).quantize(TIYN, rounding=ROUND_HALF_UP)
        funding_amount = funded_unit * free_qty
        child_amount = price * qty - funding_amount
        out_lines.append({'dish_id': dish_id, 'name': item.get('name'), 'qty': qty, 'unit_price': price,
                          'free_qty': free_qty, 'child_amount': child_amount, 'funding_amount': funding_amount,
                          'funding': ent['funding'] if free_qty else p['FUNDING_PAID']})
        child_total += child_amount
        funding_total += funding_amount
    balance = to_money(balance if balance is not None else 0, 'balance')
    if child_total > balance:
        raise sale_refused('insufficient_balance', balance=balance, due=child_total)
    return {'child_id': _get(child, 'id'), 'date': on_date, 'entitlement': ent, 'lines': out_lines,
            'child_total': child_total, 'funding_total': funding_total, 'free_meals_used': sum(sets.values()),
            'balance_after': balance - child_total}


def pos_summary(child, on_date, meals_today, balance, params=None):
    """What the POS shows on selection: class, entitlement and today's allowance (the photo is the ORM's)."""
    on_date = to_date(on_date, 'on_date')
    p = _params(params, on_date)
    ent = entitlement(child, on_date, p)
    left = max(p['FREE_MEALS_PER_DAY'] - int(meals_today or 0), 0) if ent['kind'] != PAID else 0
    return {'child_id': _get(child, 'id'), 'class': _get(child, 'class_name'), 'kind': ent['kind'],
            'category': ent['category'], 'reason': ent['reason'], 'free_meals_left': left,
            'balance': to_money(balance if balance is not None else 0, 'balance')}


# ----------------------------------------------------------------------------------------------- offline sync

def order_key(device, uid):
    """The idempotency key of an order made offline: the POS session/device plus the order uid it generated
    (Odoo 11 POS orders carry a ``uid`` like '00012-003-0004'). Raises ``bad_order_key``."""
    parts = []
    for name, value in (('device', device), ('uid', uid)):
        text = '' if value is None or value is False else str(value).strip()
        if not text or len(text) > MAX_KEY_PART or '|' in text:
            raise CanteenError('bad_order_key', 'order %s must be 1-%d characters without "|", got %r'
                               % (name, MAX_KEY_PART, value))
        parts.append(text)
    return '|'.join(parts)


def merge_synced(existing_keys, incoming_orders):
    """Split a sync batch into ``(new, duplicates)``: an order whose key is already stored, or that repeats an
    earlier order of the same batch, is a duplicate (counted once, never twice). Each incoming order is a dict with
    ``key`` or ``device`` + ``uid``; ``new`` orders get their ``key`` set. Malformed keys raise ``bad_order_key``."""
    seen = set(existing_keys or ())
    new, duplicates = [], []
    for order in incoming_orders or ():
        key = order.get('key') or order_key(order.get('device'), order.get('uid'))
        if key in seen:
            duplicates.append(dict(order, key=key))
        else:
            seen.add(key)
            new.append(dict(order, key=key))
    return new, duplicates


def over_free_limit(new_orders, recorded, limit):
    """Free meals decided offline on two tills can exceed the daily limit together. ``recorded``: {(child_id,
    date): free meals already stored}; ``new_orders``: dicts with child_id, date, free_meals_used (in sync order).
    Returns the keys of orders whose free meals go over ``limit`` (the ORM re-prices them as paid or flags them)."""
    counts = dict(recorded or {})
    over = []
    for order in new_orders:
        used = int(order.get('free_meals_used') or 0)
        if not used:
            continue
        k = (order.get('child_id'), to_date(order.get('date'), 'order date'))
        counts[k] = counts.get(k, 0) + used
        if counts[k] > limit:
            over.append(order.get('key'))
    return over


# ----------------------------------------------------------------------------------------------- menus

def validate_menu(menu, require_free_set=True):
    """Raise ``invalid_menu`` for a menu without date or lines, a price not positive, or (``require_free_set``)
    no line marked as the free set meal."""
    to_date(_get(menu, 'date'), 'menu date')
    lines = _get(menu, 'lines') or {}
    if not lines:
        raise CanteenError('invalid_menu', 'menu %s has no dishes' % _get(menu, 'id'), menu=_get(menu, 'id'))
    for dish_id, item in lines.items():
        price = to_money(item.get('price'), 'price of dish %s' % dish_id)
        if price <= 0:
            raise CanteenError('invalid_menu', 'dish %s on menu %s has price %s; a price must be positive'
                               % (item.get('name', dish_id), _get(menu, 'id'), price), dish=dish_id)
    if require_free_set and not any(item.get('is_free_set') for item in lines.values()):
        raise CanteenError('invalid_menu', 'menu %s has no dish marked as the free set meal' % _get(menu, 'id'),
                           menu=_get(menu, 'id'))


def approve_menu(menu, approved_by, require_free_set=True):
    """The approved copy of a draft menu (state 'approved', approver recorded, prices frozen as Decimals)."""
    if _get(menu, 'state') == 'approved':
        raise CanteenError('menu_change_after_approval', 'menu %s is already approved' % _get(menu, 'id'),
                           menu=_get(menu, 'id'))
    if not approved_by:
        raise CanteenError('bad_input', 'menu %s needs the commission member who approves it' % _get(menu, 'id'))
    validate_menu(menu, require_free_set=require_free_set)
    lines = {d: dict(item, price=to_money(item.get('price'))) for d, item in menu['lines'].items()}
    return dict(menu, lines=lines, state='approved', approved_by=approved_by)


def check_menu_change(menu, new_lines):
    """Refuse any change of an approved menu: ``price_change_after_approval`` naming the dish and both prices, or
    ``menu_change_after_approval`` for a dish added or removed. A draft menu may change (validated on approval)."""
    if _get(menu, 'state') != 'approved':
        return
    old = _get(menu, 'lines') or {}
    added, removed = sorted(set(new_lines) - set(old), key=str), sorted(set(old) - set(new_lines), key=str)
    for dish_id in sorted(set(old) & set(new_lines), key=str):
        before = to_money(old[dish_id].get('price'))
        after = to_money(new_lines[dish_id].get('price'))
        if before != after:
            raise CanteenError('price_change_after_approval', 'price of dish %s on approved menu %s cannot change '
                               'from %s to %s' % (old[dish_id].get('name', dish_id), _get(menu, 'id'), before, after),
                               dish=dish_id, old_price=before, new_price=after)
    if added or removed:
        raise CanteenError('menu_change_after_approval', 'approved menu %s cannot change its dishes (added %s, '
                           'removed %s)' % (_get(menu, 'id'), added, removed), added=added, removed=removed)


# ----------------------------------------------------------------------------------------------- benchmark

def benchmark_decisions(n=1200, seed=7):
    """Time ``n`` identifications + decisions (a long break: 1 200 meals) on synthetic data. Returns
    ``{'n', 'p50_ms', 'p95_ms', 'max_ms', 'accepted', 'refused'}``; pure, no timed assertion."""
    rng = random.Random(seed)
    day = datetime.date(2026, 10, 5)
    params = resolve_parameters(day)
    menu = {'id': 'M1', 'school_id': 1, 'date': day, 'state': 'approved', 'lines': {
        'SET': {'name': 'Set lunch', 'price': Decimal('650'), 'allergens': ('GLUTEN', 'MILK'), 'is_free_set': True},
        'TEA': {'name': 'Tea', 'price': Decimal('50'), 'allergens': ()},
        'BUN': {'name': 'Bun', 'price': Decimal('120'), 'allergens': ('GLUTEN', 'EGGS')},
        'SALAD': {'name': 'Salad', 'price': Decimal('200'), 'allergens': ('MUSTARD',)}}}
    cards, children = {}, {}
    for i in range(n):
        uid = '04A1%08X' % i
        cards[uid] = {'uid': uid, 'child_id': i, 'school_id': 1, 'blocked': i % 97 == 0}
        cats = [('ASP', datetime.date(2026, 9, 1), None)] if i % 9 == 0 else []
        children[i] = {'id': i, 'grade': rng.randint(1, 11), 'categories': cats}
    timings, accepted, refused = [], 0, 0
    for i in range(n):
        uid = '04A1%08X' % i
        order = [('SET', 1)] + ([('TEA', 1)] if i % 2 else []) + ([('BUN', 1)] if i % 5 == 0 else [])
        started = time.perf_counter()
        try:
            card = identify(uid, cards, 1)
            decide_sale(children[card['child_id']], card, order, day, 0, Decimal(rng.choice((0, 500, 2000))),
                        ('EGGS',) if i % 13 == 0 else (), menu, params)
            accepted += 1
        except SaleRefused:
            refused += 1
        timings.append((time.perf_counter() - started) * 1000.0)
    timings.sort()
    return {'n': n, 'p50_ms': timings[len(timings) // 2], 'p95_ms': timings[int(len(timings) * 0.95) - 1],
            'max_ms': timings[-1], 'accepted': accepted, 'refused': refused}
