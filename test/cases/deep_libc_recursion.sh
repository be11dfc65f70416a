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
expect_count out.json "$prog" $NR_openat 41
compare_with_strace out.json "$prog" tree

# Deeper than the limit (160 frames in skipped objects): a tree 100 deep.
# glibc's nftw opens a directory at level L about 2L + 3 frames deep, so
# the 22 directories at levels 79-100 are opened past the limit; every call
# stopped there is counted for libc and in walk_depth_limit, nothing else.
d=t100
for i in $(seq 100); do d=$d/d; done
mkdir -p "$d"
"$SYSO" -q --format full -o full100.json "$prog" t100 || fail "run failed (100 levels)"
to_seed full100.json > out100.json
expect_count out100.json "$prog" $NR_getppid 101
expect_count out100.json "$LIBC" $NR_openat 22
expect_count out100.json "$prog" $NR_openat 79
libc_calls=$(jq --arg l "$LIBC" '[.[$l][]] | add' out100.json)
[ "$(stat full100.json walk_depth_limit)" = "$libc_calls" ] ||
	fail "walk_depth_limit $(stat full100.json walk_depth_limit) != libc's $libc_calls calls"
expect_outcomes_add_up full100.json
