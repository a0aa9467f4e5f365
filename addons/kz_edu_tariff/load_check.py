"""The teaching load checked against the working curriculum (issue #8; ACC-16, LMS-13, TVET-12).

Pure Python (standard library and the pure ``tariff`` module beside this one, no odoo import), tested in milliseconds;
``models/kz_edu_curriculum.py`` only feeds it rows read from the database.

Inputs (dicts; keys not listed are ignored)
-------------------------------------------
* curriculum ``lines``: ``grade`` (1–11, or any grade number), ``subject`` (a key: id or code), ``hours`` (weekly
  hours of one group), ``groups`` (default 1: each class of the grade is split into this many groups for the subject
  and every group needs the hours), ``lang`` (default None: the line applies to every class of the grade; 'kk', 'ru'
  ...: only to classes taught in that language — Kazakh-medium and Russian-medium classes have different language
  subjects), optional ``subject_name``;
* ``classes``: ``id``, ``grade``, optional ``lang`` and ``name``;
* load ``rows``: optional ``id``, ``teacher`` (a key), ``class_id``, ``subject``, ``group_no`` (default 1), ``hours``,
  ``date_from`` / ``date_to`` (dates or 'YYYY-MM-DD', None = open), optional ``teacher_name``, ``subject_name``.

Hours are Decimal (a float is read through ``repr``). Bad input (negative or zero hours, a group number below 1, a
date range that ends before it starts, two curriculum lines for the same class and subject) raises
:class:`LoadError` naming the row.

Problems (:func:`check_load`)
-----------------------------
Each problem is a dict with ``kind`` (one of ``KINDS``), ``class_id``, ``subject``, ``group_no``, ``teacher``,
``teachers``, ``hours_required``, ``hours_covered``, ``date`` (the first date it holds, None when dates are ignored),
``row_ids`` and an English ``message``; the Odoo layer builds its translated message from the fields.

* ``uncovered`` — a class-subject-group of the curriculum nobody teaches;
* ``partly_covered`` — taught for fewer hours than the curriculum gives it (``hours_required - hours_covered``
  missing);
* ``over_covered`` — taught for more hours than the curriculum gives it;
* ``double_covered`` — two or more teachers on the same class-subject-group at the same time (a replacement with
  consecutive dates is not a double cover);
* ``not_in_curriculum`` — load on a subject the curriculum of the class's grade (and language) does not have;
* ``unknown_group`` — a group number above the number of groups the curriculum splits the class into;
* ``unknown_class`` — load on a class that is not among ``classes``;
* ``above_maximum`` — a teacher's weekly hours above ``max_hours`` (the legal maximum is not known: tariff.py's
  ``MAX_WEEKLY_HOURS`` parameter, 24 h, is an UNCONFIRMED placeholder; the caller passes the value).

Dates: with ``on_date`` only the rows in force that day count. With ``period=(start, end)`` the load is checked on
every day it changes inside the period (the start, each ``date_from``, each day after a ``date_to``), so a gap between
a leaving teacher and the replacement shows as uncovered hours from its first day. With neither, dates are ignored
and every row counts.

Summary (:func:`summarize_load`)
--------------------------------
Per teacher: weekly ``hours``, hours by grade band ``bands`` ('1-4', '5-9', '10-11' as in the head block of a
tariffication list, :func:`tariff.grade_band`; hours of other grades, e.g. 0 or 12, under 'other'), sorted
``subjects`` and ``classes``. This is what the tariffication list takes as each teacher's load.
"""
import collections
import datetime
from decimal import Decimal, InvalidOperation

try:  # inside Odoo: the addon package; in the pure tests: the top-level module beside this one
    from .tariff import TariffError, grade_band
except ImportError:  # pragma: no cover
    from tariff import TariffError, grade_band
try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date
    from odoo.addons.kz_edu_base.kz_errors import KzError

__all__ = ['LoadError', 'KINDS', 'BANDS', 'check_load', 'summarize_load', 'teacher_hours', 'coverage']

ZERO = Decimal('0')
BANDS = ('1-4', '5-9', '10-11')
UNCOVERED, PARTLY, OVER, DOUBLE = 'uncovered', 'partly_covered', 'over_covered', 'double_covered'
NOT_IN_CURRICULUM, UNKNOWN_GROUP, UNKNOWN_CLASS, ABOVE_MAXIMUM = (
    'not_in_curriculum', 'unknown_group', 'unknown_class', 'above_maximum')
#: Problem kinds in the order they are listed.
KINDS = (UNCOVERED, PARTLY, OVER, DOUBLE, NOT_IN_CURRICULUM, UNKNOWN_GROUP, UNKNOWN_CLASS, ABOVE_MAXIMUM)


class LoadError(KzError, ValueError):
    """Input the check cannot read (the English message names the row)."""


