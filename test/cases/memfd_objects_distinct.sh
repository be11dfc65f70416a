# Programs executed from memfds (memfd_create + fexecve) are objects named
# "/memfd:NAME (deleted)", as /proc shows them, one per memfd: two memfds
# are two objects even when they carry the same name (then each name gets
# its file's identity appended, " [dev MAJ:MIN inode INO]").
. "$TLIB"
mkfifo g1 g2 g3 g4
m=$TPROG/memfd_exec gate=$TPROG/gate
"$SYSO" -q --format full -o full.json sh -c "$m alpha $gate g1 100 & $m beta $gate g2 200 &
	$m same $gate g3 300 & $m same $gate g4 400 & wait" &
syso=$!
on_fail_release "$syso" g1 g2 g3 g4
wait_held "$syso" "/memfd:alpha (deleted)" 1
wait_held "$syso" "/memfd:beta (deleted)" 1
wait_held "$syso" "/memfd:same (deleted)" 2
for g in g1 g2 g3 g4; do echo x > $g; done
wait_bounded "$syso"
trap - EXIT
expect_status 0 "$status" "syso-kagg"
to_seed full.json > out.json
expect_count out.json "/memfd:alpha (deleted)" $NR_getppid 100
expect_count out.json "/memfd:beta (deleted)" $NR_getppid 200
jq -r 'keys[]' out.json | grep '^/memfd:same (deleted) ' > same.txt
[ "$(wc -l < same.txt)" = 2 ] || fail "two objects named /memfd:same: $(jq -c keys out.json)"
grep -vqE '^/memfd:same \(deleted\) \[dev [0-9]+:[0-9]+ inode [0-9]+\]$' same.txt &&
	fail "disambiguated names: $(cat same.txt)"
calls=$(while read -r o; do count out.json "$o" $NR_getppid; done < same.txt | sort -n | tr '\n' ' ')
[ "$calls" = "300 400 " ] || fail "getppid of the two /memfd:same objects: $calls"
expect_no_object out.json "/ (deleted)"
expect_no_object out.json "/memfd:same (deleted)"
