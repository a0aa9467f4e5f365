# -*- coding: utf-8 -*-
"""The canteen in the parent portal (HSC-07, HSC-08, HSC-09): on the child's page a summary (balance, last meals,
allergen restrictions), and /my/children/<id>/meals with the approved menu of the day for the child's age group
(dishes with an allergen the child must not eat are highlighted), the meals received in the last 30 days with
their price, date and time, the statistics of the period, the balance and its top-ups, the allergen restrictions
the parent sets herself, and her ratings of the meals.

Everything is read and written with the parent's own rights: the record rules of kz_canteen (own children only,
own organisation, approved menus) decide; nothing here uses sudo to find or change records. The logic lives in
``CanteenFamily`` (an env and a child), which the tests drive directly as the parent; the routes only turn its
answers into pages and redirects (Post/Redirect/Get, with a message code in the address)."""
import datetime

import psycopg2
import pytz

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request
from odoo.tools import mute_logger

from odoo.addons.kz_edu_contingent.controllers.portal import KzEduParentPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .. import canteen_rules


MEAL_DAYS = 30            # how far back the meals, statistics and ratings go
MEALS_PER_PAGE = 20
MENU_DAYS_AHEAD = 14      # the menu of the next days, once approved, can be looked at
MEALS = ('breakfast', 'lunch', 'snack')


