# A BTF path that is a file but not BTF: exit 69, one line naming the path
# and saying what is wrong in words (not libbpf's raw "Unknown error 4001").
. "$TLIB"
echo "not btf" > garbage.btf
SYSO_KAGG_BTF=$PWD/garbage.btf "$SYSO" /usr/bin/touch ran 2> err.txt
expect_status 69 $? "SYSO_KAGG_BTF=garbage"
[ ! -e ran ] || fail "the target ran without BTF"
[ "$(wc -l < err.txt)" = 1 ] || fail "expected one line on stderr, got: $(cat err.txt)"
grep -q "$PWD/garbage.btf" err.txt || fail "message should name the file: $(cat err.txt)"
grep -q "Unknown error" err.txt && fail "reason is a raw libbpf code, not words: $(cat err.txt)"
exit 0
