# -*- coding: utf-8 -*-
"""Quarter and year marks of Kazakh general schools (LMS-08, LMS-12), by the typical rules of assessment.

Pure Python (standard library only, no odoo import); the addon binds it to the ORM (kz.edu.period.mark) and to the
journal. Sources: the Typical rules of current monitoring of progress, intermediate and final attestation
(Типовые правила проведения текущего контроля успеваемости, промежуточной и итоговой аттестации обучающихся, order
of the Minister of Education and Science No. 125 of 18.03.2008, adilet V080005191_, as amended). The act's own
text was not in the stored copies: every figure is a dated parameter row of ``data/kz_assessment_parameters.csv``
with its source and status, most of them UNCONFIRMED (see ``data/SOURCES.md``).

The rule
--------
* Formative assessment (ФО / ҚБ): marks from 1 to ``FORMATIVE_MAX`` (10); its percent is the mean mark ÷ max × 100.
* Summative assessment for a section (СОр / БЖБ) and for the quarter (СОч / ТЖБ): points out of a maximum; the
  percent of each kind is the mean of the works' percents (``SUMMATIVE_MEAN_OF_PERCENTS`` = 1) or the sum of the
  points over the sum of the maxima (0).
* Quarter percent = ФО % × ``FORMATIVE_WEIGHT`` + СОр % × ``SOR_WEIGHT`` + СОч % × ``SOCH_WEIGHT`` (25 / 25 / 50);
  a kind with no work in the quarter drops out and the weights of the others are scaled up to 100 (no СОч:
  (ФО + СОр) × 2, as the published calculator says); nothing at all: no mark ("not attested").
* The total is rounded half up to ``PERCENT_DECIMALS`` (0) and turned into a mark by the scale of appendix 1:
  below ``SCALE_3_FROM`` (40 %) «2», below ``SCALE_4_FROM`` (65 %) «3», below ``SCALE_5_FROM`` (85 %) «4», else «5».
* Grades below ``MARKS_FROM_GRADE`` (2): no marks at all (grade 1); formative marks and points are refused there.
* Year mark: the mean of the quarter marks rounded half up (``YEAR_MARK_DECIMALS``).
* Performance of a class (успеваемость) = pupils with no «2» ÷ pupils attested × 100; quality of knowledge
  (качество знаний) = pupils with only «4» and «5» ÷ pupils attested × 100 (the usual school-report definitions).

A policy change (the 2026 debate on dropping СОр/СОч, a new scale) is a new row from a date: e.g. ``SOR_WEIGHT`` = 0,
``SOCH_WEIGHT`` = 0 and ``FORMATIVE_WEIGHT`` = 100 from 01.09.2027 — no release. The rows in force on the first day
of the quarter decide its marks.

Errors are :class:`AssessmentError` with a stable ``code`` and ``params``; the ORM layer translates them once.
"""
import csv
import os
from decimal import Decimal, ROUND_HALF_UP

try:  # pure tests: every addon folder is on sys.path (conftest.py)
    import dated_rows
    from kz_money import to_number
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import dated_rows
    from odoo.addons.kz_edu_base.kz_money import to_number
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

__all__ = [
    'AssessmentError', 'PARAMETERS_CSV', 'CODES', 'load_parameters', 'parameters_on', 'check_formative_mark',
    'check_points', 'formative_percent', 'summative_percent', 'quarter_result', 'mark_for_percent', 'year_mark',
    'performance', 'grade_has_marks', 'quarter_of',
]

_HERE = os.path.dirname(os.path.abspath(__file__))
PARAMETERS_CSV = os.path.join(_HERE, 'data', 'kz_assessment_parameters.csv')

CODES = ('SCALE_3_FROM', 'SCALE_4_FROM', 'SCALE_5_FROM', 'FORMATIVE_WEIGHT', 'SOR_WEIGHT', 'SOCH_WEIGHT',
         'FORMATIVE_MAX', 'MARKS_FROM_GRADE', 'PERCENT_DECIMALS', 'SUMMATIVE_MEAN_OF_PERCENTS', 'YEAR_MARK_DECIMALS')
HUNDRED = Decimal(100)
_COLUMNS = ('code', 'date_from', 'date_to', 'value', 'unit', 'source', 'status')
#: the optional columns of every parameter CSV (kz_parameters): the code's name in en, kk and ru
_NAME_COLUMNS = ('name', 'name_kk', 'name_ru')


class AssessmentError(KzError, ValueError):
    """A refusal of the rules: ``code`` names it, the template of :data:`MESSAGES` says it (kz_errors.KzError)."""


