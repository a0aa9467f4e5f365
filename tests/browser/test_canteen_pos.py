"""The canteen till in headless Chromium (HSC-02, HSC-05, HSC-08): the demo cashier of school No. 1 opens the POS
and

* taps a grade 1-4 child's card on the keyboard-wedge reader (UID + Enter), sees the child's panel with the free
  meal, sells the free set dish (total 0, validated without payment) — a free meal is recorded on the server — and,
  on the next tap, a dish with eggs the parents forbade and a second free set meal are refused with the reason and
  not added to the order;
* chooses a paying child by name in the customer list (the fallback when the card is missing) and sells a dish
  paid from the child's prepaid balance;
* taps a card while the server cannot be reached: the child comes from the till's offline list and the till decides
  with the server's rules and today's menus it loaded (the free set dish at 0, the forbidden dish and a second free
  set refused with the server's words); the order validated offline is synced once the connection is back and
  recorded as one free meal, also when it is sent twice.

Skipped unless KZ_TEST_URL is set (scripts/test serves the demo database and sets it). What the tests need (canteen
till, today's approved menus with two dishes of the test, children with a card and no meal today, the parents' EGGS
restriction, a top-up) is set up through XML-RPC as admin, so it does not depend on the canteen demo data; labels
are not asserted (translated): refusal texts are compared with what the server answers the cashier for the same
order. Screenshots go to the test's tmp_path."""
import datetime
import json
import os
import time
import uuid
import xmlrpc.client

import pytest
import pytz

import kzbrowser

URL = os.environ.get('KZ_TEST_URL')
DOCS_SHOTS = {'child': 'pos-child-kk.png', 'allergen': 'pos-allergen-kk.png'}
DB = os.environ.get('KZ_TEST_DB', 'kz_edu_test')
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
pytestmark = pytest.mark.skipif(not URL, reason='needs a running Odoo (scripts/test sets KZ_TEST_URL)')

SET_CODE, EGGS_CODE = 'KZ-POS-TEST-SET', 'KZ-POS-TEST-EGGS'

def Browser(tmp_path):
    """The suite's Chromium driver (kzbrowser.py); the child's panel and the refusal become the README's pictures."""
    return kzbrowser.Browser(tmp_path, docs=DOCS_SHOTS)


# ------------------------------------------------------------------------------------------------ XML-RPC

def call(login, model, method, *args, **kw):
    """XML-RPC as `login` (password = login in the demo), with that user's rights."""
    uid = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common').authenticate(DB, login, login, {})
    assert uid, 'cannot log in as %s' % login
    return xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object', allow_none=True).execute_kw(
        DB, uid, login, model, method, list(args), kw)


def admin(model, method, *args, **kw):
    return call('admin', model, method, *args, **kw)


def ref(xmlid):
    return admin('ir.model.data', 'xmlid_to_res_id', xmlid)


def ensure_canteen_config(company_id):
    found = admin('pos.config', 'search', [('kz_is_canteen', '=', True), ('company_id', '=', company_id)], limit=1)
    if found:
        return found[0]
    # a demo school made before the stock module has no warehouse, and a till needs its stock location
    if not admin('stock.warehouse', 'search', [('company_id', '=', company_id)], limit=1):
        admin('stock.warehouse', 'create', {'name': 'Асхана', 'code': 'ASH%d' % company_id, 'company_id': company_id})
    # pos.config.kz_canteen_setup takes a company record: run it once as admin through a server action
    action = admin('ir.actions.server', 'create', {
        'name': 'kz_canteen browser test: canteen till', 'state': 'code',
        'model_id': admin('ir.model', 'search', [('model', '=', 'pos.config')])[0],
        'code': "env['pos.config'].kz_canteen_setup(env['res.company'].browse(%d), 'Асхана')\n"
                "action = False" % company_id})
    admin('ir.actions.server', 'run', [action])
    admin('ir.actions.server', 'unlink', [action])
    found = admin('pos.config', 'search', [('kz_is_canteen', '=', True), ('company_id', '=', company_id)], limit=1)
    assert found, 'pos.config.kz_canteen_setup made no canteen till'
    return found[0]


