"""The pure side of the one dated-parameter store (kz_parameters): reading the addons' CSV files, overlaps, a
school's own rows over the country's, and МРП / МЗП defined once for the whole suite."""
import datetime
import glob
import os
from decimal import Decimal

import pytest

import kz_parameters
from kz_parameters import ParameterError, company_view, number, read_csv, value_on

D = datetime.date
ADDONS = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HEADER = 'code,date_from,date_to,value,unit,source,status\n'


def _row(code, start, end, value, company=None):
    return {'code': code, 'date_from': start, 'date_to': end, 'value': value, 'unit': 'KZT', 'source': 's',
            'status': 'CONFIRMED', 'company_id': company}


def test_number_is_exact_and_refuses_floats_and_text():
    assert number('0.035') == Decimal('0.035')
    assert number(' 4325 ') == Decimal('4325')
    assert number(Decimal('1.10')) == Decimal('1.10')
    for bad in (0.1, True, None, '', 'LOC', 'NaN', 'Infinity'):
        with pytest.raises(ParameterError):
            number(bad)


def test_read_csv_reads_the_rows_and_refuses_what_is_wrong(tmp_path):
    path = tmp_path / 'p.csv'
    path.write_text(HEADER + 'MRP,2030-01-01,2030-12-31,5000,KZT,Budget law 2030,\n'
                    'LIST,2030-01-01,,"A,B",codes,an order,UNCONFIRMED\n', encoding='utf-8')
    rows = read_csv(str(path))
    assert rows[0] == {'code': 'MRP', 'date_from': D(2030, 1, 1), 'date_to': D(2030, 12, 31), 'value': '5000',
                       'unit': 'KZT', 'source': 'Budget law 2030', 'status': 'CONFIRMED', 'company_id': None}
    assert (rows[1]['value'], rows[1]['date_to'], rows[1]['status']) == ('A,B', None, 'UNCONFIRMED')
    assert [r['code'] for r in read_csv(str(path), codes=('LIST',))] == ['LIST']
    for line, message in (('MRP,2030-01-01,,5000,KZT,,', 'names no legal source'),
                          ('MRP,2030-01-01,,5 000.5.1,KZT,law,', 'not a number'),
                          ('MRP,2030-02-01,2030-01-01,5000,KZT,law,', 'ends'),
                          ('MRP,2030-01-01,,5000,KZT,law,MAYBE', 'CONFIRMED or UNCONFIRMED'),
                          (',2030-01-01,,5000,KZT,law,', 'no code')):
        path.write_text(HEADER + line + '\n', encoding='utf-8')
        with pytest.raises(ParameterError, match=message):
            read_csv(str(path))


def test_read_csv_refuses_two_rows_valid_the_same_day(tmp_path):
    path = tmp_path / 'p.csv'
    path.write_text(HEADER + 'MRP,2030-01-01,,5000,KZT,a,\nMRP,2030-06-01,,5100,KZT,b,\n', encoding='utf-8')
    with pytest.raises(ParameterError, match='parameter MRP: the rows from 2030-01-01 and from 2030-06-01 overlap'):
        read_csv(str(path))


def test_company_view_puts_the_schools_row_over_the_countrys_on_its_days_only():
    rows = [_row('RATE', D(2026, 1, 1), None, '1'), _row('RATE', D(2026, 3, 1), D(2026, 5, 31), '2', company=7),
            _row('RATE', D(2026, 1, 1), None, '3', company=8), _row('OTHER', D(2026, 1, 1), None, '9')]
    view = company_view(rows, 7)
    periods = sorted((r['date_from'], r['date_to'], r['value']) for r in view if r['code'] == 'RATE')
    assert periods == [(D(2026, 1, 1), D(2026, 2, 28), '1'), (D(2026, 3, 1), D(2026, 5, 31), '2'),
                       (D(2026, 6, 1), None, '1')]
    kz_parameters.check_overlaps(view)          # what any reader of dated rows can take
    assert value_on(rows, 'RATE', D(2026, 4, 1), 7)['value'] == '2'
    assert value_on(rows, 'RATE', D(2026, 7, 1), 7)['value'] == '1'
    assert value_on(rows, 'RATE', D(2026, 4, 1), 8)['value'] == '3'
    assert value_on(rows, 'RATE', D(2026, 4, 1), None)['value'] == '1'   # the country: no school's row
    assert value_on(rows, 'RATE', D(2025, 12, 31), 7) is None
    # a school's row covering the country's whole period leaves nothing of it
    assert [r['value'] for r in company_view([_row('X', D(2026, 2, 1), D(2026, 2, 28), '1'),
                                              _row('X', D(2026, 1, 1), None, '2', company=7)], 7)] == ['2']


def test_every_addon_parameter_file_reads_and_mrp_mzp_are_defined_once():
    """Every data/*parameters*.csv of the suite is a valid store file (source named, no overlap), a code lives in
    one file, and МРП / МЗП only in kz_edu_base's country-wide file (entered once for payroll and tariffication)."""
    files = sorted(glob.glob(os.path.join(ADDONS, 'kz_*', 'data', '*parameters.csv')))
    assert kz_parameters.SHARED_CSV in files and len(files) >= 4
    owner = {}
    for path in files:
        for row in read_csv(path):
            assert owner.setdefault(row['code'], path) == path, '%s in %s and %s' % (row['code'], owner[row['code']],
                                                                                      path)
    assert owner['MRP'] == owner['MZP'] == kz_parameters.SHARED_CSV
    shared = kz_parameters.shared_rows()
    assert {(r['code'], r['date_from'].year): r['value'] for r in shared if r['date_from'].year == 2026} == \
        {('MRP', 2026): '4325', ('MZP', 2026): '85000'}
    # the one value whose act was not read is marked so
    assert [(r['code'], r['date_from'].year) for r in shared if r['status'] == 'UNCONFIRMED'] == [('MRP', 2023)]


def test_every_parameter_of_the_suite_has_a_human_name_in_en_kk_and_ru():
    """The screens show a parameter by its name, not its code: every row of every data/*parameters.csv of the suite
    names it in English, Kazakh and Russian (load_csv writes the kk / ru translations), and every row of a code the
    same way."""
    files = sorted(glob.glob(os.path.join(ADDONS, 'kz_*', 'data', '*parameters.csv')))
    assert len(files) >= 6
    names = {}
    for path in files:
        for line, row in enumerate(read_csv(path), start=2):
            where = '%s line %d (%s)' % (os.path.relpath(path, ADDONS), line, row['code'])
            triple = tuple(row.get(key) for key in ('name', 'name_kk', 'name_ru'))
            assert all(triple), '%s: name, name_kk and name_ru are required, got %r' % (where, triple)
            assert row['code'] not in triple[1:], '%s: the kk / ru name is the bare code' % where
            assert names.setdefault(row['code'], triple) == triple, \
                '%s: named %r, another row of the code %r' % (where, triple, names[row['code']])
    # a Kazakh bookkeeper's words, not the code
    assert names['OPV_RATE'][1:] == ('МЗЖ мөлшерлемесі', 'Ставка ОПВ')
