# -*- coding: utf-8 -*-
"""The weekly timetable of a school (LMS-08): the dated lessons a timetable gives, and a first timetable built from
the teaching load (the deputy director's starting point and the demo's timetable).

Pure Python (standard library only, no odoo import). The clash check of a saved timetable is not here: it is one
SQL statement over the school's slots (kz.edu.timetable.slot.kz_clashes), so it never loops over the table.

Vocabulary
----------
* a *slot* is one weekly lesson: a weekday (0 = Monday), a shift and a period number, for one load row (a teacher,
  a class, a subject, a group of the class);
* *time*: shifts overlap at the edges (the 7th lesson of the first shift is the 1st of the second), so a teacher's
  availability is kept by an absolute time index: ``time_index(shift, period, shift_offset)``;
* a *split* subject is taught to the groups of a class separately (foreign language, informatics ...): its groups
  may sit in parallel with each other (and with another split subject's other group), never with a whole-class
  lesson of the same class.
"""
import datetime
import random

try:  # pure tests and tools: every addon folder is on sys.path (conftest.py)
    from kz_dates import to_date
    from kz_errors import KzError
except ImportError:  # inside Odoo
    from odoo.addons.kz_edu_base.kz_dates import to_date
    from odoo.addons.kz_edu_base.kz_errors import KzError

__all__ = ['TimetableError', 'time_index', 'lesson_dates', 'build_timetable']


class TimetableError(KzError, ValueError):
    """A refusal of the rules: ``code``, English ``template``, ``params`` (kz_errors.KzError)."""


def time_index(shift, period, shift_offset=6):
    """An absolute index of a lesson's time: the second shift's first period comes after ``shift_offset`` periods
    of the first shift (with 6, it is at the same time as the first shift's 7th)."""
    return (int(shift) - 1) * int(shift_offset) + int(period)


def lesson_dates(slots, date_from, date_to, holidays=()):
    """The dated lessons of weekly ``slots`` between two dates (inclusive): ``[(slot key, date)]`` sorted by date.

    ``slots``: dicts with ``key``, ``weekday`` (0-6) and optional ``date_from``/``date_to`` (the slot's own
    validity); ``holidays``: dates without lessons."""
    start, end = to_date(date_from), to_date(date_to)
    if end < start:
        raise TimetableError('bad_range', 'the period ends (%(end)s) before it starts (%(start)s)',
                             start=start.isoformat(), end=end.isoformat())
    holidays = {to_date(h) for h in holidays}
    by_weekday = {}
    for slot in slots:
        weekday = int(slot['weekday'])
        if not 0 <= weekday <= 6:
            raise TimetableError('bad_weekday', 'a weekday is 0 (Monday) to 6 (Sunday), got %(weekday)s',
                                 weekday=weekday)
        by_weekday.setdefault(weekday, []).append(slot)
    out = []
    day = start
    while day <= end:
        if day not in holidays:
            for slot in by_weekday.get(day.weekday(), ()):
                first = slot.get('date_from') and to_date(slot['date_from'])
                last = slot.get('date_to') and to_date(slot['date_to'])
                if (not first or first <= day) and (not last or day <= last):
                    out.append((slot['key'], day))
        day += datetime.timedelta(days=1)
    return out


