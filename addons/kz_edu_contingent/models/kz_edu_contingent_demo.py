"""Demo contingent for the two demo schools of kz_edu_base: last year's classes with an opening balance, the
promotion orders at the end of last year (confirmed through the ORM, as a deputy director would), the admission
of the new first grade on 1 September, a few movements during the autumn, parents, social categories, allergies,
RFID cards and consents. People are found again by IIN (demo_people.demo_district is deterministic)."""
import random

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.kz_edu_base.bulk_sql import insert_rows
from odoo.addons.kz_edu_base import demo_people


class KzEduContingentDemo(models.AbstractModel):
    _name = 'kz.edu.contingent.demo'
    _description = 'Demo contingent generator'

    @api.model
    def populate(self):
        Demo = self.env['kz.edu.demo']
        year_start = Demo._academic_year_start()
        district = demo_people.demo_district(year_start)
        Year = self.env['kz.edu.academic.year']
        year_now, year_prev = Year.ensure_year(year_start), Year.ensure_year(year_start - 1)
        schools = [(self.env.ref('kz_edu_base.company_school1_demo'), district[1], 'АБВ', 'kk ru kk'.split()),
                   (self.env.ref('kz_edu_base.company_school2_demo'), district[2], 'АБВ', 'kk kk kk'.split())]
        for company, pop, letters, langs in schools:
            self._populate_school(company, pop, year_now, year_prev, dict(zip(letters, langs)))
        self._assign_demo_class_teacher()
        return True

    def _populate_school(self, company, pop, year_now, year_prev, lang_of_letter):
        Demo = self.env['kz.edu.demo']
        Class = self.env['kz.edu.class'].with_context(tracking_disable=True)
        grades = {g.sequence: g for g in self.env['kz.edu.grade'].search([])}
        rng = random.Random(company.id)
        self.env.cr.execute('SELECT kz_iin, id FROM res_partner WHERE kz_iin IS NOT NULL AND company_id = %s',
                            (company.id,))
        partner_of = dict(self.env.cr.fetchall())
        teachers = self.env['hr.employee'].search([('company_id', '=', company.id), ('job_id.name', '!=', False)])
        teachers = teachers.filtered(lambda e: e.job_id.with_context(lang='en_US').name in ('Мұғалім',))
        # classes of this year (24) and of last year (the same letters one grade lower)
        now_classes, prev_classes = {}, {}
        for i, (grade, letter) in enumerate(demo_people.CLASS_PLAN):
            vals = {'company_id': company.id, 'letter': letter, 'instruction_lang': lang_of_letter.get(letter, 'kk'),
                    'shift': '1' if grade <= 4 or grade >= 9 else '2', 'room': str(100 + i),
                    'class_teacher_id': teachers[i % len(teachers)].id if teachers else False}
            now_classes[grade, letter] = Class.create(dict(vals, academic_year_id=year_now.id,
                                                           grade_id=grades[grade].id))
            if grade >= 2:
                prev_classes[grade - 1, letter] = Class.create(dict(vals, academic_year_id=year_prev.id,
                                                                    grade_id=grades[grade - 1].id))
        # students: grades 2-11 enrolled last year one grade lower (opening balance), grade 1 applicants
        Student = self.env['kz.edu.student']
        seq = self.env['ir.sequence'].with_context(force_company=company.id)
        rows = []
        for s in pop['students']:
            prev = prev_classes.get((s['grade'] - 1, s['letter']))
            first_year = year_now.date_start[:4] if not prev else str(int(year_prev.date_start[:4]) - s['grade'] + 2)
            rows.append({
                'partner_id': partner_of[s['iin']], 'company_id': company.id,
                'student_number': seq.next_by_code('kz.edu.student'),
                'state': 'enrolled' if prev else 'applicant',
                'class_id': prev.id if prev else None,
                'academic_year_id': prev.academic_year_id.id if prev else None,
                'grade_id': prev.grade_id.id if prev else None,
                'instruction_lang': prev.instruction_lang if prev else None,
                'admission_date': ('%s-09-01' % first_year) if prev else None,
            })
        # last year's first graders were admitted on 1 September of last year by an order; the older students
        # are the opening balance of the system (their class history before last year is not in the database)
        newcomers = [r for r in rows if r['class_id'] and r['admission_date'] == year_prev.date_start]
        for r in newcomers:
            r.update(state='applicant', class_id=None, academic_year_id=None, grade_id=None, instruction_lang=None,
                     admission_date=None, _class=r['class_id'])
        student_ids = Demo.bulk_insert('kz.edu.student', [{k: v for k, v in r.items() if k != '_class'}
                                                           for r in rows])
        students = Student.browse(student_ids)
        Demo.bulk_insert('kz.edu.enrollment', [
            {'student_id': sid, 'class_id': r['class_id'], 'date_from': r['admission_date'],
             'company_id': company.id} for sid, r in zip(student_ids, rows) if r['class_id']])
        Order0 = self.env['kz.edu.movement.order'].with_context(tracking_disable=True, mail_create_nolog=True)
        Order0.create({
            'kind': 'admission', 'date': year_prev.date_start, 'company_id': company.id,
            'reason_id': self.env.ref('kz_edu_contingent.reason_in_first_grade').id,
            'line_ids': [(0, 0, {'student_id': sid, 'to_class_id': r['_class']})
                         for sid, r in zip(student_ids, rows) if r.get('_class')],
        }).action_confirm()
        # parents and legal representatives
        guardians = []
        for sid, s in zip(student_ids, pop['students']):
            for n, piin in enumerate(s['parents']):
                rel = 'mother' if n == 0 else 'father'
                guardians.append({'student_id': sid, 'partner_id': partner_of[piin], 'relation': rel,
                                  'is_legal_representative': True, 'notify_by': 'mail', 'sequence': 10 + n,
                                  'company_id': company.id})
        Demo.bulk_insert('kz.edu.guardian', guardians)
        self.env['res.partner']._kz_mark_family([r['partner_id'] for r in rows], [g['partner_id'] for g in guardians])
        # social categories (about 8 %) and allergies (about 5 %)
        cats = self.env['kz.edu.social.category'].search([])
        allergens = self.env['kz.edu.allergen'].search([])
        social = []
        # granted in the previous school year and extended to the end of this one, so the demo's last month has
        # them whatever the day the demo is built (in September, last month belongs to the previous school year)
        granted = fields.Date.to_string(fields.Date.from_string(year_now.date_start) - relativedelta(years=1))
        for sid in student_ids:
            if rng.random() < 0.08:
                social.append({'student_id': sid, 'category_id': rng.choice(cats).id,
                               'date_from': granted, 'date_to': year_now.date_end,
                               'document_ref': 'Анықтама № %d' % rng.randrange(100, 999), 'company_id': company.id})
        Demo.bulk_insert('kz.edu.student.social', social)
        insert_rows(self.env.cr, 'kz_edu_allergen_kz_edu_student_rel', ('kz_edu_student_id', 'kz_edu_allergen_id'),
                    [(sid, rng.choice(allergens).id) for sid in student_ids if rng.random() < 0.05])
        students.invalidate_cache()

        # end of last year: promotion orders, confirmed through the ORM (the real feature)
        Order = self.env['kz.edu.movement.order'].with_context(tracking_disable=True, mail_create_nolog=True)
        promotion_date = '%s-05-25' % year_now.date_start[:4]
        orders = Order.prepare_promotion(Class.browse([c.id for c in prev_classes.values()]), promotion_date)
        orders.action_confirm()
        # 1 September: admission of the first grade
        first = students.filtered(lambda s: s.state == 'applicant')
        by_iin = {p['iin']: p for p in pop['students']}
        Order.create({
            'kind': 'admission', 'date': year_now.date_start, 'company_id': company.id,
            'reason_id': self.env.ref('kz_edu_contingent.reason_in_first_grade').id,
            'line_ids': [(0, 0, {'student_id': s.id, 'to_class_id':
                                 now_classes[1, by_iin[s.kz_iin]['letter']].id}) for s in first.sudo()],
        }).action_confirm()
        # the autumn: a few departures and an internal transfer, only on dates already past
        today = fields.Date.context_today(self)
        y = int(year_now.date_start[:4])
        enrolled = students.filtered(lambda s: s.state == 'enrolled').sorted('id')
        movements = [
            ('%d-09-20' % y, 'departure', 'kz_edu_contingent.reason_out_district', 'Қаскелең қаласының № 3 мектебі'),
            ('%d-10-06' % y, 'departure', 'kz_edu_contingent.reason_out_abroad', 'Ресей Федерациясы, Омбы қ.'),
            ('%d-10-20' % y, 'departure', 'kz_edu_contingent.reason_out_tvet', 'Алматы политехникалық колледжі'),
            ('%d-11-10' % y, 'transfer', None, None),
        ]
        for n, (date, kind, reason, destination) in enumerate(movements):
            if date > today:
                continue
            st = enrolled[50 + 97 * n]
            vals = {'kind': kind, 'date': date, 'company_id': company.id,
                    'reason_id': reason and self.env.ref(reason).id}
            line = {'student_id': st.id, 'destination': destination}
            if kind == 'transfer':
                other = Class.search([('company_id', '=', company.id), ('academic_year_id', '=', year_now.id),
                                      ('grade_id', '=', st.grade_id.id), ('id', '!=', st.class_id.id)], limit=1)
                if not other:
                    continue
                line['to_class_id'] = other.id
            vals['line_ids'] = [(0, 0, line)]
            Order.create(vals).action_confirm()
        # RFID cards for every enrolled student (a few blocked), consents of the mothers
        enrolled = students.filtered(lambda s: s.state == 'enrolled')
        cards = [{'uid': '%08X' % rng.getrandbits(32), 'kind': 'rfid', 'student_id': s.id, 'state': 'active',
                  'issue_date': year_now.date_start, 'company_id': company.id} for s in enrolled]
        for c in cards[75::150]:   # a few lost cards (not the demo parent's child: index 0)
            c.update(state='blocked', block_date='%d-10-01' % y, block_reason='lost')
        Demo.bulk_insert('kz.edu.card', cards)
        consent_rows = []
        for g in guardians:
            if g['relation'] == 'mother' and rng.random() < 0.9:
                st_partner = Student.browse(g['student_id']).partner_id.id
                for purpose in ('card_entry', 'meals', 'notifications'):
                    consent_rows.append({'partner_id': st_partner, 'purpose': purpose, 'given_by_id': g['partner_id'],
                                         'date_given': year_now.date_start, 'state': 'active',
                                         'company_id': company.id})
        self.env.cr.execute('SELECT partner_id, purpose FROM kz_edu_consent')
        existing = set(self.env.cr.fetchall())
        Demo.bulk_insert('kz.edu.consent', [r for r in consent_rows
                                            if (r['partner_id'], r['purpose']) not in existing])

    def _assign_demo_class_teacher(self):
        """The demo user `class_teacher` leads 5 «А» of school No. 1 this year."""
        user = self.env['res.users'].search([('login', '=', 'class_teacher')], limit=1)
        employee = self.env['hr.employee'].search([('user_id', '=', user.id)], limit=1) if user else None
        if not employee:
            return
        year = self.env['kz.edu.academic.year'].for_date(fields.Date.context_today(self))
        cls = self.env['kz.edu.class'].search([
            ('company_id', '=', self.env.ref('kz_edu_base.company_school1_demo').id),
            ('academic_year_id', '=', year.id), ('grade_sequence', '=', 5), ('letter', '=', 'А')], limit=1)
        cls.class_teacher_id = employee
