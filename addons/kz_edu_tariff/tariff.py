"""Tariffication of teachers in Kazakh state schools: the monthly pay of one teacher from the grid, the load and the
supplements (issue #8).

Pure Python (standard library only, no odoo import), tested in milliseconds; the Odoo addon built later only binds
it to the ORM. Domain notes: /work/shared/domain/kz_rules.md §2; the sources of every figure: ``data/SOURCES.md``.

Formula (ПП РК № 1193 of 31.12.2015; Rules of order № 191 / № 588; gos24.kz official clarification of 20.04.2023)
-----------------------------------------------------------------------------------------------------------------
* official salary  ДО = БДО × coefficient(block, years of service) × raise factor   (the raise factor is the 25 %-a-year
  teachers' raise of 2020–2023: 1 / 1.25 / 1.5 / 1.75 / 2, parameter ``RAISE_FACTOR``);
* load pay         = ДО / norm hours × actual weekly hours (norm 18 up to 31.08.2021, 16 from 01.09.2021);
* category         = load pay × the category's rate (педагог-модератор 30 %, -эксперт 35 %, -исследователь 40 %,
  -мастер 50 %) — "от должностного оклада в зависимости от фактической нагрузки" (gos24.kz), i.e. of the load pay;
* the other supplements are listed in :func:`teacher_pay`.

Parameters
----------
Every rate, grid cell and amount is a dated row with a ``source`` and a ``status`` (``CONFIRMED`` — stated by the
act, the Ministry or an official clarification; ``UNCONFIRMED`` — calculators, ambiguous press, inference). The rows
shipped with the module are ``data/kz_tariff_parameters.csv`` (:func:`load_parameters`) and
``data/kz_tariff_coefficients.csv`` (:func:`load_coefficients`); a caller may pass its own rows instead. For a date
the row with the latest ``date_from <= date`` whose ``date_to`` is empty or ``>= date`` wins; no row → TariffError
naming the code and the date (never a silent default). :func:`teacher_pay` returns, under ``unconfirmed``, the codes
of every UNCONFIRMED row it used, so the UI can flag the line.

Money and rounding
------------------
Decimal only (a float input is read through ``repr``). Each line is rounded to the tiyn (0.01 ₸, ROUND_HALF_UP) and
the next line is computed from the rounded one, in this order: ДО → load pay → rural raise → percentage supplements
(of the rounded load pay) → БДО- and МРП-based supplements; ``total`` is the sum of the rounded lines. This is how the
published gos24.kz example proceeds («170 245,14 / 16 * 22 = 234 087,07 … 234 087,07 * 30% = 70 226,12»), and it
reproduces it to the tiyn. The 2016-era trade-union example prints supplements in whole tenge (6 601, 3 539): round
the tiyn lines with ``amount.quantize(Decimal('1'), ROUND_HALF_UP)`` where a form needs tenge. No statutory rounding
rule was found (UNCONFIRMED).

Length of service
-----------------
:func:`experience_years` adds up periods of pedagogical service at a date: overlapping periods count once (a second
concurrent post adds no service), each period's length is its calendar years / months / days (start and end dates
both included), and the sum is normalised with 30 days = 1 month and 12 months = 1 year — the usual personnel-office
practice; no Kazakh act stating it was found (UNCONFIRMED). The grid steps are whole years, counted ``from <= years <
to`` (10 years 0 months 0 days is already in the "10–13" step).

Decisions taken without a source (UNCONFIRMED)
----------------------------------------------
* The weekly-hours maximum is checked by :func:`check_weekly_hours` only; :func:`teacher_pay` does not refuse a load
  above ``MAX_WEEKLY_HOURS`` (a placeholder of 24 h, no act found), the Odoo layer decides whether to warn or block.
* Rural raise: ``load pay × RURAL_RAISE_RATE`` as its own line; with ``PERCENT_BASE_INCLUDES_RURAL = 1`` (as the
  eduline calculator) the category and special-conditions percentages are taken of load pay + rural raise.
* Class management uses the grade band of the class (1–4 or 5–11) and is halved (``CLASS_MGMT_SMALL_FACTOR``) for a
  class of fewer than ``SMALL_CLASS_PUPILS`` pupils; hourly notebook checking is halved for such classes too.
"""
import collections
import csv
import datetime
import os
from decimal import Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import dated_rows
    import kz_parameters
    from kz_money import round_money, to_number
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import dated_rows, kz_parameters
    from odoo.addons.kz_edu_base.kz_money import round_money, to_number
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

__all__ = [
    'TariffError', 'ServiceLength', 'PARAMETERS_CSV', 'COEFFICIENTS_CSV', 'CATEGORIES',
    'load_parameters', 'load_coefficients', 'parameter', 'parameter_row', 'coefficient_for',
    'experience_years', 'grade_band', 'check_weekly_hours', 'teacher_pay',
    'NO_SUPPLEMENT_CATEGORIES', 'BASE_CODES', 'BANDS', 'EDUCATION_RANK', 'default_block', 'highest_education',
    'qualification_on', 'category_on', 'managed_class', 'band_pay', 'next_step_date', 'base_rows', 'tariff_line',
    'list_totals',
]

_HERE = os.path.dirname(os.path.abspath(__file__))
PARAMETERS_CSV = os.path.join(_HERE, 'data', 'kz_tariff_parameters.csv')
COEFFICIENTS_CSV = os.path.join(_HERE, 'data', 'kz_tariff_coefficients.csv')

TIYN = Decimal('0.01')
ZERO = Decimal('0.00')
STATUSES = ('CONFIRMED', 'UNCONFIRMED')