def ensure_dish(code, name, price, allergen_ids):
    found = admin('product.product', 'search', [('default_code', '=', code)], limit=1)
    if found:
        return found[0]
    return admin('product.product', 'create', {
        'name': name, 'default_code': code, 'kz_is_dish': True, 'available_in_pos': True, 'sale_ok': True,
        'type': 'service', 'lst_price': price, 'company_id': False, 'taxes_id': [(6, 0, [])],
        'categ_id': ref('kz_canteen.product_category_dishes'), 'kz_allergen_ids': [(6, 0, allergen_ids)]})


def ensure_menus(company_id, day, set_dish, eggs_dish):
    """Both age groups get today's approved menu with the two dishes (a meal slot still free that day)."""
    for group in ('7-10', '11-18'):
        menus = admin('kz.canteen.menu', 'search_read', [('company_id', '=', company_id), ('date', '=', day),
                                                         ('age_group', '=', group)], fields=['meal', 'state'])
        lines = admin('kz.canteen.menu.line', 'search_read', [('menu_id', 'in', [m['id'] for m in menus])],
                      fields=['menu_id', 'product_id'])
        mine = {l['menu_id'][0] for l in lines if l['product_id'][0] == set_dish}
        menu = next((m for m in menus if m['id'] in mine), None)
        if menu is None:
            free = [meal for meal in ('snack', 'breakfast', 'lunch') if meal not in {m['meal'] for m in menus}]
            assert free, 'school %s has every meal of %s on the menu already (%s)' % (company_id, day, group)
            menu = {'id': admin('kz.canteen.menu', 'create', {
                'company_id': company_id, 'date': day, 'meal': free[0], 'age_group': group, 'line_ids': [
                    (0, 0, {'product_id': set_dish, 'price': 400.0, 'is_free_set': True}),
                    (0, 0, {'product_id': eggs_dish, 'price': 150.0})]}), 'state': 'draft'}
        if menu['state'] != 'approved':
            admin('kz.canteen.menu', 'action_approve', [menu['id']])


def pick_child(canteen, grades, kind, card=True, restrictions=None, skip=()):
    """An enrolled child of the school in `grades` with no meal today whose entitlement (asked as the cashier) is
    `kind`, with an active card (`card`) and, when given, exactly these restricted allergens."""
    company_id, day = canteen['company_id'], canteen['day']
    students = admin('kz.edu.student', 'search_read', [
        ('company_id', '=', company_id), ('state', '=', 'enrolled'), ('class_id.grade_id.sequence', '>=', grades[0]),
        ('class_id.grade_id.sequence', '<=', grades[1]), ('id', 'not in', list(skip))],
        fields=['name', 'partner_id', 'class_id'], order='id desc', limit=300)
    by_id = {s['id']: s for s in students}
    uid_of = {}
    for c in admin('kz.edu.card', 'search_read', [('student_id', 'in', list(by_id)), ('state', '=', 'active')],
                   fields=['uid', 'student_id']):
        uid_of.setdefault(c['student_id'][0], c['uid'].strip().upper())
    fed = {m['student_id'][0] for m in admin('kz.canteen.meal', 'search_read', [
        ('student_id', 'in', list(by_id)), ('date', '=', day)], fields=['student_id'])}
    for sid, student in sorted(by_id.items(), reverse=True):
        if sid in fed or (card and not uid_of.get(sid, '').isalnum()):
            continue
        summary = identify(canteen, student['partner_id'][0])
        if summary['ok'] and summary['kind'] == kind and (restrictions is None or summary['restrictions'] == []):
            return dict(student, uid=uid_of.get(sid), summary=summary)
    raise AssertionError('no child of grades %s of school %s with a %s meal and no meal on %s'
                         % (grades, company_id, kind, day))


def identify(canteen, partner_id):
    return call('cashier', 'kz.canteen.pos', 'kz_identify', canteen['config_id'], partner_id=partner_id,
                context={'lang': canteen['lang']})


