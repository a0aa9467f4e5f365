# -*- coding: utf-8 -*-
"""Demo canteen of school No. 1: dishes with Kazakh names, allergens and a drawn photo, the canteen till, menus
approved by the commission for every school day from the 1st of the previous month to the end of this week (and
for today, whatever the weekday), a month and a half of meals served to the children, top-ups of the prepaid
balances, a few parents' restrictions and ratings.

Meals are decided by the real rules (canteen_rules.decide_sale on the menus of the day, the child's entitlement,
restrictions and allergies) and written in bulk through ``kz.canteen.meal.kz_bulk_record`` with order keys
``DEMO-<date>-<student>``; menus, top-ups, restrictions and ratings are written in bulk too (kz.edu.demo
.bulk_insert). Everything is deterministic and idempotent: a second run adds only what is missing (Odoo itself
runs it at install only: demo data is noupdate). No meal is recorded for today, so the till starts the day clean.
About 7 s for 600 children and 37 school days (40 000 meal rows)."""
import base64
import calendar
import datetime
import io
import logging
import os
import random
import time
from decimal import Decimal, ROUND_CEILING, ROUND_HALF_UP

import pytz

from odoo import api, fields, models

from odoo.addons.kz_edu_base.bulk_sql import insert_rows
from odoo.addons.kz_edu_base.kz_money import money

from .. import canteen_rules

_logger = logging.getLogger(__name__)

DEMO_ORDER_PREFIX = 'DEMO'
AUTHORITY_EMAIL = 'bilim@example.kz'
FONT_PATHS = ('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
              '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
              '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf')

