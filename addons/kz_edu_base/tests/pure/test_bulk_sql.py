"""The one bulk-insert helper (bulk_sql.py, issue #15): the statement it sends, page by page, with every value a
parameter; the names checked. A recording cursor stands in for PostgreSQL (the Odoo tests of the demo, the
student import, the movement orders and the quarter marks run it on a database)."""
import pytest

import bulk_sql


class Connection(object):
    encoding = 'UTF8'


class RecordingCursor(object):
    """What psycopg2's execute_values needs of a cursor: mogrify, execute, fetchall, connection.encoding."""

    def __init__(self):
        self.connection = Connection()
        self.statements = []
        self._next_id = 100

    def mogrify(self, template, args):
        text = template.decode() if isinstance(template, bytes) else template
        return (text % tuple("'%s'" % str(a).replace("'", "''") if a is not None else 'NULL' for a in args)).encode()

    def execute(self, query, params=None):
        self.statements.append(query.decode() if isinstance(query, bytes) else query)

    def fetchall(self):
        rows = self.statements[-1].count('),(') + 1
        ids = [(self._next_id + i,) for i in range(rows)]
        self._next_id += rows
        return ids


def test_one_statement_per_page_with_values_as_parameters_and_returning():
    cr = RecordingCursor()
    ids = bulk_sql.insert_rows(cr, 'kz_edu_guardian', ('student_id', 'relation'),
                               [(1, 'mother'), (2, "o'brien"), (3, 'father')], returning='id', page_size=2)
    assert ids == [100, 101, 102]
    assert cr.statements == [
        'INSERT INTO "kz_edu_guardian" ("student_id", "relation") VALUES (\'1\',\'mother\'),(\'2\',\'o\'\'brien\') '
        'RETURNING "id"',
        'INSERT INTO "kz_edu_guardian" ("student_id", "relation") VALUES (\'3\',\'father\') RETURNING "id"']


def test_dict_rows_on_conflict_and_template():
    cr = RecordingCursor()
    assert bulk_sql.insert_rows(cr, 'rel', ('a', 'b'), [{'a': 1}, {'b': 2, 'a': 3}], on_conflict='DO NOTHING',
                                template='(%s, %s)') == []
    assert cr.statements == ['INSERT INTO "rel" ("a", "b") VALUES (\'1\', NULL),(\'3\', \'2\') ON CONFLICT DO NOTHING']


def test_nothing_to_insert_sends_nothing():
    cr = RecordingCursor()
    assert bulk_sql.insert_rows(cr, 'rel', ('a',), [], returning='id') == []
    assert cr.statements == []


@pytest.mark.parametrize('table, columns', [('rel; DROP TABLE x', ('a',)), ('rel', ('a"b',)), ('rel', ('',)),
                                            ('rel', (None,))])
def test_names_must_be_plain_identifiers(table, columns):
    with pytest.raises(ValueError):
        bulk_sql.insert_rows(RecordingCursor(), table, columns, [(1,)])
