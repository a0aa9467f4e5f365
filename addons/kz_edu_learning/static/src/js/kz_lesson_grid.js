odoo.define('kz_edu_learning.lesson_grid', function (require) {
"use strict";
/**
 * The journal grid: a whole lesson on one screen, made for a teacher's phone (issue #19, LMS-12).
 *
 * Without a lesson it lists the teacher's lessons of a day (today first, the previous and next days one tap away);
 * with a lesson it shows every pupil on one line: one tap cycles the attendance (present → absent → late), one tap
 * opens the marks 1–10 under the pupil and a second sets the mark; a summative work adds a points field. Nothing is
 * sent until «Save» (one call to kz.edu.lesson.kz_grid_save, which checks everything on the server and refuses a
 * bad value with its reason: the screen keeps what was typed).
 */
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var Widget = require('web.Widget');

var QWeb = core.qweb;
var _t = core._t;

var ATTENDANCE_CYCLE = {present: 'absent', absent: 'late', late: 'present'};

var LessonGrid = Widget.extend(ControlPanelMixin, {
    template: 'kz_edu_learning.LessonGrid',
    events: {
        'click .o_kz_day_prev': '_onPrevDay',
        'click .o_kz_day_next': '_onNextDay',
        'click .o_kz_lesson_item': '_onOpenLesson',
        'click .o_kz_back': '_onBack',
        'click .o_kz_att': '_onToggleAttendance',
        'click .o_kz_mark_btn': '_onToggleKeypad',
        'click .o_kz_key': '_onKey',
        'change .o_kz_reason': '_onReason',
        'input .o_kz_points': '_onPoints',
        'click .o_kz_work_absent': '_onWorkAbsent',
        'click .o_kz_all_present': '_onAllPresent',
        'input .o_kz_topic': '_onTopic',
        'input .o_kz_homework': '_onHomework',
        'click .o_kz_save': '_onSave',
    },

    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.action_manager = parent;
        var params = (action && action.params) || {};
        // from a button (params.lesson_id) or an address: /web#action=kz_lesson_grid&lesson_id=42
        this.lessonId = parseInt(params.lesson_id, 10) || false;
        this.day = params.day || false;
        this.data = null;
        this.lessons = [];
        this.openKeypad = null;
        this.dirty = false;
        this.message = '';
    },

    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },

    start: function () {
        this._updateControlPanel();
        this._render();
        return this._super.apply(this, arguments);
    },

    do_show: function () {
        this._updateControlPanel();
        return this._super.apply(this, arguments);
    },

    _updateControlPanel: function () {
        this.update_control_panel({
            breadcrumbs: this.action_manager.get_breadcrumbs(),
            cp_content: {},
        });
    },

    _load: function () {
        var self = this;
        if (this.lessonId) {
            return this._rpc({model: 'kz.edu.lesson', method: 'kz_grid_data', args: [[this.lessonId]]})
                .then(function (data) {
                    self.data = data;
                    self.dirty = false;
                });
        }
        return this._rpc({model: 'kz.edu.lesson', method: 'kz_my_lessons', args: [this.day || false]})
            .then(function (lessons) {
                self.lessons = lessons;
            });
    },

    _render: function () {
        this.$('.o_kz_grid_body').html(QWeb.render('kz_edu_learning.LessonGridBody', {widget: this}));
    },

    _pupil: function (ev) {
        var id = parseInt($(ev.currentTarget).closest('[data-pupil]').data('pupil'), 10);
        return _.findWhere(this.data.pupils, {id: id});
    },

    _changed: function () {
        this.dirty = true;
        this.message = '';
    },

    // ------------------------------------------------------------------------------------------ day list
    _shiftDay: function (days) {
        var base = this.day ? moment(this.day, 'YYYY-MM-DD') : moment();
        this.day = base.add(days, 'days').format('YYYY-MM-DD');
        var self = this;
        return this._load().then(function () { self._render(); });
    },
    _onPrevDay: function () { return this._shiftDay(-1); },
    _onNextDay: function () { return this._shiftDay(1); },

    _onOpenLesson: function (ev) {
        this.lessonId = parseInt($(ev.currentTarget).data('lesson'), 10);
        var self = this;
        return this._load().then(function () { self._render(); });
    },

    _onBack: function () {
        if (this.dirty && !window.confirm(_t('Leave the lesson without saving?'))) {
            return;
        }
        this.lessonId = false;
        this.data = null;
        var self = this;
        return this._load().then(function () { self._render(); });
    },

    // ------------------------------------------------------------------------------------------ cells
    _onToggleAttendance: function (ev) {
        if (!this.data.can_edit) { return; }
        var pupil = this._pupil(ev);
        pupil.attendance = ATTENDANCE_CYCLE[pupil.attendance] || 'present';
        if (pupil.attendance === 'absent') {
            pupil.mark = 0;
        } else {
            pupil.reason = '';
        }
        this._changed();
        this._render();
    },

    _onToggleKeypad: function (ev) {
        if (!this.data.can_edit || !this.data.has_marks) { return; }
        var pupil = this._pupil(ev);
        this.openKeypad = this.openKeypad === pupil.id ? null : pupil.id;
        this._render();
    },

    _onKey: function (ev) {
        var pupil = this._pupil(ev);
        var value = parseInt($(ev.currentTarget).data('mark'), 10);
        pupil.mark = pupil.mark === value ? 0 : value;
        if (pupil.mark && pupil.attendance === 'absent') {
            pupil.attendance = 'present';
            pupil.reason = '';
        }
        this.openKeypad = null;
        this._changed();
        this._render();
    },

    _onReason: function (ev) {
        this._pupil(ev).reason = $(ev.currentTarget).val();
        this._changed();
    },

    _onPoints: function (ev) {
        var pupil = this._pupil(ev);
        var text = $(ev.currentTarget).val().replace(',', '.');
        pupil.points = text === '' ? null : text;
        pupil.points_changed = true;
        this._changed();
    },

    _onWorkAbsent: function (ev) {
        var pupil = this._pupil(ev);
        pupil.work_absent = !pupil.work_absent;
        pupil.points_changed = true;
        if (pupil.work_absent) { pupil.points = null; }
        this._changed();
        this._render();
    },

    _onAllPresent: function () {
        _.each(this.data.pupils, function (pupil) {
            pupil.attendance = 'present';
            pupil.reason = '';
        });
        this._changed();
        this._render();
    },

    _onTopic: function (ev) {
        this.data.lesson.topic = $(ev.currentTarget).val();
        this.data.lesson.topic_changed = true;
        this.dirty = true;
    },

    _onHomework: function (ev) {
        this.data.lesson.homework = $(ev.currentTarget).val();
        this.data.lesson.homework_changed = true;
        this.dirty = true;
    },

    // ------------------------------------------------------------------------------------------ save
    _values: function () {
        var lesson = this.data.lesson;
        var values = {entries: [], points: []};
        if (lesson.topic_changed) { values.topic = lesson.topic; }
        if (lesson.homework_changed) { values.homework = lesson.homework; }
        _.each(this.data.pupils, function (pupil) {
            values.entries.push({
                student_id: pupil.id, attendance: pupil.attendance, reason: pupil.reason || false,
                mark: pupil.mark || 0, comment: pupil.comment || false,
            });
            if (pupil.points_changed) {
                values.points.push({student_id: pupil.id, points: pupil.points, absent: pupil.work_absent});
            }
        });
        if (!this.data.assessment) { delete values.points; }
        return values;
    },

    _onSave: function () {
        var self = this;
        var $button = this.$('.o_kz_save').prop('disabled', true);
        return this._rpc({model: 'kz.edu.lesson', method: 'kz_grid_save', args: [[this.lessonId], this._values()]})
            .then(function (data) {
                self.data = data;
                self.dirty = false;
                self.message = _t('Saved.');
                self._render();
            })
            .always(function () {
                $button.prop('disabled', false);
            });
    },
});

core.action_registry.add('kz_lesson_grid', LessonGrid);

return LessonGrid;
});
