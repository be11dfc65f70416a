# --errors counts failed calls exactly, -T measures kernel time (a 10 ms
# sleep takes at least 10 ms), --sites names the calling function.
. "$TLIB"
prog=$TPROG/errors_known
"$SYSO" -q --errors -T --format full -o full.json "$prog" || fail "run failed"
sc() { jq --arg p "$prog" --arg n "$1" --arg f "$2" '.objects[] | select(.path == $p) | .syscalls[] | select(.name == $n) | .[$f]' full.json; }
[ "$(sc close calls)" = 25 ] || fail "close calls $(sc close calls)"
[ "$(sc close errors)" = 25 ] || fail "close errors $(sc close errors), want 25"
[ "$(sc getppid errors)" = 0 ] || fail "getppid errors $(sc getppid errors), want 0"
[ "$(sc clock_nanosleep calls)" = 3 ] || fail "clock_nanosleep calls $(sc clock_nanosleep calls)"
[ "$(sc clock_nanosleep time_ns)" -ge 30000000 ] || fail "3 x 10 ms nanosleep measured $(sc clock_nanosleep time_ns) ns"
[ "$(sc getppid time_ns)" -lt "$(sc clock_nanosleep time_ns)" ] || fail "getppid took longer than the sleeps"
# the table has the columns; without the options the exit program is not loaded
"$SYSO" --errors -T "$prog" 2> table.txt || fail "run failed"
grep -q ' errors .* seconds .* usecs/call .* min .* max  syscall$' table.txt || fail "no errors/time columns: $(head -3 table.txt)"
grep -E '^ +25 +[0-9.]+ +25 .* close$' table.txt >/dev/null || fail "close row: $(grep close table.txt)"
"$SYSO" -q --bpf-stats "$prog" 2> stats.txt
! grep -q 'bpf-stats: sys_exit ' stats.txt || fail "sys_exit loaded without --errors/-T"
# --sites: exact counts at known functions
"$SYSO" -q --sites --format full -o sites.json "$TPROG/chain3" || fail "--sites run failed"
site() { jq --arg p "$1" --arg s "$2" '[.objects[] | select(.path == $p) | .sites[] | select(.symbol == $s) | .calls] | add' sites.json; }
[ "$(site "$TPROG/chain3" level3)" = 300 ] || fail "level3 site: $(site "$TPROG/chain3" level3)"
[ "$(site "$TPROG/libknown.so" known_getppid_n)" = 200 ] || fail "known_getppid_n site: $(site "$TPROG/libknown.so" known_getppid_n)"
jq -e --arg p "$TPROG/chain3" '.objects[] | select(.path == $p) | .build_id | test("^[0-9a-f]{40}$")' sites.json >/dev/null ||
	fail "no build-id for chain3"
"$SYSO" --sites "$TPROG/chain3" 2> t.txt || fail "run failed"
grep -qE "^ +300  write +$TPROG/chain3 level3\+0x[0-9a-f]+$" t.txt || fail "sites table: $(grep -A3 'top call sites' t.txt)"