# ----------------------------------------------------------------------------------------------- input

def _hours(value, what):
    if isinstance(value, bool) or value is None:
        raise LoadError('%s must be a number of hours, got %r' % (what, value))
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip().replace(',', '.')) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise LoadError('%s must be a number of hours, got %r' % (what, value))
    if not number.is_finite():
        raise LoadError('%s must be a finite number, got %r' % (what, value))
    return number


def _int(value, what, minimum=1):
    if isinstance(value, bool):
        raise LoadError('%s must be a whole number, got %r' % (what, value))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise LoadError('%s must be a whole number, got %r' % (what, value))
    if number != value and str(number) != str(value).strip():
        raise LoadError('%s must be a whole number, got %r' % (what, value))
    if number < minimum:
        raise LoadError('%s must be at least %d, got %r' % (what, minimum, value))
    return number


def _date(value, what):
    return to_date(value, what, LoadError, required=False)


def _lang(value):
    return value or None


def _read_lines(lines):
    """{(grade, subject, lang): line} with hours Decimal and groups int; duplicates refused."""
    out = {}
    for n, line in enumerate(lines, start=1):
        where = 'curriculum line %d' % n
        grade = _int(line.get('grade'), 'grade of %s' % where, minimum=0)
        subject = line.get('subject')
        if subject in (None, '', False):
            raise LoadError('%s has no subject' % where)
        hours = _hours(line.get('hours'), 'hours of %s' % where)
        if hours <= 0:
            raise LoadError('hours of %s must be positive, got %s' % (where, hours))
        groups = _int(1 if line.get('groups') is None else line['groups'], 'groups of %s' % where)
        key = (grade, subject, _lang(line.get('lang')))
        if key in out:
            raise LoadError('%s repeats grade %s, subject %s%s' % (
                where, grade, line.get('subject_name') or subject, ', language %s' % key[2] if key[2] else ''))
        out[key] = {'grade': grade, 'subject': subject, 'hours': hours, 'groups': groups, 'lang': key[2],
                    'subject_name': line.get('subject_name') or str(subject)}
    # a line for all languages and one for a language on the same grade and subject: ambiguous for that language
    for (grade, subject, lang) in out:
        if lang is not None and (grade, subject, None) in out:
            raise LoadError('grade %s, subject %s has a line for all classes and one for language %s' % (
                grade, out[(grade, subject, lang)]['subject_name'], lang))
    return out


def _read_classes(classes):
    out = collections.OrderedDict()
    for n, cls in enumerate(classes, start=1):
        key = cls.get('id')
        if key in (None, '', False):
            raise LoadError('class %d has no id' % n)
        out[key] = {'id': key, 'grade': _int(cls.get('grade'), 'grade of class %s' % (cls.get('name') or key),
                                             minimum=0),
                    'lang': _lang(cls.get('lang')), 'name': cls.get('name') or str(key)}
    return out


def _read_rows(rows):
    out = []
    for n, row in enumerate(rows, start=1):
        where = 'load row %s' % (row.get('id') or n)
        for field in ('teacher', 'class_id', 'subject'):
            if row.get(field) in (None, '', False):
                raise LoadError('%s has no %s' % (where, field.replace('_id', '')))
        hours = _hours(row.get('hours'), 'hours of %s' % where)
        if hours <= 0:
            raise LoadError('hours of %s must be positive, got %s' % (where, hours))
        date_from = _date(row.get('date_from'), 'date_from of %s' % where)
        date_to = _date(row.get('date_to'), 'date_to of %s' % where)
        if date_from and date_to and date_to < date_from:
            raise LoadError('%s ends (%s) before it starts (%s)' % (where, date_to, date_from))
        out.append({'id': row.get('id', n), 'teacher': row['teacher'], 'class_id': row['class_id'],
                    'subject': row['subject'],
                    'group_no': _int(1 if row.get('group_no') is None else row['group_no'], 'group of %s' % where),
                    'hours': hours, 'date_from': date_from, 'date_to': date_to,
                    'teacher_name': row.get('teacher_name') or str(row['teacher']),
                    'subject_name': row.get('subject_name') or str(row['subject'])})
    return out


def _active(row, day):
    return day is None or ((row['date_from'] is None or row['date_from'] <= day)
                           and (row['date_to'] is None or row['date_to'] >= day))


def _days(rows, on_date, period):
    """The days on which the load is evaluated (see the module docstring); [None] = ignore dates."""
    if on_date is not None:
        return [_date(on_date, 'on_date')]
    if period is None:
        return [None]
    start, end = _date(period[0], 'period start'), _date(period[1], 'period end')
    if start is None or end is None or end < start:
        raise LoadError('period must be (start, end) with end >= start, got %r' % (period,))
    days = {start}
    for row in rows:
        if row['date_from'] and start < row['date_from'] <= end:
            days.add(row['date_from'])
        if row['date_to'] and start <= row['date_to'] < end:
            days.add(row['date_to'] + datetime.timedelta(days=1))
    return sorted(days)


