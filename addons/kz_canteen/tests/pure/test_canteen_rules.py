"""Canteen rules (issue #6; HSC-02, HSC-04, HSC-05, HSC-08) without a database.

Monday 5 October 2026 at school 1. The approved menu: a set lunch (the free set, 650 ₸: gluten, milk), tea 50 ₸,
a bun 120 ₸ (gluten, eggs), fish cutlet 300 ₸ (fish).
"""
import datetime
from decimal import Decimal

import pytest

import canteen_rules as cr

D = datetime.date
DAY = D(2026, 10, 5)
DEC = Decimal

PARAMS = dict(cr.resolve_parameters(DAY), SUBSIDISED_CATEGORIES=('LARGE_FAMILY',),
              FREE_SOCIAL_CATEGORIES=('ORPHAN', 'ASP'), SUBSIDISED_SHARE=DEC('0.50'))


def menu(state='approved', day=DAY, school=1):
    return {'id': 'M-05', 'school_id': school, 'date': day, 'state': state, 'lines': {
        'SET': {'name': 'Set lunch', 'price': DEC('650'), 'allergens': ('GLUTEN', 'MILK'), 'is_free_set': True},
        'TEA': {'name': 'Tea', 'price': DEC('50'), 'allergens': ()},
        'BUN': {'name': 'Bun', 'price': DEC('120'), 'allergens': ('GLUTEN', 'EGGS')},
        'FISH': {'name': 'Fish cutlet', 'price': DEC('300'), 'allergens': ('FISH',)}}}


def child(grade, *categories, cid=7):
    return {'id': cid, 'grade': grade, 'categories': list(categories), 'class_name': '%d А' % grade}


def card(cid=7, school=1, blocked=False):
    return {'uid': '04A1B2C3', 'child_id': cid, 'school_id': school, 'blocked': blocked}


def sale(kid, order, meals_today=0, balance=DEC('0'), restrictions=(), the_menu=None, the_card=None, **kw):
    return cr.decide_sale(kid, the_card or card(kid['id']), order, DAY, meals_today, balance, restrictions,
                          the_menu or menu(), PARAMS, **kw)


def refused(code, *args, **kw):
    with pytest.raises(cr.SaleRefused) as info:
        sale(*args, **kw)
    assert info.value.code == code
    return info.value


# ------------------------------------------------------------------------------------------ parameters

def test_shipped_parameters_resolve_with_sources_and_unconfirmed_list():
    rows = cr.load_parameters()
    assert all(r['source'] for r in rows)
    assert all(r['status'] in ('CONFIRMED', 'UNCONFIRMED') for r in rows)
    p = cr.resolve_parameters(DAY)
    assert (p['FREE_GRADE_MIN'], p['FREE_GRADE_MAX'], p['FREE_MEALS_PER_DAY']) == (1, 4, 1)
    assert 'ORPHAN' in p['FREE_SOCIAL_CATEGORIES'] and p['SUBSIDISED_CATEGORIES'] == ()
    assert 'FREE_SOCIAL_CATEGORIES' in p['_unconfirmed'] and 'FREE_GRADE_MAX' not in p['_unconfirmed']


def test_parameters_missing_before_2023_reform():
    with pytest.raises(cr.CanteenError) as info:
        cr.resolve_parameters(D(2023, 8, 31))
    assert info.value.code == 'parameter_missing' and 'FREE_GRADE_MIN' in str(info.value)


def test_dated_parameter_row_passed_by_the_odoo_layer_wins_from_its_date():
    rows = cr.load_parameters() + [{'code': 'FREE_MEALS_PER_DAY', 'date_from': '2027-01-01', 'value': '2',
                                    'source': 'test', 'status': 'UNCONFIRMED'}]
    assert cr.resolve_parameters(D(2026, 12, 31), rows)['FREE_MEALS_PER_DAY'] == 1
    assert cr.resolve_parameters(D(2027, 1, 4), rows)['FREE_MEALS_PER_DAY'] == 2


# ------------------------------------------------------------------------------------------ entitlement

@pytest.mark.parametrize('grade', [1, 4])
def test_grades_1_to_4_eat_free_from_the_local_budget_HSC05(grade):
    e = cr.entitlement(child(grade), DAY, PARAMS)
    assert (e['kind'], e['category'], e['funding'], e['budget_share']) == ('free', 'PRIMARY', 'LOC', 1)


