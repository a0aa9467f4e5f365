import datetime

from odoo.addons.kz_edu_contingent.tests.common import ContingentCase

UTC = datetime.timezone.utc


class AccessCase(ContingentCase):
    """School A with an entrance device (token 'test-token'), 5 «А» students with cards; kids[0] and kids[1]
    have the card-entry consent of their mother, kids[2] has none; kids[0] also the consent to notifications (her
    mother reads Kazakh); a staff member with a badge."""

    NOW = datetime.datetime(2026, 11, 20, 6, 0, tzinfo=UTC)     # 11:00 in Almaty

    @classmethod
    def setUpClass(cls):
        super(AccessCase, cls).setUpClass()
        cls.admit(cls.kids[:3], cls.c5a)
        cls.admit(cls.kids[3:4], cls.c5b)
        cls.device = cls.env['kz.edu.access.device'].create({'name': 'Entrance', 'company_id': cls.school_a.id})
        cls.device._set_token('test-token')
        Card = cls.env['kz.edu.card']
        cls.cards = [Card.create({'uid': 'C%07d' % n, 'student_id': k.id}) for n, k in enumerate(cls.kids[:4])]
        Consent = cls.env['kz.edu.consent']
        for kid in cls.kids[:2] | cls.kids[3]:
            Consent.create({'partner_id': kid.partner_id.id, 'purpose': 'card_entry', 'given_by_id': cls.mother_a.id,
                            'date_given': '2026-09-01', 'company_id': cls.school_a.id})
        Consent.create({'partner_id': cls.kids[0].partner_id.id, 'purpose': 'notifications',
                        'given_by_id': cls.mother_a.id, 'date_given': '2026-09-01', 'company_id': cls.school_a.id})
        cls.env['kz.edu.guardian'].create({'student_id': cls.kids[0].id, 'partner_id': cls.mother_a.id,
                                           'relation': 'mother', 'notify_by': 'mail'})
        cls.mother_a.write({'email': 'ana@example.kz', 'lang': 'kk_KZ'})
        cls.staff = cls.env['hr.employee'].create({'name': 'Мұғалім', 'company_id': cls.school_a.id,
                                                   'barcode': '90000001'})

    @classmethod
    def ev(cls, eid, card, direction='in', time='2026-11-20T07:58:00+05:00'):
        return {'id': eid, 'card': card, 'direction': direction, 'time': time}

    def ingest(self, events, device=None, now=None):
        return self.env['kz.edu.access.event'].ingest(device or self.device, {'events': events}, now=now or self.NOW)
