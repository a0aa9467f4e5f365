odoo.define('kz_canteen.pos', function (require) {
"use strict";
/*
 * The school canteen till (issue #6; HSC-02, HSC-04, HSC-05, HSC-08), active only on a POS whose configuration has
 * «School canteen» (pos.config.kz_is_canteen):
 *
 * - at load, the school's current children (partner, name, class, card UIDs, entitlement) are fetched once
 *   (kz.canteen.pos.kz_pos_children) as the offline cache, and their partners are added to the POS database with
 *   a name and the card UID only, so that the order can carry the child (no phone, e-mail, address or IIN);
 * - at load, today's approved menus per age group, the daily free-meal limit and the allergen names are fetched
 *   too (kz_pos_menus), for the decisions made while offline;
 * - a card tapped on the keyboard-wedge reader (UID + Enter) is identified by the server (kz_identify), or from the
 *   cache when the server cannot be reached; the child is set on the order and the panel above the order shows the
 *   photo, class, entitlement, free meals left today, balance and the allergens the parents restricted; a refusal
 *   (unknown, blocked, other school's card) is shown in a popup. Choosing a child in the customer list does the
 *   same (the fallback by name);
 * - a dish is added only once the server accepted the whole order with it (kz_decide): each line then costs what
 *   the child pays (0 for a free set dish); a refused dish (allergen, second free meal, balance, not on the
 *   approved menu) is not added and the reason is shown; a refused quantity change is reverted;
 * - offline, the till decides itself with the rules of canteen_rules.decide_sale and the cached child and menu
 *   (kz_offline_decide): the same refusals except the balance (the server flags an unpaid meal for review when the
 *   order is synced), the free set priced for a free or subsidised child while sets are left today (the sets
 *   recorded when the till loaded + the free meals this till validated since, per child);
 * - the payment is the prepaid balance payment method; a free meal (total 0) is validated without payment; the
 *   receipt screen is skipped so the next child in the queue can be served at once.
 */
var core = require('web.core');
var rpc = require('web.rpc');
var session = require('web.session');
var models = require('point_of_sale.models');
var screens = require('point_of_sale.screens');
var PosBaseWidget = require('point_of_sale.BaseWidget');
var PosDB = require('point_of_sale.DB');

var _t = core._t;

var RPC_TIMEOUT_MS = 8000;

function norm_uid(code) {
    return String(code || '').replace(/\s+/g, '').toUpperCase();
}

var MAX_QUANTITY = 20;       // canteen_rules.MAX_QUANTITY

/* A rate given as a decimal string ('0.5', '1') as an exact fraction {num, den}. */
function parse_rate(text) {
    var match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(String(text === undefined || text === null ? '0' : text));
    if (!match) {
        return {num: 0, den: 1};
    }
    var decimals = match[2] || '';
    return {num: parseInt((match[1] || '0') + decimals, 10), den: Math.pow(10, decimals.length)};
}

/* Integer division of amounts in tiyn, as Decimal.quantize does it on the server: half up, and half even. */
function round_half_up(numerator, denominator) {
    return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

function round_half_even(numerator, denominator) {
    var quotient = Math.floor(numerator / denominator);
    var twice = 2 * (numerator - quotient * denominator);
    if (twice > denominator || (twice === denominator && quotient % 2 !== 0)) {
        quotient += 1;
    }
    return quotient;
}

var MEAL_ORDER = ['breakfast', 'lunch', 'snack'];      // canteen_rules.MEAL_ORDER

/* canteen_rules.free_sets: {meal: free sets} of an order; each meal whose set dishes are in the order takes as many
 * sets as its set dishes ask, from the allowance left today, meal by meal (breakfast and lunch are two sets). */
function free_sets(lines, menu, allowance) {
    var wanted = {};
    _.each(lines, function (pair) {
        var dish = menu[pair[0]];
        if (dish && dish.is_free_set) {
            var meal = dish.meal || '';
            wanted[meal] = Math.max(wanted[meal] || 0, pair[1]);
        }
    });
    var rank = function (meal) {
        var i = MEAL_ORDER.indexOf(meal);
        return i < 0 ? MEAL_ORDER.length : i;
    };
    var meals = _.keys(wanted).sort(function (a, b) { return (rank(a) - rank(b)) || (a < b ? -1 : a > b ? 1 : 0); });
    var left = Math.max(allowance || 0, 0);
    var sets = {};
    _.each(meals, function (meal) {
        sets[meal] = Math.min(wanted[meal], left);
        left -= sets[meal];
    });
    return sets;
}

function kind_labels() {
    return {free: _t('Free meal'), subsidised: _t('Subsidised meal'), paid: _t('Paid meal')};
}

/* A call to the canteen backend; resolves with the answer, or rejects with {offline: bool, message}. A server
 * error is not shown by the crash manager: the caller shows it in the POS popup. */
function kz_call(method, args, kwargs) {
    var done = $.Deferred();
    rpc.query({
        model: 'kz.canteen.pos',
        method: method,
        args: args,
        kwargs: _.extend({context: session.user_context}, kwargs || {}),
    }, {timeout: RPC_TIMEOUT_MS, shadow: true}).then(function (result) {
        done.resolve(result);
    }, function (error, event) {
        if (event && event.preventDefault) {
            event.preventDefault();
        }
        var offline = !error || error.code !== 200;
        done.reject({
            offline: offline,
            message: offline ? _t('The server cannot be reached.')
                             : ((error.data && error.data.message) || error.message || _t('Server error')),
        });
    });
    return done.promise();
}

/* ------------------------------------------------------------------------------------------- loading */

/* The customer list shows a child's class where a customer's address would be. */
PosDB.include({
    add_partners: function (partners) {
        var updated = this._super.apply(this, arguments);
        _.each(this.partner_by_id, function (partner) {
            if (partner.kz_class_name !== undefined) {
                partner.address = partner.kz_class_name;
            }
        });
        return updated;
    },
});

models.load_models([{
    label: 'kz_canteen_children',
    condition: function (self) { return !!self.config.kz_is_canteen; },
    loaded: function (self) {
        var children = $.Deferred();
        var menus = $.Deferred();
        kz_call('kz_pos_children', [self.config.id]).then(function (result) {
            self.kz_set_children(result);
            children.resolve();
        }, function (failure) {
            // the till still works online; only the offline fallback is missing
            console.warn('kz_canteen: the children could not be loaded:', failure.message);
            self.kz_set_children([]);
            children.resolve();
        });
        kz_call('kz_pos_menus', [self.config.id]).then(function (result) {
            self.kz_menus = result;
            menus.resolve();
        }, function (failure) {
            // without the menus an order made offline is added unchecked (the server prices it on sync)
            console.warn('kz_canteen: the menus could not be loaded:', failure.message);
            self.kz_menus = null;
            menus.resolve();
        });
        return $.when(children, menus);
    },
}]);

/* A canteen till loads no customers: its children come from kz_pos_children (name, class and card only). Stock
 * POS would load every customer of the school — about 1 500 parents and children with phones and e-mail addresses —
 * which made the till start slowly (issue #13.10) and put personal data the cashier must not see into the browser. */
(function () {
    var loaders = models.PosModel.prototype.models;
    var partner_loader = _.findWhere(loaders, {model: 'res.partner'});
    var config_loader = _.findWhere(loaders, {model: 'pos.config'});
    if (!partner_loader || !config_loader) {
        return;
    }
    // the till's configuration is loaded after the customers in stock Odoo 11: load them after it, to know
    loaders.splice(loaders.indexOf(partner_loader), 1);
    loaders.splice(loaders.indexOf(config_loader) + 1, 0, partner_loader);
    var partner_domain = partner_loader.domain;
    partner_loader.domain = function (self, tmp) {
        if (self.config && self.config.kz_is_canteen) {
            return [['id', '=', 0]];
        }
        return typeof partner_domain === 'function' ? partner_domain(self, tmp) : partner_domain;
    };
})();

/* A canteen till sells dishes only (anything else would be refused: not on the approved menu). */
var product_loader = _.findWhere(models.PosModel.prototype.models, {model: 'product.product'});
if (product_loader && product_loader.fields.indexOf('write_date') < 0) {
    product_loader.fields = product_loader.fields.concat(['write_date']);     // a version for the dish photos
}
if (product_loader) {
    var product_domain = product_loader.domain;
    product_loader.domain = function (self, tmp) {
        var domain = typeof product_domain === 'function' ? product_domain(self, tmp) : product_domain;
        return self.config.kz_is_canteen ? (domain || []).concat([['kz_is_dish', '=', true]]) : domain;
    };
}

var _super_posmodel = models.PosModel.prototype;
models.PosModel = models.PosModel.extend({
    initialize: function (session_, attributes) {
        var self = this;
        this.kz_children_by_partner = {};
        this.kz_children_by_uid = {};
        this.kz_menus = null;
        this.kz_free_orders = {};       // partner_id -> free meals validated in this till since the children loaded
        this.kz_seen_used = {};         // partner_id -> {used, local}: what the server last said, when online
        this.kz_queue = $.when();
        this.kz_last_served = null;
        _super_posmodel.initialize.apply(this, arguments);
        this.get('orders').on('change:client', function (order, client) {
            self.kz_client_changed(order, client);
        });
        this.on('change:selectedOrder', function () {
            var order = self.get_order();
            // an order restored from the browser's storage carries the child but not the panel
            if (order && self.kz_is_canteen() && order.get_client() && !order.get('kz_summary')) {
                self.kz_client_changed(order, order.get_client());
            }
        });
    },

    kz_is_canteen: function () {
        return !!(this.config && this.config.kz_is_canteen);
    },

    /* The customer list of a canteen till is the school's children loaded at start (kz_pos_children): stock POS
     * would fetch every customer changed since 1970 — all the parents with their contacts — when it opens. */
    load_new_partners: function () {
        if (this.kz_is_canteen()) {
            return $.Deferred().reject().promise();
        }
        return _super_posmodel.load_new_partners.apply(this, arguments);
    },

    /* The payment method is shown as «Prepaid balance» in the cashier's language, not as the journal's name with
     * its currency («Prepaid balance (KZT)», in the language the till was set up in). */
    load_server_data: function () {
        var self = this;
        return _super_posmodel.load_server_data.apply(this, arguments).then(function () {
            var journal = self.kz_is_canteen() && self.config.kz_balance_journal_id &&
                          self.config.kz_balance_journal_id[0];
            _.each(self.cashregisters || [], function (register) {
                if (journal && register.journal_id && register.journal_id[0] === journal) {
                    register.journal_id = [register.journal_id[0], _t('Prepaid balance')];
                }
            });
        });
    },

    /* {product_id: true} of the dishes on today's approved menus (any age group); null when none is approved. */
    kz_menu_product_ids: function () {
        var menus = this.kz_menus && this.kz_menus.menus;
        var ids = {};
        _.each(menus || {}, function (lines) {
            _.each(_.keys(lines), function (id) { ids[id] = true; });
        });
        return _.isEmpty(ids) ? null : ids;
    },

    kz_set_children: function (children) {
        var self = this;
        var partners = [];
        this.kz_children_by_partner = {};
        this.kz_children_by_uid = {};
        _.each(children || [], function (child) {
            self.kz_children_by_partner[child.partner_id] = child;
            _.each(child.card_uids || [], function (uid) {
                self.kz_children_by_uid[norm_uid(uid)] = child;
            });
            partners.push(self.kz_partner_of(child));
        });
        if (partners.length) {
            this.db.add_partners(partners);
        }
        // the orders validated before a reload and not synced yet are not in the server's count of today's meals
        this.kz_free_orders = {};
        this.kz_seen_used = {};
        _.each(this.db.get_orders(), function (pending) {
            var data = pending.data || {};
            if (data.kz_free_meal && data.partner_id) {
                self.kz_count_free_order(data.partner_id, data.kz_free_sets || 1);
            }
        });
    },

    /* `sets` free set meals (default 1) validated for the child in this till. */
    kz_count_free_order: function (partner_id, sets) {
        this.kz_free_orders[partner_id] = (this.kz_free_orders[partner_id] || 0) + (sets || 1);
    },

    /* The server's answer about a child, kept for the offline count of the free meals of the day. */
    kz_note_summary: function (summary) {
        if (!summary || !summary.ok || summary.offline || !this.kz_menus ||
                typeof summary.free_meals_left !== 'number' || summary.kind === 'paid') {
            return;
        }
        this.kz_seen_used[summary.partner_id] = {
            used: Math.max(this.kz_menus.free_meals_per_day - summary.free_meals_left, 0),
            local: this.kz_free_orders[summary.partner_id] || 0,
        };
    },

    /* Free (or subsidised) set meals of the child today as the till knows them offline: the count when the till
     * loaded plus the free meals it validated since; at least what the server said when last asked (meals from
     * the other tills) plus the free meals validated here after that. */
    kz_free_meals_used: function (child) {
        var local = this.kz_free_orders[child.partner_id] || 0;
        var used = (child.free_meals_today || 0) + local;
        var seen = this.kz_seen_used[child.partner_id];
        if (seen) {
            used = Math.max(used, seen.used + local - seen.local);
        }
        return used;
    },

    /* The allergen names (in the cashier's language) of these codes, in the order the server lists them. */
    kz_allergen_names: function (codes) {
        var names = (this.kz_menus && this.kz_menus.allergen_names) || {};
        var wanted = _.map(codes || [], function (code) { return String(code).toUpperCase(); });
        var out = _.filter(_.keys(names), function (code) { return _.contains(wanted, code); });
        return out.length ? _.map(out, function (code) { return names[code]; }) : wanted;
    },

    /* The order decided without the server, with the rules of canteen_rules.decide_sale (menu approved →
     * quantities → dishes on the menu → allergens → the free-meal allowance; the balance is not known offline).
     * `lines`: [[product_id, qty]]. Returns {ok: true, offline: true, lines: [{product_id, qty, unit_price,
     * free_qty, funding_amount, kind}], child_total, funding_total, free_meals_used}, a refusal {ok: false,
     * offline: true, message}, or null when the till has no cached child or menus to decide with. */
    kz_offline_decide: function (partner_id, lines) {
        var self = this;
        var child = this.kz_children_by_partner[partner_id];
        var menus = this.kz_menus;
        if (!child || !menus) {
            return null;
        }
        // the server's refusals, in the cashier's language (kz_pos_menus)
        var refuse = function (code) { return {ok: false, offline: true, code: code, message: menus.messages[code]}; };
        var menu = (menus.menus || {})[child.age_group];
        if (!menu) {
            return refuse('menu_not_approved');
        }
        var bad_qty = _.find(lines, function (pair) {
            return pair[1] !== Math.floor(pair[1]) || pair[1] <= 0 || pair[1] > MAX_QUANTITY;
        });
        if (bad_qty) {
            return refuse('negative_quantity');
        }
        var forbidden = _.map(child.restricted || [], function (code) { return String(code).toUpperCase(); });
        for (var i = 0; i < lines.length; i++) {
            var item = menu[lines[i][0]];
            if (!item) {
                return refuse('dish_not_on_menu');
            }
            var hit = _.filter(item.allergens || [], function (code) {
                return _.contains(forbidden, String(code).toUpperCase());
            });
            if (hit.length) {
                var refusal = refuse('allergen_restricted');
                refusal.message = _.str.sprintf(refusal.message, item.name, self.kz_allergen_names(hit).join(', '));
                return refusal;
            }
        }
        var limit = menus.free_meals_per_day;
        var entitled = child.kind === 'free' || child.kind === 'subsidised';
        var allowance = entitled ? Math.max(limit - this.kz_free_meals_used(child), 0) : 0;
        var share = parse_rate(child.budget_share);
        var out = [];
        var child_total = 0;
        var funding_total = 0;
        var sets = entitled ? free_sets(lines, menu, allowance) : {};
        var used = _.reduce(_.values(sets), function (sum, n) { return sum + n; }, 0);
        for (var j = 0; j < lines.length; j++) {
            var dish = menu[lines[j][0]];
            var qty = lines[j][1];
            var price = Math.round(dish.price * 100);                        // tiyn
            var free_qty = 0;
            if (entitled && dish.is_free_set) {
                free_qty = Math.min(qty, sets[dish.meal || ''] || 0);
                if (free_qty < qty && !menus.allow_paid_repeat) {
                    return refuse('second_free_meal');
                }
            }
            var funding = round_half_up(price * share.num, share.den) * free_qty;
            var pays = price * qty - funding;
            out.push({product_id: lines[j][0], qty: qty, unit_price: round_half_even(pays, qty) / 100,
                      free_qty: free_qty, funding_amount: funding / 100, kind: free_qty ? child.kind : 'paid'});
            child_total += pays;
            funding_total += funding;
        }
        return {ok: true, offline: true, lines: out, child_total: child_total / 100,
                funding_total: funding_total / 100, free_meals_used: used};
    },

    /* The partner as the POS keeps it: the name and the card only (the fields the POS code reads are empty). */
    kz_partner_of: function (child) {
        return {
            id: child.partner_id, name: child.name, barcode: (child.card_uids || [])[0] || '',
            kz_class_name: child.class_name || '', street: '', city: '', zip: '', phone: '', mobile: '',
            email: '', vat: '', country_id: false, state_id: false, property_product_pricelist: false,
            property_account_position_id: false,
        };
    },

    kz_balance_cashregister: function () {
        var journal = this.config.kz_balance_journal_id && this.config.kz_balance_journal_id[0];
        return _.find(this.cashregisters, function (cr) { return cr.journal_id[0] === journal; }) ||
               this.cashregisters[0];
    },

    /* The summary shown without the server: entitlement from the cache, allowance and balance unknown. */
    kz_offline_summary: function (child) {
        var menus = this.kz_menus;
        var left = null;
        if (menus && child.kind !== 'paid') {
            left = Math.max(menus.free_meals_per_day - this.kz_free_meals_used(child), 0);
        }
        return {
            ok: true, offline: true, student_id: child.student_id, partner_id: child.partner_id, name: child.name,
            class_name: child.class_name, kind: child.kind, kind_label: kind_labels()[child.kind] || child.kind,
            category_label: '', free_meals_left: left, balance: null,
            restrictions: menus ? this.kz_allergen_names(child.restricted) : null,
            photo_url: '/web/image/res.partner/' + child.partner_id + '/image_medium',
            menu_approved: menus ? !!(menus.menus || {})[child.age_group] : undefined,
        };
    },

    /* A card tapped: resolves with the summary or a refusal {ok: false, message}. */
    kz_identify_card: function (code) {
        var self = this;
        var uid = norm_uid(code);
        var done = $.Deferred();
        kz_call('kz_identify', [this.config.id], {code: uid}).then(function (summary) {
            self.kz_note_summary(summary);
            done.resolve(summary);
        }, function (failure) {
            var child = failure.offline && self.kz_children_by_uid[uid];
            if (child) {
                done.resolve(self.kz_offline_summary(child));
            } else if (failure.offline) {
                var text = _t('The server cannot be reached and card %s is not in the offline list of this school. Find the child by name.');
                done.resolve({ok: false, message: _.str.sprintf(text, uid)});
            } else {
                done.resolve({ok: false, message: failure.message});
            }
        });
        return done.promise();
    },

    kz_scan_card: function (code) {
        var self = this;
        return this.kz_identify_card(code).then(function (summary) {
            if (!summary.ok) {
                self.kz_release_child();
                self.gui.show_popup('error', {title: _t('Card refused'), body: summary.message});
                return;
            }
            self.kz_serve(summary);
        });
    },

    /* After a refused card the order on screen must not stay with the previous child, or the next dish would be
     * sold to them (issue #13.3): an order without dishes loses its child; an order with dishes stays in its tab
     * as it is and a new empty order is opened. */
    kz_release_child: function () {
        var order = this.get_order();
        if (!order || order.finalized || !order.get_client()) {
            return;
        }
        if (order.get_orderlines().length) {
            this.add_new_order();
        } else {
            order.set_client(null);
        }
    },

    /* Put the identified child on the current order (or on a new one when the current order is another child's
     * and already has dishes) and show the product screen with the panel. */
    kz_serve: function (summary) {
        var order = this.get_order();
        if (order && order.finalized) {
            order.finalize();
            order = this.get_order();
        }
        var client = order && order.get_client();
        if (!order || (client && client.id !== summary.partner_id && order.get_orderlines().length)) {
            order = this.add_new_order();
        }
        var partner = this.db.get_partner_by_id(summary.partner_id);
        if (!partner) {
            this.db.add_partners([this.kz_partner_of(summary)]);
            partner = this.db.get_partner_by_id(summary.partner_id);
        }
        order.set('kz_summary', summary);
        if (order.get_client() === partner) {
            order.kz_queue_decision();
        } else {
            order.set_client(partner);
        }
        this.kz_last_served = null;
        this.gui.show_screen('products');
    },

    /* The client of a canteen order changed (card, customer list, restored order). */
    kz_client_changed: function (order, client) {
        var self = this;
        if (!this.kz_is_canteen()) {
            return;
        }
        if (!client) {
            order.set('kz_summary', null);
            order.kz_list_prices();
            return;
        }
        var known = order.get('kz_summary');
        if (known && known.ok && known.partner_id === client.id) {
            order.kz_queue_decision();
            return;
        }
        order.set('kz_summary', {ok: true, loading: true, partner_id: client.id, name: client.name});
        kz_call('kz_identify', [this.config.id], {partner_id: client.id}).then(function (summary) {
            if (!order.kz_alive() || order.get_client() !== client) {
                return;
            }
            self.kz_note_summary(summary);
            if (!summary.ok) {
                order.set('kz_summary', null);
                order.set_client(null);
                self.gui.show_popup('error', {title: _t('Not a student of this school'), body: summary.message});
                return;
            }
            order.set('kz_summary', summary);
            order.kz_queue_decision();
        }, function (failure) {
            if (!order.kz_alive() || order.get_client() !== client) {
                return;
            }
            var child = self.kz_children_by_partner[client.id];
            if (failure.offline && child) {
                order.set('kz_summary', self.kz_offline_summary(child));
                order.kz_queue_decision();
            } else {
                order.set('kz_summary', null);
                self.gui.show_popup('error', {title: _t('Not a student of this school'), body: failure.message});
            }
        });
    },
});

/* ------------------------------------------------------------------------------------------- the order */

var _super_order = models.Order.prototype;
models.Order = models.Order.extend({
    kz_is_canteen: function () {
        return this.pos.kz_is_canteen();
    },

    /* Still an open order of the till (not paid, not deleted while its answer was on the way). */
    kz_alive: function () {
        return !this.finalized && this.pos.get('orders').contains(this);
    },

    /* [[product_id, qty]] of the order, one pair a product; `extra` is added (the dish about to be added). */
    kz_decision_lines: function (extra) {
        var qty = {};
        var order_ids = [];
        function add(product_id, quantity) {
            if (!(product_id in qty)) {
                qty[product_id] = 0;
                order_ids.push(product_id);
            }
            qty[product_id] += quantity;
        }
        _.each(this.get_orderlines(), function (line) {
            add(line.get_product().id, line.get_quantity());
        });
        if (extra) {
            add(extra.product.id, extra.quantity);
        }
        return _.filter(_.map(order_ids, function (id) { return [id, qty[id]]; }),
                        function (pair) { return pair[1] !== 0; });
    },

    /* Run `job` after the pending decisions of the till (one request at a time, in the cashier's order). */
    kz_enqueue: function (job) {
        var self = this;
        var pos = this.pos;
        this.kz_pending = (this.kz_pending || 0) + 1;
        this.trigger('change:kz_pending', this);
        pos.kz_queue = pos.kz_queue.then(function () {
            var finished = $.Deferred();
            var always = function () {
                self.kz_pending -= 1;
                self.trigger('change:kz_pending', self);
                finished.resolve();
            };
            try {
                $.when(job()).then(always, always);
            } catch (err) {
                console.error(err);
                always();
            }
            return finished;
        });
    },

    /* Ask the server about the order (+ `extra`); resolves with the accepted decision, or {ok: false, message},
     * or {ok: true, offline: true} when the server cannot be reached. */
    kz_decide: function (extra) {
        var client = this.get_client();
        var lines = this.kz_decision_lines(extra);
        if (!client || !lines.length) {
            return $.when({ok: true, lines: [], skipped: true});
        }
        var pos = this.pos;
        var done = $.Deferred();
        kz_call('kz_decide', [pos.config.id, client.id, lines]).then(function (result) {
            done.resolve(result);
        }, function (failure) {
            if (!failure.offline) {
                done.resolve({ok: false, message: failure.message});
                return;
            }
            // decided by the till with the same rules; unchecked when it has no child or menu to decide with
            done.resolve(pos.kz_offline_decide(client.id, lines) || {ok: true, offline: true, lines: []});
        });
        return done.promise();
    },

    kz_refuse: function (message) {
        // the digits typed for a refused quantity are dropped, so the next digit starts a new quantity
        var products = this.pos.gui.screen_instances && this.pos.gui.screen_instances.products;
        if (products && products.numpad) {
            products.numpad.state.resetValue();
        }
        this.pos.gui.show_popup('error', {title: _t('Sale refused'), body: message});
    },

    kz_set_offline: function (offline) {
        if (!!this.kz_offline !== !!offline) {
            this.kz_offline = !!offline;
            this.trigger('change:kz_offline', this);
        }
    },

    /* Each line costs what the child pays a unit (what kz_decide returned). */
    kz_apply_prices: function (decision) {
        var self = this;
        var price_of = {};
        _.each(decision.lines || [], function (line) { price_of[line.product_id] = line.unit_price; });
        this.kz_silent = (this.kz_silent || 0) + 1;
        try {
            _.each(this.get_orderlines(), function (line) {
                var price = price_of[line.get_product().id];
                if (price !== undefined) {
                    line.price_manually_set = true;
                    line.set_unit_price(price);
                }
            });
        } finally {
            this.kz_silent -= 1;
        }
        this.kz_refusal = null;
        this.kz_set_offline(!!decision.offline);
        this.kz_child_total = decision.child_total;
        this.kz_free_meal = _.some(decision.lines || [], function (line) { return line.free_qty > 0; });
        this.kz_free_sets = this.kz_free_meal ? (decision.free_meals_used || 1) : 0;
        this.trigger('change', this);
        return self;
    },

    /* No child: the lines go back to the product prices. */
    kz_list_prices: function () {
        var self = this;
        if (this.finalized) {
            return;
        }
        this.kz_refusal = null;
        _.each(this.get_orderlines(), function (line) {
            line.price_manually_set = false;
            line.set_unit_price(line.get_product().get_price(self.pricelist, line.get_quantity()));
        });
    },

    /* Price the whole order again (child chosen, line removed); a refusal blocks the payment until fixed. */
    kz_queue_decision: function () {
        var self = this;
        if (!this.kz_is_canteen() || this.finalized) {
            return;
        }
        this.kz_enqueue(function () {
            if (!self.kz_alive()) {
                return;
            }
            return self.kz_decide().then(function (decision) {
                if (!self.kz_alive()) {
                    return;
                }
                if (decision.ok) {
                    self.kz_apply_prices(decision);
                } else {
                    self.kz_refusal = decision.message;
                    self.kz_refuse(decision.message);
                }
            });
        });
    },

    /* A dish is added only after the server accepted the order with it. */
    add_product: function (product, options) {
        var self = this;
        var args = arguments;
        if (!this.kz_is_canteen() || this.kz_silent || !this.get_client() || this._printed) {
            return _super_order.add_product.apply(this, arguments);
        }
        var quantity = (options && options.quantity !== undefined) ? options.quantity : 1;
        this.kz_enqueue(function () {
            if (!self.kz_alive()) {
                return;
            }
            return self.kz_decide({product: product, quantity: quantity}).then(function (decision) {
                if (!self.kz_alive()) {
                    return;
                }
                if (!decision.ok) {
                    self.kz_refuse(decision.message);
                    return;
                }
                self.kz_silent = (self.kz_silent || 0) + 1;
                try {
                    _super_order.add_product.apply(self, args);
                } finally {
                    self.kz_silent -= 1;
                }
                self.kz_apply_prices(decision);
            });
        });
    },

    remove_orderline: function (line) {
        var result = _super_order.remove_orderline.apply(this, arguments);
        if (this.kz_is_canteen() && !this.kz_silent && this.get_client()) {
            this.kz_queue_decision();
        }
        return result;
    },

    set_client: function (client) {
        if (!client && this.get('kz_summary')) {
            this.set('kz_summary', null);
        }
        return _super_order.set_client.apply(this, arguments);
    },

    /* Whether the order holds the child's free set meal (kept with an order waiting to be synced). */
    export_as_JSON: function () {
        var json = _super_order.export_as_JSON.apply(this, arguments);
        if (this.kz_is_canteen()) {
            json.kz_free_meal = !!(this.kz_free_meal && this.get_client());
            json.kz_free_sets = json.kz_free_meal ? (this.kz_free_sets || 1) : 0;
        }
        return json;
    },

    init_from_JSON: function (json) {
        _super_order.init_from_JSON.apply(this, arguments);
        this.kz_free_meal = !!json.kz_free_meal;
        this.kz_free_sets = json.kz_free_sets || (this.kz_free_meal ? 1 : 0);
    },
});

/* ------------------------------------------------------------------------------------------- the order line */

var _super_orderline = models.Orderline.prototype;
models.Orderline = models.Orderline.extend({
    /* In the canteen one line a dish: the price depends on the child, not on the line. */
    can_be_merged_with: function (orderline) {
        if (this.order && this.order.kz_is_canteen && this.order.kz_is_canteen()) {
            return this.get_product().id === orderline.get_product().id &&
                   !!this.get_unit() && this.get_unit().is_pos_groupable &&
                   this.get_product_type() === orderline.get_product_type() && !(this.get_discount() > 0);
        }
        return _super_orderline.can_be_merged_with.apply(this, arguments);
    },

    /* A quantity typed on the numpad is checked by the server; a refused quantity is put back. */
    set_quantity: function (quantity, keep_price) {
        var order = this.order;
        var in_order = order && order.orderlines && order.orderlines.contains(this);
        if (!in_order || !order.kz_is_canteen() || order.kz_silent || !order.get_client() ||
                quantity === 'remove') {
            return _super_orderline.set_quantity.apply(this, arguments);
        }
        var line = this;
        var previous = this.get_quantity();
        var result = _super_orderline.set_quantity.call(this, quantity, true);
        if (this.get_quantity() === previous) {
            return result;
        }
        order.kz_enqueue(function () {
            if (!order.kz_alive()) {
                return;
            }
            return order.kz_decide().then(function (decision) {
                if (!order.kz_alive()) {
                    return;
                }
                if (decision.ok) {
                    order.kz_apply_prices(decision);
                    return;
                }
                if (order.orderlines.contains(line)) {
                    order.kz_silent = (order.kz_silent || 0) + 1;
                    try {
                        _super_orderline.set_quantity.call(line, previous, true);
                    } finally {
                        order.kz_silent -= 1;
                    }
                }
                order.kz_refuse(decision.message);
            });
        });
        return result;
    },
});

/* ------------------------------------------------------------------------------------------- screens */

/* Any code read in a canteen till is a card, unless it is the barcode of a product or of a user of the till. */
screens.ScreenWidget.include({
    show: function () {
        this._super.apply(this, arguments);
        if (!this.pos.kz_is_canteen()) {
            return;
        }
        var self = this;
        var callbacks = {};
        _.each(['product', 'weight', 'price', 'discount', 'cashier', 'client', 'error'], function (type) {
            callbacks[type] = function (parsed) { self.kz_barcode_action(parsed, type); };
        });
        this.pos.barcode_reader.set_action_callback(callbacks);
    },

    kz_barcode_action: function (parsed, type) {
        var code = parsed.base_code || parsed.code;
        if (type !== 'client' && type !== 'error' && type !== 'cashier' && this.pos.db.get_product_by_barcode(code)) {
            return this.barcode_product_action(parsed);
        }
        if (type === 'cashier' && _.findWhere(this.pos.users, {barcode: parsed.code})) {
            return this.barcode_cashier_action(parsed);
        }
        return this.pos.kz_scan_card(parsed.code);
    },
});

/* Prices come from the approved menu and the child's entitlement: no price or discount typed at the canteen till. */
screens.NumpadWidget.include({
    applyAccessRights: function () {
        this._super.apply(this, arguments);
        if (this.pos.kz_is_canteen()) {
            this.$el.find('.mode-button[data-mode="price"], .mode-button[data-mode="discount"]')
                .addClass('disabled-mode').prop('disabled', true);
            if (this.state.get('mode') !== 'quantity') {
                this.state.changeMode('quantity');
            }
        }
    },
});

var KzCanteenPanelWidget = PosBaseWidget.extend({
    template: 'KzCanteenPanel',
    init: function (parent, options) {
        var self = this;
        this._super(parent, options);
        var render = function () { self.renderElement(); };
        this.pos.bind('change:selectedOrder', render);
        this.pos.get('orders').bind('change:kz_summary change:kz_offline change:client remove', render);
    },
    summary: function () {
        var order = this.pos.get_order();
        return order ? order.get('kz_summary') : null;
    },
    offline: function () {
        var order = this.pos.get_order();
        var summary = this.summary();
        return !!((order && order.kz_offline) || (summary && summary.offline));
    },
    kind_label: function (summary) {
        return summary.kind_label || kind_labels()[summary.kind] || '';
    },
    renderElement: function () {
        this._super();
        this.$('img.kz_canteen_photo').on('error', function () {
            $(this).off('error').css('visibility', 'hidden');      // offline: no photo rather than a broken one
        });
    },
});

/* The dish photos carry their version: the browser keeps them instead of downloading every photo again at each
 * start of the till (issue #13.10). */
screens.ProductListWidget.include({
    get_product_image_url: function (product) {
        var url = this._super.apply(this, arguments);
        return product.write_date ? url + '&unique=' + String(product.write_date).replace(/[^0-9]/g, '') : url;
    },
});

/* The till shows today's menu: dishes not on an approved menu of the day are hidden (all dishes while no menu is
   approved, so the cashier sees why a sale is refused). */
screens.ProductListWidget.include({
    renderElement: function () {
        var all = this.product_list;
        var on_menu = this.pos.kz_is_canteen() ? this.pos.kz_menu_product_ids() : null;
        if (on_menu) {
            this.product_list = _.filter(all || [], function (product) { return on_menu[product.id]; });
        }
        try {
            return this._super.apply(this, arguments);
        } finally {
            this.product_list = all;
        }
    },
});

/* Only the POS categories that hold a dish (the demo's fruit and service categories would show empty). */
screens.ProductCategoriesWidget.include({
    set_category: function (category) {
        this._super.apply(this, arguments);
        if (this.pos.kz_is_canteen()) {
            var db = this.pos.db;
            this.subcategories = _.filter(this.subcategories, function (categ) {
                return db.get_product_by_category(categ.id).length > 0;
            });
        }
    },
});

screens.ProductScreenWidget.include({
    start: function () {
        this._super.apply(this, arguments);
        if (this.pos.kz_is_canteen()) {
            this.kz_panel = new KzCanteenPanelWidget(this, {});
            this.kz_panel.replace(this.$('.placeholder-KzCanteenPanel'));
        }
    },
});

screens.PaymentScreenWidget.include({
    /* The canteen pays from the child's prepaid balance: the line is there with the amount due. */
    show: function () {
        this._super.apply(this, arguments);
        var order = this.pos.get_order();
        if (!this.pos.kz_is_canteen() || !order || order.finalized) {
            return;
        }
        var due = order.get_due();
        var cashregister = this.pos.kz_balance_cashregister();
        if (due > 0 && cashregister && !order.get_paymentlines().length) {
            order.add_paymentline(cashregister);
            order.selected_paymentline.set_amount(due);
            this.reset_input();
            this.render_paymentlines();
            this.order_changes();
        }
    },

    order_is_valid: function (force_validation) {
        var order = this.pos.get_order();
        if (this.pos.kz_is_canteen() && order) {
            if (order.kz_pending) {
                this.gui.show_popup('error', {
                    title: _t('Please wait'),
                    body: _t('The order is being checked by the server. Validate again in a moment.'),
                });
                return false;
            }
            if (order.get_orderlines().length && !order.get_client()) {
                this.gui.show_popup('error', {
                    title: _t('No child on the order'),
                    body: _t("Scan the child's card or choose the child by name: canteen meals are paid from the child's prepaid balance."),
                });
                return false;
            }
            if (order.kz_refusal) {
                this.gui.show_popup('error', {title: _t('Sale refused'), body: order.kz_refusal});
                return false;
            }
        }
        return this._super.apply(this, arguments);
    },

    finalize_validation: function () {
        var order = this.pos.get_order();
        if (this.pos.kz_is_canteen() && order && order.get_client()) {
            this.pos.kz_last_served = {name: order.get_client().name, total: order.get_total_with_tax()};
            if (order.kz_free_meal) {
                this.pos.kz_count_free_order(order.get_client().id, order.kz_free_sets);
            }
        }
        return this._super.apply(this, arguments);
    },
});

screens.ReceiptScreenWidget.include({
    /* No paper receipt in the canteen queue: straight to the next child. */
    show: function () {
        this._super.apply(this, arguments);
        var order = this.pos.get_order();
        if (this.pos.kz_is_canteen() && order && order.finalized && !this.pos.config.iface_print_auto) {
            this.click_next();
        }
    },
});

return {
    KzCanteenPanelWidget: KzCanteenPanelWidget,
    norm_uid: norm_uid,
    parse_rate: parse_rate,
    free_sets: free_sets,
    round_half_up: round_half_up,
    round_half_even: round_half_even,
};

});
