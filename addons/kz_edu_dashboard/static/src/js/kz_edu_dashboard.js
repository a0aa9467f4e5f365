odoo.define('kz_edu_dashboard.dashboard', function (require) {
"use strict";
/**
 * The director's and the district's dashboards: a client action showing the HTML that the server renders
 * (kz.edu.dashboard.render_dashboard, in the user's language, with the user's rights). A click on a figure asks the
 * server for the action listing the records behind it (open_figure builds the domain; the browser only names the
 * figure). The director's dashboard reloads itself during the morning (params.refresh_seconds, while it is shown);
 * both have a refresh button; the district's has a period, a ranking and an XLSX export.
 */
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var session = require('web.session');
var Widget = require('web.Widget');

var Dashboard = Widget.extend(ControlPanelMixin, {
    className: 'o_kz_dashboard_action',
    events: {
        'click .o_kz_fig': '_onFigure',
        'click .o_kz_dash_refresh': '_onRefresh',
        'click .o_kz_dash_export': '_onExport',
        'change .o_kz_dash_period': '_onOptions',
        'change .o_kz_dash_rank': '_onOptions',
    },

    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.action = action;
        this.action_manager = parent;
        var params = action.params || {};
        this.kind = params.kind === 'district' ? 'district' : 'director';
        this.refreshSeconds = params.refresh_seconds || 0;
        this.options = {period: params.period || 'month', rank_by: params.rank_by || 'attendance_today'};
        this.html = '';
        this.timer = null;
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },
    start: function () {
        this._render();
        this._updateControlPanel();
        this._startTimer();
        return this._super.apply(this, arguments);
    },
    do_show: function () {
        this._super.apply(this, arguments);
        this._updateControlPanel();
        this._startTimer();
    },
    do_hide: function () {
        this._stopTimer();
        this._super.apply(this, arguments);
    },
    destroy: function () {
        this._stopTimer();
        this._super.apply(this, arguments);
    },

    _load: function () {
        var self = this;
        return this._rpc({
            model: 'kz.edu.dashboard',
            method: 'render_dashboard',
            args: [this.kind, this.options],
            context: session.user_context,   // the user's language: model calls carry no context by themselves
        }).then(function (html) {
            self.html = html;
        });
    },
    _render: function () {
        this.$el.html(this.html);
    },
    _reload: function () {
        var self = this;
        return this._load().then(function () {
            self._render();
        });
    },
    _updateControlPanel: function () {
        this.update_control_panel({
            breadcrumbs: this.action_manager.get_breadcrumbs(),
            cp_content: {},
        }, {clear: true});
    },
    _startTimer: function () {
        var self = this;
        this._stopTimer();
        if (this.refreshSeconds > 0) {
            this.timer = setInterval(function () {
                if (!document.hidden) {
                    self._reload();
                }
            }, this.refreshSeconds * 1000);
        }
    },
    _stopTimer: function () {
        if (this.timer) {
            clearInterval(this.timer);
            this.timer = null;
        }
    },

    _onFigure: function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        var $a = $(ev.currentTarget);
        var params = $a.data('params') || {};
        var self = this;
        this._rpc({
            model: 'kz.edu.dashboard',
            method: 'open_figure',
            args: [$a.data('figure'), $a.data('company'), params],
            context: session.user_context,   // the user's language: model calls carry no context by themselves
        }).then(function (action) {
            self.do_action(action);
        });
    },
    _onRefresh: function (ev) {
        ev.preventDefault();
        this._reload();
    },
    _onOptions: function () {
        this.options.period = this.$('.o_kz_dash_period').val() || this.options.period;
        this.options.rank_by = this.$('.o_kz_dash_rank').val() || this.options.rank_by;
        this._reload();
    },
    _onExport: function (ev) {
        ev.preventDefault();
        var self = this;
        this._rpc({
            model: 'kz.edu.dashboard',
            method: 'district_export',
            args: [this.options.period, this.options.rank_by],
            context: session.user_context,   // the user's language: model calls carry no context by themselves
        }).then(function (action) {
            self.do_action(action);
        });
    },
});

core.action_registry.add('kz_edu_dashboard.dashboard', Dashboard);

return Dashboard;
});
