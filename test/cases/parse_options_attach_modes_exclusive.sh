# One kind of run: -p, -a, --cgroup and a PROGRAM exclude each other, and
# the options of one kind are refused with another.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_usage_error "syso-kagg: give one of -p, -a and --cgroup" -p 5 -a
expect_usage_error "syso-kagg: give one of -p, -a and --cgroup" -a --cgroup /sys/fs/cgroup/x
expect_usage_error "syso-kagg: give either -p PID or a PROGRAM, not both" -p 5 prog
expect_usage_error "syso-kagg: give either -a/--cgroup or a PROGRAM, not both" -a prog
expect_usage_error "syso-kagg: -u applies to a PROGRAM started by syso-kagg, not to -p, -a or --cgroup" -u nobody -p 5
expect_usage_error "syso-kagg: --subreaper applies to a PROGRAM started by syso-kagg, not to -p, -a or --cgroup" --subreaper -a
expect_usage_error "syso-kagg: --descendants applies to -p" --descendants prog
expect_usage_error "syso-kagg: --duration applies to -p, -a and --cgroup runs" --duration 5 prog
expect_usage_error "syso-kagg: no PROGRAM to run" -q
parsed -p 5 --descendants --duration 3; expect_field duration 3
