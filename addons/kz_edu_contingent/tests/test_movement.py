from odoo.exceptions import UserError, ValidationError

from .common import ContingentCase


class TestMovement(ContingentCase):
    """Movement orders are the only way a class changes; each bad case is refused with a message (ACC-14)."""

    def test_admission_opens_class_history(self):
        o = self.admit(self.kids[:3], self.c5a)
        self.assertEqual(o.state, 'done')
        self.assertNotEqual(o.name, '/')
        for kid in self.kids[:3]:
            self.assertEqual(kid.state, 'enrolled')
            self.assertEqual(kid.class_id, self.c5a)
            self.assertEqual(kid.admission_date, '2026-09-01')
            self.assertEqual(len(kid.enrollment_ids), 1)
            self.assertFalse(kid.enrollment_ids.date_to)
        self.assertEqual(self.c5a.student_count, 3)

    def test_transfer_closes_one_stay_and_opens_another(self):
        kid = self.kids[0]
        self.admit(kid, self.c5a)
        self.order('transfer', '2026-10-15', [{'student_id': kid.id, 'to_class_id': self.c5b.id}]).action_confirm()
        self.assertEqual(kid.class_id, self.c5b)
        history = kid.enrollment_ids.sorted('date_from')
        self.assertEqual(history.mapped('class_id'), self.c5a | self.c5b)
        self.assertEqual(history[0].date_to, '2026-10-14')
        self.assertEqual(history[1].date_from, '2026-10-15')

    def test_departure_keeps_the_student_and_the_history(self):
        kid = self.kids[0]
        self.admit(kid, self.c5a)
        self.order('departure', '2026-11-02', [{'student_id': kid.id, 'destination': 'Алматы, № 5 мектеп'}],
                   reason=self.reason_out).action_confirm()
        self.assertEqual(kid.state, 'left')
        self.assertEqual(kid.leave_reason_id, self.reason_out)
        self.assertEqual(kid.enrollment_ids.date_to, '2026-11-01')
        with self.assertRaises(UserError):
            kid.unlink()

    def test_order_without_reason_refused(self):
        o = self.order('departure', '2026-11-02', [{'student_id': self.kids[0].id}])
        self.admit(self.kids[0], self.c5a)
        with self.assertRaises(ValidationError) as ctx:
            o.action_confirm()
        self.assertIn('reason', ctx.exception.name)
        self.assertEqual(self.kids[0].state, 'enrolled')

    def test_transfer_to_abroad_needs_destination(self):
        self.admit(self.kids[0], self.c5a)
        o = self.order('departure', '2026-11-02', [{'student_id': self.kids[0].id}],
                       reason=self.env.ref('kz_edu_contingent.reason_out_abroad'))
        with self.assertRaises(ValidationError):
            o.action_confirm()

    def test_transfer_dated_before_admission_refused(self):
        self.admit(self.kids[0], self.c5a, date='2026-10-01')
        o = self.order('transfer', '2026-09-15', [{'student_id': self.kids[0].id, 'to_class_id': self.c5b.id}])
        with self.assertRaises(ValidationError) as ctx:
            o.action_confirm()
        self.assertIn('2026-10-01', ctx.exception.name)
        self.assertEqual(self.kids[0].class_id, self.c5a)

    def test_student_in_two_classes_at_once_refused(self):
        self.admit(self.kids[0], self.c5a)
        with self.assertRaises(ValidationError):
            self.admit(self.kids[0], self.c5b)
        # nor through the history directly
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env['kz.edu.enrollment'].create({'student_id': self.kids[0].id, 'class_id': self.c5b.id,
                                                  'date_from': '2026-10-01'})

    def test_student_of_another_school_or_class_of_another_school_refused(self):
        with self.assertRaises(ValidationError):
            self.admit(self.kid_b, self.c5a)
        with self.assertRaises(ValidationError):
            self.admit(self.kids[0], self.c5a_b)

    def test_class_of_a_year_not_containing_the_date_refused(self):
        with self.assertRaises(ValidationError):
            self.admit(self.kids[0], self.c4a_prev, date='2026-09-01')

    def test_confirmed_order_is_immutable(self):
        o = self.admit(self.kids[0], self.c5a)
        with self.assertRaises(UserError):
            o.date = '2026-09-02'
        with self.assertRaises(UserError):
            o.unlink()
        with self.assertRaises(UserError):
            o.action_confirm()

    def test_promotion_is_one_audited_order_per_class_and_never_runs_twice(self):
        self.admit(self.kids[:4], self.c4a_prev, date='2025-09-01')
        self.admit(self.kids[4:5], self.c5a)  # another class, another year: untouched
        Order = self.env['kz.edu.movement.order']
        orders = Order.prepare_promotion(self.c4a_prev, '2026-05-25')
        self.assertEqual(len(orders), 1)
        self.assertEqual(orders.kind, 'promotion')
        self.assertEqual(orders.from_class_id, self.c4a_prev)
        self.assertEqual(len(orders.line_ids), 4)
        self.assertEqual(orders.line_ids.mapped('to_class_id'), self.c5a)  # existing 5 «А» of the next year
        # a student who repeats the year is removed from the draft before confirming
        orders.line_ids.filtered(lambda l: l.student_id == self.kids[3]).unlink()
        orders.action_confirm()
        self.assertEqual(set(self.kids[:3].mapped('class_id').ids), {self.c5a.id})
        self.assertEqual(self.kids[3].class_id, self.c4a_prev)
        self.assertEqual(self.kids[0].enrollment_ids.sorted('date_from')[0].date_to, '2026-08-31')
        # running the promotion again prepares nothing and a duplicate order is refused
        self.assertFalse(Order.prepare_promotion(self.c4a_prev, '2026-05-26'))
        again = self.order('promotion', '2026-05-27', [{'student_id': self.kids[0].id, 'from_class_id': self.c4a_prev.id,
                                                        'to_class_id': self.c5a.id}])
        with self.assertRaises(ValidationError):
            again.action_confirm()

    def test_promotion_creates_missing_next_class_and_graduation_for_final_grade(self):
        c11 = self.env['kz.edu.class'].create({'company_id': self.school_a.id, 'academic_year_id': self.year.id,
                                               'grade_id': self.grade[11].id, 'letter': 'А',
                                               'instruction_lang': 'ru'})
        c9 = self.env['kz.edu.class'].create({'company_id': self.school_a.id, 'academic_year_id': self.year.id,
                                              'grade_id': self.grade[9].id, 'letter': 'В', 'instruction_lang': 'ru',
                                              'shift': '2'})
        self.admit(self.kids[:2], c11)
        self.admit(self.kids[2:3], c9)
        orders = self.env['kz.edu.movement.order'].prepare_promotion(c11 | c9, '2027-05-25')
        grad = orders.filtered(lambda o: o.kind == 'graduation')
        promo = orders - grad
        self.assertEqual(len(grad.line_ids), 2)
        target = promo.line_ids.to_class_id
        self.assertEqual((target.grade_id.sequence, target.letter, target.instruction_lang, target.shift),
                         (10, 'В', 'ru', '2'))
        self.assertEqual(target.academic_year_id.name, '2027-2028')
        orders.action_confirm()
        self.assertEqual(set(self.kids[:2].mapped('state')), {'graduated'})
        self.assertEqual(self.kids[2].class_id, target)

    def test_academic_years_do_not_overlap(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Year.create({'name': 'X', 'date_start': '2027-01-01', 'date_end': '2027-12-31'})
