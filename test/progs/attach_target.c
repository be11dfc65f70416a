/*
 * attach_target FIFO: blocks reading one byte from FIFO (so it can be
 * attached to while idle), then makes 100 getppid, forks a child that makes
 * 50 getpid, reaps it, and pauses until killed. Counted from an attach in
 * the read: getppid 100, getpid 50, clone 1, wait4 1, pause 1.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int fd = argc > 1 ? open(argv[1], O_RDONLY) : -1;
	char c;
	pid_t pid;

	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	for (int i = 0; i < 100; i++)
		getppid();
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 50; i++)
			getpid();
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	for (;;)
		pause();
}
