# --opt N, --opt=N and leading zeros give the same value; signs, hex,
# exponents, spaces and trailing text are refused (strtoul alone would
# take " 5", "+5" and "5x" as 5).
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed --sample 7 prog; expect_field sample 7
parsed --sample=7 prog; expect_field sample 7
parsed --sample 007 prog; expect_field sample 7
for v in +7 -7 " 7" 7x 0x7 7e0 ""; do
	expect_usage_error "syso-kagg: invalid value '$v' for --sample (expected 1..1000000)" --sample "$v" prog
done
