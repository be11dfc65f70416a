# --depth N counts by call chain: chain4 makes 120 getppid through
# main > first > middle > inner and 80 through main > second > middle >
# inner (-O2, no frame pointers). --depth 4 gives each chain exactly, in
# --format full and in folded stacks (which parse: frames, a space, a count,
# the counts summing to the run's total); --depth 2 merges them (200); a
# frame name with a space and a ';' is escaped; --depth 1 is the run
# without --depth; a library's table, built on the kernel's request, makes
# its later chains whole. Root: loads BPF.
. "$TLIB"
prog=$TPROG/chain4
"$SYSO" -q --depth 4 --format full -o full.json "$prog" || fail "--depth 4 run failed"
"$SYSO" -q --depth 4 --format folded -o folded.txt "$prog" || fail "folded run failed"

# full: the two chains, innermost frame first, exact
chain() { jq -r --arg p "$prog" --arg c "$1" '[.objects[] | select(.path == $p) | .chains[] | select(.name == "getppid") |
	select(([.frames[].frame | sub("\\+0x[0-9a-f]+$"; "")] | join(" < ")) == $c) | .calls] | add' full.json; }
c1=$(chain 'chain4`inner < chain4`middle < chain4`first < chain4`main')
c2=$(chain 'chain4`inner < chain4`middle < chain4`second < chain4`main')
[ "$c1" = 120 ] || fail "main>first>middle>inner: $c1 calls, want 120: $(jq -c '.objects[0].chains' full.json | head -c 2000)"
[ "$c2" = 80 ] || fail "main>second>middle>inner: $c2 calls, want 80"
[ "$(jq '.depth' full.json)" = 4 ] || fail "full JSON depth $(jq .depth full.json)"
jq -e --arg p "$prog" '[.objects[] | select(.path == $p) | .chains[].frames[0].object] | all(. == $p)' full.json >/dev/null ||
	fail "a chain of $prog does not start in it"

# folded: every line "frame;...;syscall count", counts add up to the total
total=$(jq '.calls' full.json)
awk -v total="$total" '
	!/^[^ ]+ [0-9]+$/ { print "bad line: " $0; bad = 1 }
	{ n = split($1, f, ";"); if (n < 2) { print "no frame: " $0; bad = 1 } sum += $2 }
	END { if (sum != total) { print "sum " sum " != total " total; bad = 1 } exit bad }' folded.txt > bad.txt ||
	fail "folded output: $(cat bad.txt | head -5)"
grep -qxF 'chain4`main;chain4`first;chain4`middle;chain4`inner;getppid 120' folded.txt ||
	fail "no folded line for main>first>middle>inner: $(grep getppid folded.txt)"
grep -qxF 'chain4`main;chain4`second;chain4`middle;chain4`inner;getppid 80' folded.txt ||
	fail "no folded line for main>second>middle>inner: $(grep getppid folded.txt)"

# --depth 2: the chains share inner < middle
"$SYSO" -q --depth 2 --format folded -o d2.txt "$prog" || fail "--depth 2 run failed"
grep -qxF 'chain4`middle;chain4`inner;getppid 200' d2.txt || fail "--depth 2: $(grep getppid d2.txt)"

# a name with a space and a ';' is one frame, escaped
odd="$PWD/my prog;1"
cp "$prog" "$odd"
"$SYSO" -q --depth 2 --format folded -o odd.txt "$odd" || fail "odd name run failed"
grep -qxF 'my\x20prog\x3b1`middle;my\x20prog\x3b1`inner;getppid 200' odd.txt ||
	fail "odd name not escaped: $(grep getppid odd.txt)"

# the table shows the chains
"$SYSO" --depth 4 "$prog" 2> table.txt || fail "table run failed"
grep -qE '^ +120  getppid +chain4`inner\+0x[0-9a-f]+ < chain4`middle\+0x[0-9a-f]+ < chain4`first\+0x[0-9a-f]+ < chain4`main\+0x[0-9a-f]+$' table.txt ||
	fail "no table row for the 120: $(grep -A4 'top call chains' table.txt)"