class CanteenFamily(object):
    """The canteen as one parent sees it for one of her children. ``env`` is the parent's environment (her user,
    her rights); ``child`` a kz.edu.student she may read."""

    def __init__(self, env, child):
        self.env = env
        self.child = child.with_env(env)
        self.company = self.child.company_id
        self.currency = self.company.currency_id
        self.today = env['kz.canteen.pos']._kz_local_date(self.company)
        self.tz = pytz.timezone(self.company.kz_timezone or 'Asia/Almaty')

    # ------------------------------------------------------------------------------------------ reading
    def since(self):
        return self.today - datetime.timedelta(days=MEAL_DAYS - 1)

    def balance(self):
        """The prepaid balance (Decimal, exact to the tiyn)."""
        return self.env['kz.edu.student'].kz_canteen_balances([self.child.id]).get(self.child.id)

    def forbidden_allergens(self):
        """The allergens the child must not get: the parents' restrictions and the allergies the school recorded."""
        restricted = self.env['kz.canteen.restriction'].search([('student_id', '=', self.child.id)])
        return restricted.mapped('allergen_id') | self.child.allergen_ids

    def age_group(self):
        return canteen_rules.age_group(self.child.grade_id.sequence)

    def menu_day(self, day=None):
        """The day whose menu is shown: today unless another day within the last 30 and the next 14 is asked."""
        try:
            asked = fields.Date.from_string(day) if day else None
        except (TypeError, ValueError):
            asked = None
        if not asked or not self.since() <= asked <= self.today + datetime.timedelta(days=MENU_DAYS_AHEAD):
            return self.today
        return asked

    def menus(self, day=None):
        """The approved menus of the child's school on that day for the child's age group: [{'menu', 'lines':
        [{'line', 'product', 'image_url', 'allergens', 'restricted'}]}], breakfast first."""
        day = day or self.today
        forbidden = self.forbidden_allergens()
        menus = self.env['kz.canteen.menu'].kz_menu_of(self.company.id, fields.Date.to_string(day),
                                                       self.age_group())
        out = []
        for menu in menus.sorted(lambda m: (MEALS.index(m.meal), m.id)):
            lines = []
            for line in menu.line_ids:
                product = line.product_id
                lines.append({
                    'line': line, 'product': product, 'price': line.price, 'portion': product.kz_portion or '',
                    'image_url': '/web/image/product.product/%d/image_small' % product.id,
                    'allergens': product.kz_allergen_ids,
                    'restricted': product.kz_allergen_ids & forbidden,
                    'is_free_set': line.is_free_set,
                })
            out.append({'menu': menu, 'lines': lines})
        return out

    def _meal_domain(self):
        return [('student_id', '=', self.child.id), ('date', '>=', fields.Date.to_string(self.since()))]

    def meals(self, limit=MEALS_PER_PAGE, offset=0):
        """The meals received in the last 30 days, newest first, with the time at the school."""
        kinds = dict(self.env['kz.canteen.meal']._fields['kind']._description_selection(self.env))
        rows = []
        for meal in self.env['kz.canteen.meal'].search(self._meal_domain(), limit=limit, offset=offset):
            served = meal.served_at and pytz.utc.localize(
                fields.Datetime.from_string(meal.served_at)).astimezone(self.tz)
            rows.append({
                'meal': meal, 'date': meal.date, 'time': served.strftime('%H:%M') if served else '',
                'dish': meal.product_id.name, 'qty': meal.qty, 'price': meal.price,
                'total': self.currency.round(meal.price * meal.qty), 'paid': meal.child_amount,
                'funded': meal.funding_amount, 'kind': meal.kind, 'kind_label': kinds.get(meal.kind, ''),
            })
        return rows

    def meal_count(self):
        return self.env['kz.canteen.meal'].search_count(self._meal_domain())

    def statistics(self):
        """The last 30 days: portions, paid from the balance, paid by the budget, per kind of meal and in all."""
        kinds = dict(self.env['kz.canteen.meal']._fields['kind']._description_selection(self.env))
        groups = self.env['kz.canteen.meal'].read_group(
            self._meal_domain(), ['kind', 'qty', 'child_amount', 'funding_amount'], ['kind'])
        by_kind = [{'kind': g['kind'], 'label': kinds.get(g['kind'], ''), 'qty': g['qty'] or 0,
                    'paid': g['child_amount'] or 0.0, 'funded': g['funding_amount'] or 0.0} for g in groups]
        days = len(self.env['kz.canteen.meal'].read_group(self._meal_domain(), ['date'], ['date:day']))
        return {
            'by_kind': by_kind, 'days': days,
            'qty': sum(g['qty'] for g in by_kind),
            'paid': self.currency.round(sum(g['paid'] for g in by_kind)),
            'funded': self.currency.round(sum(g['funded'] for g in by_kind)),
        }

    def topups(self, limit=20):
        return self.env['kz.canteen.topup'].search([('student_id', '=', self.child.id), ('state', '=', 'posted')],
                                                   limit=limit)

    def restrictions(self):
        return self.env['kz.canteen.restriction'].search([('student_id', '=', self.child.id)])

    def ratings(self, limit=10):
        return self.env['kz.canteen.rating'].search([('student_id', '=', self.child.id)], limit=limit)

    def summary(self):
        """What the child's page shows about the canteen."""
        return {
            'family': self, 'balance': float(self.balance()), 'currency': self.currency,   # float: the widget
            'meals': self.meals(limit=5), 'restrictions': self.restrictions(),
            'menus': self.menus(), 'today': self.today,
        }

    def page_values(self, page=1, day=None, msg=None):
        """What /my/children/<id>/meals shows."""
        menu_day = self.menu_day(day)
        url = '/my/children/%d/meals' % self.child.id
        pager = portal_pager(url=url, total=self.meal_count(), page=page, step=MEALS_PER_PAGE,
                             url_args={'day': fields.Date.to_string(menu_day)} if menu_day != self.today else None)
        restrictions = self.restrictions()
        message = self.message(msg)
        meal_labels = dict(self.env['kz.canteen.rating']._fields['meal']._description_selection(self.env))
        return {
            'family': self, 'currency': self.currency, 'today': self.today,
            'menu_day': menu_day, 'menus': self.menus(menu_day),
            'prev_day': menu_day - datetime.timedelta(days=1) if menu_day > self.since() else None,
            'next_day': (menu_day + datetime.timedelta(days=1)
                         if menu_day < self.today + datetime.timedelta(days=MENU_DAYS_AHEAD) else None),
            'meals': self.meals(offset=pager['offset']), 'pager': pager, 'statistics': self.statistics(),
            'balance': float(self.balance()), 'topups': self.topups(),
            'restrictions': restrictions, 'school_allergens': self.child.allergen_ids,
            'allergens': self.env['kz.edu.allergen'].search([('id', 'not in', self.forbidden_allergens().ids)]),
            'ratings': self.ratings(), 'meal_choices': [(m, meal_labels[m]) for m in MEALS],
            'rating_min': fields.Date.to_string(self.since()), 'rating_max': fields.Date.to_string(self.today),
            'message': message and message[1], 'message_level': message and message[0],
            'url': url,
        }

    # ------------------------------------------------------------------------------------------ writing
    def _create(self, model, vals):
        """Create as the parent inside a savepoint: a unique constraint hit (the same row sent twice) rolls back
        this statement only and comes back as None; access errors go up. The school (company_id, a stored related
        field) is given at creation, read with the parent's rights: the record rules (own organisation) are
        checked on the row as inserted, before the related field would be recomputed."""
        vals = dict(vals, company_id=self.child.company_id.id)
        try:
            with mute_logger('odoo.sql_db'), self.env.cr.savepoint():
                return self.env[model].create(vals)
        except psycopg2.IntegrityError:
            return None

    def add_restriction(self, allergen_id):
        """HSC-08: the parent restricts an allergen; the till refuses the dishes with it from now on."""
        try:
            allergen = self.env['kz.edu.allergen'].browse(int(allergen_id)).exists()
        except (TypeError, ValueError):
            allergen = None
        if not allergen:
            return 'restriction_invalid'
        if self.env['kz.canteen.restriction'].search_count([('student_id', '=', self.child.id),
                                                            ('allergen_id', '=', allergen.id)]):
            return 'restriction_exists'
        created = self._create('kz.canteen.restriction', {'student_id': self.child.id, 'allergen_id': allergen.id})
        return 'restriction_added' if created else 'restriction_exists'

    def remove_restriction(self, restriction_id):
        try:
            restriction = self.env['kz.canteen.restriction'].search([('id', '=', int(restriction_id)),
                                                                     ('student_id', '=', self.child.id)])
        except (TypeError, ValueError):
            restriction = None
        if not restriction:
            return 'restriction_missing'
        restriction.unlink()
        return 'restriction_removed'

    def rate(self, date, meal, score, comment=None):
        """HSC-09: one rating per child, parent, day and meal; a second one is refused with a message."""
        try:
            day = fields.Date.from_string(date)
            score = int(score)
        except (TypeError, ValueError):
            return 'rating_invalid'
        if not day or meal not in MEALS or not 1 <= score <= 5:
            return 'rating_invalid'
        if not self.since() <= day <= self.today:
            return 'rating_date'
        if not self.env['kz.canteen.rating'].kz_meal_served(self.child.id, fields.Date.to_string(day), meal):
            return 'rating_not_served'
        domain = [('student_id', '=', self.child.id), ('partner_id', '=', self.env.user.partner_id.id),
                  ('date', '=', fields.Date.to_string(day)), ('meal', '=', meal)]
        if self.env['kz.canteen.rating'].search_count(domain):
            return 'rating_duplicate'
        try:
            created = self._create('kz.canteen.rating', {
                'student_id': self.child.id, 'date': fields.Date.to_string(day), 'meal': meal, 'score': score,
                'comment': (comment or '').strip()[:2000] or False})
        except ValidationError:
            return 'rating_invalid'
        return 'rating_saved' if created else 'rating_duplicate'

    def message(self, code):
        """(level, text) of a message code the page was redirected with, or None."""
        messages = {
            'restriction_added': ('success', _('The restriction is saved: from now on the canteen will not give '
                                               'your child dishes with this allergen.')),
            'restriction_exists': ('info', _('This allergen is already restricted for your child.')),
            'restriction_removed': ('success', _('The restriction is removed.')),
            'restriction_missing': ('warning', _('This restriction does not exist any more.')),
            'restriction_invalid': ('warning', _('Please choose an allergen from the list.')),
            'rating_saved': ('success', _('Thank you! Your rating is saved.')),
            'rating_duplicate': ('info', _('You have already rated this meal on that day. Thank you!')),
            'rating_invalid': ('warning', _('Please choose a meal and a score from 1 to 5.')),
            'rating_not_served': ('warning', _('Your child has not received this meal on that day: a meal can be '
                                               'rated once it has been eaten.')),
            'rating_date': ('warning', _('You can rate the meals of the last %d days, not of a future day.')
                            % MEAL_DAYS),
        }
        return messages.get(code)


