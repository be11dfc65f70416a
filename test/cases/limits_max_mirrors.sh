# --max-mirrors 1 with 50 forked children: the parent's address space takes
# the only slot, the children's do not fit (mirrors_full, warned); their
# syscalls are still counted (looked up with bpf_find_vma, attributed no
# deeper than libc): totals add up and no getpid is lost.
. "$TLIB"
prog=$TPROG/fork50
"$SYSO" --max-mirrors 1 --format full -o full.json "$prog" 2> table.txt || fail "run failed"
full=$(stat full.json mirrors_full)
# counted once per address space, not per retried syscall
[ "$full" = 50 ] || fail "mirrors_full: 50 children's address spaces did not fit, counter says $full"
grep -qx "warning: $full address spaces not mirrored: mirror map full (mirrors_full)" table.txt ||
	fail "no mirrors_full warning in the table: $(grep -i warn table.txt)"
sum=$(jq '[.objects[].syscalls[].calls] | add' full.json)
syscalls=$(stat full.json syscalls)
[ "$syscalls" = $((sum + $(counts_lost full.json))) ] ||
	fail "syscalls $syscalls != counted $sum + lost $(counts_lost full.json): $(jq -c '.stats | with_entries(select(.key | startswith("counts_")))' full.json)"
to_seed full.json > out.json
[ "$(total_for_nr out.json $NR_getpid)" = 5000 ] || fail "getpid: expected 5000, got $(total_for_nr out.json $NR_getpid)"
[ "$(total_for_nr out.json $NR_exit_group)" = 51 ] || fail "exit_group: expected 51, got $(total_for_nr out.json $NR_exit_group)"
[ "$(stat full.json tasks_followed)" = 51 ] || fail "tasks_followed $(stat full.json tasks_followed)"
[ "$(stat full.json tasks_lost)" = 0 ] || fail "tasks_lost $(stat full.json tasks_lost)"
left=$(jq -c '.maps_at_exit | {mirrors, traced_tasks, pending_tasks}' full.json)
[ "$left" = '{"mirrors":0,"traced_tasks":0,"pending_tasks":0}' ] || fail "entries left in the maps: $left"
