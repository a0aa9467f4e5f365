# -*- coding: utf-8 -*-
"""The audit trail of money and personal data (SEC-01, SEC-02, LMS-18, ACC-18): the rules of audit_scope.py exist
for the installed models; a change records who, when, the values before and after (a deletion the values
deleted); the director of the organisation reads its trail, its chief bookkeeper the money part, nobody else
(teacher, another school's director), tested as those users (read, search, read_group, name_search, export);
nobody changes or deletes an entry."""
import datetime
from decimal import Decimal

from odoo.exceptions import AccessError, UserError

from odoo.addons.kz_edu_base.tests.common import KzEduCase

from .. import audit_scope


class TestAuditTrail(KzEduCase):

    @classmethod
    def setUpClass(cls):
        super(TestAuditTrail, cls).setUpClass()
        mk = cls.make_user
        cls.director_a = mk('audit_director_a', ['kz_edu_base.group_director'], cls.school_a)
        cls.chief_a = mk('audit_chief_a', ['kz_edu_base.group_chief_bookkeeper'], cls.school_a)
        cls.bookkeeper_a = mk('audit_bookkeeper_a', ['kz_edu_base.group_bookkeeper'], cls.school_a)
        cls.hr_a = mk('audit_hr_a', ['kz_edu_base.group_hr_officer'], cls.school_a)
        cls.teacher_a = mk('audit_teacher_a', ['kz_edu_base.group_teacher'], cls.school_a)
        cls.director_b = mk('audit_director_b', ['kz_edu_base.group_director'], cls.school_b)
        cls.rights_manager = mk('audit_rights_manager', ['base.group_erp_manager'], cls.school_a)
        cls.Log = cls.env['auditlog.log']

    def logs(self, record, method=None):
        domain = [('model_id.model', '=', record._name), ('res_id', '=', record.id)]
        return self.Log.search(domain + ([('method', '=', method)] if method else []))

    def values(self, log):
        return {line.field_id.name: (line.old_value_text, line.new_value_text) for line in log.line_ids}

    def assert_readers(self, logs, readers, others):
        """`readers` read, search, group, name_search and export `logs`; `others` find nothing and cannot read."""
        for user in readers:
            Log = self.Log.sudo(user)
            self.assertEqual(Log.search([('id', 'in', logs.ids)]), logs.sudo(user), user.login)
            self.assertTrue(logs.sudo(user).read(['name', 'method', 'line_ids']))
            self.assertTrue(logs.mapped('line_ids').sudo(user).read(['old_value_text', 'new_value_text']))
            groups = Log.read_group([('id', 'in', logs.ids)], ['method'], ['method'])
            self.assertEqual(sum(g['method_count'] for g in groups), len(logs), user.login)
            self.assertTrue(Log.name_search(logs[0].name, [('id', 'in', logs.ids)]), user.login)
            self.assertEqual(len(logs.sudo(user).export_data(['name', 'line_ids/new_value_text'])['datas']),
                             sum(max(len(log.line_ids), 1) for log in logs), user.login)
        for user in others:
            Log = self.Log.sudo(user)
            try:
                found = Log.search([('id', 'in', logs.ids)])
            except AccessError:
                found = Log.browse()
            self.assertFalse(found, user.login)
            with self.assertRaises(AccessError, msg=user.login):
                logs.sudo(user).read(['name'])
            with self.assertRaises(AccessError, msg=user.login):
                logs.mapped('line_ids').sudo(user).read(['new_value_text'])
            with self.assertRaises(AccessError, msg=user.login):
                logs.sudo(user).export_data(['name'])

    # ------------------------------------------------------------------------------------------------- rules
    def test_a_subscribed_rule_logs_every_installed_model_of_the_scope_SEC02(self):
        present = audit_scope.entries_present(self.env.registry.models)
        self.assertGreaterEqual(len(present), 8)
        rules = self.env['auditlog.rule'].search([('model_id.model', 'in', [e.model for e in present])])
        self.assertEqual(sorted(rules.mapped('model_id.model')), sorted(e.model for e in present))
        for rule in rules:
            ops = audit_scope.entry_for(rule.model_id.model).operations
            self.assertEqual((rule.state, rule.log_type, rule.log_create, rule.log_write, rule.log_unlink,
                              rule.log_read), ('subscribed', 'full', 'create' in ops, 'write' in ops,
                                               'unlink' in ops, False), rule.name)
            self.assertTrue(hasattr(type(self.env[rule.model_id.model]), 'auditlog_ruled_write'), rule.name)
        # calling the synchronisation again makes nothing
        self.assertFalse(self.env['auditlog.rule'].kz_sync_rules())

    def test_view_logs_is_in_the_action_menu_of_those_who_may_read_the_trail_only_SEC01(self):
        def bound(user):
            actions = self.env['ir.actions.actions'].sudo(user).get_bindings('hr.employee')['action']
            return [a['res_model'] for a in actions if a.get('res_model') == 'auditlog.log']
        self.assertEqual(bound(self.director_a), ['auditlog.log'])
        self.assertEqual(bound(self.chief_a), ['auditlog.log'])
        self.assertEqual(bound(self.teacher_a), [])
        self.assertEqual(bound(self.hr_a), [])

    # -------------------------------------------------------------------------------------- personal data
    def test_hr_officer_changing_an_iin_and_birthday_is_logged_and_read_by_the_director_only_SEC01(self):
        employee = self.env['hr.employee'].create({'name': 'Audit Employee', 'company_id': self.school_a.id,
                                                   'kz_iin': self.new_iin(datetime.date(1985, 3, 4), 'M'),
                                                   'birthday': '1985-03-04'})
        old_iin = employee.kz_iin
        new_iin = self.new_iin(datetime.date(1985, 4, 3), 'M')
        employee.sudo(self.hr_a).write({'kz_iin': new_iin, 'birthday': '1985-04-03'})
        log = self.logs(employee, 'write')
        self.assertEqual(len(log), 1)
        self.assertEqual((log.user_id, log.kz_company_id, log.kz_scope), (self.hr_a, self.school_a, 'personal'))
        values = self.values(log)
        self.assertEqual(values['kz_iin'], (old_iin, new_iin))
        self.assertEqual(values['birthday'], ('1985-03-04', '1985-04-03'))
        self.assertNotIn('name', values)                          # unchanged fields make no line
        create = self.logs(employee, 'create')
        self.assertEqual(self.values(create)['kz_iin'], (False, old_iin))
        self.assert_readers(log | create, readers=[self.director_a],
                            others=[self.chief_a, self.bookkeeper_a, self.teacher_a, self.hr_a, self.director_b])

    def test_a_deleted_person_keeps_the_deleted_values_in_the_trail_SEC01(self):
        partner = self.env['res.partner'].create({'name': 'Ата-ана Жойылатын', 'phone': '+77010000099',
                                                  'kz_iin': self.new_iin(datetime.date(1980, 1, 2)),
                                                  'company_id': self.school_a.id})
        iin, partner_id = partner.kz_iin, partner.id
        partner.unlink()
        log = self.Log.search([('model_id.model', '=', 'res.partner'), ('res_id', '=', partner_id),
                               ('method', '=', 'unlink')])
        self.assertEqual(len(log), 1)
        values = self.values(log)
        self.assertEqual(values['kz_iin'], (iin, False))
        self.assertEqual(values['phone'], ('+77010000099', False))
        self.assertNotIn('image', values)                          # images and technical fields are not logged
        self.assertEqual(log.kz_company_id, self.school_a)

    # ---------------------------------------------------------------------------------------------- money
    def _draft_entry(self, user):
        Chart = self.env['account.chart.template']
        Chart.kz_gov_load_for_companies(self.school_a)
        journal = Chart.kz_gov_journal(self.school_a, 'memorial')
        acc = {a.code: a for a in self.env['account.account'].search([('company_id', '=', self.school_a.id)])}
        ebk = self.env['kz.gov.ebk'].search([('code', '=', '151')])
        loc = self.env.ref('kz_gov_account.funding_LOC')

        def item(code, debit=0.0, credit=0.0):
            return (0, 0, {'account_id': acc[code].id, 'debit': debit, 'credit': credit, 'name': code,
                           'kz_ebk_id': ebk.id, 'kz_funding_id': loc.id})
        return self.env['account.move'].sudo(user).create({
            'journal_id': journal.id, 'date': '2026-10-31', 'ref': 'Audit test bill',
            'line_ids': [item('7050', debit=125000.5), item('3310', credit=125000.5)]})

    def test_bookkeepers_edit_of_an_entry_is_logged_and_read_by_director_and_chief_not_teacher_or_other_school_SEC02(
            self):
        if 'kz.gov.ebk' not in self.env:
            self.skipTest('kz_gov_account is not installed')
        move = self._draft_entry(self.bookkeeper_a)
        debit, credit = move.line_ids.sorted(lambda l: -l.debit)
        move.sudo(self.bookkeeper_a).write({'line_ids': [(1, debit.id, {'debit': 99000.25}),
                                                         (1, credit.id, {'credit': 99000.25})]})
        log = self.logs(debit, 'write')
        self.assertTrue(log)
        self.assertEqual(set(log.mapped('user_id')), {self.bookkeeper_a})
        self.assertEqual(set(log.mapped('kz_scope')), {'money'})
        self.assertEqual(set(log.mapped('kz_company_id')), {self.school_a})
        changes = [self.values(l)['debit'] for l in log if 'debit' in self.values(l)]
        self.assertIn(('125000.5', '99000.25'), changes)
        self.assertEqual(Decimal(changes[-1][1]), Decimal('99000.25'))
        logs = log | self.logs(move, 'create') | self.logs(credit, 'write')
        self.assert_readers(logs, readers=[self.director_a, self.chief_a],
                            others=[self.bookkeeper_a, self.teacher_a, self.hr_a, self.director_b])

    # -------------------------------------------------------------------------------------------- immutable
    def test_nobody_changes_or_deletes_the_trail_SEC02(self):
        partner = self.env['res.partner'].create({'name': 'Аудит', 'company_id': self.school_a.id})
        partner.write({'phone': '+77010000098'})
        log = self.logs(partner, 'write')
        self.assertTrue(log.line_ids)
        with self.assertRaises(AccessError):
            log.sudo(self.director_a).write({'name': 'changed'})
        with self.assertRaises(AccessError):
            log.sudo(self.director_a).unlink()
        # Odoo's "Access Rights" managers may manage auditlog's records, but not change the trail
        for action in (lambda: log.sudo(self.rights_manager).write({'name': 'changed'}),
                       lambda: log.sudo(self.rights_manager).unlink(),
                       lambda: log.line_ids.sudo(self.rights_manager).write({'new_value_text': 'x'}),
                       lambda: log.line_ids.sudo(self.rights_manager).unlink()):
            with self.assertRaises(UserError):
                action()
        self.assertEqual(self.values(log)['phone'], (False, '+77010000098'))
