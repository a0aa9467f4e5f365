#!/bin/bash
# The personnel records' move from kz_payroll to kz_hr on an EXISTING database (issue #15): update kz_payroll of a
# dev database built BEFORE the move (scripts/devtest NAME at an older commit, cluster in /tmp/kz-dev-NAME) with this
# tree's code, then check that kz_hr took over the records instead of creating them twice:
#   no duplicate groups, the moved records keep their ids and their external ids are kz_hr's (none left on kz_payroll),
#   the personnel rows are all there, no error in the log except Odoo 11's "Unmet dependencies" of the graph's first
#   round (kz_payroll waits for kz_hr, which installs in the next round).
# The database is changed: work on a copy (cp -a /tmp/kz-dev-NAME /tmp/kz-dev-COPY; rm /tmp/kz-dev-COPY/pgport).
#   scripts/check_upgrade_hr.sh NAME
set -uo pipefail
source "$(dirname "$0")/lib.sh"
NAME="${1:?usage: scripts/check_upgrade_hr.sh NAME (a dev database built before kz_hr)}"
D="/tmp/kz-dev-$NAME"
[ -d "$D/pg" ] || die "no $D"
PORT_FILE="$D/pgport"; [ -f "$PORT_FILE" ] || free_port >"$PORT_FILE"
PGPORT="$(cat "$PORT_FILE")"
PG_FSYNC=off pg_start "$D/pg" "$PGPORT"
write_conf "$D/odoo.conf" "$D/pg" "$PGPORT" "$(free_port)" "$D/data"
sql() { pg_psql "$D/pg" "$PGPORT" -d dev -c "$1"; }
[ "$(sql "SELECT state FROM ir_module_module WHERE name = 'kz_hr'")" != installed ] \
    || die "kz_hr is installed already in $D: use a database built before the move"

MOVED="(module IN ('kz_payroll', 'kz_hr') AND (name LIKE '%kz_hr_%' OR name LIKE '%personnel%'
         OR model = 'ir.model.fields' AND name ~ '^field_(kz_hr_|hr_employee_kz_(staff_rate|hire_date|dismissal_date|hr_order_ids|education_ids|qualification_ids|nqt_ids|training_ids|certificate_ids|category|category_expiry_date|next_course_date)$)')
         AND name <> 'kz_hr_holidays_status_form')"
COUNTS="SELECT (SELECT count(*) FROM res_groups), (SELECT count(*) FROM ir_ui_menu), (SELECT count(*) FROM ir_rule),
        (SELECT count(*) FROM ir_model_access), (SELECT count(*) FROM ir_cron), (SELECT count(*) FROM ir_act_report_xml),
        (SELECT count(*) FROM ir_ui_view), (SELECT count(*) FROM kz_hr_order), (SELECT count(*) FROM kz_hr_qualification),
        (SELECT count(*) FROM kz_hr_education), (SELECT count(*) FROM kz_edu_parameter WHERE domain = 'personnel')"
before_ids="$(sql "SELECT name, model, res_id FROM ir_model_data WHERE $MOVED ORDER BY name")"
before_counts="$(sql "$COUNTS")"
say "before: $(echo "$before_ids" | grep -c .) moved external ids on kz_payroll; counts $before_counts"

LOG="$D/upgrade-hr.log"; : >"$LOG"
"$PY" "$ROOT/scripts/odoo-bin" -c "$D/odoo.conf" -d dev -u kz_payroll --stop-after-init --log-level=warn \
    --logfile="$LOG" || die "the update failed, see $LOG"
status=0
fail() { say "FAIL: $*"; status=1; }

errors="$(grep -E ' (ERROR|CRITICAL) ' "$LOG" | grep -v 'odoo.modules.graph: module .*: Unmet dependencies:')"
[ -z "$errors" ] || fail "errors in $LOG: $errors"
[ "$(sql "SELECT state FROM ir_module_module WHERE name = 'kz_hr'")" = installed ] || fail "kz_hr not installed"
dup="$(sql "SELECT name FROM res_groups GROUP BY name, category_id HAVING count(*) > 1")"
[ -z "$dup" ] || fail "duplicate groups: $dup"
left="$(sql "SELECT name FROM ir_model_data WHERE $MOVED AND module = 'kz_payroll'")"
[ -z "$left" ] || fail "external ids left on kz_payroll: $left"
after_ids="$(sql "SELECT name, model, res_id FROM ir_model_data WHERE $MOVED AND module = 'kz_hr' ORDER BY name")"
[ "$before_ids" = "$after_ids" ] || fail "moved records changed ids: $(diff <(echo "$before_ids") <(echo "$after_ids") | head -20)"
double="$(sql "SELECT model, res_id FROM ir_model_data WHERE module IN ('kz_hr', 'kz_payroll') AND model <> 'ir.model'
               GROUP BY model, res_id HAVING count(*) > 1")"
[ -z "$double" ] || fail "records with an external id in both modules: $double"
after_counts="$(sql "$COUNTS")"
[ "$before_counts" = "$after_counts" ] || fail "counts changed: $before_counts -> $after_counts"
fk="$(sql "SELECT count(*) FROM ir_model_constraint c JOIN ir_module_module m ON m.id = c.module
           WHERE c.name LIKE 'kz_hr_%' AND m.name = 'kz_payroll'")"
[ "$fk" = 0 ] || fail "$fk foreign keys of the personnel tables still kz_payroll's"
say "after: $(echo "$after_ids" | grep -c .) external ids moved to kz_hr with their ids; counts $after_counts"
[ "$status" = 0 ] && say "upgrade check passed"
exit "$status"
