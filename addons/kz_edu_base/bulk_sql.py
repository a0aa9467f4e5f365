# -*- coding: utf-8 -*-
"""The one bulk-insert helper of the suite (issue #15): many rows in one parametrised statement per page.

Odoo 11 creates records one at a time (20–90 ms a record here, platform.md §6). Where a capability writes
thousands of rows at once (the demo school, an import of 3 000 students, a movement order, the quarter marks, the
schedules' public holidays), it inserts them with :func:`insert_rows`: ``INSERT INTO "table" (...) VALUES %s`` in
pages of ``page_size`` rows through psycopg2's ``execute_values`` — every value a query parameter, never text
pasted into SQL; the table and column names are checked to be plain identifiers and quoted.

:func:`insert_records` does the same for the rows of a model, with the columns ``create()`` would fill: Odoo's
defaults (``default_get``), False in a boolean column left out, the audit columns. The caller keeps the data
consistent (stored computed and related columns, relations) — that is what ``create()`` would have done — and the
model's cache is invalidated.

It needs a cursor (Odoo's or psycopg2's), not the ORM, and imports nothing from odoo. Not for the hot paths that
build their rows in SQL (``INSERT … SELECT`` over ``unnest()``, e.g. the reader's events): those stay one
statement.

    ids = insert_rows(cr, 'kz_edu_enrollment', ('student_id', 'class_id', 'date_from'), rows, returning='id')
    insert_rows(cr, field.relation, (field.column1, field.column2), pairs, on_conflict='DO NOTHING')
    ids = insert_records(env['kz.edu.guardian'], [{'student_id': 7, 'partner_id': 9, 'relation': 'mother'}])
"""
import datetime
import re

from psycopg2.extras import execute_values

__all__ = ['PAGE_SIZE', 'insert_rows', 'insert_records', 'quote_identifier']

#: rows per statement: large enough that the round trips do not count, small enough for the statement's size
PAGE_SIZE = 1000

_IDENTIFIER = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


def quote_identifier(name):
    """``"name"`` for a plain SQL identifier (letters, digits, underscores); ValueError for anything else, so no
    text from outside can become SQL."""
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise ValueError('not a plain SQL identifier: %r' % (name,))
    return '"%s"' % name


def insert_rows(cr, table, columns, rows, returning=None, on_conflict=None, template=None, page_size=PAGE_SIZE):
    """Insert ``rows`` into ``table`` and return what ``returning`` names, in the order of the rows.

    ``columns``: the column names; ``rows``: tuples in the order of ``columns``, or dicts (a missing key is NULL).
    ``returning``: a column name (the list of its values is returned, e.g. the new ids) or None (``[]`` is
    returned). ``on_conflict``: the statement's own text after ``ON CONFLICT`` (``'DO NOTHING'``,
    ``'(order_key, line_no) DO NOTHING'``, ``'(...) DO UPDATE SET ...'``): SQL written in the caller's code, never
    data. ``template``: execute_values' row template when a value needs SQL around it, e.g.
    ``"(%s, %s, now() at time zone 'UTC')"``. With ``returning`` and ``on_conflict='DO NOTHING'`` a row that was
    not inserted returns nothing.
    """
    rows = list(rows)
    if not rows:
        return []
    columns = tuple(columns)
    if isinstance(rows[0], dict):
        rows = [tuple(row.get(c) for c in columns) for row in rows]
    query = 'INSERT INTO %s (%s) VALUES %%s' % (quote_identifier(table), ', '.join(map(quote_identifier, columns)))
    if on_conflict:
        query += ' ON CONFLICT ' + on_conflict
    if returning:
        query += ' RETURNING ' + quote_identifier(returning)
        return [r[0] for r in execute_values(cr, query, rows, template=template, page_size=page_size, fetch=True)]
    execute_values(cr, query, rows, template=template, page_size=page_size)
    return []


def insert_records(model, rows, extra=None, page_size=PAGE_SIZE):
    """Insert ``rows`` (dicts of stored scalar columns) of the model of the recordset ``model`` and return the new
    ids in order. Columns not given get what ``create()`` would store: Odoo's defaults (``default_get``), False
    in a boolean column, the audit columns (the user of ``model.env``, now); ``extra`` overrides them for every
    row. The caller fills the stored computed and related columns."""
    if not rows:
        return []
    own = {name: field for name, field in model._fields.items()
           if field.store and field.column_type and not field.inherited and name != 'id'}
    given = {key for row in rows for key in row}
    defaults = model.default_get([name for name in own if name not in given])
    base = {k: v for k, v in defaults.items() if k in own and not isinstance(v, (list, tuple))}
    # create() stores False, not NULL, in a boolean column left out (odoo/models.py, _create)
    base.update({name: False for name, field in own.items()
                 if field.type == 'boolean' and name not in given and name not in base})
    now = datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M:%S')     # fields.Datetime.now(): UTC, seconds
    base.update(create_uid=model.env.uid, write_uid=model.env.uid, create_date=now, write_date=now)
    base.update(extra or {})
    columns = sorted(given | set(base))
    values = [tuple(row.get(c, base.get(c)) for c in columns) for row in rows]
    ids = insert_rows(model.env.cr, model._table, columns, values, returning='id', page_size=page_size)
    model.invalidate_cache()
    return ids