# --depth 1 is today's output: the same counts and sites (by offset: a
# short run may miss opening an object, which then has no symbols), and the
# same table when both runs held every object
"$SYSO" --sites --format full -o f0.json "$prog" 2> t0.txt || fail "--sites run failed"
"$SYSO" --sites --depth 1 --format full -o f1.json "$prog" 2> t1.txt || fail "--depth 1 run failed"
same() { jq -S '{summary, objects: [.objects[] | {path, calls, syscalls, sites: [.sites[] | {site, nr, calls}]}]}' "$1"; }
same f0.json > s0.txt; same f1.json > s1.txt
diff s0.txt s1.txt > diff.txt || fail "--depth 1 counts differ from no --depth: $(head -20 diff.txt)"
[ "$(jq '.depth' f1.json)" = 1 ] || fail "--depth 1: depth $(jq .depth f1.json)"
# the launched program's file is held before it runs: its sites are named
# whatever became of ld.so's and libc's
grep -qE '^ +200  getppid +[^ ]*/chain4 inner\+0x[0-9a-f]+$' t1.txt || fail "--sites row: $(grep getppid t1.txt)"
if ! grep -q 'not available' t0.txt t1.txt; then
	diff t0.txt t1.txt > diff.txt || fail "--depth 1 table differs from no --depth: $(head -20 diff.txt)"
fi
"$SYSO" --depth 0 "$prog" 2> e0.txt; expect_status 2 $? "--depth 0"
"$SYSO" --depth 17 "$prog" 2> e17.txt; expect_status 2 $? "--depth 17"
[ "$(wc -l < e0.txt)" = 2 ] && grep -q -- '--depth' e0.txt || fail "--depth 0 message: $(cat e0.txt)"

# a library's table is built on the kernel's request: its first call's
# chain is cut there ([cut:no_table]); once the table is in (every table
# asked is loaded: the program's own before it ran, ld.so's, libknown's),
# the next 200 calls have whole chains
mkfifo gate
"$SYSO" -q --depth 3 --interval 1 --format full -o live.json "$TPROG/chain_lib" gate &
tool=$!
for i in $(seq 100); do
	target=$(pgrep -P "$tool" -x chain_lib) && break
	sleep 0.05
done
[ -n "$target" ] || fail "chain_lib did not start"
wait_in_syscall "$target" "$NR_openat"
tables_in() { jq -e '.unwind_tables | .chain_tables >= 3 and .loaded_while_running + .failed == .chain_tables - 1' live.json >/dev/null 2>&1; }
poll_until 20 tables_in || fail "the library's table never came: $(jq -c .unwind_tables live.json)"
echo x > gate
wait_bounded "$tool"
[ "$status" = 0 ] || fail "chain_lib run exited $status"
lib_chain() { jq -r --arg c "$1" --arg e "$2" '[.objects[] | select(.path | endswith("/libknown.so")) | .chains[] |
	select(.name == "getppid" and (.end // "") == $e) |
	select(([.frames[].frame | sub("\\+0x[0-9a-f]+$"; "")] | join(" < ")) == $c) | .calls] | add' live.json; }
whole=$(lib_chain 'libknown.so`known_getppid_n < chain_lib`call_lib < chain_lib`main' "")
cut=$(lib_chain 'libknown.so`known_getppid_n' no_table)
[ "$whole" = 200 ] || fail "whole library chain: $whole calls, want 200: $(jq -c '.objects[] | select(.path | endswith("/libknown.so")) | .chains' live.json)"
[ "$cut" = 1 ] || fail "cut library chain: $cut calls, want 1"
# asked of userspace: ld.so's and libknown's (the program's own was built
# before it ran, libc's at start), and all three chain tables loaded
[ "$(jq '.stats.chain_table_requests' live.json)" = 2 ] || fail "chain_table_requests $(jq .stats.chain_table_requests live.json), want 2"
[ "$(jq -c '.unwind_tables | [.chain_tables, .loaded_while_running, .failed, .chain_tables_refused]' live.json)" = "[3,2,0,0]" ] ||
	fail "chain tables: $(jq -c .unwind_tables live.json)"
