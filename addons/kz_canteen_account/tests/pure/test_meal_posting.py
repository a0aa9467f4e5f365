"""meal_posting: the canteen's funding codes on the ledger, exact sums per funding source, the entry's two items."""
from decimal import Decimal

import pytest

import meal_posting as pr

D = Decimal


def test_vseobuch_posts_to_the_local_budget_and_other_codes_to_themselves():
    assert pr.ledger_funding('VSEOBUCH') == 'LOC'
    assert pr.ledger_funding(' loc ') == 'LOC'
    assert pr.ledger_funding('REP') == 'REP'


def test_amounts_add_up_exactly_per_funding_source():
    rows = [('LOC', '0.10', 1, 1), ('LOC', '0.20', 2, 1), ('VSEOBUCH', D('1080.00'), 3, 1), ('LOC', 0.3, 1, 1)]
    out = pr.amounts_by_funding(rows)
    assert out['LOC'] == {'amount': D('0.60'), 'meals': 4, 'students': 3}
    assert out['VSEOBUCH']['amount'] == D('1080.00')


def test_a_funding_with_nothing_to_pay_is_dropped():
    assert pr.amounts_by_funding([('LOC', '0.00', 0, 0)]) == {}
    assert pr.amounts_by_funding([]) == {}


@pytest.mark.parametrize('row,code', [((None, '10.00'), 'no_funding'), (('LOC', '0.005'), 'bad_amount'),
                                      (('LOC', 'abc'), 'bad_amount'), (('LOC', None), 'bad_amount')])
def test_bad_rows_are_refused_with_a_code(row, code):
    with pytest.raises(pr.PostingError) as e:
        pr.amounts_by_funding([row])
    assert e.value.code == code


def test_the_entry_debits_food_expense_and_credits_the_supplier():
    assert pr.entry_lines(D('5378650.00')) == [('7030', D('5378650.00'), D('0.00')),
                                                ('3310', D('0.00'), D('5378650.00'))]
    with pytest.raises(pr.PostingError):
        pr.entry_lines(D('0'))
