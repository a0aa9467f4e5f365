"""The parent portal in headless Chromium (SEC-06, HSC-07): the demo mother `parent` sees her own children and
nothing of another family. Skipped unless KZ_TEST_URL is set (scripts/test serves the demo database and sets it).
Labels are not asserted (they are translated to Kazakh and Russian): names and classes come from the data."""
import xmlrpc.client

import pytest

from test_ui_kk import DB, URL, shot

pytestmark = pytest.mark.skipif(not URL, reason='needs a running Odoo (scripts/test sets KZ_TEST_URL)')


def admin_call(model, method, *args, **kw):
    common = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common')
    uid = common.authenticate(DB, 'admin', 'admin', {})
    models = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object')
    return models.execute_kw(DB, uid, 'admin', model, method, list(args), kw)


@pytest.fixture(scope='module')
def family():
    """The demo parent's children (id, name, class) and a student of another family in the same school."""
    user = admin_call('res.users', 'search_read', [('login', '=', 'parent')], fields=['partner_id'])[0]
    links = admin_call('kz.edu.guardian', 'search_read', [('partner_id', '=', user['partner_id'][0])],
                       fields=['student_id'])
    child_ids = sorted({link['student_id'][0] for link in links})
    assert child_ids, 'the demo parent is the guardian of no student'
    children = admin_call('kz.edu.student', 'read', child_ids, fields=['name', 'class_id', 'company_id'])
    assert all(c['class_id'] for c in children), children
    other = admin_call('kz.edu.student', 'search_read',
                       [('id', 'not in', child_ids), ('company_id', '=', children[0]['company_id'][0]),
                        ('state', '=', 'enrolled')], fields=['name'], limit=1)
    assert other
    return children, other[0]


def class_name(student):
    return student['class_id'][1].split(' (')[0]   # name_get is "1 «А» (2026-2027)"; the page shows "1 «А»"


def test_parent_sees_exactly_her_children_with_their_class_SEC06(tmp_path, family):
    children, other = family
    page = shot(tmp_path, 'parent', 'parent', '/my/children')
    assert page['url'].endswith('/my/children'), page['url']
    rows = [line for line in page['text'].splitlines() if line.count('\t') >= 3][1:]   # table rows after the head
    assert len(rows) == len(children), rows
    for child in children:
        row = next(r for r in rows if child['name'] in r)
        assert class_name(child) in row, row
    assert other['name'] not in page['text']


def test_parent_home_links_to_her_children_HSC07(tmp_path, family):
    page = shot(tmp_path, 'parent', 'parent', '/my', click='a[href="/my/children"]')
    children, _other = family
    assert all(child['name'] in page['text'] for child in children), page['text']


def test_parent_opens_her_child_page_SEC06(tmp_path, family):
    children, _other = family
    child = children[0]
    page = shot(tmp_path, 'parent', 'parent', '/my/children/%d' % child['id'])
    assert child['name'] in page['text']
    assert class_name(child) in page['text']
    assert child['company_id'][1] in page['text']


def test_parent_gets_not_found_for_another_familys_child_SEC06(tmp_path, family):
    _children, other = family
    page = shot(tmp_path, 'parent', 'parent', '/my/children/%d' % other['id'], wait_for='body')
    # the portal's own 404 page (in the parent's language: «Бет табылмады»), not the child's page
    assert '404' in page['text'] and 'Бет табылмады' in page['text'], page
    assert other['name'] not in page['text']
