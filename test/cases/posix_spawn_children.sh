# posix_spawn children before exec run libc code on the spawner's behalf
# (glibc's signal resets, the execve) with no caller of their own: they are
# counted for the object that called posix_spawn, found on the waiting
# parent's stack (walk_vfork_parent); libc gets none of them. After exec
# the child is its own program.
. "$TLIB"
prog=$TPROG/spawn_exec
child=$TPROG/exit_with
"$SYSO" -q --format full -o full.json "$prog" 3 "$child" || fail "run failed"
to_seed full.json > out.json
strace -f -qq -c -U name,calls -o strace.txt "$prog" 3 "$child" || fail "strace failed"
sigactions=$(awk '$1 == "rt_sigaction" { print $2 }' strace.txt)
sigprocmasks=$(awk '$1 == "rt_sigprocmask" { print $2 }' strace.txt)
expect_count out.json "$prog" $NR_rt_sigaction "$sigactions"	# all in the children
expect_count out.json "$prog" $NR_rt_sigprocmask "$sigprocmasks"	# both sides
expect_count out.json "$prog" $NR_execve 3			# the children's execve
expect_count out.json "$prog" $NR_clone3 3	# the parent's
expect_count out.json "$child" $NR_exit_group 3	# after exec
expect_no_object out.json "$LIBC"
# every child call before exec went through the parent's stack
[ "$(stat full.json walk_vfork_parent)" = $((sigactions + sigprocmasks / 2 + 3)) ] ||
	fail "walk_vfork_parent $(stat full.json walk_vfork_parent), expected $((sigactions + sigprocmasks / 2 + 3))"
[ "$(stat full.json walk_scan)" = 0 ] || fail "walk_scan $(stat full.json walk_scan)"
expect_outcomes_add_up full.json
