# --per-process in containers: a process in its own pid namespace (unshare
# -p) is shown with the pid that namespace sees beside the tool's, and each
# process with its cgroup v2 path, in the table, the full JSON and
# OpenMetrics. Needs root: it creates a cgroup and a pid namespace.
. "$TLIB"
make_test_cgroup ns
rel=${CG#$(cgroup2_mount)}
prog=$TPROG/known_counts
(in_cgroup "$CG" "$SYSO" --per-process --format full -o full.json \
	unshare -p -f --mount-proc "$prog" > /dev/null 2> table.txt) || fail "run failed"
# known_counts is pid 1 of the new namespace, its forked child pid 2
ns_of() {	# NAME CALLS: ns_pid of the process whose $prog row made CALLS of NAME
	jq -r --arg p "$prog" --arg n "$1" --argjson c "$2" '[.objects[] | select(.path == $p) |
		select(any(.syscalls[]; .name == $n and .calls == $c)) | .ns_pid] | join(",")' full.json
}
[ "$(ns_of write 1000)" = 1 ] || fail "ns pid of the namespace's first process: $(ns_of write 1000)"
[ "$(ns_of getpid 100)" = 2 ] || fail "ns pid of its child: $(ns_of getpid 100)"
pid1=$(jq -r --arg p "$prog" '.objects[] | select(.path == $p and .ns_pid == 1) | .pid' full.json)
[ "$pid1" != 1 ] || fail "the tool's pid should differ from the namespace's"
[ "$(jq -r '[.objects[].cgroup] | unique | join(",")' full.json)" = "$rel" ] ||
	fail "cgroups: $(jq -c '[.objects[].cgroup] | unique' full.json), expected $rel"
grep -q "^pid $pid1 (ns pid 1) (known_counts) \[$rel\] $prog  " table.txt ||
	fail "table line: $(grep "^pid $pid1 " table.txt | head -1)"
# unshare itself is in the tool's namespace: no ns pid shown
grep -q "^pid [0-9]* (unshare) \[$rel\] " table.txt || fail "unshare's line: $(grep unshare table.txt | head -1)"
# OpenMetrics labels
(in_cgroup "$CG" "$SYSO" -q --per-process --format openmetrics -o out.om \
	unshare -p -f --mount-proc "$prog" > /dev/null) || fail "run failed"
/usr/bin/python3 "$TOP/test/openmetrics_lint.py" out.om || fail "not valid OpenMetrics"
grep -q "^syso_kagg_syscalls_total{object=\"$prog\",syscall=\"write\",nr=\"1\",abi=\"x86_64\",pid=\"[0-9]*\",comm=\"known_counts\",ns_pid=\"1\",cgroup=\"$rel\"} 1000$" out.om ||
	fail "labels: $(grep '"write"' out.om | grep known_counts)"
exit 0
