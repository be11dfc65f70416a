# The tool exits with the target's status, 128+N for a signal, like strace.
. "$TLIB"
"$SYSO" -q "$TPROG/exit_with" 0; expect_status 0 $? "exit 0"
"$SYSO" -q "$TPROG/exit_with" 3; expect_status 3 $? "exit 3"
"$SYSO" -q "$TPROG/exit_with" -15; expect_status 143 $? "SIGTERM"
"$SYSO" -q "$TPROG/exit_with" -9; expect_status 137 $? "SIGKILL"
