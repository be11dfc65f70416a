# --skip-lib takes a file name or a path whose file name is under 64
# bytes, at most 31 times; a directory or an empty name is refused.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed --skip-lib libstdc++.so.6 --skip-lib /opt/x/libfoo.so prog
[ "$(grep '^skip_lib ' parsed.txt | tr '\n' ' ')" = "skip_lib libstdc++.so.6 skip_lib /opt/x/libfoo.so " ] ||
	fail "skip libs: $(grep '^skip_lib ' parsed.txt | tr '\n' ' ')"
n63=$(printf 'x%.0s' $(seq 63)) n64=$(printf 'x%.0s' $(seq 64))
parsed --skip-lib "/d/$n63" prog; expect_field skip_lib "/d/$n63"
for bad in "/d/$n64" "$n64" /opt/x/ ""; do
	expect_usage_error "syso-kagg: --skip-lib takes a file name or a path whose file name is shorter than 64 bytes, not '$bad'" --skip-lib "$bad" prog
done
args=(); for i in $(seq 31); do args+=(--skip-lib "lib$i.so"); done
parsed "${args[@]}" prog
[ "$(grep -c '^skip_lib ' parsed.txt)" = 31 ] || fail "31 --skip-lib: $(grep -c '^skip_lib ' parsed.txt)"
expect_usage_error "syso-kagg: too many --skip-lib (at most 31)" "${args[@]}" --skip-lib lib32.so prog
