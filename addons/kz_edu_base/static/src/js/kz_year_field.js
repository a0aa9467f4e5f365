odoo.define('kz_edu_base.year_field', function (require) {
"use strict";
/*
 * widget="kz_year": a year is shown as «2026», not with the thousands separator of the language («2 026»), which
 * Odoo's integer widget inserts (issue #13.8). Editing is the integer widget's.
 */
var basic_fields = require('web.basic_fields');
var field_registry = require('web.field_registry');

var FieldYear = basic_fields.FieldInteger.extend({
    _formatValue: function (value) {
        if (this.mode === 'edit') {
            return this._super.apply(this, arguments);
        }
        return (value || value === 0) ? String(value) : '';
    },
});

field_registry.add('kz_year', FieldYear);

return {FieldYear: FieldYear};
});