_PARAM_COLUMNS = ('code', 'date_from', 'date_to', 'value', 'unit', 'source', 'status')
_COEF_COLUMNS = ('block', 'exp_from_years', 'exp_to_years', 'coefficient', 'date_from', 'date_to', 'source',
                 'status')

#: Category key → parameter code of its rate. Kazakh and Russian names are accepted (see :func:`_category_key`).
CATEGORIES = collections.OrderedDict([
    ('moderator', 'CATEGORY_MODERATOR_RATE'),
    ('expert', 'CATEGORY_EXPERT_RATE'),
    ('researcher', 'CATEGORY_RESEARCHER_RATE'),
    ('master', 'CATEGORY_MASTER_RATE'),
])
_CATEGORY_ALIASES = {
    'moderator': 'moderator', 'педагог-модератор': 'moderator', 'модератор': 'moderator',
    'expert': 'expert', 'педагог-эксперт': 'expert', 'эксперт': 'expert', 'педагог-сарапшы': 'expert',
    'сарапшы': 'expert',
    'researcher': 'researcher', 'педагог-исследователь': 'researcher', 'исследователь': 'researcher',
    'педагог-зерттеуші': 'researcher', 'зерттеуші': 'researcher',
    'master': 'master', 'педагог-мастер': 'master', 'мастер': 'master', 'педагог-шебер': 'master',
    'шебер': 'master',
}
_NO_CATEGORY = ('', 'none', 'безкатегории', 'педагог', 'санатсыз')  # compared without spaces

#: Supplement lines of :func:`teacher_pay`, in the order they are computed and itemised.
SUPPLEMENT_KEYS = (
    'category_supplement', 'rural_supplement', 'special_conditions_supplement', 'class_management_supplement',
    'notebook_supplement', 'cabinet_supplement', 'workshop_supplement', 'master_degree_supplement',
    'mentoring_supplement', 'sports_section_supplement',
)

_OPTIONS = frozenset((
    'on_date', 'parameters',
    'rural', 'special_conditions', 'class_grade', 'class_size', 'notebooks', 'notebook_hours',
    'notebook_hours_small', 'cabinet', 'workshop', 'master_degree', 'mentoring', 'sports_section',
))


class TariffError(KzError, ValueError):
    """A tariffication input or parameter problem; the English message names what is missing or wrong."""


ServiceLength = collections.namedtuple('ServiceLength', 'years months days')
ServiceLength.__doc__ = """Length of service: whole years, months (0–11) and days (0–29)."""


def _service_as_decimal(service):
    # months <= 11 and days <= 29 keep the value below years + 1, so whole-year steps are never crossed.
    return Decimal(service.years) + Decimal(service.months) / 12 + Decimal(service.days) / 360


ServiceLength.as_decimal = _service_as_decimal


# ----------------------------------------------------------------------------------------------- small helpers

def _to_date(value, what):
    return dated_rows.to_date(value, what, TariffError)


def _decimal(value, what):
    """A finite Decimal from Decimal, int, text ('17 697', '4,81') or float (through repr); bool/None refused."""
    return to_number(value, what, TariffError, comma=True)


def _status(value, where):
    status = (value or '').strip().upper()
    if status not in STATUSES:
        raise TariffError('%s: status must be CONFIRMED or UNCONFIRMED, got %r' % (where, value))
    return status


_valid_on = dated_rows.valid_on


def _normalise_parameter(row, where):
    data = dict(row) if isinstance(row, dict) else dict(zip(_PARAM_COLUMNS, row))
    code = (data.get('code') or '').strip()
    if not code:
        raise TariffError('parameter row %s has no code' % where)
    date_from = _to_date(data.get('date_from'), 'date_from of parameter %s (%s)' % (code, where))
    date_to = data.get('date_to')
    date_to = _to_date(date_to, 'date_to of parameter %s (%s)' % (code, where)) if date_to not in (None, '') else None
    if date_to is not None and date_to < date_from:
        raise TariffError('parameter %s (%s): date_to %s is before date_from %s' % (code, where, date_to, date_from))
    value = _decimal(data.get('value'), 'value of parameter %s from %s (%s)' % (code, date_from, where))
    return {'code': code, 'date_from': date_from, 'date_to': date_to, 'value': value,
            'unit': (data.get('unit') or '').strip(), 'source': (data.get('source') or '').strip(),
            'status': _status(data.get('status'), 'parameter %s from %s (%s)' % (code, date_from, where))}


def _check_overlaps(rows, key, what):
    by_key = collections.defaultdict(list)
    for row in rows:
        by_key[key(row)].append(row)
    for name, group in by_key.items():
        group.sort(key=lambda r: r['date_from'])
        for before, after in zip(group, group[1:]):
            if before['date_to'] is None or before['date_to'] >= after['date_from']:
                raise TariffError('%s %s: rows from %s and from %s overlap' % (
                    what, name, before['date_from'], after['date_from']))


def load_parameters(path=None):
    """Dated parameter rows from ``path`` (default ``data/kz_tariff_parameters.csv`` beside this module).

    Columns ``code,date_from,date_to,value,unit,source,status``; returns a list of dicts with ``date_from``/``date_to``
    as dates (``date_to`` None = open) and ``value`` as Decimal. Overlapping rows of one code are refused. Without a
    path the country-wide МРП rows of kz_edu_base (entered once for the whole suite) are added.
    """
    shipped = path is None
    path = path or PARAMETERS_CSV
    with open(path, encoding='utf-8', newline='') as handle:
        rows = [_normalise_parameter(row, '%s line %d' % (os.path.basename(path), number))
                for number, row in enumerate(csv.DictReader(handle), start=2)]
    if shipped:
        rows += [_normalise_parameter(row, 'kz_edu_parameters.csv') for row in kz_parameters.shared_rows(('MRP',))]
    _check_overlaps(rows, lambda r: r['code'], 'parameter')
    return rows


