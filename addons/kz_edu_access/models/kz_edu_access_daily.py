from odoo import api, fields, models, tools

from .. import access_rules


class KzEduAccessDaily(models.Model):
    """A student's day at school: first entry and last exit (SQL view over the recorded events; the rule is
    access_rules.day_bounds, its SQL access_rules.day_bounds_sql)."""
    _name = 'kz.edu.access.daily'
    _description = 'Student entry and exit by day'
    _auto = False
    _order = 'date desc, class_id, student_id'

    date = fields.Date(readonly=True)
    student_id = fields.Many2one('kz.edu.student', readonly=True)
    class_id = fields.Many2one('kz.edu.class', readonly=True)
    company_id = fields.Many2one('res.company', readonly=True)
    first_in = fields.Datetime(string='First entry', readonly=True)
    last_out = fields.Datetime(string='Last exit', readonly=True)
    taps = fields.Integer(readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW %s AS (
                SELECT min(e.id) AS id, e.local_date AS date, e.student_id, e.class_id, e.company_id,
                       %s, count(*) AS taps
                  FROM kz_edu_access_event e
                 WHERE e.state = '%s'
                 GROUP BY e.local_date, e.student_id, e.class_id, e.company_id
            )""" % (self._table, access_rules.day_bounds_sql('e'), access_rules.ACCEPTED))


class KzEduStudent(models.Model):
    _inherit = 'kz.edu.student'

    kz_arrived_today = fields.Boolean(string='Arrived today', compute='_compute_kz_arrived_today',
                                      search='_search_kz_arrived_today',
                                      help='Entered the school today (a recorded card entry).')

    def _kz_today(self):
        return self.env.context.get('kz_today_override') or fields.Date.context_today(self)

    def _kz_arrived_ids(self):
        self.env.cr.execute("""
            SELECT DISTINCT student_id FROM kz_edu_access_event
             WHERE %s AND local_date = %%s""" % access_rules.came_in_sql(), (self._kz_today(),))
        return [row[0] for row in self.env.cr.fetchall()]

    def _compute_kz_arrived_today(self):
        arrived = set(self._kz_arrived_ids())
        for s in self:
            s.kz_arrived_today = s.id in arrived

    def _search_kz_arrived_today(self, operator, value):
        positive = (operator == '=') == bool(value)
        return [('id', 'in' if positive else 'not in', self._kz_arrived_ids())]


class KzEduClass(models.Model):
    _inherit = 'kz.edu.class'

    kz_enrolled_count = fields.Integer(string='Students', compute='_compute_kz_attendance_today',
                                       help='Students enrolled in the class now.')
    kz_arrived_count = fields.Integer(string='Arrived today', compute='_compute_kz_attendance_today',
                                      help='Students of the class with a recorded card entry today.')
    kz_absent_count = fields.Integer(string='Not arrived', compute='_compute_kz_attendance_today',
                                     help='Students of the class without a card entry today.')
    kz_attendance_rate = fields.Float(string='Attendance, %', compute='_compute_kz_attendance_today', digits=(5, 1))

    def _compute_kz_attendance_today(self):
        """Today's attendance of the classes by count (issue #13.5: «Attendance today» showed no figures): two
        grouped queries for all the classes shown, whatever their number."""
        ids = [c.id for c in self if c.id]
        enrolled, arrived = {}, {}
        if ids:
            today = self.env['kz.edu.student']._kz_today()
            self.env.cr.execute("""SELECT class_id, count(*) FROM kz_edu_student
                                    WHERE class_id IN %s AND state = 'enrolled' GROUP BY class_id""", (tuple(ids),))
            enrolled = dict(self.env.cr.fetchall())
            self.env.cr.execute("""SELECT s.class_id, count(DISTINCT s.id) FROM kz_edu_student s
                                     JOIN kz_edu_access_event e ON e.student_id = s.id
                                    WHERE s.class_id IN %%s AND s.state = 'enrolled' AND %s
                                      AND e.local_date = %%s
                                    GROUP BY s.class_id""" % access_rules.came_in_sql('e'), (tuple(ids), today))
            arrived = dict(self.env.cr.fetchall())
        for c in self:
            total, came = enrolled.get(c.id, 0), arrived.get(c.id, 0)
            c.kz_enrolled_count = total
            c.kz_arrived_count = came
            c.kz_absent_count = total - came
            c.kz_attendance_rate = round(100.0 * came / total, 1) if total else 0.0
