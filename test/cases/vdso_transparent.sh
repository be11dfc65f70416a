# The vDSO is unwound like libc: clock_gettime(CLOCK_PROCESS_CPUTIME_ID),
# which the vDSO cannot serve and makes as a syscall itself, is counted for
# the executable that called clock_gettime, not for [vdso] (strace -k cannot
# unwind the vDSO: exact counts instead).
. "$TLIB"
prog=$TPROG/vdso_cpu_clock
"$SYSO" -q --format full -o full.json "$prog" 100 || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$prog" $NR_clock_gettime 100
expect_no_object out.json "[vdso]"
expect_no_object out.json "$LIBC"
[ "$(stat full.json walk_scan)" = 0 ] || fail "walk_scan $(stat full.json walk_scan)"
expect_outcomes_add_up full.json
# without tables (--walker scan) the vDSO is an ordinary object again
"$SYSO" -q --walker scan -o scan.json "$prog" 100 || fail "--walker scan run failed"
expect_count scan.json "[vdso]" $NR_clock_gettime 100