_DEFAULT_PARAMETERS = None
_DEFAULT_COEFFICIENTS = None


def _parameter_rows(rows):
    global _DEFAULT_PARAMETERS
    if rows is None:
        if _DEFAULT_PARAMETERS is None:
            _DEFAULT_PARAMETERS = load_parameters()
        return _DEFAULT_PARAMETERS
    normalised = [_normalise_parameter(r, 'passed row %d' % i) for i, r in enumerate(rows, start=1)]
    _check_overlaps(normalised, lambda r: r['code'], 'parameter')
    return normalised


def parameter_row(code, on_date, rows=None):
    """The full row (value, unit, source, status) of parameter ``code`` in force on ``on_date``."""
    on_date = _to_date(on_date, 'on_date')
    found = [row for row in _parameter_rows(rows) if row['code'] == code and _valid_on(row, on_date)]
    if not found:
        raise TariffError('missing_parameter', _('no parameter %(codes)s for %(date)s'), codes=code, date=on_date)
    return max(found, key=lambda r: r['date_from'])


def parameter(code, on_date, rows=None):
    """The Decimal value of parameter ``code`` on ``on_date``; TariffError 'no parameter X for DATE' if none."""
    return parameter_row(code, on_date, rows)['value']


# ----------------------------------------------------------------------------------------------- coefficient grid

def _block_code(block):
    """Canonical block code: Cyrillic 'В', ASCII hyphen, upper case ('b2-3', 'В2–3' → 'В2-3')."""
    if not isinstance(block, str) or not block.strip():
        raise TariffError('block must be a code such as В2-3, got %r' % (block,))
    text = block.strip().upper().replace(' ', '')
    for dash in ('\u2013', '\u2014', '\u2212'):
        text = text.replace(dash, '-')
    return text.replace('B', 'В')  # Latin B → Cyrillic В (the register uses Cyrillic letters)


def _normalise_coefficient(row, where):
    data = dict(row) if isinstance(row, dict) else dict(zip(_COEF_COLUMNS, row))
    block = _block_code(data.get('block'))
    exp_from = _decimal(data.get('exp_from_years'), 'exp_from_years of %s (%s)' % (block, where))
    exp_to = data.get('exp_to_years')
    exp_to = _decimal(exp_to, 'exp_to_years of %s (%s)' % (block, where)) if exp_to not in (None, '') else None
    if exp_from < 0 or (exp_to is not None and exp_to <= exp_from):
        raise TariffError('coefficient row %s (%s): bad experience step %s–%s' % (block, where, exp_from, exp_to))
    date_from = _to_date(data.get('date_from'), 'date_from of %s (%s)' % (block, where))
    date_to = data.get('date_to')
    date_to = _to_date(date_to, 'date_to of %s (%s)' % (block, where)) if date_to not in (None, '') else None
    coefficient = _decimal(data.get('coefficient'), 'coefficient of %s (%s)' % (block, where))
    if coefficient <= 0:
        raise TariffError('coefficient row %s (%s): coefficient must be positive' % (block, where))
    return {'block': block, 'exp_from_years': exp_from, 'exp_to_years': exp_to, 'coefficient': coefficient,
            'date_from': date_from, 'date_to': date_to, 'source': (data.get('source') or '').strip(),
            'status': _status(data.get('status'), 'coefficient %s (%s)' % (block, where))}


def load_coefficients(path=None):
    """Coefficient grid rows from ``path`` (default ``data/kz_tariff_coefficients.csv`` beside this module).

    Columns ``block,exp_from_years,exp_to_years,coefficient,date_from,date_to,source,status``; an empty
    ``exp_to_years`` is the open last step ("25 years and more"). Overlapping dated rows of one step are refused.
    """
    path = path or COEFFICIENTS_CSV
    with open(path, encoding='utf-8', newline='') as handle:
        rows = [_normalise_coefficient(row, '%s line %d' % (os.path.basename(path), number))
                for number, row in enumerate(csv.DictReader(handle), start=2)]
    _check_overlaps(rows, lambda r: '%s step %s' % (r['block'], r['exp_from_years']), 'coefficient')
    return rows


def _coefficient_rows(table):
    global _DEFAULT_COEFFICIENTS
    if table is None:
        if _DEFAULT_COEFFICIENTS is None:
            _DEFAULT_COEFFICIENTS = load_coefficients()
        return _DEFAULT_COEFFICIENTS
    return [_normalise_coefficient(r, 'passed row %d' % i) for i, r in enumerate(table, start=1)]


def _experience_value(experience):
    if isinstance(experience, ServiceLength):
        return experience.as_decimal()
    return _decimal(experience, 'experience_years')


def coefficient_row(block, experience, on_date, table=None):
    """The grid row for ``block`` and length of service on ``on_date`` (see :func:`coefficient_for`)."""
    code = _block_code(block)
    on_date = _to_date(on_date, 'on_date')
    years = _experience_value(experience)
    if years < 0:
        raise TariffError('negative_experience', _('experience must not be negative, got %(years)s'),
                          years=str(years))
    rows = [row for row in _coefficient_rows(table) if row['block'] == code]
    if not rows:
        raise TariffError('unknown_block', _('unknown block %(block)s: no coefficient grid rows for it'), block=code)
    dated = [row for row in rows if _valid_on(row, on_date)]
    if not dated:
        raise TariffError('no_grid', _('no coefficient grid for block %(block)s on %(date)s'), block=code,
                          date=on_date)
    for row in dated:
        if row['exp_from_years'] <= years and (row['exp_to_years'] is None or years < row['exp_to_years']):
            return row
    raise TariffError('no_grid_step', _('no coefficient step of block %(block)s on %(date)s covers %(years)s years '
                                        'of service'), block=code, date=on_date, years=str(years))


