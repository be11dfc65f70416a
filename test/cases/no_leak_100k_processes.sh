# After 100 000 short-lived processes, the maps hold nothing for the dead:
# no mirror, no traced-task bit, no pending entry; every call counted.
. "$TLIB"
"$SYSO" -q --format full -o full.json "$TPROG/fork_many" 100000 1 || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$TPROG/fork_many" $NR_getpid 100000
expect_count out.json "$TPROG/fork_many" 56 100000
[ "$(stat full.json tasks_followed)" = 100001 ] || fail "tasks_followed $(stat full.json tasks_followed)"
[ "$(stat full.json tasks_exited)" = 100001 ] || fail "tasks_exited $(stat full.json tasks_exited)"
[ "$(stat full.json mirror_frees)" -ge 100000 ] || fail "mirror_frees $(stat full.json mirror_frees)"
expect_clean_maps full.json
