# --hist is a histogram of the times -T measures: it turns -T on.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed --hist prog
expect_field hist 1
expect_field time 1
parsed -T prog
expect_field hist 0
expect_field time 1