@pytest.fixture(scope='module')
def canteen():
    company_id = ref('kz_edu_base.company_school1_demo')
    cashier = admin('res.users', 'search_read', [('login', '=', 'cashier')], fields=['company_id', 'lang', 'tz'])[0]
    assert cashier['company_id'][0] == company_id, cashier
    config_id = ensure_canteen_config(company_id)
    company = admin('res.company', 'read', [company_id], fields=['kz_timezone', 'kz_canteen_allow_paid_repeat'])[0]
    assert not company['kz_canteen_allow_paid_repeat']
    tz = pytz.timezone(company.get('kz_timezone') or cashier['tz'] or 'Asia/Almaty')
    day = pytz.utc.localize(datetime.datetime.utcnow()).astimezone(tz).date().isoformat()
    eggs = admin('kz.edu.allergen', 'search', [('code', '=', 'EGGS')])[0]
    set_dish = ensure_dish(SET_CODE, 'Тары ботқасы (тест)', 400.0, [])
    eggs_dish = ensure_dish(EGGS_CODE, 'Омлет (тест)', 150.0, [eggs])
    ensure_menus(company_id, day, set_dish, eggs_dish)
    # the cashier opens her session (the POS only loads on an open session of its user)
    sessions = admin('pos.session', 'search_read', [('config_id', '=', config_id), ('state', '=', 'opened')],
                     fields=['user_id'])
    others = [s['id'] for s in sessions if s['user_id'][0] != cashier['id']]
    if others:                          # a till has one open session: hand it over to the cashier
        admin('pos.session', 'write', others, {'user_id': cashier['id']})
    if not sessions:
        call('cashier', 'pos.session', 'create', {'config_id': config_id, 'user_id': cashier['id']})
    config = admin('pos.config', 'read', [config_id], fields=['kz_balance_journal_id'])[0]
    return {'company_id': company_id, 'config_id': config_id, 'day': day, 'set': set_dish, 'eggs': eggs_dish,
            'eggs_allergen': eggs, 'lang': cashier['lang'] or 'en_US',
            'balance_journal': config['kz_balance_journal_id'][0]}


@pytest.fixture
def free_child(canteen):
    """A grade 1-4 child with a card and no meal today, whose parents forbade eggs."""
    child = pick_child(canteen, (1, 4), 'free', restrictions=[])
    admin('kz.canteen.restriction', 'create', {'student_id': child['id'], 'allergen_id': canteen['eggs_allergen']})
    return child


def meals_today(canteen, child):
    return admin('kz.canteen.meal', 'search_read', [('student_id', '=', child['id']), ('date', '=', canteen['day'])],
                 fields=['kind', 'product_id', 'qty', 'child_amount', 'funding_amount'])


def wait_for_meals(canteen, child):
    """The till sends a validated order in the background."""
    for _ in range(60):
        meals = meals_today(canteen, child)
        if meals:
            return meals
        time.sleep(0.5)
    return []


def cashier_decides(canteen, child, lines):
    """What the server answers the cashier for this order of the child (the till must show the same)."""
    return call('cashier', 'kz.canteen.pos', 'kz_decide', canteen['config_id'], child['partner_id'][0], lines,
                context={'lang': canteen['lang']})


# ------------------------------------------------------------------------------------------------ the till

POPUP = '.modal-dialog:not(.oe_hidden) .popup-error'
PANEL = '.kz_canteen.kz_canteen_panel'


def product(product_id):
    return '.product-list .product[data-product-id="%d"]' % product_id


def open_pos(b):
    b('goto', url=URL + '/web/login')
    b('fill', selector='input[name=login]', value='cashier')
    b('fill', selector='input[name=password]', value='cashier')
    b('submit', selector='button[type=submit]')
    b('goto', url=URL + '/pos/web')
    b('waitfn', expr="window.posmodel && window.posmodel.ready && window.posmodel.ready.state() === 'resolved'")
    b('wait', selector='.product-screen .product-list .product')
    b('wait', selector=PANEL)
    # the start-up curtain fades out over 1.5 s after loading: the till is usable only then
    b('waitfn', expr="!window.$ || !$('.pos .loader').is(':visible')")