def test_grade_5_without_category_pays():
    e = cr.entitlement(child(5), DAY, PARAMS)
    assert (e['kind'], e['funding'], e['budget_share']) == ('paid', 'PAID', 0)
    assert 'grade 5' in e['reason']


def test_social_category_valid_on_its_first_and_last_day_only_HSC05():
    orphan = child(7, ('ORPHAN', D(2026, 9, 1), D(2026, 10, 5)))
    assert cr.entitlement(orphan, D(2026, 9, 1), PARAMS)['kind'] == 'free'
    assert cr.entitlement(orphan, D(2026, 10, 5), PARAMS)['kind'] == 'free'
    assert cr.entitlement(orphan, D(2026, 8, 31), PARAMS)['kind'] == 'paid'
    assert cr.entitlement(orphan, D(2026, 10, 6), PARAMS)['kind'] == 'paid'
    e = cr.entitlement(orphan, DAY, PARAMS)
    assert (e['category'], e['funding']) == ('ORPHAN', 'VSEOBUCH')


def test_open_ended_category_and_category_not_in_the_list():
    assert cr.entitlement(child(9, ('ASP', '2026-01-01', None)), DAY, PARAMS)['kind'] == 'free'
    assert cr.entitlement(child(9, ('DISABILITY', '2026-01-01', None)), DAY, PARAMS)['kind'] == 'paid'


def test_free_category_wins_over_subsidised_and_subsidised_share():
    both = child(8, ('LARGE_FAMILY', '2026-01-01', None), ('ASP', '2026-01-01', None))
    assert cr.entitlement(both, DAY, PARAMS)['category'] == 'ASP'
    e = cr.entitlement(child(8, {'code': 'large_family', 'date_from': '2026-09-01', 'date_to': False}), DAY, PARAMS)
    assert (e['kind'], e['budget_share'], e['category']) == ('subsidised', DEC('0.50'), 'LARGE_FAMILY')


def test_grade_12_or_preschool_pays_and_bad_grade_is_refused():
    assert cr.entitlement(child(0, ('ORPHAN', None, None)), DAY, PARAMS)['kind'] == 'paid'
    with pytest.raises(cr.CanteenError) as info:
        cr.entitlement({'id': 3, 'grade': None}, DAY, PARAMS)
    assert info.value.code == 'bad_input'


# ------------------------------------------------------------------------------------------ refusals

def test_card_unknown_blocked_other_school_HSC02():
    cards = {'04A1B2C3': card(), 'BLOCKED1': dict(card(), uid='BLOCKED1', blocked=True),
             'OTHER001': dict(card(), uid='OTHER001', school_id=2)}
    assert cr.identify(' 04a1 b2c3 ', cards, 1)['child_id'] == 7
    for uid, code in (('FFFF', 'card_unknown'), ('', 'card_unknown'), ('BLOCKED1', 'card_blocked'),
                      ('OTHER001', 'card_other_school')):
        with pytest.raises(cr.SaleRefused) as info:
            cr.identify(uid, cards, 1)
        assert info.value.code == code
    refused('card_blocked', child(2), [('SET', 1)], the_card=card(blocked=True))
    e = refused('card_other_school', child(2), [('SET', 1)], the_card=card(school=2))
    assert e.params['card_school'] == 2 and e.message == 'Card 04A1B2C3 belongs to another school.'


def test_card_of_another_child_or_none_is_unknown():
    with pytest.raises(cr.SaleRefused) as info:
        cr.decide_sale(child(2), None, [('SET', 1)], DAY, 0, 0, (), menu(), PARAMS)
    assert info.value.code == 'card_unknown'
    refused('card_unknown', child(2), [('SET', 1)], the_card=card(cid=99))


def test_menu_not_approved_or_of_another_day_HSC04():
    refused('menu_not_approved', child(2), [('SET', 1)], the_menu=menu(state='draft'))
    e = refused('menu_not_approved', child(2), [('SET', 1)], the_menu=menu(day=D(2026, 10, 6)))
    assert '2026-10-06' in e.message


