# Options end at PROGRAM (or at --): what follows is PROGRAM's, even words
# that look like syso-kagg's own options.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed -q prog -o x.json --sample 0
expect_field output -none-
expect_field sample 1
[ "$(grep '^argv ' parsed.txt | tr '\n' ' ')" = "argv prog argv -o argv x.json argv --sample argv 0 " ] ||
	fail "argv: $(grep '^argv ' parsed.txt | tr '\n' ' ')"
parsed -q -- -dash-prog -q
[ "$(grep '^argv ' parsed.txt | tr '\n' ' ')" = "argv -dash-prog argv -q " ] ||
	fail "after --: $(grep '^argv ' parsed.txt | tr '\n' ' ')"