# code, Kazakh name, Russian name, portion (kk, ru), composition (kk, ru), allergen codes, price ₸, kcal, colour
DISHES = [
    # soups
    ('kozhe', 'Көже', 'Коже', ('250 мл', '250 мл'),
     ('Тары, күріш, айран, су, тұз', 'Пшено, рис, айран, вода, соль'), ('MILK',), 250, 160, '#E8D9A8'),
    ('chicken_soup', 'Тауық сорпасы', 'Куриный суп с лапшой', ('250 мл', '250 мл'),
     ('Тауық еті, кеспе, картоп, сәбіз, пияз, балдыркөк', 'Курица, лапша, картофель, морковь, лук, сельдерей'),
     ('GLUTEN', 'EGGS', 'CELERY'), 350, 180, '#F2C14E'),
    ('lentil_soup', 'Жасымық сорпасы', 'Чечевичный суп', ('250 мл', '250 мл'),
     ('Қызыл жасымық, картоп, сәбіз, пияз, балдыркөк', 'Красная чечевица, картофель, морковь, лук, сельдерей'),
     ('CELERY',), 300, 170, '#D9822B'),
    ('borsch', 'Қызылша сорпасы', 'Борщ', ('250 мл', '250 мл'),
     ('Сиыр еті, қызылша, қырыққабат, картоп, сәбіз, қаймақ', 'Говядина, свёкла, капуста, картофель, морковь, '
                                                            'сметана'), ('MILK', 'CELERY'), 380, 190, '#B23A48'),
    # main courses
    ('palau', 'Палау', 'Плов', ('200 г', '200 г'),
     ('Күріш, сиыр еті, сәбіз, пияз, өсімдік майы', 'Рис, говядина, морковь, лук, растительное масло'),
     (), 650, 380, '#E0A458'),
    ('beshbarmak', 'Бешбармақ', 'Бешбармак', ('250 г', '250 г'),
     ('Сиыр еті, жайма (ұн, жұмыртқа), пияз, сорпа', 'Говядина, тесто (мука, яйцо), лук, бульон'),
     ('GLUTEN', 'EGGS'), 750, 420, '#C9A27E'),
    ('manty', 'Манты', 'Манты', ('4 дана (200 г)', '4 шт. (200 г)'),
     ('Ұн, сиыр еті, асқабақ, пияз', 'Мука, говядина, тыква, лук'), ('GLUTEN',), 600, 360, '#F5E6C8'),
    ('cutlet', 'Котлет картоп езбесімен', 'Котлета с картофельным пюре', ('90/150 г', '90/150 г'),
     ('Сиыр еті, нан, жұмыртқа, картоп, сүт, сары май', 'Говядина, хлеб, яйцо, картофель, молоко, сливочное '
                                                       'масло'), ('GLUTEN', 'EGGS', 'MILK'), 700, 410, '#A0522D'),
    ('fish_cutlet', 'Балық котлеті күрішпен', 'Рыбная котлета с рисом', ('90/150 г', '90/150 г'),
     ('Хек, нан, жұмыртқа, күріш, өсімдік майы', 'Хек, хлеб, яйцо, рис, растительное масло'),
     ('FISH', 'GLUTEN', 'EGGS'), 650, 360, '#8FB8DE'),
    # breakfast
    ('buckwheat', 'Қарақұмық ботқасы', 'Гречневая каша', ('200 г', '200 г'),
     ('Қарақұмық, сары май, тұз', 'Гречка, сливочное масло, соль'), ('MILK',), 250, 260, '#7B5B3A'),
    ('rice_porridge', 'Сүтті күріш ботқасы', 'Рисовая молочная каша', ('200 г', '200 г'),
     ('Күріш, сүт, қант, сары май', 'Рис, молоко, сахар, сливочное масло'), ('MILK',), 220, 240, '#FFF1D6'),
    ('omelette', 'Омлет', 'Омлет', ('150 г', '150 г'),
     ('Жұмыртқа, сүт, сары май', 'Яйцо, молоко, сливочное масло'), ('EGGS', 'MILK'), 280, 250, '#FFD54F'),
    ('kuimak', 'Құймақ', 'Блины', ('3 дана', '3 шт.'),
     ('Ұн, сүт, жұмыртқа, қант, сары май', 'Мука, молоко, яйцо, сахар, сливочное масло'),
     ('GLUTEN', 'EGGS', 'MILK'), 180, 270, '#EBC07A'),
    ('curd_bake', 'Сүзбе запеканкасы', 'Творожная запеканка', ('150 г', '150 г'),
     ('Сүзбе, жұмыртқа, ұн, қант, қаймақ', 'Творог, яйцо, мука, сахар, сметана'),
     ('MILK', 'EGGS', 'GLUTEN'), 300, 290, '#F3D9A4'),
    # drinks
    ('kompot', 'Компот', 'Компот из сухофруктов', ('200 мл', '200 мл'),
     ('Кептірілген жемістер, қант, су', 'Сухофрукты, сахар, вода'), (), 80, 90, '#B5651D'),
    ('tea', 'Шай', 'Чай', ('200 мл', '200 мл'), ('Қара шай, қант', 'Чёрный чай, сахар'), (), 40, 30, '#9C5B2E'),
    ('ayran', 'Айран', 'Айран', ('200 мл', '200 мл'), ('Айран', 'Айран'), ('MILK',), 120, 110, '#DCEAF2'),
    ('juice', 'Шырын', 'Сок', ('200 мл', '200 мл'), ('Алма шырыны', 'Яблочный сок'), (), 150, 90, '#F39C12'),
    # bread and extras
    ('bread', 'Нан', 'Хлеб', ('40 г', '40 г'), ('Бидай ұны, ашытқы, су, тұз', 'Пшеничная мука, дрожжи, вода, '
                                                                          'соль'), ('GLUTEN',), 30, 95, '#D2A86E'),
    ('baursak', 'Бауырсақ', 'Баурсаки', ('3 дана', '3 шт.'),
     ('Ұн, сүт, жұмыртқа, ашытқы, өсімдік майы', 'Мука, молоко, яйцо, дрожжи, растительное масло'),
     ('GLUTEN', 'EGGS', 'MILK'), 100, 250, '#E3B04B'),
    ('bun', 'Күнжіт тоқаш', 'Булочка с кунжутом', ('80 г', '80 г'),
     ('Ұн, сүт, жұмыртқа, қант, күнжіт', 'Мука, молоко, яйцо, сахар, кунжут'),
     ('GLUTEN', 'EGGS', 'MILK', 'SESAME'), 120, 260, '#DDA15E'),
    ('apple', 'Алма', 'Яблоко', ('1 дана (150 г)', '1 шт. (150 г)'), ('Алма', 'Яблоко'), (), 90, 70, '#8BC34A'),
    ('salad', 'Көкөніс салаты', 'Овощной салат', ('100 г', '100 г'),
     ('Қырыққабат, сәбіз, қияр, өсімдік майы', 'Капуста, морковь, огурец, растительное масло'), (), 150, 60,
     '#4CAF50'),
]