def test_dish_not_on_menu_and_quantities():
    refused('dish_not_on_menu', child(2), [('PIZZA', 1)])
    for qty in (0, -1, 1.5, 'x', 21):
        refused('negative_quantity', child(2), [('TEA', qty)], balance=DEC('1000'))
    refused('empty_order', child(2), [])


def test_allergen_restricted_names_dish_and_allergen_HSC08():
    e = refused('allergen_restricted', child(2), [('TEA', 1), ('BUN', 1)], restrictions=('eggs', 'FISH'),
                balance=DEC('1000'))
    assert 'Bun' in e.message and 'EGGS' in e.message
    assert e.details['allergens'] == ['EGGS'] and e.details['dish'] == 'BUN'
    assert sale(child(2), [('TEA', 1)], restrictions=('EGGS',), balance=DEC('50'))['child_total'] == 50


def test_second_free_meal_same_day_refused_HSC05():
    e = refused('second_free_meal', child(3), [('SET', 1)], meals_today=1)
    assert 'limit 1' in e.message
    refused('second_free_meal', child(3), [('SET', 2)], balance=DEC('5000'))
    s = sale(child(3), [('SET', 1)], meals_today=1, balance=DEC('650'), allow_paid_repeat=True)
    assert (s['child_total'], s['funding_total'], s['free_meals_used']) == (650, 0, 0)


def day_menu():
    """Breakfast and lunch of the same day merged as the server merges them: each has its own free set."""
    lines = {
        'PORRIDGE': {'name': 'Porridge', 'price': DEC('250'), 'allergens': ('MILK',), 'is_free_set': True,
                     'meal': 'breakfast'},
        'COCOA': {'name': 'Cocoa', 'price': DEC('80'), 'allergens': ('MILK',), 'is_free_set': True,
                  'meal': 'breakfast'},
        'SOUP': {'name': 'Soup', 'price': DEC('350'), 'allergens': (), 'is_free_set': True, 'meal': 'lunch'},
        'PLOV': {'name': 'Plov', 'price': DEC('650'), 'allergens': (), 'is_free_set': True, 'meal': 'lunch'},
        'TEA': {'name': 'Tea', 'price': DEC('50'), 'allergens': (), 'meal': 'lunch'}}
    return dict(menu(), lines=lines)


def test_breakfast_and_lunch_sets_in_one_order_are_two_free_meals_HSC05():
    # one free set a day: breakfast and lunch sets together are refused, not both given free
    err = refused('second_free_meal', child(2), [('PORRIDGE', 1), ('COCOA', 1), ('SOUP', 1), ('PLOV', 1)],
                  the_menu=day_menu())
    assert err.details['limit'] == 1
    # either set alone is free
    got = sale(child(2), [('SOUP', 1), ('PLOV', 1), ('TEA', 1)], the_menu=day_menu(), balance=DEC('50'))
    assert got['child_total'] == DEC('50.00') and got['free_meals_used'] == 1
    # with the paid repeat allowed, the breakfast set is free and the lunch set is paid
    got = sale(child(2), [('PORRIDGE', 1), ('COCOA', 1), ('SOUP', 1), ('PLOV', 1)], the_menu=day_menu(),
               balance=DEC('1000'), allow_paid_repeat=True)
    free = {line['dish_id']: line['free_qty'] for line in got['lines']}
    assert free == {'PORRIDGE': 1, 'COCOA': 1, 'SOUP': 0, 'PLOV': 0}
    assert got['child_total'] == DEC('1000.00') and got['free_meals_used'] == 1


def test_two_free_meals_a_day_cover_breakfast_and_lunch_in_one_order():
    params = dict(PARAMS, FREE_MEALS_PER_DAY=2)
    got = cr.decide_sale(child(2), card(), [('PORRIDGE', 1), ('SOUP', 1), ('PLOV', 1)], DAY, 0, DEC('0'), (),
                         day_menu(), params)
    assert got['child_total'] == DEC('0.00') and got['free_meals_used'] == 2
    # after the breakfast set, one set is left: lunch twice is refused
    with pytest.raises(cr.SaleRefused):
        cr.decide_sale(child(2), card(), [('SOUP', 2), ('PLOV', 2)], DAY, 1, DEC('0'), (), day_menu(), params)


