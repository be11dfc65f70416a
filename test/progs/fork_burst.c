/* fork_burst N: N fork()s in a tight loop, faster than any userspace
 * follower; each child makes one getppid() and _exits at once. The parent
 * reaps nothing until all are forked. N getppid and N clone from the
 * executable, N+1 exit_group. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;

	for (int c = 0; c < n; c++) {
		pid_t pid = fork();

		if (pid == 0) {
			getppid();
			_exit(0);
		}
		if (pid < 0)
			return 1;
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