def tap_card(b, uid):
    b('type', text=uid)                    # the keyboard-wedge reader types the UID and Enter
    b('press', key='Enter')


def order_lines(b):
    return b.value("posmodel.get_order().get_orderlines().map(function (l) {"
                   " return [l.get_product().id, l.get_quantity(), l.get_unit_price()]; })")


def wait_idle(b):
    b('waitfn', expr="!posmodel.get_order().kz_pending")


def popup_text(b):
    b('wait', selector=POPUP)
    return b('text', selector=POPUP + ' .body')['text'].strip()


def close_popup(b):
    b('click', selector=POPUP + ' .button.cancel')
    b('wait', selector=POPUP, state='hidden')


def test_till_sells_the_free_meal_by_card_and_refuses_the_forbidden_dish_and_a_second_meal_HSC02_HSC05_HSC08(
        tmp_path, canteen, free_child):
    child = free_child
    b = Browser(tmp_path)
    try:
        open_pos(b)
        assert b.value('posmodel.config.kz_is_canteen') is True
        # a canteen till shows dishes only, and knows the child's partner by name and card only
        shown = set(b.value("posmodel.db.get_product_by_category(0).map(function (p) { return p.id; })"))
        assert {canteen['set'], canteen['eggs']} <= shown
        assert shown <= set(admin('product.product', 'search', [('kz_is_dish', '=', True)])), shown
        partner = b.value('posmodel.db.get_partner_by_id(%d)' % child['partner_id'][0])
        assert partner['name'] == child['name']
        assert not (partner.get('phone') or partner.get('email') or partner.get('mobile') or partner.get('vat'))
        # the till shows today's menu: exactly the dishes of today's approved menus, whatever the age group
        lines = admin('kz.canteen.menu.line', 'search_read', [
            ('menu_id.company_id', '=', canteen['company_id']), ('menu_id.date', '=', canteen['day']),
            ('menu_id.state', '=', 'approved')], fields=['product_id'])
        on_menu = {l['product_id'][0] for l in lines}
        rendered = set(b.value("$('.product-list .product').map(function () { "
                               "return +$(this).attr('data-product-id'); }).get()"))
        assert rendered == on_menu, (rendered, on_menu)
        assert on_menu < set(shown)             # other dishes are loaded (offline, search) but not shown
        b.shot('loaded')

        # --- tap: the panel shows the child and the free meal
        tap_card(b, child['uid'])
        b('wait', selector=PANEL + ' .kz_canteen_child[data-partner-id="%d"] .kz_canteen_kind_free'
              % child['partner_id'][0])
        panel = b('text', selector=PANEL)['text']
        assert child['name'] in panel, panel
        assert b('text', selector=PANEL + ' .kz_canteen_free_left_value')['text'].strip() == '1'
        assert b('text', selector=PANEL + ' .kz_canteen_restrictions')['text'].strip()   # EGGS, in her language
        assert b.value('posmodel.get_order().get_client().id') == child['partner_id'][0]
        b.shot('child')

        # --- the free set dish costs the child 0 and is validated without payment (HSC-02, HSC-05)
        b('click', selector=product(canteen['set']))
        b('waitfn', expr="posmodel.get_order().get_orderlines().length === 1")
        wait_idle(b)
        assert order_lines(b) == [[canteen['set'], 1, 0]]
        b('click', selector='.actionpad .button.pay')
        b('wait', selector='.payment-screen .button.next')
        assert b.value('posmodel.get_order().get_paymentlines().length') == 0
        b.shot('payment')
        b('click', selector='.payment-screen .button.next')
        b('wait', selector=PANEL + ' .kz_canteen_served')              # straight back to the next child
        assert child['name'] in b('text', selector=PANEL + ' .kz_canteen_served')['text']
        meals = wait_for_meals(canteen, child)
        assert len(meals) == 1, meals
        assert meals[0]['kind'] == 'free'
        assert meals[0]['product_id'][0] == canteen['set'] and meals[0]['qty'] == 1
        assert meals[0]['child_amount'] == 0.0 and meals[0]['funding_amount'] == 400.0
        assert b.value('posmodel.db.get_orders().length') == 0              # synced, nothing left in the queue

        # --- next tap: the allowance is used; the parents' EGGS restriction refuses the omelette (HSC-08)
        tap_card(b, child['uid'])
        b('wait', selector=PANEL + ' .kz_canteen_child[data-partner-id="%d"]' % child['partner_id'][0])
        b('waitfn', expr="document.querySelector('%s .kz_canteen_free_left_value') &&"
                         " document.querySelector('%s .kz_canteen_free_left_value').innerText.trim() === '0'"
                         % (PANEL, PANEL))
        refusal = cashier_decides(canteen, child, [[canteen['eggs'], 1]])
        assert (refusal['ok'], refusal['code']) == (False, 'allergen_restricted'), refusal
        egg_name = admin('kz.edu.allergen', 'read', [canteen['eggs_allergen']], ['name'],
                         context={'lang': canteen['lang']})[0]['name']
        b('click', selector=product(canteen['eggs']))
        body = popup_text(b)
        b.shot('allergen')
        assert body == refusal['message'], body
        assert egg_name in body and 'Омлет (тест)' in body
        close_popup(b)
        wait_idle(b)
        assert order_lines(b) == []                                         # the refused dish was not added

        # --- a second free set meal the same day is refused (HSC-02)
        refusal = cashier_decides(canteen, child, [[canteen['set'], 1]])
        assert (refusal['ok'], refusal['code']) == (False, 'second_free_meal'), refusal
        b('click', selector=product(canteen['set']))
        body = popup_text(b)
        b.shot('second_meal')
        assert body == refusal['message'], body
        close_popup(b)
        wait_idle(b)
        assert order_lines(b) == []
        assert len(meals_today(canteen, child)) == 1
        assert not [e for e in b.page_errors if 'pageerror' in e], b.page_errors
    finally:
        b.close()


