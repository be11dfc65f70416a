# -p takes a comma-separated list of PIDs (1..4194304), up to 64, and also
# several -p; PID 1 only with --force.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed -p 5,4194304 -p 7
[ "$(grep '^pid ' parsed.txt | tr '\n' ' ')" = "pid 5 pid 4194304 pid 7 " ] || fail "pids: $(grep '^pid ' parsed.txt | tr '\n' ' ')"
grep -q '^argv ' parsed.txt && fail "-p run has a PROGRAM: $(grep '^argv ' parsed.txt)"
parsed -p "$(seq -s, 2 65)"
[ "$(grep -c '^pid ' parsed.txt)" = 64 ] || fail "64 PIDs: $(grep -c '^pid ' parsed.txt)"
expect_usage_error "syso-kagg: too many PIDs for -p (at most 64)" -p "$(seq -s, 2 66)"
expect_usage_error "syso-kagg: -p needs a PID" -p ,
expect_usage_error "syso-kagg: refusing to attach to PID 1 without --force" -p 1
parsed --force -p 1; expect_field "pid" 1
