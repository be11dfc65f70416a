# -e trace=SET, -e SET and --trace SET are one option: the last one given
# is the set counted (strace's rule), and -e with another qualifier is
# refused.
RUNS_AS_ANY_USER=1 . "$TLIB"
parsed -e trace=write -e getpid prog; expect_field trace getpid
parsed --trace %file -e trace=write prog; expect_field trace write
parsed -e 'trace=!write' prog; expect_field trace '!write'
HINT=0 expect_usage_error "syso-kagg: -e signal=all: only -e trace=SET is supported" -e signal=all prog
HINT=0 expect_usage_error "syso-kagg: -e trace=nosuch: unknown syscall 'nosuch'" -e write -e trace=nosuch prog