def test_free_sets_takes_meals_in_the_order_of_the_day():
    lines = [('SOUP', 1), ('PORRIDGE', 2)]
    assert cr.free_sets(lines, day_menu()['lines'], 1) == {'breakfast': 1, 'lunch': 0}
    assert cr.free_sets(lines, day_menu()['lines'], 5) == {'breakfast': 2, 'lunch': 1}
    assert cr.free_sets([('TEA', 3)], day_menu()['lines'], 1) == {}


def test_free_meal_limit_is_a_parameter():
    params = dict(PARAMS, FREE_MEALS_PER_DAY=2)
    s = cr.decide_sale(child(3), card(), [('SET', 2)], DAY, 0, 0, (), menu(), params)
    assert (s['free_meals_used'], s['funding_total'], s['child_total']) == (2, 1300, 0)


def test_insufficient_balance_names_both_amounts():
    e = refused('insufficient_balance', child(6), [('SET', 1), ('TEA', 1)], balance=DEC('699.99'))
    assert '699.99' in e.message and '700.00' in e.message
    assert e.details['due'] == DEC('700.00')


# ------------------------------------------------------------------------------------------ accepted sales

def test_free_meal_recorded_at_zero_for_child_and_charged_to_funding_HSC05():
    s = sale(child(1), [('SET', 1)])
    assert (s['child_total'], s['funding_total'], s['free_meals_used'], s['balance_after']) == (0, 650, 1, 0)
    line = s['lines'][0]
    assert (line['free_qty'], line['funding'], line['funding_amount'], line['child_amount']) == (1, 'LOC', 650, 0)


def test_extras_of_a_free_child_are_paid_from_balance():
    s = sale(child(2), [('SET', 1), ('TEA', 2), ('BUN', 1)], balance=DEC('300'))
    assert (s['child_total'], s['funding_total'], s['balance_after']) == (DEC('220.00'), 650, DEC('80.00'))
    tea = [l for l in s['lines'] if l['dish_id'] == 'TEA'][0]
    assert (tea['funding'], tea['free_qty'], tea['child_amount']) == ('PAID', 0, 100)


def test_social_category_free_meal_goes_to_vseobuch_fund():
    s = sale(child(9, ('ORPHAN', '2026-09-01', None)), [('SET', 1)])
    assert s['lines'][0]['funding'] == 'VSEOBUCH' and s['funding_total'] == 650


def test_subsidised_meal_split_between_budget_and_child():
    kid = child(10, ('LARGE_FAMILY', '2026-09-01', None))
    s = sale(kid, [('SET', 1)], balance=DEC('325'))
    assert (s['funding_total'], s['child_total'], s['balance_after']) == (325, 325, 0)
    odd = dict(PARAMS, SUBSIDISED_SHARE=DEC('0.333'))
    s = cr.decide_sale(kid, card(), [('SET', 1)], DAY, 0, DEC('1000'), (), menu(), odd)
    assert (s['funding_total'], s['child_total']) == (DEC('216.45'), DEC('433.55'))


def test_paid_child_pays_set_meal_at_menu_price():
    s = sale(child(11), [('SET', 1)], balance=650.0)
    assert (s['child_total'], s['funding_total'], s['free_meals_used'], s['lines'][0]['funding']) == \
        (650, 0, 0, 'PAID')


def test_pos_summary_shows_class_entitlement_and_allowance():
    summary = cr.pos_summary(child(3), DAY, 0, '1 500', PARAMS)
    assert (summary['class'], summary['kind'], summary['free_meals_left'], summary['balance']) == \
        ('3 А', 'free', 1, DEC('1500.00'))
    assert cr.pos_summary(child(3), DAY, 1, 0, PARAMS)['free_meals_left'] == 0
    assert cr.pos_summary(child(6), DAY, 0, 0, PARAMS)['free_meals_left'] == 0


# ------------------------------------------------------------------------------------------ offline sync

