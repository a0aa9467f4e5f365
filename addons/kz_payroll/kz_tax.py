"""Kazakh payroll lines for one employee and one month: ОПВ, ВОСМС, ИПН (employee side) and ОПВР, СО, ООСМС, СН
(employer side).

Pure Python (standard library only, no odoo import), so it is tested in milliseconds and the ``hr.salary.rule``
records only have to call :func:`compute_payroll`. Domain notes: /work/shared/domain/kz_rules.md §1.

Parameters
----------
Every rate, cap, МРП and МЗП is a dated row ``(code, date_from, date_to, value, unit, source)``; the rows shipped
with the addon are in ``data/kz_payroll_parameters.csv``, the country-wide МРП and МЗП (entered once for the suite)
in ``kz_edu_base/data/kz_edu_parameters.csv`` (:func:`load_parameters` reads both). The Odoo layer may pass its own
rows (dicts or tuples in the same column order) through ``parameters=``. For a period the engine takes, per code, the
row with the latest ``date_from <= period_end`` whose ``date_to`` is empty or ``>= period_end``. МРП and МЗП rows are
closed at the end of their budget year, so a period in a year without a budget-law row is refused
(``PayrollError: no parameter MRP for 2027-01-31``) instead of silently reusing last year's value.

Money
-----
All amounts are :class:`decimal.Decimal`. Inputs may be ``int``, ``str``, ``Decimal`` or ``float``; a float is read
through ``repr`` (``Decimal(repr(x))``: 1234.56 stays 1234.56, not 1234.5599999...) because Odoo 11 hands monetary
fields over as floats; the gross is then quantised to the tiyn. ``bool``, NaN and infinities are refused.

Rounding
--------
Default ``rounding='tiyn'``: each line (ОПВ, ВОСМС, the 90 % adjustment, the monthly social deduction, ИПН, ОПВР, СО,
ООСМС, СН) is computed from the already rounded lines it depends on and rounded to 0.01 ₸ with ROUND_HALF_UP; net is
gross − ОПВ − ВОСМС − ИПН. Sources and status:

* rekassa.kz «Расчёт зарплаты в Казахстане» (2024 parameters, МРП 3 692) keeps tiyn: ИПН 25 631.2 ₸, net
  282 368.8 ₸ for a gross of 350 000 ₸ — reproduced by this engine (tests).
* The state forms (200.00, payment orders) are filled in whole tenge, and an older published example
  (Kazakh-language conference material, emirsaba.org, 2020 parameters) rounds СО 10 412.5 → 10 413 and
  СН 27 254.5 → 27 255, i.e. half-up to whole tenge. ``rounding='tenge'`` rounds every line the same way but to
  1 ₸ (ROUND_HALF_UP).
* No statutory rounding rule (Tax Code article, ЕНПФ/ГФСС rules text) was found during the research, so which of
  the two the tax authority expects per line is UNCONFIRMED; the tiyn default loses nothing and can be rounded later.

Order of computation (kz_rules.md §1.3)
---------------------------------------
1. ОПВ = ОПВ_RATE × min(G, 50 МЗП); none for pensioners and for indefinite disability groups I–II.
2. ВОСМС = 2 % × min(G, cap) (cap 10 МЗП up to 2025, 20 МЗП from 2026); none for pensioners and for persons with a
   disability (the state pays for them, Law № 405-V on ОСМС).
3. ИПН base = G − ОПВ − ВОСМС − deduction (14 МРП up to 2025, базовый вычет 30 МРП from 2026, only if
   ``deduction_applied``) − monthly social deduction for disability − 90 % adjustment (up to 2025, when G ≤ 25 МРП:
   90 % of the base after the deductions; mechanics UNCONFIRMED, this is the calculators' practice), never below 0.
   ИПН = 10 % of the base; from 2026 the part of the year-to-date base above 8 500 МРП is taxed at 15 %
   (``ytd_income`` = the ИПН bases of the earlier months of the same year at this tax agent; the cumulative monthly
   application is UNCONFIRMED, PwC gives only the annual rule).
4. ОПВР = rate × base, base = G within 1–50 МЗП; none for pensioners, for those born before 1 Jan 1975 and for
   indefinite disability groups I–II.
5. СО = rate × (G − ОПВ) within 1–7 МЗП; none for pensioners (not participants of social insurance, UNCONFIRMED).
6. ООСМС = 3 % × min(G, cap) (cap 10 МЗП up to 2025, 40 МЗП from 2026); none for pensioners.
7. СН = rate × max(G − ОПВ − ВОСМС, 14 МРП) — the 14 МРП minimum object does not apply in the month of hire or
   dismissal (``partial_month=True``). Up to 2025 (SN_LESS_SO = 1) СН is reduced by СО and not below 0; from 2026 it
   is not reduced.

Decisions taken without a source (all UNCONFIRMED)
---------------------------------------------------
* Zero gross: every line is 0; the minimum bases (СО 1 МЗП, ОПВР 1 МЗП, СН 14 МРП) apply only to a positive income.
* The minimum bases of СО and ОПВР still apply when ``partial_month`` is set (only СН's minimum object is lifted).
* A disability keeps ООСМС, СО and СН due; only ВОСМС (all groups), ОПВ and ОПВР (indefinite I–II) are lifted.
* The annual social deduction for disability is applied as one twelfth per month (rounded to the tiyn).
* Non-residents are refused (``resident=False``): their ИПН has no deductions and other rules; not in scope.
"""
import csv
import datetime
import os
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    import dated_rows
    import kz_parameters
    from kz_money import money
    from kz_errors import KzError, _
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base import dated_rows, kz_parameters
    from odoo.addons.kz_edu_base.kz_money import money
    from odoo.addons.kz_edu_base.kz_errors import KzError, _

