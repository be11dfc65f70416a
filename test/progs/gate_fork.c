/* gate_fork FIFO N PIDFILE: block until a byte arrives on FIFO, then fork
 * a child that makes N getpid() and exits; wait for it and write its pid
 * to PIDFILE. Lets a test change the machine (pid_max, the next pid)
 * while the program is traced, before the child exists. Every call is
 * made from the executable:
 *   parent: openat, read, clone, wait4, openat, write, close, exit_group
 *   child:  set_robust_list (glibc's fork), N getpid, exit_group */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char c, buf[32];
	int fd, n, len;
	pid_t child;

	if (argc < 4)
		return 2;
	n = atoi(argv[2]);
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		for (int i = 0; i < n; i++)
			getpid();
		_exit(0);
	}
	if (waitpid(child, NULL, 0) != child)
		return 1;
	len = snprintf(buf, sizeof(buf), "%d\n", (int)child);
	fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, buf, len) != len)
		return 1;
	close(fd);
	return 0;
}
