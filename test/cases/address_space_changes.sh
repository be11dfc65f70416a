# The mirror follows every way code appears or moves: dlopen/dlclose/dlopen
# at the same address, mprotect to PROT_EXEC of generated code, exec chains,
# vfork + exec. Exact counts, no mirror miss, nothing left in the maps.
. "$TLIB"
run() { "$SYSO" -q --format full -o full.json "$@" 2>run.err || fail "$* exited $?: $(cat run.err)"
	to_seed full.json > out.json; expect_clean_maps full.json; expect_no_object out.json "[unattributed]"; }

run "$TPROG/dlopen_ab"
expect_count out.json "$TPROG/libplugina.so" $NR_getppid 30
expect_count out.json "$TPROG/libpluginb.so" $NR_getppid 40
grep -q "reused" run.err || true	# address reuse is likely, not guaranteed

run "$TPROG/anon_jit"
expect_count out.json "[anon]" $NR_getpid 25
expect_count out.json "$TPROG/anon_jit" $NR_getpid 0

run "$TPROG/exec_chain" 3
expect_count out.json "$TPROG/exec_chain" $NR_getppid 46
expect_count out.json "$TPROG/exec_chain" $NR_execve 3

run "$TPROG/vfork_exec"
expect_count out.json "$TPROG/vfork_exec" $NR_getuid 10
expect_count out.json "$TPROG/vfork_exec" $NR_execve 1
expect_count out.json "$TPROG/exit_with" $NR_exit_group 1

run /bin/sh -c "$TPROG/exec_chain 0 | $TPROG/exec_chain 1"
expect_count out.json "$TPROG/exec_chain" $NR_getppid 31	# 10 + (11 + 10)

run "$TPROG/remap_code"
expect_count out.json "[anon]" $NR_getpid 20
