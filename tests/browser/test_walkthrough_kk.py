"""A walk through the demo school per role, in Kazakh, in headless Chromium (issue #13): each demo user logs in,
opens the screen of their main job and a document of it; every screen must show no server error or warning dialog,
no JavaScript error, none of the English or Russian words of the watch list (kzbrowser.WATCH_EN, WATCH_RU), no year
printed «2 026» and no ISO date in a title.

Skipped unless KZ_TEST_URL is set (scripts/test serves the freshly built demo database and sets it). Screenshots of
a failed step go to the test's tmp_path."""
import os
import xmlrpc.client

import pytest

from kzbrowser import Browser

URL = os.environ.get('KZ_TEST_URL')
DB = os.environ.get('KZ_TEST_DB', 'kz_edu_test')
pytestmark = pytest.mark.skipif(not URL, reason='needs a running Odoo (scripts/test sets KZ_TEST_URL)')


def rpc(login, model, method, *args, **kw):
    uid = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common').authenticate(DB, login, login, {})
    assert uid, 'cannot log in as %s' % login
    return xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object', allow_none=True).execute_kw(
        DB, uid, login, model, method, list(args), kw)


def ref(xmlid):
    return rpc('admin', 'ir.model.data', 'xmlid_to_res_id', xmlid)


#: role → its main job: [(what, action xml id, open the first record of the list too)]
JOBS = {
    'director': [('students', 'kz_edu_contingent.kz_edu_student_action', True),
                 ('movement orders', 'kz_edu_contingent.kz_edu_movement_order_action', True),
                 ('tariffication list', 'kz_edu_tariff.action_kz_edu_tariff_list', True)],
    'deputy': [('classes', 'kz_edu_contingent.kz_edu_class_action', True),
               ('attendance today', 'kz_edu_access.kz_edu_class_action_attendance_today', False),
               ('assessment rules (dated parameters)', 'kz_edu_learning.kz_edu_assessment_parameter_action', True),
               ('notifications to parents', 'kz_edu_base.kz_edu_notification_action', False)],
    'chief_bookkeeper': [('financing plans', 'kz_gov_account.action_kz_gov_finplan', True),
                         ('journal entries', 'kz_gov_account.action_kz_gov_move', True),
                         ('payroll parameters', 'kz_payroll.kz_payroll_parameter_action', True),
                         ('tariffication parameters', 'kz_edu_tariff.action_kz_edu_tariff_parameter', True)],
    'bookkeeper': [('obligations', 'kz_gov_account.action_kz_gov_obligation', True),
                   ('vendor bills', 'account.action_invoice_tree2', False),
                   ('payslip batches', 'hr_payroll.action_hr_payslip_run_tree', True)],
    'hr': [('employees', 'hr.open_view_employee_list_my', True),
           ('contracts', 'hr_contract.action_hr_contract', True),
           ('personnel terms', 'kz_hr.kz_hr_personnel_parameter_action', True)],
    'teacher': [('my tariffication line', 'kz_edu_tariff.action_kz_edu_tariff_my_line', True),
                ('teaching load', 'kz_edu_tariff.action_kz_edu_teaching_load', False)],
    'class_teacher': [('not arrived today', 'kz_edu_access.kz_edu_student_action_not_arrived', False),
                      ('attendance today', 'kz_edu_access.kz_edu_class_action_attendance_today', False)],
    'district': [('students of the district', 'kz_edu_contingent.kz_edu_student_action', True),
                 ('canteen parameters', 'kz_canteen.kz_canteen_parameter_action', True),
                 ('contingent report', 'kz_edu_contingent.kz_edu_contingent_report_wizard_action', False)],
}

#: portal users: the pages of their portal
PORTAL = {
    'parent': ['/my', '/my/children', 'child', 'child/meals'],
    'student': ['/my', '/my/school'],
}


@pytest.mark.parametrize('login', sorted(JOBS))
def test_role_walks_through_its_job_in_kazakh(tmp_path, login):
    b = Browser(tmp_path)
    try:
        b.login(URL, login)
        b.check_screen('%s: first screen' % login)
        for what, xmlid, open_first in JOBS[login]:
            action = ref(xmlid)
            assert action, 'no action %s' % xmlid
            b.open_action(URL, action)
            b.check_screen('%s: %s' % (login, what))
            if open_first and b.value("document.querySelectorAll('.o_data_row, .o_kanban_record:not("
                                      ".o_kanban_ghost)').length"):
                b('click', selector='.o_data_row td:not(.o_list_record_selector), '
                                    '.o_kanban_record:not(.o_kanban_ghost)')
                b('wait', selector='.o_form_view', state='attached')
                b.ready()
                b.check_screen('%s: a document of %s' % (login, what))
    finally:
        b.close()


def test_cashier_opens_the_till_in_kazakh(tmp_path):
    b = Browser(tmp_path)
    try:
        b.login(URL, 'cashier')
        b.check_screen('cashier: first screen')
        b('goto', url=URL + '/pos/web')
        b('waitfn', expr="window.posmodel && window.posmodel.ready && window.posmodel.ready.state() === 'resolved'")
        b('wait', selector='.product-screen .product-list')
        b('waitfn', expr="!window.$ || !$('.pos .loader').is(':visible')")
        text = b.check_screen('cashier: the till')
        assert 'Tap the child' not in text                  # the panel's prompt is in Kazakh
        # the payment method is named in the cashier's language, not «Prepaid balance (KZT)»
        names = b.value("posmodel.cashregisters.map(function (r) { return r.journal_id[1]; })")
        assert names and not any('Prepaid balance' in n or '(KZT)' in n for n in names), names
    finally:
        b.close()


@pytest.mark.parametrize('login', sorted(PORTAL))
def test_portal_user_sees_their_pages_in_kazakh(tmp_path, login):
    b = Browser(tmp_path)
    try:
        b.login(URL, login)
        child = None
        for page in PORTAL[login]:
            if page.startswith('child'):
                if child is None:
                    child = b.value("(document.querySelector('tr.o_kz_child_row') || {}).getAttribute && "
                                    "document.querySelector('tr.o_kz_child_row').getAttribute('data-student-id')")
                    assert child, 'the parent has no child on /my/children'
                page = '/my/children/%s%s' % (child, page[len('child'):])
            b('goto', url=URL + page)
            b('wait', selector='#wrapwrap', state='attached')
            text = b.check_screen('%s: %s' % (login, page))
            assert 'Қазақша' in text and 'Русский' in text          # the language switch
        if login == 'student':
            assert b.value("!!document.querySelector('.o_kz_my_school .o_kz_child_class')")
    finally:
        b.close()


def test_login_page_asks_for_the_login_and_switches_language(tmp_path):
    b = Browser(tmp_path)
    try:
        b('goto', url=URL + '/web/login')
        text = b.check_screen('login page')
        assert 'Эл. пошта' not in text and 'Email' not in text
        b('click', selector='a.kz_edu_lang_ru')
        b('wait', selector='input[name=login]', state='attached')
        assert 'Пароль' in b.text()
        b('click', selector='a.kz_edu_lang_kk')
        b('wait', selector='input[name=login]', state='attached')
        assert 'Құпиясөз' in b.text()
    finally:
        b.close()


def test_an_unknown_page_answers_in_kazakh(tmp_path):
    b = Browser(tmp_path)
    try:
        b.login(URL, 'director')
        b('goto', url=URL + '/my/children/999999999')
        text = b.check_screen('404 page', expect_404=True)
        assert 'Бет табылмады' in text, text[:500]
    finally:
        b.close()
