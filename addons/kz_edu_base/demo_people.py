"""Deterministic generator of a realistic Kazakh school population for demo data and benchmarks.

Pure Python (no odoo import). Same seed -> same people, so later addons (contingent, canteen, access...)
can find the demo students and families again by IIN. Every IIN is valid (checked by iin.parse_iin).
"""
import datetime
import random

try:  # inside Odoo: odoo.addons.kz_edu_base.iin; in the pure tests: top-level `iin`
    from .iin import make_iin
except ImportError:  # pragma: no cover
    from iin import make_iin

KK_MALE = ['Айбек', 'Нұрлан', 'Ерлан', 'Данияр', 'Арман', 'Асхат', 'Бауыржан', 'Дәурен', 'Ерболат', 'Жандос',
           'Қайрат', 'Мұрат', 'Нұрсұлтан', 'Санжар', 'Тимур', 'Әлихан', 'Алдияр', 'Ерасыл', 'Ислам', 'Мирас',
           'Нұрислам', 'Әли', 'Айсұлтан', 'Рамазан', 'Ержан', 'Серік', 'Талғат', 'Болат', 'Марат', 'Ғалым']
KK_FEMALE = ['Айгерім', 'Ақмарал', 'Әсел', 'Гүлнар', 'Дана', 'Жанар', 'Жансая', 'Зарина', 'Камила', 'Мадина',
             'Назерке', 'Раушан', 'Сәуле', 'Томирис', 'Аружан', 'Айару', 'Інжу', 'Меруерт', 'Ләйлә', 'Аяулым',
             'Әмина', 'Айша', 'Гүлжан', 'Динара', 'Салтанат', 'Ботагөз', 'Алия', 'Ақбота', 'Ұлжан', 'Баян']
KK_SURNAMES = ['Абдрахманов', 'Ахметов', 'Байжанов', 'Бекмұханбетов', 'Жақсылықов', 'Жұмабаев', 'Ибраев',
               'Қасымов', 'Құрманов', 'Мұхамеджанов', 'Нұрланов', 'Оспанов', 'Сәрсенбаев', 'Сейітов', 'Тоқтаров',
               'Төлеуов', 'Шәкенов', 'Әбілов', 'Ермеков', 'Исабеков', 'Қалиев', 'Смағұлов', 'Тұрсынов',
               'Мамыров', 'Омаров', 'Дүйсенов', 'Есенов', 'Жантасов', 'Кенжебаев', 'Рахымов']
RU_MALE = {'Александр': 'Александров', 'Сергей': 'Сергеев', 'Андрей': 'Андреев', 'Дмитрий': 'Дмитриев',
           'Владимир': 'Владимиров', 'Игорь': 'Игорев', 'Виктор': 'Викторов', 'Максим': 'Максимов',
           'Артём': 'Артёмов', 'Иван': 'Иванов'}
RU_FEMALE = ['Анна', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Мария', 'Екатерина', 'Светлана',
             'Юлия', 'Анастасия', 'Дарья', 'Полина', 'Виктория']
RU_SURNAMES = ['Иванов', 'Петров', 'Смирнов', 'Попов', 'Васильев', 'Кузнецов', 'Соколов', 'Морозов',
               'Ким', 'Шевченко', 'Ли', 'Бондаренко', 'Ткаченко', 'Фёдоров']
_INVARIANT = ('Ким', 'Ли', 'Шевченко', 'Бондаренко', 'Ткаченко')

# 24 classes: grades 1-2 have three parallels (А, Б, В), grades 3-11 two (А, Б)
CLASS_PLAN = [(g, letter) for g in range(1, 12) for letter in ('АБВ' if g <= 2 else 'АБ')]


def surname(root, sex):
    if sex == 'M' or root in _INVARIANT:
        return root
    return root + 'а'


def patronymic(father, sex, kazakh):
    if kazakh:
        return father + (' ұлы' if sex == 'M' else ' қызы')
    base = RU_MALE.get(father, father + 'ов')[:-2]  # 'Сергеев' -> 'Серге'
    if father in ('Сергей', 'Андрей', 'Дмитрий'):
        return base + ('евич' if sex == 'M' else 'евна')
    return father + ('ович' if sex == 'M' else 'овна')


class IinFactory(object):
    """Hands out unique valid IINs (serials are consumed per birth date)."""

    def __init__(self, taken=None):
        self._serials = {}
        self._taken = set(taken or ())

    def __call__(self, birth_date, sex):
        serial = self._serials.get((birth_date, sex), 100)
        while True:
            serial += 1
            value = make_iin(birth_date, sex, serial)
            if value and value not in self._taken:
                self._serials[(birth_date, sex)] = serial
                self._taken.add(value)
                return value


def _birth(rng, year):
    start = datetime.date(year, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(365))


