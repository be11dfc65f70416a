# Helpers for test cases (sourced). Every check is exact; a failed check
# prints what was expected and what was seen, and the case exits 1.
set -u

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "skip: $*"; exit 77; }

# need_root WHY: skip the case (with WHY) unless we are root. Sourcing this
# file calls it for every case that loads BPF programs, which is the default;
# a case that needs neither root nor BPF sets RUNS_AS_ANY_USER=1 before
# sourcing, and `make check` runs those as an ordinary user.
need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root: $*"
}
[ "${RUNS_AS_ANY_USER:-0}" = 1 ] ||
	need_root "${NEEDS_ROOT_BECAUSE:-it loads BPF programs into the running kernel}"

# need_exec32: skip the case unless 32-bit (gcc -m32) test programs were
# built and this kernel executes them: a kernel without
# CONFIG_IA32_EMULATION, or booted with ia32_emulation=0, refuses every
# 32-bit program with ENOEXEC ("Exec format error"), also without the tool.
# The probe is noop32, run alone; anything else it does is a failure.
need_exec32() {
	local probe=$TPROG/noop32 out
	[ -x "$probe" ] ||
		skip "$probe not built: gcc -m32 cannot link here (gcc-multilib, which make deps installs)"
	# LC_ALL=C in the subshell that execs: bash's message in English
	out=$(export LC_ALL=C; exec "$probe" 2>&1) && return 0
	case $out in
	*"Exec format error"*)
		skip "this kernel does not execute 32-bit programs ($probe: Exec format error; no CONFIG_IA32_EMULATION, or ia32_emulation=0)" ;;
	esac
	fail "$probe, a 32-bit program that only exits 0, failed: $out"
}

# count JSON OBJECT NR: calls of syscall NR by OBJECT in JSON (0 if none)
count() {
	jq -r --arg o "$2" --arg n "$3" '(.[$o][$n] // 0)' "$1"
}

