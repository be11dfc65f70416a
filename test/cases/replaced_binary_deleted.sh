# A program whose file is replaced on disk while it runs: its calls and
# sites are named from the code that ran (the old file, held through its
# mapping), and the object is shown with " (deleted)": its file has no
# link left at report time.
. "$TLIB"
mkdir bin && cp "$TPROG/replaced_binary" bin/prog
mkfifo gate
prog=$PWD/bin/prog
"$SYSO" --sites --format full -o full.json "$prog" gate 250 2> table.txt &
syso=$!
on_fail_release "$syso" gate
wait_held "$syso" "$prog" 1
# replaced as installers do: a new file renamed over the old name
cp "$TPROG/exit_with" bin/prog.new && mv bin/prog.new bin/prog
echo x > gate
wait_bounded "$syso"
trap - EXIT
expect_status 0 "$status" "syso-kagg"
to_seed full.json > out.json
expect_count out.json "$prog (deleted)" $NR_getppid 250
expect_no_object out.json "$prog"
got=$(jq -r --arg p "$prog (deleted)" '[.objects[] | select(.path == $p) | .sites[] | select(.nr == 110 and .symbol == "old_code_getppid") | .calls] | add' full.json)
[ "$got" = 250 ] || fail "getppid sites in old_code_getppid: expected 250, got $got: $(jq -c '.objects[].sites' full.json)"
got=$(jq -r --arg p "$prog (deleted)" '.objects[] | select(.path == $p) | .build_id' full.json)
[ "$got" = "$(build_id "$TPROG/replaced_binary")" ] || fail "build-id of the old code: got $got"
grep -qE "^ +250  getppid +$prog \(deleted\) old_code_getppid\+0x[0-9a-f]+$" table.txt ||
	fail "sites table: $(grep -A4 'top call sites' table.txt)"
