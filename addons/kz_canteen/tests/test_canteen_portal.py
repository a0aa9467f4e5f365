# -*- coding: utf-8 -*-
"""The parents' side of the canteen (HSC-07, HSC-08, HSC-09, SEC-06), as the parent herself: what her portal shows
about her children (menu of the day for the age group, meals with price, date and time, balance, top-ups), the
allergen restrictions she sets (the till then refuses the dish) and her ratings; another family's child stays out of
reach; every meal sold queues one notification per guardian who wants them, in the parent's language.

The portal pages are also requested over HTTP, in-process (``PortalClient``, kz_edu_base's InProcessClient: the WSGI
application of Odoo with the test's own transaction lent to it), so routing, login, CSRF, record rules and
templates are exercised together."""
import datetime
import re
from decimal import Decimal

import pytz

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.kz_canteen.controllers.portal import CanteenFamily
from odoo.addons.kz_edu_base.tests.http_client import InProcessClient as PortalClient

from .common import CanteenCase


class CanteenPortalCase(CanteenCase):
    """Mother A (portal user) is the guardian of `small` (grade 2) and `paid5` (grade 5); kids[1] is another
    family's child in the same class (guardian: its father, who gets no notifications)."""

    @classmethod
    def setUpClass(cls):
        super(CanteenPortalCase, cls).setUpClass()
        env = cls.env
        Partner, Guardian = env['res.partner'], env['kz.edu.guardian']
        cls.mother_a.write({'email': 'ana.a@example.com', 'lang': 'kk_KZ'})
        cls.father = Partner.create({'name': 'Әке А', 'email': 'ake.a@example.com', 'lang': 'ru_RU',
                                     'company_id': cls.school_a.id})
        cls.granny = Partner.create({'name': 'Әже А', 'mobile': '+77010000001', 'lang': 'ru_RU',
                                     'email': 'aje.a@example.com', 'company_id': cls.school_a.id})
        cls.other_parent = Partner.create({'name': 'Басқа ата-ана', 'email': 'other@example.com',
                                           'company_id': cls.school_a.id})
        for child in (cls.small, cls.paid5):
            Guardian.create({'student_id': child.id, 'partner_id': cls.mother_a.id, 'relation': 'mother',
                             'notify_by': 'mail'})
        Guardian.create({'student_id': cls.small.id, 'partner_id': cls.father.id, 'relation': 'father',
                         'notify_by': 'none'})
        Guardian.create({'student_id': cls.small.id, 'partner_id': cls.granny.id, 'relation': 'guardian',
                         'notify_by': 'sms'})
        cls.other_kid = cls.kids[1]
        Guardian.create({'student_id': cls.other_kid.id, 'partner_id': cls.other_parent.id, 'relation': 'father',
                         'notify_by': 'mail'})
        cls.parent = cls.make_user('canteen_parent', ['kz_edu_base.group_parent'], cls.school_a,
                                   partner=cls.mother_a)
        cls.parent.write({'password': 'canteen-parent-1'})
        cls.consents = env['kz.edu.consent']
        for child in (cls.small, cls.paid5, cls.other_kid):
            cls.consents |= env['kz.edu.consent'].create({
                'partner_id': child.partner_id.id, 'purpose': 'notifications', 'given_by_id': cls.mother_a.id,
                'date_given': '2026-01-01', 'company_id': cls.school_a.id})

    def as_parent(self):
        return self.env(user=self.parent.id)

    def family(self, child, env=None):
        env = env or self.as_parent()
        return CanteenFamily(env, env['kz.edu.student'].browse(child.id))

    def sell(self, child, lines, session=None):
        session = session or self.session()
        order = self.ui_order(session, child, lines)
        ids = self.env['pos.order'].sudo(self.cashier).create_from_ui([order])
        return self.env['pos.order'].browse(ids), order

    def session(self):
        if not getattr(self, '_session', None):
            self._session = self.open_session()
        return self._session

    def meal_notifications(self, orders):
        return self.env['kz.edu.notification'].search([('meal_order_id', 'in', orders.ids)])


