# --sites names a stripped library's non-exported function from separate
# debug info, as gdb and perf find it: the debug file of its build-id
# under --debug-dir (DIR/.build-id/xx/yyyy.debug, a -dbgsym package's
# layout), or its .gnu_debugdata (MiniDebugInfo, gdb manual's recipe).
# Without them the site is a raw offset, which proves the name came from
# there; a debug file with another build-id, not root's, writable by
# others, in a world-writable non-sticky directory, or not a regular file
# is refused with a warning.
. "$TLIB"
lib=libdbgsym.so fn=dbgsym_hidden_getppid
cp "$TPROG/dbgsym_calls" "$TPROG/$lib" .
id=$(build_id $lib)
[ ${#id} = 40 ] || fail "test library has no build-id: '$id'"
# the function's file offset, from the unstripped library
start=$(readelf -Ws $lib | awk -v f=$fn '$8 == f { print "0x" $2; exit }')
[ -n "$start" ] || fail "no $fn in $lib"
start=$((start))
good=dbg/.build-id/${id:0:2}/${id:2}.debug
mkdir -p "$(dirname $good)"
objcopy --only-keep-debug $lib $good
strip --strip-all $lib
[ "$(build_id $lib)" = "$id" ] || fail "strip dropped the build-id"
readelf -Ws $lib | grep -q " $fn\$" && fail "$fn still in the stripped library"

site_row() { grep -E "^ +321  getppid +$PWD/$lib " "$1"; }
# sites TABLE ARG...: syso-kagg --sites ARG... ./dbgsym_calls, the table
# into TABLE. The target waits on a FIFO until the tool holds the library:
# a target gone before the tool opened it leaves it "not available"
# (test/cases/object_not_available.sh), with raw offsets whatever the
# debug files.
sites() {
	local out=$1 syso; shift
	rm -f gate && mkfifo gate
	"$SYSO" --sites "$@" ./dbgsym_calls "$PWD/gate" 2> "$out" &
	syso=$!
	on_fail_release $syso "$PWD/gate"
	wait_held $syso "$PWD/$lib" 1
	echo x > gate
	wait_bounded $syso
	trap - EXIT
	expect_status 0 "$status" "syso-kagg $*"
}
# named DIR: the 321 calls at one site, named; the JSON has the same site
sites named.txt --debug-dir dbg --format full -o full.json
site_row named.txt | grep -qE " $fn\+0x[0-9a-f]+\$" || fail "not named from the debug file: $(grep getppid named.txt)"
grep -q warning named.txt && fail "warning with a good debug file: $(grep warning named.txt)"
jq -e --arg p "$PWD/$lib" --arg f $fn --argjson start $start \
	'[.objects[] | select(.path == $p) | .sites[] | select(.symbol == $f and .calls == 321 and .site == $start + .offset)] | length == 1' \
	full.json > /dev/null || fail "full JSON site: $(jq -c --arg p "$PWD/$lib" '.objects[] | select(.path == $p) | .sites' full.json)"
site=$(jq --arg p "$PWD/$lib" '.objects[] | select(.path == $p) | .sites[0].site' full.json)
raw=$(printf '+0x%x' "$site")

# expect_raw FILE WHY: the site shown as the raw offset
expect_raw() { site_row "$1" | grep -qE " \\$raw\$" || fail "$2: $(grep getppid "$1")"; }
# no debug dir (/usr/lib/debug has nothing for it): a raw offset
sites plain.txt
expect_raw plain.txt "named without the debug file"
# a list: the first DIR that has the file
sites list.txt --debug-dir "$PWD/none:dbg"
site_row list.txt | grep -qE " $fn\+0x" || fail "DIR:DIR list not searched: $(grep getppid list.txt)"

# refused_with DIR WARNING: a raw offset and the warning
refused_with() {
	sites refused.txt --debug-dir "$1"
	expect_raw refused.txt "debug file in $1 used"
	grep -qF "warning: $2" refused.txt || fail "no warning '$2': $(grep warning refused.txt)"
}
# another build-id in the note (the same symbols otherwise)
mkdir -p other/.build-id/${id:0:2}
python3 - "$good" other/${good#dbg/} "$id" <<'EOP'
import sys
data = open(sys.argv[1], "rb").read()
old = bytes.fromhex(sys.argv[3])
new = bytes([old[0] ^ 0xff]) + old[1:]
assert data.count(old) == 1, "build-id not found once"
open(sys.argv[2], "wb").write(data.replace(old, new))
EOP
refused_with other "not using debug file other/${good#dbg/}: its build-id differs from the object's"
# not root's; writable by group; in a world-writable directory
cp -a dbg owner && chown nobody owner/${good#dbg/}
refused_with owner "not using debug file owner/${good#dbg/}: not owned by root"
cp -a dbg gw && chmod g+w gw/${good#dbg/}
refused_with gw "not using debug file gw/${good#dbg/}: writable by group or others"
cp -a dbg ww && chmod 0777 ww/.build-id/${id:0:2}
refused_with ww "not using debug file ww/${good#dbg/}: ww/.build-id/${id:0:2} is world-writable and not sticky"
# ... but sticky (as /tmp) is trusted
chmod 1777 ww/.build-id/${id:0:2}
sites sticky.txt --debug-dir ww
site_row sticky.txt | grep -qE " $fn\+0x" || fail "refused in a sticky directory: $(grep -e getppid -e warning sticky.txt)"
# a FIFO there: refused at once (opened non-blocking), not waited on
mkdir -p fifo/.build-id/${id:0:2} && mkfifo fifo/${good#dbg/}
refused_with fifo "not using debug file fifo/${good#dbg/}: not a regular file"

# .gnu_debugdata (the gdb manual's MiniDebugInfo recipe) in the library
# itself: named with no debug dir at all
mkdir mini && cp "$TPROG/$lib" mini/ && cp "$TPROG/dbgsym_calls" mini/ && cd mini || fail "no mini/"
nm -D $lib --format=posix --defined-only | awk '{ print $1 }' | sort > dynsyms
nm $lib --format=posix --defined-only | awk '{ if ($2 == "T" || $2 == "t" || $2 == "D") print $1 }' | sort > funcsyms
comm -13 dynsyms funcsyms > keep_symbols
grep -qx $fn keep_symbols || fail "$fn not kept by the recipe"
objcopy --only-keep-debug $lib debug
objcopy -S --remove-section .gdb_index --remove-section .comment --keep-symbols=keep_symbols debug mini_debuginfo
strip --strip-all -R .comment $lib
xz mini_debuginfo
objcopy --add-section .gnu_debugdata=mini_debuginfo.xz $lib
sites mini.txt --debug-dir "$PWD/none"
site_row mini.txt | grep -qE " $fn\+0x[0-9a-f]+\$" || fail "not named from .gnu_debugdata: $(grep getppid mini.txt)"
# the same library with the section dropped: raw again
objcopy --remove-section .gnu_debugdata $lib
sites nomini.txt --debug-dir "$PWD/none"
expect_raw nomini.txt "named without .gnu_debugdata"
