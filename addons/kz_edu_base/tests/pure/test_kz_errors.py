"""kz_errors: the one coded error of the rule modules (code, English template, parameters), and every template a
rule module declares translated in kk and ru (issue #15)."""
import datetime
import doctest
import glob
import importlib.util
import io
import os
import re
from decimal import Decimal

import pytest
from babel.messages import pofile
from babel.messages.extract import extract_python

import kz_errors
from kz_errors import KzError, format_param, make_error, render

ADDONS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
NBSP = '\u00a0'


class StockError(KzError, LookupError):
    pass


def test_doctests():
    assert doctest.testmod(kz_errors).failed == 0


def test_the_marker_returns_the_template():
    # (the templates of these tests are plain strings: Odoo's extractor reads every .py file of an addon, its tests
    # too, and would ask translators for them)
    mark = kz_errors._
    assert mark('no parameter') == 'no parameter'


def test_code_params_and_english_text():
    err = StockError('missing_parameter', 'no parameter %(codes)s for %(date)s', codes=['MRP', 'MZP'],
                     date=datetime.date(2027, 9, 1))
    assert err.code == 'missing_parameter'
    assert err.template == 'no parameter %(codes)s for %(date)s'
    assert err.params == {'codes': ['MRP', 'MZP'], 'date': datetime.date(2027, 9, 1)}
    assert str(err) == err.message == 'no parameter MRP, MZP for 2027-09-01'
    assert err.details is err.params
    assert isinstance(err, LookupError) and isinstance(err, KzError)    # the builtin base a caller catches stays


def test_old_form_is_an_english_text_with_the_class_code():
    err = StockError('the row has no code')
    assert (err.code, err.template, err.params, str(err)) == ('error', 'the row has no code', {}, 'the row has no code')


def test_without_parameters_a_percent_sign_is_not_a_placeholder():
    assert str(KzError('rate', 'the rate is above 100 %')) == 'the rate is above 100 %'


def test_an_old_style_text_with_details_and_a_percent_sign_is_kept_as_it_is():
    err = KzError('invalid_menu', 'dish Milk 3.2% on menu 4 has price 0.00', dish=7)
    assert (str(err), err.params) == ('dish Milk 3.2% on menu 4 has price 0.00', {'dish': 7})


def test_rendered_for_a_language_dates_and_amounts_as_the_user_reads_them():
    params = {'amount': Decimal('250000'), 'date': datetime.date(2027, 9, 1), 'hours': '24.5', 'n': 3}
    template = '%(amount)s ₸ on %(date)s, %(hours)s h, %(n)s'
    assert render(template, params, 'kk_KZ') == '250%s000,00 ₸ on 01.09.2027, 24.5 h, 3' % NBSP
    assert render(template, params, 'en_US') == '250,000.00 ₸ on 01.09.2027, 24.5 h, 3'
    assert render(template, params) == '250000 ₸ on 2027-09-01, 24.5 h, 3'
    assert format_param(datetime.datetime(2027, 9, 1, 8, 15), 'ru_RU') == '01.09.2027'
    assert str(KzError('bad_mark', '%(n)d marks, got %(mark)r', n=5, mark='x')) == "5 marks, got 'x'"


def test_make_error_gives_a_coded_error_to_a_class_and_the_text_to_any_other_callable():
    err = make_error(StockError, 'not_a_date', '%(what)s must be a date (YYYY-MM-DD), got %(value)s',
                     what='date', value="'x'")
    assert isinstance(err, StockError) and err.code == 'not_a_date' and err.params['what'] == 'date'
    plain = make_error(ValueError, 'not_a_date', '%(what)s is wrong', what='date')
    assert type(plain) is ValueError and str(plain) == 'date is wrong'