class TestCanteenPortal(CanteenPortalCase):

    # ---------------------------------------------------------------- HSC-07: what the parent sees
    def test_parent_sees_menu_meals_balance_and_topups_of_her_child_HSC07(self):
        topup = self.topup(self.paid5, 1000)
        order, _ui = self.sell(self.paid5, [(self.plov, 1, 650.0), (self.tea, 2, 60.0)])
        values = self.family(self.paid5).page_values()
        # today's approved menu of the school for grades 5-11, with photos, portions, prices and allergens
        menu = self.menus.filtered(lambda m: m.age_group == '11-18')
        self.assertEqual([m['menu'].id for m in values['menus']], menu.ids)
        lines = {l['product'].id: l for l in values['menus'][0]['lines']}
        self.assertEqual(set(lines), {self.soup.id, self.plov.id, self.pancake.id, self.tea.id})
        self.assertEqual(lines[self.plov.id]['price'], 650.0)
        self.assertEqual(lines[self.pancake.id]['image_url'], '/web/image/product.product/%d/image_small'
                         % self.pancake.id)
        self.assertEqual(set(lines[self.pancake.id]['allergens'].mapped('code')), {'GLUTEN', 'EGGS', 'MILK'})
        self.assertEqual(lines[self.soup.id]['portion'], '200 г')
        self.assertFalse(any(l['restricted'] for l in lines.values()))
        # what the child received: dish, price, paid, kind, date and time at the school
        rows = {r['dish']: r for r in values['meals']}
        self.assertEqual(set(rows), {'Палау', 'Шай'})
        self.assertEqual((rows['Шай']['qty'], rows['Шай']['total'], rows['Шай']['paid']), (2, 120.0, 120.0))
        self.assertEqual((rows['Палау']['paid'], rows['Палау']['kind']), (650.0, 'paid'))
        self.assertEqual(rows['Палау']['date'], fields.Date.to_string(self.today))
        self.assertRegex(rows['Палау']['time'], r'^\d\d:\d\d$')
        self.assertEqual(self.family(self.paid5).balance(), Decimal('230.00'))
        self.assertEqual(values['balance'], 230.0)
        self.assertEqual(values['topups'], topup)
        stats = values['statistics']
        self.assertEqual((stats['qty'], stats['paid'], stats['funded'], stats['days']), (3, 770.0, 0.0, 1))

    def test_age_group_menu_for_grades_1_to_4_and_free_meal_statistics_HSC07(self):
        self.sell(self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        values = self.family(self.small).page_values()
        self.assertEqual([m['menu'].age_group for m in values['menus']], ['7-10'])
        self.assertEqual(values['statistics']['funded'], 1000.0)
        self.assertEqual(values['statistics']['paid'], 0.0)
        self.assertEqual({r['kind'] for r in values['meals']}, {'free'})
        self.assertEqual(values['balance'], 0.0)

    def test_meals_are_limited_to_30_days_and_paginated_HSC07(self):
        Meal = self.env['kz.canteen.meal']
        rows = []
        for n in range(45):   # one paid tea a day for 45 days
            day = fields.Date.to_string(self.today - datetime.timedelta(days=n))
            rows.append({'company_id': self.school_a.id, 'date': day, 'served_at': day + ' 06:30:00',
                         'student_id': self.paid5.id, 'product_id': self.tea.id, 'qty': 1, 'price': 60,
                         'child_amount': 60, 'funding_amount': 0, 'kind': 'paid', 'order_key': 'hist-%d' % n,
                         'line_no': 0})
        Meal.kz_bulk_record(rows)
        family = self.family(self.paid5)
        self.assertEqual(family.meal_count(), 30)
        first = family.page_values(page=1)
        self.assertEqual(len(first['meals']), 20)
        self.assertEqual(first['pager']['page_count'], 2)
        second = family.page_values(page=2)
        self.assertEqual(len(second['meals']), 10)
        self.assertEqual(second['meals'][-1]['date'], fields.Date.to_string(family.since()))
        tz = pytz.timezone(self.school_a.kz_timezone or 'Asia/Almaty')
        local = pytz.utc.localize(datetime.datetime.combine(self.today, datetime.time(6, 30))).astimezone(tz)
        self.assertEqual(first['meals'][0]['time'], local.strftime('%H:%M'))   # at the school, not UTC
        self.assertEqual(first['statistics']['paid'], 1800.0)

    def test_parent_does_not_see_another_familys_child_SEC06_HSC07(self):
        self.topup(self.paid5, 1000)
        self.sell(self.paid5, [(self.tea, 1, 60.0)])
        self.sell(self.other_kid, [(self.soup, 1, 0.0)])
        env = self.as_parent()
        self.assertEqual(env['kz.canteen.meal'].search([]).mapped('student_id'), self.paid5)
        self.assertEqual(env['kz.canteen.topup'].search([]).mapped('student_id'), self.paid5)
        with self.assertRaises(AccessError):
            env['kz.edu.student'].browse(self.other_kid.id).read(['name'])
        with self.assertRaises(AccessError):
            self.family(self.other_kid).page_values()

    # ---------------------------------------------------------------- HSC-08: allergen restrictions
    def test_restriction_set_by_the_parent_makes_the_till_refuse_the_dish_HSC08(self):
        self.topup(self.small, 500)           # the pancake is paid: with money on the balance, only eggs stop it
        family = self.family(self.small)
        self.assertEqual(family.add_restriction(self.allergen['EGGS'].id), 'restriction_added')
        restriction = self.env['kz.canteen.restriction'].search([('student_id', '=', self.small.id)])
        self.assertEqual(restriction.allergen_id, self.allergen['EGGS'])
        self.assertEqual((restriction.set_by_id, restriction.create_uid), (self.mother_a, self.parent))
        r = self.pos.sudo(self.cashier).kz_decide(self.config.id, self.small.partner_id.id, [[self.pancake.id, 1]])
        self.assertEqual((r['ok'], r['code']), (False, 'allergen_restricted'))
        # the menu marks the dish for her
        lines = {l['product'].id: l for l in family.menus()[0]['lines']}
        self.assertEqual(lines[self.pancake.id]['restricted'], self.allergen['EGGS'])
        self.assertFalse(lines[self.plov.id]['restricted'])
        values = family.page_values()
        self.assertNotIn(self.allergen['EGGS'], values['allergens'])
        self.assertEqual(len(values['allergens']), 13)
        # twice: a message, one row
        self.assertEqual(family.add_restriction(self.allergen['EGGS'].id), 'restriction_exists')
        self.assertEqual(family.add_restriction('not a number'), 'restriction_invalid')
        self.assertEqual(self.env['kz.canteen.restriction'].search_count([('student_id', '=', self.small.id)]), 1)
        # removed: the till sells it again
        self.assertEqual(family.remove_restriction(restriction.id), 'restriction_removed')
        self.assertFalse(restriction.exists())
        r = self.pos.sudo(self.cashier).kz_decide(self.config.id, self.small.partner_id.id, [[self.pancake.id, 1]])
        self.assertTrue(r['ok'], r)
        self.assertEqual(family.remove_restriction(restriction.id), 'restriction_missing')

    def test_parent_cannot_restrict_or_unrestrict_another_familys_child_HSC08(self):
        env = self.as_parent()
        with self.assertRaises(AccessError), self.cr.savepoint():
            env['kz.canteen.restriction'].create({'student_id': self.other_kid.id,
                                                  'allergen_id': self.allergen['FISH'].id})
        theirs = self.env['kz.canteen.restriction'].create({'student_id': self.other_kid.id,
                                                            'allergen_id': self.allergen['FISH'].id})
        with self.assertRaises(AccessError), self.cr.savepoint():
            env['kz.canteen.restriction'].browse(theirs.id).unlink()
        # through her own child's page she cannot reach it either
        self.assertEqual(self.family(self.small).remove_restriction(theirs.id), 'restriction_missing')
        self.assertTrue(theirs.exists())

    # ---------------------------------------------------------------- HSC-09: ratings
    def test_rating_is_stored_once_and_a_duplicate_gets_a_message_HSC09(self):
        family = self.family(self.small)
        today = fields.Date.to_string(self.today)
        self.sell(self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])       # today's lunch, eaten
        self.assertEqual(family.rate(today, 'lunch', '5', ' Дәмді болды '), 'rating_saved')
        rating = self.env['kz.canteen.rating'].search([('student_id', '=', self.small.id)])
        self.assertEqual((rating.partner_id, rating.score, rating.meal, rating.date, rating.comment),
                         (self.mother_a, 5, 'lunch', today, 'Дәмді болды'))
        self.assertEqual(family.rate(today, 'lunch', '2'), 'rating_duplicate')
        # the unique constraint itself (two requests at once): rolled back to a savepoint, the cursor still works
        self.assertIsNone(family._create('kz.canteen.rating', {'student_id': self.small.id, 'date': today,
                                                               'meal': 'lunch', 'score': 1}))
        self.assertEqual(self.env['kz.canteen.rating'].search_count([('student_id', '=', self.small.id)]), 1)
        self.assertEqual(family.rate(today, 'lunch', '7'), 'rating_invalid')
        self.assertEqual(family.rate(today, 'dinner', '4'), 'rating_invalid')
        self.assertEqual(family.rate('yesterday', 'lunch', '4'), 'rating_invalid')
        tomorrow = fields.Date.to_string(self.today + datetime.timedelta(days=1))
        self.assertEqual(family.rate(tomorrow, 'lunch', '4'), 'rating_date')
        self.assertEqual(len(family.ratings()), 1)
        self.assertTrue(family.message('rating_duplicate')[1])
        # another family's child: refused (by the record rules, raised from the score check that reads the row)
        with self.assertRaises((AccessError, ValidationError)) as refused, self.cr.savepoint():
            self.as_parent()['kz.canteen.rating'].create({'student_id': self.other_kid.id, 'date': today,
                                                          'meal': 'lunch', 'score': 4})
        self.assertIn('security restrictions', str(refused.exception))
        self.assertFalse(self.env['kz.canteen.rating'].search([('student_id', '=', self.other_kid.id)]))

    def test_a_meal_not_eaten_yet_cannot_be_rated_HSC09(self):
        family = self.family(self.small)
        today = fields.Date.to_string(self.today)
        # nothing served yet today: lunch cannot be rated, with a message saying why
        self.assertEqual(family.rate(today, 'lunch', '5'), 'rating_not_served')
        self.assertIn('eaten', family.message('rating_not_served')[1])
        # not through the model either
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.as_parent()['kz.canteen.rating'].create({'student_id': self.small.id, 'date': today,
                                                          'meal': 'lunch', 'score': 5,
                                                          'company_id': self.school_a.id})
        self.sell(self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        self.assertEqual(family.rate(today, 'lunch', '5'), 'rating_saved')
        # lunch was eaten, breakfast was not (there is no breakfast menu)
        self.assertEqual(family.rate(today, 'breakfast', '4'), 'rating_not_served')
        self.assertEqual(self.env['kz.canteen.rating'].search([('student_id', '=', self.small.id)]).mapped('meal'),
                         ['lunch'])

    # ---------------------------------------------------------------- notifications after each meal
    def test_a_sold_meal_queues_one_notification_per_guardian_who_wants_them_HSC07(self):
        order, ui = self.sell(self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        notes = self.meal_notifications(order)
        self.assertEqual({(n.partner_id, n.channel) for n in notes},
                         {(self.mother_a, 'mail'), (self.granny, 'sms')})            # not the father: 'none'
        self.assertEqual(set(notes.mapped('state')), {'queued'})
        self.assertEqual(notes.mapped('student_id'), self.small)
        # the same offline order synced again: nothing more
        self.env['pos.order'].sudo(self.cashier).create_from_ui([ui])
        order._kz_after_meals_recorded(order)
        self.assertEqual(len(self.meal_notifications(order)), 2)
        body = notes.filtered(lambda n: n.partner_id == self.mother_a)._message()
        self.assertIn(self.small.name, body)
        self.assertIn(self.school_a.name, body)
        self.assertIn('350', body)
        self.assertIn('650', body)
        self.assertRegex(body.split(self.school_a.name)[1], r'1\D?000')   # the budget paid 1 000 ₸

    def test_paid_meal_message_has_dishes_prices_paid_amount_balance_and_time_HSC07(self):
        self.topup(self.paid5, 1000)
        session = self.session()
        first, _ui = self.sell(self.paid5, [(self.plov, 1, 650.0), (self.tea, 1, 60.0)], session)
        second, _ui = self.sell(self.paid5, [(self.tea, 1, 60.0)], session)
        note = self.meal_notifications(first)
        self.assertEqual(note.partner_id, self.mother_a)
        self.assertEqual(note.meal_balance_after, 290.0)                   # after that meal, not after the next one
        self.assertEqual(self.meal_notifications(second).meal_balance_after, 230.0)
        body = note._message()
        for part in (self.paid5.name, self.plov.name, self.tea.name, '650', '60', '710', '290'):
            self.assertIn(part, body)
        local = self.pos._kz_local_date(self.school_a, first.date_order).strftime('%d.%m.%Y')
        self.assertIn(local, body)
        self.assertRegex(body, r'\d\d:\d\d')

    def test_nothing_sent_without_consent_or_with_notify_none_HSC07(self):
        """A withdrawn consent: the messages are kept as skipped with the reason and never sent; a guardian who
        wants no notifications gets no message at all."""
        self.consents.filtered(lambda c: c.partner_id == self.small.partner_id).action_withdraw()
        order, _ui = self.sell(self.small, [(self.soup, 1, 0.0)])
        notes = self.meal_notifications(order)
        self.assertEqual({(n.partner_id, n.state, n.reason) for n in notes},
                         {(self.mother_a, 'skipped', 'consent_withdrawn'), (self.granny, 'skipped', 'consent_withdrawn')})
        notes.send()
        self.assertEqual(set(notes.mapped('state')), {'skipped'})
        self.env['kz.edu.guardian'].search([('student_id', '=', self.other_kid.id)]).write({'notify_by': 'none'})
        order, _ui = self.sell(self.other_kid, [(self.soup, 1, 0.0)])
        self.assertFalse(self.meal_notifications(order))

    def test_message_is_in_the_parents_language_and_sent_by_the_cron_HSC07(self):
        self.plov.product_tmpl_id.with_context(lang='ru_RU').write({'name': 'Плов'})
        self.assertEqual(self.plov.with_context(lang='kk_KZ').name, 'Палау')
        order, _ui = self.sell(self.small, [(self.plov, 1, 0.0)])
        notes = self.meal_notifications(order)
        kk = notes.filtered(lambda n: n.partner_id == self.mother_a)
        ru = notes.filtered(lambda n: n.partner_id == self.granny)
        self.assertIn('Палау', kk._message())
        self.assertNotIn('Плов', kk._message())
        self.assertIn('Плов', ru._message())
        self.assertIn('650', ru._message())
        # the parent without a language reads Kazakh
        self.mother_a.lang = False
        self.assertIn('Палау', kk._message())
        # the queue's cron (kz_edu_base) sends it: the e-mail carries the text
        self.env['kz.edu.notification'].search([('state', '=', 'queued'), ('id', 'not in', notes.ids)]).write(
            {'state': 'skipped'})
        self.env['kz.edu.notification']._cron_send()
        self.assertEqual(kk.state, 'sent')
        self.assertIn('Палау', kk.body)
        mail = self.env['mail.mail'].search([('email_to', '=', self.mother_a.email)], order='id desc', limit=1)
        self.assertIn('Палау', mail.body_html)

    def test_notifications_are_queued_in_one_statement_for_a_batch(self):
        self.topup(self.paid5, 1000)
        session = self.session()
        orders = [self.ui_order(session, self.small, [(self.soup, 1, 0.0)]),
                  self.ui_order(session, self.paid5, [(self.tea, 1, 60.0)]),
                  self.ui_order(session, self.other_kid, [(self.soup, 1, 0.0)])]
        ids = self.env['pos.order'].sudo(self.cashier).with_context(kz_no_notify=True).create_from_ui(orders)
        self.assertFalse(self.meal_notifications(self.env['pos.order'].browse(ids)))
        Notification = self.env['kz.edu.notification']

        def queue(order_ids):
            before = self.cr.sql_log_count
            queued = Notification.queue_for_meal_orders(order_ids)
            return queued, self.cr.sql_log_count - before
        # the orders' facts, their guardians, what is already queued, the consents, one INSERT: whatever the batch
        Notification.env.user.read(['tz'])          # today's date reads the user's time zone: cached beforehand
        Notification.env['res.company'].browse(self.school_a.id).read(['kz_timezone'])    # and the school's
        one, statements_one = queue(ids[:1])
        two, statements_two = queue(ids[1:])
        self.assertEqual((statements_one, statements_two), (5, 5))
        self.assertEqual(one + two, 4)     # small: mother, granny; paid5: mother; other kid: its father


class TestCanteenPortalHttp(CanteenPortalCase):
    """The pages and forms over HTTP, as the mother (SEC-06, HSC-07, HSC-08, HSC-09)."""

    def setUp(self):
        super(TestCanteenPortalHttp, self).setUp()
        self.web = PortalClient(self, 'canteen_parent', 'canteen-parent-1')

    def page(self, url):
        response = self.web.get(url)
        self.assertEqual(response.status_code, 200, (url, response.headers.get('Location')))
        return response.get_data(as_text=True)

    def test_child_page_and_meals_page_show_menu_meals_and_balance_HSC07(self):
        self.topup(self.paid5, 1000)
        self.sell(self.paid5, [(self.plov, 1, 650.0)])
        html = self.page('/my/children/%d' % self.paid5.id)
        self.assertIn('/my/children/%d/meals' % self.paid5.id, html)
        self.assertIn('Палау', html)
        self.assertIn('350,00', html.replace('.', ','))          # the balance, whatever the decimal separator
        html = self.page('/my/children/%d/meals' % self.paid5.id)
        self.assertIn('/web/image/product.product/%d/image_small' % self.pancake.id, html)
        self.assertEqual(len(re.findall(r'class="o_kz_meal_row"', html)), 1)
        self.assertIn('650,00', html.replace('.', ','))
        self.assertIn('o_kz_rating_form', html)

    def test_another_familys_child_is_not_found_SEC06(self):
        self.sell(self.other_kid, [(self.soup, 1, 0.0)])
        for url in ('/my/children/%d/meals' % self.other_kid.id, '/my/children/%d' % self.other_kid.id,
                    '/my/children/999999/meals'):
            response = self.web.get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn(self.other_kid.name, response.get_data(as_text=True))
        html = self.page('/my/children/%d/meals' % self.small.id)
        response = self.web.post('/my/children/%d/meals/restriction/add' % self.other_kid.id,
                                 {'csrf_token': PortalClient.csrf(html), 'allergen_id': self.allergen['FISH'].id})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env['kz.canteen.restriction'].search([('student_id', '=', self.other_kid.id)]))

    def test_restriction_form_with_csrf_then_the_menu_marks_the_dish_HSC08(self):
        url = '/my/children/%d/meals' % self.small.id
        html = self.page(url)
        self.assertNotIn('o_kz_dish_restricted', html)
        with mute_logger('odoo.http'):
            response = self.web.post(url + '/restriction/add', {'allergen_id': self.allergen['EGGS'].id})
        self.assertEqual(response.status_code, 400)                             # no CSRF token: refused
        self.assertFalse(self.env['kz.canteen.restriction'].search([('student_id', '=', self.small.id)]))
        response = self.web.post(url + '/restriction/add', {'csrf_token': PortalClient.csrf(html),
                                                            'allergen_id': self.allergen['EGGS'].id})
        self.assertEqual(response.status_code, 302)
        self.assertIn('msg=restriction_added', response.headers['Location'])
        restriction = self.env['kz.canteen.restriction'].search([('student_id', '=', self.small.id)])
        self.assertEqual(restriction.allergen_id, self.allergen['EGGS'])
        html = self.page(url + '?msg=restriction_added')
        self.assertIn('o_kz_canteen_message', html)
        dish = re.search(r'<li[^>]*data-product-id="%d"' % self.pancake.id, html).group(0)
        self.assertIn('o_kz_dish_restricted', dish)
        response = self.web.post(url + '/restriction/%d/remove' % restriction.id,
                                 {'csrf_token': PortalClient.csrf(html)})
        self.assertIn('msg=restriction_removed', response.headers['Location'])
        self.assertFalse(restriction.exists())

    def test_rating_form_and_duplicate_message_HSC09(self):
        url = '/my/children/%d/meals' % self.small.id
        self.sell(self.small, [(self.soup, 1, 0.0), (self.plov, 1, 0.0)])
        html = self.page(url)
        data = {'csrf_token': PortalClient.csrf(html), 'date': fields.Date.to_string(self.today), 'meal': 'lunch',
                'score': '4', 'comment': 'Жылы еді'}
        self.assertIn('msg=rating_saved', self.web.post(url + '/rate', data).headers['Location'])
        self.assertIn('msg=rating_duplicate', self.web.post(url + '/rate', data).headers['Location'])
        ratings = self.env['kz.canteen.rating'].search([('student_id', '=', self.small.id)])
        self.assertEqual((len(ratings), ratings.score, ratings.partner_id), (1, 4, self.mother_a))
        html = self.page(url + '?msg=rating_duplicate')
        self.assertIn('alert-info', html)
        self.assertIn('data-score="4"', html)
