"""Worked time and average-earnings payments of one employee and one month: pay for the time worked under the
schedule (табель), vacation pay (отпускные) and the employer's temporary-disability benefit (больничные).

Pure Python (standard library only, no odoo import), like ``kz_tax``; all money is :class:`decimal.Decimal`,
rounded to the tiyn (0.01 ₸) with ROUND_HALF_UP. Inputs may be int, str, Decimal or float (a float is read through
``repr``).

Legal basis and status
----------------------
* Pay for worked time: a monthly salary (оклад) is earned for the working time norm of the month under the
  employee's working schedule (Labour Code of the RK of 23.11.2015 № 414-V, arts. 68, 104–105 on working time and
  its accounting); an incomplete month is paid pro rata: ``wage × worked days / norm days``. The norm is taken from
  the schedule (Odoo: the contract's resource calendar). Pro rata by days (not hours): a project decision.
* Vacation pay: Labour Code art. 103 (the annual paid leave is paid from the average earnings) and the «Правила
  исчисления средней заработной платы», approved by Government decree of 31.12.2015 № 1170. What this module
  implements, as the brief and secondary sources describe the Rules: the average daily earnings = earnings
  (начисленная заработная плата) of the 12 calendar months before the month of the leave divided by the working
  days of those months **under the working-time balance of the schedule** (for vacation pay), and vacation pay =
  average daily earnings × vacation days. The text of decree № 1170 could not be read during this work, so the
  following are UNCONFIRMED: which payments are excluded from the earnings (one-off bonuses, material aid…), the
  treatment of a period shorter than 12 months, and whether vacation days are counted as working or calendar days
  (this module multiplies by the days it is given; the Odoo layer passes the schedule's working days of the leave).
* Sick-leave pay: Labour Code art. 133 (the employer pays the social benefit for temporary disability from its own
  funds) and the same Rules № 1170 (average daily earnings). A ministry of labour statement reported by baq.kz
  (18.11.2025, «Сколько заплатят за дни болезни») gives the cap: the benefit of a month must not exceed **25 МРП**
  (98 300 ₸ with the 2025 МРП of 3 932). The cap is therefore a parameter (``cap_monthly``, computed by the caller
  as 25 × МРП of the month); the basis of the average for the benefit (12 months like vacation pay, days actually
  worked vs. schedule days) is UNCONFIRMED and the same average as for vacation pay is used.
"""
from decimal import Decimal

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py); TIYN: named for kz_payroll_core
    from kz_money import TIYN, ZERO, round_money as _round, to_number  # noqa: F401
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_money import TIYN, ZERO, round_money as _round, to_number  # noqa: F401
    from odoo.addons.kz_edu_base.kz_errors import KzError

__all__ = ['WorktimeError', 'pay_for_worked_time', 'average_daily_earnings', 'vacation_pay', 'sick_pay',
           'SICK_CAP_MRP', 'AVG_WORKING_DAYS_PER_MONTH']

#: Monthly cap of the employer's sick-leave benefit, in МРП (baq.kz 18.11.2025 citing the Ministry of labour).
SICK_CAP_MRP = Decimal('25')

#: Working days of an average month used when an employee has no earnings history (new hire): the contract wage
#: divided by this gives the daily average. 21 ≈ 247–250 working days of a five-day week / 12 (UNCONFIRMED: the
#: Rules № 1170 treat the case of no history separately; this is a project decision).
AVG_WORKING_DAYS_PER_MONTH = Decimal('21')


class WorktimeError(KzError, ValueError):
    """Invalid input (negative days, worked days above the norm, mismatched months…)."""


def _dec(value, what):
    return to_number(value, what, WorktimeError)


def pay_for_worked_time(wage, norm_days, worked_days):
    """``wage × worked_days / norm_days`` to the tiyn. A zero norm (no working day in the period) pays nothing."""
    wage, norm, worked = _dec(wage, 'wage'), _dec(norm_days, 'norm_days'), _dec(worked_days, 'worked_days')
    if wage < 0 or norm < 0 or worked < 0:
        raise WorktimeError('wage and days cannot be negative')
    if worked > norm:
        raise WorktimeError('worked days %s exceed the norm %s' % (worked, norm))
    if norm == 0:
        return ZERO
    if worked == norm:
        return _round(wage)
    return _round(wage * worked / norm)


def average_daily_earnings(earnings_by_month, worked_days_by_month):
    """Average daily earnings (Rules № 1170): the sum of the months' earnings divided by the sum of their working
    days. Both arguments are sequences of the same length (one item per month, at most 12 are expected) or dicts
    keyed by month. Not rounded: the result is an intermediate value; callers round the payment, not the average
    (rounding the average first is UNCONFIRMED either way). No day at all → 0."""
    if isinstance(earnings_by_month, dict) or isinstance(worked_days_by_month, dict):
        if not (isinstance(earnings_by_month, dict) and isinstance(worked_days_by_month, dict)) \
                or set(earnings_by_month) != set(worked_days_by_month):
            raise WorktimeError('earnings and days must be given for the same months')
        keys = sorted(earnings_by_month)
        earnings_by_month = [earnings_by_month[k] for k in keys]
        worked_days_by_month = [worked_days_by_month[k] for k in keys]
    earnings = [_dec(v, 'earnings') for v in earnings_by_month]
    days = [_dec(v, 'days') for v in worked_days_by_month]
    if len(earnings) != len(days):
        raise WorktimeError('earnings and days must be given for the same months')
    if any(v < 0 for v in earnings) or any(d < 0 for d in days):
        raise WorktimeError('earnings and days cannot be negative')
    total_days = sum(days, Decimal(0))
    if total_days == 0:
        return Decimal(0)
    return sum(earnings, Decimal(0)) / total_days


def vacation_pay(avg_daily, days):
    """Vacation pay = average daily earnings × vacation days, to the tiyn."""
    avg, days = _dec(avg_daily, 'avg_daily'), _dec(days, 'days')
    if avg < 0 or days < 0:
        raise WorktimeError('average earnings and days cannot be negative')
    return _round(avg * days)


def sick_pay(avg_daily, days, cap_monthly=None):
    """Employer's sick-leave benefit of one month = average daily earnings × sick days, to the tiyn, not above
    ``cap_monthly`` (25 МРП of the month, see the module notes) when a cap is given."""
    amount = vacation_pay(avg_daily, days)
    if cap_monthly is not None:
        cap = _dec(cap_monthly, 'cap_monthly')
        if cap < 0:
            raise WorktimeError('the cap cannot be negative')
        amount = min(amount, _round(cap))
    return amount