class KzCanteenParentPortal(KzEduParentPortal):
    """The canteen routes of the parent portal; the child is found with the parent's rights (another family's
    child, or a child that does not exist, is "not found")."""

    def _kz_canteen_child(self, student_id):
        child = self._kz_children(student_id)
        if not child:
            raise MissingError(_('This page does not exist.'))
        child.check_access_rule('read')
        return child

    def _kz_child_values(self, child):
        values = super(KzCanteenParentPortal, self)._kz_child_values(child)
        values['kz_canteen'] = CanteenFamily(request.env, child).summary()
        return values

    @http.route(['/my/children/<int:student_id>/meals', '/my/children/<int:student_id>/meals/page/<int:page>'],
                type='http', auth='user', website=True)
    def portal_my_child_meals(self, student_id, page=1, day=None, msg=None, **kw):
        try:
            child = self._kz_canteen_child(student_id)
        except (AccessError, MissingError):
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(CanteenFamily(request.env, child).page_values(page=page, day=day, msg=msg))
        values.update({'child': child, 'page_name': 'kz_child_meals'})
        return request.render('kz_canteen.portal_my_child_meals', values)

    def _kz_canteen_post(self, student_id, action, anchor):
        """Run ``action(family)`` for the parent's child and redirect back to the page with its message."""
        try:
            child = self._kz_canteen_child(student_id)
            code = action(CanteenFamily(request.env, child))
        except (AccessError, MissingError):
            return request.not_found()
        return request.redirect('/my/children/%d/meals?msg=%s#%s' % (child.id, code, anchor))

    @http.route(['/my/children/<int:student_id>/meals/restriction/add'], type='http', auth='user',
                methods=['POST'], website=True)
    def portal_my_child_restriction_add(self, student_id, allergen_id=None, **kw):
        return self._kz_canteen_post(student_id, lambda f: f.add_restriction(allergen_id), 'kz_restrictions')

    @http.route(['/my/children/<int:student_id>/meals/restriction/<int:restriction_id>/remove'], type='http',
                auth='user', methods=['POST'], website=True)
    def portal_my_child_restriction_remove(self, student_id, restriction_id, **kw):
        return self._kz_canteen_post(student_id, lambda f: f.remove_restriction(restriction_id), 'kz_restrictions')

    @http.route(['/my/children/<int:student_id>/meals/rate'], type='http', auth='user', methods=['POST'],
                website=True)
    def portal_my_child_rate(self, student_id, date=None, meal=None, score=None, comment=None, **kw):
        return self._kz_canteen_post(student_id, lambda f: f.rate(date, meal, score, comment), 'kz_ratings')