def coefficient_for(block, experience_years, on_date, table=None):
    """The Decimal coefficient of ``block`` (e.g. 'В2-3') for ``experience_years`` (a number of years or a
    :class:`ServiceLength`) on ``on_date``; ``table`` = grid rows (default: the CSV). Steps are ``from <= x < to``."""
    return coefficient_row(block, experience_years, on_date, table)['coefficient']


# ----------------------------------------------------------------------------------------------- service length

def _days_in_month(year, month):
    if month == 12:
        return 31
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days


def _calendar_difference(start, end_exclusive):
    years = end_exclusive.year - start.year
    months = end_exclusive.month - start.month
    days = end_exclusive.day - start.day
    if days < 0:
        months -= 1
        previous = end_exclusive.month - 1 or 12
        previous_year = end_exclusive.year if end_exclusive.month > 1 else end_exclusive.year - 1
        days += _days_in_month(previous_year, previous)
    if months < 0:
        years -= 1
        months += 12
    return years, months, days


def experience_years(periods, on_date):
    """Length of pedagogical service on ``on_date`` from ``periods`` — an iterable of ``(date_from, date_to)``,
    both days included, ``date_to`` None for a post still held. Periods are cut at ``on_date`` (that day counts),
    periods starting after it are ignored, overlaps count once. Returns a :class:`ServiceLength`."""
    on_date = _to_date(on_date, 'on_date')
    spans = []
    for index, period in enumerate(periods, start=1):
        try:
            start, end = period
        except (TypeError, ValueError):
            raise TariffError('service period %d must be a pair (date_from, date_to), got %r' % (index, period))
        start = _to_date(start, 'date_from of service period %d' % index)
        end = _to_date(end, 'date_to of service period %d' % index) if end not in (None, '') else None
        if end is not None and end < start:
            raise TariffError('service period %d ends (%s) before it starts (%s)' % (index, end, start))
        if start > on_date:
            continue
        end = on_date if end is None or end > on_date else end
        spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + datetime.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    years = months = days = 0
    for start, end in merged:
        y, m, d = _calendar_difference(start, end + datetime.timedelta(days=1))
        years, months, days = years + y, months + m, days + d
    months += days // 30
    days %= 30
    years += months // 12
    months %= 12
    return ServiceLength(years, months, days)


# ----------------------------------------------------------------------------------------------- grades and hours

def grade_band(grade):
    """The tariffication band of a school grade: '1-4' (primary), '5-9' (basic secondary), '10-11' (general
    secondary), as in the head block of a tariffication list (kz_rules.md §2.4)."""
    if isinstance(grade, bool):
        raise TariffError('grade must be a whole number 1–11, got %r' % (grade,))
    try:
        number = int(str(grade).strip())
    except (TypeError, ValueError):
        raise TariffError('grade must be a whole number 1–11, got %r' % (grade,))
    if 1 <= number <= 4:
        return '1-4'
    if 5 <= number <= 9:
        return '5-9'
    if 10 <= number <= 11:
        return '10-11'
    raise TariffError('grade %r is outside 1–11' % (grade,))


def check_weekly_hours(hours, maximum=None, on_date=None, parameters=None):
    """Return ``hours`` as a Decimal if it is a valid weekly teaching load: not negative and not above ``maximum``
    (default: the ``MAX_WEEKLY_HOURS`` parameter on ``on_date`` — an UNCONFIRMED placeholder, no act found)."""
    hours = _decimal(hours, 'weekly hours')
    if hours < 0:
        raise TariffError('weekly hours must not be negative, got %s' % hours)
    if maximum is None:
        if on_date is None:
            raise TariffError('check_weekly_hours needs a maximum or an on_date to read MAX_WEEKLY_HOURS')
        maximum = parameter('MAX_WEEKLY_HOURS', on_date, parameters)
    maximum = _decimal(maximum, 'maximum weekly hours')
    if hours > maximum:
        raise TariffError('above_maximum_hours', _('weekly hours %(hours)s are above the maximum of %(maximum)s '
                                                   'hours'), hours=str(hours), maximum=str(maximum))
    return hours


# ----------------------------------------------------------------------------------------------- pay

def _category_key(category):
    if category is None:
        return None
    if not isinstance(category, str):
        raise TariffError('unknown category %r' % (category,))
    text = category.strip().lower().replace('\u2013', '-').replace(' ', '')
    if text in _NO_CATEGORY:
        return None
    if text in _CATEGORY_ALIASES:
        return _CATEGORY_ALIASES[text]
    raise TariffError('unknown_category', _('unknown category %(category)s (expected moderator, expert, researcher, '
                                            'master or none)'), category=repr(category))


def _flag(options, name):
    value = options.get(name, False)
    if value in (None, False, True, 0, 1):
        return bool(value)
    raise TariffError('%s must be True or False, got %r' % (name, value))