__all__ = ['PayrollError', 'load_parameters', 'compute_payroll', 'MAX_MONTHLY_GROSS', 'PARAMETERS_CSV']

PARAMETERS_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'kz_payroll_parameters.csv')

#: A monthly gross above this (1 trillion tenge) is a typing error, not a salary.
MAX_MONTHLY_GROSS = Decimal('1000000000000')

TIYN = Decimal('0.01')
TENGE = Decimal('1')
ZERO = Decimal('0.00')

_COLUMNS = ('code', 'date_from', 'date_to', 'value', 'unit', 'source')

#: Every code the engine reads for any period (all must resolve, or the period is refused).
REQUIRED_CODES = (
    'MRP', 'MZP',
    'OPV_RATE', 'OPV_MAX_MZP', 'VOSMS_RATE', 'VOSMS_MAX_MZP',
    'IPN_RATE', 'IPN_DEDUCTION_MRP', 'IPN_ADJ_LIMIT_MRP', 'IPN_ADJ_RATE',
    'DISABILITY_DEDUCTION_I_II_MRP', 'DISABILITY_DEDUCTION_III_MRP',
    'OPVR_RATE', 'OPVR_MIN_MZP', 'OPVR_MAX_MZP',
    'SO_RATE', 'SO_MIN_MZP', 'SO_MAX_MZP',
    'OOSMS_RATE', 'OOSMS_MAX_MZP',
    'SN_RATE', 'SN_LESS_SO', 'SN_MIN_MRP',
)
#: Codes that exist only from some date on (progressive ИПН from 2026): absent means "not applicable".
OPTIONAL_CODES = ('IPN_HIGH_RATE', 'IPN_HIGH_THRESHOLD_MRP')

OPVR_EXEMPT_BIRTH = datetime.date(1975, 1, 1)

_OPTIONS = frozenset((
    'deduction_applied', 'birth_date', 'pensioner', 'disability_group', 'disability_indefinite',
    'ytd_income', 'partial_month', 'resident', 'low_income_adjustment', 'rounding', 'parameters',
))


class PayrollError(KzError, ValueError):
    """A payroll input or parameter problem; the English message names what is missing or wrong."""


# ----------------------------------------------------------------------------------------------- parameters

def _to_date(value, what):
    return dated_rows.to_date(value, what, PayrollError)


def _normalise_row(row, where):
    if isinstance(row, dict):
        data = dict(row)
    else:
        data = dict(zip(_COLUMNS, row))
    code = (data.get('code') or '').strip()
    if not code:
        raise PayrollError('parameter row %s has no code' % where)
    date_from = _to_date(data.get('date_from'), 'date_from of parameter %s (%s)' % (code, where))
    date_to = data.get('date_to')
    date_to = _to_date(date_to, 'date_to of parameter %s (%s)' % (code, where)) if date_to not in (None, '') else None
    try:
        value = Decimal(str(data.get('value')).strip())
    except (InvalidOperation, TypeError):
        raise PayrollError('parameter %s from %s has no numeric value (%r)' % (code, date_from, data.get('value')))
    if not value.is_finite():
        raise PayrollError('parameter %s from %s has no numeric value (%r)' % (code, date_from, data.get('value')))
    return {'code': code, 'date_from': date_from, 'date_to': date_to, 'value': value,
            'unit': (data.get('unit') or '').strip(), 'source': (data.get('source') or '').strip()}


