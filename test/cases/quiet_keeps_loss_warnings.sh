# -q drops the table, never a warning: with --max-counts 1 -o x.json the
# lost calls are still said on stderr (the same warning lines as without
# -q, and nothing else); -q --interval 1 prints no running totals.
# Root: loads BPF.
. "$TLIB"
prog=$TPROG/known_counts
"$SYSO" -q --max-counts 1 --format full -o x.json "$prog" 2> q.txt || fail "run with -q failed"
full=$(stat x.json counts_full)
[ "$full" -gt 0 ] || fail "counts_full: expected a loss, got $full"
[ "$(cat q.txt)" = "warning: $full syscalls lost: count map full (counts_full)" ] ||
	fail "-q should print exactly the loss warning, printed: $(cat q.txt)"
"$SYSO" --max-counts 1 -o y.json "$prog" 2> t.txt || fail "run without -q failed"
grep '^warning:' t.txt | sed 's/[0-9]\+ syscalls/N syscalls/' > t.warn
sed 's/[0-9]\+ syscalls/N syscalls/' q.txt > q.warn
diff -u t.warn q.warn || fail "-q and the table warn differently"
# --sample: the estimate is said with -q too
"$SYSO" -q --sample 10 -o s.json "$prog" 2> s.txt || fail "run with --sample failed"
grep -q '^sampled: 1 syscall in 10 counted per CPU' s.txt || fail "-q --sample does not say counts are estimates: $(cat s.txt)"
# --interval honours -q: no running totals (the target runs 2.5 s)
"$SYSO" -q --interval 1 -o i.json sh -c 'sleep 2.5' 2> i.txt || fail "interval run failed"
[ ! -s i.txt ] || fail "-q --interval printed: $(head -5 i.txt)"
"$SYSO" --interval 1 -o i.json sh -c 'sleep 2.5' 2> i2.txt || fail "interval run failed"
# the control: the same run without -q did print running totals
grep -q '^--- syso-kagg at [0-9:]*: change in the last 1 s, and the running total ---$' i2.txt || fail "without -q, no running totals: $(head -3 i2.txt)"
exit 0
