# Deep stacks inside libc: nftw over a tree 40 directories deep recurses
# ~85 frames in libc before main; every syscall it makes is main's, none is
# libc's, and no walk stops at the frame limit. 41 entries: 41 getppid
# from the callback. Per-syscall totals agree with strace -f.
. "$TLIB"
prog=$TPROG/nftw_deep
d=tree
for i in $(seq 40); do d=$d/d; done
mkdir -p "$d"
"$SYSO" -q --format full -o full.json "$prog" tree || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$prog" $NR_getppid 41
expect_no_object out.json "$LIBC"
[ "$(stat full.json walk_depth_limit)" = 0 ] || fail "walk_depth_limit $(stat full.json walk_depth_limit)"
[ "$(stat full.json walk_scan)" = 0 ] || fail "walk_scan $(stat full.json walk_scan)"
expect_outcomes_add_up full.json
# every directory opened once (openat, O_DIRECTORY) by the program
expect_count out.json "$prog" 257 41
compare_with_strace out.json "$prog" tree