def load_parameters(path=None):
    """Read the dated parameter rows (default: ``data/kz_payroll_parameters.csv`` beside this module).

    Returns a list of dicts ``{code, date_from, date_to, value (Decimal), unit, source}``; the same shape (or plain
    tuples in that column order) is accepted by ``compute_payroll(parameters=...)``. Without a path the country-wide
    МРП and МЗП rows of kz_edu_base (entered once for the whole suite) are added.
    """
    shipped = path is None
    path = path or PARAMETERS_CSV
    with open(path, encoding='utf-8', newline='') as handle:
        rows = [_normalise_row(row, '%s line %d' % (os.path.basename(path), number))
                for number, row in enumerate(csv.DictReader(handle), start=2)]
    if shipped:
        rows += [_normalise_row(row, 'kz_edu_parameters.csv') for row in kz_parameters.shared_rows(('MRP', 'MZP'))]
    return rows


_DEFAULT_ROWS = None


def _default_rows():
    global _DEFAULT_ROWS
    if _DEFAULT_ROWS is None:
        _DEFAULT_ROWS = load_parameters()
    return _DEFAULT_ROWS


def resolve_parameters(period_end, rows=None):
    """``{code: row}`` in force on ``period_end``; raises PayrollError naming every missing required code."""
    period_end = _to_date(period_end, 'period_end')
    if rows is None:
        rows = _default_rows()
    else:
        rows = [_normalise_row(r, 'passed row %d' % i) for i, r in enumerate(rows, start=1)]
    found = dated_rows.in_force(rows, period_end)
    missing = [code for code in REQUIRED_CODES if code not in found]
    if missing:
        raise PayrollError('missing_parameter', _('no parameter %(codes)s for %(date)s'), codes=missing,
                           date=period_end)
    return found


# ----------------------------------------------------------------------------------------------- money

def _money(value, what):
    """An input amount: the suite's money contract (kz_money), required, refused with PayrollError."""
    return money(value, what, error=PayrollError, required=True)


# ----------------------------------------------------------------------------------------------- engine