#: the teacher's text of each refusal, by code
MESSAGES = {
    'no_marks_in_grade': _('pupils of grade %(grade)s get no marks (the typical rules of assessment).'),
    'bad_mark': _('a formative mark is a whole number from 1 to %(max)s.'),
    'bad_points': _('%(points)s points: a result lies between 0 and the maximum of the work (%(max)s).'),
    'bad_maximum': _('the maximum of a summative work must be positive.'),
    'bad_number': _('%(value)s is not a number.'),
    'missing_parameter': _("no assessment parameter %(codes)s is in force on %(date)s: add it under the journal's "
                           "configuration."),
    'bad_weights': _('the weights of ФО, СОр and СОч on %(date)s add up to %(total)s %%, not 100 %%.'),
    'bad_scale': _('the scale of marks on %(date)s does not increase.'),
}


def _refusal(code, **params):
    return AssessmentError(code, MESSAGES[code], **params)


def _decimal(value, what):
    try:
        return to_number(value, what)
    except ValueError:
        raise _refusal('bad_number', what=what, value=value)


def _date(value, what):
    try:
        return dated_rows.to_date(value, what)
    except ValueError as exc:
        raise AssessmentError('bad_date', '%(error)s', error=str(exc))


def load_parameters(path=PARAMETERS_CSV):
    """The rows of the shipped CSV as dicts (dates as ``datetime.date``, values as Decimal)."""
    rows = []
    with open(path, encoding='utf-8') as f:
        for n, raw in enumerate(csv.DictReader(f), start=2):
            if not set(_COLUMNS) <= set(raw) <= set(_COLUMNS + _NAME_COLUMNS):
                raise AssessmentError('bad_csv', '%(path)s: columns must be %(cols)s', path=path, cols=_COLUMNS)
            rows.append({
                'code': raw['code'].strip(),
                'date_from': _date(raw['date_from'], 'line %d date_from' % n),
                'date_to': _date(raw['date_to'], 'line %d date_to' % n) if raw['date_to'].strip() else None,
                'value': _decimal(raw['value'], 'line %d value' % n),
                'unit': raw['unit'], 'source': raw['source'], 'status': raw['status'].strip(),
            })
    return rows


def parameters_on(rows, on_date):
    """``{code: Decimal}`` of every parameter in force on ``on_date``; a missing code is refused, naming it."""
    on_date = _date(on_date, 'the date')
    found = dated_rows.in_force(rows, on_date)
    missing = [code for code in CODES if code not in found]
    if missing:
        raise _refusal('missing_parameter', codes=missing, date=on_date)
    params = {code: _decimal(row['value'], code) for code, row in found.items()}
    weights = params['FORMATIVE_WEIGHT'] + params['SOR_WEIGHT'] + params['SOCH_WEIGHT']
    if weights != HUNDRED:
        raise _refusal('bad_weights', date=on_date, total=str(weights))
    if not (0 < params['SCALE_3_FROM'] < params['SCALE_4_FROM'] < params['SCALE_5_FROM'] <= HUNDRED):
        raise _refusal('bad_scale', date=on_date, a=params['SCALE_3_FROM'], b=params['SCALE_4_FROM'],
                       c=params['SCALE_5_FROM'])
    params['unconfirmed'] = sorted(code for code, row in found.items()
                                   if code in CODES and row.get('status') != 'CONFIRMED')
    return params


def grade_has_marks(grade, params):
    """False for the grades that get no marks (grade 1)."""
    return int(grade or 0) >= int(params['MARKS_FROM_GRADE'])


def check_formative_mark(mark, grade, params):
    """The formative mark as an int, or AssessmentError (out of 1..max, or a grade without marks)."""
    if not grade_has_marks(grade, params):
        raise _refusal('no_marks_in_grade', grade=grade)
    try:
        value = int(mark)
    except (TypeError, ValueError):
        raise _refusal('bad_mark', mark=mark, max=int(params['FORMATIVE_MAX']))
    if value != _decimal(mark, 'mark') or not 1 <= value <= int(params['FORMATIVE_MAX']):
        raise _refusal('bad_mark', mark=mark, max=int(params['FORMATIVE_MAX']))
    return value


def check_points(points, max_points, grade, params):
    """The points of a summative work as a Decimal, or AssessmentError (negative, above the maximum, grade 1)."""
    if not grade_has_marks(grade, params):
        raise _refusal('no_marks_in_grade', grade=grade)
    maximum = _decimal(max_points, 'the maximum')
    if maximum <= 0:
        raise _refusal('bad_maximum', max=str(maximum))
    value = _decimal(points, 'the points')
    if value < 0 or value > maximum:
        raise _refusal('bad_points', points=str(value), max=str(maximum))
    return value


def formative_percent(marks, params):
    """The percent of the formative marks (mean ÷ max × 100, exact), or None without marks."""
    marks = [_decimal(m, 'mark') for m in marks if m is not None and m is not False]
    if not marks:
        return None
    return sum(marks) / len(marks) / params['FORMATIVE_MAX'] * HUNDRED