def teacher_pay(bdo, coefficient, raise_factor, norm_hours, actual_hours, category, **supplements):
    """Monthly pay of one teacher, itemised.

    Positional inputs: ``bdo`` (базовый должностной оклад, 17 697), ``coefficient`` (from :func:`coefficient_for`),
    ``raise_factor`` (``RAISE_FACTOR`` on the date, e.g. 2), ``norm_hours`` (16, or 18 before 01.09.2021),
    ``actual_hours`` (weekly load), ``category`` ('moderator' / 'expert' / 'researcher' / 'master', Russian or
    Kazakh names, or None).

    Keyword options: ``on_date`` (required as soon as a rate is read — a category or any supplement),
    ``parameters`` (rows; default the CSV), and the supplements:

    * ``rural=True`` — rural raise, load pay × ``RURAL_RAISE_RATE`` (Labour Code art. 139 p. 9, at least 25 %);
    * ``special_conditions=True`` — percentage base × ``SPECIAL_CONDITIONS_RATE`` (10 %);
    * ``class_grade=N, class_size=M`` — class management: БДО × ``CLASS_MGMT_1_4_BDO_RATE`` or
      ``CLASS_MGMT_5_11_BDO_RATE``, × ``CLASS_MGMT_SMALL_FACTOR`` when M < ``SMALL_CLASS_PUPILS``;
    * ``notebooks=True`` — checking notebooks, flat БДО × ``NOTEBOOK_BDO_RATE``; or ``notebook_hours=H`` and
      ``notebook_hours_small=H2`` — per weekly hour, БДО / norm × ``NOTEBOOK_HOURLY_BDO_RATE`` × (H + H2 / 2);
    * ``cabinet='full'|'half'`` — cabinet management, БДО × ``CABINET_FULL_BDO_RATE`` / ``CABINET_HALF_BDO_RATE``;
    * ``workshop=True`` — workshop management, БДО × ``WORKSHOP_BDO_RATE``;
    * ``master_degree=True`` — МРП × ``MASTER_DEGREE_MRP`` (10 МРП);
    * ``mentoring=True`` — БДО × ``MENTORING_BDO_RATE``;
    * ``sports_section=True`` — PE teachers' extracurricular sports sections, БДО × ``SPORTS_SECTION_BDO_RATE``.

    Returns a dict of Decimals (tiyn): ``official_salary`` (ДО), ``load_pay``, every key of ``SUPPLEMENT_KEYS``
    (0.00 when not applied), ``total``; and ``lines`` (a list of dicts ``code, amount, formula, parameters`` for the
    lines applied, each parameter with its value, source and status), ``unconfirmed`` (sorted codes of UNCONFIRMED
    parameters used), ``category`` (canonical key or None).
    """
    unknown = set(supplements) - _OPTIONS
    if unknown:
        raise TariffError('unknown supplement(s): %s' % ', '.join(sorted(unknown)))
    bdo = _decimal(bdo, 'bdo')
    coefficient = _decimal(coefficient, 'coefficient')
    raise_factor = _decimal(raise_factor, 'raise_factor')
    norm_hours = _decimal(norm_hours, 'norm_hours')
    actual_hours = _decimal(actual_hours, 'actual hours')
    for name, value in (('bdo', bdo), ('coefficient', coefficient), ('raise_factor', raise_factor),
                        ('norm_hours', norm_hours)):
        if value <= 0:
            raise TariffError('%s must be positive, got %s' % (name, value))
    if actual_hours < 0:
        raise TariffError('actual hours must not be negative, got %s' % actual_hours)
    category_key = _category_key(category)

    rows = supplements.get('parameters')
    rows = _parameter_rows(rows) if rows is not None else None
    on_date = supplements.get('on_date')
    on_date = _to_date(on_date, 'on_date') if on_date is not None else None
    used = collections.OrderedDict()

    def rate(code):
        if on_date is None:
            raise TariffError('on_date is required to read parameter %s' % code)
        row = parameter_row(code, on_date, rows)
        used[code] = row
        return row['value']

    def info(*codes):
        return [{'code': c, 'value': used[c]['value'], 'unit': used[c]['unit'], 'source': used[c]['source'],
                 'status': used[c]['status']} for c in codes]

    result = collections.OrderedDict()
    lines = []
    official_salary = round_money(bdo * coefficient * raise_factor)
    load_pay = round_money(official_salary / norm_hours * actual_hours)
    result['official_salary'] = official_salary
    result['load_pay'] = load_pay
    for key in SUPPLEMENT_KEYS:
        result[key] = ZERO
    lines.append({'code': 'official_salary', 'amount': official_salary, 'parameters': [],
                  'formula': 'БДО %s × coefficient %s × raise factor %s' % (bdo, coefficient, raise_factor)})
    lines.append({'code': 'load_pay', 'amount': load_pay, 'parameters': [],
                  'formula': 'ДО %s / %s norm hours × %s actual hours' % (official_salary, norm_hours, actual_hours)})

    def add(key, amount, formula, *codes):
        amount = round_money(amount)
        result[key] = amount
        lines.append({'code': key, 'amount': amount, 'formula': formula, 'parameters': info(*codes)})

    rural = _flag(supplements, 'rural')
    if rural:
        add('rural_supplement', load_pay * rate('RURAL_RAISE_RATE'),
            'load pay × RURAL_RAISE_RATE', 'RURAL_RAISE_RATE')
    percent_base = load_pay
    percent_codes = ()
    if rural and rate('PERCENT_BASE_INCLUDES_RURAL'):
        percent_base = load_pay + result['rural_supplement']
        percent_codes = ('PERCENT_BASE_INCLUDES_RURAL',)

    if category_key is not None:
        code = CATEGORIES[category_key]
        add('category_supplement', percent_base * rate(code),
            '%s × %s' % ('(load pay + rural raise)' if percent_codes else 'load pay', code), code, *percent_codes)

    if _flag(supplements, 'special_conditions'):
        add('special_conditions_supplement', percent_base * rate('SPECIAL_CONDITIONS_RATE'),
            'percentage base × SPECIAL_CONDITIONS_RATE', 'SPECIAL_CONDITIONS_RATE', *percent_codes)

    class_grade = supplements.get('class_grade')
    if class_grade is not None:
        band = grade_band(class_grade)
        class_size = supplements.get('class_size')
        if class_size is None or isinstance(class_size, bool):
            raise TariffError('no_class_size', _('class management needs class_size (number of pupils), got '
                                                 '%(size)s'), size=repr(class_size))
        class_size = _decimal(class_size, 'class_size')
        if class_size <= 0:
            raise TariffError('no_class_size', _('class_size must be positive, got %(size)s'), size=str(class_size))
        code = 'CLASS_MGMT_1_4_BDO_RATE' if band == '1-4' else 'CLASS_MGMT_5_11_BDO_RATE'
        amount = bdo * rate(code)
        codes = [code, 'SMALL_CLASS_PUPILS']
        small = class_size < rate('SMALL_CLASS_PUPILS')
        if small:
            amount *= rate('CLASS_MGMT_SMALL_FACTOR')
            codes.append('CLASS_MGMT_SMALL_FACTOR')
        add('class_management_supplement', amount,
            'БДО × %s%s (grade %s, %s pupils)' % (code, ' × CLASS_MGMT_SMALL_FACTOR' if small else '', class_grade,
                                                   class_size), *codes)
    elif supplements.get('class_size') is not None:
        raise TariffError('class_size given without class_grade')

    notebook_hours = supplements.get('notebook_hours')
    notebook_hours_small = supplements.get('notebook_hours_small')
    hourly = notebook_hours is not None or notebook_hours_small is not None
    if _flag(supplements, 'notebooks') and hourly:
        raise TariffError('notebooks: give either notebooks=True (flat) or notebook_hours (hourly), not both')
    if _flag(supplements, 'notebooks'):
        add('notebook_supplement', bdo * rate('NOTEBOOK_BDO_RATE'), 'БДО × NOTEBOOK_BDO_RATE', 'NOTEBOOK_BDO_RATE')
    elif hourly:
        full = _decimal(notebook_hours or 0, 'notebook_hours')
        small_hours = _decimal(notebook_hours_small or 0, 'notebook_hours_small')
        if full < 0 or small_hours < 0:
            raise TariffError('negative_notebook_hours', _('notebook hours must not be negative'))
        if full + small_hours > actual_hours:
            raise TariffError('notebook_hours_above_load', _('notebook hours %(hours)s exceed the actual load of '
                                                             '%(load)s hours'), hours=str(full + small_hours),
                              load=str(actual_hours))
        add('notebook_supplement', bdo / norm_hours * rate('NOTEBOOK_HOURLY_BDO_RATE') * (full + small_hours / 2),
            'БДО / norm × NOTEBOOK_HOURLY_BDO_RATE × (%s + %s / 2) hours' % (full, small_hours),
            'NOTEBOOK_HOURLY_BDO_RATE')

    cabinet = supplements.get('cabinet')
    if cabinet not in (None, False, ''):
        codes = {'full': 'CABINET_FULL_BDO_RATE', 'half': 'CABINET_HALF_BDO_RATE'}
        if cabinet not in codes:
            raise TariffError("cabinet must be 'full' or 'half', got %r" % (cabinet,))
        add('cabinet_supplement', bdo * rate(codes[cabinet]), 'БДО × %s' % codes[cabinet], codes[cabinet])
    if _flag(supplements, 'workshop'):
        add('workshop_supplement', bdo * rate('WORKSHOP_BDO_RATE'), 'БДО × WORKSHOP_BDO_RATE', 'WORKSHOP_BDO_RATE')
    if _flag(supplements, 'master_degree'):
        add('master_degree_supplement', rate('MRP') * rate('MASTER_DEGREE_MRP'), 'МРП × MASTER_DEGREE_MRP',
            'MRP', 'MASTER_DEGREE_MRP')
    if _flag(supplements, 'mentoring'):
        add('mentoring_supplement', bdo * rate('MENTORING_BDO_RATE'), 'БДО × MENTORING_BDO_RATE',
            'MENTORING_BDO_RATE')
    if _flag(supplements, 'sports_section'):
        add('sports_section_supplement', bdo * rate('SPORTS_SECTION_BDO_RATE'), 'БДО × SPORTS_SECTION_BDO_RATE',
            'SPORTS_SECTION_BDO_RATE')

    result['total'] = load_pay + sum((result[key] for key in SUPPLEMENT_KEYS), ZERO)
    result['category'] = category_key
    result['lines'] = lines
    result['unconfirmed'] = sorted(code for code, row in used.items() if row['status'] == 'UNCONFIRMED')
    return result


