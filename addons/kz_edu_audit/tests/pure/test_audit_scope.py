"""What the audit trail records (kz_edu_audit/audit_scope.py), without Odoo."""
import audit_scope as scope


def test_every_entry_is_money_or_personal_data_with_a_way_to_its_organisation():
    assert len({entry.model for entry in scope.SCOPE}) == len(scope.SCOPE)
    for entry in scope.SCOPE:
        assert entry.scope in scope.SCOPES, entry
        assert entry.company_path.endswith('company_id'), entry


def test_the_money_and_personal_data_the_brief_names_are_audited():
    money = {e.model for e in scope.SCOPE if e.scope == scope.MONEY}
    personal = {e.model for e in scope.SCOPE if e.scope == scope.PERSONAL}
    assert {'account.move', 'account.move.line', 'hr.payslip', 'hr.payslip.line', 'hr.contract',
            'kz.canteen.topup', 'kz.edu.tariff.list'} <= money
    assert {'hr.employee', 'kz.edu.student', 'kz.edu.guardian', 'res.partner', 'kz.edu.consent',
            'kz.edu.movement.order'} <= personal


def test_only_installed_models_get_a_rule():
    present = scope.entries_present(['res.partner', 'hr.employee', 'some.other.model'])
    assert [e.model for e in present] == ['hr.employee', 'res.partner']


def test_a_partner_logs_its_personal_fields_other_models_every_field_given():
    fields = scope.fields_to_log('res.partner', ['name', 'kz_iin', 'image', 'message_ids', 'phone', 'color'])
    assert fields == ['name', 'kz_iin', 'phone']
    assert scope.fields_to_log('hr.employee', ['name', 'kz_iin', 'birthday']) == ['name', 'kz_iin', 'birthday']
    assert scope.fields_to_log('x.unknown', ['a']) == ['a']
    assert scope.entry_for('x.unknown') is None


def test_lines_of_a_create_a_write_and_an_unlink():
    fields = ['name', 'kz_iin', 'phone', 'category_id']
    new = {'name': 'Ана', 'kz_iin': '880203400123', 'phone': False, 'category_id': []}
    assert scope.changed_lines('create', {}, new, fields) == [('name', None, 'Ана'), ('kz_iin', None, '880203400123')]
    old = dict(new)
    after = dict(new, phone='+77010000000', name='Ана')
    assert scope.changed_lines('write', old, after, fields) == [('phone', False, '+77010000000')]
    assert scope.changed_lines('unlink', old, {}, fields) == [('name', 'Ана', None), ('kz_iin', '880203400123', None)]


def test_payslip_lines_log_their_money_when_edited_or_deleted_not_when_computed():
    entry = scope.entry_for('hr.payslip.line')
    assert entry.operations == ('write', 'unlink')
    assert 'total' in entry.fields and 'amount' in entry.fields
    assert scope.entry_for('hr.payslip').operations == ('create', 'write', 'unlink')
