# SPDX-License-Identifier: MIT
# bench/lib.sh: what the bench scripts share (sourced, from the top of the
# tree): building the workloads, the CPU's name for result files, medians,
# and reading sys_enter's BPF run-time stats.

# bench_build_workloads OUT NAME...: libbenchcall.so and each workload of
# bench/workloads/NAME.c into OUT, with the libraries its "// links:" line
# names.
bench_build_workloads() {
	local out=$1 w
	local cflags="-O2 -g -fomit-frame-pointer -Wall -Wextra -Ibench/workloads"
	shift
	mkdir -p "$out"
	# shellcheck disable=SC2086
	cc $cflags -fPIC -shared bench/workloads/libbenchcall.c -o "$out/libbenchcall.so"
	for w in "$@"; do
		# shellcheck disable=SC2046,SC2086
		cc $cflags "bench/workloads/$w.c" -o "$out/$w" -L"$out" -Wl,-rpath,'$ORIGIN' \
			$(sed -n 's|^// links: *||p' "bench/workloads/$w.c") -lpthread
	done
}

# The CPU's model name, and a short form of it for result file names.
bench_cpu() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1; }
bench_cpu_short() {
	bench_cpu | tr 'A-Z' 'a-z' |
		sed 's/([^)]*)//g; s/processor//; s/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//' | cut -c1-32
}

# bench_median: the median of the numbers on stdin, one per line ("n/a": none).
bench_median() {
	sort -g | awk '{ a[NR] = $1 } END {
		if (!NR) print "n/a"; else print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# bench_stats_line FILE: "run_cnt run_time_ns" from syso-kagg --bpf-stats'
# (or the floor loader's) sys_enter line in FILE.
bench_stats_line() {
	sed -n 's/^bpf-stats: sys_enter run_cnt=\([0-9]*\) run_time_ns=\([0-9]*\).*/\1 \2/p' "$1" | tail -1
}

# bench_poll_sys_enter TYPE ERR CMD...: run CMD (stderr to ERR) and print
# "run_cnt run_time_ns" of the sys_enter program of TYPE ("tracing":
# syso-kagg's; "tracepoint": bpftrace's) that it loaded, the last sample
# bpftool read while CMD ran: nothing of what the tool does after its
# target ended is in it. (bpftool fails when a program goes away while it
# lists them: that sample is skipped.)
bench_poll_sys_enter() {
	local type=$1 err=$2 before pid cur last=""
	shift 2
	before=$(bpftool prog show -j | jq -c '[.[].id]') || before='[]'
	"$@" >/dev/null 2>"$err" </dev/null &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		cur=$(bpftool prog show -j 2>/dev/null | jq -r --argjson b "$before" --arg t "$type" \
			'[.[] | select(.name == "sys_enter" and .type == $t and (.id as $i | $b | index($i) | not))]
			 | map("\(.run_cnt // 0) \(.run_time_ns // 0)") | .[0] // empty') || cur=""
		[ -n "$cur" ] && last=$cur
		sleep 0.05
	done
	wait "$pid" || true
	echo "$last"
}
