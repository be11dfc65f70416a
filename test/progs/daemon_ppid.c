/* daemon_ppid FILE GATE N: start a daemon the classic way (fork, setsid,
 * fork, the middle process exits) and exit once it is orphaned. The daemon
 * writes "PPID PROGRAM_PID" to FILE (its getppid(): the process that
 * adopted it; and the pid of the program, gone soon after), waits for a
 * byte on the FIFO GATE, makes N getpid() and exits: it outlives the
 * program that started it. Every call is made from the executable:
 *   program: getpid, pipe2, clone, close, wait4, write, exit_group
 *   middle:  set_robust_list (glibc's fork, in the child), setsid, clone,
 *            exit_group
 *   daemon:  set_robust_list, read, getppid, openat, write, close, openat, read,
 *            N getpid, exit_group
 * (so N + 1 getpid in all) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void daemon_main(int orphaned, const char *file, const char *gate, int n)
{
	char buf[32], c;
	int fd, len, program;

	/* the program writes its pid once it has reaped the middle process,
	 * which the kernel does only after reparenting us: getppid() is final */
	if (read(orphaned, &program, sizeof(program)) != sizeof(program))
		_exit(1);
	len = snprintf(buf, sizeof(buf), "%d %d\n", (int)getppid(), program);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, buf, len) != len)
		_exit(1);
	close(fd);
	fd = open(gate, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &c, 1) != 1)
		_exit(1);
	for (int i = 0; i < n; i++)
		getpid();
	_exit(0);
}

int main(int argc, char **argv)
{
	int p[2], self = getpid();
	pid_t middle;

	if (argc < 4 || pipe2(p, O_CLOEXEC))
		return 2;
	middle = fork();
	if (middle < 0)
		return 1;
	if (middle == 0) {
		setsid();
		if (fork() == 0)
			daemon_main(p[0], argv[1], argv[2], atoi(argv[3]));
		_exit(0);
	}
	close(p[0]);
	if (waitpid(middle, NULL, 0) != middle || write(p[1], &self, sizeof(self)) != sizeof(self))
		return 1;
	return 0;
}
