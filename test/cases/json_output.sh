# -o writes the seed's JSON shape atomically; '-o -' writes to stdout;
# an unwritable -o fails before the target runs; a symlink is followed.
. "$TLIB"
prog=$TPROG/known_counts
"$SYSO" -q -o out.json "$prog" || fail "run failed"
jq -e 'type == "object" and ([keys[] | startswith("/") or startswith("[")] | all) and
	([.[] | to_entries[] | (.key | test("^[0-9]+$")) and (.value | type == "number" and . == floor and . > 0)] | all)' \
	out.json >/dev/null || fail "JSON not in the seed's shape: $(head -c 300 out.json)"
ls -A | grep -q '^\.syso-kagg' && fail "temp file left behind: $(ls -A)"
"$SYSO" -q -o - "$prog" > stdout.json || fail "run with -o - failed"
expect_count stdout.json "$prog" $NR_write 1000
# unwritable destination: error before the target runs
"$SYSO" -q -o /nonexistent-dir/x.json /usr/bin/touch ran 2> err.txt
expect_status 73 $? "-o into a missing directory"
[ ! -e ran ] || fail "the target ran although -o could not be written"
grep -q "/nonexistent-dir/x.json" err.txt || fail "message should name the file: $(cat err.txt)"
# an existing symlink is followed where nobody else can plant one (the
# refusals: output_symlink_rules); the link stays, its target is replaced
echo keep > victim; ln -s victim link.json
"$SYSO" -q -o link.json /bin/true || fail "-o onto a symlink failed"
[ -L link.json ] || fail "the symlink was replaced"
jq -e 'type == "object"' victim > /dev/null || fail "symlink target not written: $(cat victim)"
