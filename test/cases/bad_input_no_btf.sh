# No kernel BTF (simulated with SYSO_KAGG_BTF): one line naming the path,
# exit 69, the target never runs, nothing on stdout.
. "$TLIB"
for btf in /nonexistent/vmlinux "$PWD/empty-dir"; do
	mkdir -p empty-dir
	SYSO_KAGG_BTF=$btf "$SYSO" -o out.json /usr/bin/touch ran > out.txt 2> err.txt
	expect_status 69 $? "SYSO_KAGG_BTF=$btf"
	[ ! -e ran ] || fail "the target ran without BTF"
	[ ! -e out.json ] || fail "-o file written without BTF"
	[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line on stderr, got: $(cat err.txt)"
	grep -q "^syso-kagg: .*BTF.*$btf" err.txt || fail "message should name BTF and $btf: $(cat err.txt)"
	[ ! -s out.txt ] || fail "nothing should go to stdout: $(cat out.txt)"
done