#: the ten-day menu cycle (типовое десятидневное меню) of lunch: (soup, main course)
LUNCH_CYCLE = [('kozhe', 'palau'), ('chicken_soup', 'cutlet'), ('lentil_soup', 'manty'), ('borsch', 'fish_cutlet'),
               ('chicken_soup', 'beshbarmak'), ('kozhe', 'cutlet'), ('lentil_soup', 'palau'), ('borsch', 'manty'),
               ('chicken_soup', 'fish_cutlet'), ('kozhe', 'beshbarmak')]
BREAKFAST_CYCLE = [('rice_porridge', 'tea'), ('omelette', 'ayran'), ('kuimak', 'tea'), ('buckwheat', 'ayran'),
                   ('curd_bake', 'tea')]
CYCLE_EPOCH = datetime.date(2024, 1, 1)       # a Monday
LUNCH_EXTRAS = ('salad', 'juice', 'bun')
LUNCH_EXTRAS_SENIOR = ('salad', 'juice', 'bun', 'tea', 'baursak')
BREAKFAST_EXTRAS = ('apple', 'baursak')
#: senior portions of soup and main course cost more (bigger portion)
SENIOR_FACTOR = Decimal('1.2')
#: more than a child can spend in a day on the demo menus (the dearest senior set meal is 1 470 ₸)
MAX_DAY_SPEND = Decimal('1500')

RATING_COMMENTS = [
    (5, 'Балам палауды өте жақсы көрді, рахмет!'),
    (5, 'Всё вкусно, ребёнок доволен.'),
    (4, 'Жақсы, бірақ шай суық болды.'),
    (4, 'Порция могла бы быть побольше.'),
    (3, 'Сорпа тұзсыз болды.'),
    (5, 'Асхана таза, тамақ дәмді.'),
    (4, 'Хорошо, но хотелось бы больше фруктов.'),
    (2, 'Котлета была холодной.'),
]


