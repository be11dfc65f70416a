# --format openmetrics: valid by the exposition grammar (checked here, no
# promtool), counts equal to the JSON's, label values escaped.
. "$TLIB"
prog=$TPROG/known_counts
"$SYSO" -q --format openmetrics -o out.om "$prog" || fail "run failed"
/usr/bin/python3 "$TOP/test/openmetrics_lint.py" out.om || fail "not valid OpenMetrics"
grep -qx "syso_kagg_syscalls_total{object=\"$prog\",syscall=\"write\",nr=\"1\",abi=\"x86_64\"} 1000" out.om ||
	fail "write count missing: $(grep write out.om)"
grep -qx "syso_kagg_syscalls_total{object=\"$TPROG/libknown.so\",syscall=\"getppid\",nr=\"110\",abi=\"x86_64\"} 500" out.om ||
	fail "getppid count missing"
grep -qx 'syso_kagg_sample_every 1' out.om || fail "no sample_every gauge"
# per-process labels, and a path that needs escaping
mkdir 'we"ird\dir' && cp "$prog" 'we"ird\dir/prog' && cp "$TPROG/libknown.so" 'we"ird\dir/'
"$SYSO" -q --per-process --format openmetrics -o pp.om 'we"ird\dir/prog' || fail "run failed"
/usr/bin/python3 "$TOP/test/openmetrics_lint.py" pp.om || fail "not valid OpenMetrics with --per-process"
# (the backslash is doubled as in JSON, doc/json-schema.md, then escaped)
grep -q 'object="[^"]*we\\"ird\\\\\\\\dir/prog",syscall="write",nr="1",abi="x86_64",pid="[0-9]*",comm="prog",cgroup="[^"]*"} 1000$' pp.om ||
	fail "escaped path or pid labels wrong: $(grep '"write"' pp.om)"
# the linter itself rejects broken input
printf '# TYPE x counter\nx_total{a="b} 1\n# EOF\n' > bad.om
! /usr/bin/python3 "$TOP/test/openmetrics_lint.py" bad.om >/dev/null || fail "linter accepted a broken label"
