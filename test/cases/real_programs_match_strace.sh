# Real programs of the machine: per-syscall totals equal strace -f's, and
# nothing is unattributed (shell pipeline, coreutils, exec chains).
. "$TLIB"
"$SYSO" -q -o ls.json /bin/ls -l / >/dev/null || fail "ls run failed"
expect_no_object ls.json "[unattributed]"
compare_with_strace ls.json /bin/ls -l /
"$SYSO" -q -o sh.json /bin/sh -c 'ls / | wc -l; date >/dev/null' >/dev/null || fail "sh run failed"
expect_no_object sh.json "[unattributed]"
jq -e 'has("/usr/bin/wc") and has("/usr/bin/dash") and has("/usr/bin/date")' sh.json >/dev/null ||
	fail "pipeline members missing: $(jq -c keys sh.json)"
