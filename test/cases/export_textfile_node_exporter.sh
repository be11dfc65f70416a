# --interval SEC with -o FILE rewrites FILE atomically every interval: with
# --format openmetrics it is a node_exporter textfile, which a real
# prometheus-node-exporter (loopback) serves with the exact count; with
# --format full the JSON is rewritten the same way.
. "$TLIB"
command -v prometheus-node-exporter >/dev/null || skip "prometheus-node-exporter not installed (make deps)"
make_test_cgroup textfile
mkdir textfile
prog=$TPROG/known_counts
"$SYSO" -q --cgroup "$CG" --interval 1 --format openmetrics -o textfile/syso.prom 2> tool.err &
tool=$!
trap 'kill $tool 2>/dev/null; kill $ne 2>/dev/null; cleanup_cgroup "$CG"' EXIT
poll_until 10 test -e textfile/syso.prom || fail "textfile never written"
(in_cgroup "$CG" "$prog" > /dev/null) || fail "known_counts failed"
line="syso_kagg_syscalls_total{object=\"$prog\",syscall=\"write\",nr=\"1\",abi=\"x86_64\"} 1000"
poll_until 10 grep -qxF "$line" textfile/syso.prom || fail "count never in the textfile: $(grep write textfile/syso.prom)"
/usr/bin/python3 "$TOP/test/openmetrics_lint.py" textfile/syso.prom || fail "textfile not valid OpenMetrics"
port=$(free_port)
prometheus-node-exporter --collector.disable-defaults --collector.textfile \
	--collector.textfile.directory textfile --web.listen-address=127.0.0.1:$port > ne.log 2>&1 &
ne=$!
poll_until 30 curl -sf -o ne.txt "http://127.0.0.1:$port/metrics" || fail "node_exporter not up: $(tail -3 ne.log)"
grep -qx 'node_textfile_scrape_error 0' ne.txt || fail "node_exporter could not read the textfile: $(grep textfile ne.txt)"
# node_exporter sorts labels by name
grep -qxF "syso_kagg_syscalls_total{abi=\"x86_64\",nr=\"1\",object=\"$prog\",syscall=\"write\"} 1000" ne.txt ||
	fail "node_exporter's /metrics lacks the count: $(grep "$prog" ne.txt | grep write)"
kill -INT $tool; wait $tool; expect_status 0 $? "textfile run stopped"
# no temp file left next to it (node_exporter reads only *.prom, but still)
[ "$(ls -A textfile)" = syso.prom ] || fail "left in the textfile directory: $(ls -A textfile)"

# JSON (full) rewritten every interval too
"$SYSO" -q --cgroup "$CG" --interval 1 --format full -o live.json 2> tool.err &
tool=$!
poll_until 10 test -e live.json || fail "JSON never written"
(in_cgroup "$CG" "$prog" > /dev/null) || fail "known_counts failed"
has_count() { to_seed live.json > seed.json 2>/dev/null && [ "$(count seed.json "$prog" $NR_write)" = 1000 ]; }
poll_until 10 has_count || fail "count never in the rewritten JSON"
kill -INT $tool; wait $tool; expect_status 0 $? "JSON run stopped"
exit 0
