# A 32-bit (gcc -m32, compat) program is attributed like a 64-bit one: its
# syscalls enter through __kernel_vsyscall in the 32-bit vDSO and i386 libc
# frames of 4-byte slots, and are counted for the executable and its 32-bit
# library (exact counts), never for [vdso] (also a CPU clock's
# clock_gettime, which the vDSO's C code makes, and the sigreturns its
# trampolines make, and a posix_spawn child's calls before its exec) or
# the i386 libc; every call is
# unwound by the tables (no scan), the outcomes add up, and the plain JSON
# keys the calls "i386:NR" (the table and the full JSON name them i386:).
. "$TLIB"
prog=$TPROG/compat32
lib=$TPROG/libknown32.so
need_exec32
[ -x "$prog" ] || fail "$prog not built, though noop32 was"
LIBC32=$(readlink -f /usr/lib32/libc.so.6)

"$SYSO" --format full -o full.json "$prog" 2> table.txt ||
	fail "syso-kagg exited $?: $(cat table.txt)"
"$SYSO" -q -o out.json "$prog" || fail "syso-kagg exited $?"
# --depth: a 32-bit chain is its first frame, marked not followed (the
# chain steps read 8-byte slots), never frames read with the wrong width
"$SYSO" -q --depth 4 --format full -o depth.json "$prog" || fail "--depth 4 run exited $?"
[ "$(jq '[.objects[] | select(.path == $p or .path == $l) | .chains[] |
	select(.end != "not_followed" or (.frames | length) != 1)] | length' \
	--arg p "$prog" --arg l "$lib" depth.json)" = 0 ] ||
	fail "32-bit chains unwound: $(jq -c '[.objects[].chains[]? | select(.end != "not_followed")]' depth.json)"
[ "$(jq --arg p "$prog" '[.objects[] | select(.path == $p) | .chains[] | select(.name == "i386:getuid32") | .calls] | add' depth.json)" = 7 ] ||
	fail "--depth 4: getuid32 chains of $prog"

expect_count out.json "$prog" "i386:$NR32_getppid" 308
expect_count out.json "$prog" "i386:$NR32_getuid32" 7
expect_count out.json "$prog" "i386:$NR32_write" 50
# a CPU clock's clock_gettime, a syscall made in the vDSO's C code
expect_count out.json "$prog" "i386:$NR32_clock_gettime64" 10
# made in the vDSO's sigreturn trampolines: through the kernel's signal
# frame to the interrupted code (raise in libc) and its caller
expect_count out.json "$prog" "i386:$NR32_sigreturn" 5
expect_count out.json "$prog" "i386:$NR32_rt_sigreturn" 3
# the posix_spawn child's execve, made in libc before its exec: walked
# from the waiting parent's stack to the caller of posix_spawn
expect_count out.json "$prog" "i386:$NR32_execve" 1
expect_count out.json "$lib" "i386:$NR32_getppid" 200
# i386 numbers never land on an x86_64 key (64 is getppid here, semget there)
expect_count out.json "$prog" "$NR32_getppid" 0
expect_count out.json "$prog" "$NR32_getuid32" 0
[ "$(jq '[.[] | keys[] | select(startswith("i386:") | not)] | length' out.json)" = 0 ] ||
	fail "keys without i386: in a 32-bit run: $(jq -c . out.json)"
expect_no_object out.json "[vdso]"
expect_no_object out.json "$LIBC32"
expect_no_object out.json "[unattributed]"
expect_no_object out.json "[unattributed: map full]"

[ "$(stat full.json walk_scan)" = 0 ] || fail "walk_scan $(stat full.json walk_scan), expected 0"
[ "$(stat full.json walk_no_frame)" = 0 ] || fail "walk_no_frame $(stat full.json walk_no_frame)"
[ "$(stat full.json walk_vfork_parent)" -ge 2 ] ||
	fail "walk_vfork_parent $(stat full.json walk_vfork_parent): the spawn child's signal resets and execve"
for s in walk_cfi_no_table walk_cfi_no_row; do
	[ "$(stat full.json $s)" = 0 ] || fail "$s $(stat full.json $s), expected 0"
done
# every call of the run is an i386 one
[ "$(stat full.json compat_syscalls)" = "$(stat full.json syscalls)" ] ||
	fail "compat_syscalls $(stat full.json compat_syscalls) of $(stat full.json syscalls)"
# 308 + 200 getppid, 50 write, 10 clock_gettime64, 8 sigreturns and
# exit_group at least were unwound
[ "$(stat full.json walk_cfi)" -ge 577 ] || fail "walk_cfi $(stat full.json walk_cfi), expected >= 577"
expect_clean_maps full.json

# the full format says i386 and names the call from the i386 table
got=$(jq -c --arg o "$prog" --argjson n "$NR32_getppid" '.objects[] | select(.path == $o) |
	.syscalls[] | select(.nr == $n and .abi == "i386") | [.name, .calls]' full.json)
[ "$got" = '["i386:getppid",308]' ] || fail "full JSON getppid of $prog: $got"
grep -q ' 308 .*i386:getppid$' table.txt || fail "table has no 308 i386:getppid line: $(cat table.txt)"
! grep -q warning table.txt || fail "a warning for a run that lost nothing: $(grep warning table.txt)"
exit 0