def school_population(seed, year_start, n_per_class=25, kazakh_share=0.8, iin_factory=None):
    """Students and their families for one school in academic year `year_start`/`year_start+1`.

    Returns {'students': [...], 'parents': [...]}; a student dict has name parts, iin, sex, birth_date,
    grade, letter, lang ('kk'|'ru') and 'parents' (IINs); a parent dict has name parts, iin, sex, phone,
    'relation' ('mother'|'father').
    """
    rng = random.Random(seed)
    make = iin_factory or IinFactory()
    students, parents = [], []
    family = None
    for grade, letter in CLASS_PLAN:
        for _i in range(n_per_class):
            if family is None or rng.random() > 0.12:   # ~12 % of children have a sibling in the school
                kazakh = rng.random() < kazakh_share
                root = rng.choice(KK_SURNAMES if kazakh else RU_SURNAMES)
                father = rng.choice(KK_MALE if kazakh else list(RU_MALE))
                mother = rng.choice(KK_FEMALE if kazakh else RU_FEMALE)
                family = {'kazakh': kazakh, 'root': root, 'father': father, 'members': []}
                parent_year = year_start - grade - 6 - rng.randrange(24, 38)
                for rel, first, sex in (('mother', mother, 'F'), ('father', father, 'M')):
                    if rel == 'father' and rng.random() < 0.18:  # single-parent families
                        continue
                    p = {'first_name': first, 'last_name': surname(root, sex),
                         'patronymic': patronymic(rng.choice(KK_MALE if kazakh else list(RU_MALE)), sex, kazakh),
                         'sex': sex, 'relation': rel,
                         'phone': '+7 70%d %03d %02d %02d' % (rng.randrange(10), rng.randrange(1000),
                                                             rng.randrange(100), rng.randrange(100))}
                    p['iin'] = make(_birth(rng, parent_year + rng.randrange(-2, 3)), sex)
                    family['members'].append(p)
                    parents.append(p)
            sex = 'M' if rng.random() < 0.51 else 'F'
            kazakh = family['kazakh']
            first = rng.choice((KK_MALE if sex == 'M' else KK_FEMALE) if kazakh
                               else (list(RU_MALE) if sex == 'M' else RU_FEMALE))
            birth = _birth(rng, year_start - grade - 6)
            students.append({
                'first_name': first, 'last_name': surname(family['root'], sex),
                'patronymic': patronymic(family['father'], sex, kazakh),
                'sex': sex, 'birth_date': birth, 'iin': make(birth, sex),
                'grade': grade, 'letter': letter, 'lang': 'kk' if kazakh else 'ru',
                'parents': [p['iin'] for p in family['members']],
            })
    return {'students': students, 'parents': parents}


STAFF_PLAN = [
    # (job key, count, kk title, ru title)
    ('director', 1, 'Директор', 'Директор'),
    ('deputy_director', 2, 'Директордың орынбасары', 'Заместитель директора'),
    ('chief_bookkeeper', 1, 'Бас бухгалтер', 'Главный бухгалтер'),
    ('bookkeeper', 1, 'Бухгалтер', 'Бухгалтер'),
    ('hr_officer', 1, 'Кадр инспекторы', 'Инспектор по кадрам'),
    ('methodist', 1, 'Әдіскер', 'Методист'),
    ('tutor', 1, 'Тәлімгер', 'Тьютор'),
    ('teacher', 26, 'Мұғалім', 'Учитель'),
    ('canteen_cashier', 1, 'Асхана кассирі', 'Кассир столовой'),
    ('librarian', 1, 'Кітапханашы', 'Библиотекарь'),
    ('nurse', 1, 'Медбике', 'Медсестра'),
    ('janitor', 3, 'Техникалық қызметкер', 'Технический работник'),
]


def school_staff(seed, year_start, iin_factory=None):
    rng = random.Random(seed * 7919 + 1)
    make = iin_factory or IinFactory()
    staff = []
    for job, count, title_kk, title_ru in STAFF_PLAN:
        for _i in range(count):
            kazakh = rng.random() < 0.8
            sex = 'F' if rng.random() < (0.8 if job == 'teacher' else 0.6) else 'M'
            first = rng.choice((KK_MALE if sex == 'M' else KK_FEMALE) if kazakh
                               else (list(RU_MALE) if sex == 'M' else RU_FEMALE))
            root = rng.choice(KK_SURNAMES if kazakh else RU_SURNAMES)
            birth = _birth(rng, year_start - rng.randrange(24, 62))
            staff.append({'first_name': first, 'last_name': surname(root, sex),
                          'patronymic': patronymic(rng.choice(KK_MALE if kazakh else list(RU_MALE)), sex, kazakh),
                          'sex': sex, 'birth_date': birth, 'iin': make(birth, sex), 'job': job,
                          'job_kk': title_kk, 'job_ru': title_ru})
    return staff


def full_name(p):
    return ' '.join(x for x in (p['last_name'], p['first_name'], p.get('patronymic')) if x)


def demo_district(year_start, seeds=(1, 2), n_per_class=25):
    """The whole demo district, deterministic: {seed: {'students', 'parents', 'staff'}} generated with one shared
    IIN factory in seed order. kz_edu_base writes these people; later addons regenerate the same structure to
    find them again by IIN (families, classes)."""
    factory = IinFactory()
    out = {}
    for seed in seeds:
        pop = school_population(seed, year_start, n_per_class=n_per_class, iin_factory=factory)
        pop['staff'] = school_staff(seed, year_start, iin_factory=factory)
        out[seed] = pop
    return out
