/* 50 children, each 100 getpid() then _exit: 5000 getpid, 51 exit_group. */
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	for (int c = 0; c < 50; c++) {
		pid_t pid = fork();

		if (pid == 0) {
			for (int i = 0; i < 100; i++)
				getpid();
			_exit(0);
		}
		if (pid < 0)
			return 1;
	}
	while (wait(NULL) > 0)
		;
	return 0;
}
