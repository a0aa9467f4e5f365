"""The printable student ID card (HSC-01): A4 sheets of ten CR80-sized cards with a Code 128 barcode of the card UID.

The barcode is drawn here, on the server, as inline SVG (python-barcode), not fetched from Odoo's
/report/barcode/ route: wkhtmltopdf would need the HTTP server for that, and a PDF printed from a cron, a test or a
server without a public URL would have no barcode. Vector bars also stay sharp on an ordinary office printer.
"""
import io
import re

from odoo import api, models

CARDS_PER_SHEET = 10  # 2 columns x 5 rows of 85.6 x 54 mm on A4 (see paperformat_kz_edu_card_sheet)

_SVG_START = re.compile(r'^.*?(?=<svg[\s>])', re.S)
_XML_COMMENT = re.compile(r'<!--.*?-->', re.S)
_IMAGE_TYPES = (('/9j/', 'image/jpeg'), ('iVBOR', 'image/png'), ('R0lG', 'image/gif'), ('PHN2', 'image/svg+xml'),
                ('PD94', 'image/svg+xml'))


def code128_svg(value, module_width=0.25, module_height=6.0, font_size=6, quiet_zone=1.5):
    """Code 128 of `value` as an inline <svg> element (no XML prolog), sizes in millimetres.
    Pure python (python-barcode), no Odoo: the same function serves a reader test or a label printer."""
    import barcode
    from barcode.writer import SVGWriter
    code = barcode.get('code128', value, writer=SVGWriter())
    out = io.BytesIO()
    code.write(out, options={'module_width': module_width, 'module_height': module_height,
                             'font_size': font_size, 'text_distance': font_size * 0.45, 'quiet_zone': quiet_zone,
                             'compress': False})
    svg = out.getvalue().decode('utf-8')
    return _XML_COMMENT.sub('', _SVG_START.sub('', svg, count=1)).strip()


def image_data_uri(b64):
    """A data: URI for a base64 image as Odoo stores it (bytes or str), with the MIME type read from its head."""
    if not b64:
        return False
    b64 = b64.decode('ascii') if isinstance(b64, bytes) else b64
    mime = next((m for head, m in _IMAGE_TYPES if b64.startswith(head)), 'image/png')
    return 'data:%s;base64,%s' % (mime, b64)


def chunks(items, size=CARDS_PER_SHEET):
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


class KzEduStudentCardReport(models.AbstractModel):
    _name = 'report.kz_edu_contingent.kz_edu_student_card_document'
    _description = 'Student ID cards (A4 sheets)'

    @api.model
    def get_report_values(self, docids, data=None):
        students = self.env['kz.edu.student'].browse(docids)
        return {
            'doc_ids': docids,
            'doc_model': 'kz.edu.student',
            'docs': students,
            'sheets': chunks(students),
            'card_barcode': lambda card: code128_svg(card.uid) if card and card.kind == 'barcode' else False,
            'photo_src': lambda student: image_data_uri(student.image_medium),
        }
