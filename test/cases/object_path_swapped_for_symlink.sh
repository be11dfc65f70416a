# A target maps a file and runs code in it, then puts a symlink to a
# root-only ELF file at its path. The tool reports the build-id and the
# symbols of the file that is mapped (read through /proc/PID/map_files,
# checked by dev and inode), never the symlink's target's.
. "$TLIB"
mkdir lib && cp "$TPROG/libraw.so" lib/plugin.so
off=$(raw_offset lib/plugin.so)
[ -n "$off" ] || fail "no raw_getppid in libraw.so"
cp "$TPROG/chain3" secret && chmod 600 secret
mine=$(build_id lib/plugin.so) theirs=$(build_id secret)
[ -n "$mine" ] && [ -n "$theirs" ] && [ "$mine" != "$theirs" ] || fail "build-ids: '$mine' '$theirs'"
mkfifo gate
prog=$TPROG/map_swap
"$SYSO" -q --sites --format full -o full.json "$prog" symlink "$PWD/lib/plugin.so" "$PWD/secret" gate 200 0 "$off" &
syso=$!
on_fail_release "$syso" gate
wait_held "$syso" "$PWD/lib/plugin.so (deleted)" 1
[ -L lib/plugin.so ] || fail "the path was not swapped for a symlink"
echo x > gate
wait_bounded "$syso"
expect_status 0 "$status" "syso-kagg"
to_seed full.json > out.json
expect_count out.json "$PWD/lib/plugin.so" $NR_getppid 200
got=$(jq -r --arg p "$PWD/lib/plugin.so" '.objects[] | select(.path == $p) | .build_id' full.json)
[ "$got" = "$mine" ] || fail "build-id of the mapped file: expected $mine, got '$got'"
got=$(jq -r --arg p "$PWD/lib/plugin.so" '[.objects[] | select(.path == $p) | .sites[] | select(.symbol == "raw_getppid") | .calls] | add' full.json)
[ "$got" = 200 ] || fail "calls at raw_getppid in the mapped file: expected 200, got $got"
! grep -q "$theirs" full.json || fail "the symlink target's build-id was published"
trap - EXIT
