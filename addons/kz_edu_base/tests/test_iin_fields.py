import datetime

from odoo.exceptions import ValidationError

from .common import KzEduCase


class TestIinFields(KzEduCase):

    def test_birth_date_and_sex_read_from_iin(self):
        iin = self.new_iin(datetime.date(2009, 12, 31), 'M')
        p = self.env['res.partner'].create({'name': 'X', 'kz_iin': iin})
        self.assertEqual(p.kz_iin_birth_date, '2009-12-31')
        self.assertEqual(p.kz_iin_sex, 'M')

    def test_spaces_in_typed_iin_are_removed(self):
        iin = self.new_iin()
        p = self.env['res.partner'].create({'name': 'X', 'kz_iin': ' %s %s ' % (iin[:6], iin[6:])})
        self.assertEqual(p.kz_iin, iin)

    def test_malformed_iin_refused_with_reason(self):
        good = self.new_iin()
        bad_check = good[:11] + str((int(good[11]) + 1) % 10)
        cases = {
            '12345': '12',
            'abcdefabcdef': '12',
            '991332300012': 'birth date',      # month 13
            '140517900015': '7th digit',       # century digit 9
            bad_check: 'check digit',
        }
        for value, needle in cases.items():
            with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
                self.env['res.partner'].create({'name': 'Bad', 'kz_iin': value})
            self.assertIn(value, ctx.exception.name)
            self.assertIn(needle, ctx.exception.name)

    def test_iin_error_is_translated_to_kazakh_and_russian_SEC04(self):
        for lang, word in (('kk_KZ', 'ЖСН'), ('ru_RU', 'ИИН')):
            with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
                self.env['res.partner'].with_context(lang=lang).create({'name': 'Bad', 'kz_iin': '12345'})
            self.assertIn(word, ctx.exception.name, lang)

    def test_duplicate_iin_refused_even_across_schools(self):
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.env['res.partner'].create({'name': 'Copy', 'kz_iin': self.student_a.kz_iin,
                                            'company_id': self.school_b.id})
        self.assertIn(self.student_a.kz_iin, ctx.exception.name)
        # the message does not reveal the other school's person
        self.assertNotIn(self.student_a.name, ctx.exception.name)

    def test_duplicate_iin_of_archived_person_refused(self):
        self.student_b.active = False
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env['res.partner'].create({'name': 'Copy', 'kz_iin': self.student_b.kz_iin})

    def test_organisation_has_bin_not_iin(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env['res.partner'].create({'name': 'Org', 'is_company': True, 'kz_iin': self.new_iin()})

    def test_bin_validated(self):
        from .. import iin as iin_rules
        good = iin_rules.make_bin(2005, 4, 1234)
        org = self.env['res.partner'].create({'name': 'Org', 'is_company': True, 'kz_bin': good})
        self.assertEqual(org.kz_bin, good)
        for bad in ('05044001234', good[:11] + str((int(good[11]) + 1) % 10), '051340012343'):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                org.kz_bin = bad

    def test_employee_iin_validated_and_unique(self):
        iin = self.new_iin(datetime.date(1980, 1, 1), 'F')
        Employee = self.env['hr.employee']
        emp = Employee.create({'name': 'Teacher', 'kz_iin': iin})
        self.assertEqual(emp.kz_iin_birth_date, '1980-01-01')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Employee.create({'name': 'Teacher 2', 'kz_iin': iin})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Employee.create({'name': 'Teacher 3', 'kz_iin': '800101400000'})