def _curriculum_of(cls, lines):
    """{subject: line} of the curriculum that applies to a class (its grade; lines for all languages or its own)."""
    return {subject: line for (grade, subject, lang), line in lines.items()
            if grade == cls['grade'] and (lang is None or lang == cls['lang'])}


# ----------------------------------------------------------------------------------------------- check

def _fmt(hours):
    """3, 4.5, 10: hours without trailing zeros."""
    return format(hours.normalize(), 'f')


def _problem(kind, message, **values):
    problem = {'kind': kind, 'class_id': None, 'subject': None, 'group_no': None, 'teacher': None, 'teachers': [],
               'hours_required': None, 'hours_covered': None, 'date': None, 'row_ids': [], 'message': message}
    problem.update(values)
    return problem


def coverage(rows, day=None):
    """{(class_id, subject, group_no): {'hours': Decimal, 'teachers': [keys], 'row_ids': [...]}} of the rows in force
    on ``day`` (all rows when ``day`` is None). ``rows`` as read by :func:`check_load`."""
    out = collections.OrderedDict()
    for row in rows:
        if not _active(row, day):
            continue
        cell = out.setdefault((row['class_id'], row['subject'], row['group_no']),
                              {'hours': ZERO, 'teachers': [], 'row_ids': []})
        cell['hours'] += row['hours']
        if row['teacher'] not in cell['teachers']:
            cell['teachers'].append(row['teacher'])
        cell['row_ids'].append(row['id'])
    return out


def teacher_hours(rows, day=None):
    """{teacher: Decimal weekly hours} of the rows in force on ``day`` (all rows when None)."""
    out = collections.OrderedDict()
    for row in rows:
        if _active(row, day):
            out[row['teacher']] = out.get(row['teacher'], ZERO) + row['hours']
    return out


