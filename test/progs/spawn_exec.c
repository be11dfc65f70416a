/* spawn_exec N PROG: N posix_spawn(PROG) from the executable, each child
 * waited for. The children's calls before exec (glibc's signal resets,
 * the execve) run libc code on the spawner's behalf. */
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 0;

	for (int i = 0; i < n; i++) {
		char *args[] = { argv[2], NULL };
		pid_t pid;

		if (posix_spawn(&pid, argv[2], NULL, NULL, args, environ) ||
		    waitpid(pid, NULL, 0) != pid)
			return 1;
	}
	return 0;
}
