# 1000 children that each make 3 getpid and exit at once: none lost, every
# call on the executable, nothing left in the maps.
. "$TLIB"
"$SYSO" -q --format full -o full.json "$TPROG/fork_many" 1000 3 || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$TPROG/fork_many" $NR_getpid 3000
expect_count out.json "$TPROG/fork_many" 56 1000
[ "$(stat full.json tasks_followed)" = 1001 ] || fail "tasks_followed $(stat full.json tasks_followed)"
[ "$(stat full.json tasks_exited)" = 1001 ] || fail "tasks_exited $(stat full.json tasks_exited)"
expect_clean_maps full.json
