"""Staff have no e-mail address (issue #13.1): each demo user of school No. 1 — none has an address — creates the
documents of their job: the bookkeeper an obligation and a supplier bill, the deputy a movement order, the cashier a
top-up, the HR officer an employee. Before the fix each failed with «Unable to send email, please configure the
sender's email address». The chatter keeps the author and the school's address."""
import uuid

from odoo import fields, tools
from odoo.tests import common


@common.at_install(False)
@common.post_install(True)
class TestStaffWithoutEmail(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestStaffWithoutEmail, cls).setUpClass()
        # the chatter as in production (tracking on): tracking_disable would hide the problem
        cls.env = cls.env(context=dict(cls.env.context, lang='kk_KZ'))
        cls.school = cls.env.ref('kz_edu_base.company_school1_demo')
        cls.users = {u.login: u for u in cls.env['res.users'].search(
            [('login', 'in', ['bookkeeper', 'deputy', 'cashier', 'hr'])])}
        for user in cls.users.values():
            assert not user.email, '%s has an e-mail address in the demo' % user.login

    def _supplier(self, user):
        """A supplier of the school (the secretary records contacts; a bookkeeper may not create them)."""
        return self.env['res.partner'].create({'name': 'ЖШС «Тест-Жабдық» %s' % uuid.uuid4().hex[:6],
                                               'supplier': True, 'is_company': True, 'company_id': self.school.id})

    def assertLogged(self, record, user):
        """The creation is in the chatter, by the user, from an address (the school's or a no-reply one)."""
        messages = self.env['mail.message'].sudo().search([('model', '=', record._name), ('res_id', '=', record.id)])
        self.assertTrue(messages, 'nothing in the chatter of %s' % record)
        mine = messages.filtered(lambda m: m.author_id == user.partner_id)
        self.assertTrue(mine, messages.mapped('author_id.name'))
        sender = tools.decode_smtp_header(mine[0].email_from)       # the name is RFC 2047-encoded, as Odoo does
        self.assertIn(user.name, sender)
        self.assertIn('@', sender)

    def test_bookkeeper_creates_an_obligation_and_a_supplier_bill(self):
        bookkeeper = self.users['bookkeeper']
        Funding = self.env['kz.gov.funding.source']
        obligation = self.env['kz.gov.obligation'].sudo(bookkeeper).create({
            'name': 'ШЖ-%s' % uuid.uuid4().hex[:6], 'partner_id': self._supplier(bookkeeper).id,
            'company_id': self.school.id, 'funding_id': Funding.search([('code', '=', 'LOC')], limit=1).id,
            'ebk_id': self.env.ref('kz_gov_account.ebk_141').id, 'amount': 1000.0, 'subject': 'Тест'})
        self.assertLogged(obligation, bookkeeper)
        journal = self.env['account.journal'].sudo().search([('company_id', '=', self.school.id),
                                                             ('type', '=', 'purchase')], limit=1)
        bill = self.env['account.invoice'].sudo(bookkeeper).create({
            'type': 'in_invoice', 'partner_id': self._supplier(bookkeeper).id, 'company_id': self.school.id,
            'journal_id': journal.id})
        self.assertLogged(bill, bookkeeper)

    def test_deputy_creates_a_movement_order(self):
        deputy = self.users['deputy']
        order = self.env['kz.edu.movement.order'].sudo(deputy).create({
            'kind': 'admission', 'company_id': self.school.id, 'date': fields.Date.context_today(self.env.user)})
        self.assertLogged(order, deputy)

    def test_cashier_creates_a_topup(self):
        cashier = self.users['cashier']
        student = self.env['kz.edu.student'].search([('company_id', '=', self.school.id),
                                                     ('state', '=', 'enrolled')], limit=1)
        topup = self.env['kz.canteen.topup'].sudo(cashier).create({
            'company_id': self.school.id, 'student_id': student.id, 'amount': 500.0, 'method': 'cash',
            'reference': uuid.uuid4().hex[:12]})
        self.assertLogged(topup, cashier)

    def test_hr_officer_creates_an_employee(self):
        hr = self.users['hr']
        employee = self.env['hr.employee'].sudo(hr).create({'name': 'Жаңа Қызметкер', 'company_id': self.school.id})
        self.assertLogged(employee, hr)
