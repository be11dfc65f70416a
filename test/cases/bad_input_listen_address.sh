# --listen with an address that is no IPv4 or [IPv6] address is bad usage:
# exit 2 and one line naming it (plus the --help hint), checked while the
# options are parsed, before privileges and before the target runs (it was
# exit 69 from the failed bind, after loading everything). Any user.
RUNS_AS_ANY_USER=1 . "$TLIB"
bad_addr() { # ARG ADDR-as-named
	"$SYSO" --listen "$1" /usr/bin/touch ran > out.txt 2> err.txt
	expect_status 2 $? "--listen $1"
	[ ! -e ran ] || fail "the target ran with --listen $1"
	[ "$(head -1 err.txt)" = "syso-kagg: --listen: '$2' is not an IPv4 or [IPv6] address" ] ||
		fail "--listen $1: wrong message: $(cat err.txt)"
	[ "$(wc -l < err.txt)" = 2 ] && [ "$(tail -1 err.txt)" = "Try 'syso-kagg --help' for more information." ] ||
		fail "--listen $1: expected the message and the --help hint, got: $(cat err.txt)"
	[ ! -s out.txt ] || fail "--listen $1: nothing should go to stdout: $(cat out.txt)"
}
bad_addr 256.1.1.1:1 256.1.1.1
bad_addr 1.2.3:9477 1.2.3
bad_addr localhost:9477 localhost
bad_addr '[::g]:9477' ::g
