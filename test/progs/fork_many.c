/* fork_many N K: N children, each K getpid() then _exit at once; the parent
 * reaps them as they go. N*K getpid and N clone from the executable. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000, k = argc > 2 ? atoi(argv[2]) : 3;

	for (int c = 0; c < n; c++) {
		pid_t pid = fork();

		if (pid == 0) {
			for (int i = 0; i < k; i++)
				getpid();
			_exit(0);
		}
		if (pid < 0)
			return 1;
		if (c % 16 == 15)
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