def check_load(lines, classes, rows, max_hours=None, on_date=None, period=None, check_coverage=True):
    """Problems of the teaching load ``rows`` against the curriculum ``lines`` for ``classes`` (see the module
    docstring). ``max_hours``: a teacher's weekly maximum (None: not checked). ``check_coverage=False`` skips the
    uncovered / partly covered checks (to check a few rows without the whole school's load). Returns a list of
    problem dicts, each reported once (on the first day it holds), ordered by kind, class, subject, group, teacher."""
    lines = _read_lines(lines)
    classes = _read_classes(classes)
    rows = _read_rows(rows)
    maximum = None if max_hours is None else _hours(max_hours, 'max_hours')
    names = {}
    for row in rows:
        names.setdefault(('teacher', row['teacher']), row['teacher_name'])
        names.setdefault(('subject', row['subject']), row['subject_name'])
    for line in lines.values():
        names[('subject', line['subject'])] = line['subject_name']

    def teacher_name(key):
        return names.get(('teacher', key), str(key))

    def subject_name(key):
        return names.get(('subject', key), str(key))

    found = collections.OrderedDict()

    def report(key, problem):
        found.setdefault(key, problem)

    # rows the curriculum cannot place: reported once, whatever the dates
    placed = []
    for row in rows:
        cls = classes.get(row['class_id'])
        if cls is None:
            report((UNKNOWN_CLASS, row['id']), _problem(
                UNKNOWN_CLASS, 'load row %s: class %s is not a class of this school year' % (
                    row['id'], row['class_id']),
                class_id=row['class_id'], subject=row['subject'], group_no=row['group_no'], teacher=row['teacher'],
                teachers=[row['teacher']], hours_covered=row['hours'], row_ids=[row['id']]))
            continue
        line = _curriculum_of(cls, lines).get(row['subject'])
        if line is None:
            report((NOT_IN_CURRICULUM, row['class_id'], row['subject']), _problem(
                NOT_IN_CURRICULUM, '%s: the curriculum of grade %s has no %s (%s h taught by %s)' % (
                    cls['name'], cls['grade'], subject_name(row['subject']), _fmt(row['hours']),
                    teacher_name(row['teacher'])),
                class_id=row['class_id'], subject=row['subject'], group_no=row['group_no'], teacher=row['teacher'],
                teachers=[row['teacher']], hours_required=ZERO, hours_covered=row['hours'], row_ids=[row['id']]))
            continue
        if row['group_no'] > line['groups']:
            report((UNKNOWN_GROUP, row['class_id'], row['subject'], row['group_no']), _problem(
                UNKNOWN_GROUP, '%s, %s: group %d, but the curriculum splits the class into %d group(s)' % (
                    cls['name'], subject_name(row['subject']), row['group_no'], line['groups']),
                class_id=row['class_id'], subject=row['subject'], group_no=row['group_no'], teacher=row['teacher'],
                teachers=[row['teacher']], hours_required=ZERO, hours_covered=row['hours'], row_ids=[row['id']]))
            continue
        placed.append(row)

    for day in _days(rows, on_date, period):
        cover = coverage(placed, day)
        for cls in classes.values():
            for subject, line in sorted(_curriculum_of(cls, lines).items(), key=lambda i: str(i[0])):
                for group in range(1, line['groups'] + 1):
                    cell = cover.get((cls['id'], subject, group))
                    covered = cell['hours'] if cell else ZERO
                    where = '%s, %s%s' % (cls['name'], line['subject_name'],
                                          ', group %d' % group if line['groups'] > 1 else '')
                    common = dict(class_id=cls['id'], subject=subject, group_no=group, hours_required=line['hours'],
                                  hours_covered=covered, date=day, teachers=list(cell['teachers']) if cell else [],
                                  row_ids=list(cell['row_ids']) if cell else [])
                    if cell is None:
                        if check_coverage:
                            report((UNCOVERED, cls['id'], subject, group), _problem(
                                UNCOVERED, '%s: nobody teaches its %s h a week' % (where, _fmt(line['hours'])),
                                **common))
                    elif covered < line['hours']:
                        if check_coverage:
                            report((PARTLY, cls['id'], subject, group), _problem(
                                PARTLY, '%s: %s h of %s taught, %s h uncovered' % (
                                    where, _fmt(covered), _fmt(line['hours']), _fmt(line['hours'] - covered)),
                                **common))
                    elif covered > line['hours']:
                        report((OVER, cls['id'], subject, group), _problem(
                            OVER, '%s: %s h taught, the curriculum gives %s h (%s h too many)' % (
                                where, _fmt(covered), _fmt(line['hours']), _fmt(covered - line['hours'])), **common))
                    if cell and len(cell['teachers']) > 1:
                        report((DOUBLE, cls['id'], subject, group), _problem(
                            DOUBLE, '%s: taught by %d teachers at once (%s)' % (
                                where, len(cell['teachers']), ', '.join(teacher_name(t) for t in cell['teachers'])),
                            **common))
        if maximum is not None:
            for teacher, hours in teacher_hours(rows, day).items():
                if hours > maximum:
                    report((ABOVE_MAXIMUM, teacher), _problem(
                        ABOVE_MAXIMUM, '%s: %s h a week, above the maximum of %s h' % (
                            teacher_name(teacher), _fmt(hours), _fmt(maximum)),
                        teacher=teacher, teachers=[teacher], hours_required=maximum, hours_covered=hours, date=day,
                        row_ids=[r['id'] for r in rows if r['teacher'] == teacher and _active(r, day)]))

    order = {kind: n for n, kind in enumerate(KINDS)}
    class_order = {key: n for n, key in enumerate(classes)}
    return sorted(found.values(), key=lambda p: (
        order[p['kind']], class_order.get(p['class_id'], len(class_order)), str(p['subject']), p['group_no'] or 0,
        str(p['teacher'])))


# ----------------------------------------------------------------------------------------------- summary

def summarize_load(rows, classes, on_date=None):
    """Per teacher: {'hours': Decimal, 'bands': {'1-4', '5-9', '10-11' (and 'other' if any): Decimal},
    'subjects': sorted names, 'classes': sorted class names} of the rows in force on ``on_date`` (all rows when
    None). Rows on a class not in ``classes`` raise LoadError (the band would be unknown)."""
    classes = _read_classes(classes)
    out = collections.OrderedDict()
    day = _date(on_date, 'on_date')
    for row in _read_rows(rows):
        if not _active(row, day):
            continue
        cls = classes.get(row['class_id'])
        if cls is None:
            raise LoadError('load row %s: class %s is not among the classes given' % (row['id'], row['class_id']))
        try:
            band = grade_band(cls['grade'])
        except TariffError:
            band = 'other'
        entry = out.setdefault(row['teacher'], {'hours': ZERO, 'bands': collections.OrderedDict(
            (b, ZERO) for b in BANDS), 'subjects': set(), 'classes': set(), '_class_order': {}})
        entry['hours'] += row['hours']
        entry['bands'][band] = entry['bands'].get(band, ZERO) + row['hours']
        entry['subjects'].add(row['subject_name'])
        entry['classes'].add(cls['name'])
        entry['_class_order'][cls['name']] = (cls['grade'], cls['name'])
    for entry in out.values():
        entry['subjects'] = sorted(entry['subjects'])
        entry['classes'] = sorted(entry['classes'], key=lambda name: entry['_class_order'][name])
        del entry['_class_order']
    return out