def test_order_key_and_duplicate_sync_counted_once():
    assert cr.order_key('POS-1/S12', '00012-003-0004') == 'POS-1/S12|00012-003-0004'
    for device, uid in ((None, 'x'), ('d', ''), ('a|b', 'x'), ('d', 'x' * 65)):
        with pytest.raises(cr.CanteenError) as info:
            cr.order_key(device, uid)
        assert info.value.code == 'bad_order_key'
    existing = {cr.order_key('POS-1', 'u1')}
    incoming = [{'device': 'POS-1', 'uid': 'u1'}, {'device': 'POS-1', 'uid': 'u2'},
                {'device': 'POS-2', 'uid': 'u2'}, {'device': 'POS-1', 'uid': 'u2'}, {'key': 'POS-3|u9'}]
    new, dup = cr.merge_synced(existing, incoming)
    assert [o['key'] for o in new] == ['POS-1|u2', 'POS-2|u2', 'POS-3|u9']
    assert [o['key'] for o in dup] == ['POS-1|u1', 'POS-1|u2']
    again_new, again_dup = cr.merge_synced(existing | {o['key'] for o in new}, incoming)
    assert again_new == [] and len(again_dup) == 5


def test_free_meals_of_two_offline_tills_over_the_limit_are_flagged():
    orders = [{'key': 'A|1', 'child_id': 7, 'date': DAY, 'free_meals_used': 1},
              {'key': 'B|1', 'child_id': 7, 'date': '2026-10-05', 'free_meals_used': 1},
              {'key': 'B|2', 'child_id': 8, 'date': DAY, 'free_meals_used': 1},
              {'key': 'B|3', 'child_id': 8, 'date': DAY, 'free_meals_used': 0}]
    assert cr.over_free_limit(orders, {}, 1) == ['B|1']
    assert cr.over_free_limit(orders, {(8, DAY): 1}, 1) == ['B|1', 'B|2']


# ------------------------------------------------------------------------------------------ menus

def test_menu_approval_freezes_prices_HSC04():
    draft = menu(state='draft')
    cr.check_menu_change(draft, dict(draft['lines'], TEA={'name': 'Tea', 'price': 60}))   # a draft may change
    approved = cr.approve_menu(draft, approved_by='commission: Aliyeva')
    assert approved['state'] == 'approved' and draft['state'] == 'draft'
    new = dict(approved['lines'], TEA=dict(approved['lines']['TEA'], price='60'))
    with pytest.raises(cr.CanteenError) as info:
        cr.check_menu_change(approved, new)
    assert info.value.code == 'price_change_after_approval' and '50.00' in str(info.value)
    cr.check_menu_change(approved, dict(approved['lines'], TEA=dict(approved['lines']['TEA'], price=50.0)))
    with pytest.raises(cr.CanteenError) as info:
        cr.check_menu_change(approved, dict(approved['lines'], CAKE={'name': 'Cake', 'price': 100}))
    assert info.value.code == 'menu_change_after_approval'
    with pytest.raises(cr.CanteenError) as info:
        cr.approve_menu(approved, approved_by='x')
    assert info.value.code == 'menu_change_after_approval'


def test_invalid_menus_are_not_approved():
    no_set = menu(state='draft')
    no_set['lines'] = {'TEA': {'name': 'Tea', 'price': 50}}
    zero = menu(state='draft')
    zero['lines']['TEA'] = {'name': 'Tea', 'price': 0}
    empty = dict(menu(state='draft'), lines={})
    for bad in (no_set, zero, empty):
        with pytest.raises(cr.CanteenError) as info:
            cr.approve_menu(bad, approved_by='commission')
        assert info.value.code == 'invalid_menu'
    assert cr.approve_menu(no_set, approved_by='c', require_free_set=False)['state'] == 'approved'
    with pytest.raises(cr.CanteenError) as info:
        cr.approve_menu(menu(state='draft'), approved_by='')
    assert info.value.code == 'bad_input'


def test_bad_money_is_refused_with_a_code():
    for value in (None, True, 'abc', float('nan')):
        with pytest.raises(cr.CanteenError) as info:
            cr.to_money(value)
        assert info.value.code == 'bad_input'
    assert cr.to_money(0.1) == DEC('0.10') and cr.to_money('1 200,5'.replace(',', '.')) == DEC('1200.50')


# ------------------------------------------------------------------------------------------ performance

def test_benchmark_1200_decisions_runs_and_reports_p95():
    figures = cr.benchmark_decisions(1200)
    assert figures['n'] == 1200 and figures['accepted'] + figures['refused'] == 1200
    assert figures['accepted'] > 0 and figures['refused'] > 0
    print('\ncanteen decisions: n=%(n)d p50=%(p50_ms).3f ms p95=%(p95_ms).3f ms max=%(max_ms).3f ms '
          '(accepted %(accepted)d, refused %(refused)d)' % figures)


