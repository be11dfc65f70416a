# A .gnu_debugdata of 12 KiB that decompresses to 40 MiB (xz of zeros),
# read when --sites looks up a site the object's own symbols do not name:
# decompression stops at the budget (16 MiB here), a warning names the
# object, the site is shown as a raw offset and the calls are exact.
. "$TLIB"
crafted_object_run debugdata libdd.so 100 --sites --max-object-memory 16
expect_object_limits 20 16
to_seed full.json > out.json
expect_count out.json "$PWD/libdd.so" $NR_getppid 100
grep -qE "^syso-kagg: warning: $PWD/libdd.so .gnu_debugdata: decompressed past [0-9]+ bytes: over --max-object-memory: not read \(doc/resources.md\)$" err.txt ||
	fail "no warning about .gnu_debugdata: $(cat err.txt)"
got=$(jq -c --arg p "$PWD/libdd.so" '[.objects[] | select(.path == $p) | .sites[] | .symbol] | unique' full.json)
[ "$got" = '[null]' ] || fail "site symbols: $got"
