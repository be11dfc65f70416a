# Without options the capacities are the defaults the man page gives, and
# the rest is a plain run: JSON to no file, every call counted, by count,
# first frame only, every row, no filter.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed prog arg
man_default() {	# the "default N" of the man page's paragraph on option $1
	sed 's/\\-/-/g' "$TOP/doc/syso-kagg.1" | awk -v o="$1" '
		index($0, ".BR " o " =") == 1 { on = 1; next }
		on && /^\.TP/ { exit }
		on' | tr '\n' ' ' | grep -o 'default [0-9]*' | head -1 | cut -d' ' -f2
}
for f in max-objects:max_objects max-mirrors:max_mirrors max-counts:max_counts max-object-memory:max_object_mib; do
	d=$(man_default "--${f%%:*}")
	[ -n "$d" ] || fail "the man page gives no default for --${f%%:*}"
	expect_field "${f#*:}" "$d"
done
for kv in "format json" "output -none-" "quiet 0" "sort count" "sample 1" "depth 1" "top 0" \
	"top_set 0" "interval 0" "duration 0" "errors 0" "time 0" "hist 0" "sites 0" \
	"per_process 0" "walker_scan 0" "trace -none-" "argv prog" "argv arg"; do
	expect_field "${kv%% *}" "${kv#* }"
done
[ "$(grep -c '^pid \|^skip_lib \|^listen ' parsed.txt)" = 0 ] || fail "defaults: $(cat parsed.txt)"
