# Rows with equal calls are in syscall number order, whatever order the
# objects gave them in: the block is the same from run to run.
RUNS_AS_ANY_USER=1 . "$TLIB"
summary "/lib/b 102 4
/bin/a 39 4
/lib/b 1 4
/bin/a 0 9"
expect_summary "all objects  21 calls, 4 syscalls" \
	"         calls       %  syscall" \
	"             9   42.86  read" \
	"             4   19.05  write" \
	"             4   19.05  getpid" \
	"             4   19.05  getuid" \
	""