def summative_percent(works, params):
    """The percent of summative works ``[(points, max_points)]`` (a pupil absent from a work has no pair): the mean
    of their percents or the sum of points over the sum of maxima (``SUMMATIVE_MEAN_OF_PERCENTS``); None if none."""
    works = [(_decimal(p, 'points'), _decimal(m, 'maximum')) for p, m in works]
    if not works:
        return None
    if any(m <= 0 for _p, m in works):
        raise _refusal('bad_maximum', max=str(min(m for _p, m in works)))
    if params['SUMMATIVE_MEAN_OF_PERCENTS']:
        return sum(p / m * HUNDRED for p, m in works) / len(works)
    return sum(p for p, _m in works) / sum(m for _p, m in works) * HUNDRED


def _round(value, decimals):
    return value.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)


def mark_for_percent(percent, params):
    """The mark 2..5 for a (rounded) percent by the scale of appendix 1."""
    percent = _decimal(percent, 'the percent')
    if percent < 0 or percent > HUNDRED:
        raise AssessmentError('bad_percent', 'a percent lies between 0 and 100, got %(percent)s', percent=percent)
    if percent >= params['SCALE_5_FROM']:
        return 5
    if percent >= params['SCALE_4_FROM']:
        return 4
    if percent >= params['SCALE_3_FROM']:
        return 3
    return 2


def quarter_result(grade, formative_marks, sor_works, soch_works, params):
    """The quarter of one pupil in one subject: a dict with the component percents (``formative``, ``sor``,
    ``soch``: exact Decimals or None), the ``weights`` used (after dropping the missing kinds), the exact ``total``,
    the rounded ``percent`` and the ``mark`` (2..5); ``mark`` is None with ``reason`` 'no_marks_in_grade' (grade 1)
    or 'no_data' (nothing to attest)."""
    result = {'formative': None, 'sor': None, 'soch': None, 'weights': {}, 'total': None, 'percent': None,
              'mark': None, 'reason': None}
    if not grade_has_marks(grade, params):
        result['reason'] = 'no_marks_in_grade'
        return result
    parts = {
        'formative': (formative_percent(formative_marks, params), params['FORMATIVE_WEIGHT']),
        'sor': (summative_percent(sor_works, params), params['SOR_WEIGHT']),
        'soch': (summative_percent(soch_works, params), params['SOCH_WEIGHT']),
    }
    for key, (value, _weight) in parts.items():
        result[key] = value
    present = {key: weight for key, (value, weight) in parts.items() if value is not None and weight > 0}
    if not present:
        result['reason'] = 'no_data'
        return result
    scale = HUNDRED / sum(present.values())
    result['weights'] = {key: weight * scale for key, weight in present.items()}
    total = sum(parts[key][0] * weight for key, weight in result['weights'].items()) / HUNDRED
    result['total'] = total
    result['percent'] = _round(total, params['PERCENT_DECIMALS'])
    result['mark'] = mark_for_percent(result['percent'], params)
    return result


def year_mark(quarter_marks, params):
    """The year mark: the mean of the quarter marks (None skipped) rounded half up; None without any."""
    marks = [int(m) for m in quarter_marks if m]
    if not marks:
        return None
    mean = Decimal(sum(marks)) / len(marks)
    rounded = _round(mean, params['YEAR_MARK_DECIMALS'])
    return int(rounded) if rounded == rounded.to_integral_value() else rounded


def performance(marks_by_pupil):
    """Успеваемость and качество знаний of a class from ``{pupil: [marks of the period, any subjects]}`` (pupils
    without a mark are not attested and not counted): ``{'attested', 'failing', 'good', 'excellent',
    'success_pct', 'quality_pct'}``, the percents rounded half up to one decimal (None for no pupil attested)."""
    attested = failing = good = excellent = 0
    for marks in marks_by_pupil.values():
        marks = [int(m) for m in marks if m]
        if not marks:
            continue
        attested += 1
        if min(marks) <= 2:
            failing += 1
        elif min(marks) >= 4:
            good += 1
            if min(marks) == 5:
                excellent += 1
    out = {'attested': attested, 'failing': failing, 'good': good, 'excellent': excellent,
           'success_pct': None, 'quality_pct': None}
    if attested:
        out['success_pct'] = _round(Decimal(attested - failing) * HUNDRED / attested, 1)
        out['quality_pct'] = _round(Decimal(good) * HUNDRED / attested, 1)
    return out


def quarter_of(periods, day):
    """The period (a dict with ``date_start``/``date_end`` dates) containing ``day``, or None."""
    day = _date(day, 'the day')
    for period in periods:
        if period['date_start'] <= day <= period['date_end']:
            return period
    return None

