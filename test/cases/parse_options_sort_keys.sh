# -S takes count (also strace's "calls"), name, errors (with --errors) and
# time (with -T); the others are refused naming the four keys.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed -S name prog; expect_field sort name
parsed -S calls prog; expect_field sort count
parsed --sort=count prog; expect_field sort count
parsed --errors -S errors prog; expect_field sort errors
parsed -T -S time prog; expect_field sort time
expect_usage_error "syso-kagg: unknown sort key 'bogus' (count, name, errors, time)" -S bogus prog
expect_usage_error "syso-kagg: -S errors needs --errors" -S errors prog
expect_usage_error "syso-kagg: -S time needs -T" -S time prog
