# -*- coding: utf-8 -*-
"""The monthly report on free and subsidised meals sent to the education authority (HSC-10): one record per school
and month keeps the figures, the XLSX and PDF files that were sent, the address, and whether the sending worked.

The cron of the 1st (data/ir_cron_data.xml) makes the report of the previous month for every school with a meal
report recipient (res.company.kz_canteen_authority_email) that has not been sent yet, and queues it by e-mail
(mail.template kz_canteen.mail_template_monthly_report → mail.mail with the two files). A month without meals gives
a report of zeros. One school's failure does not stop the others: its record is marked failed with the reason, and
the bookkeeper sends it again from the record or from the report wizard.
"""
import base64
import logging
import threading

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from .. import meal_report as mr

_logger = logging.getLogger(__name__)

XLSX_MIMETYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
FILE_NAME = 'meals_%s_%04d-%02d.%s'         # school id, year, month, extension
MAIL_TEMPLATE = 'kz_canteen.mail_template_monthly_report'


class KzCanteenMonthlyReport(models.Model):
    _name = 'kz.canteen.monthly.report'
    _description = 'Monthly report on free and subsidised meals'
    _order = 'month desc, company_id'

    name = fields.Char(compute='_compute_name', store=True)
    month_text = fields.Char(string='Month (MM.YYYY)', compute='_compute_name', store=True)
    company_id = fields.Many2one('res.company', string='School', required=True, readonly=True, index=True,
                                 ondelete='cascade')
    month = fields.Date(required=True, readonly=True, help='The 1st of the month reported on.')
    state = fields.Selection([('draft', 'Made'), ('sent', 'Sent'), ('failed', 'Failed')], string='Status',
                             required=True, default='draft', readonly=True)
    lang = fields.Selection([('kk_KZ', 'Kazakh'), ('ru_RU', 'Russian')], string='Language', readonly=True)
    email_to = fields.Char(string='Sent to', readonly=True)
    sent_on = fields.Datetime(string='Sent on', readonly=True)
    error = fields.Text(string='Reason of the failure', readonly=True)
    students = fields.Integer(readonly=True, help='Students who received free or subsidised meals.')
    meals = fields.Integer(string='Meals served', readonly=True)
    currency_id = fields.Many2one(related='company_id.currency_id', readonly=True)
    amount = fields.Monetary(string='Cost of the meals', readonly=True)
    funding_amount = fields.Monetary(string='Paid by the budget', readonly=True)
    attachment_ids = fields.Many2many('ir.attachment', 'kz_canteen_monthly_report_attachment_rel', 'report_id',
                                      'attachment_id', string='Files', readonly=True)
    mail_id = fields.Many2one('mail.mail', string='E-mail', readonly=True, ondelete='set null')

    _sql_constraints = [
        ('company_month_unique', 'unique(company_id, month)', 'The report of this school and month already exists.'),
    ]

    @api.depends('company_id', 'month')
    def _compute_name(self):
        for rec in self:
            month = fields.Date.from_string(rec.month) if rec.month else None
            rec.month_text = month.strftime('%m.%Y') if month else ''
            rec.name = '%s, %s' % (rec.company_id.name or '', rec.month_text)

    # ------------------------------------------------------------------------------------------------ cron

    @api.model
    def _school_lang(self, company):
        """The language of the letter and the files: Russian for a Russian-language school, else Kazakh."""
        return 'ru_RU' if company.kz_instruction_lang == 'ru' else 'kk_KZ'

    @api.model
    def _kz_autocommit(self):
        """Commit after each school, except in tests. Rendering a PDF outside tests may commit the transaction
        itself (Odoo saves the report's asset bundle with commit_assetsbundle), which a savepoint cannot survive;
        in tests the PDF is rendered as HTML and savepoints isolate the schools instead."""
        return not (tools.config['test_enable'] or getattr(threading.currentThread(), 'testing', False))

    @api.model
    def _cron_send_monthly_reports(self, today=None):
        """On the 1st: the previous month's report of every school with a meal report recipient, made and queued
        once (a month already sent is skipped, so running again on the same day sends nothing twice). Returns the
        number of reports sent. One school's failure does not stop the others."""
        Pos = self.env['kz.canteen.pos']
        autocommit = self._kz_autocommit()
        schools = self.env['res.company'].sudo().search([('kz_canteen_authority_email', '!=', False)])
        sent = 0
        for school in schools:
            day = mr.to_date(today) if today else Pos._kz_local_date(school)
            month = mr.previous_month(day)
            done = self.sudo().search([('company_id', '=', school.id), ('month', '=', fields.Date.to_string(month)),
                                       ('state', '=', 'sent')], limit=1)
            if done:
                continue
            generate = self.sudo().with_context(kz_canteen_today=fields.Date.to_string(day))._kz_generate
            try:
                if autocommit:
                    generate(school, month, send=True)
                    self.env.cr.commit()
                else:
                    with self.env.cr.savepoint():
                        generate(school, month, send=True)
                sent += 1
            except Exception as e:
                if autocommit:
                    self.env.cr.rollback()
                    self.env.clear()
                _logger.exception('Monthly meal report of %s for %s not sent', school.name, month.strftime('%m.%Y'))
                self.sudo()._kz_record(school, month).write({'state': 'failed', 'error': '%s' % e})
                if autocommit:
                    self.env.cr.commit()
        return sent

    # ------------------------------------------------------------------------------------------------ making

    @api.model
    def _kz_record(self, company, month):
        month = fields.Date.to_string(month)
        return self.search([('company_id', '=', company.id), ('month', '=', month)], limit=1) or \
            self.create({'company_id': company.id, 'month': month})

    @api.model
    def _kz_generate(self, company, month, lang=None, send=True):
        """Make (again) the report of ``company`` for ``month`` as XLSX and PDF in ``lang`` (the school's language
        by default), attach both files to the record and, with ``send``, queue them by e-mail to the school's meal
        report recipient. Called as superuser after the caller's checks (the cron, the wizard's button)."""
        month = mr.month_bounds(month)[0]
        lang = lang or self._school_lang(company)
        record = self._kz_record(company, month)
        wizard = self.env['kz.canteen.report.wizard'].create({
            'company_id': company.id, 'month': fields.Date.to_string(month), 'lang': lang, 'document': 'monthly'})
        total = wizard.monthly_report()['total']         # refuses a month not finished
        xlsx = self.env.ref('kz_canteen.kz_canteen_meal_report_xlsx').render_xlsx(wizard.ids, None)[0]
        pdf = self.env.ref('kz_canteen.kz_canteen_meal_report_pdf').with_context(lang=lang).render_qweb_pdf(
            wizard.ids)[0]
        wizard.unlink()
        Attachment = self.env['ir.attachment']
        record.attachment_ids.unlink()
        attachments = Attachment.browse()
        for ext, content, mimetype in (('xlsx', xlsx, XLSX_MIMETYPE), ('pdf', pdf, 'application/pdf')):
            name = FILE_NAME % (company.id, month.year, month.month, ext)
            attachments |= Attachment.create({
                'name': name, 'datas_fname': name, 'datas': base64.b64encode(content), 'mimetype': mimetype,
                'res_model': self._name, 'res_id': record.id})
        record.write({'lang': lang, 'students': total['students'], 'meals': total['meals'],
                      'amount': float(total['amount']), 'funding_amount': float(total['funding_amount']),
                      'attachment_ids': [(6, 0, attachments.ids)], 'state': 'draft', 'error': False})
        if send:
            record._kz_send()
        return record

    @api.multi
    def _kz_send(self):
        """Queue the record's files to the school's meal report recipient (mail.mail, sent by the mail queue)."""
        template = self.env.ref(MAIL_TEMPLATE)
        for rec in self:
            address = rec.company_id.kz_canteen_authority_email
            if not address:
                raise UserError(_('%s has no recipient of the meal report.') % rec.company_id.name)
            mail_id = template.with_context(lang=rec.lang).send_mail(rec.id, email_values={
                'email_to': address, 'attachment_ids': rec.attachment_ids.ids, 'auto_delete': False})
            rec.write({'mail_id': mail_id, 'email_to': address, 'state': 'sent', 'error': False,
                       'sent_on': fields.Datetime.now()})
        return True

    @api.multi
    def action_send_again(self):
        """Make the report again and send it (a failed or corrected month)."""
        for rec in self:
            wizard = self.env['kz.canteen.report.wizard'].create({
                'company_id': rec.company_id.id, 'month': rec.month, 'lang': rec.lang or 'kk_KZ'})
            wizard._check_report_access()
            wizard._check_month_finished()
            if not rec.company_id.sudo().kz_canteen_authority_email:
                raise UserError(_('%s has no recipient of the meal report: set the e-mail of the education '
                                  'authority in the school settings.') % rec.company_id.name)
            self.sudo()._kz_generate(rec.company_id.sudo(), fields.Date.from_string(rec.month), lang=rec.lang,
                                    send=True)
        return True