def test_child_chosen_by_name_pays_from_the_prepaid_balance_HSC02_HSC05(tmp_path, canteen):
    child = pick_child(canteen, (5, 11), 'paid', card=False, restrictions=[])
    topup = admin('kz.canteen.topup', 'create', {'student_id': child['id'], 'company_id': canteen['company_id'],
                                                 'amount': 1000.0, 'method': 'kaspi',
                                                 'reference': 'pos-test-%s' % uuid.uuid4().hex[:10]})
    admin('kz.canteen.topup', 'action_post', [topup])
    before = identify(canteen, child['partner_id'][0])['balance']
    assert before >= 1000.0
    b = Browser(tmp_path)
    try:
        open_pos(b)
        # no card at hand: the cashier finds the child in the customer list
        b('click', selector='.actionpad .set-customer')
        b('click', selector='.clientlist-screen .searchbox input')
        b('type', text=child['name'])
        b('press', key='Enter')
        b('waitfn', expr="(function () { if (posmodel.gui.get_current_screen() !== 'clientlist') { return true; }"
                         " var lines = document.querySelectorAll('.client-list-contents .client-line');"
                         " return lines.length > 0 && Array.prototype.every.call(lines, function (l) {"
                         " return l.innerText.indexOf(%s) >= 0; }); })()" % json.dumps(child['name']))
        if b.value("posmodel.gui.get_current_screen()") == 'clientlist':      # namesakes: pick her line
            b('click', selector='.client-line[data-id="%d"]' % child['partner_id'][0])
            b('click', selector='.clientlist-screen .button.next')
        b('wait', selector=PANEL + ' .kz_canteen_child[data-partner-id="%d"] .kz_canteen_kind_paid'
              % child['partner_id'][0])
        assert child['name'] in b('text', selector=PANEL)['text']
        b('click', selector=product(canteen['eggs']))
        b('waitfn', expr="posmodel.get_order().get_orderlines().length === 1")
        wait_idle(b)
        assert order_lines(b) == [[canteen['eggs'], 1, 150.0]]
        b('click', selector='.actionpad .button.pay')
        b('wait', selector='.payment-screen .paymentline')
        # the amount is taken from the child's prepaid balance
        assert b.value("posmodel.get_order().get_paymentlines().map(function (l) {"
                       " return [l.cashregister.journal_id[0], l.get_amount()]; })") == [
            [canteen['balance_journal'], 150.0]]
        b.shot('paid')
        b('click', selector='.payment-screen .button.next')
        b('wait', selector=PANEL + ' .kz_canteen_served')
        meals = wait_for_meals(canteen, child)
        assert [(m['kind'], m['product_id'][0], m['child_amount'], m['funding_amount']) for m in meals] == [
            ('paid', canteen['eggs'], 150.0, 0.0)]
        assert identify(canteen, child['partner_id'][0])['balance'] == before - 150.0
        assert not [e for e in b.page_errors if 'pageerror' in e], b.page_errors
    finally:
        b.close()


