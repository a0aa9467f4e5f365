"""meal_posting: the canteen's funding codes on the ledger, exact sums per funding source, the entry's items on the
standard entries of the chart for a caterer and for a school with cooks, the ЕБК of order No. 151."""
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


def test_a_caterer_is_a_service_entry_234_on_specific_159():
    amount = D('5378650.00')
    assert pr.entry_lines(amount, 'catering', 'LOC') == [('7080', amount, D('0.00'), '159', '234'),
                                                          ('3210', D('0.00'), amount, '159', '234')]
    assert [line[3] for line in pr.entry_lines(amount, 'catering', 'VSEOBUCH')] == ['163', '163']
    with pytest.raises(pr.PostingError):
        pr.entry_lines(D('0'))


def test_a_school_with_cooks_buys_the_food_and_uses_it_entries_121_and_135_on_specific_141():
    amount = D('100.00')
    assert pr.entry_lines(amount, 'cooks', 'LOC') == [
        ('1314', amount, D('0.00'), '141', '121'), ('3210', D('0.00'), amount, '141', '121'),
        ('7060', amount, D('0.00'), '141', '135'), ('1314', D('0.00'), amount, '141', '135')]
    assert pr.ebk_code('cooks', 'VSEOBUCH') == '163' and pr.ebk_code('catering', 'LOC') == '159'
    assert pr.payable_account('cooks') == pr.payable_account('catering') == '3210'
    assert pr.account_codes() == ['1314', '3210', '7060', '7080']
    with pytest.raises(pr.PostingError) as e:
        pr.entry_lines(amount, 'cafeteria')
    assert e.value.code == 'bad_mode'