# ----------------------------------------------------------------------------------------------- a line of the list

#: qualification categories of kz.hr.qualification that carry no supplement
NO_SUPPLEMENT_CATEGORIES = ('none', 'teacher')
#: the base parameters of every line, read once per list
BASE_CODES = ('BDO', 'RAISE_FACTOR', 'NORM_WEEKLY_HOURS')
#: the grade bands of a list, in the order of its columns
BANDS = ('1-4', '5-9', '10-11')

#: Education level of kz.hr.education → the block group of the register: В2 higher, В4 technical and vocational
#: (the public eduline calculator's mapping, data/SOURCES.md; UNCONFIRMED).
BLOCK_GROUP_BY_LEVEL = {'doctor': 'В2', 'master': 'В2', 'bachelor': 'В2', 'tvet': 'В4'}
#: Qualification category → the last digit of the block when the employee has no explicit block. UNCONFIRMED: the
#: subgroups 1…4 of В2/В4 were the categories высшая / первая / вторая / без категории, and the categories of 2016+
#: are matched to them (исследователь, мастер ≈ высшая; эксперт ≈ первая; модератор ≈ вторая — the gos24.kz 2023
#: example pairs В2-3 with a педагог-модератор).
BLOCK_DIGIT_BY_CATEGORY = {'master': '1', 'researcher': '1', 'expert': '2', 'moderator': '3', 'teacher': '4',
                           'none': '4'}
