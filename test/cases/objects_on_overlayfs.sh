# Objects on overlayfs (as in most container images): the kernel names and
# keys them by the overlay's file, the one the program opened and /proc
# shows (not the layer's real file behind it), so they are read through
# their mappings like any other: merged paths, exact counts, symbols and
# build-ids.
. "$TLIB"
grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || skip "no overlayfs"
mkdir lower upper work merged
cp "$TPROG/chain3" "$TPROG/libknown.so" lower/
mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=work merged || skip "cannot mount overlayfs"
trap 'umount merged' EXIT
m=$PWD/merged
"$SYSO" -q --sites --format full -o full.json "$m/chain3" || fail "run failed"
to_seed full.json > out.json
expect_count out.json "$m/chain3" $NR_write 300
expect_count out.json "$m/libknown.so" $NR_getppid 200
site() { jq --arg p "$1" --arg s "$2" '[.objects[] | select(.path == $p) | .sites[] | select(.symbol == $s) | .calls] | add' full.json; }
[ "$(site "$m/chain3" level3)" = 300 ] || fail "level3 site: $(site "$m/chain3" level3)"
[ "$(site "$m/libknown.so" known_getppid_n)" = 200 ] || fail "known_getppid_n site: $(site "$m/libknown.so" known_getppid_n)"
got=$(jq -r --arg p "$m/chain3" '.objects[] | select(.path == $p) | .build_id' full.json)
[ "$got" = "$(build_id lower/chain3)" ] || fail "build-id of chain3: $got"
