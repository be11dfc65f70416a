# --listen PORT: a real Prometheus server (loopback, its own storage, 1 s
# scrapes) scrapes /metrics while a --cgroup run goes on; a PromQL query
# through its HTTP API returns the exact count of a known workload, and
# the --hist histogram's _count. The exposition itself passes the
# OpenMetrics grammar check.
. "$TLIB"
command -v prometheus >/dev/null || skip "prometheus not installed (make deps)"
make_test_cgroup listen
port=$(free_port)
"$SYSO" --cgroup "$CG" --hist --listen "$port" -o final.json 2> tool.err &
tool=$!
trap 'kill $tool 2>/dev/null; cleanup_cgroup "$CG"' EXIT
wait_for tool.err "serving http://127.0.0.1:$port/metrics"
(in_cgroup "$CG" "$TPROG/known_counts" > /dev/null) || fail "known_counts failed"
curl -sf "http://127.0.0.1:$port/metrics" > scrape.om || fail "no /metrics"
/usr/bin/python3 "$TOP/test/openmetrics_lint.py" scrape.om || fail "/metrics is not valid OpenMetrics"
prog=$TPROG/known_counts
grep -qx "syso_kagg_syscalls_total{object=\"$prog\",syscall=\"write\",nr=\"1\",abi=\"x86_64\"} 1000" scrape.om ||
	fail "write count not in /metrics: $(grep "$prog" scrape.om)"
grep -q '^syso_kagg_map_entries{map="counts"} [0-9]*$' scrape.om || fail "no map occupancy"
grep -q '^syso_kagg_map_capacity{map="counts"} 65536$' scrape.om || fail "no map capacity"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/other")" = 404 ] || fail "not 404 off /metrics"

# Prometheus: started here, killed at the end
pport=$(free_port)
mkdir tsdb
cat > prom.yml <<EOC
global: { scrape_interval: 1s, scrape_timeout: 1s }
scrape_configs:
  - job_name: syso
    static_configs: [ { targets: ['127.0.0.1:$port'] } ]
EOC
prometheus --config.file=prom.yml --storage.tsdb.path=tsdb \
	--web.listen-address=127.0.0.1:$pport > prom.log 2>&1 &
prom=$!
trap 'kill $prom 2>/dev/null; kill $tool 2>/dev/null; cleanup_cgroup "$CG"' EXIT
api=http://127.0.0.1:$pport/api/v1/query
query() { curl -sf --get "$api" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // "none"'; }
scraped() { [ "$(query 'up{job="syso"}')" = 1 ]; }
poll_until 60 scraped || fail "Prometheus never scraped syso-kagg: $(tail -5 prom.log)"
got=$(query "syso_kagg_syscalls_total{object=\"$prog\",syscall=\"write\"}")
[ "$got" = 1000 ] || fail "PromQL: write by $prog = $got, expected 1000"
got=$(query "sum(syso_kagg_syscalls_total{object=\"$TPROG/libknown.so\",syscall=\"getppid\"})")
[ "$got" = 500 ] || fail "PromQL: getppid by libknown.so = $got, expected 500"
# --hist: Prometheus takes the histogram as one (its _count, +Inf bucket)
got=$(query "syso_kagg_syscall_duration_seconds_count{object=\"$prog\",syscall=\"write\"}")
[ "$got" = 1000 ] || fail "PromQL: histogram _count of write = $got, expected 1000"
got=$(query "syso_kagg_syscall_duration_seconds_bucket{object=\"$prog\",syscall=\"write\",le=\"+Inf\"}")
[ "$got" = 1000 ] || fail "PromQL: +Inf bucket of write = $got, expected 1000"
# the median from the buckets lies between the min and max gauges (at
# bucket precision: within the buckets of min and max, a factor 2 each way)
sel="object=\"$prog\",syscall=\"write\""
med=$(query "histogram_quantile(0.5, syso_kagg_syscall_duration_seconds_bucket{$sel})")
lo=$(query "syso_kagg_syscall_min_seconds{$sel}")
hi=$(query "syso_kagg_syscall_max_seconds{$sel}")
awk -v m="$med" -v l="$lo" -v h="$hi" 'BEGIN { exit !(m != "none" && m + 0 > 0 && m >= l / 2 && m <= h * 2) }' ||
	fail "PromQL: median of write $med outside min $lo .. max $hi"
kill -INT $tool
wait $tool; expect_status 0 $? "--listen run stopped by SIGINT"
expect_count final.json "$prog" $NR_write 1000
# the address must be free to listen on
"$SYSO" --cgroup "$CG" --listen "127.0.0.1:$pport" 2> err.txt; expect_status 69 $? "--listen on a port in use"
grep -q "^syso-kagg: --listen 127.0.0.1:$pport: cannot listen: " err.txt || fail "message: $(cat err.txt)"
"$SYSO" --listen 70000 true 2> err.txt; expect_status 2 $? "--listen port out of range"
exit 0