def test_till_decides_offline_like_the_server_and_the_order_syncs_once_HSC02_HSC08(tmp_path, canteen, free_child):
    child = free_child
    # what the server answers the cashier online for the same dishes: the till must refuse offline with these words
    eggs_refusal = cashier_decides(canteen, child, [[canteen['eggs'], 1]])
    assert (eggs_refusal['ok'], eggs_refusal['code']) == (False, 'allergen_restricted'), eggs_refusal
    second_refusal = cashier_decides(canteen, child, [[canteen['set'], 2]])
    assert (second_refusal['ok'], second_refusal['code']) == (False, 'second_free_meal'), second_refusal
    b = Browser(tmp_path)
    try:
        open_pos(b)
        b('offline', value=True)
        tap_card(b, child['uid'])
        b('wait', selector=PANEL + ' .kz_canteen_child[data-partner-id="%d"] .kz_canteen_kind_free'
              % child['partner_id'][0])
        b('wait', selector=PANEL + ' .kz_canteen_offline')
        assert child['name'] in b('text', selector=PANEL)['text']
        assert b('text', selector=PANEL + ' .kz_canteen_free_left_value')['text'].strip() == '1'
        assert b('text', selector=PANEL + ' .kz_canteen_restrictions')['text'].strip()   # EGGS, from the list
        # the free set dish costs her 0 at once, decided by the till (HSC-02)
        b('click', selector=product(canteen['set']))
        b('waitfn', expr="posmodel.get_order().get_orderlines().length === 1")
        wait_idle(b)
        assert order_lines(b) == [[canteen['set'], 1, 0]]
        assert b.value('posmodel.get_order().kz_offline') is True
        b.shot('offline_free')
        # the omelette her parents forbade is refused offline too, with the server's words (HSC-08)
        b('click', selector=product(canteen['eggs']))
        assert popup_text(b) == eggs_refusal['message']
        b.shot('offline_allergen')
        close_popup(b)
        wait_idle(b)
        assert order_lines(b) == [[canteen['set'], 1, 0]]
        # two portions of the set dish would be two free meals: the quantity typed is refused and put back
        b('click', selector='.numpad button.number-char:has-text("2")')
        assert popup_text(b) == second_refusal['message']
        close_popup(b)
        wait_idle(b)
        assert order_lines(b) == [[canteen['set'], 1, 0]]
        # validated without payment; the order waits in the till
        b('click', selector='.actionpad .button.pay')
        b('wait', selector='.payment-screen .button.next')
        assert b.value('posmodel.get_order().get_paymentlines().length') == 0
        b('click', selector='.payment-screen .button.next')
        b('wait', selector=PANEL + ' .kz_canteen_served')
        pending = b.value('posmodel.db.get_orders()')
        assert len(pending) == 1, pending
        sent = pending[0]['data']
        assert sent['partner_id'] == child['partner_id'][0] and sent['kz_free_meal'] is True
        assert sent['amount_total'] == 0 and sent['statement_ids'] == [], sent
        assert meals_today(canteen, child) == []                            # not synced yet
        # the next tap offline: the till counts the free meal it has just sold, a second set is refused
        tap_card(b, child['uid'])
        b('wait', selector=PANEL + ' .kz_canteen_child[data-partner-id="%d"]' % child['partner_id'][0])
        b('wait', selector=PANEL + ' .kz_canteen_offline')
        b('waitfn', expr="document.querySelector('%s .kz_canteen_free_left_value') &&"
                         " document.querySelector('%s .kz_canteen_free_left_value').innerText.trim() === '0'"
                         % (PANEL, PANEL))
        b('click', selector=product(canteen['set']))
        assert popup_text(b) == second_refusal['message']
        b.shot('offline_second_meal')
        close_popup(b)
        wait_idle(b)
        assert order_lines(b) == []
        b.value('posmodel.delete_current_order() || true')

        # back online: the cashier syncs; the order is stored at 0 with no payment and one free meal is recorded
        b('offline', value=False)
        b('click', selector='.pos .oe_status.js_synch')
        b('waitfn', expr="posmodel.db.get_orders().length === 0")
        meals = wait_for_meals(canteen, child)
        assert [(m['kind'], m['product_id'][0], m['qty'], m['child_amount'], m['funding_amount']) for m in meals] == [
            ('free', canteen['set'], 1, 0.0, 400.0)], meals
        orders = admin('pos.order', 'search_read', [('pos_reference', '=', sent['name'])],
                       fields=['amount_total', 'amount_paid', 'statement_ids', 'kz_review', 'partner_id'])
        assert len(orders) == 1, orders
        assert (orders[0]['amount_total'], orders[0]['amount_paid'], orders[0]['statement_ids'],
                orders[0]['kz_review']) == (0.0, 0.0, [], False), orders
        # the same order sent again (an answer lost on the way) is not counted twice
        b.value('posmodel.db.add_order(%s) && true' % json.dumps(sent))
        b('click', selector='.pos .oe_status.js_synch')
        b('waitfn', expr="posmodel.db.get_orders().length === 0")
        assert len(meals_today(canteen, child)) == 1
        assert len(admin('pos.order', 'search', [('pos_reference', '=', sent['name'])])) == 1
        # online again, the server says the same as the till: her free meal of the day is used
        assert identify(canteen, child['partner_id'][0])['free_meals_left'] == 0
        assert not [e for e in b.page_errors if 'pageerror' in e], b.page_errors
    finally:
        b.close()