def compute_payroll(gross, period_end, **options):
    """Payroll lines for one employee's taxable monthly income ``gross`` in the month ending ``period_end``.

    Options (defaults = the common case): ``deduction_applied=True`` (14 МРП / базовый вычет 30 МРП on the employee's
    application), ``birth_date=None`` (born before 1975 → no ОПВР), ``pensioner=False``, ``disability_group=None``
    (1, 2 or 3), ``disability_indefinite=False`` (for groups I–II: no ОПВ, no ОПВР), ``ytd_income=0`` (ИПН bases of
    the earlier months of the year, for the 2026 15 % bracket), ``partial_month=False`` (month of hire or dismissal:
    no СН minimum object), ``resident=True`` (False is refused), ``low_income_adjustment=True`` (the 90 %
    adjustment up to 2025), ``rounding='tiyn'`` or ``'tenge'``, ``parameters=None`` (rows; default: the CSV).

    Returns a dict of Decimals: ``opv, vosms, ipn, net`` (employee), ``opvr, so, oosms, sn`` (employer), and detail:
    ``gross, ipn_base, deduction, social_deduction, adjustment, ipn_at_high_rate_base, opvr_base, so_base, sn_base,
    employer_total``, plus ``parameters`` ({code: Decimal} used) and ``period_end``.
    """
    unknown = set(options) - _OPTIONS
    if unknown:
        raise PayrollError('unknown option(s): %s' % ', '.join(sorted(unknown)))
    period_end = _to_date(period_end, 'period_end')
    gross = _money(gross, 'gross')
    if gross < 0:
        raise PayrollError('negative_gross', _('gross must not be negative, got %(gross)s'), gross=gross)
    if gross > MAX_MONTHLY_GROSS:
        raise PayrollError('gross_too_large', _('gross %(gross)s exceeds the plausible monthly maximum %(maximum)s'),
                           gross=gross, maximum=MAX_MONTHLY_GROSS)
    if not options.get('resident', True):
        raise PayrollError('non-resident payroll is not supported (resident=False)')
    rounding = options.get('rounding', 'tiyn')
    if rounding not in ('tiyn', 'tenge'):
        raise PayrollError("rounding must be 'tiyn' or 'tenge', got %r" % (rounding,))
    quantum = TIYN if rounding == 'tiyn' else TENGE

    def rnd(amount):
        return amount.quantize(quantum, rounding=ROUND_HALF_UP).quantize(TIYN)

    group = options.get('disability_group')
    if group not in (None, 1, 2, 3):
        raise PayrollError('disability_group must be 1, 2, 3 or None, got %r' % (group,))
    ytd_income = _money(options.get('ytd_income') or 0, 'ytd_income')
    if ytd_income < 0:
        raise PayrollError('negative_income', _('the income of the earlier months must not be negative, got '
                                                '%(income)s'), income=ytd_income)
    birth_date = options.get('birth_date')
    if birth_date is not None:
        birth_date = _to_date(birth_date, 'birth_date')

    params = resolve_parameters(period_end, options.get('parameters'))
    p = {code: row['value'] for code, row in params.items()}
    mrp, mzp = p['MRP'], p['MZP']
    pensioner = bool(options.get('pensioner'))
    indefinite_i_ii = group in (1, 2) and bool(options.get('disability_indefinite'))
    deduction_applied = options.get('deduction_applied', True)

    result = {'gross': gross, 'period_end': period_end, 'parameters': p}
    zero_keys = ('opv', 'vosms', 'ipn', 'opvr', 'so', 'oosms', 'sn', 'ipn_base', 'deduction', 'social_deduction',
                 'adjustment', 'ipn_at_high_rate_base', 'opvr_base', 'so_base', 'sn_base', 'employer_total')
    if gross == 0:
        result.update((key, ZERO) for key in zero_keys)
        result['net'] = ZERO
        return result

    # employee side
    opv = ZERO if pensioner or indefinite_i_ii else rnd(p['OPV_RATE'] * min(gross, p['OPV_MAX_MZP'] * mzp))
    vosms = ZERO if pensioner or group else rnd(p['VOSMS_RATE'] * min(gross, p['VOSMS_MAX_MZP'] * mzp))

    deduction = rnd(p['IPN_DEDUCTION_MRP'] * mrp) if deduction_applied else ZERO
    social_deduction = ZERO
    if group in (1, 2):
        social_deduction = rnd(p['DISABILITY_DEDUCTION_I_II_MRP'] * mrp / 12)
    elif group == 3:
        social_deduction = rnd(p['DISABILITY_DEDUCTION_III_MRP'] * mrp / 12)
    base = max(gross - opv - vosms - deduction - social_deduction, ZERO)
    adjustment = ZERO
    if (options.get('low_income_adjustment', True) and p['IPN_ADJ_RATE'] and p['IPN_ADJ_LIMIT_MRP']
            and gross <= p['IPN_ADJ_LIMIT_MRP'] * mrp):
        adjustment = rnd(base * p['IPN_ADJ_RATE'])
    base -= adjustment

    high_base = ZERO
    if 'IPN_HIGH_RATE' in p and 'IPN_HIGH_THRESHOLD_MRP' in p:
        threshold = p['IPN_HIGH_THRESHOLD_MRP'] * mrp
        high_base = max(ZERO, min(base, ytd_income + base - threshold))
        ipn = rnd((base - high_base) * p['IPN_RATE'] + high_base * p['IPN_HIGH_RATE'])
    else:
        ipn = rnd(base * p['IPN_RATE'])
    net = gross - opv - vosms - ipn

    # employer side
    born_before_1975 = birth_date is not None and birth_date < OPVR_EXEMPT_BIRTH
    opvr_base = ZERO
    opvr = ZERO
    if not (pensioner or born_before_1975 or indefinite_i_ii):
        opvr_base = min(max(gross, p['OPVR_MIN_MZP'] * mzp), p['OPVR_MAX_MZP'] * mzp)
        opvr = rnd(p['OPVR_RATE'] * opvr_base)
    so_base = ZERO
    so = ZERO
    if not pensioner:
        so_base = min(max(gross - opv, p['SO_MIN_MZP'] * mzp), p['SO_MAX_MZP'] * mzp)
        so = rnd(p['SO_RATE'] * so_base)
    oosms = ZERO if pensioner else rnd(p['OOSMS_RATE'] * min(gross, p['OOSMS_MAX_MZP'] * mzp))
    sn_base = gross - opv - vosms
    if not options.get('partial_month'):
        sn_base = max(sn_base, p['SN_MIN_MRP'] * mrp)
    sn = rnd(p['SN_RATE'] * sn_base)
    if p['SN_LESS_SO']:
        sn = max(sn - so, ZERO)

    result.update({
        'opv': opv, 'vosms': vosms, 'ipn': ipn, 'net': net,
        'opvr': opvr, 'so': so, 'oosms': oosms, 'sn': sn,
        'ipn_base': base, 'deduction': deduction, 'social_deduction': social_deduction, 'adjustment': adjustment,
        'ipn_at_high_rate_base': high_base, 'opvr_base': opvr_base, 'so_base': so_base, 'sn_base': sn_base,
        'employer_total': opvr + so + oosms + sn,
    })
    return result
