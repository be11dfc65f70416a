# A double-forking daemon gets the parent it would get without syso-kagg:
# by default the tool is no subreaper, so the orphan reparents to the
# caller's subreaper (test/progs/reaper here, as tini -s, systemd or a
# container's init would be) or to whatever adopts it without the tool.
# The run still goes on after the program that started the daemon has
# exited, counts the daemon exactly and ends by itself once it is gone.
# With --subreaper the daemon's parent is syso-kagg, which reaps it: the
# reaper above it adopts no zombie of the tool's.
. "$TLIB"
prog=$TPROG/daemon_ppid
n=1000
for g in a0 b0 a b c; do mkfifo gate.$g; done
# a failed check must not leave a daemon waiting on its gate (a gate is
# removed once its daemon is released)
trap 'for g in gate.*; do [ -p "$g" ] && timeout 5 sh -c "echo x > $g" 2>/dev/null; done' EXIT

# orphaned TAG: until the daemon of run TAG has written "PPID PROGRAM"
# and its program has exited (at most 30 s); sets ppid and program.
orphaned() {
	wait_for ppid.$1 '^[0-9][0-9]* [0-9][0-9]*$'
	read -r ppid program < ppid.$1
	for i in $(seq 300); do
		[ -e /proc/"$program" ] || return 0
		sleep 0.1
	done
	fail "$1: the program that started the daemon ($program) did not end"
}

# finish TAG PID TOOL: the program of run TAG is gone; TOOL (a pid, or ""
# without syso-kagg) must still run, for the daemon is traced; release the
# daemon and wait (bounded) for PID, the background command: $status.
finish() {
	[ -z "$3" ] || kill -0 "$3" 2>/dev/null ||
		fail "$1: syso-kagg ended with the program, before its daemon"
	timeout 10 sh -c "echo x > gate.$1" || fail "$1: the daemon never opened its gate"
	rm gate.$1
	wait_bounded "$2"
	expect_status 0 "$status" "$1"
}

# below_reaper TAG OPTION...: run TAG, syso-kagg OPTION... below
# test/progs/reaper, until the daemon is orphaned; sets bg (the reaper),
# tool (syso-kagg's pid) and ppid
below_reaper() {
	local tag=$1; shift
	"$TPROG/reaper" reaper.$tag "$SYSO" "$@" -q -o $tag.json "$prog" ppid.$tag gate.$tag $n &
	bg=$!
	wait_for reaper.$tag '^cmd '
	tool=$(awk '$1 == "cmd" { print $2 }' reaper.$tag)
	orphaned $tag
}

# exact JSON: every count of the executable, nothing unattributed
exact() {
	printf '%s\n' "$NR_getpid $((n + 1))" "$NR_getppid 1" "$NR_pipe2 1" "$NR_clone 2" \
		"$NR_close 2" "$NR_wait4 1" "$NR_write 2" "$NR_read 2" "$NR_openat 2" \
		"$NR_setsid 1" "$NR_set_robust_list 2" "$NR_exit_group 3" | sort -n > want.txt
	jq -r --arg o "$prog" '.[$o] // {} | to_entries[] | "\(.key) \(.value)"' "$1" |
		sort -n > got.txt
	diff -u want.txt got.txt || fail "$1: counts of $prog differ (- expected, + counted)"
	expect_no_object "$1" "[unattributed]"
}

# (a0) without syso-kagg, as the case was started: who adopts the daemon
"$prog" ppid.a0 gate.a0 $n &
bg=$!
orphaned a0
plain_ppid=$ppid
finish a0 $bg ""

# (b0) with syso-kagg, default: the same parent, not the tool
"$SYSO" -q -o b0.json "$prog" ppid.b0 gate.b0 $n &
bg=$!
orphaned b0
[ "$ppid" = "$plain_ppid" ] || fail "b0: daemon's parent $ppid under syso-kagg (pid $bg), $plain_ppid without"
finish b0 $bg $bg
exact b0.json

# (a) below a subreaper, without syso-kagg: the reaper adopts the daemon
"$TPROG/reaper" reaper.a "$prog" ppid.a gate.a $n &
bg=$!
orphaned a
[ "$ppid" = "$bg" ] || fail "a: daemon's parent $ppid, not the reaper $bg"
finish a $bg ""
grep -qx "orphans 1" reaper.a || fail "a: the reaper adopted: $(cat reaper.a)"

# (b) below a subreaper, with syso-kagg: the reaper still adopts the
# daemon, and nothing else (the tool reaped its own child)
below_reaper b
[ "$ppid" = "$bg" ] || fail "b: daemon's parent $ppid, not the reaper $bg (syso-kagg is $tool)"
finish b $bg "$tool"
grep -qx "orphans 1" reaper.b || fail "b: the reaper adopted: $(cat reaper.b)"
exact b.json

# (c) --subreaper: syso-kagg adopts the daemon and reaps it, so the reaper
# above it adopts nothing (no zombie of the tool's reparented at its exit)
below_reaper c --subreaper
[ "$ppid" = "$tool" ] || fail "c: daemon's parent $ppid, not syso-kagg $tool"
finish c $bg "$tool"
grep -qx "orphans 0" reaper.c || fail "c: the reaper adopted: $(cat reaper.c)"
exact c.json

# --subreaper is for a PROGRAM syso-kagg starts
"$SYSO" --subreaper -p $$ 2> usage.txt
expect_status 2 $? "--subreaper -p"
grep -q "^syso-kagg: --subreaper applies to a PROGRAM" usage.txt || fail "usage line: $(cat usage.txt)"