def test_a_refused_card_does_not_leave_the_previous_child_on_the_order_HSC02(tmp_path, canteen):
    """Issue #13.3: after a refused card the till kept the previous child, so the next dish went to that child;
    and the payment method read «Prepaid balance (KZT)» in English over the child's name."""
    child = pick_child(canteen, (5, 11), 'paid', restrictions=[])
    b = Browser(tmp_path)
    try:
        open_pos(b)
        # the payment method is named in the cashier's language (not the journal's «Prepaid balance (KZT)»)
        names = b.value("posmodel.cashregisters.map(function (r) { return r.journal_id[1]; })")
        assert names and not any('Prepaid balance' in n or '(KZT)' in n for n in names), names
        tap_card(b, child['uid'])
        b('wait', selector=PANEL + ' .kz_canteen_child[data-partner-id="%d"]' % child['partner_id'][0])
        wait_idle(b)
        # an unknown card: refused, and the order on screen no longer belongs to the previous child
        tap_card(b, 'FFFF0000DEAD')
        body = popup_text(b)
        assert 'FFFF0000DEAD' in body, body
        close_popup(b)
        assert b.value("posmodel.get_order().get_client()") is None
        assert not b.value("!!document.querySelector('%s .kz_canteen_child')" % PANEL)
        # a dish clicked now is not sold to anybody: the order has no child (the payment asks for one)
        b('click', selector=product(canteen['eggs']))
        b('waitfn', expr="posmodel.get_order().get_orderlines().length === 1")
        assert b.value("posmodel.get_order().get_client()") is None
        b('click', selector='.actionpad .button.pay')
        b('wait', selector='.payment-screen')
        b('click', selector='.payment-screen .button.next')
        body = popup_text(b)
        assert body                                               # «scan the child's card or choose by name»
        close_popup(b)
        assert not [e for e in b.page_errors if 'pageerror' in e], b.page_errors
    finally:
        b.close()
