# --format names the -o file's format: each word is taken with -o, and
# refused without -o (there is no file to write it to).
RUNS_AS_ANY_USER=1 . "$TLIB"
for f in json full table openmetrics folded; do
	parsed --format "$f" -o out prog
	expect_field format "$f"
	expect_field output out
done
expect_usage_error "syso-kagg: --format applies to the -o file: give -o FILE (or -o -)" --format full prog
expect_usage_error "syso-kagg: unknown --format 'xml' (json, full, table, openmetrics, folded)" --format xml -o out prog
expect_usage_error "syso-kagg: empty file name for -o" -o '' prog