def dish_png(name, colour, size=256):
    """A simple drawn photo of a dish: a round plate of the dish's colour on a light background with its short
    name. Deterministic (same name, colour and font → same bytes); PNG bytes."""
    from PIL import Image, ImageDraw, ImageFont

    def rgb(hex_colour):
        hex_colour = hex_colour.lstrip('#')
        return tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))

    fill = rgb(colour)
    background = (250, 246, 238)
    image = Image.new('RGB', (size, size), background)
    draw = ImageDraw.Draw(image)
    c = size // 2
    # table cloth stripes, shadow, plate rim, the dish
    for y in range(0, size, size // 8):
        draw.rectangle([0, y, size, y + size // 32], fill=(243, 236, 224))
    draw.ellipse([c - 110, c - 104, c + 116, c + 120], fill=(226, 219, 207))
    draw.ellipse([c - 112, c - 112, c + 112, c + 112], fill=(255, 255, 255), outline=(214, 208, 198), width=3)
    draw.ellipse([c - 84, c - 84, c + 84, c + 84], outline=(236, 232, 226), width=2)
    draw.ellipse([c - 72, c - 72, c + 72, c + 72], fill=fill)
    highlight = tuple(min(255, int(v + (255 - v) * 0.35)) for v in fill)
    draw.ellipse([c - 50, c - 56, c - 8, c - 30], fill=highlight)
    dark = sum(fill[:3]) / 3 < 150
    ink = (255, 255, 255) if dark else (60, 45, 35)
    words = name.split()[:2]
    text = '\n'.join(w if len(w) <= 10 else w[:9] + '.' for w in words)
    font = None
    for path in FONT_PATHS:
        if os.path.exists(path):
            for points in (34, 30, 26, 22, 19):
                font = ImageFont.truetype(path, points)
                box = draw.multiline_textbbox((0, 0), text, font=font, align='center')
                if box[2] - box[0] <= 128:
                    break
            break
    if font is None:     # no TrueType font with Cyrillic on this machine: the plate without a name
        text = ''
    if text:
        box = draw.multiline_textbbox((0, 0), text, font=font, align='center')
        draw.multiline_text((c - (box[2] - box[0]) // 2 - box[0], c - (box[3] - box[1]) // 2 - box[1]), text,
                            font=font, fill=ink, align='center', spacing=4)
    out = io.BytesIO()
    image.save(out, format='PNG', optimize=True)
    return out.getvalue()


class KzCanteenDemo(models.AbstractModel):
    _name = 'kz.canteen.demo'
    _description = 'Demo canteen generator'

    @api.model
    def populate(self):
        started = time.time()
        school = self.env.ref('kz_edu_base.company_school1_demo')
        Pos = self.env['kz.canteen.pos']
        # the school's day when the demo was first built, kept: a later run (an update, another day) builds the same
        # days again and so adds nothing, also when the school's day has moved on since (Almaty's midnight is 19:00
        # UTC)
        Param = self.env['ir.config_parameter'].sudo()
        built = Param.get_param('kz_canteen.demo_day')
        today = fields.Date.from_string(built) if built else Pos._kz_local_date(school)
        Param.set_param('kz_canteen.demo_day', fields.Date.to_string(today))
        if not school.kz_canteen_authority_email:
            school.kz_canteen_authority_email = AUTHORITY_EMAIL
        dishes = self._demo_dishes(school)
        # the demo schools exist before stock is installed, so stock gave them no warehouse (the till needs its stock
        # location)
        if not self.env['stock.warehouse'].search([('company_id', '=', school.id)], limit=1):
            self.env['stock.warehouse'].create({'name': 'Асхана қоймасы', 'code': 'ASH1', 'company_id': school.id,
                                                'partner_id': school.partner_id.id})
        config = self.env['pos.config'].kz_canteen_setup(school, 'Асхана')
        self._xmlid(config, 'pos_config_canteen_demo')
        first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        week_end = today + datetime.timedelta(days=6 - today.weekday())
        days = [first + datetime.timedelta(days=n) for n in range((week_end - first).days + 1)]
        menu_days = sorted({d for d in days if d.weekday() < 5} | {today})
        menus = self._demo_menus(school, dishes, menu_days)
        students = self._demo_students(school)
        restrictions = self._demo_restrictions(school, students)
        meal_days = [d for d in menu_days if d < today]
        meals, spend = self._demo_meals(school, students, menus, meal_days)
        topups = self._demo_topups(school, students, spend)
        ratings = self._demo_ratings(school, students, meal_days)
        _logger.info('canteen demo: %d dishes, %d menus, %d meals, %d top-ups, %d restrictions, %d ratings in '
                     '%.1f s', len(dishes), len(menus), meals, topups, restrictions, ratings,
                     time.time() - started)
        return True

    # ------------------------------------------------------------------------------------------ helpers
    def _xmlid(self, record, name):
        """An xml id (noupdate: a module update keeps it) so tests and other demos find the record."""
        Data = self.env['ir.model.data']
        if not Data.search_count([('module', '=', 'kz_canteen'), ('name', '=', name)]):
            Data.create({'module': 'kz_canteen', 'name': name, 'model': record._name, 'res_id': record.id,
                         'noupdate': True})

    def _demo_dishes(self, school):
        """{code: product.product} of the demo dishes (created once, found again by xml id)."""
        allergens = {a.code: a.id for a in self.env['kz.edu.allergen'].search([])}
        category = self.env.ref('kz_canteen.product_category_dishes')
        Template = self.env['product.template'].with_context(lang='en_US', tracking_disable=True)
        has_ru = bool(self.env['res.lang'].search_count([('code', '=', 'ru_RU')]))
        out = {}
        for code, kk, ru, portion, composition, codes, price, kcal, colour in DISHES:
            xmlid = 'kz_canteen.demo_dish_%s' % code
            template = self.env.ref(xmlid, raise_if_not_found=False)
            if not template:
                # a service: a dish is cooked and eaten the same day, the canteen keeps no stock of portions (a
                # consumable would make the till create a stock picking per order, ~140 ms each: bench_canteen.py)
                template = Template.create({
                    'name': kk, 'kz_is_dish': True, 'type': 'service', 'sale_ok': True, 'purchase_ok': False,
                    'available_in_pos': True, 'categ_id': category.id, 'company_id': school.id,
                    'list_price': price, 'kz_portion': portion[0], 'kz_composition': composition[0],
                    'kz_energy_kcal': kcal, 'taxes_id': [(6, 0, [])], 'supplier_taxes_id': [(6, 0, [])],
                    'kz_allergen_ids': [(6, 0, [allergens[c] for c in codes])],
                    'image': base64.b64encode(dish_png(kk, colour)),
                })
                if has_ru:
                    template.with_context(lang='ru_RU').write(
                        {'name': ru, 'kz_portion': portion[1], 'kz_composition': composition[1]})
                self._xmlid(template, 'demo_dish_%s' % code)
            out[code] = template.product_variant_id
        return out

    def _demo_menus(self, school, dishes, menu_days):
        """Approved menus (lunch for both age groups, breakfast for grades 1-4) of every day, in bulk (missing ones
        only). Returns, per (date, age group), what the till sees: (the merged menu for canteen_rules as
        kz.canteen.pos._kz_menu builds it, {product_id: menu_id}, {meal: [product_id in menu order]})."""
        Demo = self.env['kz.edu.demo']
        Menu = self.env['kz.canteen.menu']
        users = self.env['res.users'].search([('login', 'in', ('director', 'admin'))])
        approver = users.filtered(lambda u: u.login == 'director')[:1] or self.env.user
        self.env.cr.execute('SELECT id, date, meal, age_group FROM kz_canteen_menu WHERE company_id = %s AND date '
                            'BETWEEN %s AND %s', (school.id, menu_days[0], menu_days[-1]))
        existing = {(fields.Date.from_string(d) if isinstance(d, str) else d, meal, group): mid
                    for mid, d, meal, group in self.env.cr.fetchall()}
        plan, new_menus, new_lines = {}, [], []
        for day in menu_days:
            # the cycle turns over school days counted from a fixed Monday: a day always gets the same menu
            n = (day - CYCLE_EPOCH).days // 7 * 5 + min(day.weekday(), 4)
            soup, main = LUNCH_CYCLE[n % len(LUNCH_CYCLE)]
            porridge, drink = BREAKFAST_CYCLE[n % len(BREAKFAST_CYCLE)]
            specs = [
                ('breakfast', '7-10', [(porridge, True), (drink, True)] + [(x, False) for x in BREAKFAST_EXTRAS]),
                ('lunch', '7-10', [(soup, True), (main, True), ('kompot', True), ('bread', True)]
                 + [(x, False) for x in LUNCH_EXTRAS]),
                ('lunch', '11-18', [(soup, True), (main, True), ('kompot', True), ('bread', True)]
                 + [(x, False) for x in LUNCH_EXTRAS_SENIOR]),
            ]
            for meal, group, items in specs:
                lines = []
                for seq, (code, free_set) in enumerate(items):
                    product = dishes[code]
                    price = money(product.lst_price)
                    if group == '11-18' and code in (soup, main):
                        price = (price * SENIOR_FACTOR / 10).quantize(Decimal('1'), rounding=ROUND_HALF_UP) * 10
                    lines.append({'product_id': product.id, 'price': price, 'is_free_set': free_set,
                                  'sequence': 10 * (seq + 1), 'name': product.name,
                                  'allergens': product.kz_allergen_ids.mapped('code')})
                rules_menu = {'id': None, 'date': day,
                              'lines': {l['product_id']: {'price': l['price'], 'is_free_set': l['is_free_set']}
                                        for l in lines}}
                canteen_rules.validate_menu(rules_menu)
                key = (day, meal, group)
                if key not in existing:
                    new_menus.append((key, lines, {
                        'company_id': school.id, 'date': fields.Date.to_string(day), 'meal': meal,
                        'age_group': group, 'state': 'approved', 'approved_by_id': approver.id,
                        'approved_on': fields.Datetime.to_string(datetime.datetime.combine(
                            day - datetime.timedelta(days=1), datetime.time(9, 0))),
                        'note': 'Бракераждық комиссия бекіткен / Утверждено бракеражной комиссией',
                    }))
                plan.setdefault((day, group), []).append((meal, key, lines))
        if new_menus:
            ids = Demo.bulk_insert('kz.canteen.menu', [vals for _key, _lines, vals in new_menus])
            for menu_id, (key, lines, _vals) in zip(ids, new_menus):
                existing[key] = menu_id
                new_lines += [{'menu_id': menu_id, 'product_id': l['product_id'], 'price': float(l['price']),
                               'is_free_set': l['is_free_set'], 'sequence': l['sequence']} for l in lines]
            Demo.bulk_insert('kz.canteen.menu.line', new_lines)
            field = Menu._fields['commission_ids']
            insert_rows(self.env.cr, field.relation, (field.column1, field.column2),
                        [(mid, uid) for mid in ids for uid in users.ids], on_conflict='DO NOTHING')
            Menu.invalidate_cache()
        # the merged menu of a day and age group as the till builds it (kz.canteen.pos._kz_menu)
        order = {'breakfast': 0, 'lunch': 1, 'snack': 2}
        rules = {}
        for (day, group), menus in plan.items():
            lines, menu_of = {}, {}
            for meal, key, menu_lines in sorted(menus, key=lambda m: order[m[0]]):
                for l in menu_lines:
                    if l['product_id'] not in lines:
                        lines[l['product_id']] = {'name': l['name'], 'price': l['price'],
                                                  'is_free_set': l['is_free_set'], 'allergens': l['allergens']}
                        menu_of[l['product_id']] = existing[key]
            rules[day, group] = ({'id': existing[menus[0][1]], 'school_id': school.id, 'date': day,
                                  'state': 'approved', 'lines': lines}, menu_of,
                                 {meal: [l['product_id'] for l in ls] for meal, _k, ls in menus})
        return rules

    def _demo_students(self, school):
        """Enrolled students of the school with class, grade, first guardian, restrictions and allergies."""
        cr = self.env.cr
        cr.execute("""SELECT s.id, s.class_id, g.sequence
                        FROM kz_edu_student s JOIN kz_edu_class c ON c.id = s.class_id
                        JOIN kz_edu_grade g ON g.id = c.grade_id
                       WHERE s.company_id = %s AND s.state = 'enrolled' ORDER BY s.id""", (school.id,))
        students = {sid: {'id': sid, 'class_id': cid, 'grade': grade, 'guardian': None, 'restrictions': set()}
                    for sid, cid, grade in cr.fetchall()}
        if not students:
            return students
        ids = tuple(students)
        cr.execute('SELECT student_id, partner_id FROM kz_edu_guardian WHERE student_id IN %s '
                   'ORDER BY student_id, sequence DESC, id DESC', (ids,))
        for sid, partner_id in cr.fetchall():
            students[sid]['guardian'] = partner_id           # the last one wins: the first by sequence
        parent = self.env['res.users'].search([('login', '=', 'parent')], limit=1).partner_id
        cr.execute('SELECT student_id FROM kz_edu_guardian WHERE partner_id = %s', (parent.id or 0,))
        for (sid,) in cr.fetchall():
            if sid in students:
                students[sid]['demo_parent'] = parent.id
        return students

    def _restriction_codes(self, student_ids):
        """{student_id: {allergen codes}}: parents' restrictions and the allergies of the card (as the till)."""
        out = {}
        if not student_ids:
            return out
        self.env.cr.execute("""
            SELECT r.student_id, a.code FROM kz_canteen_restriction r JOIN kz_edu_allergen a ON a.id = r.allergen_id
             WHERE r.student_id IN %s
            UNION
            SELECT rel.kz_edu_student_id, a.code FROM kz_edu_allergen_kz_edu_student_rel rel
              JOIN kz_edu_allergen a ON a.id = rel.kz_edu_allergen_id
             WHERE rel.kz_edu_student_id IN %s""", (tuple(student_ids), tuple(student_ids)))
        for sid, code in self.env.cr.fetchall():
            out.setdefault(sid, set()).add(code)
        return out

    def _demo_restrictions(self, school, students):
        """A few allergen restrictions set by parents (the demo parent's children: fish). Made before the meals,
        so the meals respect them (the till refuses a restricted dish)."""
        Demo = self.env['kz.edu.demo']
        cr = self.env.cr
        allergens = {a.code: a.id for a in self.env['kz.edu.allergen'].search([])}
        rng = random.Random(31)
        cr.execute('SELECT student_id, allergen_id FROM kz_canteen_restriction WHERE company_id = %s', (school.id,))
        have = set(cr.fetchall())
        rows = []
        for s in sorted(students.values(), key=lambda s: s['id']):
            codes = []
            if s.get('demo_parent'):
                codes = ['FISH']
            elif rng.random() < 0.03:
                codes = [rng.choice(['MILK', 'EGGS', 'GLUTEN', 'FISH', 'NUTS', 'SESAME'])]
            for code in codes:
                if (s['id'], allergens[code]) not in have and s['guardian']:
                    rows.append({'student_id': s['id'], 'allergen_id': allergens[code], 'company_id': school.id,
                                 'set_by_id': s.get('demo_parent') or s['guardian'],
                                 'note': 'Дәрігердің анықтамасы бойынша / По справке врача'})
        Demo.bulk_insert('kz.canteen.restriction', rows)
        return len(rows)

    def _demo_ratings(self, school, students, meal_days):
        """Ratings of the last school days' lunch by a few parents (the demo parent among them)."""
        Demo = self.env['kz.edu.demo']
        cr = self.env.cr
        rng = random.Random(37)
        cr.execute('SELECT student_id, partner_id, date, meal FROM kz_canteen_rating WHERE company_id = %s',
                   (school.id,))
        rated = {(r[0], r[1], str(r[2]), r[3]) for r in cr.fetchall()}
        ratings = []
        recent = meal_days[-8:]
        # only meals the child was served (a parent rates what the child has eaten)
        cr.execute("""SELECT DISTINCT m.student_id, m.date, n.meal FROM kz_canteen_meal m
                        JOIN kz_canteen_menu n ON n.id = m.menu_id
                       WHERE m.company_id = %s AND m.date IN %s""",
                   (school.id, tuple(fields.Date.to_string(d) for d in recent) or ('1900-01-01',)))
        served = {}
        for student_id, date, meal in cr.fetchall():
            served.setdefault((student_id, str(date)), []).append(meal)
        eaters = [s for s in sorted(students.values(), key=lambda s: s['id']) if s['guardian']]
        for day in recent:
            picked = rng.sample(eaters, min(6, len(eaters)))
            picked += [s for s in eaters if s.get('demo_parent') and day in recent[-2:]]
            for s in picked:
                score, comment = rng.choice(RATING_COMMENTS)
                partner = s.get('demo_parent') or s['guardian']
                meals = sorted(served.get((s['id'], fields.Date.to_string(day)), []))
                if not meals:
                    continue
                key = (s['id'], partner, fields.Date.to_string(day), 'lunch' if 'lunch' in meals else meals[0])
                if key in rated:
                    continue
                rated.add(key)
                ratings.append({'student_id': s['id'], 'partner_id': partner, 'date': key[2], 'meal': key[3],
                                'score': score, 'comment': comment, 'company_id': school.id})
        Demo.bulk_insert('kz.canteen.rating', ratings)
        return len(ratings)

    def _demo_orders(self, student, day, menu_info, rng):
        """What the child takes on the day: None (absent, or does not eat) or [(product_id, qty)]."""
        menu, _menu_of, by_meal = menu_info
        kind = student['kind']
        if kind == 'paid' and not student['eats']:
            return None
        if not student.get('demo_parent') and rng.random() < 0.06:      # absent
            return None
        if kind == 'paid' and rng.random() < 0.2:
            return None
        lines = menu['lines']
        if kind != 'paid':
            meal = 'breakfast' if student['grade'] <= 2 and 'breakfast' in by_meal else 'lunch'
            return [(p, 1) for p in by_meal[meal] if lines[p]['is_free_set']]
        lunch = by_meal['lunch']
        choice = rng.random()
        if choice < 0.5:            # the full set meal
            return [(p, 1) for p in lunch if lines[p]['is_free_set']]
        if choice < 0.8:            # main course, bread and a drink
            return [(lunch[1], 1), (lunch[3], 1), (lunch[2], 1)]
        return [(p, 1) for p in lunch[-3:-1]]      # a snack from the extras

    def _demo_meals(self, school, students, menus, meal_days):
        """Meals of every past school day, decided by canteen_rules and written through kz_bulk_record.
        Returns (rows inserted, {(student_id, month): amount spent from the balance})."""
        Meal = self.env['kz.canteen.meal']
        Student = self.env['kz.edu.student']
        Pos = self.env['kz.canteen.pos']
        tz = pytz.timezone(getattr(school, 'kz_timezone', None) or 'Asia/Almaty')
        restrictions = self._restriction_codes(list(students))
        # who eats paid meals (about 40 % of the paying children, all of the demo parent's)
        for s in students.values():
            s['eats'] = bool(s.get('demo_parent')) or random.Random(s['id']).random() < 0.4
        inserted, spend = 0, {}
        big_balance = Decimal('1000000')
        for day in meal_days:
            params = Pos._kz_params(school, day)
            children = Student.kz_rules_children(list(students), day)
            rows = []
            for sid in sorted(students):
                student, child = students[sid], children.get(sid)
                if not child:
                    continue
                ent = canteen_rules.entitlement(child, day, params)
                student['kind'] = ent['kind']
                menu_info = menus.get((day, canteen_rules.age_group(child['grade'])))
                if not menu_info:
                    continue
                rng = random.Random('%s-%s' % (sid, day.isoformat()))
                order = self._demo_orders(student, day, menu_info, rng)
                card = {'uid': 'DEMO', 'child_id': sid, 'school_id': school.id, 'blocked': False}
                sale = None
                while order:
                    try:
                        sale = canteen_rules.decide_sale(child, card, order, day, 0, big_balance,
                                                         restrictions.get(sid, ()), menu_info[0], params=params,
                                                         school_id=school.id)
                        break
                    except canteen_rules.SaleRefused as e:
                        if e.code != 'allergen_restricted':
                            raise
                        # the cashier offers another dish: the restricted one is left out
                        order = [(p, q) for p, q in order if p != e.details['dish']]
                if not sale:
                    continue
                meal_time = (datetime.time(9, 40) if any(l['dish_id'] in menu_info[2].get('breakfast', ())
                                                         for l in sale['lines']) else datetime.time(12, 20))
                local = tz.localize(datetime.datetime.combine(day, meal_time)
                                    + datetime.timedelta(minutes=rng.randrange(0, 35), seconds=rng.randrange(60)))
                served_at = fields.Datetime.to_string(local.astimezone(pytz.utc).replace(tzinfo=None))
                key = '%s-%s-%s' % (DEMO_ORDER_PREFIX, day.isoformat(), sid)
                base = {'company_id': school.id, 'date': fields.Date.to_string(day), 'served_at': served_at,
                        'student_id': sid, 'class_id': student['class_id'], 'grade': child['grade'],
                        'pos_order_id': None, 'order_key': key, 'review': False, 'review_note': None}
                for i, line in enumerate(sale['lines']):
                    # as pos.order._kz_meal_rows: the free part and the paid part of a line
                    common = dict(base, product_id=line['dish_id'], menu_id=menu_info[1][line['dish_id']],
                                  price=line['unit_price'])
                    if line['free_qty']:
                        rows.append(dict(common, qty=line['free_qty'], kind=ent['kind'], category=ent['category'],
                                         funding=line['funding'], funding_amount=line['funding_amount'],
                                         child_amount=line['unit_price'] * line['free_qty'] - line['funding_amount'],
                                         line_no=i * 2))
                    paid = line['qty'] - line['free_qty']
                    if paid:
                        rows.append(dict(common, qty=paid, kind='paid', category=None, funding=params['FUNDING_PAID'],
                                         funding_amount=Decimal('0.00'), child_amount=line['unit_price'] * paid,
                                         line_no=i * 2 + 1))
                if sale['child_total']:
                    month = day.replace(day=1)
                    spend[sid, month] = spend.get((sid, month), Decimal('0.00')) + sale['child_total']
            inserted += Meal.kz_bulk_record(rows)
        return inserted, spend

    def _demo_topups(self, school, students, spend):
        """A top-up at the start of each month for every child who pays for meals, a little more than the month
        costs (balances stay positive); payment references make it idempotent."""
        Demo = self.env['kz.edu.demo']
        cr = self.env.cr
        cr.execute("SELECT reference FROM kz_canteen_topup WHERE company_id = %s AND reference LIKE 'DEMO-%%'",
                   (school.id,))
        have = {r[0] for r in cr.fetchall()}
        seq = self.env['ir.sequence'].with_context(force_company=school.id)
        rows = []
        for (sid, month), amount in sorted(spend.items()):
            reference = 'DEMO-%s-%s' % (month.strftime('%Y%m'), sid)
            if reference in have or not students[sid]['guardian']:
                continue
            # the month's top-up covers every weekday of the month at the price of the dearest set meal, so a later
            # run that records more days of the same month keeps the balance positive
            weekdays = sum(1 for n in range(calendar.monthrange(month.year, month.month)[1])
                           if (month + datetime.timedelta(days=n)).weekday() < 5)
            ceiling = max(amount, MAX_DAY_SPEND * weekdays)
            topup = (ceiling / 1000).quantize(Decimal('1'), rounding=ROUND_CEILING) * 1000
            first_day = month + datetime.timedelta(days=(7 - month.weekday()) % 7 if month.weekday() >= 5 else 0)
            method = 'kaspi' if sid % 3 else 'cash'
            rows.append({'name': seq.next_by_code('kz.canteen.topup') or '/', 'company_id': school.id,
                         'student_id': sid, 'payer_id': students[sid]['guardian'],
                         'date': fields.Date.to_string(first_day),
                         'amount': float(topup), 'method': method, 'reference': reference, 'state': 'posted'})
        Demo.bulk_insert('kz.canteen.topup', rows)
        return len(rows)
