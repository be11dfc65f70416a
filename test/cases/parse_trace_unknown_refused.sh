# An unknown name, class, or a regex matching nothing: exit 2 and one line
# naming the value.
RUNS_AS_ANY_USER=1 . "$TLIB"
expect_set_refused nosuchcall "syso-kagg: -e trace=nosuchcall: unknown syscall 'nosuchcall'"
expect_set_refused write,nosuchcall "syso-kagg: -e trace=write,nosuchcall: unknown syscall 'nosuchcall'"
expect_set_refused %nosuchclass "syso-kagg: -e trace=%nosuchclass: unknown syscall class '%nosuchclass'"
expect_set_refused '/^zzz' "syso-kagg: -e trace=/^zzz: no syscall matches '^zzz'"
