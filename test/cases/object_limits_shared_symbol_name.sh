# 5000 function symbols that all name one string of 100 KiB (a 230 KiB
# file): symbol names are offsets into one copy of the string table, so
# reading them for --format full costs ~100 KiB, not 500 MB (as before);
# within a budget of 16 MiB nothing is refused, the calls are exact.
. "$TLIB"
crafted_object_run symbols libsyms.so 100 --max-object-memory 16
expect_status 0 "$status" "syso-kagg"
awk -v s="$secs" 'BEGIN { exit !(s < 20) }' || fail "run took $secs s"
if ! ldd "$SYSO" | grep -q libasan; then
	[ "$rss_kb" -le $(((16 + 64) * 1024)) ] || fail "peak RSS $rss_kb KiB"
fi
to_seed full.json > out.json
expect_count out.json "$PWD/libsyms.so" $NR_getppid 100
[ "$(jq '.object_data.refused' full.json)" = 0 ] || fail "refused: $(jq -c .object_data full.json) $(cat err.txt)"
