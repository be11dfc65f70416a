# The unwind tables cover every path the suite's programs take through libc
# (clone and clone3 in the parent, vfork, __restore_rt, PLT entries), on any
# CPU: no syscall falls back to the stack scan, with glibc's own choice of
# string functions and with the AVX-512 ones switched off (as on a CPU
# without AVX-512, where pthread_create's clone3 used to be scanned and
# charged to ld.so). threads4's counts are checked exactly under both.
. "$TLIB"
NOAVX512=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD
check() {	# check TUNABLES NAME ARGS...
	local tun=$1 name=$2; shift 2
	env ${tun:+GLIBC_TUNABLES=$tun} "$SYSO" -q --format full -o full.json \
		"$TPROG/$name" "$@" >/dev/null 2>&1 || fail "$name ${tun:+(no AVX-512)}: run failed"
	for s in walk_scan walk_cfi_no_row walk_cfi_no_table walk_stack_unreadable; do
		[ "$(stat full.json $s)" = 0 ] ||
			fail "$name ${tun:+(no AVX-512)}: $s $(stat full.json $s): $(jq -c .stats full.json)"
	done
	expect_outcomes_add_up full.json
}
for tun in "" "$NOAVX512"; do
	check "$tun" threads4
	to_seed full.json > out.json
	expect_count out.json "$TPROG/threads4" $NR_getuid 200
	expect_count out.json "$TPROG/threads4" $NR_clone3 4
	expect_count out.json "$LDSO" $NR_clone3 0
	check "$tun" known_counts
	check "$tun" chain3
	check "$tun" cxx_stream
	check "$tun" demo
	check "$tun" dlopen_ab
	check "$tun" errors_known
	check "$tun" fork50
	check "$tun" vfork_exec
	check "$tun" exec_chain 3
	check "$tun" fork_burst 20
	check "$tun" anon_jit
done
