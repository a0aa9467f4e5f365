"""scripts/backup and scripts/restore on the test database of scripts/test (SEC-02): a backup restored into a new
database has the same rows in every table, the same sums of money and the same filestore; a restore never
overwrites a database; a damaged backup and a failed backup are refused with a non-zero exit; old backups rotate.

Run by scripts/test (step 2) with KZ_BACKUP_CONF and KZ_BACKUP_DB set, after the Odoo tests and before the
database is served, so that nothing writes to it meanwhile. Skipped elsewhere."""
import configparser
import os
import shutil
import subprocess
import tempfile

import psycopg2
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.environ.get('KZ_BACKUP_CONF')
DB = os.environ.get('KZ_BACKUP_DB')
RESTORED = '%s_restored' % DB

pytestmark = pytest.mark.skipif(not (CONF and DB), reason='run by scripts/test against its own database')

# money columns whose sums must survive the round trip exactly (numeric sums, no float rounding)
MONEY = [
    ('account_move_line', 'debit'), ('account_move_line', 'credit'), ('account_move_line', 'balance'),
    ('hr_payslip_line', 'total'), ('hr_payslip_line', 'amount'), ('kz_canteen_topup', 'amount'),
]


def script(name, *args):
    return subprocess.run([os.path.join(ROOT, 'scripts', name)] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=900)


def options():
    parser = configparser.RawConfigParser()
    parser.read(CONF)
    return dict(parser.items('options'))


def connect(dbname):
    opts = options()
    return psycopg2.connect(dbname=dbname, host=opts['db_host'], port=opts['db_port'], user=opts['db_user'],
                            password=opts['db_password'])


def filestore(dbname):
    return os.path.join(options()['data_dir'], 'filestore', dbname)


def file_count(path):
    return sum(len(files) for _dir, _dirs, files in os.walk(path))


def table_counts(dbname):
    with connect(dbname) as conn, conn.cursor() as cr:
        cr.execute("SELECT table_name FROM information_schema.tables "
                   "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")
        tables = [row[0] for row in cr.fetchall()]
        counts = {}
        for table in tables:
            cr.execute('SELECT count(*) FROM "%s"' % table.replace('"', '""'))   # names from the catalogue
            counts[table] = cr.fetchone()[0]
    conn.close()
    return counts


def money_sums(dbname):
    with connect(dbname) as conn, conn.cursor() as cr:
        sums = {}
        for table, column in MONEY:
            # each value as an exact numeric: a float sum may differ in its last digit with the row order
            cr.execute('SELECT count(*), sum("%s"::numeric) FROM "%s"' % (column, table))
            sums[(table, column)] = cr.fetchone()
    conn.close()
    return sums


def drop(dbname):
    with connect('postgres') as conn:
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute('DROP DATABASE IF EXISTS "%s"' % dbname)
    conn.close()
    shutil.rmtree(filestore(dbname), ignore_errors=True)


@pytest.fixture(scope='module')
def backups():
    folder = tempfile.mkdtemp(prefix='kz-backups-')
    drop(RESTORED)
    yield folder
    drop(RESTORED)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope='module')
def first_backup(backups):
    res = script('backup', '--conf', CONF, '--db', DB, '--dir', backups, '--keep', '1')
    assert res.returncode == 0, res.stdout
    path = res.stdout.strip().splitlines()[-1]
    assert os.path.isdir(path) and os.path.basename(path).startswith(DB + '-'), res.stdout
    return path


def test_backup_restored_into_a_new_database_has_every_row_money_sum_and_file_SEC02(first_backup):
    assert set(os.listdir(first_backup)) == {'SHA256SUMS', 'backup.info', DB + '.dump', 'filestore.tar.gz'}
    res = script('restore', first_backup, RESTORED, '--conf', CONF)
    assert res.returncode == 0, res.stdout
    original, restored = table_counts(DB), table_counts(RESTORED)
    assert len(original) > 400                     # every table of the suite (460 here), not an empty schema
    assert restored == original
    assert original['account_move_line'] > 1000 and original['hr_payslip_line'] > 100, original
    sums = money_sums(DB)
    assert sums[('account_move_line', 'debit')][1] > 0 and sums[('kz_canteen_topup', 'amount')][1] > 0, sums
    assert money_sums(RESTORED) == sums
    files = file_count(filestore(DB))
    assert files > 0
    assert file_count(filestore(RESTORED)) == files


def test_restore_refuses_an_existing_database_and_changes_nothing_SEC02(first_backup):
    res = script('restore', first_backup, DB, '--conf', CONF)
    assert res.returncode == 3, res.stdout
    assert 'exists already' in res.stdout and '--force' in res.stdout
    with connect('postgres') as conn, conn.cursor() as cr:
        cr.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", ('%\\_\\_restoring',))
        assert cr.fetchall() == []
    conn.close()


def test_a_damaged_backup_is_refused_SEC02(first_backup, backups):
    damaged = os.path.join(backups, 'damaged')
    os.mkdir(damaged)
    for name in ('SHA256SUMS', 'backup.info'):
        shutil.copy(os.path.join(first_backup, name), damaged)
    with open(os.path.join(damaged, 'backup.info'), 'a') as info:
        info.write('tampered=1\n')
    res = script('restore', damaged, 'kz_never_made', '--conf', CONF)
    assert res.returncode == 3, res.stdout
    assert 'damaged' in res.stdout
    with connect('postgres') as conn, conn.cursor() as cr:
        cr.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'kz_never_made%%'")
        assert cr.fetchone()[0] == 0
    conn.close()


def test_a_failed_backup_exits_non_zero_and_leaves_no_folder_SEC02(backups):
    empty = tempfile.mkdtemp(dir=backups)
    res = script('backup', '--conf', CONF, '--db', 'kz_no_such_db', '--dir', empty)
    assert res.returncode != 0, res.stdout
    assert 'does not exist' in res.stdout
    assert os.listdir(empty) == []


def test_backups_rotate_keeping_the_last_n_SEC02(first_backup, backups):
    res = script('backup', '--conf', CONF, '--db', DB, '--dir', backups, '--keep', '1')
    assert res.returncode == 0, res.stdout
    second = res.stdout.strip().splitlines()[-1]
    kept = sorted(name for name in os.listdir(backups) if name.startswith(DB + '-'))
    assert kept == [os.path.basename(second)]
    assert not os.path.exists(first_backup)
