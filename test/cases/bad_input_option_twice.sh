# A second -o or --listen would silently replace the first: refused, exit 2,
# one line naming the option (plus the --help hint), before privileges and
# before the target runs. Any user.
RUNS_AS_ANY_USER=1 . "$TLIB"
twice() { # OPTION-as-named ARGS...
	local named=$1
	shift
	"$SYSO" "$@" /usr/bin/touch ran > out.txt 2> err.txt
	expect_status 2 $? "$*"
	[ ! -e ran ] || fail "the target ran with $*"
	[ "$(head -1 err.txt)" = "syso-kagg: $named given twice (one $WHAT per run)" ] ||
		fail "$*: wrong message: $(cat err.txt)"
	[ "$(wc -l < err.txt)" = 2 ] || fail "$*: expected the message and the --help hint, got: $(cat err.txt)"
	[ ! -e a.json ] && [ ! -e b.json ] || fail "$*: an output file was written"
}
WHAT="output file"
twice -o -o a.json -o b.json
twice -o -o a.json --output=a.json
twice -o --output a.json -o -
WHAT=address
twice --listen --listen 9477 --listen 9478
twice --listen --listen=127.0.0.1:9477 --listen '[::1]:9477'
