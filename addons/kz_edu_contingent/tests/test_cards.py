"""Student ID cards (HSC-01) and what a parent may see of them (SEC-06)."""
import base64
import datetime
import io
import re
import subprocess
import tempfile

from PIL import Image

from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.kz_edu_base.internal import internal_context
from odoo.addons.kz_edu_base.tests.common import KzEduCase


class TestCards(KzEduCase):

    @classmethod
    def _enrolled(cls, vals):
        """A student created enrolled in a class without an admission order: only server code may (the movement lock,
        kz_edu_base/internal.py); the record comes back in the test's plain environment."""
        Student = cls.env['kz.edu.student']
        return Student.browse(Student.with_context(**internal_context(kz_lock_internal=True)).create(vals).id)

    @classmethod
    def setUpClass(cls):
        super(TestCards, cls).setUpClass()
        year = cls.env['kz.edu.academic.year'].ensure_year(2026)
        cls.class_a = cls.env['kz.edu.class'].create({
            'company_id': cls.school_a.id, 'academic_year_id': year.id,
            'grade_id': cls.env.ref('kz_edu_contingent.grade_5').id, 'letter': 'Ә'})
        photo = io.BytesIO()
        Image.new('RGB', (96, 120), (200, 120, 60)).save(photo, 'PNG')
        cls.student_a.image = base64.b64encode(photo.getvalue())
        cls.child_a = cls._enrolled({'partner_id': cls.student_a.id, 'company_id': cls.school_a.id,
                                      'class_id': cls.class_a.id, 'state': 'enrolled'})
        # another family's child in the same school and class: only the parent rule keeps the mother out
        cls.other_partner = cls.env['res.partner'].create({'name': 'Басқа Оқушы', 'kz_iin': cls.new_iin(),
                                                           'company_id': cls.school_a.id})
        cls.child_c = cls._enrolled({'partner_id': cls.other_partner.id, 'company_id': cls.school_a.id,
                                      'class_id': cls.class_a.id, 'state': 'enrolled'})
        cls.env['kz.edu.guardian'].create({'student_id': cls.child_a.id, 'partner_id': cls.mother_a.id,
                                           'relation': 'mother'})
        cls.parent_user = cls.make_user('kz_card_parent', ['kz_edu_base.group_parent'], cls.school_a,
                                        partner=cls.mother_a)
        cls.Card = cls.env['kz.edu.card']

    def _card(self, student, uid, kind='rfid'):
        return self.Card.create({'uid': uid, 'kind': kind, 'student_id': student.id})

    def test_one_active_card_per_student_HSC01(self):
        self._card(self.child_a, '04A1B2C3')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._card(self.child_a, '04A1B2C4')
        self.assertEqual(self.Card.search_count([('student_id', '=', self.child_a.id)]), 1)

    def test_uid_already_used_by_someone_else_refused_HSC01(self):
        self._card(self.child_a, '04A1B2C3')
        # the same card as the reader may send it, spaced and in lower case
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._card(self.child_c, ' 04a1 b2c3 ')
        # also once the first card is blocked: a UID is never reused
        self.child_a.card_ids.action_block('lost')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._card(self.child_c, '04A1B2C3')

    def test_block_then_replace_keeps_history_HSC01(self):
        old = self._card(self.child_a, '04A1B2C3')
        old.action_block('lost')
        self.assertEqual((old.state, old.block_reason), ('blocked', 'lost'))
        self.assertTrue(old.block_date)
        new = old.action_replace('04FFEE01')
        self.assertEqual(old.state, 'replaced')
        self.assertEqual(old.replaced_by_id, new)
        self.assertEqual((new.state, new.kind, new.student_id), ('active', 'rfid', self.child_a))
        self.assertEqual(self.child_a.card_ids, old | new)
        self.child_a.invalidate_cache(['active_card_id'])
        self.assertEqual(self.child_a.active_card_id, new)
        with self.assertRaises(UserError):
            old.action_replace('04FFEE02')

    def test_card_is_never_deleted_HSC01(self):
        card = self._card(self.child_a, '04A1B2C3')
        with self.assertRaises(UserError):
            card.unlink()
        card.action_block('damaged')
        with self.assertRaises(UserError):
            card.unlink()
        self.assertTrue(card.exists())

    def test_find_active_tells_unknown_blocked_active_HSC01(self):
        card = self._card(self.child_a, '04A1B2C3')
        self.assertEqual(self.Card.find_active('04 a1 b2 c3'), (card, None))
        self.assertEqual(self.Card.find_active('DEADBEEF')[1], 'unknown')
        self.assertFalse(self.Card.find_active('DEADBEEF')[0])
        card.action_block('lost')
        self.assertEqual(self.Card.find_active('04A1B2C3'), (card, 'blocked'))

    def test_issue_barcode_cards_to_students_without_an_active_card_HSC01(self):
        rfid = self._card(self.child_c, '04A1B2C3')
        applicant = self.env['kz.edu.student'].create({'name': 'Үміткер', 'company_id': self.school_a.id})
        students = self.child_a | self.child_c | applicant
        new = students._issue_barcode_cards()
        self.assertEqual(new.mapped('student_id'), self.child_a)    # C has an RFID card, an applicant gets none
        self.assertEqual(new.kind, 'barcode')
        self.assertEqual(new.uid, self.Card.barcode_uid(self.child_a))
        self.assertEqual(self.child_a.active_card_id, new)
        self.assertEqual(rfid.state, 'active')
        self.assertFalse(students._issue_barcode_cards())           # nothing twice
        # a lost barcode card: the new card gets a new number, the old one is blocked and marked replaced
        new.action_block('lost')
        again = self.child_a._issue_barcode_cards()
        self.assertEqual(again.uid, self.Card.barcode_uid(self.child_a) + 'R1')
        self.assertEqual((new.state, new.replaced_by_id), ('replaced', again))
        self.assertEqual(self.Card.find_active(new.uid)[1], 'blocked')
        self.assertIsNone(self.Card.find_active(again.uid)[1])
        # the Action menu entry issues (nothing new here) and returns the printing action of the cards
        server_action = self.env.ref('kz_edu_contingent.kz_edu_student_action_issue_barcode_card')
        action = server_action.with_context(active_model='kz.edu.student', active_id=self.child_a.id,
                                            active_ids=(self.child_a | self.child_c).ids).run()
        self.assertEqual(action['type'], 'ir.actions.report')
        self.assertEqual(action['report_name'], 'kz_edu_contingent.kz_edu_student_card_document')
        self.assertEqual(action['context']['active_ids'], self.child_a.ids)   # C's card is RFID: nothing to print

    def test_issuing_cards_needs_the_right_to_create_cards_HSC01(self):
        with self.assertRaises(AccessError):
            self.child_a.sudo(self.parent_user)._issue_barcode_cards()

    def test_card_sheet_renders_name_photo_and_code128_as_pdf_HSC01(self):
        self.child_a._issue_barcode_cards()
        report = self.env.ref('kz_edu_contingent.kz_edu_student_card_report')
        self.assertEqual(report.paperformat_id.format, 'A4')
        html = report.render_qweb_html(self.child_a.ids)[0].decode()
        self.assertIn(self.child_a.name, html)
        self.assertIn(self.school_a.name, html)
        self.assertIn('5 «Ә»', html)
        self.assertIn(self.child_a.student_number, html)
        self.assertIn('2026-2027', html)
        self.assertIn('ОҚУШЫ БИЛЕТІ', html)
        self.assertIn('УЧЕНИЧЕСКИЙ БИЛЕТ', html)
        self.assertIn('<svg', html)                                  # Code 128 drawn inline, no HTTP route
        self.assertIn('>%s</text>' % self.Card.barcode_uid(self.child_a), html)
        self.assertRegex(html, r'kz_card_photo">\s*<img[^>]* src="data:image/png;base64,')  # the photo, embedded
        self.assertNotIn('/report/barcode', html)
        self.assertEqual(self.env['ir.actions.report'].get_wkhtmltopdf_state(), 'ok')
        pdf = report._run_wkhtmltopdf([html.encode()])
        self.assertTrue(pdf.startswith(b'%PDF'))
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(pdf)
            f.flush()
            text = subprocess.check_output(['pdftotext', '-layout', f.name, '-']).decode()
        self.assertIn(self.child_a.name, text)
        self.assertIn(self.Card.barcode_uid(self.child_a), text)

    def test_card_sheet_has_ten_cards_per_a4_page_HSC01(self):
        students = self.env['kz.edu.student']
        for i in range(11):
            students |= self._enrolled({'name': 'Оқушы %02d' % i, 'company_id': self.school_a.id,
                                        'class_id': self.class_a.id, 'state': 'enrolled'})
        students._issue_barcode_cards()
        report = self.env.ref('kz_edu_contingent.kz_edu_student_card_report')
        html = report.render_qweb_html(students.ids)[0].decode()
        self.assertEqual(html.count('class="kz_card"'), 11)
        self.assertEqual(html.count('class="kz_card_sheet kz_card_sheet_break"'), 1)  # a break after ten
        self.assertEqual(html.count('<svg height='), 11)                    # one Code 128 each
        pdf = report._run_wkhtmltopdf([html.encode()])
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(pdf)
            f.flush()
            info = subprocess.check_output(['pdfinfo', f.name]).decode()
        self.assertEqual(re.search(r'Pages:\s+(\d+)', info).group(1), '2')
        self.assertIn('595 x 842 pts (A4)', info)

    def test_printed_card_is_cr80_size_on_a4_HSC01(self):
        """Cut along the dashed lines, a card is 85.6 x 54 mm (CR80) on paper, whatever wkhtmltopdf's shrinking."""
        self.child_a._issue_barcode_cards()
        report = self.env.ref('kz_edu_contingent.kz_edu_student_card_report')
        html = report.render_qweb_html((self.child_a | self.child_c).ids)[0]
        bodies, _ids, header, footer, args = report._prepare_html(html)
        pdf = report._run_wkhtmltopdf(bodies, header=header, footer=footer, specific_paperformat_args=args)
        with tempfile.TemporaryDirectory() as tmp:
            with open(tmp + '/cards.pdf', 'wb') as f:
                f.write(pdf)
            subprocess.check_call(['pdftoppm', '-r', '254', '-png', '-f', '1', '-l', '1', '-singlefile',
                                   tmp + '/cards.pdf', tmp + '/page'])   # 254 dpi: 10 pixels per mm
            page = Image.open(tmp + '/page.png').convert('L')
        ink = page.point(lambda v: 255 if v < 200 else 0).getbbox()     # the two cards side by side
        width_mm, height_mm = (ink[2] - ink[0]) / 10.0, (ink[3] - ink[1]) / 10.0
        self.assertAlmostEqual(width_mm, 2 * 85.6, delta=1.5)
        self.assertAlmostEqual(height_mm, 54, delta=1.5)

    def test_student_without_photo_gets_a_placeholder(self):
        self.assertFalse(self.child_c.image_medium)
        report = self.env.ref('kz_edu_contingent.kz_edu_student_card_report')
        html = report.render_qweb_html(self.child_c.ids)[0].decode()
        self.assertIn('viewBox="0 0 22 28"', html)                  # the silhouette
        self.assertNotIn('<svg height=', html)                      # no barcode: the child has no card

    def test_parent_reads_own_child_and_cards_only_SEC06(self):
        card_a = self._card(self.child_a, '04A1B2C3')
        card_c = self._card(self.child_c, '04A1B2C4')
        as_parent = self.env(user=self.parent_user.id)
        self.assertEqual(as_parent['kz.edu.student'].search([]), self.child_a)
        self.assertEqual(as_parent['kz.edu.card'].search([]), card_a)
        self.assertEqual(as_parent['kz.edu.card'].browse(card_a.id).uid, '04A1B2C3')
        self.assertEqual(as_parent['kz.edu.student'].browse(self.child_a.id).active_card_id, card_a)
        self.assertEqual(as_parent['kz.edu.student'].browse(self.child_a.id).class_id.name, '5 «Ә»')
        with self.assertRaises(AccessError):
            as_parent['kz.edu.card'].browse(card_c.id).read(['uid'])
        with self.assertRaises(AccessError):
            as_parent['kz.edu.student'].browse(self.child_c.id).read(['name'])
        with self.assertRaises(AccessError):
            as_parent['kz.edu.card'].browse(card_a.id).action_block('lost')
        with self.assertRaises(AccessError):
            as_parent['kz.edu.card'].create({'uid': '04A1B2C5', 'student_id': self.child_a.id})

    def test_parent_portal_page_values_SEC06_HSC07(self):
        """What the child's portal page shows, computed as the parent (controller helper without HTTP)."""
        consent = self.env['kz.edu.consent'].create({
            'partner_id': self.student_a.id, 'purpose': 'card_entry', 'given_by_id': self.mother_a.id,
            'date_given': datetime.date.today().strftime('%Y-%m-%d'), 'company_id': self.school_a.id})
        self.env['kz.edu.consent'].create({  # given by someone else: not on her page
            'partner_id': self.student_a.id, 'purpose': 'photo', 'given_by_id': self.student_a.id,
            'company_id': self.school_a.id})
        as_parent = self.env(user=self.parent_user.id)
        self.assertEqual(as_parent['kz.edu.consent'].search([('partner_id', '=', self.student_a.id),
                                                             ('given_by_id', '=', self.mother_a.id)]), consent)
        children = as_parent['kz.edu.student'].search([('guardian_ids.partner_id', '=', self.mother_a.id)])
        self.assertEqual(children, self.child_a)
        self.assertFalse(as_parent['kz.edu.student'].search([('guardian_ids.partner_id', '=', self.mother_a.id),
                                                             ('id', '=', self.child_c.id)]))
