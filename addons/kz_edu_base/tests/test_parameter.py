import datetime
import re
from decimal import Decimal

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import KzEduCase

D = datetime.date


class TestDatedParameter(KzEduCase):
    """The one dated-parameter store (issue #15): МРП and МЗП entered once, exact values, confirmed rows immutable,
    no two confirmed rows valid the same day, a school's own value, the lookup API, who keeps what."""

    @classmethod
    def setUpClass(cls):
        super(TestDatedParameter, cls).setUpClass()
        cls.Param = cls.env['kz.edu.parameter']
        cls.teacher = cls.make_user('kzparam_teacher', ['kz_edu_base.group_teacher'], cls.school_a)
        cls.chief = cls.make_user('kzparam_chief', ['kz_edu_base.group_chief_bookkeeper'], cls.school_a)
        cls.hr_officer = cls.make_user('kzparam_hr', ['kz_edu_base.group_hr_officer'], cls.school_a)
        cls.district = cls.make_user('kzparam_district', ['kz_edu_base.group_district'], cls.department,
                                     cls.department | cls.school_a | cls.school_b)

    def _new(self, user=None, **vals):
        values = dict({'code': 'TEST_RATE', 'name': 'Test rate', 'date_from': '2030-01-01', 'value': '0.035',
                       'unit': 'rate', 'source': 'Test act of 01.01.2030, art. 1'}, **vals)
        return (self.Param.sudo(user) if user else self.Param).create(values)

    def test_mrp_and_mzp_are_loaded_once_with_their_sources(self):
        mrp = self.Param.search([('code', '=', 'MRP'), ('date_from', '=', '2026-01-01')])
        self.assertEqual(len(mrp), 1)
        self.assertEqual((mrp.value, mrp.domain, mrp.state, mrp.company_id.id), ('4325', 'general', 'confirmed', False))
        self.assertIn('О республиканском бюджете на 2026-2028 годы', mrp.source)
        self.assertEqual(mrp.with_context(lang='ru_RU').name, 'МРП')
        self.assertEqual(mrp.with_context(lang='kk_KZ').name, 'АЕК')
        self.assertEqual(self.Param.search_count([('code', '=', 'MZP'), ('date_from', '=', '2026-01-01')]), 1)

    def test_an_update_brings_the_csv_source_and_status_to_rows_loaded_before(self):
        """A database loaded by an earlier CSV: the source and status of its rows follow the CSV on the update; a
        row whose value differs from the CSV's (typed in the screen) keeps its own."""
        mrp, mzp = (self.Param.search([('code', '=', code), ('date_from', '=', '2026-01-01'),
                                       ('company_id', '=', False)]) for code in ('MRP', 'MZP'))
        source = mrp.source
        self.env.cr.execute("UPDATE kz_edu_parameter SET source = 'old wording', source_status = 'UNCONFIRMED' "
                            "WHERE id = %s", [mrp.id])
        self.env.cr.execute("UPDATE kz_edu_parameter SET value = '85001', source = 'typed' WHERE id = %s", [mzp.id])
        self.Param.invalidate_cache()
        self.Param.load_csv('kz_edu_base', 'data/kz_edu_parameters.csv', 'general')
        self.assertEqual((mrp.source, mrp.source_status, mrp.value), (source, 'CONFIRMED', '4325'))
        self.assertEqual((mzp.source, mzp.value), ('typed', '85001'))
        self.assertEqual(self.Param.search_count([('code', 'in', ['MRP', 'MZP']), ('date_from', '=', '2026-01-01')]),
                         2)

    def test_lookup_gives_exact_decimals_for_one_date_and_a_batch(self):
        self.assertEqual(self.Param.get('MRP', '2026-09-01', False), Decimal('4325'))
        self.assertEqual(self.Param.get_many('MRP', ['2024-05-01', '2025-05-01', '2026-05-01'], False),
                         {D(2024, 5, 1): Decimal('3692'), D(2025, 5, 1): Decimal('3932'),
                          D(2026, 5, 1): Decimal('4325')})
        row = self._new(value='0.0350000000000000000001')
        row.action_confirm()
        self.assertEqual(self.Param.get('TEST_RATE', '2031-01-01', False), Decimal('0.0350000000000000000001'))

    def test_only_confirmed_rows_are_read(self):
        self._new()
        with self.assertRaisesRegex(UserError, 'No confirmed value of Test rate on 01.01.2031'):
            self.Param.get('TEST_RATE', '2031-01-01', False)

    def test_missing_value_is_refused_in_the_users_language(self):
        for lang, message in (('ru_RU', 'Нет подтверждённого значения МРП на 01.09.2027.'),
                              ('kk_KZ', 'АЕК: 01.09.2027 күнге бекітілген мән жоқ.'),
                              ('en_US', 'No confirmed value of MCI (monthly calculation index) on 01.09.2027.')):
            with self.assertRaises(UserError) as refused:
                self.Param.with_context(lang=lang).get('MRP', '2027-09-01', False)
            self.assertEqual(refused.exception.name, message)

    def test_two_confirmed_rows_of_a_code_never_valid_the_same_day(self):
        self._new(date_to='2030-12-31').action_confirm()
        later = self._new(date_from='2030-07-01', value='0.04')
        with self.assertRaisesRegex(ValidationError, 'TEST_RATE: the confirmed rows from 01.01.2030 and from '
                                                     '01.07.2030 are valid on the same day'), self.cr.savepoint():
            later.action_confirm()
        later.invalidate_cache()
        self.assertEqual(later.state, 'draft')
        # a draft may overlap (it is not read); the next period is fine; a school's own row is its own series
        self._new(date_from='2031-01-01', value='0.04').action_confirm()
        self._new(date_from='2030-07-01', value='0.05', company_id=self.school_a.id).action_confirm()

    def test_confirmed_row_changes_only_by_a_new_row(self):
        row = self._new()
        row.write({'value': '0.036'})                       # a draft is corrected freely
        row.action_confirm()
        for vals in ({'value': '0.04'}, {'date_from': '2029-01-01'}, {'code': 'OTHER'},
                     {'company_id': self.school_a.id}):
            with self.assertRaisesRegex(UserError, 'is confirmed: it is no longer changed or deleted'):
                row.write(vals)
        with self.assertRaisesRegex(UserError, 'is confirmed'):
            row.unlink()
        with self.assertRaisesRegex(UserError, 'only with its Confirm button'):
            row.write({'state': 'draft'})
        # the open row is closed once, when its successor comes; then its period is fixed too
        row.write({'date_to': '2030-12-31', 'source': row.source + ' (checked)'})
        self._new(date_from='2031-01-01', value='0.04').action_confirm()
        with self.assertRaisesRegex(UserError, 'is confirmed'):
            row.write({'date_to': '2031-06-30'})
        self.assertEqual(self.Param.get_many('TEST_RATE', ['2030-12-31', '2031-01-01'], False),
                         {D(2030, 12, 31): Decimal('0.036'), D(2031, 1, 1): Decimal('0.04')})
        # refused in the user's language
        with self.assertRaisesRegex(UserError, 'подтверждён'):
            row.with_context(lang='ru_RU').write({'value': '1'})

    def test_a_schools_own_value_wins_for_that_school_only(self):
        self._new().action_confirm()
        self._new(value='0.05', company_id=self.school_a.id, date_from='2030-03-01',
                  date_to='2030-05-31').action_confirm()
        self.assertEqual(self.Param.get('TEST_RATE', '2030-04-01', self.school_a), Decimal('0.05'))
        self.assertEqual(self.Param.get('TEST_RATE', '2030-06-01', self.school_a), Decimal('0.035'))
        self.assertEqual(self.Param.get('TEST_RATE', '2030-04-01', self.school_b), Decimal('0.035'))
        self.assertEqual(self.Param.sudo(self.chief).get('TEST_RATE', '2030-04-01'), Decimal('0.05'))  # own school

    def test_a_number_parameter_refuses_text_and_a_code_parameter_keeps_it(self):
        with self.assertRaisesRegex(ValidationError, 'must be a number'):
            self._new(value='0,035')
        row = self._new(code='TEST_FUND', value='LOC', unit='code')
        row.action_confirm()
        self.assertEqual(self.Param.get('TEST_FUND', '2030-01-01', False), 'LOC')

    def test_rights_everyone_reads_the_administrator_keeps_the_country_wide_indicators_SEC01(self):
        mrp = self.Param.search([('code', '=', 'MRP')], limit=1)
        # a teacher (and the district) read and search, create nothing, change nothing
        for user in (self.teacher, self.district):
            self.assertEqual(mrp.sudo(user).read(['value'])[0]['value'], mrp.value)
            self.assertIn(mrp, self.Param.sudo(user).search([('code', '=', 'MRP')]))
            self.assertEqual(self.Param.sudo(user).get('MRP', '2026-03-01'), Decimal('4325'))
            with self.assertRaises(AccessError):
                self._new(user)
            with self.assertRaises(AccessError):
                mrp.sudo(user).write({'source': 'x'})
        # the HR officer keeps the personnel terms, not МРП
        with self.assertRaises(AccessError):
            self._new(self.hr_officer, company_id=self.school_a.id)
        # a school's chief bookkeeper does not touch the country's rows: they are every school's payroll
        # and is told so up front, in her language, with the school she keeps
        for vals, text in (({'company_id': False}, 'Введите строку своей школы, %s' % self.school_a.name),
                           ({'company_id': self.school_b.id}, 'Вы ведёте параметры %s, а не %s'
                            % (self.school_a.name, self.school_b.name))):
            with self.assertRaisesRegex(AccessError, re.escape(text)), self.cr.savepoint():
                self.Param.sudo(self.chief).with_context(lang='ru_RU').create(dict(
                    code='MRP', name='МРП', date_from='2030-01-01', value='5000', unit='KZT', source='Закон', **vals))
        own_row = self._new(self.chief, code='TEST_OWN')
        with self.assertRaisesRegex(AccessError, 'мектебінің жолын енгізіңіз'), self.cr.savepoint():
            own_row.sudo(self.chief).with_context(lang='kk_KZ').write({'company_id': False})
        self.assertEqual(own_row.company_id, self.school_a)
        with self.assertRaises(AccessError):
            mrp.sudo(self.chief).write({'source': mrp.source + ' (checked)'})
        draft = self._new(code='MRP', date_from='2030-01-01', date_to='2030-12-31', value='5000', unit='KZT')
        with self.assertRaises(AccessError):
            draft.sudo(self.chief).action_confirm()
        self.assertEqual(draft.state, 'draft')
        # the administrator confirms next year's МРП; once confirmed, not even she edits it
        draft.action_confirm()
        self.assertEqual(draft.state, 'confirmed')
        with self.assertRaisesRegex(UserError, 'is confirmed'):
            draft.write({'value': '5001'})
        # the chief bookkeeper's new row is her school's (the form's default) and she confirms it
        own_rate = self._new(self.chief)
        self.assertEqual(own_rate.company_id, self.school_a)
        own_rate.sudo(self.chief).action_confirm()
        self.assertEqual(self.Param.sudo(self.chief).get('TEST_RATE', '2030-02-01'), Decimal('0.035'))
        with self.assertRaisesRegex(UserError, 'No confirmed value of Test rate'):
            self.Param.get('TEST_RATE', '2030-02-01', self.school_b)      # another school has no such rate
        # a school's own row is seen by that school only
        own = self._new(company_id=self.school_b.id)
        self.assertFalse(self.Param.sudo(self.teacher).search([('id', '=', own.id)]))
        with self.assertRaises(AccessError):
            own.sudo(self.teacher).read(['value'])
