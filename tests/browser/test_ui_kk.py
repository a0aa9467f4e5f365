"""End-to-end UI checks in headless Debian Chromium (Odoo 11's own tours need PhantomJS, which cannot be installed
here). scripts/test serves the freshly built test database and sets KZ_TEST_URL; without it these tests skip."""
import json
import os
import subprocess
import xmlrpc.client

import pytest

import kzbrowser

URL = os.environ.get('KZ_TEST_URL')
DB = os.environ.get('KZ_TEST_DB', 'kz_edu_test')
HERE = os.path.dirname(os.path.abspath(__file__))
pytestmark = pytest.mark.skipif(not URL, reason='needs a running Odoo (scripts/test sets KZ_TEST_URL)')


def shot(tmp_path, login='', password='', path='', locale='kk-KZ', click=None, wait_for=None):
    env = kzbrowser.node_env(LOCALE=locale)
    if wait_for:
        env['WAIT_FOR'] = wait_for
    if click:
        env['CLICK'] = click
    out = str(tmp_path / 'page.png')
    res = subprocess.run(['node', os.path.join(HERE, 'shot.js'), URL, login, password, path, out], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=240)
    assert res.returncode == 0, res.stderr[-2000:]
    assert os.path.getsize(out) > 10000
    return json.loads(res.stdout.strip().splitlines()[-1])


def rpc(login, model, method, *args):
    """XML-RPC call as `login` (password = login in the demo), with that user's rights."""
    uid = xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/common').authenticate(DB, login, login, {})
    return xmlrpc.client.ServerProxy(URL + '/xmlrpc/2/object').execute_kw(DB, uid, login, model, method, list(args))


def xmlid_to_id(login, xmlid):
    return rpc(login, 'ir.model.data', 'xmlid_to_res_id', xmlid)


def test_login_page_speaks_kazakh_to_a_kazakh_browser_SEC04(tmp_path):
    page = shot(tmp_path)
    assert 'Құпиясөз' in page['text'] and 'Кіру' in page['text']


def test_login_page_speaks_russian_to_a_russian_browser_SEC04(tmp_path):
    page = shot(tmp_path, locale='ru-RU')
    assert 'Пароль' in page['text']


def test_director_sees_the_students_of_own_school_only_in_kazakh_SEC05(tmp_path):
    action = xmlid_to_id('director', 'kz_edu_contingent.kz_edu_student_action')
    enrolled = rpc('director', 'kz.edu.student', 'search_count', [('state', '=', 'enrolled')])
    everyone = rpc('admin', 'kz.edu.student', 'search_count', [('state', '=', 'enrolled')])
    assert 500 < enrolled < everyone            # school No. 1 only; school No. 2 has as many more
    page = shot(tmp_path, 'director', 'director', '/web#action=%d' % action)
    assert 'Оқушылар' in page['text']           # "Students", from the addons' kk.po
    assert '/ %d' % enrolled in page['text']    # the pager counts exactly the school's enrolled students
    assert 'Білім беру' in page['text']         # the Education app menu


def test_cashier_has_no_education_people_menu(tmp_path):
    page = shot(tmp_path, 'cashier', 'cashier', '/web')
    assert 'Оқушылар' not in page['text']


def test_parent_lands_in_the_portal_and_is_kept_out_of_the_back_office(tmp_path):
    page = shot(tmp_path, 'parent', 'parent')
    assert page['url'].endswith('/my'), page['url']
    assert 'Деректеріңіз' in page['text']          # "Your details", portal in Kazakh
    page = shot(tmp_path, 'parent', 'parent', '/web', wait_for='body')
    assert 'error=access' in page['url']
    assert 'Білім беру' not in page['text']


@pytest.mark.parametrize('xmlid, expected', [
    ('kz_canteen.action_kz_dishes', 'Палау'),                 # a demo dish
    ('kz_canteen.action_kz_canteen_menu', 'Түскі ас'),         # "Lunch" in the menus list
    ('kz_canteen.action_kz_canteen_meal', 'Тегін'),            # "Free" meals served
])
def test_canteen_screens_open_for_the_director_in_kazakh_HSC02(tmp_path, xmlid, expected):
    page = shot(tmp_path, 'director', 'director', '/web#action=%d' % xmlid_to_id('director', xmlid))
    assert 'Қате орын алды' not in page['text'], page['text'][:500]     # "An error occurred" dialog
    assert expected in page['text'], page['text'][:800]
