# Signal frames are unwound for every syscall, on an alternate signal
# stack: a handler that tail-calls write() (its frame gone, the stack goes
# on through __restore_rt and the kernel's signal frame) is charged to the
# interrupted code (libsigsrc.so's kill call), a normal handler's getppid
# to the handler's object (the executable), each rt_sigreturn to the
# interrupted code; as strace -k's first frame outside libc shows.
. "$TLIB"
prog=$TPROG/sig_altstack
lib=$TPROG/libsigsrc.so
# the shape under test: on_usr1 ends in a jump to write, not a call
objdump -d "$prog" | awk '/<on_usr1>:/ { f = 1; next } f && /^$/ { exit } f' > on_usr1.s
grep -q 'jmp.*<write@plt>' on_usr1.s && ! grep -q 'call' on_usr1.s ||
	fail "on_usr1 does not tail-call write: the test proves nothing: $(cat on_usr1.s)"
"$SYSO" -q --format full -o full.json "$prog" 50 >/dev/null || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$lib" $NR_write 50
expect_count out.json "$lib" $NR_kill 100
expect_count out.json "$lib" $NR_getpid 100
expect_count out.json "$lib" $NR_rt_sigreturn 100
expect_count out.json "$prog" $NR_getppid 50
expect_count out.json "$prog" $NR_write 0
expect_count out.json "$prog" $NR_sigaltstack 1
expect_no_object out.json "$LIBC"
[ "$(stat full.json walk_scan)" = 0 ] || fail "walk_scan $(stat full.json walk_scan)"
expect_outcomes_add_up full.json
