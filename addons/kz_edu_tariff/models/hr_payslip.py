# -*- coding: utf-8 -*-
"""A month with two contracts (the tariffication changes the wage from a date inside the month): one payslip, the
worked days of each contract counted inside its own dates, BASIC = Σ wage of the contract × its worked days / the
month's norm. Without this, Odoo's worked days count the whole period once per contract and kz_payroll would pay
one contract's wage for the whole month. Only contracts that follow each other are handled so; two contracts
running at the same time (two posts) are left to kz_payroll as before."""
from decimal import Decimal

from odoo import api, models

from odoo.addons.kz_payroll import kz_worktime


class HrPayslip(models.Model):
    _inherit = 'hr.payslip'

    @api.model
    def get_worked_day_lines(self, contracts, date_from, date_to):
        """Worked days and leaves of each contract between its own start and end inside the period (stock Odoo 11
        counts the whole period for every contract)."""
        result = []
        for contract in contracts:
            start = max(date_from, contract.date_start) if contract.date_start else date_from
            end = min(date_to, contract.date_end) if contract.date_end else date_to
            if start > end:
                continue
            result += super(HrPayslip, self).get_worked_day_lines(contract, start, end)
        return result

    def _kz_accruals(self, slip, wage, kinds, history, parameters):
        """``slip`` is the payslip's SlipFacts (its worked-days lines with their contract); the contracts are read
        only for a payslip whose lines name two of them."""
        result = super(HrPayslip, self)._kz_accruals(slip, wage, kinds, history, parameters)
        contract_ids = {line.contract_id for line in slip.worked_days if line.contract_id}
        if len(contract_ids) < 2:
            return result
        contracts = self.env['hr.contract'].browse(sorted(contract_ids)).sorted('date_start')
        for before, after in zip(contracts, contracts[1:]):
            if not before.date_end or before.date_end >= after.date_start:
                return result   # concurrent contracts (two posts at once): not a change of wage, left as it was
        norm = Decimal(0)
        worked = {contract.id: Decimal(0) for contract in contracts}
        for line in slip.worked_days:
            days = Decimal(repr(line.number_of_days or 0.0))
            norm += days
            kind = 'work' if line.code == 'WORK100' else kinds.get(line.code)
            if kind not in ('vacation', 'sick', 'unpaid') and line.contract_id:
                worked[line.contract_id] += days
        result['BASIC'] = sum((kz_worktime.pay_for_worked_time(Decimal(repr(contract.wage or 0.0)), norm,
                                                               worked[contract.id]) for contract in contracts),
                              Decimal('0.00'))
        return result
