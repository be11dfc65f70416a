# The strace-like options: -u runs the target as that user, -S orders the
# table, --interval prints running totals (--help, --version: help_fits_a_screen.sh,
# version_line.sh).
. "$TLIB"
"$SYSO" -q -u nobody /usr/bin/id -u > uid.txt || fail "-u nobody run failed"
[ "$(cat uid.txt)" = "$(id -u nobody)" ] || fail "-u nobody: target ran as uid $(cat uid.txt)"
"$SYSO" -q -u nobody /usr/bin/id -G > gids.txt || fail "-u nobody run failed"
[ "$(cat gids.txt)" = "$(id -G nobody)" ] || fail "-u nobody: groups $(cat gids.txt), want $(id -G nobody)"
"$SYSO" -q -u no-such-user-xyz /bin/true 2> err.txt; expect_status 2 $? "-u unknown user"
grep -qx "syso-kagg: -u no-such-user-xyz: no such user" err.txt || fail "message: $(cat err.txt)"

# -S name: syscalls of the executable in name order; default: by count
"$SYSO" -S name "$TPROG/chain3" 2> byname.txt || fail "-S name failed"
awk -v p="$TPROG/chain3" 'index($0, p) == 1 { on = 1; next } on && NF == 0 { exit } on && $1 ~ /^[0-9]+$/ { print $3 }' byname.txt > names.txt
[ "$(cat names.txt)" = "$(sort names.txt)" ] || fail "-S name not in name order: $(tr '\n' ' ' < names.txt)"
[ "$(head -1 names.txt)" = exit_group ] || fail "-S name: first should be exit_group: $(head -1 names.txt)"
"$SYSO" "$TPROG/chain3" 2> bycount.txt || fail "default run failed"
grep -A2 "^$TPROG/chain3 " bycount.txt | tail -1 | grep -q ' 300 .* write$' || fail "default order: write (300) first: $(grep -A2 "^$TPROG/chain3 " bycount.txt)"

# --interval 1 on a 3-second target: at least two interim tables
"$SYSO" --interval 1 /bin/sh -c 'sleep 1; sleep 1; sleep 1' 2> interval.txt || fail "--interval run failed"
n=$(grep -c '^--- syso-kagg at [0-9:]*: change in the last 1 s, and the running total ---$' interval.txt)
[ "$n" -ge 2 ] || fail "--interval 1 printed $n interim tables for a 3 s target"
grep -q '^total: ' interval.txt || fail "no final table"
