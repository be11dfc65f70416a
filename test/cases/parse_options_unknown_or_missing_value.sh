# An unknown option, or one missing its value: exit 2, a line naming it,
# the --help hint.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_usage_error "syso-kagg: unknown option '--bogus'" --bogus prog
expect_usage_error "syso-kagg: unknown option '-Z'" -Z prog
expect_usage_error "syso-kagg: option '-o' needs a value" -o
expect_usage_error "syso-kagg: option '--max-counts' needs a value" --max-counts
expect_usage_error "syso-kagg: unknown --walker 'dwarf' (cfi, scan)" --walker dwarf prog
parsed --walker scan prog; expect_field walker_scan 1
