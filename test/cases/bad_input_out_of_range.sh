# Every numeric option just outside its range (and malformed numbers): exit
# 2, one error line naming the option and its range, the --help hint, the
# target never runs (limits_range_ends.sh: the values at the ends are
# accepted). Options are checked before privileges: runs as any user.
RUNS_AS_ANY_USER=1 . "$TLIB"
bad() { # option value range [value named in the message]
	local named=${4-$2}
	"$SYSO" "$1" "$2" /usr/bin/touch ran > out.txt 2> err.txt
	expect_status 2 $? "$1 $2"
	[ ! -e ran ] || fail "the target ran with $1 $2"
	[ "$(wc -l < err.txt)" = 2 ] || fail "$1 $2: expected 2 lines on stderr, got: $(cat err.txt)"
	[ "$(head -1 err.txt)" = "syso-kagg: invalid value '$named' for $1 (expected $3)" ] ||
		fail "$1 $2: wrong message: $(head -1 err.txt)"
	[ "$(tail -1 err.txt)" = "Try 'syso-kagg --help' for more information." ] ||
		fail "$1 $2: no usage hint: $(cat err.txt)"
	[ ! -s out.txt ] || fail "$1 $2: nothing should go to stdout: $(cat out.txt)"
}
for v in 0 1000001 -1 1x "" " 5" +5 0x10 99999999999999999999999; do
	bad --sample "$v" 1..1000000
done
for v in 0 4 1048577 4294967300; do bad --max-objects "$v" 5..1048576; done
for v in 0 1048577 -3 1e3; do bad --max-mirrors "$v" 1..1048576; done
for v in 0 16777217 18446744073709551617; do bad --max-counts "$v" 1..16777216; done
for v in 0 3 1048577 4M; do bad --max-object-memory "$v" 4..1048576; done
for v in 0 4194305; do bad -p "$v" 1..4194304; done
bad -p 5,0 1..4194304 0
# --opt=value spelling goes through the same check
"$SYSO" --sample=0 /usr/bin/touch ran 2> err.txt
expect_status 2 $? "--sample=0"
[ ! -e ran ] || fail "the target ran with --sample=0"
