"""The demo school's parents get the taps of a school day at any hour a demo is built (the CI built one at 00:47 in
Almaty, when "today" had no taps yet, and the demo had no notification at all)."""
import datetime

import pytz

from odoo.tests.common import TransactionCase

from odoo.addons.kz_edu_access.models.kz_edu_access_demo import demo_notified_day

ALMATY = pytz.timezone('Asia/Almaty')


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.timezone.utc)


class TestDemoNotifiedDay(TransactionCase):

    def test_the_notified_day_has_its_morning_taps_already(self):
        # Tuesday 8 December 2026, 14:00 in Almaty (09:00 UTC): today
        self.assertEqual(demo_notified_day(utc(2026, 12, 8, 9, 0), ALMATY), datetime.date(2026, 12, 8))
        # Tuesday 00:47 in Almaty (Monday 19:47 UTC): Monday, the day before in Almaty
        self.assertEqual(demo_notified_day(utc(2026, 12, 7, 19, 47), ALMATY), datetime.date(2026, 12, 7))
        # Tuesday 08:00 in Almaty: some pupils are not in yet, so Monday
        self.assertEqual(demo_notified_day(utc(2026, 12, 8, 3, 0), ALMATY), datetime.date(2026, 12, 7))
        # Tuesday 08:20 in Almaty: the first shift is in
        self.assertEqual(demo_notified_day(utc(2026, 12, 8, 3, 20), ALMATY), datetime.date(2026, 12, 8))
        # Monday 00:30 in Almaty (Sunday 19:30 UTC) and a Saturday: Friday
        self.assertEqual(demo_notified_day(utc(2026, 12, 6, 19, 30), ALMATY), datetime.date(2026, 12, 4))
        self.assertEqual(demo_notified_day(utc(2026, 12, 5, 9, 0), ALMATY), datetime.date(2026, 12, 4))