#: the rank of an education level: the highest one counts (block, education printed on the list)
EDUCATION_RANK = {'tvet': 1, 'bachelor': 2, 'master': 3, 'doctor': 4}
#: education levels that give the master's degree supplement
MASTER_LEVELS = ('master', 'doctor')


def default_block(education_level, category):
    """The pay block a teacher gets when HR set none: from the education level and the category (UNCONFIRMED);
    False without a known education level."""
    group = BLOCK_GROUP_BY_LEVEL.get(education_level)
    if not group:
        return False
    return '%s-%s' % (group, BLOCK_DIGIT_BY_CATEGORY.get(category or 'none', '4'))


def highest_education(educations):
    """The education that counts among ``educations`` (dicts with ``level`` and ``year``): the highest level, then
    the latest year; None without any."""
    return max(educations, key=lambda e: (EDUCATION_RANK.get(e['level'], 0), e.get('year') or 0), default=None)


def qualification_on(qualifications, on_date):
    """The qualification (dicts with ``attestation_date``, optional ``id``) in force on ``on_date``: the latest
    attestation on or before the day (the higher id of one day); None when there is none yet."""
    on_date = _to_date(on_date, 'on_date')
    found = [q for q in qualifications if _to_date(q['attestation_date'], 'attestation_date') <= on_date]
    return max(found, key=lambda q: (_to_date(q['attestation_date'], 'attestation_date'), q.get('id') or 0),
               default=None)


def category_on(qualification, on_date):
    """(category, supplement key, expired) of a teacher on ``on_date`` from the qualification in force
    (:func:`qualification_on`): the category ('none' without one); the key of :data:`CATEGORIES` that carries a
    supplement, or None for a category without one or one that expired before the day; expired is True only for a
    category with a supplement whose ``expiry_date`` is before the day."""
    on_date = _to_date(on_date, 'on_date')
    category = qualification and qualification.get('category') or 'none'
    expiry = qualification and qualification.get('expiry_date')
    expiry = _to_date(expiry, 'expiry_date') if expiry else None
    expired = bool(expiry and expiry < on_date and category not in NO_SUPPLEMENT_CATEGORIES)
    key = None if category in NO_SUPPLEMENT_CATEGORIES or expired else category
    return category, key, expired


def managed_class(classes):
    """(the class whose management is paid, notes) from the classes a teacher manages (dicts ``grade_sequence``,
    ``size``, ``name``, in the school's order): the first of grades 1–11; none when it has no pupils. Notes are
    (code, params): ``class_without_pupils`` {'class'}, ``several_classes`` {'count', 'class'}."""
    classes = [c for c in classes if 1 <= (c.get('grade_sequence') or 0) <= 11]
    if not classes:
        return None, []
    first = classes[0]
    if not first.get('size'):
        return None, [('class_without_pupils', {'class': first['name']})]
    if len(classes) > 1:
        return first, [('several_classes', {'count': len(classes), 'class': first['name']})]
    return first, []


def band_pay(load_pay, hours, total_hours=None):
    """The pay for the hours of each grade band (the list's header amounts): the load pay × the band's hours / the
    load (``total_hours``, default the bands' sum), to the tiyn half up; the last band with hours takes the rest,
    so the bands add up to the load pay. ``hours``: {band: Decimal}; returns {band: Decimal} for every band of
    :data:`BANDS`."""
    load_pay = round_money(load_pay)
    hours = {band: _decimal(hours.get(band) or 0, 'hours %s' % band) for band in BANDS}
    total = sum(hours.values(), Decimal(0)) if total_hours is None else _decimal(total_hours, 'weekly hours')
    used = [band for band in BANDS if hours[band]]
    out, rest = {}, load_pay
    for band in BANDS:
        if band not in used:
            out[band] = ZERO
        elif band == used[-1]:
            out[band] = rest
        else:
            out[band] = round_money(load_pay * hours[band] / total)
            rest -= out[band]
    return out


