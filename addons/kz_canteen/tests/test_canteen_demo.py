"""The demo canteen of school No. 1 (HSC-04, HSC-05, HSC-07, HSC-08, HSC-10): today's approved menus whatever the
weekday, dishes with photos and valid allergens, the previous month's meals decided exactly as the rules decide
them, positive prepaid balances, the demo parent's child with meals and a restriction, and a second run of the
generator that adds nothing."""
import base64
import datetime
import io
from decimal import Decimal

from odoo import fields
from odoo.tests import common

from odoo.addons.kz_canteen import canteen_rules, meal_report

KNOWN_ALLERGENS = {'GLUTEN', 'CRUSTACEANS', 'EGGS', 'FISH', 'PEANUTS', 'SOYBEANS', 'MILK', 'NUTS', 'CELERY',
                   'MUSTARD', 'SESAME', 'SULPHITES', 'LUPIN', 'MOLLUSCS'}


@common.at_install(False)
@common.post_install(True)
class TestCanteenDemo(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestCanteenDemo, cls).setUpClass()
        cls.school = cls.env.ref('kz_edu_base.company_school1_demo')
        cls.pos = cls.env['kz.canteen.pos']
        cls.today = cls.pos._kz_local_date(cls.school)
        cls.month = meal_report.previous_month(cls.today)
        cls.start, cls.end = meal_report.month_bounds(cls.month)
        cls.Meal = cls.env['kz.canteen.meal']

    def _rows(self, kinds=None):
        return self.Meal.kz_served_rows(self.school.id, self.start, self.end, kinds)

    def test_today_has_approved_menus_for_both_age_groups_HSC04(self):
        menus = self.env['kz.canteen.menu'].kz_menu_of(self.school.id, fields.Date.to_string(self.today))
        self.assertEqual(set(menus.mapped(lambda m: (m.meal, m.age_group))),
                         {('breakfast', '7-10'), ('lunch', '7-10'), ('lunch', '11-18')})
        for menu in menus:
            self.assertEqual(menu.state, 'approved')
            self.assertTrue(menu.commission_ids, 'approved by the commission')
            self.assertTrue(menu.approved_by_id)
            self.assertTrue(menu.line_ids.filtered('is_free_set'))
            self.assertTrue(all(l.price > 0 for l in menu.line_ids))
        # the till sees an approved menu for both age groups today (what the browser test sells from)
        for group in ('7-10', '11-18'):
            merged, _menu_of = self.pos._kz_menu(self.school, self.today, group)
            self.assertEqual(merged['state'], 'approved')

    def test_every_school_day_of_the_previous_month_has_menus(self):
        days = {fields.Date.from_string(d) for d in self.env['kz.canteen.menu'].search([
            ('company_id', '=', self.school.id), ('state', '=', 'approved'),
            ('date', '>=', fields.Date.to_string(self.start)), ('date', '<=', fields.Date.to_string(self.end)),
            ('meal', '=', 'lunch'), ('age_group', '=', '11-18')]).mapped('date')}
        weekdays = {self.start + datetime.timedelta(days=n) for n in range((self.end - self.start).days + 1)}
        weekdays = {d for d in weekdays if d.weekday() < 5}
        self.assertEqual(days, weekdays)

    def test_dishes_have_photo_portion_price_and_valid_allergens_HSC04(self):
        dishes = self.env['product.template'].search([('kz_is_dish', '=', True),
                                                      ('company_id', '=', self.school.id)])
        self.assertGreaterEqual(len(dishes), 20)
        from PIL import Image
        for dish in dishes:
            self.assertTrue(dish.image, dish.name)
            picture = Image.open(io.BytesIO(base64.b64decode(dish.image)))
            self.assertEqual(picture.format, 'PNG')
            self.assertTrue(dish.kz_portion and dish.kz_composition, dish.name)
            self.assertGreater(dish.list_price, 0)
            self.assertTrue(set(dish.kz_allergen_ids.mapped('code')) <= KNOWN_ALLERGENS)
        names = set(dishes.with_context(lang='en_US').mapped('name'))
        self.assertTrue({'Көже', 'Палау', 'Бешбармақ', 'Бауырсақ', 'Шай'} <= names)
        milk = self.env.ref('kz_canteen.demo_dish_ayran')
        self.assertIn('MILK', milk.kz_allergen_ids.mapped('code'))

    def test_previous_month_meals_are_exactly_what_the_rules_decide_HSC05(self):
        """Every free meal of the month: kind, category and funding as canteen_rules.entitlement gives them on
        that day, price as on the approved menu, funding amount = price × qty; grades 1-4 all free from LOC."""
        self.env.cr.execute("""
            SELECT m.date, m.student_id, m.grade, m.kind, m.category, m.funding, m.price, m.qty, m.funding_amount,
                   m.child_amount, l.price
              FROM kz_canteen_meal m
              JOIN kz_canteen_menu_line l ON l.menu_id = m.menu_id AND l.product_id = m.product_id
             WHERE m.company_id = %s AND m.date BETWEEN %s AND %s""", (self.school.id, self.start, self.end))
        rows = self.env.cr.fetchall()
        self.assertGreater(len(rows), 5000)
        Student = self.env['kz.edu.student']
        by_day = {}
        for r in rows:
            by_day.setdefault(r[0], []).append(r)
        primary = 0
        for day, day_rows in by_day.items():
            day = fields.Date.from_string(day) if isinstance(day, str) else day
            children = Student.kz_rules_children(list({r[1] for r in day_rows}), day)
            for (_d, sid, grade, kind, category, funding, price, qty, funding_amount, child_amount,
                 menu_price) in day_rows:
                self.assertEqual(Decimal(str(price)), Decimal(str(menu_price)))
                if kind == 'paid':
                    self.assertEqual(funding_amount, 0)
                    self.assertEqual(Decimal(str(child_amount)), Decimal(str(price)) * qty)
                    continue
                ent = canteen_rules.entitlement(children[sid], day)
                self.assertEqual((kind, category, funding), (ent['kind'], ent['category'], ent['funding']))
                self.assertEqual(Decimal(str(funding_amount)), Decimal(str(price)) * qty)
                if grade <= 4:
                    primary += 1
                    self.assertEqual((kind, category, funding), ('free', 'PRIMARY', 'LOC'))
        self.assertGreater(primary, 1000)
        # no grade 1-4 child paid anything: their set meal is free
        self.env.cr.execute("""SELECT count(*) FROM kz_canteen_meal WHERE company_id = %s AND date BETWEEN %s AND %s
                                  AND grade <= 4 AND (kind <> 'free' OR child_amount <> 0)""",
                            (self.school.id, self.start, self.end))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_monthly_report_of_the_previous_month_is_consistent_HSC10(self):
        report = meal_report.monthly_report(self._rows(['free', 'subsidised']), self.month, self.today)
        self.env.cr.execute("""SELECT COUNT(DISTINCT student_id), SUM(qty), SUM(funding_amount)::text,
                                      COUNT(DISTINCT (student_id, date))
                                 FROM kz_canteen_meal WHERE company_id = %s AND date BETWEEN %s AND %s
                                  AND kind IN ('free', 'subsidised')""", (self.school.id, self.start, self.end))
        students, portions, funded, child_days = self.env.cr.fetchone()
        self.assertEqual(report['total']['students'], students)
        self.assertEqual(report['total']['meals'], portions)
        self.assertEqual(report['total']['funding_amount'], Decimal(funded))
        self.assertEqual(report['total']['amount'], Decimal(funded), 'free meals: the budget pays the full price')
        groups = {(g['category'], g['funding']) for g in report['by_group']}
        self.assertIn(('PRIMARY', 'LOC'), groups)
        # the children of grades 1-4 ate on most school days (about 6 % absences), never twice a day
        school_days = len(report['by_day'])
        self.assertGreaterEqual(school_days, 18)
        self.env.cr.execute("""SELECT COUNT(DISTINCT s.id) FROM kz_edu_student s JOIN kz_edu_class c ON c.id = s.class_id
                                 JOIN kz_edu_grade g ON g.id = c.grade_id
                                WHERE s.company_id = %s AND s.state = 'enrolled' AND g.sequence BETWEEN 1 AND 4""",
                            (self.school.id,))
        small = self.env.cr.fetchone()[0]
        self.env.cr.execute("""SELECT COUNT(DISTINCT (student_id, date)), COUNT(DISTINCT order_key)
                                 FROM kz_canteen_meal WHERE company_id = %s AND date BETWEEN %s AND %s
                                  AND grade <= 4""", (self.school.id, self.start, self.end))
        days_eaten, orders = self.env.cr.fetchone()
        self.assertEqual(days_eaten, orders, 'one set meal a day')
        self.assertLessEqual(days_eaten, small * school_days)
        self.assertGreater(days_eaten, 0.85 * small * school_days)
        self.assertLessEqual(child_days, students * school_days)

    def test_no_meal_today_and_none_in_the_future(self):
        self.assertFalse(self.Meal.search_count([('company_id', '=', self.school.id),
                                                 ('date', '>=', fields.Date.to_string(self.today))]))

    def test_paid_children_have_positive_balances_from_posted_top_ups_HSC05(self):
        self.env.cr.execute("SELECT DISTINCT student_id FROM kz_canteen_meal WHERE company_id = %s AND kind = 'paid'",
                            (self.school.id,))
        payers = [r[0] for r in self.env.cr.fetchall()]
        self.assertGreater(len(payers), 50)
        balances = self.env['kz.edu.student'].kz_canteen_balances(payers)
        self.assertTrue(all(b >= 0 for b in balances.values()), min(balances.values()))
        topups = self.env['kz.canteen.topup'].search([('company_id', '=', self.school.id),
                                                      ('student_id', 'in', payers)])
        self.assertTrue(topups)
        self.assertEqual(set(topups.mapped('state')), {'posted'})
        self.assertNotIn('/', topups.mapped('name'))

    def test_no_meal_contains_an_allergen_the_child_must_not_have_HSC08(self):
        self.env.cr.execute("""
            SELECT count(*) FROM kz_canteen_meal m
              JOIN product_product pp ON pp.id = m.product_id
              JOIN kz_canteen_dish_allergen_rel d ON d.product_tmpl_id = pp.product_tmpl_id
             WHERE m.company_id = %s AND (
                   EXISTS (SELECT 1 FROM kz_canteen_restriction r WHERE r.student_id = m.student_id
                                                                    AND r.allergen_id = d.allergen_id)
                OR EXISTS (SELECT 1 FROM kz_edu_allergen_kz_edu_student_rel a
                            WHERE a.kz_edu_student_id = m.student_id AND a.kz_edu_allergen_id = d.allergen_id))""",
                            (self.school.id,))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_demo_parent_sees_her_childs_meals_restriction_and_rating_HSC07(self):
        parent = self.env['res.users'].search([('login', '=', 'parent')])
        children = self.env['kz.edu.guardian'].search([('partner_id', '=', parent.partner_id.id)]).mapped(
            'student_id')
        self.assertTrue(children)
        meals = self.Meal.sudo(parent).search([])
        self.assertTrue(meals)
        self.assertEqual(meals.mapped('student_id'), children & meals.mapped('student_id'))
        restrictions = self.env['kz.canteen.restriction'].sudo(parent).search([])
        self.assertIn('FISH', restrictions.mapped('allergen_id.code'))
        self.assertTrue(self.env['kz.canteen.rating'].sudo(parent).search([('partner_id', '=', parent.partner_id.id)]))

    def test_canteen_till_and_report_recipient(self):
        config = self.env.ref('kz_canteen.pos_config_canteen_demo')
        self.assertTrue(config.kz_is_canteen)
        self.assertEqual(config.company_id, self.school)
        self.assertTrue(config.kz_balance_journal_id)
        self.assertEqual(self.school.kz_canteen_authority_email, 'bilim@example.kz')

    def test_a_second_run_adds_nothing(self):
        def counts():
            out = {}
            for table in ('kz_canteen_meal', 'kz_canteen_menu', 'kz_canteen_menu_line', 'kz_canteen_topup',
                          'kz_canteen_restriction', 'kz_canteen_rating', 'product_template'):
                self.env.cr.execute('SELECT count(*) FROM %s' % table)
                out[table] = self.env.cr.fetchone()[0]
            return out
        # a run that finds the demo (the install's run keeps the school's day it built, kz_canteen.demo_day) adds
        # nothing, on the day of the build or any later one (the school's day changes at 19:00 UTC)
        self.env['kz.canteen.demo'].populate()
        day = self.env['ir.config_parameter'].sudo().get_param('kz_canteen.demo_day')
        self.assertTrue(day)
        before = counts()
        self.env['kz.canteen.demo'].populate()
        self.assertEqual(counts(), before)
        self.assertEqual(self.env['ir.config_parameter'].sudo().get_param('kz_canteen.demo_day'), day)

    def test_demo_meals_match_the_menu_age_group(self):
        self.env.cr.execute("""SELECT DISTINCT m.grade, menu.age_group FROM kz_canteen_meal m
                                 JOIN kz_canteen_menu menu ON menu.id = m.menu_id WHERE m.company_id = %s""",
                            (self.school.id,))
        for grade, group in self.env.cr.fetchall():
            self.assertEqual(canteen_rules.age_group(grade), group)
