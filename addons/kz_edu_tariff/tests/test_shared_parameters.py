"""МРП and МЗП are entered once, in the suite's one dated-parameter store, and payroll and tariffication both read
that row (issue #15); each capability's screen shows the store filtered to its domain."""
from decimal import Decimal

from odoo.exceptions import AccessError
from odoo.modules.module import get_module_resource
from odoo.tools.safe_eval import safe_eval

from odoo.addons.kz_edu_base import kz_parameters
from odoo.addons.kz_edu_tariff import tariff
from odoo.addons.kz_edu_tariff.models.kz_edu_tariff import TARIFF_DOMAINS
from odoo.addons.kz_payroll import kz_tax
from odoo.addons.kz_payroll.models.kz_payroll_core import PARAMETER_DOMAINS

from .common import TariffCase


class TestSharedParameters(TariffCase):

    @classmethod
    def setUpClass(cls):
        super(TestSharedParameters, cls).setUpClass()
        cls.Param = cls.env['kz.edu.parameter']
        cls.school = cls.school_a       # its chief bookkeeper, HR officer and teacher (TariffCase)
        cls.hr_officer, cls.teacher = cls.hr, cls.teacher_user

    def _enter(self, user, code, value, domain='general', date_from='2031-01-01', date_to='2031-12-31', unit='KZT'):
        row = (self.Param.sudo(user) if user else self.Param).create({
            'code': code, 'name': code, 'date_from': date_from, 'date_to': date_to, 'value': value, 'unit': unit,
            'domain': domain, 'source': 'Hypothetical budget law for 2031 (test only)'})
        row.action_confirm()
        return row

    def test_one_mrp_entered_once_is_read_by_payroll_and_tariffication(self):
        # the country's indicators are the administrator's (a school's chief bookkeeper keeps her school's rows)
        self._enter(None, 'MRP', '5000')
        self._enter(None, 'MZP', '90000')
        # payroll: the rows the batch reads (kz_payroll_core: one query a batch), the 30 МРП basic deduction
        payroll_rows = self.Param.rows_for(PARAMETER_DOMAINS, self.school)
        pay = kz_tax.compute_payroll(300000, '2031-01-31', parameters=payroll_rows)
        self.assertEqual(pay['parameters']['MRP'], Decimal('5000'))
        self.assertEqual(pay['deduction'], Decimal('150000.00'))
        # tariffication: the rows the list reads (kz_edu_tariff_list), the master's degree supplement of 10 МРП
        tariff_rows = self.Param.rows_for(TARIFF_DOMAINS, self.school)
        self.assertEqual(tariff.parameter('MRP', '2031-01-31', tariff_rows), Decimal('5000'))
        line = tariff.teacher_pay(Decimal('17697'), Decimal('1'), Decimal('2'), 16, 16, None, on_date='2031-01-31',
                                  parameters=tariff_rows, master_degree=True)
        self.assertEqual(line['master_degree_supplement'], Decimal('50000.00'))
        # and МРП is one row: neither capability has a copy of it
        self.assertEqual(set(self.Param.search([('code', '=', 'MRP')]).mapped('domain')), {'general'})

    def test_each_screen_shows_the_store_filtered_to_its_domain(self):
        def codes(xmlid):
            action = self.env.ref(xmlid)
            return set(self.Param.search(safe_eval(action.domain)).mapped('code'))
        hr = codes('kz_payroll.kz_payroll_parameter_action')
        self.assertTrue({'MRP', 'MZP', 'OPV_RATE', 'ATTESTATION_VALIDITY_YEARS'} <= hr)
        self.assertNotIn('BDO', hr)
        self.assertEqual(codes('kz_hr.kz_hr_personnel_parameter_action'),
                         {'ATTESTATION_VALIDITY_YEARS', 'TRAINING_PERIOD_YEARS'})
        tariffication = codes('kz_edu_tariff.action_kz_edu_tariff_parameter')
        self.assertTrue({'MRP', 'BDO', 'NORM_WEEKLY_HOURS'} <= tariffication)
        self.assertNotIn('OPV_RATE', tariffication)

    def test_hr_officer_keeps_the_personnel_terms_not_the_payroll_rates(self):
        # the country's term is the administrator's: the HR officer does not close it
        current = self.Param.search([('code', '=', 'ATTESTATION_VALIDITY_YEARS'), ('state', '=', 'confirmed'),
                                     ('date_to', '=', False), ('company_id', '=', False)])
        self.assertEqual(len(current), 1)
        with self.assertRaises(AccessError):
            current.sudo(self.hr_officer).write({'date_to': '2039-12-31'})
        # her school's own term: entered and confirmed by her, read by her school only
        row = self._enter(self.hr_officer, 'ATTESTATION_VALIDITY_YEARS', '4', domain='personnel',
                          date_from='2040-01-01', date_to=False, unit='years')
        self.assertEqual((row.state, row.company_id), ('confirmed', self.school))
        self.assertEqual(self.Param.sudo(self.hr_officer).get('ATTESTATION_VALIDITY_YEARS', '2040-02-01'),
                         Decimal('4'))
        self.assertEqual(self.Param.get('ATTESTATION_VALIDITY_YEARS', '2040-02-01', False), Decimal(current.value))
        for user in (self.hr_officer, self.teacher):
            with self.assertRaises(AccessError):
                self._enter(user, 'OPV_RATE', '0.11', domain='payroll', date_from='2040-01-01', date_to=False,
                            unit='rate')
        with self.assertRaises(AccessError):
            self._enter(self.chief, 'TRAINING_PERIOD_YEARS', '2', domain='personnel', date_from='2040-01-01',
                        date_to=False, unit='years')

    def test_each_capabilitys_parameters_are_named_in_kazakh_and_russian(self):
        # the screens show a parameter by its name: the kk / ru names of the addons' CSV files, written by load_csv
        # (the canteen and the assessment rules are not this addon's dependencies: checked where they are installed,
        # as in the suite's test database)
        installed = set(self.env['ir.module.module'].sudo().search([('state', '=', 'installed')]).mapped('name'))
        missing = []
        for module, path, code in (('kz_payroll', 'data/kz_payroll_parameters.csv', 'OPV_RATE'),
                                   ('kz_edu_tariff', 'data/kz_tariff_parameters.csv', 'BDO'),
                                   ('kz_canteen', 'data/kz_canteen_parameters.csv', 'TOPUP_MAX'),
                                   ('kz_edu_learning', 'data/kz_assessment_parameters.csv', 'SOR_WEIGHT')):
            if module not in installed:
                missing.append(module)
                continue
            named = kz_parameters.read_csv(get_module_resource(module, *path.split('/')), codes=(code,))[0]
            rows = self.Param.search([('code', '=', code), ('company_id', '=', False), ('state', '=', 'confirmed')])
            self.assertTrue(rows, code)
            for lang, key in (('kk_KZ', 'name_kk'), ('ru_RU', 'name_ru'), ('en_US', 'name')):
                self.assertEqual(set(rows.with_context(lang=lang).mapped('name')), {named[key]}, (code, lang))
            self.assertNotIn(code, (named['name_kk'], named['name_ru']))
        opv = self.Param.search([('code', '=', 'OPV_RATE'), ('company_id', '=', False)], limit=1)
        self.assertEqual(opv.with_context(lang='ru_RU').name, 'Ставка ОПВ')
        self.assertEqual(opv.with_context(lang='kk_KZ').name, 'МЗЖ мөлшерлемесі')
        if missing:
            self.skipTest('not installed, their names not checked: %s' % ', '.join(missing))
