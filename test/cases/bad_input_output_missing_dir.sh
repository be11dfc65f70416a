# -o naming a missing directory, or with a trailing slash (only a directory
# can end in '/'): exit 73 with one line naming the path, before the target
# runs, nothing created. Root: loads BPF.
. "$TLIB"
mkdir dir; echo keep > file
for o in dir/missing/ dir/missing/x.json missing/ file/ dir/file/ /nonexistent-dir/x.json; do
	"$SYSO" -q -o "$o" /usr/bin/touch ran 2> err.txt
	expect_status 73 $? "-o $o"
	[ ! -e ran ] || fail "the target ran although -o $o cannot be written"
	[ "$(wc -l < err.txt)" = 1 ] || fail "-o $o: expected one line, got: $(cat err.txt)"
	grep -qF "syso-kagg: $o: cannot write output: " err.txt || fail "-o $o: message: $(cat err.txt)"
done
[ -z "$(ls -A dir)" ] || fail "something was created in dir: $(ls -A dir)"
[ "$(ls -A)" = "$(printf '%s\n' dir err.txt file)" ] || fail "something was created: $(ls -A)"
[ "$(cat file)" = keep ] || fail "file was changed"
exit 0
