# Every numeric option just outside its range (and malformed numbers): exit
# 2, one error line naming the option and its range, the --help hint, the
# target never runs. The values at the range ends are accepted.
. "$TLIB"
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
for v in 0 3 1048577 4294967300; do bad --max-objects "$v" 4..1048576; done
for v in 0 1048577 -3 1e3; do bad --max-mirrors "$v" 1..1048576; done
for v in 0 16777217 18446744073709551617; do bad --max-counts "$v" 1..16777216; done
for v in 0 4194305; do bad -p "$v" 1..4194304; done
bad -p 5,0 1..4194304 0
# --opt=value spelling goes through the same check
"$SYSO" --sample=0 /usr/bin/touch ran 2> err.txt
expect_status 2 $? "--sample=0"
[ ! -e ran ] || fail "the target ran with --sample=0"
# the range ends themselves are valid
"$SYSO" -q --sample 1000000 --max-objects 4 --max-mirrors 1 --max-counts 1 /usr/bin/true
expect_status 0 $? "minimum/maximum values"
# (not --max-objects 1048576: its path array alone would take 1 GiB)
"$SYSO" -q --max-mirrors 1048576 --max-counts 16777216 /usr/bin/true
expect_status 0 $? "maximum capacities"