def build_timetable(chunks, classes, days=(0, 1, 2, 3, 4), periods=7, shift_offset=6, seed=1, extra_days=()):
    """A timetable without clashes for the teaching load, built greedily.

    ``chunks``: load rows as dicts ``key``, ``class_id``, ``teacher``, ``subject``, ``group_no``, ``hours`` (whole
    weekly hours), ``split`` (the class is taught this subject in groups); ``classes``: ``{class_id: shift}``.
    The groups of a split subject go in parallel when their teachers differ (one bundle), one after the other when
    one teacher teaches them all. Each class gets at most ``periods`` lessons a day, spread over the days, the same
    subject at most once a day where possible, early periods first. An hour that finds no place on ``days`` is
    tried on ``extra_days`` (e.g. Saturday, for the grades that study six days).

    Returns ``{'slots': [{'key', 'weekday', 'period', 'shift'}], 'unplaced': [(key, hours)]}``; nothing is raised
    for a load that does not fit: what could not be placed is listed."""
    rng = random.Random(seed)
    days = list(days)
    teacher_busy = set()        # (teacher, day, time)
    whole_busy = set()          # (class, day, period): a whole-class lesson
    group_busy = {}             # (class, day, period) -> set of group numbers busy
    subject_day = {}            # (class, subject, day) -> lessons of the subject that day
    day_count = {}              # (class, day) -> lessons that day
    slots, unplaced = [], []

    bundles = {}
    for chunk in chunks:
        if int(chunk['hours']) != chunk['hours'] or chunk['hours'] <= 0:
            raise TimetableError('bad_hours', 'load row %(key)s: a timetable needs whole weekly hours, got %(hours)s',
                                 key=chunk['key'], hours=chunk['hours'])
        if chunk['class_id'] not in classes:
            raise TimetableError('unknown_class', 'load row %(key)s names a class outside the timetable',
                                 key=chunk['key'])
        bundle_key = (chunk['class_id'], chunk['subject'], int(chunk['hours'])) if chunk.get('split') \
            else ('single', chunk['key'])
        bundles.setdefault(bundle_key, []).append(chunk)
    work = []
    for members in bundles.values():
        teachers = [m['teacher'] for m in members]
        if len(set(teachers)) == len(teachers):
            work.append(members)                       # parallel groups (or a single row)
        else:
            work.extend([m] for m in members)          # one teacher for several groups: one after the other
    teacher_hours = {}
    for chunk in chunks:
        teacher_hours[chunk['teacher']] = teacher_hours.get(chunk['teacher'], 0) + chunk['hours']
    work.sort(key=lambda members: (-len(members), -max(teacher_hours[m['teacher']] for m in members),
                                   -members[0]['hours'], str(members[0]['key'])))

    def free(members, day, period):
        cls = members[0]['class_id']
        shift = classes[cls]
        t = time_index(shift, period, shift_offset)
        if any((m['teacher'], day, t) in teacher_busy for m in members):
            return False
        if (cls, day, period) in whole_busy:
            return False
        busy_groups = group_busy.get((cls, day, period), set())
        if not members[0].get('split'):
            return not busy_groups
        return not (busy_groups & {m['group_no'] for m in members})

    def place(members, day, period):
        cls = members[0]['class_id']
        shift = classes[cls]
        t = time_index(shift, period, shift_offset)
        for m in members:
            teacher_busy.add((m['teacher'], day, t))
            slots.append({'key': m['key'], 'weekday': day, 'period': period, 'shift': shift})
        if members[0].get('split'):
            group_busy.setdefault((cls, day, period), set()).update(m['group_no'] for m in members)
        else:
            whole_busy.add((cls, day, period))
        subject_day[cls, members[0]['subject'], day] = subject_day.get((cls, members[0]['subject'], day), 0) + 1
        day_count[cls, day] = day_count.get((cls, day), 0) + 1

    for members in work:
        cls, subject = members[0]['class_id'], members[0]['subject']
        for _hour in range(int(members[0]['hours'])):
            candidates = []
            for week in (days, extra_days):
                for day in week:
                    for period in range(1, periods + 1):
                        if free(members, day, period):
                            candidates.append((subject_day.get((cls, subject, day), 0),
                                               day_count.get((cls, day), 0), period, rng.random(), day))
                if candidates:
                    break
            if not candidates:
                for m in members:
                    unplaced.append((m['key'], 1))
                continue
            best = min(candidates)
            place(members, best[4], best[2])
    merged = {}
    for key, hours in unplaced:
        merged[key] = merged.get(key, 0) + hours
    return {'slots': slots, 'unplaced': sorted(merged.items(), key=lambda kv: str(kv[0]))}
