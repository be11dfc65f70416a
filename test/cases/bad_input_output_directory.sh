# -o naming an existing directory (with or without a trailing slash):
# exit 73, one line, the target does not run, the directory is untouched.
. "$TLIB"
mkdir outdir
for o in outdir outdir/ "$PWD/outdir"; do
	"$SYSO" -q -o "$o" /usr/bin/touch ran 2> err.txt
	expect_status 73 $? "-o $o (a directory)"
	[ ! -e ran ] || fail "the target ran although -o $o is a directory"
	[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line on stderr, got: $(cat err.txt)"
	grep -q "outdir.*Is a directory" err.txt || fail "message should name the directory: $(cat err.txt)"
	[ -d outdir ] && [ -z "$(ls -A outdir)" ] || fail "the directory was changed: $(ls -lA outdir)"
done
ls -A | grep -q '^\.syso-kagg' && fail "temp file left behind: $(ls -A)"
exit 0
