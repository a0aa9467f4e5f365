# -*- coding: utf-8 -*-
"""Demo: the teachers' tariffication data and an approved tariffication list of school No. 1 for the current
academic year, computed from the demo teaching load (demo/kz_edu_curriculum_demo.xml); its approval sets the
teachers' contract wages from 1 September."""
import datetime
import logging
import random

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

#: qualification categories of the demo teachers, in turn (педагог-модератор … педагог-мастер, two without one)
DEMO_CATEGORIES = ('moderator', 'expert', 'teacher', 'researcher', 'moderator', 'expert', 'master', 'none')


class KzEduTariffDemo(models.AbstractModel):
    _name = 'kz.edu.tariff.demo'
    _description = 'Tariffication demo data'

    @api.model
    def populate(self):
        """Called from demo/kz_edu_tariff_demo.xml (noupdate: install only): the approved list, then the previous
        month is paid with the contracts the list set from 1 September (kz_payroll leaves its demo batch to this
        point when this addon is installed with it)."""
        self = self.with_context(lang=self.env['kz.payroll.demo']._kz_demo_lang('kz_edu_tariff').env.lang)
        self._populate_list()
        self.env['kz.payroll.demo'].kz_demo_batch()
        return True

    @api.model
    def _populate_list(self):
        school = self.env.ref('kz_edu_base.company_school1_demo')
        start = self.env['kz.edu.demo']._academic_year_start()
        year = self.env['kz.edu.academic.year'].search([('name', '=', '%d-%d' % (start, start + 1))], limit=1)
        TariffList = self.env['kz.edu.tariff.list']
        if not year or TariffList.search_count([('company_id', '=', school.id), ('academic_year_id', '=', year.id)]):
            return True
        summary = self.env['kz.edu.teaching.load'].kz_load_summary(school, year, on_date=year.date_start)
        if not summary:
            _logger.warning('demo: no teaching load for %s %s, no tariffication list', school.name, year.name)
            return True
        self._fill_teacher_data(self.env['hr.employee'].browse(sorted(summary)), year)
        tlist = TariffList.create({'company_id': school.id, 'academic_year_id': year.id,
                                   'date': year.date_start, 'kind': 'initial'})
        try:
            with self.env.cr.savepoint():
                tlist.action_compute()
        except UserError as exc:
            # e.g. a school year whose МРП is not entered yet (the budget law of the year is adopted in December):
            # the list stays a draft that says why, as it would for the school's bookkeeper
            _logger.warning('demo: tariffication list of %s not computed: %s', year.name, exc.name)
            tlist.note = exc.name
            return True
        director = self.env['res.users'].search([('login', '=', 'director'), ('company_id', '=', school.id)], limit=1)
        (tlist.sudo(director) if director else tlist).action_approve()
        return True

    @api.model
    def _fill_teacher_data(self, employees, year):
        """Education with diplomas, a category with its attestation date, the service start, a few duties — for the
        teachers of the load that have none (deterministic)."""
        rng = random.Random(20260901)
        year_start = fields.Date.from_string(year.date_start)
        Education = self.env['kz.hr.education']
        Qualification = self.env['kz.hr.qualification']
        Service = self.env['kz.edu.tariff.service']
        for index, employee in enumerate(employees.sudo()):
            service_years = rng.choice((1, 3, 4, 6, 8, 11, 12, 14, 18, 22, 27))
            began = year_start.replace(year=year_start.year - service_years) - datetime.timedelta(
                days=rng.randrange(0, 300))
            if not employee.kz_education_ids:
                level = 'tvet' if index % 9 == 4 else ('master' if index % 6 == 2 else 'bachelor')
                graduated = began - datetime.timedelta(days=rng.randrange(30, 90))
                Education.create({
                    'employee_id': employee.id, 'level': level,
                    'institution': 'Абай атындағы ҚазҰПУ' if level != 'tvet' else 'Алматы педагогикалық колледжі',
                    'specialty': 'Педагогика және әдістеме', 'year': graduated.year,
                    'diploma_number': '%s %07d' % ('ЖБ' if level == 'bachelor' else 'МД' if level == 'master'
                                                   else 'ТКБ', rng.randrange(1, 9999999)),
                    'diploma_date': fields.Date.to_string(graduated)})
            if not employee.kz_qualification_ids:
                category = DEMO_CATEGORIES[index % len(DEMO_CATEGORIES)]
                attested = year_start - datetime.timedelta(days=rng.randrange(30, 4 * 365))
                Qualification.create({
                    'employee_id': employee.id, 'category': category,
                    'attestation_date': fields.Date.to_string(max(attested, began)),
                    'order_reference': '№ %d-ж/қ' % rng.randrange(10, 300)})
            if not employee.kz_service_ids and not employee.kz_hire_date:
                Service.create({'employee_id': employee.id, 'date_from': fields.Date.to_string(began),
                                'organisation': employee.company_id.name})
            duties = {}
            if index % 4 == 1:
                duties['kz_tariff_cabinet'] = 'full'
            if index % 5 == 0:
                duties['kz_tariff_notebooks'] = 'flat'
            if index == 7:
                duties['kz_tariff_mentoring'] = True
            if duties:
                employee.write(duties)
        return True