def test_a_set_meal_of_several_dishes_is_one_free_meal():
    """Soup and main course marked as the set: both free in one order; a second set the same day is refused."""
    menu = {'id': 1, 'school_id': 1, 'date': '2026-11-20', 'state': 'approved',
            'lines': {10: {'name': 'soup', 'price': '350', 'is_free_set': True, 'allergens': []},
                      11: {'name': 'plov', 'price': '650', 'is_free_set': True, 'allergens': []}}}
    child = {'id': 5, 'grade': 2, 'categories': []}
    card = {'uid': 'A', 'child_id': 5, 'school_id': 1, 'blocked': False}
    sale = cr.decide_sale(child, card, [(10, 1), (11, 1)], '2026-11-20', 0, Decimal('0'), [], menu)
    assert sale['child_total'] == Decimal('0.00')
    assert sale['funding_total'] == Decimal('1000.00')
    assert sale['free_meals_used'] == 1
    with pytest.raises(cr.SaleRefused) as refused:
        cr.decide_sale(child, card, [(11, 1)], '2026-11-20', 1, Decimal('0'), [], menu)
    assert refused.value.code == 'second_free_meal'


@pytest.mark.parametrize('amount, code', [
    (1e12, 'topup_too_large'), ('200000.01', 'topup_too_large'), (0.001, 'topup_fraction'),
    ('100.005', 'topup_fraction'), (0, 'topup_not_positive'), (-500, 'topup_not_positive'),
    (None, 'bad_input'), (True, 'bad_input'), ('много', 'bad_input'), (float('nan'), 'bad_input'),
])
def test_a_topup_is_above_zero_whole_tiyn_and_at_most_the_maximum_SEC01(amount, code):
    with pytest.raises(cr.CanteenError) as exc:
        cr.check_topup(amount, DAY, DAY)
    assert exc.value.code == code


def test_a_topup_is_not_dated_in_the_future_and_the_maximum_is_a_dated_parameter():
    assert cr.check_topup('1 500.50', DAY, DAY) == DEC('1500.50')
    assert cr.check_topup(200000, DAY - datetime.timedelta(days=30), DAY) == DEC('200000')
    with pytest.raises(cr.CanteenError) as exc:
        cr.check_topup(500, D(2030, 1, 1), DAY)
    assert exc.value.code == 'topup_future'
    assert exc.value.details['date'] == D(2030, 1, 1)
    with pytest.raises(cr.CanteenError) as exc:
        cr.check_topup(60000, DAY, DAY, params=dict(PARAMS, TOPUP_MAX=DEC('50000.00')))
    assert (exc.value.code, exc.value.details['maximum']) == ('topup_too_large', DEC('50000.00'))
    assert PARAMS['TOPUP_MAX'] == DEC('200000.00')


# ------------------------------------------------------------------------------------------------ age groups

@pytest.mark.parametrize('grade, group', [
    (1, '7-10'), (2, '7-10'), (4, '7-10'),              # primary: the free-meal band 1-4
    (5, '11-18'), (9, '11-18'), (11, '11-18'), (12, '11-18'),
    (0, '7-10'), (-1, '7-10'), (13, '7-10'),            # a pre-school class, «no class» (-1), out of the bands
    (None, '7-10'), (False, '7-10'),                    # no grade recorded
])
def test_age_group_of_a_grade(grade, group):
    assert cr.age_group(grade) == group


@pytest.mark.parametrize('grade', ['5', 4.0, True])
def test_age_group_refuses_what_is_not_a_whole_grade(grade):
    with pytest.raises(cr.CanteenError) as exc:
        cr.age_group(grade)
    assert exc.value.code == 'bad_input'


def test_age_groups_are_the_menus_selection_and_every_band_names_one():
    codes = [code for code, _label in cr.AGE_GROUPS]
    assert codes == ['7-10', '11-18']
    assert {group for _low, _high, group in cr.AGE_GROUP_OF_GRADE} == set(codes)
    assert cr.DEFAULT_AGE_GROUP in codes
    assert cr.AGE_GROUP_SOURCE.startswith('UNCONFIRMED')
