# -p of a kernel thread (kthreadd, pid 2 outside containers): it has no user
# space, makes no syscalls to count and never exits, so the run used to
# wait forever. Refused with one line and exit 2 before privileges (read
# from /proc/PID/stat's flags, as any user), alone or in a -p list.
RUNS_AS_ANY_USER=1 . "$TLIB"
# the first kernel thread visible here: PF_KTHREAD (0x00200000) in field 9
# (after the comm, which may hold spaces and parentheses)
kt=
for f in /proc/[0-9]*/stat; do
	flags=$(sed 's/.*) //' "$f" 2>/dev/null | awk '{ print $7 }')
	[ -n "$flags" ] && [ $(( flags & 0x00200000 )) != 0 ] && { kt=$(basename "$(dirname "$f")"); break; }
done
[ -n "$kt" ] || skip "no kernel thread visible in /proc (a pid namespace)"
for p in "$kt" "$$,$kt"; do
	timeout 10 "$SYSO" -p "$p" > out.txt 2> err.txt
	expect_status 2 $? "-p $p"
	[ "$(cat err.txt)" = "syso-kagg: -p $kt: a kernel thread (no user space, no syscalls to count)" ] ||
		fail "-p $p: expected one line naming the kernel thread, got: $(cat err.txt)"
	[ ! -s out.txt ] || fail "-p $p: nothing should go to stdout: $(cat out.txt)"
done