def next_step_date(periods, exp_to_years, on_date, year_end):
    """The first day after ``on_date`` and up to ``year_end`` on which the service of ``periods`` reaches
    ``exp_to_years`` (the end of the grid step the teacher is in: a new coefficient, a change order), or None: no
    next step, no service still running, or not before the end of the academic year."""
    if exp_to_years is None or year_end is None:
        return None
    on_date, year_end = _to_date(on_date, 'on_date'), _to_date(year_end, 'year_end')
    if year_end <= on_date:
        return None
    limit = _decimal(exp_to_years, 'exp_to_years')

    def reached(day):
        return experience_years(periods, day).as_decimal() >= limit

    if not reached(year_end):
        return None
    low, high = on_date, year_end       # reached(low) is False (the teacher is below the step), reached(high) True
    while (high - low).days > 1:
        middle = low + datetime.timedelta(days=(high - low).days // 2)
        if reached(middle):
            high = middle
        else:
            low = middle
    return high


def base_rows(on_date, parameters=None):
    """{code: row} of :data:`BASE_CODES` on ``on_date``: TariffError naming the first one missing."""
    return {code: parameter_row(code, on_date, parameters) for code in BASE_CODES}


def tariff_line(on_date, periods, block, hours, total_hours=None, qualification=None, educations=(), classes=(),
                rural=False,
                special_conditions=False, cabinet=None, workshop=False, mentoring=False, sports_section=False,
                notebooks=None, notebook_hours=None, year_end=None, parameters=None, table=None, base=None):
    """One teacher's line of the tariffication list on ``on_date``: everything the list prints and stores.

    * ``periods``: the service periods (see :func:`experience_years`); ``block``: the pay block of the register;
    * ``hours``: {band of :data:`BANDS`: weekly hours}; ``total_hours``: the weekly load (default their sum; the
      load summary's own total when given: it also counts hours of classes outside the bands);
    * ``qualification``: the one in force (:func:`qualification_on`): ``category``, ``attestation_date``,
      ``expiry_date``; ``educations``: rows with ``level`` (a master's or doctor's degree gives its supplement);
    * ``classes``: the classes the teacher manages (:func:`managed_class`);
    * ``rural``, ``special_conditions``, ``cabinet``, ``workshop``, ``mentoring``, ``sports_section``: the options of
      :func:`teacher_pay`; ``notebooks``: 'flat', 'hourly' or None, with ``notebook_hours`` = (hours in full
      classes, hours in small classes) for 'hourly';
    * ``year_end``: the end of the academic year (the service step and the category expiry reached before it);
    * ``parameters``, ``table``: the dated rows and the grid; ``base``: :func:`base_rows` when already read.

    Returns a dict: ``service`` (ServiceLength), ``coefficient_row``, ``category`` / ``category_key`` /
    ``expired`` (:func:`category_on`), ``managed_class`` (dict or None), ``hours`` ({band: Decimal}),
    ``total_hours``, ``pay`` (:func:`teacher_pay`), ``band_pay`` (:func:`band_pay`), ``next_step_date``,
    ``unconfirmed`` (codes of the UNCONFIRMED rows used, 'GRID <block>' for an unconfirmed grid row),
    ``used_codes`` (every parameter code used) and ``notes``: (code, params) in the order they are printed —
    ``class_without_pupils``, ``several_classes``, ``category_expired`` {'date'}, ``above_maximum_hours``
    {'error': the TariffError}, ``next_step`` {'years', 'date'}, ``category_expires`` {'date'}. Raises TariffError."""
    on_date = _to_date(on_date, 'on_date')
    base = base if base is not None else base_rows(on_date, parameters)
    notes = []
    service = experience_years(periods, on_date)
    grid_row = coefficient_row(block, service, on_date, table)
    hours = {band: _decimal(hours.get(band) or 0, 'hours %s' % band) for band in BANDS}
    total_hours = sum(hours.values(), Decimal(0)) if total_hours is None else _decimal(total_hours, 'weekly hours')
    category, category_key, expired = category_on(qualification, on_date)
    options = {'on_date': on_date, 'parameters': parameters, 'rural': bool(rural),
               'special_conditions': bool(special_conditions), 'cabinet': cabinet or None, 'workshop': bool(workshop),
               'mentoring': bool(mentoring), 'sports_section': bool(sports_section),
               'master_degree': any(e['level'] in MASTER_LEVELS for e in educations)}
    managed, class_notes = managed_class(classes)
    notes += class_notes
    if managed:
        options.update(class_grade=managed['grade_sequence'], class_size=managed['size'])
    if notebooks == 'flat':
        options['notebooks'] = True
    elif notebooks == 'hourly' and notebook_hours:
        options['notebook_hours'], options['notebook_hours_small'] = notebook_hours
    if expired:
        notes.append(('category_expired', {'date': _to_date(qualification['expiry_date'], 'expiry_date')}))
    pay = teacher_pay(base['BDO']['value'], grid_row['coefficient'], base['RAISE_FACTOR']['value'],
                      base['NORM_WEEKLY_HOURS']['value'], total_hours, category_key, **options)
    try:
        check_weekly_hours(total_hours, on_date=on_date, parameters=parameters)
    except TariffError as exc:
        notes.append(('above_maximum_hours', {'error': exc}))
    unconfirmed = set(pay['unconfirmed']) | {code for code, row in base.items() if row['status'] == 'UNCONFIRMED'}
    if grid_row['status'] == 'UNCONFIRMED':
        unconfirmed.add('GRID %s' % grid_row['block'])
    next_step = next_step_date(periods, grid_row['exp_to_years'], on_date, year_end)
    if next_step:
        notes.append(('next_step', {'years': grid_row['exp_to_years'], 'date': next_step}))
    expiry = qualification and qualification.get('expiry_date')
    if expiry and not expired and year_end is not None \
            and _to_date(expiry, 'expiry_date') <= _to_date(year_end, 'year_end'):
        notes.append(('category_expires', {'date': _to_date(expiry, 'expiry_date')}))
    return {
        'service': service, 'coefficient_row': grid_row, 'category': category, 'category_key': category_key,
        'expired': expired, 'managed_class': managed, 'hours': hours, 'total_hours': total_hours, 'pay': pay,
        'band_pay': band_pay(pay['load_pay'], hours, total_hours), 'next_step_date': next_step, 'unconfirmed': unconfirmed,
        'used_codes': set(base) | {p['code'] for line in pay['lines'] for p in line['parameters']}, 'notes': notes,
    }


def list_totals(lines):
    """The header of a list from its lines (dicts with ``hours`` {band: Decimal}, ``band_pay`` {band: Decimal},
    ``pay``): per band the hours, the teachers with hours in it and the pay for them; the load pay, the total and
    the supplements (total − load pay). Decimals, summed exactly."""
    out = {'teacher_count': len(lines), 'bands': {}}
    for band in BANDS:
        out['bands'][band] = {
            'hours': sum((line['hours'][band] for line in lines), Decimal(0)),
            'teachers': len([line for line in lines if line['hours'][band]]),
            'amount': sum((line['band_pay'][band] for line in lines), ZERO),
        }
    out['hours_total'] = sum((b['hours'] for b in out['bands'].values()), Decimal(0))
    out['load_pay_total'] = sum((line['pay']['load_pay'] for line in lines), ZERO)
    out['amount_total'] = sum((line['pay']['total'] for line in lines), ZERO)
    out['supplement_total'] = out['amount_total'] - out['load_pay_total']
    return out