# expect_count JSON OBJECT NR EXPECTED
expect_count() {
	local got
	got=$(count "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "$2 syscall $3: expected $4 calls, got $got"
}

# expect_no_object JSON OBJECT
expect_no_object() {
	jq -e --arg o "$2" 'has($o) | not' "$1" >/dev/null ||
		fail "$2 should not be in the report: $(jq -c --arg o "$2" '.[$o]' "$1")"
}

# total_for_nr JSON NR: calls of NR summed over all objects
total_for_nr() {
	jq -r --arg n "$2" '[.[] | .[$n] // 0] | add // 0' "$1"
}

# expect_status EXPECTED ACTUAL WHAT
expect_status() {
	[ "$1" = "$2" ] || fail "$3: expected exit status $1, got $2"
}

# Syscall numbers (x86_64) as NR_name variables, from the installed kernel
# headers (the tool's own names come from the same file): never typed here.
UNISTD_64=${UNISTD_64:-/usr/include/x86_64-linux-gnu/asm/unistd_64.h}
[ -r "$UNISTD_64" ] || fail "$UNISTD_64 missing (linux-libc-dev)"
eval "$(awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ { print "NR_" substr($2, 6) "=" $3 }' "$UNISTD_64")"

# i386 numbers (compat processes) as NR32_name, from the same headers.
UNISTD_32=${UNISTD_32:-${UNISTD_64%_64.h}_32.h}
[ -r "$UNISTD_32" ] || fail "$UNISTD_32 missing (linux-libc-dev)"
eval "$(awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ { print "NR32_" substr($2, 6) "=" $3 }' "$UNISTD_32")"

# Absolute paths of the objects the tests expect.
LIBC=$(readlink -f /lib/x86_64-linux-gnu/libc.so.6)
LDSO=$(readlink -f /lib64/ld-linux-x86-64.so.2)

# names_from_json JSON: "name calls" lines summed over objects, using the
# kernel's own table from the installed headers (as the tool does).
names_from_json() {
	awk '$1 == "#define" && $2 ~ /^__NR_/ { print $3, substr($2, 6) }' \
		"$UNISTD_64" > nr_names.txt
	jq -r '[.[] | to_entries[]] | group_by(.key)[] | "\(.[0].key) \(map(.value) | add)"' "$1" |
		awk 'NR == FNR { name[$1] = $2; next } { print (name[$1] ? name[$1] : "nr" $1), $2 }' \
			nr_names.txt - | sort
}

# compare_with_strace JSON CMD...: per-syscall totals in JSON must equal
# what strace -f counts for the same command (strace counts the initial
# execve, which syso-kagg by design does not, and never counts exit and
# exit_group because they do not return). Syscalls named in $IGNORE (a
# regex) are left out: futex counts of threaded programs depend on timing,
# and strace's stops change the timing.
compare_with_strace() {
	local json=$1; shift
	strace -f -qq -c -U name,calls -o strace.txt "$@" >/dev/null 2>&1 ||
		fail "strace -f $* failed"
	awk 'NR > 2 && $1 != "total" && $1 !~ /^-/ && $1 != "execve" { print $1, $2 }' strace.txt |
		sort > strace.counts
	names_from_json "$json" | grep -vE '^(exit|exit_group) ' > syso.counts
	if [ -n "${IGNORE:-}" ]; then
		grep -vE "^($IGNORE) " strace.counts > s.tmp; mv s.tmp strace.counts
		grep -vE "^($IGNORE) " syso.counts > s.tmp; mv s.tmp syso.counts
	fi
	if ! diff -u strace.counts syso.counts > counts.diff; then
		cat counts.diff
		fail "per-syscall totals differ from strace -f (- strace, + syso-kagg)"
	fi
}

# stat FULL_JSON NAME: a counter from --format full output
stat() {
	jq -r --arg s "$2" '.stats[$s]' "$1"
}

# counts_lost FULL_JSON: syscalls not counted, whatever the count map's
# refusal (full, no memory at hand, lock busy, other: shared/stats.h)
counts_lost() {
	jq '.stats | .counts_full + .counts_nomem + .counts_busy + .counts_failed' "$1"
}

# expect_clean_maps FULL_JSON: nothing left behind, no mirror misses
expect_clean_maps() {
	local left
	left=$(jq -c '.maps_at_exit | {mirrors, traced_tasks, pending_tasks}' "$1")
	[ "$left" = '{"mirrors":0,"traced_tasks":0,"pending_tasks":0}' ] ||
		fail "entries left in the maps after the run: $left"
	[ "$(stat "$1" mirror_miss)" = 0 ] || fail "mirror misses: $(stat "$1" mirror_miss)"
	[ "$(stat "$1" mirror_missing)" = 0 ] || fail "mirrors missing: $(stat "$1" mirror_missing)"
	expect_outcomes_add_up "$1"
}

# to_seed FULL_JSON > JSON: the seed's shape from the full format
to_seed() {
	jq '[.objects[] | {key: .path, value: ([.syscalls[] | {key: (.nr | tostring), value: .calls}] | from_entries)}] | from_entries' "$1"
}

# fork_many_exact N K: N children of fork_many, K getpid each, all counted on
# the executable; every task followed and gone; every child's mirror freed
# (and the parent's); nothing left in the maps.
fork_many_exact() {
	local n=$1 k=$2 prog=$TPROG/fork_many
	"$SYSO" -q --format full -o full.json "$prog" "$n" "$k" || fail "run failed"
	to_seed full.json > out.json
	expect_count out.json "$prog" $NR_getpid $((n * k))
	expect_count out.json "$prog" $NR_clone "$n"
	[ "$(stat full.json tasks_followed)" = $((n + 1)) ] || fail "tasks_followed $(stat full.json tasks_followed)"
	[ "$(stat full.json tasks_exited)" = $((n + 1)) ] || fail "tasks_exited $(stat full.json tasks_exited)"
	[ "$(stat full.json mirror_frees)" = $((n + 1)) ] || fail "mirror_frees $(stat full.json mirror_frees)"
	expect_clean_maps full.json
}

# expect_outcomes_add_up FULL_JSON: every syscall counted in exactly one
# walk outcome (the walk_cfi_no_* counters are reasons, not outcomes)
expect_outcomes_add_up() {
	local sum syscalls
	sum=$(jq '.stats | .walk_direct + .walk_cfi + .walk_scan + .walk_depth_limit +
		.walk_new_objects_limit + .walk_no_frame + .walk_stack_unreadable + .walk_map_full + .unattributed' "$1")
	syscalls=$(stat "$1" syscalls)
	[ "$sum" = "$syscalls" ] || fail "walk outcomes add up to $sum, syscalls $syscalls: $(jq -c .stats "$1")"
}

# held_count PID NAME: descriptors of process PID whose file /proc names
# NAME (readlink of /proc/PID/fd/N)
held_count() {
	local n=0 f
	for f in /proc/"$1"/fd/*; do
		[ "$(readlink "$f" 2>/dev/null)" = "$2" ] && n=$((n + 1))
	done
	echo "$n"
}

# on_fail_release PID GATE...: if the case fails, kill syso-kagg (PID) and
# release the targets waiting on the FIFOs GATE, so nothing is left behind
on_fail_release() {
	local pid=$1; shift
	trap "kill -9 $pid 2>/dev/null; for g in $*; do timeout 5 sh -c \"echo x > \$g\" 2>/dev/null; done" EXIT
}

# wait_held PID NAME COUNT: until syso-kagg (PID) holds COUNT descriptors
# of files named NAME (it opens each object through the mapping of a live
# process). Not a timing check: a hang guard of 30 s, then fail.
wait_held() {
	local i
	for i in $(seq 300); do
		[ "$(held_count "$1" "$2")" -ge "$3" ] && return 0
		kill -0 "$1" 2>/dev/null || fail "syso-kagg exited before holding $2"
		sleep 0.1
	done
	fail "syso-kagg never held $3 descriptors of $2 (has $(held_count "$1" "$2"))"
}

# wait_bounded PID: wait for background job PID (a hang guard of 30 s,
# then kill it and fail); sets $status to its exit status.
wait_bounded() {
	local i
	for i in $(seq 300); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$1" 2>/dev/null; then
		kill -9 "$1"
		fail "pid $1 still running after 30 s"
	fi
	wait "$1"
	status=$?
}

# build_id FILE: the GNU build-id of an ELF file
build_id() {
	readelf -n "$1" | awk '/Build ID:/ { print $3 }'
}

# raw_offset SO: file offset of raw_getppid in a copy of libraw.so (its
# vaddr through the PT_LOAD that holds it)
raw_offset() {
	local a o v fs off=
	a=$(readelf -Ws "$1" | awk '$8 == "raw_getppid" { print "0x" $2; exit }')
	a=$((a))
	while read -r _ o v _ fs _; do
		[ $a -ge $((v)) ] && [ $a -lt $((v + fs)) ] && off=$((a - v + o))
	done < <(readelf -Wl "$1" | grep '^ *LOAD')
	echo "$off"
}

# cgroup2_mount: where cgroup v2 is mounted (hybrid layouts put it below
# /sys/fs/cgroup); the case is skipped without one.
cgroup2_mount() {
	local m
	m=$(findmnt -n -o TARGET -t cgroup2 | head -1)
	[ -n "$m" ] || skip "no cgroup v2 mounted"
	echo "$m"
}

# make_test_cgroup NAME: a fresh cgroup for this case, removed (its tasks
# killed first) at exit; sets CG.
make_test_cgroup() {
	local root
	root=$(cgroup2_mount) || exit 77
	CG=$root/syso-kagg-test-$1-$$
	mkdir "$CG" || fail "cannot create cgroup $CG"
	trap 'cleanup_cgroup "$CG"' EXIT
}

# cleanup_cgroup DIR: kill what is left in DIR and below, remove them.
cleanup_cgroup() {
	local d
	for d in $(find "$1" -depth -type d 2>/dev/null); do
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
	done
	for i in $(seq 50); do
		find "$1" -depth -type d -exec rmdir {} + 2>/dev/null
		[ -d "$1" ] || return 0
		sleep 0.1
	done
}

# in_cgroup DIR CMD...: become CMD as a process of cgroup DIR (a shell
# moves itself in, then execs). It execs: call it as `in_cgroup ... &` (then
# $! is CMD's pid) or in a subshell `(in_cgroup ...)`.
in_cgroup() {
	local d=$1; shift
	exec sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$d" "$@"
}

# wait_for FILE REGEX: until a line of FILE matches (at most 10 s).
wait_for() {
	for i in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
	fail "timed out waiting for '$2' in $1: $(cat "$1")"
}

# wait_in_syscall PID NR: until PID is blocked in syscall NR (at most 5 s).
wait_in_syscall() {
	for i in $(seq 100); do
		[ "$(cut -d' ' -f1 /proc/$1/syscall 2>/dev/null)" = "$2" ] && return 0
		sleep 0.05
	done
	fail "process $1 never blocked in syscall $2"
}

# object_counts FULL_JSON OBJECT: "nr calls" lines for OBJECT summed over
# processes, sorted, for exact comparison with a reference run.
object_counts() {
	jq -r --arg o "$2" '[.objects[] | select(.path == $o) | .syscalls[]] |
		group_by(.nr)[] | "\(.[0].nr) \(map(.calls) | add)"' "$1" | sort -n
}

# free_port: a TCP port free on loopback now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# poll_until SECONDS CMD...: run CMD every 0.2 s until it succeeds; 1 if it
# never did (bounded: slow starts of servers must not hang a case).
poll_until() {
	local n=$(($1 * 5)); shift
	for i in $(seq $n); do "$@" && return 0; sleep 0.2; done
	return 1
}

# other_build SRC DST: DST is SRC with its GNU build-id changed (every byte
# inverted): "another build" of a library, whose unwind table neither the
# kernel nor userspace may take from SRC's by build-id
other_build() {
	python3 - "$1" "$2" <<'EOF_PY' || fail "cannot make another build of $1"
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
i = b.find(struct.pack('<III', 4, 20, 3) + b'GNU\0')
if i < 0:
    sys.exit("no GNU build-id note")
for k in range(20):
    b[i + 16 + k] ^= 0xff
open(sys.argv[2], 'wb').write(b)
EOF_PY
	[ "$(readelf -n "$2" | grep 'Build ID')" != "$(readelf -n "$1" | grep 'Build ID')" ] ||
		fail "$2 has $1's build-id"
}

# crafted_object_run KIND NAME N [OPTION...]: test/crafted_elf.py KIND
# written as ./NAME, mapped by late_map, which calls its code N times (one
# getppid each) and waits until syso-kagg (with -q --format full -o
# full.json and OPTIONs) holds the file. Sets $status (the tool's), $rss_kb
# (its peak RSS: getrusage of its parent) and $secs (its run, wall clock);
# stderr in err.txt.
crafted_object_run() {
	local kind=$1 name=$2 n=$3 pid; shift 3
	python3 "$TOP/test/crafted_elf.py" "$kind" "$name" || fail "cannot craft $kind"
	mkfifo gate gate2
	python3 - "$SYSO" -q --format full -o full.json "$@" \
		"$TPROG/late_map" gate "$PWD/$name" 0x1000 "$n" gate2 2> err.txt > usage.txt <<'EOF_PY' &
import resource, subprocess, sys, time
t = time.monotonic()
status = subprocess.call(sys.argv[1:])
secs = time.monotonic() - t
print(status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "%.2f" % secs)
EOF_PY
	pid=$!
	on_fail_release "$pid" gate gate2
	echo x > gate
	# the file held: the report reads it, however soon the target ends
	local syso
	poll_until 30 pgrep -P "$pid" >/dev/null || fail "syso-kagg did not start"
	syso=$(pgrep -P "$pid") || fail "no syso-kagg under the wrapper"
	wait_held "$syso" "$PWD/$name" 1
	echo x > gate2
	wait_bounded "$pid"
	trap - EXIT
	[ "$status" = 0 ] || fail "the rusage wrapper failed: $(cat err.txt)"
	read -r status rss_kb secs < usage.txt
}

# expect_object_limits MAX_SECONDS BUDGET_MIB: the crafted run ended in
# MAX_SECONDS (a hang guard, far above the few tenths of a second it takes
# and far below the minutes an unbounded parse takes) with a peak RSS of at
# most BUDGET_MIB plus 64 MiB (the tool's own: ~20 MiB), and counted at
# least one refusal in --format full. An ASan build's RSS (its quarantine
# keeps freed memory) says nothing about the budget: not checked there.
expect_object_limits() {
	expect_status 0 "$status" "syso-kagg"
	awk -v s="$secs" -v m="$1" 'BEGIN { exit !(s < m) }' || fail "run took $secs s (limit $1)"
	if ! ldd "$SYSO" | grep -q libasan; then
		[ "$rss_kb" -le $((($2 + 64) * 1024)) ] ||
			fail "peak RSS $rss_kb KiB, over the budget of $2 MiB + 64 MiB"
	fi
	[ "$(jq '.object_data.refused' full.json)" -ge 1 ] ||
		fail "no refusal counted: $(jq -c .object_data full.json)"
	[ "$(jq '.object_data.budget_bytes' full.json)" = $(($2 << 20)) ] ||
		fail "budget: $(jq -c .object_data full.json)"
}

# --- make check's parser cases (test/parse_dump.c: the tool's own parsers
# and escapers, linked without main; needs neither root nor BPF) ---

# trace_set SET: the calls -e trace=SET counts, "ABI NAME" lines (or
# "ABI #NR" for a number without a name); the case fails if SET is refused
trace_set() {
	"$TPROG/parse_dump" trace-set "$1" || fail "-e trace=$1 refused (exit $?)"
}

# header_names ABI: "ABI NAME" for every call the installed headers name
# (ABI x86_64 or i386), in number order as trace_set prints them
header_names() {
	local f=$UNISTD_64
	[ "$1" = i386 ] && f=$UNISTD_32
	awk -v abi="$1" '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ { print $3, abi, substr($2, 6) }' "$f" |
		sort -n -k1,1 | cut -d' ' -f2-
}

# expect_set_refused SET MESSAGE: -e trace=SET is refused with exit 2 and
# the one line MESSAGE on stderr, nothing on stdout
expect_set_refused() {
	"$TPROG/parse_dump" trace-set "$1" > out.txt 2> err.txt
	expect_status 2 $? "-e trace=$1"
	[ ! -s out.txt ] || fail "-e trace=$1: a set came out: $(head -3 out.txt)"
	[ "$(cat err.txt)" = "$2" ] || fail "-e trace=$1: message: $(cat err.txt), want: $2"
}

# parsed ARG...: options__parse on ARG... as "field value" lines in
# parsed.txt; the case fails unless it accepted them
parsed() {
	"$TPROG/parse_dump" options "$@" > parsed.txt 2> err.txt ||
		fail "options $*: exit $?: $(cat err.txt)"
	[ "$(head -1 parsed.txt)" = "status -1" ] || fail "options $*: $(head -1 parsed.txt)"
	[ ! -s err.txt ] || fail "options $*: said: $(cat err.txt)"
}

# expect_field FIELD VALUE: a line of parsed.txt (the last parsed)
expect_field() {
	grep -qxF "$1 $2" parsed.txt || fail "$1: want '$2', got '$(grep "^$1 " parsed.txt | tr '\n' ' ')'"
}

# expect_usage_error MESSAGE ARG...: options__parse refuses ARG... with
# exit 2, MESSAGE and (when HINT=1, the default) the --help hint
expect_usage_error() {
	local msg=$1; shift
	"$TPROG/parse_dump" options "$@" > parsed.txt 2> err.txt
	expect_status 2 $? "options $*"
	[ "$(head -1 err.txt)" = "$msg" ] || fail "options $*: message: $(head -1 err.txt), want: $msg"
	if [ "${HINT:-1}" = 1 ]; then
		[ "$(sed -n 2p err.txt)" = "Try 'syso-kagg --help' for more information." ] ||
			fail "options $*: no --help hint: $(cat err.txt)"
		[ "$(wc -l < err.txt)" = 2 ] || fail "options $*: more than two lines: $(cat err.txt)"
	else
		[ "$(wc -l < err.txt)" = 1 ] || fail "options $*: more than one line: $(cat err.txt)"
	fi
}

# escaped HOW BYTES: parse_dump escape-HOW on BYTES (printf %b escapes)
escaped() {
	"$TPROG/parse_dump" "escape-$1" "$(printf '%b' "$2")" || fail "escape-$1 failed"
}

# expect_escaped HOW BYTES WANT: BYTES (printf %b) come out as WANT (taken
# as it is written: backslashes are the escaper's own)
expect_escaped() {
	local got
	got=$(escaped "$1" "$2")
	[ "$got" = "$3" ] || fail "escape-$1 of '$2': got '$got', want '$3'"
}

# cfi_check_object OBJECT [WORD]: the .eh_frame reader (user/cfi.c, through
# build/test/cfi_dump) agrees with binutils' CFI interpreter on OBJECT (WORD
# 8 for x86-64, 4 for i386) at every row boundary readelf reports: same FDE
# and CIE counts, the same compact row at the first and last byte of every
# readelf row, a gap row after every FDE no other FDE follows, no row
# boundary readelf does not have, no two equal rows in a row. Skips the
# case if OBJECT is not there.
cfi_check_object() {
	local DUMP=$TPROG/cfi_dump
	[ -x "$DUMP" ] || fail "$DUMP missing: make check builds it"
	command -v readelf >/dev/null || skip "readelf (binutils) not installed"
	local obj=$1 word=${2:-8} want got n
	[ -e "$obj" ] || skip "$obj not present (not Debian/Ubuntu x86-64?)"
	echo "== $obj"
	readelf --debug-dump=frames "$obj" | awk -f "$TOP/test/cfi_readelf_exprs.awk" > exprs
	# the syscall instruction: i386's is int $0x80
	objdump -d --no-show-raw-insn "$obj" | awk -v W="$word" '(W == 8 ? $2 == "syscall" : $2 " " $3 == "int $0x80") &&
		prev ~ /mov +\$0x[0-9a-f]+,%eax$/ { a = $1; sub(/:$/, "", a); print "Y", a } { prev = $0 }' > syscalls
	readelf -lW "$obj" | awk '$1 == "LOAD" { print "LOAD", $2, $3, $5 }' > segs
	readelf --debug-dump=frames-interp "$obj" | sed 's/ ([a-z0-9]*)//g' > interp
	awk -v W="$word" -f "$TOP/test/cfi_readelf.awk" exprs syscalls segs interp > oracle || fail "oracle failed on $obj"
	"$DUMP" -s "$obj" > stats || fail "cfi_dump -s $obj failed"
	cfi_stat() { awk -v k="$1" '$1 == k { print $2 }' stats; }

	[ "$(cfi_stat fdes)" = "$(awk '$1 == "F" { print $2 }' oracle)" ] ||
		fail "$obj: FDEs: readelf $(awk '$1 == "F" { print $2 }' oracle), cfi $(cfi_stat fdes)"
	[ "$(cfi_stat cies)" = "$(awk '$1 == "C" { print $2 }' oracle)" ] ||
		fail "$obj: CIEs: readelf $(awk '$1 == "C" { print $2 }' oracle), cfi $(cfi_stat cies)"
	[ "$(cfi_stat fdes_empty)" = "$(awk '$1 == "Z" { print $2 }' oracle)" ] ||
		fail "$obj: empty FDEs: readelf $(awk '$1 == "Z" { print $2 }' oracle), cfi $(cfi_stat fdes_empty)"
	[ "$(cfi_stat word)" = "$word" ] || fail "$obj: word size: expected $word, got $(cfi_stat word)"
	for k in errors overlaps fdes_unmapped; do
		[ "$(cfi_stat $k)" = 0 ] || fail "$obj: $k: expected 0, got $(cfi_stat $k)"
	done

	# The row at every readelf row's first and last byte and at FDE ends.
	awk '$1 == "E" { print $2, $3, $4, $5 }' oracle | sort -u > want
	n=$(wc -l < want)
	cut -d' ' -f1 want | sed 's/^/0x/' | "$DUMP" -L "$obj" | sort -u > got
	if ! diff want got > delta; then
		echo "expected (readelf) vs cfi_dump, first differences:"
		head -20 delta
		fail "$obj: $(grep -c '^<' delta) of $n lookups differ"
	fi

	# Our rows change only where readelf's do, and are merged.
	"$DUMP" -r "$obj" > rows
	awk '$1 == "B" { print $2 }' oracle | sort -u > bounds
	cut -d' ' -f1 rows | sort -u | comm -23 - bounds > extra
	[ ! -s extra ] || fail "$obj: $(wc -l < extra) rows start where readelf has no boundary, e.g. $(head -3 extra | tr '\n' ' ')"
	got=$(awk 'NR > 1 && $2" "$3" "$4 == prev { n++ } { prev = $2" "$3" "$4 } END { print n + 0 }' rows)
	[ "$got" = 0 ] || fail "$obj: $got rows equal to the row before them (not merged)"
	[ "$(wc -l < rows)" = "$(cfi_stat rows)" ] || fail "$obj: rows printed $(wc -l < rows), stats say $(cfi_stat rows)"
	for k in rsp rbp unsupported gap outermost signal plt ra_rdi; do
		want=$(cfi_stat $k); [ $k = gap ] && want=$(cfi_stat gaps)
		got=$(awk -v k=$k '$2 == k' rows | wc -l)
		[ "$got" = "$want" ] || fail "$obj: $k rows: stats $want, printed $got"
	done
	echo "$n lookups match; $(cfi_stat fdes) FDEs, $(cfi_stat rows) rows"
}

# expect_unwind SEED OUTCOME REASON REASON2 OBJ SITE: user/deferred_unwind.c
# (build/test/deferred_dump) on test/fuzz/corpus/deferred/seed-SEED answers
# exactly so, for the call the copy names (getpid of pid 100, start 7)
expect_unwind() {
	local seed=$TOP/test/fuzz/corpus/deferred/seed-$1
	[ -r "$seed" ] || fail "$seed missing"
	"$TPROG/deferred_dump" "$seed" > got.txt || fail "deferred_dump $1: exit $?"
	printf '%s\n' "valid 1" "outcome $2" "reason $3" "reason2 $4" "obj $5" "site $6" \
		"nr 39 pid 100 pid_start 7" > want.txt
	diff -u want.txt got.txt || fail "seed-$1: the deferred unwind answered otherwise (- want, + got)"
}

# summary COUNTS [OPTION...]: the summary block (test/summary_dump) of the
# per-object counts COUNTS ("OBJECT NR CALLS [ERRORS NS MIN MAX]" lines,
# iNR for i386) into summary.txt; the case fails if it cannot print one
summary() {
	local counts=$1; shift
	printf '%s\n' "$counts" | "$TPROG/summary_dump" "$@" > summary.txt ||
		fail "summary_dump $* failed (exit $?)"
}

# expect_summary WANT: summary.txt is exactly WANT (printf %s lines)
expect_summary() {
	printf '%s\n' "$@" > want.txt
	diff -u want.txt summary.txt || fail "the summary block differs (- want, + got)"
}

# expect_object_path WANT FLAGS DELETED COMPONENT...: objects__path of the
# record (test/parse_dump object-path) is WANT
expect_object_path() {
	local want=$1 got; shift
	got=$("$TPROG/parse_dump" object-path "$@") || fail "object-path $*: exit $?"
	[ "$got" = "$want" ] || fail "object-path $*: got '$got', want '$want'"
}
