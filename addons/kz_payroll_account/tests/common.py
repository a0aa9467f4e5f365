"""The shared fixture (KzEduCase) and the demo school No. 1, whose open contracts of both kinds (teacher and technical
staff) are what the posting tests pay (the shared schools have no staff), the month before the demo's payroll batch
with its unfinished payslips removed, and the school's HR officer made with make_user (login kzpost_hr)."""
from odoo.addons.kz_edu_base import demo_calendar
from odoo.addons.kz_edu_base.tests.common import KzEduCase


class PayrollPostingCase(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(PayrollPostingCase, cls).setUpClass()
        cls.school = cls.env.ref('kz_edu_base.company_school1_demo')
        technical = cls.env.ref('kz_payroll.hr_payroll_structure_kz_technical')
        contracts = cls.env['hr.contract'].search([('company_id', '=', cls.school.id), ('state', '=', 'open')])
        cls.tech_contract = contracts.filtered(lambda c: c.struct_id == technical)[:1]
        cls.teach_contract = contracts.filtered(lambda c: c.struct_id != technical)[:1]
        assert cls.tech_contract and cls.teach_contract, 'demo school needs contracts of both kinds'
        # a month without payslips: the one before the demo's payroll batch (demo calendar)
        year, month = demo_calendar.add_months(*cls.env['kz.payroll.demo'].demo_payroll_month(), count=-1)
        cls.date_from = '%d-%02d-01' % (year, month)
        cls.date_to = str(demo_calendar.month_end(year, month))
        cls.env['hr.payslip'].search([('company_id', '=', cls.school.id), ('date_from', '=', cls.date_from)]).filtered(
            lambda s: s.state != 'done').unlink()
        cls.hr = cls.make_user('kzpost_hr', ['kz_edu_base.group_hr_officer'], cls.school)

    def _slip(self, contract):
        slip = self.env['hr.payslip'].create({
            'name': 'Posting test', 'employee_id': contract.employee_id.id, 'contract_id': contract.id,
            'struct_id': contract.struct_id.id, 'company_id': self.school.id,
            'date_from': self.date_from, 'date_to': self.date_to})
        slip.compute_sheet()
        return slip
