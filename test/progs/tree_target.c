/*
 * tree_target FIFO: a process tree that exists before an attach. The
 * parent forks a child, which forks a grandchild; child and grandchild
 * each block reading one byte from FIFO while the parent waits for the
 * child. Once released: the grandchild makes 50 getpid; the child 100
 * getppid and reaps it; the parent, after the child is gone, 10 getuid,
 * then pauses until killed. Counted from an attach while all block:
 * getppid 100, getpid 50, wait4 1, exit_group 2, getuid 10, pause 1.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

static int wait_byte(const char *fifo)
{
	int fd = open(fifo, O_RDONLY);
	char c;

	return fd >= 0 && read(fd, &c, 1) == 1;
}

int main(int argc, char **argv)
{
	pid_t child, grandchild;

	if (argc < 2)
		return 1;
	child = fork();
	if (child == 0) {
		grandchild = fork();
		if (grandchild == 0) {
			if (!wait_byte(argv[1]))
				_exit(1);
			for (int i = 0; i < 50; i++)
				getpid();
			_exit(0);
		}
		if (!wait_byte(argv[1]))
			_exit(1);
		for (int i = 0; i < 100; i++)
			getppid();
		waitpid(grandchild, NULL, 0);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	for (int i = 0; i < 10; i++)
		getuid();
	for (;;)
		pause();
}
