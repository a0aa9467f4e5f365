"""posting_rules: the payslip rules post on the standard entries of the chart of state institutions (annex 2 of
order No. 170), each line naming its entry, under the ЕБК of order No. 151; the social contributions follow the
law of the payroll's year (ACC-12)."""
from decimal import Decimal

import pytest

import posting_rules

D = Decimal
TOTALS = {'GROSS': D('300000.00'), 'OPV': D('30000.00'), 'VOSMS': D('6000.00'), 'IPN': D('13425.00'),
          'OPVR': D('10500.00'), 'SN': D('15840.00'), 'SO': D('13500.00'), 'OOSMS': D('9000.00'),
          'NET': D('250575.00')}


def by_entry(lines):
    out = {}
    for account, ebk, debit, credit, code, std in lines:
        out.setdefault((code, std), []).append((account, ebk, debit, credit))
    return out


def test_a_2026_payroll_of_the_teaching_staff():
    lines = by_entry(posting_rules.entry_lines(TOTALS, technical=False, on_date='2026-10-31'))
    assert lines[('GROSS', '243')] == [('7010', '111', D('300000.00'), D(0)), ('3241', '111', D(0), D('300000.00'))]
    assert lines[('OPV', '249')] == [('3241', '111', D('30000.00'), D(0)), ('3142', '111', D(0), D('30000.00'))]
    assert lines[('VOSMS', '270')][1] == ('3152', '111', D(0), D('6000.00'))
    assert lines[('IPN', '251')][1] == ('3121', '111', D(0), D('13425.00'))
    assert lines[('OPVR', '230')] == [('7032', '116', D('10500.00'), D(0)), ('3144', '116', D(0), D('10500.00'))]
    assert lines[('SN', '244')] == [('7040', '121', D('15840.00'), D(0)), ('3122', '121', D(0), D('15840.00'))]
    # 2026: the social tax is no longer reduced by the social contributions: their own expense, no entry 245
    assert lines[('SO', '')] == [('7040', '122', D('13500.00'), D(0)), ('3141', '122', D(0), D('13500.00'))]
    assert lines[('OOSMS', '268')] == [('7150', '124', D('9000.00'), D(0)), ('3151', '124', D(0), D('9000.00'))]
    assert not any(code == 'NET' for code, _std in lines)
    # what is left on 3241 is the net pay
    on_3241 = sum((l[3] - l[2] for l in posting_rules.entry_lines(TOTALS, on_date='2026-10-31') if l[0] == '3241'),
                  D(0))
    assert on_3241 == TOTALS['NET']


def test_a_2025_payroll_accrues_the_tax_before_the_reduction_and_moves_the_contributions():
    lines = by_entry(posting_rules.entry_lines(TOTALS, technical=True, on_date='2025-10-31'))
    assert lines[('SO', '244')] == [('7040', '135', D('13500.00'), D(0)), ('3122', '135', D(0), D('13500.00'))]
    assert lines[('SO', '245')] == [('3122', '135', D('13500.00'), D(0)), ('3141', '135', D(0), D('13500.00'))]
    assert lines[('GROSS', '243')][0] == ('7010', '131', D('300000.00'), D(0))
    assert {ebk for key, items in lines.items() if key[0] in ('OPVR', 'SN', 'SO', 'OOSMS')
            for _a, ebk, _d, _c in items} \
        == {'135'}


def test_zero_amounts_are_left_out_and_negative_ones_refused():
    assert posting_rules.entry_lines({'GROSS': D('0')}, on_date='2026-01-31') == []
    with pytest.raises(ValueError):
        posting_rules.entry_lines({'GROSS': D('-1')}, on_date='2026-01-31')
    with pytest.raises(ValueError):
        posting_rules.entry_lines(TOTALS)            # the date decides the entries


def test_accounts_and_specifics_needed():
    assert posting_rules.account_codes('2026-01-31') == ['3121', '3122', '3141', '3142', '3144', '3151', '3152',
                                                         '3241', '7010', '7032', '7040', '7150']
    assert posting_rules.ebk_codes() == ['111', '116', '121', '122', '124', '131', '135']
