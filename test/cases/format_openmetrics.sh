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

# -T and --hist: min and max gauges, the log2 histogram as an OpenMetrics
# histogram (cumulative buckets, le = the bucket's largest whole ns, in
# seconds, +Inf last), with _count the calls that returned and _sum the -T
# total. Three 10 ms sleeps: none at or below 2^23 - 1 ns.
prog=$TPROG/errors_known
"$SYSO" -q --hist --errors --format openmetrics -o hist.om "$prog" || fail "--hist run failed"
/usr/bin/python3 "$TOP/test/openmetrics_lint.py" hist.om || fail "not valid OpenMetrics with --hist"
labels="object=\"$prog\",syscall=\"clock_nanosleep\",nr=\"$NR_clock_nanosleep\",abi=\"x86_64\""
grep -qx "syso_kagg_syscall_duration_seconds_count{$labels} 3" hist.om || fail "sleeps' _count: $(grep "$labels" hist.om | grep _count)"
grep -qx "syso_kagg_syscall_duration_seconds_bucket{$labels,le=\"+Inf\"} 3" hist.om || fail "no +Inf bucket of 3"
le23=$(printf "0.%09d" $(( (1 << 23) - 1 )))
grep -qx "syso_kagg_syscall_duration_seconds_bucket{$labels,le=\"$le23\"} 0" hist.om || fail "a sleep under 2^23 ns: $(grep "$labels,le" hist.om | head -30)"
# every series, against the tool's other families of the same run
/usr/bin/python3 - hist.om <<'EOP' || fail "histogram disagrees with the counts, -T total, min or max"
import re, sys
val, buckets = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'^(syso_kagg_syscall\w*)\{(object="(?:[^"\\]|\\.)*",syscall="\w+",nr="\d+",abi="\w+")(?:,le="([^"]+)")?\} (\S+)$', line)
    if not m:
        continue
    name, series, le, v = m.groups()
    if le is None:
        val[name, series] = v
    else:
        buckets.setdefault(series, []).append((float(le), int(v)))
assert buckets, "no histogram"
for series, b in buckets.items():
    calls, count = int(val["syso_kagg_syscalls_total", series]), int(val["syso_kagg_syscall_duration_seconds_count", series])
    # exit_group never returns: counted, never timed
    assert count == (0 if 'syscall="exit_group"' in series else calls), f"{series}: _count {count}, {calls} calls"
    assert val["syso_kagg_syscall_duration_seconds_sum", series] == val["syso_kagg_syscall_seconds_total", series], series
    les = [le for le, _ in b[:-1]]
    assert les == [(2**k - 1) / 1e9 for k in range(len(les))], f"{series}: le bounds {les}"
    if not count:
        assert ("syso_kagg_syscall_min_seconds", series) not in val, f"{series}: min without a timed call"
        continue
    # min and max (kept apart from the histogram in the kernel) fall in
    # the first and last bucket that gains calls: le(k-1) < x <= le(k)
    lo, hi = float(val["syso_kagg_syscall_min_seconds", series]), float(val["syso_kagg_syscall_max_seconds", series])
    first = next(i for i, (_, n) in enumerate(b) if n)
    last = next(i for i, (_, n) in enumerate(b) if n == count)
    assert lo <= b[first][0] and (first == 0 or lo > b[first - 1][0]), f"{series}: min {lo} not in bucket {first}"
    assert hi <= b[last][0] and (last == 0 or hi > b[last - 1][0]), f"{series}: max {hi} not in bucket {last}"
print(f"{len(buckets)} histograms agree")
EOP
# promtool checks the Prometheus text format, where an OpenMetrics counter's
# HELP (on the name without _total) does not count: give it the gauges and
# the histogram, without the OpenMetrics-only UNIT lines
if command -v promtool > /dev/null; then
	awk '/^# TYPE/ { keep = ($3 ~ /_(min|max|duration)_seconds$/) } keep && !/^# UNIT/' hist.om > hist.prom
	[ "$(grep -c _bucket hist.prom)" = "$(grep -c _bucket hist.om)" ] ||
		fail "promtool's input lost buckets: $(grep -c _bucket hist.prom) of $(grep -c _bucket hist.om)"
	promtool check metrics < hist.prom || fail "promtool: $(promtool check metrics < hist.prom 2>&1 | head -3)"
fi