def test_a_kz_error_of_the_other_import_path_is_recognised():
    """Inside Odoo the file is odoo.addons.kz_edu_base.kz_errors; where the addon folders are on sys.path a rule
    module imports it as kz_errors: both classes are KzError for make_error and the ORM's user_errors."""
    spec = importlib.util.spec_from_file_location('odoo.addons.kz_edu_base.kz_errors', kz_errors.__file__)
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)

    class OtherError(other.KzError, ValueError):
        pass

    assert kz_errors.is_kz_error_class(OtherError) and other.is_kz_error_class(StockError)
    assert not kz_errors.is_kz_error_class(ValueError) and not kz_errors.is_kz_error_class(len)
    err = make_error(OtherError, 'not_a_date', '%(what)s is wrong', what='date')
    assert type(err) is OtherError and err.code == 'not_a_date'


def test_the_base_helpers_raise_the_callers_coded_error():
    from kz_dates import to_date
    from kz_money import money
    with pytest.raises(StockError) as caught:
        money('0.005', 'price', error=StockError, exact=True)
    assert caught.value.code == 'fraction_of_tiyn' and str(caught.value) == '0.005 is not a whole number of tiyn'
    with pytest.raises(StockError) as caught:
        to_date('tomorrow', 'date_from', StockError)
    assert caught.value.code == 'not_a_date' and caught.value.params == {'what': 'date_from', 'value': "'tomorrow'"}


def test_rule_modules_errors_are_kz_errors_with_their_old_bases():
    import gov_entries
    import kz_tax
    import canteen_rules
    assert issubclass(kz_tax.PayrollError, KzError) and issubclass(kz_tax.PayrollError, ValueError)
    assert issubclass(gov_entries.EntryError, KzError) and issubclass(gov_entries.EntryError, LookupError)
    refused = canteen_rules.SaleRefused('empty_order', 'the order has no dishes')
    assert (refused.code, refused.message) == ('empty_order', 'the order has no dishes')


# ------------------------------------------------------------------------------ every template is translated

PLACEHOLDER = re.compile(r'%\((\w+)\)s')


def declared_templates():
    """[(addon, file:line, template)] of the '...' calls in the pure modules that use kz_errors: what Odoo's
    extractor puts in the addon's .pot."""
    out = []
    for path in sorted(glob.glob(os.path.join(ADDONS, 'kz_*', '*.py'))):
        with open(path, 'rb') as f:
            source = f.read()
        if b'kz_errors import' not in source and not path.endswith('kz_errors.py'):
            continue
        addon = os.path.basename(os.path.dirname(path))
        for lineno, _func, message, _comments in extract_python(io.BytesIO(source), ['_'], [], {}):
            out.append((addon, '%s:%d' % (os.path.basename(path), lineno), message))
    return out


def catalog(addon, lang):
    with open(os.path.join(ADDONS, addon, 'i18n', '%s.po' % lang), 'rb') as f:
        return {m.id: m.string for m in pofile.read_po(f) if m.id and not m.fuzzy}


def test_the_rule_modules_declare_templates():
    addons = {addon for addon, _where, _t in declared_templates()}
    assert {'kz_edu_base', 'kz_payroll', 'kz_edu_tariff', 'kz_canteen', 'kz_gov_account'} <= addons


@pytest.mark.parametrize('lang', ['kk', 'ru'])
def test_every_template_of_the_rule_modules_is_translated_with_the_same_placeholders(lang):
    missing, wrong = [], []
    catalogs = {}
    for addon, where, template in declared_templates():
        if addon not in catalogs:
            catalogs[addon] = catalog(addon, lang)
        translation = catalogs[addon].get(template)
        if not translation or translation == template:
            missing.append('%s/%s %r' % (addon, where, template))
        elif sorted(PLACEHOLDER.findall(translation)) != sorted(PLACEHOLDER.findall(template)):
            wrong.append('%s/%s %r -> %r' % (addon, where, template, translation))
    assert not missing, 'not translated in %s.po:\n%s' % (lang, '\n'.join(missing))
    assert not wrong, 'placeholders differ in %s.po:\n%s' % (lang, '\n'.join(wrong))
