import datetime

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import KzEduCase


class TestConsent(KzEduCase):

    def _consent(self, **kw):
        vals = {'partner_id': self.student_a.id, 'purpose': 'card_entry', 'given_by_id': self.mother_a.id,
                'date_given': '2026-09-01', 'company_id': self.school_a.id}
        vals.update(kw)
        return self.env['kz.edu.consent'].create(vals)

    def test_has_consent_by_date_and_purpose_SEC01_HSC01(self):
        Consent = self.env['kz.edu.consent']
        c = self._consent()
        people = self.student_a | self.student_b
        self.assertEqual(Consent.has_consent(people, 'card_entry', '2026-09-02'), self.student_a)
        self.assertFalse(Consent.has_consent(people, 'card_entry', '2026-08-31'))
        self.assertFalse(Consent.has_consent(people, 'meals', '2026-09-02'))
        c.write({'date_withdrawn': '2026-10-01'})
        self.assertEqual(c.state, 'withdrawn')
        self.assertEqual(Consent.has_consent(people, 'card_entry', '2026-09-30'), self.student_a)
        self.assertFalse(Consent.has_consent(people, 'card_entry', '2026-10-01'))

    def test_withdraw_keeps_history_and_cannot_be_repeated(self):
        c = self._consent()
        c.action_withdraw()
        self.assertEqual(c.state, 'withdrawn')
        # the school's day (Asia/Almaty), not the server's UTC one: from 19:00 UTC it is already tomorrow there
        self.assertEqual(c.date_withdrawn, fields.Date.to_string(c.company_id.kz_today()))
        with self.assertRaises(UserError):
            c.action_withdraw()
        # a new consent can be given after withdrawal; history stays
        self._consent(date_given='2026-11-01')
        self.assertEqual(self.env['kz.edu.consent'].search_count([('partner_id', '=', self.student_a.id)]), 2)

    def test_consent_never_deleted(self):
        c = self._consent()
        with self.assertRaises(UserError):
            c.unlink()

    def test_one_active_consent_per_purpose(self):
        self._consent()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._consent(date_given='2026-09-05')
        self._consent(purpose='meals')

    def test_withdrawal_before_given_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._consent(date_withdrawn='2026-08-01')

    def test_consent_form_pdf_renders_with_wkhtmltopdf(self):
        """PDF reports work on this platform: Debian's wkhtmltopdf 0.12.6 renders a QWeb report of ours."""
        import subprocess
        import tempfile
        c = self._consent()
        report = self.env.ref('kz_edu_base.kz_edu_consent_report')
        html = report.render_qweb_html(c.ids)[0]
        self.assertIn(self.student_a.name, html.decode())
        self.assertEqual(self.env['ir.actions.report'].get_wkhtmltopdf_state(), 'ok')
        pdf = report._run_wkhtmltopdf([html])
        self.assertTrue(pdf.startswith(b'%PDF'))
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(pdf)
            f.flush()
            text = subprocess.check_output(['pdftotext', '-layout', f.name, '-']).decode()
        self.assertIn('КЕЛІСІМ', text)
        self.assertIn('СОГЛАСИЕ', text)
        self.assertIn(self.student_a.kz_iin, text)
